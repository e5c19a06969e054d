#include "search/query_builder.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <tuple>

#include "analysis/tokenizer.h"
#include "index/schema.h"
#include "search/query_parser.h"
#include "search/query_words.h"
#include "territory/territory.h"
#include "util/strings.h"

namespace spro::search {
namespace {

// Fixed weights added to BM25 (whose values stay well below 100 here): the
// resource whose id was typed comes first, then those holding a typed code,
// then exact title matches.
constexpr double kIdBoost = 20000;
constexpr double kCodeBoost = 10000;
constexpr double kExactTitleBoost = 1000;
constexpr double kExactJobTitleBoost = 300;  // one of a job's appellations
// A query run with some of its words only, because fewer than a page of
// resources hold them all: those holding them all still come first.
constexpr double kAllWordsBoost = 500;
// An intent word ("devenir", "se former") prefers some kinds of resource a
// little: about what one more matching title word adds.
constexpr double kIntentBoost = 2;

// The cost of a query is bounded whatever is typed (issue 18): wildcards
// and the prefix reading of the last word share one budget of expansion
// terms for the whole query (the most frequent terms of each prefix, among
// the first index terms it starts), and only the first kMaxClauses words or
// phrases are read. The postings of the terms a query expands to are
// bounded too: as many as the index has documents, shared by its wildcards
// (more frequent terms first, as long as they fit), so that matching and
// counting them costs about what one very common word costs. Xapian's own
// OP_WILDCARD reads every term of a prefix
// at each pass of a query ("a*": thousands), which cost 10 s for 200
// wildcards; the terms are looked up once here.
constexpr size_t kExpansionBudget = 32;
constexpr size_t kMaxExpansionPerWildcard = 32;
constexpr size_t kScanBudget = 2048;
constexpr size_t kLastWordExpansion = 16;
constexpr size_t kLastWordScan = 256;  // every query pays it: kept small
constexpr size_t kMaxClauses = 32;
// Queries of more groups, or with explicit wildcards, run with the match
// time limit (the filter costs about 10 % of a one-word query).
constexpr size_t kCheapGroups = 6;
// Beyond this many wildcards a query says it was bounded (and is not relaxed).
constexpr size_t kMaxFreeWildcards = 8;
// A phrase is a phrase of single terms (Xapian's OP_PHRASE takes nothing
// else): a word with several forms (accents, gender) makes one phrase per
// combination, up to this many; beyond, the extra forms are left out.
constexpr size_t kMaxPhraseVariants = 16;
// Adjacent words of the query found side by side in a resource add their
// weight again (at most this many pairs): "france services" ranks
// "France services de Lyon" above a text with both words apart.
constexpr size_t kMaxProximityPairs = 6;
// The last word of a query may be a prefix still being typed ("mecanicien
// auto"); words shorter than this are not read as prefixes.
constexpr size_t kMinPrefixBytes = 4;
constexpr size_t kMaxPrefixBytes = 6;  // longer: only when the word is not in the index

// Names partners print before a code ("RNCP 35400", "code ROME J1506").
bool is_code_scheme(std::string_view folded_word) {
  return folded_word == "rncp" || folded_word == "rs" || folded_word == "rome" || folded_word == "formacode" ||
         folded_word == "certifinfo";
}

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

// `weight` for every resource `q` matches (a filter adds none of q's own).
Xapian::Query boost_all(double weight, const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_FILTER,
                       Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()), q);
}

