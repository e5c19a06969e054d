#include "search/snippet.h"

#include <algorithm>

#include "util/strings.h"

namespace spro::search {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …
// How much text to show before the first match of the window.
constexpr size_t kLeadBytes = 60;

// Bytes of a field analysed for its snippet at most.
constexpr size_t kMaxAnalyzedBytes = 16 * 1024;

// Snippets are made for every hit of a page, from fields of several KB:
// running the analyzer (ICU segmentation, stemming) over all of it cost more
// than the search itself. A stem keeps the first letters of its word
// (Snowball removes and rewrites endings only), so a word can only match if
// one of its parts (after ' or -) starts with the first letters of a query
// term. Only such candidate words, split on white space, are analysed.
constexpr size_t kKeyLength = 3;

bool ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// Query terms' first letters (a term shorter than kKeyLength is its own
// key), checked against the first letters of each part of each word.
class CandidateFilter {
 public:
  explicit CandidateFilter(const std::set<std::string>& terms) {
    for (const auto& t : terms) {
      if (t.empty()) continue;
      keys_.push_back(t.substr(0, kKeyLength));
      first_[static_cast<unsigned char>(t[0])] = true;
    }
    std::sort(keys_.begin(), keys_.end());
    keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
  }

  // True when `word` (a run of non-space bytes) may hold a matching word.
  bool may_match(std::string_view word) const {
    bool at_part_start = true;
    for (size_t i = 0; i < word.size(); ++i) {
      auto c = static_cast<unsigned char>(word[i]);
      if (c < 0x80) {
        bool letter = ascii_alnum(c);
        if (letter && at_part_start && part_may_match(word.substr(i))) return true;
        at_part_start = !letter;
        continue;
      }
      // A Latin letter may start a part; a sign such as ’ « » · ends one.
      const size_t end = util::utf8_sequence_end(word, i);
      bool letter = is_latin_letter(word.substr(i, end - i));
      if (letter && at_part_start && part_may_match(word.substr(i))) return true;
      at_part_start = !letter;
      i = end - 1;
    }
    return false;
  }

 private:
  static constexpr unsigned kLatinFirst = 0xC0, kLatinLast = 0x24F;

  // The code point of a two-byte UTF-8 sequence, 0 for any other.
  static unsigned two_byte_code_point(std::string_view sequence) {
    if (sequence.size() != 2) return 0;
    return ((static_cast<unsigned char>(sequence[0]) & 0x1Fu) << 6) | (static_cast<unsigned char>(sequence[1]) & 0x3Fu);
  }

  // U+00C0 to U+024F, but for × and ÷.
  static bool is_latin_letter(std::string_view sequence) {
    unsigned cp = two_byte_code_point(sequence);
    return cp >= kLatinFirst && cp <= kLatinLast && cp != 0xD7 && cp != 0xF7;
  }

  // The analyzer's folding of one character: looked up for Latin letters
  // (é -> e, œ -> oe), computed for anything else.
  static std::string fold_char(std::string_view sequence) {
    static const std::vector<std::string> latin = [] {
      std::vector<std::string> t;
      for (unsigned cp = kLatinFirst; cp <= kLatinLast; ++cp) {
        const char utf8[] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
        t.push_back(Analyzer::fold(std::string_view(utf8, 2)));
      }
      return t;
    }();
    unsigned cp = two_byte_code_point(sequence);
    if (cp >= kLatinFirst && cp <= kLatinLast) return latin[cp - kLatinFirst];
    return Analyzer::fold(sequence);
  }

  bool part_may_match(std::string_view part) const {
    // The folded first letters: ASCII directly, anything else through the
    // analyzer's own folding.
    char folded[kKeyLength * 4];
    size_t n = 0;
    size_t i = 0;
    while (i < part.size() && n < kKeyLength) {
      auto c = static_cast<unsigned char>(part[i]);
      if (c < 0x80) {
        if (!ascii_alnum(c)) break;
        folded[n++] = util::ascii_lower(static_cast<char>(c));
        ++i;
        continue;
      }
      const size_t end = util::utf8_sequence_end(part, i);
      for (char f : fold_char(part.substr(i, end - i))) {
        if (n < sizeof folded) folded[n++] = f;
      }
      i = end;
    }
    if (n == 0 || !first_[static_cast<unsigned char>(folded[0])]) return false;
    for (size_t len = 1; len <= std::min(n, kKeyLength); ++len) {
      if (std::binary_search(keys_.begin(), keys_.end(), std::string_view(folded, len))) return true;
    }
    return false;
  }

