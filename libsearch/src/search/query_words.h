// The words people write around what they look for: "je veux devenir",
// "comment", "près de" (dropped from the words a query requires), intent
// words that prefer some kinds of resource ("devenir": job sheets and
// training) or a way of learning ("en alternance"), words of another
// language (no spelling correction then), and words of wish or liking
// ("j'aime": search/interests.h).
// The lists are data (data/query/around-words.txt, compiled in). Internal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spro/analyzer.h"
#include "spro/status.h"

namespace spro::search {

class QueryWords {
 public:
  // What one phrase found in a query does.
  struct Match {
    size_t begin = 0;  // token range [begin, end)
    size_t end = 0;
    std::vector<std::string> kinds;       // empty: only dropped
    std::vector<std::string> modalities;  // "alternance", "distance"
    bool counts = false;                  // not required, but weighs where found
  };

  // The compiled-in lists. Thread-safe.
  static const QueryWords& builtin();
  // Parses the format of data/query/around-words.txt; InvalidArgument
  // naming the line for a phrase outside a section or an unknown section.
  static Result<QueryWords> parse(std::string_view text, std::string_view name);

  // The droppable phrases of `tokens`, longest first at each token, in
  // order, not overlapping; those of [names] only at the first token.
  std::vector<Match> find(const std::vector<Token>& tokens) const;
  // The phrases of wish or liking ([liking]: "j'aime", "travailler") of
  // `tokens`, the same way, but those inside a longer droppable phrase
  // ("métier" in "métier de": a job is named, not a liking).
  std::vector<Match> find_liking(const std::vector<Token>& tokens) const;
  // True when the (folded) word is listed as a word of another language.
  bool is_foreign(std::string_view folded_word) const;

 private:
  struct Phrase {
    std::vector<std::string> words;  // folded
    std::vector<std::string> kinds;
    std::vector<std::string> modalities;
    bool counts = false;
    bool leading = false;  // only the first words of the tokens
  };
  static std::vector<Match> find_in(const std::vector<Phrase>& phrases, const std::vector<Token>& tokens);

  std::vector<Phrase> phrases_;
  std::vector<Phrase> liking_;
  std::vector<std::string> foreign_;
};

}  // namespace spro::search
