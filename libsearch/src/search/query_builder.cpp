#include "search/query_builder.h"

#include <algorithm>
#include <cctype>

#include "index/schema.h"
#include "search/query_parser.h"
#include "territory/territory.h"
#include "util/strings.h"

namespace spro::search {
namespace {

// Fixed weights added to BM25 (whose values stay well below 100 here): a
// resource holding a typed code comes first, then exact title matches.
constexpr double kCodeBoost = 10000;
constexpr double kExactTitleBoost = 1000;
// A wildcard expands to at most this many terms (the most frequent).
constexpr Xapian::termcount kMaxWildcardTerms = 200;

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const auto& v : values) terms.emplace_back(std::string(prefix) + v);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query boost(double weight, const std::string& term) {
  return Xapian::Query(Xapian::Query::OP_FILTER,
                       Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()),
                       Xapian::Query(term));
}

// Builds the ranked query clause by clause.
class Builder {
 public:
  Builder(const Analyzer& analyzer, const Thesaurus& thesaurus, const Xapian::Database& db, BuiltQuery& out)
      : analyzer_(analyzer), thesaurus_(thesaurus), db_(db), out_(out) {}

  Xapian::Query build(const ParsedQuery& parsed, bool any_word) {
    // Stopwords are dropped only when the query has other words.
    for (const Clause& c : parsed.clauses) {
      for (const Token& t : analyzer_.analyze(c.text)) has_content_word_ |= !t.stopword;
    }
    std::vector<Xapian::Query> required;
    std::vector<Xapian::Query> excluded;
    const auto& clauses = parsed.clauses;
    for (size_t i = 0; i < clauses.size();) {
      // A run of plain words goes through the thesaurus together.
      size_t run_end = i;
      while (run_end < clauses.size() && is_plain(clauses, run_end)) ++run_end;
      if (run_end > i) {
        for (auto& q : plain_run(clauses, i, run_end)) required.push_back(std::move(q));
        i = run_end;
        continue;
      }
      Xapian::Query q = clause_query(clauses[i]);
      if (clauses[i].excluded) {
        if (!q.empty()) excluded.push_back(q);
      } else if (clauses[i].or_with_previous && !required.empty()) {
        required.back() = Xapian::Query(Xapian::Query::OP_OR, required.back(), q);
      } else if (!q.empty()) {
        required.push_back(q);
      }
      ++i;
    }
    out_.required_groups = required.size();
    if (required.empty()) return Xapian::Query();
    Xapian::Query q(any_word ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, required.begin(), required.end());
    if (!excluded.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                        Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
    }
    return q;
  }

  std::vector<Xapian::Query> boosts(const ParsedQuery& parsed) {
    std::vector<Xapian::Query> out;
    std::vector<Token> words;
    for (const Clause& c : parsed.clauses) {
      if (c.excluded) continue;
      for (Token& t : analyzer_.analyze(c.text)) words.push_back(std::move(t));
      for (const std::string& code_term : code_terms(c.text)) {
        out.push_back(boost(kCodeBoost, code_term));
        out_.explanations[code_term] = "code";
      }
    }
    std::string exact = std::string(schema::kExactTitle) + schema::exact_key(words);
    if (!words.empty() && db_.term_exists(exact)) {
      out.push_back(boost(kExactTitleBoost, exact));
      out_.explanations[exact] = "exact title";
    }
    return out;
  }

 private:
  // Plain words: no syntax, not the left side of an OR.
  static bool is_plain(const std::vector<Clause>& clauses, size_t i) {
    const Clause& c = clauses[i];
    bool left_of_or = i + 1 < clauses.size() && clauses[i + 1].or_with_previous;
    return !c.phrase && !c.excluded && !c.wildcard && !c.or_with_previous && !left_of_or &&
           c.field == Clause::Field::kAny;
  }

  bool keep(const Token& t) const { return !t.stopword || !has_content_word_; }

  // One word: the synonym group of its candidate terms present in the
  // index. A word found nowhere still takes part, so that an AND query
  // with it matches nothing rather than silently ignoring it.
  Xapian::Query word_query(const Token& t, size_t offset, std::string_view prefix = {}) {
    std::vector<std::string> candidates = analyzer_.query_terms(t);
    std::vector<Xapian::Query> present;
    for (const auto& c : candidates) {
      std::string term = std::string(prefix) + c;
      if (db_.term_exists(term)) {
        present.emplace_back(term);
        out_.highlight_terms.insert(c);
        out_.explanations[term] = t.word;
      }
    }
    if (present.empty()) {
      out_.unknown_words.push_back({offset + t.begin, offset + t.end, t.word});
      present.emplace_back(std::string(prefix) + candidates.front());
    }
    return Xapian::Query(Xapian::Query::OP_SYNONYM, present.begin(), present.end());
  }

