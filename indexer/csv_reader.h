// RFC 4180 CSV records over a TextReader: quoted fields with delimiters,
// doubled quotes and line breaks inside, any one-character delimiter.
#pragma once

#include <string>
#include <vector>

#include "text_reader.h"

namespace spro::indexer {

class CsvReader {
 public:
  // `delimiter` 0: detected from the first line (the most frequent of
  // , ; tab |, outside quotes).
  CsvReader(TextReader& in, char delimiter = 0) : in_(in), delimiter_(delimiter) {}

  // Reads the next non-empty record. Returns false at the end. A broken
  // record (a quote never closed, a field over kMaxFieldBytes) is returned
  // with `error` set, so the caller can report it with `first_line()` and
  // go on with the next one.
  bool next(std::vector<std::string>& fields, std::string& error);

  // Line where the last record returned started (1-based).
  size_t first_line() const { return first_line_; }
  char delimiter() const { return delimiter_; }

  // A quoted field longer than this is taken for a broken file (a quote
  // never closed swallows the rest of it).
  static constexpr size_t kMaxFieldBytes = 16 * 1024 * 1024;

 private:
  TextReader& in_;
  char delimiter_;
  size_t first_line_ = 0;
};

}  // namespace spro::indexer
