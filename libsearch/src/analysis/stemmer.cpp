#include "analysis/stemmer.h"

#include <xapian.h>

#include <array>
#include <unordered_map>
#include <unordered_set>

#include "embedded_data.h"
#include "spro/analyzer.h"

#include "analysis/folding.h"

namespace spro::analysis {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Job titles come in pairs (coiffeur / coiffeuse, directeur / directrice)
// that Snowball leaves apart. A word with a feminine ending gets a second
// term, the stem of its masculine form; the Snowball stem stays its first
// term, so every conflation Snowball makes is kept. Each rule needs
// `min_stem` bytes before the suffix so short words stay untouched.
struct Rewrite {
  std::string_view from;
  std::string_view to;
  size_t min_stem;
};
constexpr std::array<Rewrite, 12> kFeminineEndings = {{
    {"euse", "eur", 3},         // coiffeuse -> coiffeur
    {"trice", "teur", 2},       // directrice -> directeur, actrice -> acteur
    {"drice", "deur", 3},       // ambassadrice -> ambassadeur
    {"i\xC3\xA8re", "ier", 2},  // ouvrière -> ouvrier, anière -> anier
    {"iere", "ier", 2},         // infirmiere typed without accent
    {"effe", "ef", 2},          // cheffe -> chef
    {"\xC3\xA8re", "er", 4},    // boulangère -> boulanger
    {"ere", "er", 4},           // boulangere typed without accent
    {"ienne", "ien", 3},        // technicienne -> technicien
    {"onne", "on", 3},          // patronne -> patron
    {"elle", "el", 4},          // professionnelle -> professionnel
    {"ive", "if", 3},           // sportive -> sportif
}};
// Stem-level rewrites for what Snowball produces from feminine or plural
// forms and never joins to the masculine singular.
constexpr std::array<Rewrite, 3> kStemRewrites = {{
    {"eux", "eur", 3},   // monteuse -> monteux -> monteur
    {"tric", "teur", 3}, // actrice -> actric -> acteur
    {"ois", "oi", 3},    // emplois -> emploi
}};

template <size_t N>
bool apply_first(const std::array<Rewrite, N>& rules, std::string& s) {
  for (const Rewrite& r : rules) {
    if (ends_with(s, r.from) && s.size() >= r.from.size() + r.min_stem) {
      s.replace(s.size() - r.from.size(), r.from.size(), r.to);
      return true;
    }
  }
  return false;
}

// The masculine form of a word with a feminine ending, or "" if it has none.
std::string masculine(std::string_view word) {
  std::string w(word);
  bool plural = ends_with(w, "s");
  if (plural) w.pop_back();
  if (!apply_first(kFeminineEndings, w)) return {};
  if (plural) w.push_back('s');
  return w;
}

// The one-word forms of the built-in thesaurus (bts, vae, deas, cfa...),
// read from its text directly: the thesaurus itself is built with the
// analyzer, so it cannot be asked.
const std::unordered_set<std::string>& protected_words() {
  static const std::unordered_set<std::string> words = [] {
    std::unordered_set<std::string> out;
    std::string_view text = embedded::kThesaurus;
    while (!text.empty()) {
      size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      if (line.empty() || line.front() == '#') continue;
      size_t start = 0;
      while (start <= line.size()) {
        size_t sep = line.find(" = ", start);
        std::string_view form = line.substr(start, sep == std::string_view::npos ? std::string_view::npos : sep - start);
        while (!form.empty() && form.front() == ' ') form.remove_prefix(1);
        while (!form.empty() && (form.back() == ' ' || form.back() == '\r')) form.remove_suffix(1);
        if (!form.empty() && form.find_first_of(" '-") == std::string_view::npos) out.insert(strip_accents(lower(form)));
        if (sep == std::string_view::npos) break;
        start = sep + 3;
      }
    }
    return out;
  }();
  return words;
}

// Xapian::Stem is not safe to share between threads; Snowball is the hot
// path of indexing, so each thread keeps its stemmer and a bounded cache.
// Looked up by string_view, so a cache hit allocates nothing.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
struct ThreadStemmer {
  Xapian::Stem snowball{"french"};
  std::unordered_map<std::string, WordTerms, StringHash, std::equal_to<>> cache;
};
constexpr size_t kMaxCachedStems = 200000;

}  // namespace

