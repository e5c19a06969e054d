// Places typed in the query: the rule of docs/territories.md.
#include "search/places.h"

#include <gtest/gtest.h>

#include "spro/index_writer.h"
#include "spro/searcher.h"
#include "spro/territory.h"
#include "test_util.h"

namespace spro {
namespace {

struct Expect {
  const char* query;
  const char* code;      // "" when no place should be seen
  bool certain;
  const char* typed;     // the part of the query read as the place
};

class PlaceInQuery : public ::testing::TestWithParam<Expect> {};

TEST_P(PlaceInQuery, Detects) {
  const Expect& e = GetParam();
  auto d = search::detect_place(e.query);
  if (std::string(e.code).empty()) {
    EXPECT_FALSE(d.has_value()) << e.query << " -> " << d->place.code;
    return;
  }
  ASSERT_TRUE(d.has_value()) << e.query;
  EXPECT_EQ(d->place.code, e.code) << e.query;
  EXPECT_EQ(d->certain, e.certain) << e.query;
  EXPECT_EQ(std::string(e.query).substr(d->begin, d->end - d->begin), e.typed);
}

INSTANTIATE_TEST_SUITE_P(
    Rule, PlaceInQuery,
    ::testing::Values(
        Expect{"formation cuisine toulon", "com:83137", true, "toulon"},
        Expect{"cio aix en provence", "com:13001", true, "aix en provence"},
        Expect{"cio Aix-en-Provence", "com:13001", true, "Aix-en-Provence"},
        Expect{"mission locale 06", "dep:06", true, "06"},
        Expect{"mission locale de Marseille", "com:13055", true, "Marseille"},
        Expect{"apprentissage 83000", "com:83137", true, "83000"},
        // Postal codes first, arrondissements by their own (issue 17).
        Expect{"france services 13008", "com:13208", true, "13008"},
        Expect{"75001", "com:75101", true, "75001"},
        Expect{"cio 69001", "com:69381", true, "69001"},
        // Arrondissements as people name them: not Paris and the Cher (18).
        Expect{"aide permis paris 18", "com:75118", true, "paris 18"},
        Expect{"france services Paris 18ème", "com:75118", true, "Paris 18ème"},
        Expect{"logement etudiant paris 13", "com:75113", true, "paris 13"},
        Expect{"france services lyon 3e", "com:69383", true, "lyon 3e"},
        Expect{"cio marseille 1er", "com:13201", true, "marseille 1er"},
        Expect{"Marseille 8e", "com:13208", true, "Marseille 8e"},
        // A name narrowed by its département or postal code.
        Expect{"france services saint-denis 93", "com:93066", true, "saint-denis 93"},
        Expect{"mission locale saint denis 974", "com:97411", true, "saint denis 974"},
        Expect{"cio valence 26000", "com:26362", true, "valence 26000"},
        Expect{"cap cuisine 83000", "com:83137", true, "83000"},
        Expect{"formation bouches du rhône", "dep:13", true, "bouches du rhône"},
        Expect{"france services la reunion", "dep:974", true, "la reunion"},  // not the village (47)
        Expect{"aide au permis bretagne", "reg:53", true, "bretagne"},
        Expect{"formation st etienne", "com:42218", true, "st etienne"},
        Expect{"emploi paris", "com:75056", true, "paris"},
        Expect{"stage tours", "com:37261", true, "tours"},
        // Ordinary words that are also communes: never a silent filter.
        Expect{"lecture de plan", "", false, ""},
        Expect{"rentrée de mars", "", false, ""},
        Expect{"bonnet", "", false, ""},
        Expect{"formation orange", "com:84087", false, "orange"},
        // Homonyms of similar size: suggested only.
        Expect{"cio saint denis", "com:97411", false, "saint denis"},
        // Accents typed that the name lacks: a misspelt word, not the place.
        Expect{"boulangé", "", false, ""},
        Expect{"formation boulangé lyon", "com:69123", true, "lyon"},
        Expect{"stage orléans", "com:45234", true, "orléans"},
        Expect{"formation Saint-Étienne", "com:42218", true, "Saint-Étienne"},
        // Numbers that are not places.
        Expect{"bac 2", "", false, ""},
        Expect{"niveau 4", "", false, ""},
        Expect{"infirmier", "", false, ""},
        Expect{"aide soignante", "", false, ""}));

class PlaceSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = IndexWriter::open(tmp_ / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    auto add = [&](std::string id, std::string title, std::vector<std::string> territories,
                   std::optional<GeoPoint> location = std::nullopt) {
      Resource r;
      r.id = std::move(id);
      r.kind = "formation";
      r.title = std::move(title);
      r.territories = std::move(territories);
      r.location = location;
      ASSERT_TRUE((*w)->add(r).ok());
    };
    add("toulon", "Formation cuisine", {"com:83137"});
    add("lille", "Formation cuisine", {"com:59350"});
    add("paca", "Formation cuisine en ligne", {"reg:93"});
    // Marseille Vieux-Port, La Ciotat (about 27 km), Aix (about 25 km), Lyon (about 280 km).
    add("vieux-port", "CIO Marseille centre", {"com:13201"}, GeoPoint{43.2951, 5.3740});
    add("ciotat", "CIO La Ciotat", {"com:13028"}, GeoPoint{43.1748, 5.6046});
    add("aix", "CIO Aix", {"com:13001"});  // no coordinates: its commune's centre
    add("lyon", "CIO Lyon", {"com:69123"}, GeoPoint{45.7640, 4.8357});
    add("plan", "Lecture de plan", {"fr"});
    ASSERT_TRUE((*w)->commit().ok());
    auto s = Searcher::open(tmp_ / "db");
    ASSERT_TRUE(s.ok());
    searcher_ = std::move(*s);
  }
  SearchResponse search(SearchRequest req) {
    auto r = searcher_->search(req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : SearchResponse{};
  }
  static std::vector<std::string> ids(const SearchResponse& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
  }
  testing::TempDir tmp_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(PlaceSearch, PlaceInTextBecomesAFilterAndSaysSo) {
  SearchRequest req;
  req.text = "formation cuisine toulon";
  auto r = search(req);
  std::vector<std::string> got = ids(r);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"paca", "toulon"}));
  EXPECT_EQ(r.interpreted["territory"], "com:83137");
  EXPECT_EQ(r.interpreted["territory_name"], "Toulon");
  EXPECT_EQ(r.interpreted["territory_text"], "toulon");
  EXPECT_EQ(r.query, "formation cuisine toulon");
  // Undo: the words are words again, and nothing matches "toulon".
  req.detect_places = false;
  req.relax_when_empty = false;
  r = search(req);
  EXPECT_EQ(r.total, 0u);
  EXPECT_TRUE(r.interpreted.empty());
}

