#include "spro/analyzer.h"

#include <algorithm>
#include <array>

#include "analysis/folding.h"
#include "analysis/stemmer.h"
#include "analysis/tokenizer.h"

namespace spro {
namespace {

// French function words, folded. They are indexed (phrases need them) but
// dropped from queries that have other words, so they do not drown ranking.
constexpr std::array<std::string_view, 74> kStopwords = {
    "a",     "au",    "aux",   "avec",  "ce",    "ces",   "cet",   "cette", "dans",  "de",
    "des",   "du",    "elle",  "elles", "en",    "est",   "et",    "etre",  "eux",   "il",
    "ils",   "je",    "la",    "le",    "les",   "leur",  "leurs", "lui",   "ma",    "mais",
    "me",    "meme",  "mes",   "moi",   "mon",   "ne",    "nos",   "notre", "nous",  "on",
    "ou",    "par",   "pas",   "pour",  "qu",    "que",   "qui",   "sa",    "se",    "ses",
    "son",   "sont",  "sur",   "ta",    "te",    "tes",   "toi",   "ton",   "tu",    "un",
    "une",   "vos",   "votre", "vous",  "y",     "d",     "l",     "c",     "j",     "m",
    "n",     "s",     "t",     "dont"};

void push_unique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

// Adds the terms of a word; returns whether it is a stopword.
bool add_word_terms(std::vector<std::string>& out, std::string_view lower_word) {
  const analysis::WordTerms& t = analysis::word_terms(lower_word);
  push_unique(out, t.primary);
  push_unique(out, t.secondary);
  return t.stopword;
}

}  // namespace

std::vector<Token> Analyzer::analyze(std::string_view text, uint32_t first_position) const {
  std::vector<analysis::RawWord> words = analysis::split_words(text);
  std::vector<Token> tokens;
  tokens.reserve(words.size());
  uint32_t position = first_position;
  for (analysis::RawWord& w : words) {
    Token t;
    t.stopword = add_word_terms(t.terms, w.text);
    if (w.hyphen_joined && !tokens.empty()) {
      // aide-soignant: also index "aidesoignant" so the joined spelling finds it.
      push_unique(t.terms, analysis::stem_word(tokens.back().word + w.text));
    }
    t.word = std::move(w.text);
    t.position = position++;
    t.begin = w.begin;
    t.end = w.end;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

std::string Analyzer::stem(std::string_view word) const {
  return analysis::stem_word(analysis::lower(word));
}

std::vector<std::string> Analyzer::query_terms(std::string_view word) const {
  std::string w = analysis::lower(word);
  std::vector<std::string> terms;
  add_word_terms(terms, w);
  for (const std::string& v : analysis::accent_variants(w)) add_word_terms(terms, v);
  return terms;
}

std::vector<std::string> Analyzer::query_terms(const Token& token) const {
  std::vector<std::string> terms = query_terms(token.word);
  for (const std::string& t : token.terms) push_unique(terms, t);
  return terms;
}

std::string Analyzer::fold(std::string_view text) {
  return analysis::strip_accents(analysis::lower(text));
}

std::string Analyzer::lower(std::string_view text) { return analysis::lower(text); }

bool Analyzer::is_stopword(std::string_view folded_word) {
  return std::find(kStopwords.begin(), kStopwords.end(), folded_word) != kStopwords.end();
}

}  // namespace spro
