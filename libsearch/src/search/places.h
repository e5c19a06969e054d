// Places typed in the query text ("formation cuisine toulon", "cio aix en
// provence", "mission locale 06"). Internal; the rule is documented in
// docs/territories.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "spro/territory.h"

namespace spro::search {

struct DetectedPlace {
  size_t begin = 0;  // byte range of the place in the query text
  size_t end = 0;
  Place place;
  // True: the place becomes a territory filter and leaves the text query.
  // False: it is only suggested (an ordinary word that is also a commune,
  // an ambiguous name).
  bool certain = false;
};

// The place named at the end of, or anywhere in, the query: the longest
// match, the rightmost among equals. nullopt when none.
std::optional<DetectedPlace> detect_place(std::string_view text);

}  // namespace spro::search
