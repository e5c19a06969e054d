// spro-search end to end on a tiny index.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "test_util.h"

namespace spro {
namespace {

using testing::run;

const std::string kIndex = SPRO_INDEX_BIN;
const std::string kSearch = SPRO_SEARCH_BIN;

class SproSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_file(tmp_ / "in.jsonl",
                        R"({"id":"f1","kind":"formation","title":"CAP Cuisine","summary":"Devenir cuisinier à Marseille","territories":["com:13055"],"publics":["jeune"],"levels":[3],"source":"onisep"})"
                        "\n"
                        R"({"id":"f2","kind":"formation","title":"BTS Cuisine","territories":["com:59350"],"publics":["etudiant"],"levels":[5],"source":"carif-oref"})"
                        "\n"
                        R"({"id":"m1","kind":"metier","title":"Infirmier / Infirmière","territories":["fr"]})"
                        "\n");
    ASSERT_EQ(run(kIndex + " build --db " + db_ + " " + (tmp_ / "in.jsonl")).exit_code, 0);
  }
  nlohmann::json json(const std::string& args) {
    auto r = run(kSearch + " --db " + db_ + " --json " + args);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return nlohmann::json::parse(r.output, nullptr, false);
  }
  testing::TempDir tmp_;
  std::string db_ = tmp_ / "db";
};

TEST_F(SproSearch, JsonOutput) {
  auto j = json("--facets cuisine");
  EXPECT_EQ(j["query"], "cuisine");
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(j["hits"].size(), 2u);
  EXPECT_EQ(j["facets"]["level"]["3"], 1);
  EXPECT_EQ(j["facets"]["territory"]["dep:59"], 1);
}

TEST_F(SproSearch, FiltersFromFlags) {
  EXPECT_EQ(json("--territory dep:13 cuisine")["total"], 1);
  EXPECT_EQ(json("--public etudiant --public jeune cuisine")["total"], 2);
  EXPECT_EQ(json("--level 5 cuisine")["hits"][0]["id"], "f2");
  EXPECT_EQ(json("--kind metier")["hits"][0]["id"], "m1");
  EXPECT_EQ(json("--limit 1 --offset 1 cuisine")["hits"].size(), 1u);
}

TEST_F(SproSearch, TerritoryNamesNearAndPlacesInText) {
  EXPECT_EQ(json("--territory 'bouches du rhone' cuisine")["total"], 1);
  EXPECT_EQ(json("--territory 13 cuisine")["total"], 1);
  auto j = json("cuisine marseille");
  EXPECT_EQ(j["interpreted"]["territory"], "com:13055");
  EXPECT_EQ(j["total"], 1);
  j = json("--no-places cuisine marseille");  // f1's summary says Marseille
  EXPECT_EQ(j["hits"][0]["id"], "f1");
  EXPECT_EQ(j["interpreted"]["all_words"], "1");  // then resources with "cuisine" only
  j = json("--near Lille --sort distance cuisine");
  EXPECT_EQ(j["hits"][0]["id"], "f2");
  EXPECT_LT(j["hits"][0]["distance_km"].get<double>(), 1.0);
  EXPECT_EQ(json("--near 50.63,3.06 --radius 50 cuisine")["total"], 1);
}

TEST_F(SproSearch, ReadableOutput) {
  auto r = run(kSearch + " --db " + db_ + " infirmiere");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("1 result for \"infirmiere\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Infirmier / Infirmière"), std::string::npos) << r.output;
}

TEST_F(SproSearch, SuggestSortExplainAndCorrections) {
  auto r = run(kSearch + " --db " + db_ + " --json --suggest infirm");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto s = nlohmann::json::parse(r.output);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0]["id"], "m1");
  EXPECT_EQ(s[0]["text"], "Infirmier");
  auto j = json("--sort title --kind formation");
  EXPECT_EQ(j["hits"][0]["id"], "f2");  // "BTS Cuisine" < "CAP Cuisine"
  j = json("--explain cuisinier");
  EXPECT_EQ(j["hits"][0]["matched"][0], "cuisinier");
  j = json("cuisnie");
  EXPECT_EQ(j["corrected_query"], "cuisine");
  EXPECT_EQ(j["interpreted"]["corrected"], "true");
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(run(kSearch + " --db " + db_ + " --sort price x").exit_code, 2);
}

