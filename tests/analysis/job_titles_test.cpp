// Acceptance figure: on every ROME appellation written "Masculine /
// Feminine", a query of only the feminine form, and of only the masculine
// form, each with and without accents, finds the text holding the other.
// Reads ../shared/data/rome (skipped when absent).
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis/analysis_helpers.h"
#include "test_util.h"

namespace spro {
namespace {

std::vector<std::string> csv_fields(const std::string& line) {
  // The ROME export quotes every field and has no embedded quotes or
  // newlines in appellations.
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.push_back(std::exchange(cur, {}));
    else cur += c;
  }
  out.push_back(cur);
  return out;
}

std::vector<std::string> split_words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string join(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

// "Abatteur / Abatteuse de carrière": the words after the feminine title
// belong to both forms. "Cadre Dirigeant / Dirigeante d'administration":
// the words before the masculine title belong to both, and those after the
// feminine one too.
std::pair<std::string, std::string> both_forms(const Analyzer& a, const std::string& title) {
  size_t slash = title.find(" / ");
  auto m = split_words(title.substr(0, slash));
  auto f = split_words(title.substr(slash + 3));
  if (m.size() > 1 && !f.empty() && testing::query_matches(a, f.front(), m.back())) {
    std::string tail = f.size() > 1 ? " " + join(f, 1, f.size()) : "";
    return {join(m, 0, m.size()) + tail, join(m, 0, m.size() - 1) + " " + join(f, 0, f.size())};
  }
  std::string masc = join(m, 0, m.size());
  if (f.size() > m.size()) masc += " " + join(f, m.size(), f.size());
  return {masc, join(f, 0, f.size())};
}

TEST(JobTitles, FeminineAndMasculineFormsFindEachOther) {
  std::string dir = testing::shared_data_dir();
  if (dir.empty()) GTEST_SKIP() << "../shared/data not present";
  std::ifstream in(dir + "/rome/v460/unix_referentiel_appellation_v460_utf8.csv");
  ASSERT_TRUE(in) << "ROME appellations missing";
  Analyzer a;
  std::string line;
  std::getline(in, line);  // header
  size_t queries = 0, found = 0;
  std::vector<std::string> missed;
  while (std::getline(in, line)) {
    std::string title = csv_fields(line).at(1);
    if (title.find(" / ") == std::string::npos) continue;
    auto [masc, fem] = both_forms(a, title);
    auto masc_terms = testing::index_terms(a, masc);
    auto fem_terms = testing::index_terms(a, fem);
    for (const auto& [query, doc, doc_text] :
         {std::tuple{fem, &masc_terms, masc}, std::tuple{Analyzer::fold(fem), &masc_terms, masc},
          std::tuple{masc, &fem_terms, fem}, std::tuple{Analyzer::fold(masc), &fem_terms, fem}}) {
      ++queries;
      if (testing::query_matches(a, query, *doc)) {
        ++found;
      } else if (missed.size() < 10) {
        missed.push_back(query + " -/-> " + doc_text);
      }
    }
  }
  double rate = 100.0 * found / queries;
  std::cout << "[figure] ROME job titles, feminine <-> masculine: " << found << " / " << queries << " = " << rate << "%\n";
  for (const auto& m : missed) std::cout << "  missed: " << m << "\n";
  EXPECT_GE(rate, 98.0);
}

}  // namespace
}  // namespace spro
