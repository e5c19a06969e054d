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

namespace {

// One query word: the synonym group of its candidate terms present in the
// index. A word found nowhere still takes part, so that an AND query with
// it matches nothing rather than silently ignoring it.
Xapian::Query word_query(const Token& t, const Analyzer& analyzer, const Xapian::Database& db,
                         std::set<std::string>& highlight) {
  std::vector<std::string> candidates = analyzer.query_terms(t);
  std::vector<Xapian::Query> present;
  for (const auto& c : candidates) {
    if (db.term_exists(c)) {
      present.emplace_back(c);
      highlight.insert(c);
    }
  }
  if (present.empty()) present.emplace_back(candidates.front());
  return Xapian::Query(Xapian::Query::OP_SYNONYM, present.begin(), present.end());
}

Xapian::Query form_query(const Thesaurus::Form& form, const Xapian::Database& db,
                         std::set<std::string>& highlight) {
  for (const auto& term : form) {
    if (db.term_exists(term)) highlight.insert(term);
  }
  if (form.size() == 1) return Xapian::Query(form.front());
  return Xapian::Query(Xapian::Query::OP_PHRASE, form.begin(), form.end(), form.size());
}

}  // namespace

BuiltQuery build_query(const SearchRequest& request, const Analyzer& analyzer,
                       const Thesaurus& thesaurus, const Xapian::Database& db) {
  BuiltQuery out;
  out.filter = filter_query(request);
  std::vector<Token> tokens = analyzer.analyze(request.text);
  bool has_content_word = std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return !t.stopword; });
  auto keep = [&](const Token& t) { return !t.stopword || !has_content_word; };

  std::vector<Thesaurus::Match> matches = thesaurus.find(tokens);
  auto next_match = matches.begin();
  std::vector<Xapian::Query> groups;
  for (size_t i = 0; i < tokens.size();) {
    if (next_match != matches.end() && next_match->begin == i) {
      // The words as typed, or any other form of the thesaurus entry.
      std::vector<Xapian::Query> typed;
      for (size_t k = next_match->begin; k < next_match->end; ++k) {
        if (keep(tokens[k])) typed.push_back(word_query(tokens[k], analyzer, db, out.highlight_terms));
      }
      std::vector<Xapian::Query> either{Xapian::Query(Xapian::Query::OP_AND, typed.begin(), typed.end())};
      for (const auto& form : next_match->alternatives) either.push_back(form_query(form, db, out.highlight_terms));
      groups.emplace_back(Xapian::Query::OP_OR, either.begin(), either.end());
      i = next_match->end;
      ++next_match;
      continue;
    }
    if (keep(tokens[i])) groups.push_back(word_query(tokens[i], analyzer, db, out.highlight_terms));
    ++i;
  }
  if (groups.empty()) {
    out.browse = true;
    out.text = Xapian::Query::MatchAll;
  } else {
    out.text = Xapian::Query(Xapian::Query::OP_AND, groups.begin(), groups.end());
  }
  return out;
}

}  // namespace spro::search