  std::vector<Xapian::Query> plain_run(const std::vector<Clause>& clauses, size_t begin, size_t end) {
    std::vector<Token> tokens;
    std::vector<size_t> offsets;
    for (size_t i = begin; i < end; ++i) {
      for (Token& t : analyzer_.analyze(clauses[i].text)) {
        tokens.push_back(std::move(t));
        offsets.push_back(clauses[i].offset);
      }
    }
    std::vector<Thesaurus::Match> matches = thesaurus_.find(tokens);
    auto next = matches.begin();
    std::vector<Xapian::Query> groups;
    for (size_t i = 0; i < tokens.size();) {
      if (next != matches.end() && next->begin == i) {
        // The words as typed, or any other form of the thesaurus entry.
        std::vector<Xapian::Query> typed;
        for (size_t k = next->begin; k < next->end; ++k) {
          if (keep(tokens[k])) typed.push_back(word_query(tokens[k], offsets[k]));
        }
        std::vector<Xapian::Query> either{Xapian::Query(Xapian::Query::OP_AND, typed.begin(), typed.end())};
        for (const auto& form : next->alternatives) either.push_back(form_query(form));
        groups.emplace_back(Xapian::Query::OP_OR, either.begin(), either.end());
        i = next->end;
        ++next;
        continue;
      }
      if (keep(tokens[i])) groups.push_back(word_query(tokens[i], offsets[i]));
      ++i;
    }
    return groups;
  }

  Xapian::Query form_query(const Thesaurus::Form& form) {
    for (const auto& term : form) {
      if (db_.term_exists(term)) out_.highlight_terms.insert(term);
    }
    if (form.size() == 1) return Xapian::Query(form.front());
    if (schema::phrase_form_indexed(db_, form)) return Xapian::Query(schema::phrase_term(form));
    return Xapian::Query(Xapian::Query::OP_PHRASE, form.begin(), form.end(), form.size());
  }

  Xapian::Query clause_query(const Clause& c) {
    std::string_view prefix = c.field == Clause::Field::kAny ? std::string_view() : schema::kTitle;
    std::vector<Token> tokens = analyzer_.analyze(c.text);
    std::vector<Xapian::Query> parts;
    if (c.wildcard && !tokens.empty()) {
      // The stem of a prefix is a prefix of the stems of the words it
      // starts ("infirmie" -> "infirmi"); the folded prefix catches words
      // whose stem is shorter than what was typed.
      std::vector<Xapian::Query> either;
      for (const std::string& p : {Analyzer::fold(c.text), tokens.back().terms.front()}) {
        either.emplace_back(Xapian::Query::OP_WILDCARD, std::string(prefix) + p, kMaxWildcardTerms,
                            Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      }
      for (size_t i = 0; i + 1 < tokens.size(); ++i) parts.push_back(word_query(tokens[i], c.offset, prefix));
      parts.emplace_back(Xapian::Query::OP_OR, either.begin(), either.end());
    } else {
      for (const Token& t : tokens) {
        if (c.phrase || keep(t)) parts.push_back(word_query(t, c.offset, c.phrase ? std::string_view() : prefix));
      }
    }
    if (parts.empty()) return Xapian::Query();
    Xapian::Query q;
    if (c.phrase && parts.size() > 1) {
      q = Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size());
    } else {
      q = Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }
    if (c.field == Clause::Field::kJobTitle) {
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(std::string(schema::kKind) + "metier"));
    }
    return q;
  }

  // Boolean code terms for a word that looks like a reference code and is
  // held by some resource: ROME (J1506), RNCP (RNCP12345), RS (RS5678),
  // Formacode (5 digits).
  std::vector<std::string> code_terms(std::string_view text) const {
    std::string upper;
    for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::vector<std::string> candidates;
    if (upper.size() == 5 && upper[0] >= 'A' && upper[0] <= 'N' && util::all_digits(upper.substr(1))) candidates.push_back("rome:" + upper);
    if (upper.starts_with("RNCP") && util::all_digits(upper.substr(4))) candidates.push_back("rncp:" + upper.substr(4));
    if (upper.starts_with("RS") && util::all_digits(upper.substr(2))) candidates.push_back("rs:" + upper.substr(2));
    if (upper.size() == 5 && util::all_digits(upper)) candidates.push_back("formacode:" + upper);
    std::vector<std::string> present;
    for (const auto& c : candidates) {
      std::string term = std::string(schema::kCode) + c;
      if (db_.term_exists(term)) present.push_back(term);
    }
    return present;
  }

  const Analyzer& analyzer_;
  const Thesaurus& thesaurus_;
  const Xapian::Database& db_;
  BuiltQuery& out_;
  bool has_content_word_ = false;
};

}  // namespace

