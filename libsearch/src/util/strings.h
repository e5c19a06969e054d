// Small string helpers shared inside libsearch.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace spro::util {

// True for a non-empty string of ASCII digits only.
inline bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// True for the second, third or fourth byte of a UTF-8 sequence.
inline bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The largest UTF-8 sequence boundary at or before `n` (s.size() beyond it).
inline size_t utf8_boundary_before(std::string_view s, size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && is_utf8_continuation(s[n])) --n;
  return n;
}

// Where the UTF-8 sequence starting at `i` ends (one past its last byte).
inline size_t utf8_sequence_end(std::string_view s, size_t i) {
  size_t end = i + 1;
  while (end < s.size() && is_utf8_continuation(s[end])) ++end;
  return end;
}

}  // namespace spro::util
