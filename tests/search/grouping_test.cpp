// Pages and autocompletion without repetition (issue 17, item 7).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "spro/analyzer.h"
#include "spro/index_writer.h"
#include "spro/searcher.h"
#include "test_util.h"

namespace spro {
namespace {

class Repetition : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto w = IndexWriter::open(*dir_ / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    auto add = [&](std::string id, std::string kind, std::string title, std::vector<std::string> territories,
                   std::vector<std::string> keywords = {}, std::string address = "") {
      Resource r;
      r.id = std::move(id);
      r.kind = std::move(kind);
      r.title = std::move(title);
      r.territories = std::move(territories);
      r.keywords = std::move(keywords);
      r.address = std::move(address);
      ASSERT_TRUE((*w)->add(r).ok()) << r.id;
    };
    // Certif Info lists "Développeur web" under three codes.
    add("certifinfo:84312", "certification", "Développeur web", {"fr"});
    add("certifinfo:93546", "certification", "Développeur Web", {"fr"});
    add("certifinfo:100871", "certification", "Développeur web", {"fr"});
    add("certifinfo:94431", "certification", "Développeur web et web mobile", {"fr"});
    add("rome:M1855", "metier", "Développeur / Développeuse web", {"fr"});
    // Same name, two towns; same name, one town, two addresses.
    add("fs-1", "structure", "France services", {"com:83137"}, {}, "Place de la Liberté, Toulon");
    add("fs-2", "structure", "France services", {"com:13028"}, {}, "Rue Victor Hugo, La Ciotat");
    add("fs-3", "structure", "France services", {"com:13028"}, {}, "Avenue Émile Bodin, La Ciotat");
    // One job sheet with many appellations, and other kinds sharing them.
    add("rome:J1501", "metier", "Aide-soignant / Aide-soignante", {"fr"},
        {"Aide-soignant / Aide-soignante en EHPAD", "Aide-soignant / Aide-soignante de nuit",
         "Aide-soignant / Aide-soignante en gériatrie", "Aide-soignant / Aide-soignante à domicile",
         "Aide-soignant / Aide-soignante en psychiatrie"});
    add("onisep:MET.100", "metier", "aide-soignant / aide-soignante", {"fr"});
    add("onisep:FOR.2254", "formation", "Diplôme d'État d'aide-soignant", {"fr"});
    add("lheo:AS-42", "formation", "Aide-soignant en apprentissage", {"dep:42"});
    add("rome:K1302", "metier", "Aide aux soins à domicile", {"fr"}, {"Aide soignant à domicile"});
    // A specialised sheet indexed first that lists the plain job among its titles.
    add("onisep:MET.343", "metier", "Infirmier / infirmière humanitaire", {"fr"}, {"Infirmier", "Infirmière"});
    add("onisep:MET.38", "metier", "Infirmier / infirmière", {"fr"});
    add("rome:J1511", "metier", "Infirmier / Infirmière scolaire", {"fr"});
    add("certifinfo:100969", "certification", "Boulanger", {"fr"});
    add("rome:D1102", "metier", "Boulanger / Boulangère", {"fr"});
    ASSERT_TRUE((*w)->commit().ok());
    auto s = Searcher::open(*dir_ / "db");
    ASSERT_TRUE(s.ok());
    searcher_ = s->release();
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
  }
  static SearchResponse search(SearchRequest req) {
    auto r = searcher_->search(req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : SearchResponse{};
  }
  static testing::TempDir* dir_;
  static Searcher* searcher_;
};
testing::TempDir* Repetition::dir_ = nullptr;
Searcher* Repetition::searcher_ = nullptr;

// Issue 17: three identical "Développeur web" certifications filled the page.
TEST_F(Repetition, IdenticalResourcesAreOneHitWithTheirIds) {
  SearchRequest req;
  req.text = "developpeur web";
  auto r = search(req);
  std::map<std::string, const Hit*> by_title;
  size_t grouped = 0;
  for (const Hit& h : r.hits) {
    if (h.group_count > 1) {
      ++grouped;
      EXPECT_EQ(h.group_count, 3u);
      EXPECT_EQ(h.group_ids.size(), 3u);
      EXPECT_EQ(h.group_ids.front(), h.id);
      std::set<std::string> got(h.group_ids.begin(), h.group_ids.end());
      EXPECT_EQ(got, (std::set<std::string>{"certifinfo:84312", "certifinfo:93546", "certifinfo:100871"}));
    } else {
      EXPECT_TRUE(h.group_ids.empty());
    }
  }
  EXPECT_EQ(grouped, 1u);
  EXPECT_EQ(r.hits.size(), 3u);  // the group, "et web mobile", the job sheet
  EXPECT_EQ(r.total, 5u);        // totals count resources
  auto json = to_json(r);
  EXPECT_NE(json.find("\"group_count\":3"), std::string::npos) << json;
  EXPECT_NE(json.find("\"group_ids\":["), std::string::npos);

  req.group_identical = false;
  r = search(req);
  EXPECT_EQ(r.hits.size(), 5u);
  for (const Hit& h : r.hits) EXPECT_EQ(h.group_count, 1u);
}

TEST_F(Repetition, PlacesOfOneNameInTwoTownsOrAtTwoAddressesStayApart) {
  SearchRequest req;
  req.text = "france services";
  auto r = search(req);
  EXPECT_EQ(r.hits.size(), 3u);
  for (const Hit& h : r.hits) EXPECT_EQ(h.group_count, 1u) << h.id;
}

TEST_F(Repetition, GroupsDoNotRepeatAcrossPages) {
  SearchRequest req;
  req.text = "developpeur web";
  req.limit = 1;
  std::vector<std::string> seen;
  for (req.offset = 0; req.offset < 3; ++req.offset) {
    auto r = search(req);
    ASSERT_EQ(r.hits.size(), 1u) << req.offset;
    seen.push_back(r.hits[0].id);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
}

// Issue 17: "aide soi" gave five lines of one job.
TEST_F(Repetition, SuggestionsOnePerSheetAndGenderPairWithKindsMixed) {
  auto s = searcher_->suggest("aide soi", 5);
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(s->empty());
  std::map<std::string, int> per_id;
  std::set<std::string> kinds;
  int aide_soignant = 0;
  for (const auto& x : *s) {
    ++per_id[x.id];
    kinds.insert(x.kind);
    std::string folded = Analyzer::fold(x.text);
    if (folded == "aide-soignant" || folded == "aide-soignante") ++aide_soignant;
  }
  for (const auto& [id, n] : per_id) EXPECT_EQ(n, 1) << id;
  EXPECT_EQ(aide_soignant, 1);  // not once per gender, not once per source
  EXPECT_EQ(Analyzer::fold(s->front().text), "aide-soignant");
  EXPECT_TRUE(kinds.contains("formation"));
  EXPECT_TRUE(kinds.contains("metier"));
}

// A newcomer typed "infirm" and was offered "Infirmier", leading to the
// humanitarian nurse's sheet: the plain sheet is the one offered.
TEST_F(Repetition, ASuggestionLeadsToTheSheetOfThatVeryTitle) {
  auto s = searcher_->suggest("infirm", 5);
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(s->empty());
  EXPECT_EQ(s->front().id, "onisep:MET.38") << s->front().text;
  EXPECT_EQ(Analyzer::fold(s->front().text).substr(0, 9), "infirmier");
  bool humanitarian = std::any_of(s->begin(), s->end(), [](const Suggestion& x) { return x.id == "onisep:MET.343"; });
  EXPECT_TRUE(humanitarian) << "the specialised sheet is still offered, after";
  // ROME writes "Infirmier / Infirmière scolaire": the masculine side is
  // "Infirmier scolaire", not "Infirmier".
  auto school = searcher_->suggest("infirmier sc", 5);
  ASSERT_TRUE(school.ok());
  ASSERT_FALSE(school->empty());
  EXPECT_EQ(school->front().text, "Infirmier scolaire");
  EXPECT_EQ(school->front().id, "rome:J1511");
  // A job title names the job sheet before a certification of that name.
  auto baker = searcher_->suggest("boulang", 5);
  ASSERT_TRUE(baker.ok());
  ASSERT_FALSE(baker->empty());
  EXPECT_EQ(baker->front().id, "rome:D1102") << baker->front().text;
}

// "infirmier": the sheet whose own title it is first, then the sheets that
// list it among their job titles, then those that only contain the word.
TEST_F(Repetition, ExactOwnTitleBeforeExactJobTitle) {
  SearchRequest req;
  req.text = "infirmier";
  req.group_identical = false;
  auto r = search(req);
  ASSERT_GE(r.hits.size(), 3u);
  EXPECT_EQ(r.hits[0].id, "onisep:MET.38");
  EXPECT_EQ(r.hits[1].id, "onisep:MET.343");  // "Infirmier" among its job titles
  req.text = "infirmier scolaire";
  r = search(req);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "rome:J1511");
}

}  // namespace
}  // namespace spro
