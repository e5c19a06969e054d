// The pathway view of the search page, at /parcours/{id}: from a job, the
// related jobs, the trainings near the person, the certifications, the
// aids and where to get advice; from a training, the jobs it leads to and
// its certification (docs/pathways.md). Rendered on the server like the
// search page, in French, with the person's territory and public kept from
// the search (the same URL parameters: territory, place, near, radius,
// public, level; q and the other filters only make the way back).
//
// One section is paged with section=NAME (and offset): "Voir les 11
// formations". The summary line of a search whose best hit is a job
// ("Devenir infirmier ou infirmière : 11 formations, ...") is computed
// here too, as a separate, optional step (main.cpp runs it only when a slot
// for a costly search is free at once).
#pragma once

#include <optional>
#include <string>

#include "page.h"
#include "params.h"
#include "spro/pathway.h"
#include "spro/searcher.h"

namespace spro::serve {

struct PathwayPage {
  std::string id;  // from the URL: never trusted, never echoed
  Params params;   // the parameters links keep
  PathwayRequest request;
  std::string section;  // one section paged ("trainings"...), or "" for the whole pathway
  PageProblem problem;
};

// Ids longer than this are not looked up (404).
inline constexpr size_t kMaxPathwayIdBytes = 300;

// The pathway request for /parcours/{id}?..., or the problem, in French: a
// bad place, parameter or section is a 400 with a way out, an empty or
// overlong id a 404. The whole pathway shows 5 hits a section; one section
// (section=...) 10 a page.
PathwayPage pathway_page_request(const std::string& id, const Params& params, const Limits& limits);

// The French problem for a pathway that failed: unknown id 404, bad value
// 400, anything else 503.
PageProblem pathway_problem(const Status& status);

// The whole page; `pathway` is set when it was built.
std::string render_pathway_page(const PathwayPage& page, const std::optional<Pathway>& pathway);

// A page for an address that does not exist (404), in French.
std::string render_not_found_page();

// "/parcours/rome%3AJ1506?q=...&territory=...": the pathway of a result,
// keeping the search's parameters; a place read in the text of the query
// becomes the pathway's territory.
std::string pathway_href(const std::string& id, const Params& params, const SearchResponse* response);

// The summary of a search page: the request for the counts of the best
// hit's pathway when it is a job (as SearchRequest::pathway_summary
// computes them), and the summary made of the pathway.
std::optional<PathwayRequest> summary_request(const PageRequest& page, const SearchResponse& response);
PathwaySummary summary_of(const Pathway& pathway);

// "infirmier ou infirmière en soins généraux (IDE)" for "Infirmier /
// Infirmière en soins généraux (IDE)": a job title inside a sentence.
std::string job_in_sentence(const std::string& title);

}  // namespace spro::serve
