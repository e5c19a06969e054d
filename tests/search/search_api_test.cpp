// The portal-facing search features: query language, ranking, disjunctive
// facets, corrections, autocompletion, sorting, explanation, diversity.
#include <gtest/gtest.h>

#include <algorithm>

#include "spro/index_writer.h"
#include "spro/searcher.h"
#include "test_util.h"

namespace spro {
namespace {

class SearchApi : public ::testing::Test {
 protected:
  static Resource make(std::string id, std::string kind, std::string title, std::string summary = "",
                       std::vector<int> levels = {}, std::string source = "onisep") {
    Resource r;
    r.id = std::move(id);
    r.kind = std::move(kind);
    r.title = std::move(title);
    r.summary = std::move(summary);
    r.levels = std::move(levels);
    r.source = std::move(source);
    r.territories = {"fr"};
    return r;
  }

  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto w = IndexWriter::open(*dir_ / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    std::vector<Resource> all = {
        make("m1", "metier", "Infirmier / Infirmière en soins généraux", "Soins infirmiers à l'hôpital."),
        make("m2", "metier", "Aide-soignant / Aide-soignante", "Aide aux soins d'hygiène et de confort."),
        make("m3", "metier", "Mécanicien / Mécanicienne automobile", "Répare les véhicules."),
        make("m4", "metier", "Boulanger / Boulangère", "Fabrique le pain, travail de nuit."),
        make("m5", "metier", "Pâtissier / Pâtissière", "Fabrique les gâteaux."),
        make("f1", "formation", "CAP Boulanger", "Formation de boulanger en alternance.", {3}),
        make("f2", "formation", "Bac pro Boulanger pâtissier", "Boulangerie et pâtisserie, travail de jour.", {4}),
        make("f3", "formation", "BTS Management en hôtellerie restauration", "Cuisine et gestion.", {5}),
        make("f4", "formation", "Diplôme d'État d'infirmier", "Formation en soins infirmiers, trois ans.", {6}),
        make("f5", "formation", "Formation aide à domicile", "Aide à domicile des personnes âgées.", {3}),
        make("f6", "formation", "Soins à domicile", "Formation: aide et domicile, sans la phrase.", {3}),
    };
    all[0].codes["rome"] = {"J1506"};
    all[0].updated = "2024-01-10";
    all[0].keywords = {"Infirmier / Infirmière de bloc opératoire", "IDE"};
    all[1].codes["rome"] = {"J1501"};
    all[1].updated = "2025-03-01";
    all[3].keywords = {"Boulanger / Boulangère de nuit"};
    all[3].updated = "2023-05-05";
    all[8].summary += " Voir aussi la fiche J1506.";  // mentions the code without holding it
    all[5].start = "2025-09-01";
    all[6].start = "2025-01-15";
    for (const auto& r : all) ASSERT_TRUE((*w)->add(r).ok()) << r.id;
    ASSERT_TRUE((*w)->commit().ok());
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override {
    auto s = Searcher::open(*dir_ / "db");
    ASSERT_TRUE(s.ok());
    searcher_ = std::move(*s);
  }

  SearchResponse search(SearchRequest req) {
    auto r = searcher_->search(req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : SearchResponse{};
  }
  SearchResponse search(const std::string& text) {
    SearchRequest req;
    req.text = text;
    req.limit = 50;
    return search(req);
  }
  // Only the resources holding every word (no page completed with some).
  SearchResponse every_word(const std::string& text) {
    SearchRequest req;
    req.text = text;
    req.limit = 50;
    req.relax_when_empty = false;
    return search(req);
  }
  static std::vector<std::string> ids(const SearchResponse& r, bool sort = true) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    if (sort) std::sort(out.begin(), out.end());
    return out;
  }
  static size_t count(const SearchResponse& r, const std::string& facet, const std::string& value) {
    auto it = r.facets.find(facet);
    if (it == r.facets.end()) return 0;
    for (const auto& v : it->second) {
      if (v.value == value) return v.count;
    }
    return 0;
  }

  static testing::TempDir* dir_;
  std::unique_ptr<Searcher> searcher_;
};
testing::TempDir* SearchApi::dir_ = nullptr;
using Ids = std::vector<std::string>;

TEST_F(SearchApi, PhraseMatchesOnlyAdjacentWords) {
  EXPECT_EQ(ids(search("\"aide à domicile\"")), Ids{"f5"});
  EXPECT_EQ(ids(every_word("aide domicile")), (Ids{"f5", "f6"}));
}

// Fewer than 10 resources hold every word: they come first, the results
// go on with resources holding some, and the response says how many hold
// them all.
TEST_F(SearchApi, ShortPageGoesOnWithSomeWords) {
  auto r = search("aide domicile");
  Ids got = ids(r, false);
  ASSERT_GE(got.size(), 3u);
  EXPECT_EQ(Ids(got.begin(), got.begin() + 2), (Ids{"f5", "f6"}));
  EXPECT_NE(std::find(got.begin(), got.end(), "m2"), got.end());  // "Aide-soignant": aide only
  EXPECT_EQ(r.interpreted["all_words"], "2");
  EXPECT_EQ(r.interpreted.count("relaxed"), 0u);
  // Whatever the page size, the same results: pages of 2 hold every word
  // first, then reach those with some (a newcomer's "aide au logement
  // jeune" gave 9 results by 5 and 1,400 by 10).
  SearchRequest req;
  req.text = "aide domicile";
  req.limit = 2;
  SearchResponse first_page = search(req);
  EXPECT_EQ(ids(first_page), (Ids{"f5", "f6"}));
  EXPECT_EQ(first_page.total, r.total);
  EXPECT_EQ(first_page.interpreted["all_words"], "2");
  req.offset = 2;
  EXPECT_EQ(ids(search(req), false), Ids(got.begin() + 2, got.begin() + std::min<size_t>(4, got.size())));
  req.offset = 0;
  // Sorted otherwise than by relevance, resources with some words would
  // mix with those with all: not completed.
  req.limit = 50;
  req.sort = SortOrder::kTitle;
  EXPECT_EQ(ids(search(req)), (Ids{"f5", "f6"}));
  // Enough resources with every word (here 2 of 2): not completed.
  SearcherOptions options;
  options.complete_below = 2;
  auto strict = Searcher::open(*dir_ / "db", options);
  ASSERT_TRUE(strict.ok());
  req.sort = SortOrder::kRelevance;
  auto filled = (*strict)->search(req);
  ASSERT_TRUE(filled.ok());
  EXPECT_EQ(ids(*filled), (Ids{"f5", "f6"}));
  EXPECT_EQ(filled->interpreted.count("all_words"), 0u);
}

TEST_F(SearchApi, Exclusion) {
  EXPECT_EQ(ids(search("boulanger -nuit")), (Ids{"f1", "f2"}));
  EXPECT_EQ(ids(search("boulanger -\"travail de nuit\"")), (Ids{"f1", "f2"}));
  // Only an exclusion: everything but what it names (a newcomer's
  // "-infirmier" listed the whole index).
  SearchRequest all;
  all.limit = 100;
  auto everything = searcher_->search(all);
  ASSERT_TRUE(everything.ok());
  auto but_bakers = search("-boulanger");
  EXPECT_EQ(but_bakers.total, everything->total - search("boulanger").total);
  for (const std::string& id : ids(but_bakers)) EXPECT_NE(id, "f1");
}

TEST_F(SearchApi, OrBetweenWords) {
  EXPECT_EQ(ids(search("mecanicien OR patissier")), (Ids{"f2", "m3", "m5"}));
}

TEST_F(SearchApi, FieldPrefixes) {
  // "boulanger" is in f1's summary and title, but "infirmier" only in f4's title.
  EXPECT_EQ(ids(search("titre:alternance")), Ids{});
  EXPECT_EQ(ids(search("alternance")), Ids{"f1"});
  EXPECT_EQ(ids(search("metier:boulanger")), Ids{"m4"});
}

TEST_F(SearchApi, TrailingWildcard) {
  EXPECT_EQ(ids(search("infirm*")), (Ids{"f4", "m1"}));
  EXPECT_EQ(ids(search("mécanicie*")), Ids{"m3"});
}

TEST_F(SearchApi, CodeLookupComesFirst) {
  auto r = search("J1506");
  ASSERT_EQ(r.hits.size(), 2u);  // the sheet, and the training that mentions it
  EXPECT_EQ(r.hits[0].id, "m1");
  EXPECT_EQ(search("j1501").hits.at(0).id, "m2");
}

TEST_F(SearchApi, ExactTitleComesFirst) {
  // "Boulanger" is the exact title (one side of) m4, but f1 and f2 say it more often.
  auto r = search("boulanger");
  ASSERT_GE(r.hits.size(), 3u);
  EXPECT_EQ(r.hits[0].id, "m4");
  EXPECT_EQ(search("cap boulanger").hits.at(0).id, "f1");
}

TEST_F(SearchApi, HostileInputDegradesWithANotice) {
  auto r = every_word("\"soins infirmiers");
  EXPECT_FALSE(r.notices.empty());
  EXPECT_EQ(ids(r), (Ids{"f4", "m1"}));
  r = search(std::string(5000, 'a') + " soins");
  EXPECT_FALSE(r.notices.empty());
  for (const char* text : {"OR", "-", "titre:", "\"\"", "* OR -", "\xC3\x28\xFF"}) {
    SearchRequest req;
    req.text = text;
    EXPECT_TRUE(searcher_->search(req).ok()) << text;
  }
}

TEST_F(SearchApi, FacetsAreDisjunctive) {
  SearchRequest req;
  req.kinds = {"formation"};
  req.levels = {4};
  req.facets = true;
  auto r = search(req);
  EXPECT_EQ(ids(r), Ids{"f2"});
  // The level facet ignores the level selection but keeps the kind filter.
  EXPECT_EQ(count(r, "level", "3"), 3u);
  EXPECT_EQ(count(r, "level", "4"), 1u);
  EXPECT_EQ(count(r, "level", "5"), 1u);
  // The kind facet ignores the kind selection but keeps the level filter.
  EXPECT_EQ(count(r, "kind", "formation"), 1u);
  EXPECT_EQ(count(r, "kind", "metier"), 0u);
  // A facet without selection counts the results.
  EXPECT_EQ(count(r, "source", "onisep"), 1u);
}

TEST_F(SearchApi, DidYouMeanIsAccentAware) {
  auto r = search("infirmeire");
  EXPECT_EQ(r.corrected_query, "infirmière");
  r = search("mecanitien");
  EXPECT_EQ(r.corrected_query, "mécanicien");
}

TEST_F(SearchApi, ZeroResultQueryRetriesWithCorrection) {
  auto r = search("mecanitien automobile");
  EXPECT_EQ(r.corrected_query, "mécanicien automobile");
  EXPECT_EQ(r.interpreted["corrected"], "true");
  EXPECT_EQ(ids(r), Ids{"m3"});
  SearchRequest strict;
  strict.text = "mecanitien";
  strict.typo_tolerance = false;
  auto none = search(strict);
  EXPECT_EQ(none.total, 0u);
  EXPECT_EQ(none.corrected_query, "mécanicien");  // still proposed
  EXPECT_TRUE(none.interpreted.empty());
}

TEST_F(SearchApi, NoResourceWithEveryWordRelaxesToSomeWords) {
  SearchRequest req;
  req.text = "boulanger infirmier";  // no resource is both
  auto r = search(req);
  EXPECT_EQ(r.interpreted["relaxed"], "true");
  std::vector<std::string> got = ids(r);
  EXPECT_NE(std::find(got.begin(), got.end(), "m4"), got.end());
  EXPECT_NE(std::find(got.begin(), got.end(), "m1"), got.end());
  req.relax_when_empty = false;
  EXPECT_EQ(search(req).total, 0u);
  // One word: nothing to relax.
  req.relax_when_empty = true;
  req.text = "astronaute";
  EXPECT_EQ(search(req).total, 0u);
}

TEST_F(SearchApi, NoCorrectionForKnownWords) {
  EXPECT_EQ(search("infirmiere").corrected_query, "");
  EXPECT_EQ(search("boulanger").corrected_query, "");
}

TEST_F(SearchApi, AutocompleteTitlesAndAppellations) {
  auto s = searcher_->suggest("infirm");
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(s->empty());
  std::vector<std::string> texts;
  for (const auto& x : *s) texts.push_back(x.text);
  // One suggestion per job sheet (issue 17): its shortest title, not each
  // of its appellations.
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "Infirmier / Infirmière en soins généraux") +
                std::count(texts.begin(), texts.end(), "Infirmier / Infirmière de bloc opératoire"),
            0);
  EXPECT_EQ(s->front().id, "m1");
  EXPECT_EQ(std::count_if(s->begin(), s->end(), [](const Suggestion& x) { return x.id == "m1"; }), 1);
  // Accent- and case-insensitive, several words, hyphens.
  s = searcher_->suggest("AIDE SOI");
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(s->empty());
  EXPECT_EQ(s->front().text, "Aide-soignant");
  EXPECT_EQ(s->front().id, "m2");
  s = searcher_->suggest("patis");
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(s->empty());
  EXPECT_EQ(s->front().text, "Pâtissier");
  // A word inside a title completes too, after the titles that start with it.
  s = searcher_->suggest("soignante");
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(s->empty());
  EXPECT_EQ(s->front().text, "Aide-soignante");
  EXPECT_TRUE(searcher_->suggest("zzzz")->empty());
  EXPECT_TRUE(searcher_->suggest("")->empty());
  EXPECT_LE(searcher_->suggest("a", 3)->size(), 3u);
}

TEST_F(SearchApi, SortOrders) {
  SearchRequest req;
  req.kinds = {"metier"};
  req.sort = SortOrder::kUpdated;
  auto r = search(req);
  EXPECT_EQ(ids(r, false).front(), "m2");  // 2025-03-01
  EXPECT_EQ(r.hits[1].id, "m1");           // 2024-01-10
  req.sort = SortOrder::kTitle;
  r = search(req);
  EXPECT_EQ(ids(r, false), (Ids{"m2", "m4", "m1", "m3", "m5"}));
  req.kinds = {"formation"};
  req.text = "boulanger";
  req.sort = SortOrder::kStart;
  EXPECT_EQ(ids(search(req), false), (Ids{"f2", "f1"}));
  EXPECT_EQ(parse_sort_order("title"), SortOrder::kTitle);
  EXPECT_FALSE(parse_sort_order("price").has_value());
}

TEST_F(SearchApi, ExplainSaysWhatMatched) {
  SearchRequest req;
  req.text = "infirmiere J1506";
  req.explain = true;
  auto r = search(req);
  ASSERT_FALSE(r.hits.empty());
  const auto& m = r.hits[0].matched;
  EXPECT_NE(std::find(m.begin(), m.end(), "code"), m.end());
  EXPECT_NE(std::find(m.begin(), m.end(), "infirmiere"), m.end());
}

TEST_F(SearchApi, SourceDiversityIsOptIn) {
  testing::TempDir tmp;
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(w.ok());
  // Four very relevant resources from one source, two less relevant from another.
  for (int i = 0; i < 4; ++i) ASSERT_TRUE((*w)->add(make("a" + std::to_string(i), "formation", "Cuisine cuisine cuisine", "", {}, "one")).ok());
  for (int i = 0; i < 2; ++i) ASSERT_TRUE((*w)->add(make("b" + std::to_string(i), "formation", "Cuisine du monde", "Et bien d'autres choses encore", {}, "two")).ok());
  ASSERT_TRUE((*w)->commit().ok());
  auto s = Searcher::open(tmp / "db");
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.text = "cuisine";
  req.group_identical = false;  // the four are identical on purpose
  auto plain = (*s)->search(req);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->hits[0].source, "one");
  EXPECT_EQ(plain->hits[3].source, "one");
  req.max_consecutive_per_source = 2;
  auto diverse = (*s)->search(req);
  ASSERT_TRUE(diverse.ok());
  std::vector<std::string> sources;
  for (const auto& h : diverse->hits) sources.push_back(h.source);
  EXPECT_EQ(sources, (std::vector<std::string>{"one", "one", "two", "one", "one", "two"}));
  // Paging still covers every hit once.
  req.limit = 3;
  req.offset = 3;
  auto page2 = (*s)->search(req);
  ASSERT_TRUE(page2.ok());
  EXPECT_EQ(page2->hits.size(), 3u);
  EXPECT_EQ(page2->hits[0].id, diverse->hits[3].id);
}

}  // namespace
}  // namespace spro
