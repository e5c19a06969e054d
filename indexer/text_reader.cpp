#include "text_reader.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

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

// The charset of a non-UTF-8 sample. French legacy files are Windows-1252
// or ISO-8859-15 in practice; ICU reports both as ISO-8859-1 or
// windows-1252, and Windows-1252 is the safe superset for French (œ, €, ’).
std::string detect_legacy(std::string_view sample) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  std::string name = "windows-1252";
  if (U_SUCCESS(status)) {
    ucsdet_setText(det, sample.data(), static_cast<int32_t>(sample.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(det, &status);
    if (U_SUCCESS(status) && match) {
      std::string found = ucsdet_getName(match, &status);
      if (U_SUCCESS(status) && found != "ISO-8859-1" && found != "UTF-8") name = found;
    }
    ucsdet_close(det);
  }
  return name;
}

}  // namespace

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
    if (sample.starts_with("\xEF\xBB\xBF")) {
      enc = "UTF-8";
    } else if (sample.starts_with("\xFF\xFE")) {
      enc = "UTF-16LE";
    } else if (sample.starts_with("\xFE\xFF")) {
      enc = "UTF-16BE";
    } else {
      enc = looks_utf8(sample) ? "UTF-8" : detect_legacy(sample);
    }
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
    size_t nl = buffer_.find('\n', buffer_pos_);
    if (nl != std::string::npos) {
      line.assign(buffer_, buffer_pos_, nl - buffer_pos_);
      buffer_pos_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      ++line_number_;
      return true;
    }
    if (eof_ && pending_.empty()) {
      if (buffer_pos_ < buffer_.size()) {  // a last line without end
        line.assign(buffer_, buffer_pos_, std::string::npos);
        buffer_pos_ = buffer_.size();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        ++line_number_;
        return true;
      }
      return false;
    }
    if (!fill() && eof_ && buffer_pos_ >= buffer_.size()) return false;
  }
}

bool TextReader::next_nonblank_line(std::string& line) {
  while (next_line(line)) {
    if (line.find_first_not_of(" \t") != std::string::npos) return true;
  }
  return false;
}

}  // namespace spro::indexer