TEST_F(PlaceSearch, OrdinaryWordsStayWords) {
  SearchRequest req;
  req.text = "lecture de plan";
  auto r = search(req);
  EXPECT_EQ(ids(r), std::vector<std::string>{"plan"});
  EXPECT_TRUE(r.interpreted.empty());
}

TEST_F(PlaceSearch, ExplicitTerritoryWinsOverTheText) {
  SearchRequest req;
  req.text = "formation cuisine toulon";
  req.territories = {"dep:59"};
  req.relax_when_empty = false;
  auto r = search(req);
  EXPECT_EQ(r.total, 0u);  // "toulon" is then a word, and Lille's training does not have it
  EXPECT_TRUE(r.interpreted.empty());
}

TEST_F(PlaceSearch, RadiusAroundAPointWithDistances) {
  SearchRequest req;
  req.text = "cio";
  req.near = GeoPoint{43.2951, 5.3740};
  req.radius_km = 30;
  req.sort = SortOrder::kDistance;
  auto r = search(req);
  ASSERT_EQ(ids(r), (std::vector<std::string>{"vieux-port", "ciotat", "aix"}));
  EXPECT_NEAR(*r.hits[0].distance_km, 0.0, 0.01);
  // By hand: 0.1203° of latitude = 13.38 km, 0.2306° of longitude at
  // 43.24° N = 18.69 km, so sqrt(13.38² + 18.69²) = 22.98 km.
  EXPECT_NEAR(*r.hits[1].distance_km, 22.98, 0.05);
  // Aix has no coordinates of its own: its commune's reference point.
  EXPECT_NEAR(*r.hits[2].distance_km, distance_km(*req.near, *find_territory("com:13001")->center), 0.01);
  req.radius_km = 10;
  EXPECT_EQ(ids(search(req)), std::vector<std::string>{"vieux-port"});
  req.radius_km = 0;  // no limit: everything located, nearest first
  auto all = search(req);
  EXPECT_EQ(all.hits.back().id, "lyon");
  EXPECT_NEAR(*all.hits.back().distance_km, 278, 5);
}

