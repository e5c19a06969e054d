#include "search/query_builder.h"

#include <algorithm>

#include "index/schema.h"
#include "territory/territory.h"

namespace spro::search {
namespace {

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const auto& v : values) terms.emplace_back(std::string(prefix) + v);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query filter_query(const SearchRequest& r) {
  std::vector<Xapian::Query> parts;
  if (!r.territories.empty()) {
    std::vector<Xapian::Query> terms;
    for (const auto& code : r.territories) {
      for (const auto& t : schema::territory_filter_terms(code, r.include_wider_territories)) terms.emplace_back(t);
    }
    parts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  if (!r.publics.empty()) parts.push_back(any_of(schema::kPublic, r.publics));
  if (!r.levels.empty()) {
    std::vector<std::string> levels;
    for (int l : r.levels) levels.push_back(std::to_string(l));
    parts.push_back(any_of(schema::kLevel, levels));
  }
  if (!r.kinds.empty()) parts.push_back(any_of(schema::kKind, r.kinds));
  if (!r.sources.empty()) parts.push_back(any_of(schema::kSource, r.sources));
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

}  // namespace

Status check_filters(const SearchRequest& r) {
  for (const auto& t : r.territories) {
    if (!territory::is_territory_code(t)) {
      return Status::invalid_argument("territory: '" + t + "' is not a territory code (fr, reg:NN, dep:NN, com:NNNNN, epci:NNNNNNNNN)");
    }
  }
  for (int l : r.levels) {
    if (l < 1 || l > 8) return Status::invalid_argument("level: " + std::to_string(l) + " is not between 1 and 8");
  }
  auto check_vocab = [](const char* field, const std::vector<std::string>& values,
                        const std::vector<VocabularyEntry>& vocab) -> Status {
    for (const auto& v : values) {
      bool known = std::any_of(vocab.begin(), vocab.end(), [&](const auto& e) { return e.id == v; });
      if (!known) return Status::invalid_argument(std::string(field) + ": unknown value '" + v + "'");
    }
    return Status();
  };
  if (Status s = check_vocab("public", r.publics, publics()); !s.ok()) return s;
  if (Status s = check_vocab("kind", r.kinds, kinds()); !s.ok()) return s;
  return Status();
}

BuiltQuery build_query(const SearchRequest& request, const Analyzer& analyzer,
                       const Xapian::Database& db) {
  BuiltQuery out;
  out.filter = filter_query(request);
  std::vector<Token> tokens = analyzer.analyze(request.text);
  bool has_content_word = std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return !t.stopword; });
  std::vector<Xapian::Query> words;
  for (const Token& t : tokens) {
    if (t.stopword && has_content_word) continue;
    std::vector<std::string> candidates = analyzer.query_terms(t);
    std::vector<Xapian::Query> present;
    for (const auto& c : candidates) {
      if (db.term_exists(c)) {
        present.emplace_back(c);
        out.highlight_terms.insert(c);
      }
    }
    // A word found nowhere still takes part, so that an AND query with it
    // matches nothing rather than silently ignoring it.
    if (present.empty()) present.emplace_back(candidates.front());
    words.emplace_back(Xapian::Query::OP_SYNONYM, present.begin(), present.end());
  }
  if (words.empty()) {
    out.browse = true;
    out.text = Xapian::Query::MatchAll;
  } else {
    out.text = Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
  }
  return out;
}

}  // namespace spro::search
