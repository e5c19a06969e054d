// Acceptance figures of the French analysis on Snowball's own French
// vocabulary (Debian package snowball-data, voc.txt):
// - conflation kept: for every pair of words Snowball stems alike, a query
//   with one word (with or without accents, any case) matches a text
//   holding the other;
// - precision guard: the analyzer's classes of words that match each other
//   stay within 3% of Snowball's own number of classes.
#include <xapian.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <set>

#include "analysis/analysis_helpers.h"

namespace spro {
namespace {

constexpr const char* kVocabulary = "/usr/share/snowball/data/french/voc.txt";

class SnowballVocabulary : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kVocabulary)) GTEST_SKIP() << kVocabulary << " missing (apt-get install snowball-data)";
    std::ifstream in(kVocabulary);
    Xapian::Stem snowball("french");
    for (std::string w; in >> w;) {
      words_.push_back(w);
      snowball_classes_[snowball(w)].push_back(w);
    }
  }
  Analyzer analyzer_;
  std::vector<std::string> words_;
  std::map<std::string, std::vector<std::string>> snowball_classes_;
};

TEST_F(SnowballVocabulary, KeepsSnowballConflationsWhateverTheAccents) {
  size_t pairs = 0, kept = 0;
  std::vector<std::string> lost;
  std::map<std::string, std::set<std::string>> doc_terms;
  for (const auto& w : words_) doc_terms[w] = testing::index_terms(analyzer_, w);
  for (const auto& [stem, members] : snowball_classes_) {
    for (const auto& a : members) {
      std::string upper_folded = Analyzer::fold(a);
      for (auto& c : upper_folded) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      for (const auto& b : members) {
        if (a == b) continue;
        for (const std::string& query : {a, Analyzer::fold(a), upper_folded}) {
          ++pairs;
          if (testing::query_matches(analyzer_, query, doc_terms[b])) {
            ++kept;
          } else if (lost.size() < 10) {
            lost.push_back(query + " -/-> " + b);
          }
        }
      }
    }
  }
  double rate = 100.0 * kept / pairs;
  std::cout << "[figure] Snowball conflation kept: " << kept << " / " << pairs << " = " << rate << "%\n";
  for (const auto& l : lost) std::cout << "  lost: " << l << "\n";
  EXPECT_GE(rate, 99.5);
}

TEST_F(SnowballVocabulary, DoesNotMergeUnrelatedWords) {
  // Classes of the analyzer: words linked by sharing any index term.
  std::vector<size_t> parent(words_.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::map<std::string, size_t> owner;
  for (size_t i = 0; i < words_.size(); ++i) {
    for (const auto& term : testing::index_terms(analyzer_, words_[i])) {
      auto [it, inserted] = owner.emplace(term, i);
      if (!inserted) parent[find(i)] = find(it->second);
    }
  }
  std::map<size_t, std::set<std::string>> merged;  // class -> Snowball stems in it
  Xapian::Stem snowball("french");
  for (size_t i = 0; i < words_.size(); ++i) merged[find(i)].insert(snowball(words_[i]));
  const size_t ours = merged.size();
  const size_t theirs = snowball_classes_.size();
  double change = 100.0 * (static_cast<double>(theirs) - static_cast<double>(ours)) / theirs;
  std::cout << "[figure] stem classes: analyzer " << ours << ", Snowball " << theirs << " ("
            << change << "% fewer)\n  sample of merged classes:";
  int shown = 0;
  for (const auto& [root, stems] : merged) {
    if (stems.size() < 2 || shown++ >= 12) continue;
    std::cout << " {";
    for (const auto& s : stems) std::cout << s << (s == *stems.rbegin() ? "" : ",");
    std::cout << "}";
  }
  std::cout << "\n";
  EXPECT_LE(std::abs(change), 3.0);
}

}  // namespace
}  // namespace spro
