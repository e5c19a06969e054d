#include "importers/csv_table.h"

#include <algorithm>

namespace spro::indexer {
namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string drop_bom(std::string s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.erase(0, 3);
  return s;
}

}  // namespace

Result<std::unique_ptr<CsvTable>> CsvTable::open(const std::string& path, const SourceOptions& options, char delimiter,
                                                 std::initializer_list<std::string_view> required) {
  auto in = TextReader::open(path, options.encoding);
  if (!in.ok()) return in.status();
  auto table = std::unique_ptr<CsvTable>(new CsvTable());
  table->path_ = path;
  table->in_ = std::move(*in);
  table->csv_ = std::make_unique<CsvReader>(*table->in_, options.delimiter ? options.delimiter : delimiter);
  std::vector<std::string> header;
  std::string error;
  if (!table->csv_->next(header, error)) {
    Status s = table->in_->status();
    return s.ok() ? Status::invalid_argument(path + ": empty file (no header row)") : s;
  }
  if (!header.empty()) header[0] = drop_bom(header[0]);
  for (size_t i = 0; i < header.size(); ++i) table->columns_.emplace(trim(header[i]), i);
  table->width_ = header.size();
  for (std::string_view column : required) {
    if (!table->columns_.contains(std::string(column))) {
      return Status::invalid_argument(path + ":" + std::to_string(table->csv_->first_line()) + ": no column '" +
                                      std::string(column) + "' in the header");
    }
  }
  return table;
}

bool CsvTable::next(std::string& error) {
  if (!csv_->next(fields_, error)) return false;
  if (error.empty() && fields_.size() != width_) {
    if (csv_->record_lines() > 1) {
      // A quote opened a field that ran over the next lines: read them again.
      size_t first = csv_->first_line();
      size_t given_back = csv_->resync();
      error = "a stray quote opened a field that ran to line " + std::to_string(first + given_back) +
              "; reading resumes at line " + std::to_string(first + 1) + " (this row lost, 1 line)";
    } else {
      error = std::to_string(fields_.size()) + " fields where the header has " + std::to_string(width_);
    }
  } else if (!error.empty() && csv_->record_lines() > 1) {
    size_t first = csv_->first_line();
    size_t given_back = csv_->resync();
    error += "; lines " + std::to_string(first + 1) + "-" + std::to_string(first + given_back) +
             " are read again (this row lost, 1 line)";
  }
  return true;
}

std::string CsvTable::operator[](std::string_view column) const {
  auto it = columns_.find(std::string(column));
  if (it == columns_.end() || it->second >= fields_.size()) return {};
  return trim(fields_[it->second]);
}

bool header_has_columns(std::string_view head, char delimiter, std::initializer_list<std::string_view> columns) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  std::string_view line = head.substr(0, head.find('\n'));
  std::vector<std::string> names;
  std::string cell;
  for (char c : line) {
    if (c == delimiter) {
      names.push_back(trim(cell));
      cell.clear();
    } else if (c != '"' && c != '\r') {
      cell += c;
    }
  }
  names.push_back(trim(cell));
  return std::all_of(columns.begin(), columns.end(), [&](std::string_view c) {
    return std::find(names.begin(), names.end(), c) != names.end();
  });
}

bool CsvRowImporter::next(ImportedRecord& out) {
  std::string error;
  if (!table_->next(error)) return false;
  out = ImportedRecord{};
  out.location = table_->location();
  if (!error.empty()) {
    out.errors.push_back({"", error});
    return true;
  }
  read_row(*table_, out);
  return true;
}

}  // namespace spro::indexer
