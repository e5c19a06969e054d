// What recognisers look at in a file's first bytes.
#pragma once

#include <string>
#include <string_view>

namespace spro::indexer {

// The first line of `head`, without its end.
inline std::string_view first_line(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  std::string_view line = head.substr(0, head.find('\n'));
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

}  // namespace spro::indexer
