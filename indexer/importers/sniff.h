// What recognisers look at in a file's first bytes.
#pragma once

#include <string>
#include <string_view>

namespace spro::indexer {

// The name of the root element of an XML text (without namespace prefix),
// skipping the prolog, comments, processing instructions and DOCTYPE; ""
// when `head` does not start like XML.
inline std::string xml_root_element(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  size_t i = 0;
  while (true) {
    i = head.find_first_not_of(" \t\r\n", i);
    if (i == std::string_view::npos || head[i] != '<') return {};
    if (head.substr(i, 4) == "<!--") {
      i = head.find("-->", i);
      if (i == std::string_view::npos) return {};
      i += 3;
    } else if (head.substr(i, 2) == "<?" || head.substr(i, 2) == "<!") {
      i = head.find('>', i);
      if (i == std::string_view::npos) return {};
      i += 1;
    } else {
      size_t end = head.find_first_of(" \t\r\n/>", i + 1);
      std::string name(head.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
      if (size_t colon = name.find(':'); colon != std::string::npos) name.erase(0, colon + 1);
      return name;
    }
  }
}

// The first line of `head`, without its end.
inline std::string_view first_line(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  std::string_view line = head.substr(0, head.find('\n'));
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

}  // namespace spro::indexer
