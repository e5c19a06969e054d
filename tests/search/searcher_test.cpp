#include "spro/searcher.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "spro/index_writer.h"
#include "test_util.h"

namespace spro {
namespace {

Resource make(std::string id, std::string kind, std::string title, std::vector<std::string> territories,
              std::vector<std::string> publics = {}, std::vector<int> levels = {}, std::string source = "") {
  Resource r;
  r.id = std::move(id);
  r.kind = std::move(kind);
  r.title = std::move(title);
  r.territories = std::move(territories);
  r.publics = std::move(publics);
  r.levels = std::move(levels);
  r.source = std::move(source);
  return r;
}

class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto w = IndexWriter::open(*dir_ / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    std::vector<Resource> all = {
        make("f1", "formation", "CAP Cuisine", {"com:13055"}, {"jeune"}, {3}, "onisep"),
        make("f2", "formation", "BTS Management commercial opérationnel", {"com:83137"}, {"etudiant", "jeune"}, {5}, "carif-oref"),
        make("f3", "formation", "Bac pro Cuisine", {"com:59350"}, {"scolaire"}, {4}, "onisep"),
        make("a1", "aide", "Aide régionale au permis de conduire", {"reg:93"}, {"jeune", "demandeur_emploi"}, {}, "region"),
        make("a2", "aide", "Compte personnel de formation", {"fr"}, {"tout_public"}, {}, "service-public"),
        make("s1", "structure", "Mission locale de Lille", {"com:59350"}, {"jeune"}, {}, "mission-locale"),
        make("s2", "structure", "CIO Paris centre", {"com:75101"}, {"scolaire"}, {}, "onisep"),
        make("m1", "metier", "Infirmier / Infirmière en soins généraux", {"fr"}, {"tout_public"}, {6}, "france-travail"),
    };
    all[0].summary = "Formation de cuisinier en alternance à Marseille.";
    all[7].summary = "L'infirmière réalise des soins.";
    for (const auto& r : all) ASSERT_TRUE((*w)->add(r).ok()) << r.id;
    ASSERT_TRUE((*w)->commit().ok());
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override {
    auto s = Searcher::open(*dir_ / "db");
    ASSERT_TRUE(s.ok()) << s.status().message();
    searcher_ = std::move(*s);
  }

  std::vector<std::string> ids(const SearchRequest& req) {
    auto r = searcher_->search(req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::vector<std::string> out;
    if (!r.ok()) return out;
    for (const auto& h : r->hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  }

  static SearchRequest filter(void (*set)(SearchRequest&)) {
    SearchRequest r;
    r.limit = 100;
    set(r);
    return r;
  }

  static testing::TempDir* dir_;
  std::unique_ptr<Searcher> searcher_;
};
testing::TempDir* SearcherTest::dir_ = nullptr;

using Ids = std::vector<std::string>;

TEST_F(SearcherTest, AccentInsensitive) {
  SearchRequest req;
  req.text = "infirmiere";
  EXPECT_EQ(ids(req), Ids{"m1"});
  req.text = "INFIRMIÈRE";
  EXPECT_EQ(ids(req), Ids{"m1"});
  req.text = "operationnel";
  EXPECT_EQ(ids(req), Ids{"f2"});
}

TEST_F(SearcherTest, AllWordsAreRequired) {
  SearchRequest req;
  req.text = "cap cuisine";
  req.relax_when_empty = false;  // no page completed with some words
  EXPECT_EQ(ids(req), Ids{"f1"});
  req.text = "cuisine";
  EXPECT_EQ(ids(req), (Ids{"f1", "f3"}));
}

TEST_F(SearcherTest, FilterByKind) {
  EXPECT_EQ(ids(filter([](auto& r) { r.kinds = {"aide"}; })), (Ids{"a1", "a2"}));
  EXPECT_EQ(ids(filter([](auto& r) { r.kinds = {"aide", "metier"}; })), (Ids{"a1", "a2", "m1"}));
}

TEST_F(SearcherTest, FilterByPublicIsOredWithinTheField) {
  EXPECT_EQ(ids(filter([](auto& r) { r.publics = {"etudiant"}; })), Ids{"f2"});
  EXPECT_EQ(ids(filter([](auto& r) { r.publics = {"etudiant", "scolaire"}; })), (Ids{"f2", "f3", "s2"}));
}

TEST_F(SearcherTest, FiltersAcrossFieldsAreAnded) {
  EXPECT_EQ(ids(filter([](auto& r) {
              r.publics = {"jeune"};
              r.kinds = {"formation"};
            })),
            (Ids{"f1", "f2"}));
}

TEST_F(SearcherTest, FilterByLevelAndSource) {
  EXPECT_EQ(ids(filter([](auto& r) { r.levels = {3, 4}; })), (Ids{"f1", "f3"}));
  EXPECT_EQ(ids(filter([](auto& r) { r.sources = {"onisep"}; })), (Ids{"f1", "f3", "s2"}));
}

TEST_F(SearcherTest, TerritoryIncludesWiderCoverageByDefault) {
  // Bouches-du-Rhône: the Marseille training, the PACA regional aid, the national resources.
  EXPECT_EQ(ids(filter([](auto& r) { r.territories = {"dep:13"}; })), (Ids{"a1", "a2", "f1", "m1"}));
  EXPECT_EQ(ids(filter([](auto& r) { r.territories = {"com:13055"}; })), (Ids{"a1", "a2", "f1", "m1"}));
  // Région PACA holds Marseille and Toulon.
  EXPECT_EQ(ids(filter([](auto& r) { r.territories = {"reg:93"}; })), (Ids{"a1", "a2", "f1", "f2", "m1"}));
  // Nord: nothing from PACA.
  EXPECT_EQ(ids(filter([](auto& r) { r.territories = {"dep:59"}; })), (Ids{"a2", "f3", "m1", "s1"}));
}

TEST_F(SearcherTest, TerritoryStrictlyLocal) {
  EXPECT_EQ(ids(filter([](auto& r) {
              r.territories = {"dep:13"};
              r.include_wider_territories = false;
            })),
            Ids{"f1"});
}

TEST_F(SearcherTest, SeineSaintDenisIsNotProvence) {
  // Région 93 and département 93 are different places: the typed codes keep them apart.
  EXPECT_EQ(ids(filter([](auto& r) {
              r.territories = {"dep:93"};
              r.include_wider_territories = false;
              r.widen_when_empty = false;
            })),
            Ids{});
}

TEST_F(SearcherTest, ParisArrondissementIsInParis) {
  EXPECT_EQ(ids(filter([](auto& r) {
              r.territories = {"dep:75"};
              r.include_wider_territories = false;
            })),
            Ids{"s2"});
}

TEST_F(SearcherTest, FacetsAreExactAndCountEachValue) {
  SearchRequest req;
  req.facets = true;
  auto r = searcher_->search(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 8u);
  auto count = [&](const std::string& facet, const std::string& value) -> size_t {
    for (const auto& v : r->facets[facet]) {
      if (v.value == value) return v.count;
    }
    return 0;
  };
  EXPECT_EQ(count("kind", "formation"), 3u);
  EXPECT_EQ(count("kind", "structure"), 2u);
  EXPECT_EQ(count("public", "jeune"), 4u);  // f2 is counted for both of its publics
  EXPECT_EQ(count("public", "etudiant"), 1u);
  EXPECT_EQ(count("level", "3"), 1u);
  EXPECT_EQ(count("source", "onisep"), 3u);
  EXPECT_EQ(count("territory", "dep:59"), 2u);
  EXPECT_EQ(count("territory", "dep:75"), 1u);
  // Values come by decreasing count.
  const auto& kinds = r->facets["kind"];
  EXPECT_TRUE(std::is_sorted(kinds.begin(), kinds.end(), [](auto& a, auto& b) { return a.count > b.count; }));
}

TEST_F(SearcherTest, FacetsFollowTheQuery) {
  SearchRequest req;
  req.text = "cuisine";
  req.facets = true;
  auto r = searcher_->search(req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->facets["kind"].size(), 1u);
  EXPECT_EQ(r->facets["kind"][0].value, "formation");
  EXPECT_EQ(r->facets["kind"][0].count, 2u);
}

TEST_F(SearcherTest, BrowseWithoutTextListsByTitle) {
  SearchRequest req;
  req.kinds = {"formation"};
  auto r = searcher_->search(req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 3u);
  EXPECT_EQ(r->hits[0].title, "Bac pro Cuisine");
  EXPECT_EQ(r->hits[2].title, "CAP Cuisine");
}

TEST_F(SearcherTest, PagingIsStableAndCapped) {
  SearchRequest req;
  req.limit = 3;
  std::vector<std::string> seen;
  for (size_t offset = 0; offset < 9; offset += 3) {
    req.offset = offset;
    auto r = searcher_->search(req);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->total, 8u);
    for (const auto& h : r->hits) seen.push_back(h.id);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen.size(), 8u);
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
  req.offset = 0;
  req.limit = 1'000'000;
  EXPECT_EQ(searcher_->search(req)->hits.size(), 8u);  // capped at max_limit, no crash
}

TEST_F(SearcherTest, BadFilterValuesAreInvalidArgument) {
  auto check = [&](void (*set)(SearchRequest&), const std::string& expected) {
    auto r = searcher_->search(filter(set));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find(expected), std::string::npos) << r.status().message();
  };
  check([](auto& r) { r.levels = {0}; }, "level: 0");
  check([](auto& r) { r.territories = {"13"}; }, "territory: '13'");
  check([](auto& r) { r.publics = {"robots"}; }, "public: unknown value 'robots'");
  check([](auto& r) { r.kinds = {"job"}; }, "kind: unknown value 'job'");
  // A closed vocabulary's message lists the valid values.
  check([](auto& r) { r.publics = {"martien"}; }, "public: unknown value 'martien' (one of ");
  check([](auto& r) { r.publics = {"martien"}; }, "tout_public");
  check([](auto& r) { r.kinds = {"job"}; }, "metier");
  // The same words as resolve_territory() for a code that names nothing.
  check([](auto& r) { r.territories = {"dep:99"}; }, "territory: unknown territory 'dep:99'");
}

TEST_F(SearcherTest, HostileTextNeverFails) {
  for (std::string text : {std::string(10000, '"'), std::string("caf\xC3\x28 \xFF"), std::string("\x01\x02 AND OR NOT ("),
                           std::string("-"), std::string("*"), std::string(" ")}) {
    SearchRequest req;
    req.text = text;
    auto r = searcher_->search(req);
    EXPECT_TRUE(r.ok()) << r.status().message();
  }
}

TEST_F(SearcherTest, HitsCarrySnippetsWithMarks) {
  SearchRequest req;
  req.text = "cuisinier marseille";
  req.detect_places = false;  // Marseille as a word, to be marked
  auto r = searcher_->search(req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].snippet, "Formation de <mark>cuisinier</mark> en alternance à <mark>Marseille</mark>.");
  EXPECT_GT(r->hits[0].score, 0);
  EXPECT_EQ(r->hits[0].source, "onisep");
}

TEST_F(SearcherTest, GetById) {
  auto r = searcher_->get("a2");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->title, "Compte personnel de formation");
  EXPECT_EQ(searcher_->get("nope").status().code(), Status::Code::kNotFound);
}