Xapian::Query filter_query(const SearchRequest& r, const std::vector<std::string_view>& except_facets) {
  auto kept = [&](std::string_view facet) {
    return std::find(except_facets.begin(), except_facets.end(), facet) == except_facets.end();
  };
  std::vector<Xapian::Query> parts;
  if (!r.territories.empty() && kept("territory")) {
    std::vector<Xapian::Query> terms;
    for (const auto& code : r.territories) {
      for (const auto& t : schema::territory_filter_terms(code, r.include_wider_territories)) terms.emplace_back(t);
    }
    parts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  if (!r.publics.empty() && kept("public")) parts.push_back(any_of(schema::kPublic, r.publics));
  if (!r.levels.empty() && kept("level")) {
    std::vector<std::string> levels;
    for (int l : r.levels) levels.push_back(std::to_string(l));
    parts.push_back(any_of(schema::kLevel, levels));
  }
  if (!r.kinds.empty() && kept("kind")) parts.push_back(any_of(schema::kKind, r.kinds));
  if (!r.sources.empty() && kept("source")) parts.push_back(any_of(schema::kSource, r.sources));
  if (r.near && r.radius_km > 0) {
    // The grid cells the circle overlaps, then the great-circle distance on
    // the location slot (the posting source yields documents within the
    // radius, and is only asked about those of the cells).
    std::vector<std::string> cells = schema::grid_cell_terms(*r.near, r.radius_km);
    if (!cells.empty()) parts.push_back(any_of("", cells));
    Xapian::LatLongCoords centre(Xapian::LatLongCoord(r.near->lat, r.near->lon));
    parts.emplace_back((new Xapian::LatLongDistancePostingSource(schema::kSlotLocation, centre,
                                                                  Xapian::GreatCircleMetric(), r.radius_km * 1000))
                           ->release());
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Status check_filters(const SearchRequest& r) {
  for (const auto& t : r.territories) {
    if (!territory::is_territory_code(t)) {
      return Status::invalid_argument("territory: '" + t + "' is not a territory code (fr, reg:NN, dep:NN, com:NNNNN, epci:NNNNNNNNN)");
    }
  }
  for (int l : r.levels) {
    if (l < 1 || l > 8) return Status::invalid_argument("level: " + std::to_string(l) + " is not between 1 and 8");
  }
  if (r.near && (!(r.near->lat >= -90 && r.near->lat <= 90) || !(r.near->lon >= -180 && r.near->lon <= 180))) {
    return Status::invalid_argument("near: latitude must be in [-90, 90] and longitude in [-180, 180]");
  }
  if (!(r.radius_km >= 0 && r.radius_km <= 20000)) return Status::invalid_argument("radius: must be between 0 and 20000 km");
  auto check_vocab = [](const char* field, const std::vector<std::string>& values,
                        const std::vector<VocabularyEntry>& vocab) -> Status {
    for (const auto& v : values) {
      if (!in_vocabulary(vocab, v)) return Status::invalid_argument(std::string(field) + ": unknown value '" + v + "'");
    }
    return Status();
  };
  if (Status s = check_vocab("public", r.publics, publics()); !s.ok()) return s;
  if (Status s = check_vocab("kind", r.kinds, kinds()); !s.ok()) return s;
  return Status();
}

BuiltQuery build_query(const SearchRequest& request, const Analyzer& analyzer,
                       const Thesaurus& thesaurus, const Xapian::Database& db, bool any_word) {
  BuiltQuery out;
  ParsedQuery parsed = parse_query(request.text);
  out.degraded = parsed.degraded;
  out.truncated = parsed.truncated;
  Builder builder(analyzer, thesaurus, db, out);
  Xapian::Query text = builder.build(parsed, any_word);
  if (text.empty()) {
    out.browse = true;
    // Not Xapian::Query::MatchAll: that is one static object whose
    // reference count is not atomic, and copying it from several threads
    // at once corrupts it (a crash seen in the concurrency test). The
    // empty term is a match-all query of our own.
    out.text = Xapian::Query(std::string());
    return out;
  }
  std::vector<Xapian::Query> boosts = builder.boosts(parsed);
  if (!boosts.empty()) {
    // Boosts only add weight to what the text query already matches.
    Xapian::Query any_boost(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
    text = Xapian::Query(Xapian::Query::OP_AND_MAYBE, text, any_boost);
  }
  out.text = text;
  return out;
}

}  // namespace spro::search