  std::vector<std::string> keys_;
  bool first_[256] = {};  // first bytes of the keys
};

// A matched word of a field: its bytes, and its first term (to count
// distinct query words).
struct Match {
  size_t begin;
  size_t end;
  std::string key;
};

std::vector<Match> find_matches(std::string_view field, const std::set<std::string>& query_terms,
                                const CandidateFilter& filter, const Analyzer& analyzer) {
  std::vector<Match> out;
  size_t i = 0;
  while (i < field.size()) {
    while (i < field.size() && ascii_space(static_cast<unsigned char>(field[i]))) ++i;
    size_t begin = i;
    while (i < field.size() && !ascii_space(static_cast<unsigned char>(field[i]))) ++i;
    std::string_view word = field.substr(begin, i - begin);
    if (word.empty() || !filter.may_match(word)) continue;
    for (const Token& t : analyzer.analyze(word)) {
      auto hit = std::find_if(t.terms.begin(), t.terms.end(),
                              [&](const std::string& term) { return query_terms.contains(term); });
      if (hit != t.terms.end()) out.push_back({begin + t.begin, begin + t.end, t.terms.front()});
    }
  }
  return out;
}

size_t distinct_words(const std::vector<Match>& matches) {
  std::set<std::string_view> keys;
  for (const Match& m : matches) keys.insert(m.key);
  return keys.size();
}

bool is_space(std::string_view s, size_t i) { return ascii_space(static_cast<unsigned char>(s[i])); }

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string make_snippet(const std::vector<std::string_view>& fields,
                         const std::set<std::string>& query_terms, const Analyzer& analyzer,
                         size_t max_bytes, size_t words_wanted) {
  std::vector<FieldText> texts;
  for (std::string_view f : fields) texts.emplace_back([f] { return f; });
  return make_snippet_from(texts, query_terms, analyzer, max_bytes, words_wanted);
}

std::string make_snippet_from(const std::vector<FieldText>& fields, const std::set<std::string>& query_terms,
                         const Analyzer& analyzer, size_t max_bytes, size_t words_wanted) {
  const CandidateFilter filter(query_terms);
  std::string_view best_text;
  std::vector<Match> best_matches;
  size_t best_distinct = 0;
  for (const FieldText& text : fields) {
    // A field that already shows every query word will not be beaten: the
    // others are not read.
    if (!best_text.empty() && words_wanted > 0 && best_distinct >= words_wanted) break;
    std::string_view field = text();
    if (field.empty()) continue;
    // Long bodies: the snippet comes from their first part.
    field = field.substr(0, util::utf8_boundary_before(field, kMaxAnalyzedBytes));
    std::vector<Match> matches = find_matches(field, query_terms, filter, analyzer);
    size_t distinct = distinct_words(matches);
    if (best_text.empty() || distinct > best_distinct) {
      best_text = field;
      best_matches = std::move(matches);
      best_distinct = distinct;
    }
  }
  if (best_text.empty()) return {};

  // The window starts a little before the match that has the most other
  // matches within max_bytes after it, on the start of a word.
  size_t window_begin = 0;
  size_t best_count = 0;
  for (size_t i = 0; i < best_matches.size(); ++i) {
    size_t count = 0;
    for (size_t j = i; j < best_matches.size() && best_matches[j].end - best_matches[i].begin <= max_bytes; ++j) ++count;
    if (count > best_count) {
      best_count = count;
      size_t from = best_matches[i].begin > kLeadBytes ? best_matches[i].begin - kLeadBytes : 0;
      while (from > 0 && from < best_matches[i].begin && !is_space(best_text, from - 1)) ++from;
      while (from < best_matches[i].begin && is_space(best_text, from)) ++from;
      window_begin = from;
    }
  }
  size_t window_end = std::min(best_text.size(), window_begin + max_bytes);
  if (window_end < best_text.size()) {
    // End on a word boundary, or at least between two UTF-8 sequences.
    size_t cut = window_end;
    while (cut > window_begin && !is_space(best_text, cut)) --cut;
    while (cut > window_begin && is_space(best_text, cut - 1)) --cut;
    if (cut > window_begin) window_end = cut;
    window_end = std::max(window_begin, util::utf8_boundary_before(best_text, window_end));
  }

  std::string out;
  if (window_begin > 0) out += kEllipsis;
  size_t pos = window_begin;
  for (const Match& m : best_matches) {
    if (m.begin < window_begin || m.end > window_end) continue;
    out += html_escape(best_text.substr(pos, m.begin - pos));
    out += "<mark>";
    out += html_escape(best_text.substr(m.begin, m.end - m.begin));
    out += "</mark>";
    pos = m.end;
  }
  out += html_escape(best_text.substr(pos, window_end - pos));
  if (window_end < best_text.size()) out += kEllipsis;
  return out;
}

}  // namespace spro::search
