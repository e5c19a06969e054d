// Reads a text file line by line as UTF-8, whatever its encoding: UTF-8
// with or without BOM, UTF-16 (with a BOM, or recognised by its NUL bytes),
// or a legacy 8-bit charset (Windows-1252, ISO-8859-15) detected from its
// bytes or named by the source. Lines end with LF, CRLF or a lone CR.
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

// The encoding of a file whose first bytes are `sample`, when nobody names
// it. A byte order mark wins; then UTF-16 without BOM (every other byte
// NUL); then UTF-8 if the bytes are valid UTF-8; else ISO-8859-15 when the
// bytes say so (0xA4 for €, 0xBD for œ, 0xBC for Œ, and no 0x80-0x9F byte,
// which ISO-8859-15 leaves to control characters); else windows-1252.
std::string detect_encoding(std::string_view sample);

// True when ICU has a converter of that name ("ISO-8859-15", "latin9"...).
bool is_known_encoding(std::string_view name);

// `bytes` (a whole sample) decoded to UTF-8, byte order mark removed;
// `encoding` "auto" detects as above. Malformed bytes become U+FFFD.
std::string decode_to_utf8(std::string_view bytes, std::string_view encoding = "auto");

// The whole file `path` decoded to UTF-8 (`encoding` as for TextReader), for
// formats parsed whole (JSON documents, YAML). A file over `max_bytes` is
// refused (InvalidArgument) rather than held in memory; NotFound / IoError
// when it cannot be read.
Result<std::string> read_text_file(const std::string& path, std::string_view encoding = "auto",
                                   size_t max_bytes = size_t{512} << 20);

// At most `max_bytes` of the file's start; a .gz file is decompressed
// (NotFound / IoError when it cannot be read, InvalidArgument for a broken
// gzip stream).
Result<std::string> read_head(const std::string& path, size_t max_bytes);

// Decompresses the gzip file `path` into `target`. Refuses (InvalidArgument)
// a broken stream, and an output over `max_bytes` (a decompression bomb).
Status gunzip(const std::string& path, const std::string& target, size_t max_bytes);

class TextReader {
 public:
  // `encoding`: "auto" (detect_encoding()), or an ICU converter name
  // ("UTF-8", "windows-1252", "ISO-8859-15"). A byte order mark, or
  // UTF-16's NUL bytes, win over "UTF-8": they are not a guess.
  // "-" reads standard input.
  static Result<std::unique_ptr<TextReader>> open(const std::string& path, std::string_view encoding = "auto");
  ~TextReader();

  // The next line, without its end (LF, CRLF or CR), in UTF-8. False at the end.
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
