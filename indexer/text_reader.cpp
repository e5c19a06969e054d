#include "text_reader.h"

#include <unicode/ucnv.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace spro::indexer {
namespace {

constexpr size_t kChunk = 1 << 16;

// UTF-8 unless the sample has invalid sequences and no valid multi-byte
// one: a UTF-8 file with one corrupt line stays UTF-8 (the line is then
// reported), a Latin-1 file is recognised as such.
bool looks_utf8(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  size_t valid_multibyte = 0, invalid = 0;
  while (i < n) {
    UChar32 c;
    int32_t start = i;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      // A sequence cut by the end of the sample is not an error.
      if (!(n - start < 4 && i >= n)) ++invalid;
    } else if (i - start > 1) {
      ++valid_multibyte;
    }
  }
  return invalid == 0 || valid_multibyte > 0;
}

// UTF-16 without a byte order mark: text in Latin script has a NUL in
// almost every other byte, which no UTF-8 or 8-bit text has.
std::string utf16_by_nul_bytes(std::string_view s) {
  if (s.size() < 4) return {};
  size_t even = 0, odd = 0, pairs = s.size() / 2;
  for (size_t i = 0; i + 1 < s.size(); i += 2) {
    even += s[i] == '\0';
    odd += s[i + 1] == '\0';
  }
  if (odd * 10 >= pairs * 9 && even * 10 < pairs) return "UTF-16LE";
  if (even * 10 >= pairs * 9 && odd * 10 < pairs) return "UTF-16BE";
  return {};
}

// French legacy files are Windows-1252 or ISO-8859-15 in practice. They
// differ where French needs them: € and œ are 0x80 and 0x9C in
// Windows-1252, 0xA4 and 0xBD in ISO-8859-15, where 0x80-0x9F are unused
// control characters. So ISO-8859-15 only when its letters are there and
// no Windows-1252 byte is; Windows-1252 otherwise (the superset of
// ISO-8859-1 that most exports really are).
std::string detect_legacy(std::string_view sample) {
  bool iso_letters = false;
  for (unsigned char c : sample) {
    if (c >= 0x80 && c <= 0x9F) return "windows-1252";
    if (c == 0xA4 || c == 0xBD || c == 0xBC) iso_letters = true;
  }
  return iso_letters ? "ISO-8859-15" : "windows-1252";
}

std::string bom_encoding(std::string_view sample) {
  if (sample.starts_with("\xEF\xBB\xBF")) return "UTF-8";
  if (sample.starts_with("\xFF\xFE")) return "UTF-16LE";
  if (sample.starts_with("\xFE\xFF")) return "UTF-16BE";
  return {};
}

}  // namespace

std::string detect_encoding(std::string_view sample) {
  if (std::string bom = bom_encoding(sample); !bom.empty()) return bom;
  if (std::string utf16 = utf16_by_nul_bytes(sample); !utf16.empty()) return utf16;
  return looks_utf8(sample) ? "UTF-8" : detect_legacy(sample);
}

bool is_known_encoding(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* c = ucnv_open(std::string(name).c_str(), &status);
  if (c) ucnv_close(c);
  return U_SUCCESS(status);
}

std::string decode_to_utf8(std::string_view bytes, std::string_view encoding) {
  std::string enc = encoding.empty() || encoding == "auto" ? detect_encoding(bytes) : std::string(encoding);
  if (std::string bom = bom_encoding(bytes); !bom.empty()) {
    enc = bom;
    bytes.remove_prefix(bom == "UTF-8" ? 3 : 2);
  }
  if (ucnv_compareNames(enc.c_str(), "UTF-8") == 0) return std::string(bytes);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* from = ucnv_open(enc.c_str(), &status);
  if (U_FAILURE(status)) return std::string(bytes);
  // A sample may end inside a character: flush=false keeps it out.
  std::string out(bytes.size() * 3 + 4, '\0');
  int32_t n = ucnv_toAlgorithmic(UCNV_UTF8, from, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &status);
  ucnv_close(from);
  if (U_FAILURE(status)) return std::string(bytes);
  out.resize(static_cast<size_t>(n));
  return out;
}

