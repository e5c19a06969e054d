// Located resources around a commune, place-only queries, widening
// (issue 17, items 3 and 9; docs/territories.md).
#include <gtest/gtest.h>

#include <algorithm>

#include "spro/index_writer.h"
#include "spro/searcher.h"
#include "spro/territory.h"
#include "test_util.h"

namespace spro {
namespace {

class AroundSearch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto w = IndexWriter::open(*dir_ / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    auto add = [&](std::string id, std::string kind, std::string title, std::vector<std::string> territories,
                   std::optional<GeoPoint> location = std::nullopt) {
      Resource r;
      r.id = std::move(id);
      r.kind = std::move(kind);
      r.title = std::move(title);
      r.territories = std::move(territories);
      r.location = location;
      ASSERT_TRUE((*w)->add(r).ok()) << r.id;
    };
    // France services of the 2024 ANCT list (coordinates rounded).
    add("fs-marseille-3", "structure", "France services Marseille Belle de Mai", {"com:13203"}, GeoPoint{43.3110, 5.3855});
    add("fs-marseille-13", "structure", "France services Marseille Malpassé", {"com:13213"}, GeoPoint{43.3290, 5.4160});
    add("fs-ciotat", "structure", "France services La Ciotat", {"com:13028"}, GeoPoint{43.1770, 5.6080});
    add("fs-toulon", "structure", "France services Toulon Pontcarral", {"com:83137"}, GeoPoint{43.1300, 5.9500});
    add("cio-aubagne", "structure", "CIO d'Aubagne", {"com:13005"}, GeoPoint{43.2920, 5.5690});
    add("cap-brest", "formation", "CAP Cuisine au lycée Vauban", {"com:29019"}, GeoPoint{48.3900, -4.4860});
    // Words in common, nothing located.
    add("mof", "certification", "Meilleurs ouvriers de France services à la personne", {"fr"});
    add("permis-var", "aide", "Aide au permis de conduire du Var", {"dep:83"});
    add("cuisine-fr", "formation", "CAP Cuisine en ligne", {"fr"});
    ASSERT_TRUE((*w)->commit().ok());
    auto s = Searcher::open(*dir_ / "db");
    ASSERT_TRUE(s.ok());
    searcher_ = s->release();
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
  }
  static SearchResponse search(const SearchRequest& req) {
    auto r = searcher_->search(req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : SearchResponse{};
  }
  static std::vector<std::string> ids(const SearchResponse& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
  }
  static std::string territory(std::string_view typed) {
    auto p = resolve_territory(typed);
    EXPECT_TRUE(p.ok()) << typed;
    return p.ok() ? p->code : "";
  }
  // Located hits first, nearest first, within 50 km; then exactly
  // `unlocated`, without distance.
  static void expect_nearest_then_unlocated(const SearchResponse& r, std::vector<std::string> unlocated) {
    size_t i = 0;
    for (; i < r.hits.size() && r.hits[i].distance_km; ++i) {
      EXPECT_LE(*r.hits[i].distance_km, 50) << r.hits[i].id;
      if (i > 0) {
        EXPECT_LE(*r.hits[i - 1].distance_km, *r.hits[i].distance_km) << r.hits[i].id;
      }
    }
    std::vector<std::string> rest;
    for (; i < r.hits.size(); ++i) rest.push_back(r.hits[i].id);
    std::sort(rest.begin(), rest.end());
    std::sort(unlocated.begin(), unlocated.end());
    EXPECT_EQ(rest, unlocated);
  }
  static testing::TempDir* dir_;
  static Searcher* searcher_;
};
testing::TempDir* AroundSearch::dir_ = nullptr;
Searcher* AroundSearch::searcher_ = nullptr;

// Issue 17: "france services" with 13008 listed national "Meilleurs
// ouvriers de France ... services" certifications; the 8e arrondissement
// has no France services, the nearest of Marseille come first.
TEST_F(AroundSearch, NearestAroundAnArrondissementThatHoldsNone) {
  SearchRequest req;
  req.text = "france services";
  req.territories = {territory("13008")};
  auto r = search(req);
  ASSERT_GE(r.hits.size(), 4u);
  EXPECT_EQ(ids(r)[0], "fs-marseille-3");
  EXPECT_EQ(ids(r)[1], "fs-marseille-13");
  EXPECT_EQ(ids(r)[2], "fs-ciotat");
  expect_nearest_then_unlocated(r, {"mof"});
  EXPECT_EQ(r.total, r.hits.size());
}

// A commune holding some: its own first, then those around it, before the
// national resources that only share the words (a newcomer's "france
// services paris 20": the 20e's two, then eight "Meilleurs ouvriers de
// France" before the 11e's).
TEST_F(AroundSearch, InsideFirstThenAroundWhenTheCommuneHoldsSome) {
  SearchRequest req;
  req.text = "france services";
  req.territories = {"com:83137"};
  auto r = search(req);
  // La Ciotat 33 km, Marseille 13e and 3e 45-48 km.
  EXPECT_EQ(ids(r), (std::vector<std::string>{"fs-toulon", "fs-ciotat", "fs-marseille-13", "fs-marseille-3", "mof"}));
  EXPECT_EQ(r.total, 5u);
  for (size_t i = 0; i < 4; ++i) ASSERT_TRUE(r.hits[i].distance_km.has_value()) << i;
  EXPECT_LT(*r.hits[0].distance_km, 5);
  for (size_t i = 1; i < 4; ++i) EXPECT_LE(*r.hits[i - 1].distance_km, *r.hits[i].distance_km);
  // A listing without words stays the commune's own, then wider coverage
  // (by title).
  req.text.clear();
  EXPECT_EQ(ids(search(req)), (std::vector<std::string>{"fs-toulon", "permis-var", "cuisine-fr", "mof"}));
}

TEST_F(AroundSearch, PagesFollowTheSameOrder) {
  SearchRequest req;
  req.text = "france services";
  req.territories = {"com:13208"};
  req.limit = 2;
  auto first = search(req);
  req.offset = 2;
  auto second = search(req);
  req.offset = 0;
  req.limit = 10;
  auto whole = search(req);
  ASSERT_GE(whole.hits.size(), 4u);
  std::vector<std::string> paged = ids(first);
  for (const auto& id : ids(second)) paged.push_back(id);
  std::vector<std::string> all = ids(whole);
  EXPECT_EQ(paged, std::vector<std::string>(all.begin(), all.begin() + 4));
  EXPECT_EQ(first.total, whole.total);
  EXPECT_EQ(second.total, whole.total);
}

// Issue 17: "83000" or "brest" alone listed national resources in
// alphabetical order.
TEST_F(AroundSearch, APlaceAloneListsWhatIsThereNearestFirst) {
  SearchRequest req;
  req.text = "83000";
  auto r = search(req);
  EXPECT_EQ(r.interpreted["territory"], "com:83137");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "fs-toulon");
  EXPECT_EQ(r.hits[1].id, "fs-ciotat");  // 30 km
  // Then what serves Toulon without being located.
  expect_nearest_then_unlocated(r, {"cuisine-fr", "mof", "permis-var"});

