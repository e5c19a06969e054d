// A partner CSV file with a header row, read row by row with its columns
// by name: what every native CSV importer shares. Broken rows (a quote
// never closed, a stray quote, a wrong number of fields) come back with an
// error naming their line, and reading goes on with the next row.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "csv_reader.h"
#include "importer.h"

namespace spro::indexer {

class CsvTable {
 public:
  // Opens `path` and reads its header. `delimiter` 0 detects it. Every
  // column of `required` must be in the header (InvalidArgument names the
  // missing one). A byte-order mark is dropped.
  static Result<std::unique_ptr<CsvTable>> open(const std::string& path, const SourceOptions& options, char delimiter,
                                                std::initializer_list<std::string_view> required);

  // Reads the next row. False at the end. A broken row sets `error`; after a
  // stray quote the lines it swallowed are read again, and the error says
  // how many lines the broken row cost.
  bool next(std::string& error);
  // The value of `column` in the current row ("" for a column not in the
  // header), spaces trimmed.
  std::string operator[](std::string_view column) const;
  bool has_column(std::string_view column) const { return columns_.contains(std::string(column)); }
  // "path:line" of the current row.
  std::string location() const { return path_ + ":" + std::to_string(csv_->first_line()); }
  const std::string& path() const { return path_; }
  Status status() const { return in_->status(); }
  size_t bytes_read() const { return in_->bytes_read(); }

 private:
  std::string path_;
  std::unique_ptr<TextReader> in_;
  std::unique_ptr<CsvReader> csv_;
  std::unordered_map<std::string, size_t> columns_;
  size_t width_ = 0;
  std::vector<std::string> fields_;
};

// A native CSV importer: one record per row of a CsvTable. A broken row
// becomes a record holding its error; every other row is handed to
// read_row(). Subclasses say only how a row becomes a resource.
class CsvRowImporter : public Importer {
 public:
  CsvRowImporter(std::unique_ptr<CsvTable> table, SourceOptions options)
      : table_(std::move(table)), options_(std::move(options)) {}
  bool next(ImportedRecord& out) final;
  Status status() const final { return table_->status(); }
  size_t bytes_read() const final { return table_->bytes_read(); }

 protected:
  // Fills `out` (new, its location set) from the current `row`: a resource,
  // or errors saying why the row is refused.
  virtual void read_row(const CsvTable& row, ImportedRecord& out) = 0;
  const SourceOptions& options() const { return options_; }

 private:
  std::unique_ptr<CsvTable> table_;
  SourceOptions options_;
};

}  // namespace spro::indexer
