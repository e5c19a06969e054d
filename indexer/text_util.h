// Small text helpers shared by the importers.
#pragma once

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spro::indexer {

// Every run of white space (spaces, tabs, line breaks) becomes one space;
// none at either end. Multi-line quoted addresses become one line.
inline std::string squeeze_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

// The pieces of `s` between any of the `separators` (each one character),
// spaces trimmed, empty pieces left out.
inline std::vector<std::string> split_any(std::string_view s, std::string_view separators) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || separators.find(s[i]) != std::string_view::npos) {
      std::string piece = squeeze_spaces(s.substr(start, i - start));
      if (!piece.empty()) out.push_back(std::move(piece));
      start = i + 1;
    }
  }
  return out;
}

// A finite decimal number, or nullopt ("", "abc", "1e400", "nan").
inline std::optional<double> parse_number(std::string_view s) {
  std::string text = squeeze_spaces(s);
  if (text.empty()) return std::nullopt;
  for (char& c : text) {
    if (c == ',') c = '.';  // "43,29" in French exports
  }
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value)) return std::nullopt;
  return value;
}

// "15/02/2021" -> "2021-02-15"; a date already ISO is kept; anything else "".
inline std::string iso_date(std::string_view s) {
  std::string t = squeeze_spaces(s);
  if (t.size() >= 10 && t[4] == '-' && t[7] == '-') return t.substr(0, 10);
  if (t.size() == 10 && t[2] == '/' && t[5] == '/') return t.substr(6, 4) + "-" + t.substr(3, 2) + "-" + t.substr(0, 2);
  return {};
}

// The first letter in upper case when it is ASCII ("accompagnant..." ->
// "Accompagnant..."); job names in ONISEP and aid labels are lower case.
inline std::string capitalize_first(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// A stable 64-bit FNV-1a hash, as 16 hex digits: ids for records that have
// no unique column, the same from one run (and machine) to the next.
inline std::string stable_hash(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kHex[h & 15];
  return out;
}

}  // namespace spro::indexer
