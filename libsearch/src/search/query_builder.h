// From a SearchRequest to a Xapian query. Internal.
#pragma once

#include <xapian.h>

#include <set>
#include <string>

#include "spro/analyzer.h"
#include "spro/searcher.h"
#include "spro/status.h"
#include "spro/thesaurus.h"

namespace spro::search {

struct BuiltQuery {
  Xapian::Query text;     // the ranked part; MatchAll when browsing
  Xapian::Query filter;   // the boolean part; empty when there is no filter
  bool browse = false;    // no text: every resource matching the filters
  std::set<std::string> highlight_terms;  // terms to mark in snippets
};

// Checks the request's filter values; InvalidArgument names the bad one.
Status check_filters(const SearchRequest& request);

// Words become AND-ed groups of the word's candidate terms (accent
// variants, masculine form); candidates absent from the index are dropped
// so they cost nothing. Stopwords are dropped unless the query has nothing
// else. Where the words form a thesaurus entry (bts), the group also
// matches the other forms of the entry ("brevet de technicien supérieur").
BuiltQuery build_query(const SearchRequest& request, const Analyzer& analyzer,
                       const Thesaurus& thesaurus, const Xapian::Database& db);

}  // namespace spro::search
