// From URL query parameters to a SearchRequest, shared by the JSON API and
// the search page so both accept exactly the same parameters.
#pragma once

#include <map>
#include <string>

#include "spro/pathway.h"
#include "spro/searcher.h"
#include "spro/status.h"

namespace spro::serve {

// Parameter name -> values, in order (a parameter may repeat).
using Params = std::multimap<std::string, std::string>;

struct Limits {
  size_t max_query_bytes = 1000;
  size_t max_limit = 50;
  size_t max_offset = 1000;
};

// q, territory (code or name, repeatable), place (commune or postal code),
// public, level, kind, source, interest (repeatable), near ("lat,lon" or a
// place), radius (km), sort, offset, limit, facets (0/1), places (0 disables
// reading places in q), interests (0 disables reading a liking in q as
// ROME interest centres), local (1: strictly local), group (0: one hit per
// resource, identical ones not grouped), pathway (1: the pathway counts of
// a best hit that is a job). level takes what parse_level() reads ("5",
// "bac+2", "BTS", "V"). InvalidArgument names
// the parameter.
Result<SearchRequest> request_from(const Params& params, const Limits& limits);

// A `limit` parameter, the same for every endpoint: absent or empty gives
// `fallback`; above `max` it is capped to `max` (asking for a big page is
// no error); negative or not a number is InvalidArgument naming "limit".
Result<size_t> limit_from(const Params& params, size_t fallback, size_t max);

// For /api/pathway/{id}: territory, place, near, radius, public, level,
// offset and limit as for a search, plus section (repeatable).
Result<PathwayRequest> pathway_request_from(const Params& params, const Limits& limits);

}  // namespace spro::serve
