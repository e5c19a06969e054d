// Matching as the searcher does it, without an index: a query matches a
// text when each of its content words has a candidate term among the
// text's terms.
#pragma once

#include <set>
#include <string>

#include "spro/analyzer.h"

namespace spro::testing {

inline std::set<std::string> index_terms(const Analyzer& a, std::string_view text) {
  std::set<std::string> terms;
  for (const Token& t : a.analyze(text)) terms.insert(t.terms.begin(), t.terms.end());
  return terms;
}

inline bool query_matches(const Analyzer& a, std::string_view query, const std::set<std::string>& doc) {
  auto tokens = a.analyze(query);
  bool has_content = false;
  for (const Token& t : tokens) has_content |= !t.stopword;
  bool any = false;
  for (const Token& t : tokens) {
    if (t.stopword && has_content) continue;
    any = true;
    bool found = false;
    for (const auto& term : a.query_terms(t)) found |= doc.contains(term);
    if (!found) return false;
  }
  return any;
}

inline bool query_matches(const Analyzer& a, std::string_view query, std::string_view text) {
  return query_matches(a, query, index_terms(a, text));
}

}  // namespace spro::testing
