// Small text helpers shared by the importers.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace spro::indexer
