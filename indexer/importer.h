// The Importer interface: one implementation per input format, each
// streaming records one at a time so a large export never sits in memory.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spro/resource.h"
#include "spro/status.h"

namespace spro::indexer {

// One record read from an input, valid or not.
struct ImportedRecord {
  std::string location;  // "file:line" or "file:record N", for messages
  std::string id;        // the record's id when it could be read, for reports
  std::optional<Resource> resource;  // set when the record is valid
  std::vector<FieldError> errors;    // why it is not, one entry per problem
};

class Importer {
 public:
  virtual ~Importer() = default;
  // Reads the next record into `out`. Returns false at the end of the input.
  // A problem with one record is reported in `out.errors`; a problem that
  // stops the whole input (unreadable file) is returned by status().
  virtual bool next(ImportedRecord& out) = 0;
  // OK unless the input could not be read to its end.
  virtual Status status() const = 0;
};

// The importer for `format` ("jsonl") reading `path` ("-" for standard
// input). NotFound for an unreadable file, InvalidArgument for an unknown
// format.
Result<std::unique_ptr<Importer>> open_importer(std::string_view format, const std::string& path);

// The formats open_importer() knows.
std::vector<std::string> importer_formats();

}  // namespace spro::indexer