TEST_F(SearcherTest, JsonResponseHasTheDocumentedFields) {
  SearchRequest req;
  req.text = "cuisine";
  req.facets = true;
  auto r = searcher_->search(req);
  ASSERT_TRUE(r.ok());
  auto j = nlohmann::json::parse(to_json(*r));
  EXPECT_EQ(j["query"], "cuisine");
  EXPECT_EQ(j["total"], 2);
  for (const char* field : {"id", "score", "title", "kind", "source", "snippet"}) {
    EXPECT_TRUE(j["hits"][0].contains(field)) << field;
  }
  for (const char* facet : {"kind", "public", "level", "territory", "source"}) {
    EXPECT_TRUE(j["facets"].contains(facet)) << facet;
  }
  EXPECT_EQ(j["facets"]["kind"]["formation"], 2);
}

// Neutrality: ranking depends on relevance only, never on the publisher.
TEST(Neutrality, SameResourceFromTwoSourcesScoresTheSame) {
  testing::TempDir tmp;
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(w.ok());
  Resource a = make("x:1", "formation", "CAP Cuisine", {"fr"}, {"jeune"}, {3}, "onisep");
  a.summary = "Apprendre la cuisine en cycle court.";
  Resource b = a;
  b.id = "x:2";
  b.source = "carif-oref";
  ASSERT_TRUE((*w)->add(a).ok());
  ASSERT_TRUE((*w)->add(b).ok());
  ASSERT_TRUE((*w)->add(make("x:3", "formation", "Cuisine du monde", {"fr"})).ok());
  ASSERT_TRUE((*w)->commit().ok());
  auto s = Searcher::open(tmp / "db");
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.text = "cuisine cycle";
  req.relax_when_empty = false;  // the two with both words
  req.group_identical = false;  // each resource's own score, not one hit for both
  auto r = (*s)->search(req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 2u);
  EXPECT_DOUBLE_EQ(r->hits[0].score, r->hits[1].score);
  // Ties are broken by id, not by source.
  EXPECT_EQ(r->hits[0].id, "x:1");
}


