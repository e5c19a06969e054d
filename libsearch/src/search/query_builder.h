// From a SearchRequest to Xapian queries. Internal.
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "spro/analyzer.h"
#include "spro/searcher.h"
#include "spro/status.h"
#include "spro/thesaurus.h"

namespace spro::search {

// A query word found nowhere in the index: a candidate for correction.
struct UnknownWord {
  size_t begin = 0;  // byte range in the request text
  size_t end = 0;
  std::string word;  // lower-case, accents kept
};

struct BuiltQuery {
  Xapian::Query text;     // the ranked part; MatchAll when browsing
  bool browse = false;    // no text: every resource matching the filters
  std::set<std::string> highlight_terms;  // terms to mark in snippets
  // Query term -> what to tell the user it matched (the word as typed,
  // "exact title", "code"), for Hit::matched.
  std::map<std::string, std::string> explanations;
  std::vector<UnknownWord> unknown_words;
  bool degraded = false;   // syntax read as plain words
  bool truncated = false;  // text cut at kMaxQueryBytes
  bool capped = false;     // words or wildcard expansions beyond the query's budget left out
  bool costly = false;     // wildcards or many words: run with the match time limit
  size_t required_groups = 0;  // words (or thesaurus entries) that must all match
};

// Checks the request's filter values; InvalidArgument names the bad one.
Status check_filters(const SearchRequest& request);

// The boolean filter of a request, leaving out the filters of the facets
// named in `except_facets` ("kind", "public", "level", "territory",
// "source", "interest") for disjunctive counts. An empty query when there is nothing to
// filter.
Xapian::Query filter_query(const SearchRequest& request, const std::vector<std::string_view>& except_facets = {});

// How the ranked query is built. Only the relaxed run and the benchmarks
// that measure a ranking rule change it.
struct QueryStyle {
  // The words are OR-ed instead of AND-ed (best matches first): the relaxed
  // query tried when requiring every word finds nothing.
  bool any_word = false;
  // Adjacent query words found side by side add weight.
  bool proximity = true;
};

// The ranked query. Words are AND-ed groups of their candidate terms
// (accent variants, masculine form); candidates absent from the index are
// dropped so they cost nothing. Stopwords are dropped unless the query has
// nothing else. Thesaurus entries also match their other forms. Exact
// titles and reference codes get a fixed boost that ranks them first.
// True when the word before byte `begin` of `text` names a code scheme
// (rncp, rs, rome, formacode, certifinfo): what follows is a code ("rncp
// 35400"), not a place (35400 is also Saint-Malo's postal code).
bool follows_code_scheme(std::string_view text, size_t begin);

BuiltQuery build_query(const SearchRequest& request, const Analyzer& analyzer,
                       const Thesaurus& thesaurus, const Xapian::Database& db, const QueryStyle& style = {});

}  // namespace spro::search
