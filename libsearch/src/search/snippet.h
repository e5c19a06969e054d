// Snippets: a short extract of a resource's text around the matched words,
// taken from the original (accented) text. Internal.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "spro/analyzer.h"

namespace spro::search {

// Picks, among `fields` (in order of preference), the one with the most
// distinct matched words (stopping at the first that has `words_wanted`,
// the number of words in the query; 0: look at every field), and returns
// about `max_bytes` of it around the densest run of matches: matched words
// wrapped in <mark></mark>, the rest HTML-escaped, "…" where text was cut.
// Only the first 16 KB of a field are looked at. Without any match, the
// start of the first non-empty field.
std::string make_snippet(const std::vector<std::string_view>& fields,
                         const std::set<std::string>& query_terms, const Analyzer& analyzer,
                         size_t max_bytes, size_t words_wanted = 0);

// The same, with fields read only when the snippet gets to them (a body
// stored apart is not fetched when the summary shows every query word).
using FieldText = std::function<std::string_view()>;
std::string make_snippet_from(const std::vector<FieldText>& fields, const std::set<std::string>& query_terms,
                              const Analyzer& analyzer, size_t max_bytes, size_t words_wanted = 0);

// Escapes &, <, >, " and ' for HTML text and attributes.
std::string html_escape(std::string_view text);

}  // namespace spro::search
