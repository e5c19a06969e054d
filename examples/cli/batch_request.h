// One line of `spro-search --batch` input to a SearchRequest. Kept apart
// from main() so the tests and the fuzz target read lines exactly as the
// program does.
#pragma once

#include <string_view>

#include "spro/searcher.h"
#include "spro/status.h"

namespace spro::cli {

// `line` is either plain query text or a JSON object {"q", "territory",
// "public", "level", "kind", "source", "limit", "offset", "facets", "sort"};
// fields absent from the object keep their value in `defaults`. A line that
// is not valid JSON, or a field of the wrong type or out of range, gives
// InvalidArgument naming the field; it never throws.
Result<SearchRequest> batch_request_from(std::string_view line, const SearchRequest& defaults);

}  // namespace spro::cli
