// The French analyzer: one implementation of text -> index terms, shared by
// indexing, querying, snippets and spelling, so both sides always agree.
//
// Pipeline, per word: ICU word segmentation, NFC, case folding, elision
// (l', d', qu'...), inclusive/double forms (infirmier·ère, infirmier(e)),
// acronyms (B.T.S. -> bts), then a stem: gender and number of job titles are
// normalised (coiffeuse -> coiffeur), the French Snowball stemmer runs on the
// accented word and the result is accent-folded (infirmière -> infirmi).
// Words typed without accents are matched through a few accent-restored
// candidates (see query_terms()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spro {

// One word of a text.
struct Token {
  std::string word;       // lower-case surface form, accents kept ("infirmière")
  // Index terms at this position: the folded stem first ("infirmi"), then the
  // masculine stem of a feminine word (coiffeuse: "coiffeux", "coiffeur") and,
  // on the last part of a hyphenated compound, the joined form
  // (aide-soignant: "soign", "aidesoign").
  std::vector<std::string> terms;
  uint32_t position = 0;  // word position, for phrases
  size_t begin = 0;       // byte offsets of the word in the original UTF-8 text
  size_t end = 0;
  bool stopword = false;
};

// Thread safety: an Analyzer is immutable after construction and may be shared
// by any number of threads.
class Analyzer {
 public:

  // Splits text into words and computes their terms. Invalid UTF-8 is treated
  // as U+FFFD; never throws. Positions start at `first_position`.
  std::vector<Token> analyze(std::string_view text, uint32_t first_position = 0) const;

  // The index term of one word (any case, with or without accents).
  std::string stem(std::string_view word) const;

  // The terms a query word may match: its own terms, plus, when the word is
  // written without any accent, those of its plausible accented spellings
  // (infirmiere -> infirmière, infirmiére...). The first term is stem(word).
  std::vector<std::string> query_terms(std::string_view word) const;

  // query_terms() for every word of a Token from analyze(), compounds kept.
  std::vector<std::string> query_terms(const Token& token) const;

  // Case and accent folding without stemming: "Œuvre Été" -> "oeuvre ete".
  static std::string fold(std::string_view text);
  // Lower-case (full case folding) keeping accents.
  static std::string lower(std::string_view text);

  // True for French function words (le, de, à, pour...), after folding.
  static bool is_stopword(std::string_view folded_word);

  // Changes whenever terms produced for the same text may change: an index
  // built with another version must be rebuilt.
  static constexpr int kVersion = 3;
};

}  // namespace spro