// Without facets, totals above SearcherOptions::exact_total_up_to may be
// estimates, and say so; a total that claims to be exact is, one that does
// not is above the bound, and facets always count every match. For one word
// (counted over its posting list) as for several (counted by the ranked
// pass).
TEST(SearcherTotals, ExactWhenClaimedAndAlwaysWithFacets) {
  testing::TempDir dir;
  auto w = IndexWriter::open(dir / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(w.ok());
  size_t both_words = 0;
  for (int i = 0; i < 300; ++i) {
    bool both = i % 3 != 0;
    both_words += both;
    Resource r = make("r" + std::to_string(i), "formation", both ? "Cuisine à Marseille" : "Cuisine", {"fr"});
    r.summary = i % 7 == 0 ? "Restauration collective" : "Métiers de bouche";
    ASSERT_TRUE((*w)->add(r).ok());
  }
  ASSERT_TRUE((*w)->commit().ok());
  for (auto [text, expected] : {std::pair<std::string, size_t>{"cuisine marseille", both_words}, {"cuisine", 300}}) {
    for (size_t bound : {0, 10, 100, 299, 300, 1000}) {
      SearcherOptions options;
      options.exact_total_up_to = bound;
      auto s = Searcher::open(dir / "db", options);
      ASSERT_TRUE(s.ok());
      SearchRequest req;
      req.text = text;
      req.detect_places = false;
      auto plain = (*s)->search(req);
      ASSERT_TRUE(plain.ok());
      if (plain->total_exact) {
        EXPECT_EQ(plain->total, expected) << text << ", bound " << bound;
      } else {
        EXPECT_GT(plain->total, bound) << text;
      }
      if (bound >= expected) {
        EXPECT_TRUE(plain->total_exact) << text << ", bound " << bound;
      }
      req.facets = true;
      auto faceted = (*s)->search(req);
      ASSERT_TRUE(faceted.ok());
      EXPECT_TRUE(faceted->total_exact);
      EXPECT_EQ(faceted->total, expected);
    }
  }
}

// A facet with a selection counts, for each of its values, the results the
// request would have with that value as the facet's only selection (its own
// filter off, every other filter kept); a facet without one counts the
// results. Checked against those searches, over resources with random
// kinds, publics, levels, sources and territories.
TEST(SearcherFacets, EachValueCountsTheResultsOfSelectingIt) {
  testing::TempDir dir;
  auto w = IndexWriter::open(dir / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(w.ok());
  const std::vector<std::string> kinds{"formation", "metier", "aide", "structure"};
  const std::vector<std::string> publics{"jeune", "demandeur_emploi", "salarie", "scolaire"};
  const std::vector<std::string> sources{"onisep", "region", "carif-oref"};
  const std::vector<std::string> places{"com:13055", "com:59350", "dep:13", "reg:93", "fr"};
  uint32_t seed = 7;
  auto next = [&](size_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  for (int i = 0; i < 400; ++i) {
    Resource r = make("r" + std::to_string(i), kinds[next(kinds.size())], next(4) ? "Cuisine" : "Cuisine et pâtisserie",
                      {places[next(places.size())]}, {}, {}, sources[next(sources.size())]);
    for (const auto& p : publics) {
      if (next(3) == 0) r.publics.push_back(p);
    }
    for (int l = 3; l <= 5; ++l) {
      if (next(2) == 0) r.levels.push_back(l);
    }
    ASSERT_TRUE((*w)->add(r).ok());
  }
  ASSERT_TRUE((*w)->commit().ok());
  auto s = Searcher::open(dir / "db");
  ASSERT_TRUE(s.ok());
  auto total = [&](const SearchRequest& req) {
    auto r = (*s)->search(req);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->total : 0;
  };
  std::vector<SearchRequest> requests(4);
  requests[0].kinds = {"formation", "aide"};
  requests[0].publics = {"jeune"};
  requests[1].levels = {4};
  requests[1].sources = {"region"};
  requests[1].territories = {"dep:13"};
  requests[2].kinds = {"metier"};
  requests[2].publics = {"salarie", "scolaire"};
  requests[2].levels = {3, 5};
  requests[2].sources = {"onisep", "carif-oref"};
  requests[3].publics = {"tout_public"};  // a public no resource has
  for (size_t n = 0; n < requests.size(); ++n) {
    SearchRequest req = requests[n];
    req.text = n % 2 ? "cuisine" : "";
    req.facets = true;
    req.detect_places = false;
    auto r = (*s)->search(req);
    ASSERT_TRUE(r.ok());
    SearchRequest plain = req;
    plain.facets = false;
    EXPECT_EQ(r->total, total(plain)) << "request " << n;
    auto check = [&](const std::string& facet, const std::vector<std::string>& values, auto select) {
      std::map<std::string, size_t> reported;
      for (const auto& v : r->facets.at(facet)) reported[v.value] = v.count;
      for (const auto& v : values) {
        SearchRequest one = plain;
        select(one, v);
        size_t expected = total(one);
        EXPECT_EQ(reported.count(v) ? reported[v] : 0, expected) << "request " << n << ", " << facet << " " << v;
      }
    };
    check("kind", kinds, [](SearchRequest& q, const std::string& v) { q.kinds = {v}; });
    check("public", publics, [](SearchRequest& q, const std::string& v) { q.publics = {v}; });
    check("source", sources, [](SearchRequest& q, const std::string& v) { q.sources = {v}; });
    check("level", {"3", "4", "5"}, [](SearchRequest& q, const std::string& v) { q.levels = {std::stoi(v)}; });
  }
}


// Equal scores are ordered by id, page after page, whatever the order the
// resources were indexed in (and however a rebuild numbers them).
TEST(SearcherOrder, EqualScoresPageByIdWithoutRepeatsOrGaps) {
  testing::TempDir tmp;
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(w.ok());
  std::vector<std::string> ids;
  for (int i = 0; i < 23; ++i) {
    // Indexed in an order unrelated to the ids.
    std::string id = "id:" + std::to_string((i * 7) % 23 + 100);
    ids.push_back(id);
    ASSERT_TRUE((*w)->add(make(id, "formation", "Cuisine", {"fr"})).ok());
  }
  // One resource scores otherwise, so ties do not start at the first hit.
  Resource other = make("a:1", "formation", "Cuisine", {"fr"});
  other.summary = "Cuisine et pâtisserie";
  ASSERT_TRUE((*w)->add(other).ok());
  ids.push_back("a:1");
  ASSERT_TRUE((*w)->commit().ok());
  std::sort(ids.begin(), ids.end());
  auto s = Searcher::open(tmp / "db");
  ASSERT_TRUE(s.ok());
  for (size_t page_size : {1, 4, 10}) {
    std::vector<std::pair<double, std::string>> seen;
    for (size_t offset = 0; offset < 30; offset += page_size) {
      SearchRequest req;
      req.text = "cuisine";
      req.offset = offset;
      req.limit = page_size;
      req.group_identical = false;  // identical on purpose: ties, not one hit
      auto r = (*s)->search(req);
      ASSERT_TRUE(r.ok());
      for (const Hit& h : r->hits) seen.emplace_back(-h.score, h.id);
    }
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end())) << "page size " << page_size;
    std::vector<std::string> got;
    for (const auto& [score, id] : seen) got.push_back(id);
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, ids) << "page size " << page_size;
  }
}

