#include "search/interests.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "embedded_data.h"
#include "search/query_words.h"
#include "spro/resource.h"

namespace spro::search {
namespace {

// A word found in the texts of more than this share of the centres says
// nothing about which one is meant ("métier", "passion", "découvrez").
constexpr double kCommonShare = 0.25;
// A word of a centre's label counts twice a word of its definition: the
// label is what the centre is about, the definition also says around it.
constexpr double kLabelWeight = 2;
// Centres kept beside the best: those nearly as good (a query about
// "nature" is about the centre "nature" and, less, "environnement").
constexpr double kCloseToBest = 0.5;
constexpr size_t kMaxCentres = 3;
constexpr double kFewCentres = 2;

std::set<std::string> terms_of(const Analyzer& analyzer, std::string_view text) {
  std::set<std::string> terms;
  for (const Token& t : analyzer.analyze(text)) {
    if (t.stopword) continue;
    terms.insert(t.terms.begin(), t.terms.end());
  }
  return terms;
}

}  // namespace

const InterestCentres& InterestCentres::builtin() {
  static const InterestCentres centres = [] {
    auto parsed = parse(embedded::kInterests, "data/vocabularies/interests.tsv");
    // The built-in file is checked by the test suite; a parse error is a bug.
    return parsed.ok() ? std::move(*parsed) : InterestCentres();
  }();
  return centres;
}

Result<InterestCentres> InterestCentres::parse(std::string_view text, std::string_view name) {
  Analyzer analyzer;
  InterestCentres out;
  std::istringstream in{std::string(text)};
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos || tab1 == 0 || tab2 == tab1 + 1) {
      return Status::invalid_argument(std::string(name) + ":" + std::to_string(number) +
                                      ": expected code<TAB>label<TAB>definition");
    }
    std::string label = line.substr(tab1 + 1, tab2 - tab1 - 1);
    Centre c;
    c.label_terms = terms_of(analyzer, label);
    c.text_terms = terms_of(analyzer, line.substr(tab2 + 1));
    c.text_terms.insert(c.label_terms.begin(), c.label_terms.end());
    for (const std::string& t : c.text_terms) ++out.centres_with_[t];
    out.labels_.emplace_back(line.substr(0, tab1), std::move(label));
    out.centres_.push_back(std::move(c));
  }
  return out;
}

std::optional<InterestReading> InterestCentres::read(std::string_view query, const Analyzer& analyzer) const {
  const std::vector<Token> tokens = analyzer.analyze(query);
  const QueryWords& around = QueryWords::builtin();
  const std::vector<QueryWords::Match> liking = around.find_liking(tokens);
  if (liking.empty() || centres_.empty()) return std::nullopt;
  const std::vector<QueryWords::Match> dropped = around.find(tokens);
  // "devenir", "se former": a job or a training is named, not a liking.
  if (std::any_of(dropped.begin(), dropped.end(), [](const auto& m) { return !m.kinds.empty(); })) return std::nullopt;
  // Every word of wish, liking or around ("je veux", "comment", "près de")
  // is left out; what remains says what the person likes.
  std::vector<bool> aside(tokens.size(), false);
  for (const auto& matches : {liking, dropped}) {
    for (const auto& m : matches) std::fill(aside.begin() + m.begin, aside.begin() + m.end, true);
  }
  const size_t common = static_cast<size_t>(kCommonShare * centres_.size());
  std::vector<double> score(centres_.size(), 0);
  std::vector<size_t> covered(centres_.size(), 0);
  std::vector<bool> in_label(centres_.size(), false);
  size_t words = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (aside[i] || tokens[i].stopword) continue;
    // The terms of the word that tell centres apart.
    std::vector<std::pair<std::string, size_t>> telling;
    for (const std::string& t : analyzer.query_terms(tokens[i])) {
      auto it = centres_with_.find(t);
      if (it == centres_with_.end() || it->second <= common) telling.emplace_back(t, it == centres_with_.end() ? 0 : it->second);
    }
    if (telling.empty()) continue;  // a word every centre has: no information
    ++words;
    for (size_t c = 0; c < centres_.size(); ++c) {
      double best = 0;
      for (const auto& [term, count] : telling) {
        if (!centres_[c].text_terms.contains(term)) continue;
        const double rarity = std::log(static_cast<double>(centres_.size()) / static_cast<double>(count));
        const bool label = centres_[c].label_terms.contains(term);
        in_label[c] = in_label[c] || label;
        best = std::max(best, rarity * (label ? kLabelWeight : 1));
      }
      if (best > 0) score[c] += best, ++covered[c];
    }
  }
  // The centres holding the most of the words, at least half of them.
  const size_t most = words == 0 ? 0 : *std::max_element(covered.begin(), covered.end());
  if (most == 0 || most * 2 < words) return std::nullopt;
  // One word of a definition only is a sign when few centres have it
  // ("sport"), not when many do ("formation").
  const double rare = std::log(static_cast<double>(centres_.size()) / kFewCentres);
  std::vector<size_t> order;
  for (size_t c = 0; c < centres_.size(); ++c) {
    if (covered[c] == most && (in_label[c] || most >= 2 || score[c] >= rare)) order.push_back(c);
  }
  if (order.empty()) return std::nullopt;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] > score[b]; });
  InterestReading reading;
  for (size_t c : order) {
    if (score[c] < kCloseToBest * score[order.front()] || reading.codes.size() == kMaxCentres) break;
    reading.codes.push_back(labels_[c].first);
  }
  // The text without the phrases of wish or liking, and their elisions
  // ("j'" of "j'aime").
  size_t pos = 0;
  for (const auto& m : liking) {
    size_t begin = tokens[m.begin].begin;
    while (begin > pos && query[begin - 1] != ' ') --begin;
    reading.words.append(query.substr(pos, begin - pos));
    pos = tokens[m.end - 1].end;
  }
  reading.words.append(query.substr(pos));
  return reading;
}

}  // namespace spro::search

namespace spro {

const std::vector<VocabularyEntry>& interests() {
  static const std::vector<VocabularyEntry> v = [] {
    std::vector<VocabularyEntry> out;
    for (const auto& [code, label] : search::InterestCentres::builtin().labels()) out.push_back({code, label});
    return out;
  }();
  return v;
}

}  // namespace spro