Result<std::string> read_text_file(const std::string& path, std::string_view encoding, size_t max_bytes) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::not_found(path + ": cannot open: " + std::strerror(errno));
  std::string bytes;
  char chunk[1 << 16];
  size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0 && bytes.size() <= max_bytes) bytes.append(chunk, n);
  bool failed = std::ferror(f);
  int error = errno;
  std::fclose(f);
  if (failed) return Status::io_error(path + ": cannot read: " + std::strerror(error));
  if (bytes.size() > max_bytes) {
    return Status::invalid_argument(path + ": over " + std::to_string(max_bytes >> 20) + " MB, too large to read whole");
  }
  return decode_to_utf8(bytes, encoding);
}

Result<std::string> read_head(const std::string& path, size_t max_bytes) {
  if (!path.ends_with(".gz")) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return Status::not_found(path + ": cannot open: " + std::strerror(errno));
    std::string head(max_bytes, '\0');
    size_t n = std::fread(head.data(), 1, head.size(), f);
    bool failed = std::ferror(f);
    int error = errno;
    std::fclose(f);
    if (failed) return Status::io_error(path + ": cannot read: " + std::strerror(error));
    head.resize(n);
    return head;
  }
  gzFile in = ::gzopen(path.c_str(), "rb");  // reads an uncompressed file as it is
  if (!in) return Status::not_found(path + ": cannot open: " + std::strerror(errno));
  std::string head(max_bytes, '\0');
  int n = ::gzread(in, head.data(), static_cast<unsigned>(head.size()));
  int err = 0;
  std::string message = n < 0 ? ::gzerror(in, &err) : "";
  ::gzclose(in);
  if (n < 0) {
    if (err == Z_ERRNO) return Status::io_error(path + ": cannot read: " + std::strerror(errno));
    return Status::invalid_argument(path + ": broken gzip data (" + message + ")");
  }
  head.resize(static_cast<size_t>(n));
  return head;
}

Status gunzip(const std::string& path, const std::string& target, size_t max_bytes) {
  gzFile in = ::gzopen(path.c_str(), "rb");
  if (!in) return Status::not_found(path + ": cannot open: " + std::strerror(errno));
  std::FILE* out = std::fopen(target.c_str(), "wb");
  if (!out) {
    ::gzclose(in);
    return Status::io_error(target + ": cannot write: " + std::strerror(errno));
  }
  std::vector<char> buf(kChunk);
  size_t total = 0;
  Status result;
  while (true) {
    int n = ::gzread(in, buf.data(), static_cast<unsigned>(buf.size()));
    if (n < 0) {
      int err = 0;
      const char* message = ::gzerror(in, &err);
      result = Status::invalid_argument(path + ": broken gzip data (" + message + "), nothing of it indexed");
      break;
    }
    if (n == 0) break;
    total += static_cast<size_t>(n);
    if (total > max_bytes) {
      result = Status::invalid_argument(path + ": decompresses to more than " + std::to_string(max_bytes >> 20) +
                                        " MiB: refused (a decompression bomb?)");
      break;
    }
    if (std::fwrite(buf.data(), 1, static_cast<size_t>(n), out) != static_cast<size_t>(n)) {
      result = Status::io_error(target + ": cannot write: " + std::strerror(errno));
      break;
    }
  }
  ::gzclose(in);
  if (std::fclose(out) != 0 && result.ok()) result = Status::io_error(target + ": cannot write");
  return result;
}

Result<std::unique_ptr<TextReader>> TextReader::open(const std::string& path, std::string_view encoding) {
  std::unique_ptr<TextReader> r(new TextReader());
  if (path == "-") {
    r->file_ = stdin;
  } else {
    r->file_ = std::fopen(path.c_str(), "rb");
    if (!r->file_) return Status::not_found(path + ": cannot open: " + std::strerror(errno));
    r->owns_file_ = true;
  }
  // Read a first chunk to find the encoding.
  std::string sample(kChunk, '\0');
  size_t n = std::fread(sample.data(), 1, sample.size(), r->file_);
  sample.resize(n);
  r->bytes_read_ = n;
  if (std::ferror(r->file_)) return Status::io_error(path + ": read error: " + std::strerror(errno));
  std::string enc(encoding);
  if (enc.empty() || enc == "auto") {
    enc = detect_encoding(sample);
  } else if (ucnv_compareNames(enc.c_str(), "UTF-8") == 0) {
    // UTF-8 is what most importers assume; a byte order mark or UTF-16's
    // NUL bytes say otherwise for sure.
    if (std::string bom = bom_encoding(sample); !bom.empty()) enc = bom;
    else if (std::string utf16 = utf16_by_nul_bytes(sample); !utf16.empty()) enc = utf16;
  }
  if (sample.starts_with("\xEF\xBB\xBF")) sample.erase(0, 3);
  if ((enc == "UTF-16LE" && sample.starts_with("\xFF\xFE")) || (enc == "UTF-16BE" && sample.starts_with("\xFE\xFF"))) {
    sample.erase(0, 2);
  }
  r->encoding_ = enc;
  r->pending_ = std::move(sample);
  if (ucnv_compareNames(enc.c_str(), "UTF-8") != 0) {
    UErrorCode status = U_ZERO_ERROR;
    r->source_ = ucnv_open(enc.c_str(), &status);
    if (U_FAILURE(status)) return Status::invalid_argument(path + ": unknown encoding '" + enc + "'");
    r->utf8_ = ucnv_open("UTF-8", &status);
    if (U_FAILURE(status)) return Status::internal("ICU cannot open a UTF-8 converter");
  }
  return r;
}