std::string upper(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool all_letters(std::string_view folded) {
  return !folded.empty() &&
         std::all_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Phrases of single terms: one per combination of the candidates of each
// position, the first candidates first, at most kMaxPhraseVariants.
// `window` as for OP_PHRASE (0: the words exactly side by side).
Xapian::Query phrase_of(const std::vector<std::vector<std::string>>& positions, Xapian::termcount window = 0) {
  std::vector<size_t> sizes;
  for (const auto& p : positions) sizes.push_back(p.size());
  // Trim the positions with the most candidates until the product fits.
  auto product = [&] {
    size_t n = 1;
    for (size_t s : sizes) n = std::min(n * s, kMaxPhraseVariants + 1);
    return n;
  };
  while (product() > kMaxPhraseVariants) --*std::max_element(sizes.begin(), sizes.end());
  std::vector<Xapian::Query> phrases;
  std::vector<size_t> pick(positions.size(), 0);
  while (true) {
    std::vector<Xapian::Query> terms;
    for (size_t i = 0; i < positions.size(); ++i) terms.emplace_back(positions[i][pick[i]]);
    phrases.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         window ? window : static_cast<Xapian::termcount>(terms.size()));
    size_t i = 0;
    while (i < pick.size() && ++pick[i] == sizes[i]) pick[i++] = 0;
    if (i == pick.size()) break;
  }
  return Xapian::Query(Xapian::Query::OP_OR, phrases.begin(), phrases.end());
}

// Builds the ranked query clause by clause.
class Builder {
 public:
  Builder(const Analyzer& analyzer, const Thesaurus& thesaurus, const Xapian::Database& db, BuiltQuery& out)
      : analyzer_(analyzer), thesaurus_(thesaurus), db_(db), out_(out) {}

  Xapian::Query build(const ParsedQuery& parsed, bool any_word, bool last_word_complete) {
    clauses_ = parsed.clauses;
    if (clauses_.size() > kMaxClauses) {
      clauses_.resize(kMaxClauses);
      out_.capped = true;
    }
    prefix_last_word_ = !last_word_complete;
    analyze_clauses();
    size_t explicit_wildcards = 0;
    for (const Clause& c : clauses_) explicit_wildcards += c.wildcard;
    size_t wildcards = explicit_wildcards + (prefix_last_word_ ? 1 : 0);
    if (wildcards > 0) {
      per_wildcard_ = std::clamp<size_t>(kExpansionBudget / wildcards, 1, kMaxExpansionPerWildcard);
      scan_per_wildcard_ = std::max<size_t>(16, kScanBudget / wildcards);
      postings_per_wildcard_ = std::max<size_t>(100, db_.get_doccount() / wildcards);
      if (wildcards > kMaxFreeWildcards) out_.capped = true;
    }

    // Each required group is one flat OR ("a OR b OR c"): nested ORs cost
    // a level each for every posting when counting.
    std::vector<std::vector<Xapian::Query>> groups;
    std::vector<Xapian::Query> excluded;
    for (size_t i = 0; i < clauses_.size();) {
      if (size_t n = code_clauses(i); n > 0) {
        groups.push_back({code_query(i, n)});
        i += n;
        continue;
      }
      // A run of plain words goes through the thesaurus together.
      size_t run_end = i;
      while (run_end < clauses_.size() && is_plain(run_end) && code_clauses(run_end) == 0) ++run_end;
      if (run_end > i) {
        for (auto& q : plain_run(i, run_end)) groups.push_back({std::move(q)});
        i = run_end;
        continue;
      }
      Xapian::Query q = clause_query(i);
      if (clauses_[i].excluded) {
        if (!q.empty()) excluded.push_back(q);
      } else if (clauses_[i].or_with_previous && !groups.empty()) {
        if (!q.empty()) groups.back().push_back(q);
      } else if (!q.empty()) {
        groups.push_back({q});
      }
      ++i;
    }
    std::vector<Xapian::Query> required;
    for (const auto& g : groups) {
      required.push_back(g.size() == 1 ? g.front() : Xapian::Query(Xapian::Query::OP_OR, g.begin(), g.end()));
    }
    out_.required_groups = required.size();
    out_.costly = explicit_wildcards > 0 || required.size() + excluded.size() > kCheapGroups;
    if (required.empty()) {
      if (excluded.empty()) return Xapian::Query();
      required.push_back(Xapian::Query::MatchAll);  // only exclusions: everything but them
    }
    Xapian::Query q(any_word ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, required.begin(), required.end());
    if (any_word && required.size() > 1) groups_ = required;
    if (!excluded.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                        Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
    }
    return q;
  }

  // Weight added to what the query matches: exact titles, intent kinds,
  // words typed together found together.
  std::vector<Xapian::Query> boosts(bool proximity) {
    std::vector<Xapian::Query> out;
    std::vector<Token> words;
    for (size_t i = 0; i < clauses_.size(); ++i) {
      if (clauses_[i].excluded) continue;
      for (size_t k = 0; k < tokens_[i].size(); ++k) {
        if (!dropped_[i][k]) words.push_back(tokens_[i][k]);
      }
    }
    const std::string key = schema::exact_key(words);
    for (auto [prefix, weight, why] : {std::tuple{schema::kExactTitle, kExactTitleBoost, "exact title"},
                                       std::tuple{schema::kExactJobTitle, kExactJobTitleBoost, "exact job title"}}) {
      std::string exact = std::string(prefix) + key;
      if (!words.empty() && db_.term_exists(exact)) {
        out.push_back(boost(weight, exact));
        out_.explanations[exact] = why;
      }
    }
    for (const std::string& kind : preferred_kinds_) out.push_back(boost(kIntentBoost, std::string(schema::kKind) + kind));
    for (const std::string& m : preferred_modalities_) {
      out.push_back(boost(kIntentBoost, std::string(schema::kModality) + m));
    }
    for (const Token& t : counting_) {
      std::vector<std::string> terms = present_terms(t, "");
      if (!terms.empty()) out.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    // Some words only: the resources holding every word first.
    if (!groups_.empty()) {
      out.push_back(boost_all(kAllWordsBoost, Xapian::Query(Xapian::Query::OP_AND, groups_.begin(), groups_.end())));
    }
    // Not in a query of some words only. There it ranked worse (held-out
    // job titles of bench/: Success@1 0.575 without, 0.556 with), and
    // beside the boost of every word Xapian 1.4 weighted the phrases
    // differently with the page size (99 pages in 600 changed order).
    proximity = proximity && groups_.empty();
    size_t pairs = 0;
    for (size_t i = 0; proximity && i + 1 < adjacent_.size() && pairs < kMaxProximityPairs; ++i) {
      const Adjacent& a = adjacent_[i];
      const Adjacent& b = adjacent_[i + 1];
      if (a.run != b.run || a.terms.empty() || b.terms.empty()) continue;
      auto window = static_cast<Xapian::termcount>(b.index - a.index + 1);
      out.push_back(phrase_of({a.terms, b.terms}, window));
      ++pairs;
    }
    return out;
  }

 private:
  // A content word of a plain run, for proximity.
  struct Adjacent {
    size_t run;    // which plain run
    size_t index;  // token index in the run (stopwords count)
    std::vector<std::string> terms;  // its candidates present in the index
  };

  // Tokens of every clause, and which plain words are only the words
  // around the words ("je veux", "comment"): those are dropped when the
  // query has other words, and intent words among them prefer some kinds.
  void analyze_clauses() {
    for (const Clause& c : clauses_) tokens_.push_back(analyzer_.analyze(c.text));
    dropped_.resize(clauses_.size());
    for (size_t i = 0; i < clauses_.size(); ++i) dropped_[i].assign(tokens_[i].size(), false);
    std::vector<std::string> kinds;
    std::vector<std::string> modalities;
    std::vector<Token> counting;
    auto add_once = [](std::vector<std::string>& to, const std::vector<std::string>& values) {
      for (const auto& v : values) {
        if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
      }
    };
    for (size_t i = 0; i < clauses_.size();) {
      if (!is_plain(i)) {
        ++i;
        continue;
      }
      std::vector<Token> run;
      std::vector<std::pair<size_t, size_t>> where;
      size_t end = i;
      for (; end < clauses_.size() && is_plain(end); ++end) {
        for (size_t k = 0; k < tokens_[end].size(); ++k) {
          run.push_back(tokens_[end][k]);
          where.emplace_back(end, k);
        }
      }
      for (const QueryWords::Match& m : QueryWords::builtin().find(run)) {
        for (size_t t = m.begin; t < m.end; ++t) {
          dropped_[where[t].first][where[t].second] = true;
          if (m.counts && !run[t].stopword) counting.push_back(run[t]);
        }
        add_once(kinds, m.kinds);
        add_once(modalities, m.modalities);
      }
      i = end;
    }
    for (size_t i = 0; i < clauses_.size(); ++i) {
      for (size_t k = 0; k < tokens_[i].size(); ++k) {
        has_content_word_ |= !tokens_[i][k].stopword && !dropped_[i][k];
      }
    }
    if (!has_content_word_) {
      // Nothing but such words ("comment devenir"): they are the query.
      for (auto& d : dropped_) d.assign(d.size(), false);
      for (size_t i = 0; i < clauses_.size(); ++i) {
        for (const Token& t : tokens_[i]) has_content_word_ |= !t.stopword;
      }
    } else {
      preferred_kinds_ = std::move(kinds);
      preferred_modalities_ = std::move(modalities);
      counting_ = std::move(counting);
    }
  }

  // Plain words: no syntax, not the left side of an OR.
  bool is_plain(size_t i) const {
    const Clause& c = clauses_[i];
    bool left_of_or = i + 1 < clauses_.size() && clauses_[i + 1].or_with_previous;
    return !c.phrase && !c.excluded && !c.wildcard && !c.or_with_previous && !left_of_or &&
           c.field == Clause::Field::kAny;
  }

  bool keep(size_t clause, size_t token) const {
    return !dropped_[clause][token] && (!tokens_[clause][token].stopword || !has_content_word_);
  }

  // The candidate terms of a word present in the index (`prefix` + term):
  // its forms, and the acronym of titles it may be (built at index time).
  std::vector<std::string> present_terms(const Token& t, std::string_view prefix) {
    std::vector<std::string> present;
    for (const auto& c : analyzer_.query_terms(t)) {
      std::string term = std::string(prefix) + c;
      if (db_.term_exists(term)) {
        present.push_back(term);
        out_.highlight_terms.insert(c);
        out_.explanations[term] = t.word;
      }
    }
    std::string folded = Analyzer::fold(t.word);
    if (prefix.empty() && folded.size() >= 3 && all_letters(folded)) {
      std::string acronym = std::string(schema::kAcronym) + folded;
      if (db_.term_exists(acronym)) {
        present.push_back(acronym);
        out_.explanations[acronym] = t.word + " (acronym)";
      }
    }
    return present;
  }

  // One word: the synonym group of its candidate terms present in the
  // index. A word found nowhere still takes part, so that an AND query
  // with it matches nothing rather than silently ignoring it. With
  // `as_prefix`, words starting with it match too (the last word typed).
  Xapian::Query word_query(const Token& t, size_t offset, std::string_view prefix = {}, bool as_prefix = false) {
    std::vector<std::string> terms = present_terms(t, prefix);
    std::vector<Xapian::Query> present(terms.begin(), terms.end());
    std::optional<Xapian::Query> completions;
    if (as_prefix) {
      std::vector<std::string> started = expand(std::string(prefix) + Analyzer::fold(t.word),
                                                std::min(per_wildcard_, kLastWordExpansion), kLastWordScan);
      if (!started.empty()) completions = Xapian::Query(Xapian::Query::OP_SYNONYM, started.begin(), started.end());
    }
    if (present.empty() && !completions) {
      if (!quiet_unknown_) out_.unknown_words.push_back({offset + t.begin, offset + t.end, t.word});
      present.emplace_back(std::string(prefix) + analyzer_.query_terms(t).front());
    }
    Xapian::Query q = present.empty() ? Xapian::Query()
                                      : Xapian::Query(Xapian::Query::OP_SYNONYM, present.begin(), present.end());
    if (!completions) return q;
    // The word as typed weighs more than the words it starts.
    Xapian::Query started(Xapian::Query::OP_SCALE_WEIGHT, *completions, 0.5);
    return q.empty() ? started : Xapian::Query(Xapian::Query::OP_OR, q, started);
  }

  std::vector<Xapian::Query> plain_run(size_t begin, size_t end) {
    std::vector<Token> tokens;
    std::vector<size_t> offsets;
    std::vector<bool> kept;
    std::vector<bool> last;  // the last word of the query
    for (size_t i = begin; i < end; ++i) {
      for (size_t k = 0; k < tokens_[i].size(); ++k) {
        tokens.push_back(tokens_[i][k]);
        offsets.push_back(clauses_[i].offset);
        kept.push_back(keep(i, k));
        last.push_back(i + 1 == clauses_.size() && k + 1 == tokens_[i].size());
      }
    }
    // The thesaurus reads the words that are kept.
    std::vector<Token> content;
    std::vector<size_t> index_of;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (!dropped_token(tokens[i], kept[i])) {
        content.push_back(tokens[i]);
        index_of.push_back(i);
      }
    }
    std::vector<Thesaurus::Match> matches = thesaurus_.find(content);
    auto next = matches.begin();
    std::vector<Xapian::Query> groups;
    const size_t run = runs_++;
    for (size_t j = 0; j < content.size();) {
      if (next != matches.end() && next->begin == j) {
        // The words as typed, or any other form of the thesaurus entry.
        std::vector<Xapian::Query> typed;
        for (size_t k = next->begin; k < next->end; ++k) {
          size_t i = index_of[k];
          if (kept[i]) typed.push_back(word_query(tokens[i], offsets[i]));
        }
        std::vector<Xapian::Query> either{Xapian::Query(Xapian::Query::OP_AND, typed.begin(), typed.end())};
        for (const auto& form : next->alternatives) either.push_back(form_query(form));
        groups.emplace_back(Xapian::Query::OP_OR, either.begin(), either.end());
        j = next->end;
        ++next;
        continue;
      }
      size_t i = index_of[j];
      if (kept[i]) {
        const Token& t = tokens[i];
        // A long word found in the index was typed to its end.
        size_t bytes = Analyzer::fold(t.word).size();
        bool as_prefix = prefix_last_word_ && last[i] && !t.stopword && bytes >= kMinPrefixBytes &&
                         (bytes <= kMaxPrefixBytes || present_terms_plain(t).empty());
        Xapian::Query q = word_query(t, offsets[i], {}, as_prefix);
        groups.push_back(q);
        if (!t.stopword) adjacent_.push_back({run, i, present_terms_plain(t)});
      }
      ++j;
    }
    return groups;
  }

  // The index terms starting with `prefix`: the `limit` most frequent among
  // the first scan_per_wildcard_ (or `max_scan`) ones, function words left out (every text
  // has them: "a*" is not "à").
  std::vector<std::string> expand(const std::string& prefix, size_t limit, size_t max_scan = SIZE_MAX) const {
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    size_t scanned = 0;
    max_scan = std::min(max_scan, scan_per_wildcard_);
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix) && scanned < max_scan;
         ++t, ++scanned) {
      std::string term = *t;
      if (Analyzer::is_stopword(term)) continue;
      found.emplace_back(t.get_termfreq(), std::move(term));
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    std::vector<std::string> terms;
    size_t postings = 0;
    for (auto& [freq, term] : found) {
      if (terms.size() >= limit) break;
      if (postings + freq > postings_per_wildcard_) continue;
      postings += freq;
      terms.push_back(std::move(term));
      out_.highlight_terms.insert(terms.back());
    }
    return terms;
  }

  // Dropped words are left out of the thesaurus; stopwords stay (forms
  // such as "licence pro" hold none, "diplôme d'état" does).
  static bool dropped_token(const Token& t, bool kept) { return !kept && !t.stopword; }

  // The present unprefixed terms of a word, for phrases and proximity
  // (acronym terms have no position).
  std::vector<std::string> present_terms_plain(const Token& t) const {
    std::vector<std::string> present;
    for (const auto& c : analyzer_.query_terms(t)) {
      if (db_.term_exists(c)) present.push_back(c);
    }
    return present;
  }

  Xapian::Query form_query(const Thesaurus::Form& form) {
    for (const auto& term : form) {
      if (db_.term_exists(term)) out_.highlight_terms.insert(term);
    }
    if (form.size() == 1) return Xapian::Query(form.front());
    if (schema::phrase_form_indexed(db_, form)) return Xapian::Query(schema::phrase_term(form));
    return Xapian::Query(Xapian::Query::OP_PHRASE, form.begin(), form.end(), form.size());
  }

  // A quoted phrase: the words side by side, each in any of its forms
  // (accents, gender), stopwords and elided words included ("validation
  // des acquis de l'expérience"). A word found nowhere makes it match
  // nothing, and may be corrected.
  Xapian::Query phrase_query(size_t i) {
    const Clause& c = clauses_[i];
    const std::vector<Token>& tokens = tokens_[i];
    const bool only_stopwords =
        std::all_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.stopword; });
    std::vector<std::vector<std::string>> positions;
    for (size_t k = 0; k < tokens.size(); ++k) {
      const Token& t = tokens[k];
      // "de l expérience" (the apostrophe typed as a space): the elided
      // word is not indexed apart (l'expérience -> expérience).
      if (k + 1 < tokens.size() && analysis::is_elided_word(Analyzer::fold(t.word))) continue;
      std::vector<std::string> present = present_terms_plain(t);
      for (const auto& term : present) {
        // Every text has "de": marking it in snippets shows nothing.
        if (!t.stopword || only_stopwords) out_.highlight_terms.insert(term);
        out_.explanations[term] = t.word;
      }
      if (present.empty()) {
        out_.unknown_words.push_back({c.offset + t.begin, c.offset + t.end, t.word});
        present.push_back(analyzer_.query_terms(t).front());
      }
      positions.push_back(std::move(present));
    }
    if (positions.empty()) return Xapian::Query();
    if (positions.size() == 1) {
      return Xapian::Query(Xapian::Query::OP_SYNONYM, positions[0].begin(), positions[0].end());
    }
    return phrase_of(positions);
  }

  Xapian::Query clause_query(size_t i) {
    const Clause& c = clauses_[i];
    const std::vector<Token>& tokens = tokens_[i];
    std::string_view prefix = c.field == Clause::Field::kAny ? std::string_view() : schema::kTitle;
    std::vector<Xapian::Query> parts;
    Xapian::Query q;
    if (c.phrase) {
      q = phrase_query(i);
    } else if (c.wildcard && !tokens.empty()) {
      // The stem of a prefix is a prefix of the stems of the words it
      // starts ("infirmie" -> "infirmi"); the folded prefix catches words
      // whose stem is shorter than what was typed. The two share the
      // wildcard's part of the budget.
      std::vector<std::string> stems{Analyzer::fold(c.text)};
      if (tokens.back().terms.front() != stems.front()) stems.push_back(tokens.back().terms.front());
      size_t limit = std::max<size_t>(1, per_wildcard_ / stems.size());
      std::vector<std::string> terms;
      for (const std::string& p : stems) {
        for (std::string& term : expand(std::string(prefix) + p, limit)) {
          if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
        }
      }
      for (size_t k = 0; k + 1 < tokens.size(); ++k) parts.push_back(word_query(tokens[k], c.offset, prefix));
      // No term starts so: the wildcard matches nothing.
      if (terms.empty()) terms.push_back(std::string(prefix) + stems.front());
      parts.emplace_back(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    } else {
      for (size_t k = 0; k < tokens.size(); ++k) {
        if (keep(i, k) || c.excluded) parts.push_back(word_query(tokens[k], c.offset, prefix));
      }
    }
    if (!c.phrase) {
      if (parts.empty()) return Xapian::Query();
      q = Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }
    if (q.empty()) return q;
    if (c.field == Clause::Field::kJobTitle) {
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(std::string(schema::kKind) + "metier"));
    }
    return q;
  }

  // How many clauses from `i` make a reference code held by some resource
  // (J1506, rome:J1506, RNCP35400, "rncp 35400", RS1234, a Formacode or
  // Certif Info number, an id as spro-search prints it): 0, 1 or 2.
  size_t code_clauses(size_t i) {
    if (!is_code_candidate(i)) return 0;
    if (!code_terms(clauses_[i].text).empty()) return 1;
    // "rncp 35400", "code rome J1506": a scheme name, then the code.
    if (i + 1 < clauses_.size() && is_code_candidate(i + 1)) {
      std::string scheme = Analyzer::fold(clauses_[i].text);
      if (is_code_scheme(scheme)) {
        if (!code_terms(scheme + ":" + clauses_[i + 1].text).empty()) return 2;
      }
    }
    return 0;
  }

  bool is_code_candidate(size_t i) const {
    const Clause& c = clauses_[i];
    return !c.phrase && !c.excluded && !c.wildcard && !c.or_with_previous && c.field == Clause::Field::kAny &&
           !(i + 1 < clauses_.size() && clauses_[i + 1].or_with_previous);
  }

  // A code: its words, or the resources holding it, those first.
  Xapian::Query code_query(size_t i, size_t n) {
    std::string text = n == 1 ? clauses_[i].text : Analyzer::fold(clauses_[i].text) + ":" + clauses_[i + 1].text;
    std::vector<Xapian::Query> either;
    std::vector<Xapian::Query> words;
    quiet_unknown_ = true;  // a code is not a typo
    for (size_t c = i; c < i + n; ++c) {
      for (const Token& t : tokens_[c]) words.push_back(word_query(t, clauses_[c].offset));
    }
    quiet_unknown_ = false;
    if (!words.empty()) either.emplace_back(Xapian::Query::OP_AND, words.begin(), words.end());
    for (const std::string& term : code_terms(text)) {
      either.push_back(boost(term.starts_with(schema::kId) ? kIdBoost : kCodeBoost, term));
      out_.explanations[term] = "code";
    }
    return Xapian::Query(Xapian::Query::OP_OR, either.begin(), either.end());
  }

  // The id and code terms (schema::kId, schema::kCode) of `text` present
  // in the index.
  std::vector<std::string> code_terms(std::string_view text) const {
    std::vector<std::string> candidates;
    std::vector<std::string> present;
    if (text.empty() || text.size() > schema::kMaxKeyBytes) return present;
    // An id exactly as printed ("onisep:FOR.271", "rome:J1506"): partners'
    // ids are qualified by a colon; a plain word is a word.
    if (std::string id = std::string(schema::kId) + std::string(text);
        text.find(':') != std::string_view::npos && db_.term_exists(id)) {
      present.push_back(id);
    }
    std::string up = upper(text);
    std::string scheme;
    std::string value = up;
    if (size_t colon = up.find(':'); colon != std::string::npos) {
      scheme = Analyzer::fold(text.substr(0, colon));
      value = up.substr(colon + 1);
    }
    auto add = [&](std::string_view s, std::string_view v) {
      if (scheme.empty() || scheme == s) candidates.push_back(std::string(s) + ":" + std::string(v));
    };
    auto digits_after = [&](std::string_view p) {
      return value.size() > p.size() && value.starts_with(p) && util::all_digits(value.substr(p.size()));
    };
    if (value.size() == 5 && value[0] >= 'A' && value[0] <= 'N' && util::all_digits(value.substr(1))) add("rome", value);
    if (digits_after("RNCP")) add("rncp", value.substr(4));
    if (digits_after("RS")) add("rs", value.substr(2));
    if (!value.empty() && value.size() <= 8 && util::all_digits(value)) {
      if (scheme == "rncp" || scheme == "rs") {
        candidates.push_back(scheme + ":" + value);
      } else if (!scheme.empty() || value.size() >= 5) {
        // Bare numbers only from five digits: "2024" is a year.
        add("formacode", value);
        add("certifinfo", value);
      }
    }
    if (!scheme.empty() && candidates.empty()) candidates.push_back(scheme + ":" + std::string(text.substr(text.find(':') + 1)));
    for (const auto& c : candidates) {
      std::string term = std::string(schema::kCode) + c;
      if (term.size() > schema::kMaxKeyBytes || !db_.term_exists(term)) continue;
      present.push_back(term);
      // The resource a code names (the ROME sheet J1506, not the job
      // descriptions citing it), when its id is the code: rome:J1506.
      if (std::string id = std::string(schema::kId) + c;
          std::find(present.begin(), present.end(), id) == present.end() && db_.term_exists(id)) {
        present.push_back(id);
      }
    }
    return present;
  }

  const Analyzer& analyzer_;
  const Thesaurus& thesaurus_;
  const Xapian::Database& db_;
  BuiltQuery& out_;
  std::vector<Clause> clauses_;
  std::vector<std::vector<Token>> tokens_;
  std::vector<std::vector<bool>> dropped_;
  std::vector<std::string> preferred_kinds_;
  std::vector<std::string> preferred_modalities_;  // "en alternance": those trainings first
  std::vector<Token> counting_;  // dropped words that still weigh where found ("formation")
  std::vector<Adjacent> adjacent_;
  std::vector<Xapian::Query> groups_;  // the words of a query run with some of them only
  size_t runs_ = 0;
  bool has_content_word_ = false;
  bool prefix_last_word_ = false;
  bool quiet_unknown_ = false;
  size_t per_wildcard_ = kMaxExpansionPerWildcard;
  size_t scan_per_wildcard_ = kScanBudget;
  size_t postings_per_wildcard_ = 0;  // set with the others when there are wildcards
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
  // Interest centres are codes of job sheets (docs/pathways.md).
  if (!r.interests.empty() && kept("interest")) parts.push_back(any_of(std::string(schema::kCode) + "interest:", r.interests));
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
      if (in_vocabulary(vocab, v)) continue;
      // A closed vocabulary: the message lists it, so the caller can fix the value.
      std::string valid;
      for (const auto& e : vocab) valid += (valid.empty() ? "" : ", ") + std::string(e.id);
      return Status::invalid_argument(std::string(field) + ": unknown value '" + v + "' (one of " + valid + ")");
    }
    return Status();
  };
  if (Status s = check_vocab("public", r.publics, publics()); !s.ok()) return s;
  if (Status s = check_vocab("kind", r.kinds, kinds()); !s.ok()) return s;
  if (Status s = check_vocab("interest", r.interests, interests()); !s.ok()) return s;
  return Status();
}