namespace {

std::string snowball_term(ThreadStemmer& stemmer, const std::string& word) {
  std::string term = strip_accents(stemmer.snowball(word));
  // Snowball cuts acronyms down to common words (vae -> va, deas -> de,
  // bts -> bt): the acronyms of the built-in thesaurus are kept whole.
  if (std::string folded = strip_accents(word); protected_words().contains(folded)) return folded;
  apply_first(kStemRewrites, term);
  return term;
}

const WordTerms& cached_terms(std::string_view lower_word) {
  thread_local ThreadStemmer stemmer;
  if (auto it = stemmer.cache.find(lower_word); it != stemmer.cache.end()) return it->second;
  std::string key(lower_word);
  WordTerms terms;
  terms.primary = snowball_term(stemmer, key);
  terms.stopword = Analyzer::is_stopword(strip_accents(key));
  if (std::string m = masculine(key); !m.empty()) {
    std::string t = snowball_term(stemmer, m);
    if (t != terms.primary) terms.secondary = std::move(t);
  }
  if (stemmer.cache.size() >= kMaxCachedStems) stemmer.cache.clear();
  return stemmer.cache.emplace(std::move(key), std::move(terms)).first->second;
}

}  // namespace

std::string stem_word(std::string_view lower_word) { return cached_terms(lower_word).primary; }

const WordTerms& word_terms(std::string_view lower_word) { return cached_terms(lower_word); }

std::vector<std::string> accent_variants(std::string_view word) {
  std::vector<std::string> variants;
  if (has_accents(word)) return variants;
  // Accent up to two vowels within the final five letters: the suffixes
  // Snowball's French rules test (-é, -ée, -ière, -ère, -ât, -îmes...) all
  // end there.
  struct Choices {
    char plain;
    std::array<std::string_view, 3> accented;  // empty entries unused
  };
  static constexpr std::array<Choices, 5> kChoices = {{
      {'e', {"\xC3\xA9", "\xC3\xA8", "\xC3\xAA"}},  // é è ê
      {'a', {"\xC3\xA2", "", ""}},                   // â
      {'i', {"\xC3\xAE", "", ""}},                   // î
      {'u', {"\xC3\xBB", "", ""}},                   // û
      {'o', {"\xC3\xB4", "", ""}},                   // ô
  }};
  struct Slot {
    size_t pos;
    const Choices* choices;
  };
  std::vector<Slot> slots;
  for (size_t i = word.size(); i > 0 && word.size() - i < 5 && slots.size() < 2; --i) {
    for (const Choices& c : kChoices) {
      if (word[i - 1] == c.plain) slots.push_back({i - 1, &c});
    }
  }
  // Every combination of "keep" or one accented letter per slot, except
  // keeping all (that is the word itself).
  auto options = [](const Slot& s) {
    size_t n = 1;
    for (auto a : s.choices->accented) n += a.empty() ? 0 : 1;
    return n;
  };
  size_t combos = 1;
  for (const Slot& s : slots) combos *= options(s);
  for (size_t combo = 1; combo < combos; ++combo) {
    std::string v(word);
    size_t c = combo;
    // Replace from the end so earlier positions stay valid.
    for (const Slot& s : slots) {
      size_t pick = c % options(s);
      c /= options(s);
      if (pick > 0) v.replace(s.pos, 1, s.choices->accented[pick - 1]);
    }
    variants.push_back(std::move(v));
  }
  return variants;
}

}  // namespace spro::analysis