TextReader::~TextReader() {
  if (source_) ucnv_close(source_);
  if (utf8_) ucnv_close(utf8_);
  if (owns_file_ && file_) std::fclose(file_);
}

bool TextReader::fill() {
  std::string raw;
  if (!pending_.empty()) {
    raw = std::move(pending_);
    pending_.clear();
  } else if (!eof_) {
    raw.resize(kChunk);
    size_t n = std::fread(raw.data(), 1, raw.size(), file_);
    raw.resize(n);
    bytes_read_ += n;
    if (std::ferror(file_)) {
      status_ = Status::io_error(std::string("read error: ") + std::strerror(errno));
      eof_ = true;
      return false;
    }
    if (n == 0) eof_ = true;
  }
  if (raw.empty() && eof_ && !source_) return false;
  // Drop what was already returned before appending.
  buffer_.erase(0, buffer_pos_);
  buffer_pos_ = 0;
  if (!source_) {
    buffer_ += raw;
    return !raw.empty();
  }
  // Convert, keeping the converter's state between chunks (a multi-byte
  // character may straddle two of them).
  const char* src = raw.data();
  const char* src_end = src + raw.size();
  if (pivot_.empty()) {
    pivot_.resize(1024);
    pivot_source_ = pivot_target_ = pivot_.data();
  }
  bool produced = false;
  std::vector<char> out(kChunk * 4);
  UErrorCode status = U_BUFFER_OVERFLOW_ERROR;
  // Loop while the output buffer fills up.
  while (status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
    char* target = out.data();
    ucnv_convertEx(utf8_, source_, &target, out.data() + out.size(), &src, src_end, pivot_.data(), &pivot_source_,
                   &pivot_target_, pivot_.data() + pivot_.size(), first_conversion_, eof_, &status);
    first_conversion_ = false;
    buffer_.append(out.data(), target - out.data());
    produced |= target != out.data();
  }
  if (U_FAILURE(status)) {
    status_ = Status::io_error(std::string("cannot convert from ") + encoding_ + ": " + u_errorName(status));
    eof_ = true;
    return false;
  }
  return produced || !raw.empty();
}

bool TextReader::next_line(std::string& line) {
  while (true) {
    size_t end = buffer_.find_first_of("\r\n", buffer_pos_);
    // A CR last in the buffer may be the first half of a CRLF: read on.
    bool cr_at_edge = end != std::string::npos && buffer_[end] == '\r' && end + 1 == buffer_.size() && !(eof_ && pending_.empty());
    if (end != std::string::npos && !cr_at_edge) {
      line.assign(buffer_, buffer_pos_, end - buffer_pos_);
      buffer_pos_ = end + 1;
      // CRLF is one line end; a lone CR (old Mac exports) is one too.
      if (buffer_[end] == '\r' && buffer_pos_ < buffer_.size() && buffer_[buffer_pos_] == '\n') ++buffer_pos_;
      ++line_number_;
      return true;
    }
    if (eof_ && pending_.empty()) {
      if (buffer_pos_ < buffer_.size()) {  // a last line without end
        line.assign(buffer_, buffer_pos_, std::string::npos);
        buffer_pos_ = buffer_.size();
        ++line_number_;
        return true;
      }
      return false;
    }
    if (!fill() && eof_ && pending_.empty() && buffer_pos_ >= buffer_.size()) return false;
  }
}

bool TextReader::next_nonblank_line(std::string& line) {
  while (next_line(line)) {
    if (line.find_first_not_of(" \t") != std::string::npos) return true;
  }
  return false;
}

}  // namespace spro::indexer
