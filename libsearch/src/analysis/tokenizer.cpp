#include "analysis/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <array>
#include <memory>

#include "analysis/folding.h"

namespace spro::analysis {
namespace {

// Elided articles and conjunctions: "l'orientation" is indexed as "orientation".
constexpr std::array<std::string_view, 16> kElisions = {
    "l",  "d",  "j",  "m",  "n",  "s",  "t",  "c",       "qu",
    "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu", "entr"};

// Endings written after a separator in inclusive or double forms:
// infirmier·ère, infirmier.e, infirmier(ère), conseiller-ère, vendeur/euse.
constexpr std::array<std::string_view, 31> kInclusiveEndings = {
    "e",     "es",     "ere",    "eres",  "\xC3\xA8re", "\xC3\xA8res", "iere",  "ieres",
    "i\xC3\xA8re", "i\xC3\xA8res", "euse", "euses", "rice",  "rices",  "trice", "trices",
    "ne",    "nes",    "le",     "les",   "ive",   "ives",  "fe",    "se",
    "ale",   "ales",   "enne",   "ennes", "x",     "ice",   "s"};

bool is_one_of(std::string_view s, const auto& set) {
  for (std::string_view v : set) {
    if (s == v) return true;
  }
  return false;
}

// The apostrophes of French text: ASCII, typographic (’) and modifier (ʼ).
constexpr std::array<std::string_view, 3> kApostrophes = {"'", "\xE2\x80\x99", "\xCA\xBC"};

// The first apostrophe at or after `from`: its position and byte length.
std::pair<size_t, size_t> find_apostrophe(std::string_view s, size_t from = 0) {
  std::pair<size_t, size_t> best{std::string_view::npos, 0};
  for (std::string_view a : kApostrophes) {
    size_t p = s.find(a, from);
    if (p < best.first) best = {p, a.size()};
  }
  return best;
}

std::string without_apostrophes(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    auto [p, len] = find_apostrophe(s, i);
    if (p == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, p - i));
    i = p + len;
  }
  return out;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The byte length of the dot at `i` of `s`: '.', '·' (U+00B7) or '•'
// (U+2022); 0 when there is none.
size_t dot_at(std::string_view s, size_t i) {
  if (s[i] == '.') return 1;
  if (s.compare(i, 2, "\xC2\xB7") == 0) return 2;
  if (s.compare(i, 3, "\xE2\x80\xA2") == 0) return 3;
  return 0;
}

bool has_dot(std::string_view s) {
  constexpr std::string_view kFirstBytes = ".\xC2\xE2";  // those dots start with
  for (size_t i = s.find_first_of(kFirstBytes); i != std::string_view::npos; i = s.find_first_of(kFirstBytes, i + 1)) {
    if (dot_at(s, i)) return true;
  }
  return false;
}

// Splits `s` on its dots (dot_at()); returns byte ranges.
std::vector<std::pair<size_t, size_t>> split_dots(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> parts;
  size_t start = 0;
  for (size_t i = 0; i < s.size();) {
    if (size_t sep = dot_at(s, i)) {
      parts.emplace_back(start, i);
      i += sep;
      start = i;
    } else {
      ++i;
    }
  }
  parts.emplace_back(start, s.size());
  return parts;
}

// Appends the word(s) of one ICU word segment. `seg` is the original text
// of the segment, starting at byte `base` of the whole text.
void add_segment(std::string_view seg, size_t base, bool is_number, std::vector<RawWord>& out) {
  std::string w = lower(seg);
  // lower() may change byte lengths (rare: ẞ, Σ...); offsets then fall back
  // to the whole segment.
  const bool same_length = w.size() == seg.size();
  auto add = [&](std::string text, size_t b, size_t e) {
    if (text.empty()) return;
    if (!same_length) {
      b = 0;
      e = seg.size();
    }
    out.push_back({std::move(text), base + b, base + e, false});
  };
  if (is_number) {
    add(w, 0, w.size());
    return;
  }
  // Elision: drop a leading elided word, then any other apostrophe
  // (aujourd'hui -> aujourdhui).
  size_t start = 0;
  const auto [ap, len] = find_apostrophe(w);
  if (ap != std::string::npos && is_one_of(std::string_view(w).substr(0, ap), kElisions) && ap + len < w.size()) {
    start = ap + len;
  }
  std::string_view rest = std::string_view(w).substr(start);
  // Most words have no apostrophe and no dot: the lower-cased segment is
  // the word.
  if (ap == std::string::npos && !has_dot(w)) {
    const size_t size = w.size();
    add(std::move(w), 0, size);
    return;
  }
  auto parts = split_dots(rest);
  auto part_text = [&](size_t i) {
    return without_apostrophes(rest.substr(parts[i].first, parts[i].second - parts[i].first));
  };
  if (parts.size() == 1) {
    add(part_text(0), start, w.size());
    return;
  }
  bool acronym = true;
  bool inclusive = true;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string p = part_text(i);
    if (utf8_length(p) > 1) acronym = false;
    if (i > 0 && !is_one_of(p, kInclusiveEndings)) inclusive = false;
  }
  if (acronym) {  // B.T.S -> bts
    std::string joined;
    for (size_t i = 0; i < parts.size(); ++i) joined += part_text(i);
    add(joined, start, w.size());
  } else if (inclusive) {  // infirmier·ère -> infirmier
    add(part_text(0), start, w.size());
  } else {  // www.onisep.fr -> www onisep fr
    for (size_t i = 0; i < parts.size(); ++i) {
      add(part_text(i), start + parts[i].first, start + parts[i].second);
    }
  }
}

