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

}  // namespace spro::links