// The id order of ties belongs to an index revision: resources added by an
// update take their place among equal scores in the next query of the same
// Searcher.
TEST(SearcherOrder, TiesFollowIdsAfterAnUpdate) {
  testing::TempDir tmp;
  {
    auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    for (const char* id : {"id:5", "id:3", "id:7"}) ASSERT_TRUE((*w)->add(make(id, "formation", "Cuisine", {"fr"})).ok());
    ASSERT_TRUE((*w)->commit().ok());
  }
  auto s = Searcher::open(tmp / "db");
  ASSERT_TRUE(s.ok());
  auto page = [&] {
    SearchRequest req;
    req.text = "cuisine";
    req.group_identical = false;  // identical on purpose: ties, not one hit
    auto r = (*s)->search(req);
    std::vector<std::string> got;
    if (r.ok()) {
      for (const Hit& h : r->hits) got.push_back(h.id);
    }
    return got;
  };
  EXPECT_EQ(page(), (std::vector<std::string>{"id:3", "id:5", "id:7"}));
  {
    auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kUpdate);
    ASSERT_TRUE(w.ok());
    // Indexed last, first in id order.
    ASSERT_TRUE((*w)->add(make("id:1", "formation", "Cuisine", {"fr"})).ok());
    ASSERT_TRUE((*w)->add(make("id:6", "formation", "Cuisine", {"fr"})).ok());
    ASSERT_TRUE((*w)->commit().ok());
  }
  EXPECT_EQ(page(), (std::vector<std::string>{"id:1", "id:3", "id:5", "id:6", "id:7"}));
}

}  // namespace
}  // namespace spro