bool is_hyphen(std::string_view between) {
  return between == "-" || between == "\xE2\x80\x90" || between == "\xE2\x80\x91";
}

// ICU break iterators are expensive to create and not thread-safe: each
// thread clones one prototype.
icu::BreakIterator* thread_break_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
    if (U_FAILURE(status)) bi.reset();
    return bi;
  }();
  return it.get();
}

}  // namespace

bool is_elided_word(std::string_view folded_word) {
  static constexpr std::array<std::string_view, 8> kOnlyElided = {"l",      "qu",     "jusqu",  "lorsqu",
                                                                  "puisqu", "quoiqu", "presqu", "quelqu"};
  return is_one_of(folded_word, kOnlyElided);
}

std::vector<RawWord> split_words(std::string_view text) {
  std::vector<RawWord> words;
  icu::BreakIterator* bi = thread_break_iterator();
  if (bi == nullptr || text.empty()) return words;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return words;
  bi->setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    return words;
  }
  int32_t begin = bi->first();
  for (int32_t end = bi->next(); end != icu::BreakIterator::DONE; begin = end, end = bi->next()) {
    int32_t rule = bi->getRuleStatus();
    if (rule < UBRK_WORD_NUMBER) continue;  // spaces and punctuation
    size_t b = static_cast<size_t>(begin);
    size_t e = static_cast<size_t>(end);
    std::string_view seg = text.substr(b, e - b);
    const size_t first_new = words.size();
    add_segment(seg, b, rule < UBRK_WORD_LETTER, words);
    if (words.size() == first_new || first_new == 0) continue;
    RawWord& prev = words[first_new - 1];
    RawWord& cur = words[first_new];
    std::string_view between = text.substr(prev.end, cur.begin - std::min(cur.begin, prev.end));
    if (cur.begin < prev.end) continue;
    // Inclusive ending after a separator: infirmier-ère, infirmier(ère),
    // vendeur/euse. The ending adds nothing the masculine does not match.
    bool attached = between == "-" || between == "(" || between == "/" || is_hyphen(between);
    if (attached && words.size() == first_new + 1 && is_one_of(cur.text, kInclusiveEndings)) {
      words.pop_back();
      continue;
    }
    cur.hyphen_joined = is_hyphen(between);
  }
  utext_close(ut);
  return words;
}

}  // namespace spro::analysis
