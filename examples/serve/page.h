// The search page at "/": plain HTML rendered on the server, so it works
// without JavaScript and without any external resource; static/app.js only
// adds autocompletion, re-announces the status and opens the filter panel on
// wide screens. docs/accessibility.md says how the page meets RGAA 4.1.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "params.h"
#include "spro/searcher.h"
#include "spro/status.h"

namespace spro::serve {

// Something the page must tell the person instead of (or before) results,
// in French. `choices` are links offered to fix it (label, href), e.g. each
// commune an ambiguous place name may mean.
struct PageProblem {
  std::string message;
  std::vector<std::pair<std::string, std::string>> choices;
  int http_status = 200;
  bool empty() const { return message.empty(); }
};

// The request the page runs for the URL parameters, or the problem that
// prevents it (an unknown or ambiguous place, a bad parameter), worded for
// the person. Facets are always on; the home page (no text, no filter)
// asks for no hits, only the counts.
struct PageRequest {
  Params params;  // the parameters the page links from
  SearchRequest request;
  PageProblem problem;
  bool home = false;
};
PageRequest page_request(const Params& params, const Limits& limits);

// The French message for a search that failed (the library's messages are
// in English and written for developers).
PageProblem search_problem(const Status& status);
PageProblem unavailable_problem();

struct PageOptions {
  bool feedback = false;  // offer "Ce résultat vous a-t-il été utile ?"
};

// The whole page. `response` is set when the search ran; its `pathway`, when
// set (main.cpp fills it with summary_of(), pathway_page.h), adds "Devenir
// … : 11 formations, … — voir le parcours" to the live region. Every job,
// training and certification links to its pathway (/parcours/{id}).
std::string render_page(const PageRequest& page, const std::optional<SearchResponse>& response,
                        const PageOptions& options);

}  // namespace spro::serve
