// Small string helpers shared inside libsearch.
#pragma once

#include <algorithm>
#include <string_view>

namespace spro::util {

// True for a non-empty string of ASCII digits only.
inline bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace spro::util