bool follows_code_scheme(std::string_view text, size_t begin) {
  if (begin == 0 || begin > text.size()) return false;
  size_t end = text.find_last_not_of(' ', begin - 1);
  if (end == std::string_view::npos) return false;
  size_t start = text.find_last_of(' ', end);
  start = start == std::string_view::npos ? 0 : start + 1;
  return is_code_scheme(Analyzer::fold(text.substr(start, end - start + 1)));
}

BuiltQuery build_query(const SearchRequest& request, const Analyzer& analyzer,
                       const Thesaurus& thesaurus, const Xapian::Database& db, const QueryStyle& style) {
  BuiltQuery out;
  ParsedQuery parsed = parse_query(request.text);
  out.degraded = parsed.degraded;
  out.truncated = parsed.truncated;
  Builder builder(analyzer, thesaurus, db, out);
  // A query ending in a space was typed to its end; otherwise its last
  // word may still be a prefix.
  bool last_word_complete = request.text.empty() || static_cast<unsigned char>(request.text.back()) <= 0x20 ||
                            parsed.truncated;
  Xapian::Query text = builder.build(parsed, style.any_word, last_word_complete);
  if (text.empty()) {
    out.browse = true;
    // Not Xapian::Query::MatchAll: that is one static object whose
    // reference count is not atomic, and copying it from several threads
    // at once corrupts it (a crash seen in the concurrency test). The
    // empty term is a match-all query of our own.
    out.text = Xapian::Query(std::string());
    return out;
  }
  std::vector<Xapian::Query> boosts = builder.boosts(style.proximity);
  if (!boosts.empty()) {
    // Boosts only add weight to what the text query already matches.
    Xapian::Query any_boost(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
    text = Xapian::Query(Xapian::Query::OP_AND_MAYBE, text, any_boost);
  }
  out.text = text;
  return out;
}

}  // namespace spro::search
