// Qualification levels as people and partners write them (parse_level in
// spro/searcher.h), read from the same table the indexer uses
// (data/vocabularies/levels.tsv, compiled in).
#include <cctype>
#include <string>
#include <unordered_map>

#include "embedded_data.h"
#include "spro/analyzer.h"
#include "spro/searcher.h"

namespace spro {
namespace {

// Lower case, accents folded, every run of other characters one space,
// none around '+': "Bac + 2" -> "bac+2", "Niveau V" -> "niveau v".
std::string normalize_level(std::string_view text) {
  std::string folded = Analyzer::fold(text);
  std::string out;
  bool space = false;
  for (char c : folded) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80 || c == '+') {
      if (space && !out.empty() && out.back() != '+' && c != '+') out += ' ';
      space = false;
      out += c;
    } else {
      space = true;
    }
  }
  return out;
}

const std::unordered_map<std::string, int>& level_labels() {
  static const std::unordered_map<std::string, int> labels = [] {
    std::unordered_map<std::string, int> out;
    std::string_view text = embedded::kLevels;
    while (!text.empty()) {
      size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      size_t tab = line.find('\t');
      if (line.empty() || line.front() == '#' || tab == std::string_view::npos) continue;
      std::string_view label = line.substr(0, tab);
      int level = std::atoi(std::string(line.substr(tab + 1)).c_str());
      // Partner codes (lheo:5) are not what a person types; 0 is "known,
      // but no level" for records, and no filter for a search.
      if (label.find(':') != std::string_view::npos || level < 1 || level > 8) continue;
      out.emplace(normalize_level(label), level);
    }
    return out;
  }();
  return labels;
}

}  // namespace

Result<int> parse_level(std::string_view text) {
  std::string n = normalize_level(text);
  std::string_view rest = n;
  if (rest.starts_with("niveau ")) rest.remove_prefix(7);
  if (rest.size() == 1 && rest[0] >= '1' && rest[0] <= '8') return rest[0] - '0';
  if (auto it = level_labels().find(n); it != level_labels().end()) return it->second;
  return Status::invalid_argument("level: '" + std::string(text) +
                                  "' is not a level (1 to 8, niveau 5, bac+2, bac+5, V to I, CAP, bac, BTS, licence, "
                                  "master, doctorat)");
}

}  // namespace spro