  req.text = "brest";
  r = search(req);
  EXPECT_EQ(r.interpreted["territory"], "com:29019");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "cap-brest");
  EXPECT_TRUE(r.hits[0].distance_km.has_value());
}

TEST_F(AroundSearch, NoLookingAroundWhenAskedForStrictlyLocalOrAnotherOrder) {
  SearchRequest req;
  req.text = "france services";
  req.territories = {"com:13208"};
  req.include_wider_territories = false;
  req.relax_when_empty = false;
  auto r = search(req);
  // Nothing in the 8e, nor in its city's EPCI... located: widened (below).
  EXPECT_EQ(r.interpreted.count("widened_to"), 1u);
  req.include_wider_territories = true;
  req.sort = SortOrder::kTitle;
  r = search(req);
  EXPECT_EQ(ids(r), std::vector<std::string>{"mof"});
}

TEST_F(AroundSearch, WidensStepByStepAndSaysSo) {
  SearchRequest req;
  req.text = "cio";
  req.territories = {"com:13028"};  // La Ciotat: none located there
  req.include_wider_territories = false;
  auto r = search(req);
  // Not the city (La Ciotat has no arrondissements): its EPCI, the Métropole.
  EXPECT_EQ(ids(r), std::vector<std::string>{"cio-aubagne"});
  EXPECT_EQ(r.interpreted["widened_to"], "epci:200054807");
  EXPECT_EQ(r.interpreted["widened_to_name"], "Métropole d'Aix-Marseille-Provence");

  req.territories = {"dep:04"};  // Alpes-de-Haute-Provence: next the région
  r = search(req);
  EXPECT_EQ(ids(r), std::vector<std::string>{"cio-aubagne"});
  EXPECT_EQ(r.interpreted["widened_to"], "reg:93");

  req.territories = {"dep:29"};  // Finistère: Bretagne has none either
  r = search(req);
  EXPECT_EQ(ids(r), std::vector<std::string>{"cio-aubagne"});
  EXPECT_EQ(r.interpreted["widened_to"], "fr");
}

// Some of the words in the territory (the national certification has
// "france" and "services") is not an answer when every word is a step away.
TEST_F(AroundSearch, WidensBeforeRelaxing) {
  SearchRequest req;
  req.text = "france services ciotat";
  req.territories = {"dep:04"};
  auto r = search(req);
  EXPECT_EQ(ids(r), std::vector<std::string>{"fs-ciotat"});
  EXPECT_EQ(r.interpreted["widened_to"], "reg:93");
  EXPECT_EQ(r.interpreted.count("relaxed"), 0u);
  req.widen_when_empty = false;
  r = search(req);
  EXPECT_EQ(ids(r), std::vector<std::string>{"mof"});
  EXPECT_EQ(r.interpreted["relaxed"], "true");
}

TEST_F(AroundSearch, NoWideningWhenNothingMatchesAnywhere) {
  SearchRequest req;
  req.text = "astronaute";
  req.territories = {"dep:13"};
  auto r = search(req);
  EXPECT_EQ(r.total, 0u);
  EXPECT_EQ(r.interpreted.count("widened_to"), 0u);
}

TEST_F(AroundSearch, UnknownTerritoryIsABadRequest) {
  SearchRequest req;
  req.text = "formation";
  for (const char* bad : {"dep:99", "com:99999", "reg:99", "epci:123456789"}) {
    req.territories = {bad};
    auto r = searcher_->search(req);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find(bad), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace spro
