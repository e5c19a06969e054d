// Identical resources shown as one hit (SearchRequest::group_identical).
// Internal.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "spro/resource.h"

namespace spro::search {

// Grouping looks at this many times the page size beyond the offset...
inline constexpr size_t kGroupWindow = 3;
// ...and not at all beyond this offset (deep pages are read one by one).
inline constexpr size_t kMaxGroupedOffset = 1000;

// What makes two resources the same thing for a reader: the kind, the
// title (case and accents ignored), the territories and the address. Three
// Certif Info "Développeur web" with one national scope share it; two
// France services of one name in two towns (or at two addresses) do not.
std::string identity_key(const Resource& resource);

// Positions 0..keys.size()-1 grouped by equal key, groups in the order of
// their first position, each group's positions in order.
std::vector<std::vector<size_t>> group_by_key(const std::vector<std::string>& keys);

}  // namespace spro::search
