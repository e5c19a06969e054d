// Term computation for one lower-cased word. Internal to libsearch.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spro::analysis {

// The terms of one word: its Snowball stem, and for a word with a feminine
// ending (coiffeuse, directrice) the stem of its masculine form.
struct WordTerms {
  std::string primary;
  std::string secondary;  // empty when the word has no feminine ending
  bool stopword = false;  // Analyzer::is_stopword of the folded word
};
// The reference stays valid until the calling thread's next call.
const WordTerms& word_terms(std::string_view lower_word);

// The index term of a lower-cased word: French Snowball on the accented word,
// accents folded, then gender/number rewrites of job titles (coiffeux ->
// coiffeur, directric -> directeur...). Thread-safe.
std::string stem_word(std::string_view lower_word);

// Plausible accented spellings of a word typed without accents, limited to
// its ending, where Snowball's French rules look at accents: "infirmiere" ->
// {"infirmière", "infirmiére", ...}. Empty when the word has accents.
std::vector<std::string> accent_variants(std::string_view lower_word);

}  // namespace spro::analysis
