// The search page at "/": plain HTML rendered on the server, so it works
// without JavaScript; static/app.js only adds autocompletion and
// auto-applies filters.
#pragma once

#include <optional>
#include <string>

#include "params.h"
#include "spro/searcher.h"

namespace spro::serve {

// `error` is a message about the request (shown in the form), `response`
// the results when a search ran.
std::string render_page(const Params& params, const std::string& error,
                        const std::optional<SearchResponse>& response, const SearchRequest& request);

}  // namespace spro::serve