TEST_F(PlaceSearch, BadCoordinatesAreRefused) {
  SearchRequest req;
  req.near = GeoPoint{123, 5};
  EXPECT_EQ(searcher_->search(req).status().code(), Status::Code::kInvalidArgument);
  req.near = GeoPoint{43, 5};
  req.radius_km = -1;
  EXPECT_EQ(searcher_->search(req).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(PlaceSearch, CommuneFacetWhenADepartementIsSelected) {
  SearchRequest req;
  req.territories = {"dep:13"};
  req.facets = true;
  auto r = search(req);
  std::map<std::string, size_t> communes;
  for (const auto& v : r.facets["commune"]) communes[v.value] = v.count;
  // The arrondissement counts for itself and for Marseille.
  EXPECT_EQ(communes, (std::map<std::string, size_t>{{"com:13001", 1}, {"com:13028", 1}, {"com:13055", 1}, {"com:13201", 1}}));
  req.territories = {"reg:93"};
  EXPECT_EQ(search(req).facets.count("commune"), 0u);
}


// A radius query reads only the grid cells its circle overlaps: it must
// still find exactly the resources a distance check over every resource
// finds, across cell borders, at every radius, and on both sides of the
// antimeridian.
TEST(RadiusSearch, FindsWhatADistanceCheckOverEveryResourceFinds) {
  testing::TempDir tmp;
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(w.ok());
  std::vector<GeoPoint> points;
  uint64_t seed = 42;
  auto uniform = [&](double lo, double hi) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (hi - lo) * static_cast<double>(seed >> 11) / static_cast<double>(1ULL << 53);
  };
  for (int i = 0; i < 400; ++i) points.push_back({uniform(44.5, 46.5), uniform(3.5, 6.0)});   // around Lyon
  for (int i = 0; i < 100; ++i) points.push_back({uniform(-18.0, -16.0), uniform(178.5, 180.0)});  // Pacific
  for (int i = 0; i < 100; ++i) points.push_back({uniform(-18.0, -16.0), uniform(-180.0, -178.5)});
  for (size_t i = 0; i < points.size(); ++i) {
    Resource r;
    r.id = "p" + std::to_string(i);
    r.kind = "structure";
    r.title = "Point information jeunesse";
    r.territories = {"fr"};
    r.location = points[i];
    ASSERT_TRUE((*w)->add(r).ok());
  }
  ASSERT_TRUE((*w)->commit().ok());
  auto s = Searcher::open(tmp / "db");
  ASSERT_TRUE(s.ok());
  const std::vector<GeoPoint> centres = {{45.5, 4.75}, {45.0, 5.0}, {45.25, 4.5}, {-17.0, 179.9}, {-17.0, -179.9}};
  for (const GeoPoint& c : centres) {
    for (double radius : {1.0, 7.5, 20.0, 60.0, 150.0, 600.0}) {
      SearchRequest req;
      req.text = "information";
      req.near = c;
      req.radius_km = radius;
      req.limit = 100;
      req.facets = true;  // an exact total
      auto r = (*s)->search(req);
      ASSERT_TRUE(r.ok());
      // Xapian's great circle and ours use slightly different Earth radii:
      // points within 0.2 % of the edge may fall either way.
      size_t surely_in = 0, maybe_in = 0;
      for (const GeoPoint& p : points) {
        double d = distance_km(c, p);
        surely_in += d <= radius * 0.998;
        maybe_in += d <= radius * 1.002;
      }
      EXPECT_GE(r->total, surely_in) << c.lat << "," << c.lon << " " << radius << " km";
      EXPECT_LE(r->total, maybe_in) << c.lat << "," << c.lon << " " << radius << " km";
    }
  }
}

}  // namespace
}  // namespace spro
