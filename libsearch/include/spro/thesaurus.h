// The thesaurus: groups of equivalent forms (BTS = brevet de technicien
// supérieur, apprentissage = alternance) applied at query time, so it can be
// edited without reindexing. Text format: see data/thesaurus/orientation.txt.
// (The index also holds the built-in multi-word forms as single terms, only
// to spare queries a phrase: see phrases_in().)
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "spro/analyzer.h"
#include "spro/status.h"

namespace spro {

// Immutable once built; safe to share between threads.
class Thesaurus {
 public:
  // One form of a group, as index terms (primary stems), in order.
  using Form = std::vector<std::string>;

  // A place in a token sequence where a form of some group occurs.
  struct Match {
    size_t begin = 0;  // first token of the match
    size_t end = 0;    // one past the last token
    std::vector<Form> alternatives;  // the other forms of the group
  };

  Thesaurus();
  ~Thesaurus();
  Thesaurus(Thesaurus&&) noexcept;
  Thesaurus& operator=(Thesaurus&&) noexcept;

  // The built-in thesaurus (data/thesaurus/orientation.txt, compiled in).
  static const Thesaurus& builtin();

  // Parses the text format. `name` prefixes error messages ("file:line: ...").
  static Result<Thesaurus> parse(std::string_view text, std::string_view name);
  // Reads and parses a file. NotFound when it cannot be read.
  static Result<Thesaurus> load(const std::string& path);

  // Adds every group of `other`.
  void merge(const Thesaurus& other);

  // The longest non-overlapping matches in `tokens` (from Analyzer::analyze),
  // left to right.
  std::vector<Match> find(const std::vector<Token>& tokens) const;

  // Every occurrence of a form of two words or more in `tokens`, overlaps
  // included, as tokens at successive positions whose terms hold the form's
  // terms (what a phrase query of the form matches). The index keeps these
  // as single terms, so a query need not run them as phrases.
  std::vector<Form> phrases_in(const std::vector<Token>& tokens) const;

  // Every form of two words or more.
  std::vector<Form> phrases() const;

  size_t group_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spro
