#include "search/places.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "spro/analyzer.h"
#include "territory/postal.h"
#include "territory/reference.h"
#include "territory/territory.h"
#include "util/strings.h"

namespace spro::search {
namespace {

using territory::Commune;
using territory::Reference;

// Population thresholds of the rule (docs/territories.md).
constexpr unsigned kCertainCommune = 2000;        // a distinctive name
constexpr unsigned kSuggestedCommune = 500;
constexpr unsigned kCertainCommonWord = 100000;   // Paris, Tours, Nice
constexpr unsigned kSuggestedCommonWord = 5000;   // Orange
// A homonym at least this share of the largest one's population makes the
// name ambiguous.
constexpr double kHomonymShare = territory::kDominantShare;

struct Word {
  size_t begin;
  size_t end;
  std::string normalized;
};

// Words as Reference::normalize_name sees them, with their byte ranges.
std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> words;
  size_t i = 0;
  auto word_char = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
  while (i < text.size()) {
    while (i < text.size() && !word_char(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && word_char(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) {
      std::string n = Reference::normalize_name(text.substr(start, i - start));
      if (!n.empty()) words.push_back({start, i, std::move(n)});
    }
  }
  return words;
}

// A commune name followed by its département or postal code ("saint denis
// 93", "saint-denis 974", "valence 26000"): the one commune meant, if any.
std::optional<Place> narrowed_commune(const std::vector<Word>& words, size_t i, size_t j) {
  const std::string& last = words[j - 1].normalized;
  const bool postal = last.size() == 5 && util::all_digits(last);
  std::string dep = last;
  for (char& c : dep) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!postal && !(dep.size() >= 2 && dep.size() <= 3 && std::isdigit(static_cast<unsigned char>(dep[0])) &&
                   territory::find_departement(dep))) {
    return std::nullopt;
  }
  std::string head;
  for (size_t k = i; k + 1 < j; ++k) head += (k > i ? " " : "") + words[k].normalized;
  std::vector<const Commune*> found;
  for (const Commune* c : Reference::get().by_name(head)) {
    if (c->type != 'C' && c->type != 'A') continue;
    bool in = postal ? c->postal_codes.find(last) != std::string_view::npos : c->departement == dep;
    if (in) found.push_back(c);
  }
  if (found.size() != 1) return std::nullopt;
  return find_territory("com:" + std::string(found.front()->code));
}

// People leave accents out of place names, they do not add ones the name
// lacks: "boulangé" is a misspelt baker, not Boulange (Moselle). True when
// every accented letter of `typed` is in `name`.
bool accents_fit(std::string_view typed, std::string_view name) {
  std::string t = Analyzer::lower(typed), n = Analyzer::lower(name);
  for (size_t i = 0; i < t.size();) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c >= 0x80 && n.find(t.substr(i, length)) == std::string::npos) return false;
    i += length;
  }
  return true;
}

// Is the span words[i, j) of `text` a place, and how sure are we?
std::optional<DetectedPlace> classify(std::string_view text, const std::vector<Word>& words, size_t i, size_t j) {
  const Reference& ref = Reference::get();
  std::string name;
  for (size_t k = i; k < j; ++k) name += (k > i ? " " : "") + words[k].normalized;
  const bool single = j - i == 1;
  DetectedPlace d;
  d.begin = words[i].begin;
  d.end = words[j - 1].end;

  if (single && util::all_digits(name) && name.size() == 5) {  // a postal code
    auto postal = territory::postal_code_place(name);
    if (!postal) return std::nullopt;
    d.place = std::move(postal->place);
    d.certain = postal->dominant;
    return d;
  }
  if (!single) {
    if (auto narrowed = narrowed_commune(words, i, j)) {
      d.place = std::move(*narrowed);
      d.certain = true;
      return d;
    }
  }
  // A département number, after other words: "mission locale 06".
  if (single && words.size() > 1 && j == words.size() && name.size() <= 3 && (std::isdigit(static_cast<unsigned char>(name[0])))) {
    std::string code = name;
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (name.size() >= 2 && territory::find_departement(code)) {
      d.place = *find_territory("dep:" + code);
      d.certain = true;
      return d;
    }
    return std::nullopt;
  }
  if (util::all_digits(name)) return std::nullopt;
  // One- and two-letter words (Y, Eu, Us are communes) are never places.
  if (single && name.size() < 3) return std::nullopt;
  const bool common = single && ref.is_common_word(name);
  std::vector<const Commune*> communes;
  std::string_view typed = text.substr(words[i].begin, words[j - 1].end - words[i].begin);
  for (const Commune* c : ref.places_named(name)) {
    // Arrondissements by the names people give them ("paris 18", "lyon 3e");
    // their ordinal may carry an accent the name lacks ("18ème").
    if (c->type == 'A' || (c->type == 'C' && accents_fit(typed, c->name))) communes.push_back(c);
  }
  if (!communes.empty()) {
    const Commune* best = communes.front();
    d.place = *find_territory("com:" + std::string(best->code));
    bool ambiguous = communes.size() > 1 && communes[1]->population >= kHomonymShare * best->population;
    unsigned certain_at = common ? kCertainCommonWord : (single ? kCertainCommune : 0);
    unsigned suggest_at = common ? kSuggestedCommonWord : kSuggestedCommune;
    if (best->population >= certain_at && !ambiguous) {
      d.certain = true;
      return d;
    }
    if (best->population >= suggest_at || !single) return d;
  }
  std::optional<std::string> code;
  if (auto dep = ref.departement_by_name(name)) code = "dep:" + *dep;
  else if (auto reg = ref.region_by_name(name)) code = "reg:" + *reg;
  if (!code) return std::nullopt;
  // Département and région names are distinctive enough ("Bretagne" is
  // also a hamlet and a word of the vocabulary list): always a filter.
  d.place = *find_territory(*code);
  d.certain = true;
  return d;
}

}  // namespace

std::optional<DetectedPlace> detect_place(std::string_view text) {
  std::vector<Word> words = words_of(text);
  const size_t longest = std::min<size_t>(Reference::get().max_name_words(), 8);
  std::optional<DetectedPlace> best;
  // Longest span first; among equals, the rightmost (places usually end a query).
  for (size_t len = std::min(longest, words.size()); len > 0 && !best; --len) {
    for (size_t i = words.size() - len + 1; i-- > 0;) {
      if (auto d = classify(text, words, i, i + len)) {
        if (d->certain || !best) best = std::move(d);
        if (best->certain) break;
      }
    }
  }
  return best;
}

}  // namespace spro::search
