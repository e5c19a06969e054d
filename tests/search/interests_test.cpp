// ROME interest centres recognised in what people type (search/interests.h),
// with the compiled-in table derived from ROME.
#include "search/interests.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "search/query_words.h"
#include "spro/index_writer.h"
#include "spro/resource.h"
#include "spro/searcher.h"
#include "test_util.h"

namespace spro::search {
namespace {

std::vector<std::string> centres_of(std::string_view query) {
  static const Analyzer analyzer;
  auto reading = InterestCentres::builtin().read(query, analyzer);
  return reading ? reading->codes : std::vector<std::string>{};
}

bool reads_as(std::string_view query, std::string_view code) {
  auto codes = centres_of(query);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

TEST(InterestCentres, TableComesFromRomeWithItsLabels) {
  const auto& labels = InterestCentres::builtin().labels();
  ASSERT_EQ(labels.size(), 30u);
  EXPECT_TRUE(std::find(labels.begin(), labels.end(),
                        std::pair<std::string, std::string>{"17", "J'aime m'occuper des animaux"}) != labels.end());
  // The public vocabulary is the same table.
  ASSERT_EQ(interests().size(), 30u);
  EXPECT_TRUE(in_vocabulary(interests(), "27"));
  EXPECT_FALSE(in_vocabulary(interests(), "31"));
}

TEST(InterestCentres, BuiltInFileParses) {
  auto parsed = InterestCentres::parse(testing::read_file(SPRO_SOURCE_DIR "/data/vocabularies/interests.tsv"), "interests.tsv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->labels().size(), 30u);
  auto bad = InterestCentres::parse("1\tJ'aime\tDéfinition\n2 no tabs\n", "x.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("x.tsv:2"), std::string::npos);
}

TEST(InterestCentres, TheIssuesPhrasings) {
  EXPECT_EQ(centres_of("travailler avec les animaux"), std::vector<std::string>{"17"});
  EXPECT_EQ(centres_of("j'aime la cuisine"), std::vector<std::string>{"27"});
  EXPECT_TRUE(reads_as("je veux aider les autres", "4"));  // "le sens du contact": écouter, comprendre, aider
  EXPECT_TRUE(reads_as("metier dehors nature", "9"));      // "J'aime être au contact de la nature"
}

// No phrase is listed: other ways of saying a liking, with the centres'
// own words, are read the same.
TEST(InterestCentres, OtherPhrasings) {
  EXPECT_TRUE(reads_as("J'adore les animaux", "17"));
  EXPECT_TRUE(reads_as("je suis passionnée par la cuisine", "27"));
  EXPECT_TRUE(reads_as("j'adore le sport", "13"));          // "J'aime l'activité physique"
  EXPECT_TRUE(reads_as("travailler avec des enfants", "21"));
  EXPECT_TRUE(reads_as("j'aime conduire", "19"));           // "J'aime piloter, conduire"
  EXPECT_TRUE(reads_as("j'aime voyager", "16"));
  EXPECT_TRUE(reads_as("J'AIME LES CHIFFRES", "15"));
  EXPECT_TRUE(reads_as("j'aime dessiner", "7"));            // "J'ai un bon coup de crayon"
  EXPECT_TRUE(reads_as("un metier manuel", "14"));
}

// Ordinary queries are not liking: no wish word, a job named ("devenir",
// "métier de"), or words no centre has.
TEST(InterestCentres, OrdinaryQueriesAreNotInterests) {
  for (const char* q : {"cuisine", "animaux", "cap cuisine toulon", "je veux devenir infirmier", "métier de boulanger",
                        "je veux une formation", "je veux travailler", "j'aime",
                        "formation cuisine près de toulon", "travailler dehors", "infirmier de nuit"}) {
    EXPECT_EQ(centres_of(q), std::vector<std::string>{}) << q;
  }
}

TEST(InterestCentres, WordsLeftToSearchAreTheQueryWithoutTheLiking) {
  static const Analyzer analyzer;
  auto reading = InterestCentres::builtin().read("j'aime la cuisine", analyzer);
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->words, " la cuisine");
  reading = InterestCentres::builtin().read("travailler avec les animaux", analyzer);
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->words, " avec les animaux");
}

TEST(QueryWordsLiking, ALikingInsideALongerDroppedPhraseIsNotOne) {
  Analyzer analyzer;
  const QueryWords& words = QueryWords::builtin();
  EXPECT_EQ(words.find_liking(analyzer.analyze("metier dehors")).size(), 1u);
  EXPECT_TRUE(words.find_liking(analyzer.analyze("métier de boulanger")).empty());
  // "je veux" is both dropped and a wish.
  EXPECT_EQ(words.find_liking(analyzer.analyze("je veux aider")).size(), 1u);
  // Liking words are not dropped from ordinary searches.
  EXPECT_TRUE(words.find(analyzer.analyze("travailler")).empty());
}

// The facet, the filter and the reading of a query, on a small index.
class InterestSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto w = IndexWriter::open(*dir_ / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    auto job = [](std::string id, std::string title, std::vector<std::string> centres) {
      Resource r;
      r.id = std::move(id);
      r.kind = "metier";
      r.title = std::move(title);
      r.territories = {"fr"};
      r.codes["interest"] = std::move(centres);
      return r;
    };
    Resource training;
    training.id = "f:1";
    training.kind = "formation";
    training.title = "CAP Soigneur d'animaux";
    training.territories = {"com:13055"};
    for (const Resource& r : {job("rome:A1501", "Soigneur / Soigneuse d'animaux", {"17"}),
                              job("rome:A1407", "Éleveur / Éleveuse", {"17", "9"}),
                              job("rome:G1602", "Cuisinier / Cuisinière", {"27"}),
                              job("rome:A1203", "Jardinier / Jardinière", {"9"}), training}) {
      ASSERT_TRUE((*w)->add(r).ok());
    }
    ASSERT_TRUE((*w)->commit().ok());
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override {
    auto s = Searcher::open(*dir_ / "db");
    ASSERT_TRUE(s.ok());
    searcher_ = std::move(*s);
  }
  SearchResponse search(SearchRequest r) {
    auto response = searcher_->search(r);
    EXPECT_TRUE(response.ok()) << response.status().message();
    return response.ok() ? *response : SearchResponse{};
  }
  static std::vector<std::string> ids(const SearchResponse& r) {
    std::vector<std::string> out;
    for (const Hit& h : r.hits) out.push_back(h.id);
    return out;
  }
  static testing::TempDir* dir_;
  std::unique_ptr<Searcher> searcher_;
};
testing::TempDir* InterestSearchTest::dir_ = nullptr;

TEST_F(InterestSearchTest, FacetCountsJobsByCentreWithLabelsAndIsDisjunctive) {
  SearchRequest r;
  r.facets = true;
  r.interests = {"27"};
  SearchResponse response = search(r);
  EXPECT_EQ(ids(response), std::vector<std::string>{"rome:G1602"});
  const auto& facet = response.facets.at("interest");
  ASSERT_EQ(facet.size(), 3u);  // the filter's own facet ignores it
  EXPECT_EQ(facet[0].value, "17");
  EXPECT_EQ(facet[0].count, 2u);
  EXPECT_EQ(facet[0].label, "J'aime m'occuper des animaux");
  const std::string json = to_json(response);
  EXPECT_NE(json.find(R"("facet_labels":{"interest":{"17":"J'aime m'occuper des animaux")"), std::string::npos) << json;
}

TEST_F(InterestSearchTest, UnknownCentreIsRefused) {
  SearchRequest r;
  r.interests = {"animaux"};
  auto response = searcher_->search(r);
  ASSERT_FALSE(response.ok());
  EXPECT_NE(response.status().message().find("interest"), std::string::npos);
}

TEST_F(InterestSearchTest, ALikingFindsTheCentresJobsAndSaysSo) {
  SearchRequest r;
  r.text = "travailler avec les animaux";
  SearchResponse response = search(r);
  EXPECT_EQ(response.interpreted["interests"], "17");
  EXPECT_EQ(response.interpreted["interests_names"], "J'aime m'occuper des animaux");
  auto got = ids(response);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"rome:A1407", "rome:A1501"}));
  EXPECT_EQ(response.hits.front().id, "rome:A1501");  // its title has the word

  r.detect_interests = false;  // undone: the words are searched
  response = search(r);
  EXPECT_FALSE(response.interpreted.contains("interests"));
}

TEST_F(InterestSearchTest, OrdinaryQueriesAreUntouched) {
  SearchRequest r;
  r.text = "animaux";
  SearchResponse response = search(r);
  EXPECT_FALSE(response.interpreted.contains("interests"));
  EXPECT_EQ(response.total, 2u);  // the soigneur's sheet and its training
}

}  // namespace
}  // namespace spro::search