// Issue 17: --level bac+2 and --territory 13008 were refused.
TEST_F(SproSearch, LevelsAsPeopleWriteThemAndPostalCodes) {
  for (const char* five : {"5", "'niveau 5'", "bac+2", "BTS", "III"}) {
    auto j = json(std::string("--level ") + five + " cuisine");
    ASSERT_EQ(j["hits"].size(), 1u) << five;
    EXPECT_EQ(j["hits"][0]["id"], "f2") << five;
  }
  EXPECT_EQ(json("--level CAP cuisine")["hits"][0]["id"], "f1");
  auto bad = run(kSearch + " --db " + db_ + " --level bac+12 cuisine");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("'bac+12'"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("spro-search: --level: 'bac+12' is not a level"), std::string::npos) << bad.output;
  EXPECT_EQ(bad.output.find("level: level:"), std::string::npos) << bad.output;
  // Negative limits are refused, big ones capped (as spro-serve does).
  EXPECT_EQ(run(kSearch + " --db " + db_ + " --limit -1 cuisine").exit_code, 2);
  EXPECT_EQ(json("--limit 5000 cuisine")["hits"].size(), 2u);
  auto martian = run(kSearch + " --db " + db_ + " --public martien cuisine");
  EXPECT_EQ(martian.exit_code, 2) << martian.output;
  EXPECT_NE(martian.output.find("public: unknown value 'martien' (one of tout_public, jeune,"), std::string::npos)
      << martian.output;
  auto j = json("--territory 13008 cuisine");  // Marseille 8e: f1 is in Marseille, 5 km away
  ASSERT_EQ(j["hits"].size(), 1u);
  EXPECT_EQ(j["hits"][0]["id"], "f1");
  EXPECT_TRUE(j["hits"][0].contains("distance_km"));
  auto missing = run(kSearch + " --db " + db_ + " --territory dep:99 cuisine");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("dep:99"), std::string::npos) << missing.output;
}

TEST_F(SproSearch, ErrorsHaveExitCodes) {
  EXPECT_EQ(run(kSearch + " --db " + db_ + " --level 12 x").exit_code, 2);
  EXPECT_EQ(run(kSearch + " --db " + db_ + " --territory Atlantide x").exit_code, 2);
  auto ambiguous = run(kSearch + " --db " + db_ + " --territory Saint-Denis x");
  EXPECT_EQ(ambiguous.exit_code, 2);
  EXPECT_NE(ambiguous.output.find("com:93066"), std::string::npos) << ambiguous.output;
  EXPECT_EQ(run(kSearch + " x").exit_code, 2);  // no --db
  auto r = run(kSearch + " --db " + (tmp_ / "none") + " x");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("no index"), std::string::npos) << r.output;
}

// Regression test for issue 18: `{"q":["x"]}` or `{"limit":"5"}` aborted the
// whole batch (exit 134); a malformed line now gets an error object on its
// own line and the lines after it are answered.
TEST_F(SproSearch, BatchAnswersMalformedLinesAndGoesOn) {
  testing::write_file(tmp_ / "batch.txt",
                      "{\"q\":[\"x\"]}\n"
                      "{\"limit\":\"5\"}\n"
                      "{not json\n"
                      "{\"q\":\"cuisine\",\"level\":\"bac+12\"}\n"
                      "{\"q\":\"cuisine\",\"sort\":\"sideways\"}\n"
                      "{\"q\":\"cuisine\",\"limit\":-1}\n"
                      "{\"q\":\"cuisine\",\"territory\":\"Atlantide\"}\n"
                      "{\"q\":\"cuisine\",\"territory\":\"dep:13\",\"limit\":5}\n"
                      "cuisine\n");
  auto r = run(kSearch + " --db " + db_ + " --batch < " + (tmp_ / "batch.txt"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::vector<nlohmann::json> lines;
  std::istringstream in(r.output);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line, nullptr, false));
  ASSERT_EQ(lines.size(), 9u) << r.output;
  const char* fields[] = {"q", "limit", "invalid JSON", "level", "sort", "limit", "territory"};
  for (size_t i = 0; i < 7; ++i) {
    ASSERT_TRUE(lines[i].contains("error")) << i << ": " << lines[i];
    EXPECT_NE(lines[i]["error"].get<std::string>().find(fields[i]), std::string::npos) << lines[i];
  }
  EXPECT_EQ(lines[7]["total"], 1);
  EXPECT_EQ(lines[8]["total"], 2);
}

}  // namespace
}  // namespace spro
