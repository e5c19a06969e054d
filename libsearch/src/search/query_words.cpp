#include "search/query_words.h"

#include <algorithm>
#include <sstream>

#include "embedded_data.h"
#include "spro/resource.h"

namespace spro::search {
namespace {

std::vector<std::string> folded_words(const Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> words;
  for (const Token& t : analyzer.analyze(text)) words.push_back(Analyzer::fold(t.word));
  return words;
}

}  // namespace

const QueryWords& QueryWords::builtin() {
  static const QueryWords words = [] {
    auto parsed = parse(embedded::kQueryWords, "data/query/around-words.txt");
    // The built-in file is checked by the test suite; a parse error is a bug.
    return parsed.ok() ? std::move(*parsed) : QueryWords();
  }();
  return words;
}

Result<QueryWords> QueryWords::parse(std::string_view text, std::string_view name) {
  Analyzer analyzer;
  QueryWords out;
  enum class Section { kNone, kDrop, kKind, kForeign, kLiking } section = Section::kNone;
  std::vector<std::string> kinds;
  std::vector<std::string> modalities;
  bool counts = false;
  bool leading = false;
  std::istringstream in{std::string(text)};
  std::string line;
  size_t number = 0;
  auto error = [&](const std::string& what) {
    return Status::invalid_argument(std::string(name) + ":" + std::to_string(number) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    if (line[first] == '[') {
      size_t close = line.find(']', first);
      if (close == std::string::npos) return error("unclosed section header");
      std::istringstream header(line.substr(first + 1, close - first - 1));
      std::string word;
      header >> word;
      kinds.clear();
      modalities.clear();
      counts = false;
      leading = false;
      if (word == "drop") {
        section = Section::kDrop;
      } else if (word == "foreign") {
        section = Section::kForeign;
      } else if (word == "liking") {
        section = Section::kLiking;
      } else if (word == "kind" || word == "names") {
        // [names K]: words naming the kind itself ("formation"). Only the
        // query's first words say what is wanted ("formation soudeur");
        // further on they are part of a name ("responsable de formation").
        // They still count where a resource holds them.
        section = Section::kKind;
        counts = leading = word == "names";
        while (header >> word) {
          if (!in_vocabulary(spro::kinds(), word)) return error("unknown kind '" + word + "'");
          kinds.push_back(word);
        }
        if (kinds.empty()) return error("[kind] and [names] need at least one kind");
      } else if (word == "modality") {
        // A way of learning is said of trainings: they are the kind
        // preferred. Its words still count: "contrat alternance" is about
        // alternance.
        section = Section::kKind;
        kinds = {"formation"};
        counts = true;
        while (header >> word) {
          if (!in_vocabulary(spro::modalities(), word)) return error("unknown modality '" + word + "'");
          modalities.push_back(word);
        }
        if (modalities.empty()) return error("[modality] needs at least one modality");
      } else {
        return error("unknown section '" + word + "' (drop, kind, names, modality, foreign, liking)");
      }
      continue;
    }
    std::vector<std::string> words = folded_words(analyzer, line);
    if (words.empty()) continue;
    switch (section) {
      case Section::kNone:
        return error("a phrase before any [section]");
      case Section::kForeign:
        out.foreign_.insert(out.foreign_.end(), words.begin(), words.end());
        break;
      case Section::kDrop:
      case Section::kKind:
        out.phrases_.push_back({std::move(words), kinds, modalities, counts, leading});
        break;
      case Section::kLiking:
        out.liking_.push_back({std::move(words), {}, {}, false, false});
        break;
    }
  }
  // Longest first, so find() takes the longest phrase at each token.
  for (auto* phrases : {&out.phrases_, &out.liking_}) {
    std::stable_sort(phrases->begin(), phrases->end(),
                     [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
  }
  std::sort(out.foreign_.begin(), out.foreign_.end());
  return out;
}

std::vector<QueryWords::Match> QueryWords::find(const std::vector<Token>& tokens) const {
  return find_in(phrases_, tokens);
}

std::vector<QueryWords::Match> QueryWords::find_liking(const std::vector<Token>& tokens) const {
  std::vector<Match> liking = find_in(liking_, tokens);
  const std::vector<Match> around = find_in(phrases_, tokens);
  std::erase_if(liking, [&](const Match& l) {
    return std::any_of(around.begin(), around.end(), [&](const Match& a) {
      return a.begin <= l.begin && l.end <= a.end && a.end - a.begin > l.end - l.begin;
    });
  });
  return liking;
}

std::vector<QueryWords::Match> QueryWords::find_in(const std::vector<Phrase>& phrases, const std::vector<Token>& tokens) {
  std::vector<std::string> words;
  for (const Token& t : tokens) words.push_back(Analyzer::fold(t.word));
  std::vector<Match> found;
  for (size_t i = 0; i < words.size();) {
    const Phrase* hit = nullptr;
    for (const Phrase& p : phrases) {
      if (p.leading && i > 0) continue;
      if (i + p.words.size() <= words.size() && std::equal(p.words.begin(), p.words.end(), words.begin() + i)) {
        hit = &p;
        break;
      }
    }
    if (!hit) {
      ++i;
      continue;
    }
    found.push_back({i, i + hit->words.size(), hit->kinds, hit->modalities, hit->counts});
    i += hit->words.size();
  }
  return found;
}

bool QueryWords::is_foreign(std::string_view folded_word) const {
  return std::binary_search(foreign_.begin(), foreign_.end(), folded_word);
}

}  // namespace spro::search
