#include "csv_reader.h"

#include <array>

namespace spro::indexer {
namespace {

char detect_delimiter(const std::string& line) {
  std::array<char, 4> candidates{',', ';', '\t', '|'};
  std::array<size_t, 4> counts{};
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    for (size_t i = 0; i < candidates.size(); ++i) counts[i] += c == candidates[i];
  }
  size_t best = 0;
  for (size_t i = 1; i < counts.size(); ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return candidates[best];
}

}  // namespace

bool CsvReader::fetch(std::string& line) {
  if (!given_back_.empty()) {
    line = std::move(given_back_.front().text);
    line_ = given_back_.front().number;
    given_back_.pop_front();
  } else {
    if (!in_.next_line(line)) return false;
    line_ = in_.line_number();
  }
  record_lines_.push_back(line);
  return true;
}

size_t CsvReader::resync() {
  size_t n = record_lines_.size();
  for (size_t i = n; i-- > 1;) given_back_.push_front({std::move(record_lines_[i]), first_line_ + i});
  record_lines_.clear();
  return n > 0 ? n - 1 : 0;
}

bool CsvReader::next(std::vector<std::string>& fields, std::string& error) {
  fields.clear();
  error.clear();
  std::string line;
  do {
    record_lines_.clear();
    if (!fetch(line)) return false;
  } while (line.empty());
  first_line_ = line_;
  if (delimiter_ == 0) delimiter_ = detect_delimiter(line);

  std::string field;
  bool quoted = false;       // inside a quoted field
  bool was_quoted = false;   // the current field started with a quote
  size_t i = 0;
  while (true) {
    if (i >= line.size()) {
      if (!quoted) break;
      // A line break inside a quoted field: the record goes on.
      std::string more;
      if (!fetch(more)) {
        error = "quoted field never closed (the file may be truncated)";
        fields.push_back(std::move(field));
        return true;
      }
      if (field.size() > kMaxFieldBytes) {
        error = "quoted field over " + std::to_string(kMaxFieldBytes) + " bytes: a quote is probably never closed";
        // Resume reading after this line; what follows is unreliable until
        // the next record boundary, which the reader cannot know.
        fields.push_back(std::move(field));
        return true;
      }
      field += '\n';
      line = std::move(more);
      i = 0;
      continue;
    }
    char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == delimiter_) {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = true;
      was_quoted = true;
    } else {
      field += c;
    }
    ++i;
  }
  fields.push_back(std::move(field));
  return true;
}

}  // namespace spro::indexer
