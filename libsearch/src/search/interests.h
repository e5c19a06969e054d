// ROME's interest centres ("J'aime m'occuper des animaux"), recognised in
// what people type ("travailler avec les animaux", "j'aime la cuisine").
// The centres, their labels and definitions are data
// (data/vocabularies/interests.tsv, derived from ROME, compiled in); job
// sheets carry their codes (`interest`). Internal.
//
// A query is read as an interest when it says a wish or a liking (a phrase
// of the [liking] section of data/query/around-words.txt: "j'aime",
// "travailler", "je veux") and its other words are words of a centre's
// label or definition. Words found in the texts of many centres ("métier",
// "passion") tell nothing and are left out. No phrase is listed: any
// wording that keeps a centre's own words is recognised.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "spro/analyzer.h"
#include "spro/status.h"

namespace spro::search {

// How a query was read as interests.
struct InterestReading {
  std::vector<std::string> codes;  // best first
  // The query without its words of wish or liking ("les animaux"): what is
  // still searched as text beside the centres' jobs.
  std::string words;
};

class InterestCentres {
 public:
  // The compiled-in table. Thread-safe.
  static const InterestCentres& builtin();
  // Parses the format of data/vocabularies/interests.tsv (code, label,
  // definition, tab-separated); InvalidArgument naming the line.
  static Result<InterestCentres> parse(std::string_view text, std::string_view name);

  // The centres in table order: {code, label}.
  const std::vector<std::pair<std::string, std::string>>& labels() const { return labels_; }

  // The centres the query asks for, or nothing when it does not say a
  // wish or a liking, or its words are no centre's.
  std::optional<InterestReading> read(std::string_view query, const Analyzer& analyzer) const;

 private:
  struct Centre {
    std::set<std::string> label_terms;  // analysed words of the label
    std::set<std::string> text_terms;   // of the label and the definition
  };
  std::vector<std::pair<std::string, std::string>> labels_;
  std::vector<Centre> centres_;
  // Term -> number of centres whose texts hold it.
  std::map<std::string, size_t> centres_with_;
};

}  // namespace spro::search
