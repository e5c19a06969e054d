// Reads a text file line by line as UTF-8, whatever its encoding: UTF-8
// with or without BOM, UTF-16 with BOM, or a legacy 8-bit charset
// (Windows-1252, ISO-8859-15...) detected by ICU or named by the source.
// Streams: the file is never held in memory whole.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "spro/status.h"

struct UConverter;

namespace spro::indexer {

class TextReader {
 public:
  // `encoding`: "auto" (detect), or an ICU converter name ("UTF-8",
  // "windows-1252", "ISO-8859-15"). "-" reads standard input.
  static Result<std::unique_ptr<TextReader>> open(const std::string& path, std::string_view encoding = "auto");
  ~TextReader();

  // The next line, without its end (LF or CRLF), in UTF-8. False at the end.
  // A UTF-8 input is passed through unchanged, so invalid bytes stay for the
  // record parser to report with their line.
  bool next_line(std::string& line);
  // The next line with something other than spaces and tabs (JSON Lines
  // records). False at the end.
  bool next_nonblank_line(std::string& line);
  // Number of the line last returned (1-based).
  size_t line_number() const { return line_number_; }
  // The encoding read ("UTF-8", "windows-1252"...).
  const std::string& encoding() const { return encoding_; }
  // OK unless reading failed (an I/O error, not bad content).
  const Status& status() const { return status_; }
  // Bytes read from the file so far, for progress reports.
  size_t bytes_read() const { return bytes_read_; }

 private:
  TextReader() = default;
  bool fill();  // reads and converts the next chunk into buffer_

  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  UConverter* source_ = nullptr;  // null for UTF-8 input
  UConverter* utf8_ = nullptr;
  std::string encoding_;
  std::string pending_;  // raw bytes read during detection, not yet used
  // Conversion state kept across chunks: a multi-byte character may straddle two.
  std::vector<char16_t> pivot_;
  char16_t* pivot_source_ = nullptr;
  char16_t* pivot_target_ = nullptr;
  bool first_conversion_ = true;
  std::string buffer_;   // UTF-8 text not yet returned
  size_t buffer_pos_ = 0;
  bool eof_ = false;
  size_t line_number_ = 0;
  size_t bytes_read_ = 0;
  Status status_;
};

}  // namespace spro::indexer
