// The query language of the search box. Internal.
//
//   infirmier marseille      words: all required
//   "aide a domicile"        a phrase
//   -nuit  -"travail de nuit"  NOT nuit  exclusion
//   boulanger OR patissier   either
//   titre:cuisine            in the title only (also title:)
//   metier:infirmier         in the title of job sheets (kind metier)
//   infirm*                  words starting with infirm
//
// Parsing never fails: whatever cannot be read as syntax (an unbalanced
// quote, a lone operator, a prefix nobody knows) is read as plain words, and
// the parse says it did.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spro::search {

struct Clause {
  enum class Field { kAny, kTitle, kJobTitle };
  std::string text;        // one word, or the words of a phrase
  bool phrase = false;
  bool excluded = false;   // -word
  bool wildcard = false;   // word*
  bool or_with_previous = false;  // "a OR b": b carries the flag
  Field field = Field::kAny;
  size_t offset = 0;       // byte offset of `text` in the query
};

struct ParsedQuery {
  std::vector<Clause> clauses;
  bool degraded = false;  // some syntax was read as plain words
  bool truncated = false; // the text was longer than kMaxQueryBytes
};

// Longer queries are cut (on a character boundary): nobody types more, and
// it bounds the work a hostile query can cause.
constexpr size_t kMaxQueryBytes = 1000;

ParsedQuery parse_query(std::string_view text);

}  // namespace spro::search
