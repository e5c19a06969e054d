// The pathway of a resource (Searcher::pathway). Internal.
#pragma once

#include <xapian.h>

#include <string_view>

#include "spro/analyzer.h"
#include "spro/pathway.h"
#include "spro/status.h"

namespace spro::links {

// Checks a request's values; InvalidArgument names the bad one.
Status check_pathway_request(const PathwayRequest& request);

// The pathway of the resource `id` in `db`: NotFound when there is none.
// Sections are capped at `max_limit` hits. Xapian errors are left to the
// caller (the Searcher retries on a changed database).
Result<Pathway> build_pathway(const Xapian::Database& db, const Analyzer& analyzer, std::string_view id,
                              const PathwayRequest& request, size_t max_limit);

// With request.pathway_summary, when the best hit of `response` is a job
// sheet: the counts of its pathway for the request's territory (or the
// place read in its text), near point, publics and levels.
void add_pathway_summary(const Xapian::Database& db, const Analyzer& analyzer, const SearchRequest& request,
                         SearchResponse& response);

}  // namespace spro::links
