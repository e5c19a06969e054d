// RFC 4180 CSV records over a TextReader: quoted fields with delimiters,
// doubled quotes and line breaks inside, any one-character delimiter.
#pragma once

#include <deque>
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
  // Lines the last record spanned (more than one when a quoted field holds
  // line breaks).
  size_t record_lines() const { return record_lines_.size(); }
  // Gives back every line of the last record but its first, to be read
  // again as records of their own: when a multi-line record turns out
  // broken (a stray quote opened a field that swallowed the next lines),
  // only its first line is lost. Returns the number of lines given back.
  size_t resync();
  char delimiter() const { return delimiter_; }

  // A quoted field longer than this is taken for a broken file (a quote
  // never closed swallows the rest of it).
  static constexpr size_t kMaxFieldBytes = 16 * 1024 * 1024;

 private:
  struct Line {
    std::string text;
    size_t number;
  };
  bool fetch(std::string& line);  // the next line, given back ones first

  TextReader& in_;
  char delimiter_;
  size_t first_line_ = 0;
  size_t line_ = 0;                        // number of the line last fetched
  std::vector<std::string> record_lines_;  // raw lines of the last record
  std::deque<Line> given_back_;
};

}  // namespace spro::indexer
