#include <gtest/gtest.h>

#include "spro/territory.h"
#include "territory/territory.h"

namespace spro {
namespace {

std::string code_of(std::string_view text) {
  auto r = resolve_territory(text);
  return r.ok() ? r->code : "error: " + r.status().message();
}

TEST(ResolveTerritory, CodesAndNumbers) {
  EXPECT_EQ(code_of("com:83137"), "com:83137");
  EXPECT_EQ(code_of("83137"), "com:83137");      // INSEE code
  EXPECT_EQ(code_of("83000"), "com:83137");      // postal code of Toulon
  EXPECT_EQ(code_of("13"), "dep:13");
  EXPECT_EQ(code_of("2a"), "dep:2A");
  EXPECT_EQ(code_of("974"), "dep:974");
  EXPECT_EQ(code_of("200054807"), "epci:200054807");
  EXPECT_EQ(code_of("France"), "fr");
  EXPECT_EQ(code_of("national"), "fr");
}

TEST(ResolveTerritory, NamesWhateverTheCaseAccentsAndSaint) {
  EXPECT_EQ(code_of("toulon"), "com:83137");
  EXPECT_EQ(code_of("AIX EN PROVENCE"), "com:13001");
  EXPECT_EQ(code_of("Aix-en-Provence"), "com:13001");
  EXPECT_EQ(code_of("st etienne"), "com:42218");
  EXPECT_EQ(code_of("Saint-Étienne"), "com:42218");
  EXPECT_EQ(code_of("bouches du rhone"), "dep:13");
  EXPECT_EQ(code_of("Seine-Saint-Denis"), "dep:93");
  EXPECT_EQ(code_of("Provence-Alpes-Côte d'Azur"), "reg:93");
  EXPECT_EQ(code_of("Paris"), "com:75056");  // the commune, not its one-commune département
  EXPECT_EQ(code_of("Corse-du-Sud"), "dep:2A");
}

// A newcomer's "Paris 15e", "Lyon 3e", "Marseille 8e" were unknown.
TEST(ResolveTerritory, ArrondissementsByTheNamesPeopleGiveThem) {
  EXPECT_EQ(code_of("Paris 15e"), "com:75115");
  EXPECT_EQ(code_of("paris 15"), "com:75115");
  EXPECT_EQ(code_of("Paris 18ème"), "com:75118");
  EXPECT_EQ(code_of("Lyon 3e"), "com:69383");
  EXPECT_EQ(code_of("Lyon 1er"), "com:69381");
  EXPECT_EQ(code_of("Marseille 8e"), "com:13208");
  EXPECT_EQ(code_of("Paris 1er Arrondissement"), "com:75101");
  EXPECT_NE(code_of("Paris 21").rfind("error", 0), std::string::npos);  // no 21st
}

TEST(ResolveTerritory, HomonymsNeedADepartementOrPostalCode) {
  std::string message = code_of("Saint-Denis");
  EXPECT_NE(message.find("ambiguous territory 'Saint-Denis'"), std::string::npos) << message;
  EXPECT_NE(message.find("com:93066"), std::string::npos) << message;
  EXPECT_NE(message.find("com:97411"), std::string::npos) << message;
  EXPECT_EQ(code_of("Saint-Denis (93)"), "com:93066");
  EXPECT_EQ(code_of("Saint-Denis 974"), "com:97411");
  EXPECT_EQ(code_of("Saint-Denis 97400"), "com:97411");
  // A village named like a département or région gives way to it (La
  // Réunion, Lot-et-Garonne, 524 inhabitants); a one-département région is
  // its département.
  EXPECT_EQ(code_of("La Réunion"), "dep:974");
  EXPECT_EQ(code_of("la reunion"), "dep:974");
  EXPECT_EQ(code_of("Guadeloupe"), "dep:971");
  EXPECT_EQ(code_of("La Réunion 47700"), "com:47222");  // the village, asked for
  // Vienne is a département (86) and a commune of Isère.
  EXPECT_NE(code_of("Vienne").find("ambiguous"), std::string::npos);
  EXPECT_EQ(code_of("Vienne 38"), "com:38544");
}

// Issue 17: 13008, 75001 and 69001 were refused as ambiguous (Marseille and
// its 8e arrondissement hold 13008; 13008 is also Aurons' INSEE code).
TEST(ResolveTerritory, PostalCodesFirstAndArrondissementsByTheirOwnCode) {
  EXPECT_EQ(code_of("13008"), "com:13208");  // Marseille 8e Arrondissement
  EXPECT_EQ(code_of("75001"), "com:75101");  // Paris 1er
  EXPECT_EQ(code_of("69001"), "com:69381");  // Lyon 1er
  EXPECT_EQ(code_of("75116"), "com:75116");  // Paris 16e's second postal code
  EXPECT_EQ(code_of("83000"), "com:83137");  // Toulon
  // Shared by several villages: the most populous, not a refusal.
  auto shared = territory_candidates("01400");
  ASSERT_EQ(shared.size(), 1u);
  EXPECT_EQ(shared.front().code.substr(0, 6), "com:01");
  // Not a postal code: an INSEE code.
  EXPECT_EQ(code_of("13055"), "com:13055");
  EXPECT_EQ(code_of("83137"), "com:83137");
}

TEST(ResolveTerritory, SaintDenisWithItsDepartement) {
  EXPECT_EQ(code_of("saint-denis 93"), "com:93066");
  EXPECT_EQ(code_of("saint denis 974"), "com:97411");
  EXPECT_EQ(code_of("St Denis 93200"), "com:93066");
}

// Dirt seen in ONISEP exports: postal codes without their leading zero,
// CEDEX codes, communes renamed since.
TEST(ResolveTerritory, DirtyNamePostalCodePairs) {
  EXPECT_EQ(code_of("Sedan 8200"), "com:08409");
  EXPECT_EQ(code_of("Cachan 94235"), "com:94016");          // CEDEX
  EXPECT_EQ(code_of("Saint-Ouen 93400"), "com:93070");      // now Saint-Ouen-sur-Seine
  // Names shortened or spelled otherwise in ONISEP's lycée exports.
  EXPECT_EQ(code_of("Herblay 95220"), "com:95306");                   // Herblay-sur-Seine
  EXPECT_EQ(code_of("Montreuil 62170"), "com:62588");                 // Montreuil-sur-Mer
  EXPECT_EQ(code_of("Louhans 71500"), "com:71263");                   // Louhans-Châteaurenaud
  EXPECT_EQ(code_of("Terrasson-la-Villedieu 24120"), "com:24547");    // Terrasson-Lavilledieu
  // Only when one commune of that postal code fits (01500 has two "Saint-").
  EXPECT_FALSE(resolve_territory("Saint 01500").ok());
}

TEST(ResolveTerritory, ShortenedNamesAreTheCommuneTheyStart) {
  EXPECT_EQ(code_of("Herblay"), "com:95306");   // Herblay-sur-Seine
  EXPECT_EQ(code_of("louhans"), "com:71263");   // Louhans-Châteaurenaud
  // Several communes go on from "Notre-Dame": offered, most populous first.
  auto r = resolve_territory("Notre-Dame");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("ambiguous territory 'Notre-Dame': com:"), std::string::npos) << r.status().message();
  EXPECT_EQ(territory_candidates("Notre-Dame").size(), 6u);
}

TEST(ResolveTerritory, FormerCommunesStandForTheirCommune) {
  EXPECT_EQ(code_of("Annecy-le-Vieux"), "com:74010");  // merged into Annecy in 2017
  // Codes of communes merged away with no delegated commune, as aids-jeunes
  // still cites them: the commune they joined, in its département.
  EXPECT_EQ(code_of("com:62707"), "com:62706");  // into Richebourg (62)
  EXPECT_EQ(code_of("62707"), "com:62706");
  auto ancestors = territory::with_ancestors("com:62707");
  EXPECT_NE(std::find(ancestors.begin(), ancestors.end(), "com:62706"), ancestors.end());
  EXPECT_NE(std::find(ancestors.begin(), ancestors.end(), "dep:62"), ancestors.end());
}

TEST(ResolveTerritory, UnknownIsNotFound) {
  auto r = resolve_territory("Atlantide");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(r.status().message(), "unknown territory 'Atlantide'");
  EXPECT_FALSE(resolve_territory("").ok());
  EXPECT_FALSE(resolve_territory("99999").ok());
}

TEST(ResolveTerritory, PlacesHaveNamesAndCentres) {
  auto p = find_territory("com:13055");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->name, "Marseille");
  ASSERT_TRUE(p->center.has_value());
  EXPECT_NEAR(p->center->lat, 43.29, 0.1);
  EXPECT_GT(p->population, 800000u);
  EXPECT_EQ(find_territory("reg:93")->name, "Provence-Alpes-Côte d'Azur");
  EXPECT_FALSE(find_territory("com:00000").has_value());
}

TEST(Distance, HandComputedDistances) {
  // Paris (Notre-Dame) - Marseille (Vieux-Port): 660.5 km great circle.
  EXPECT_NEAR(distance_km({48.8530, 2.3499}, {43.2951, 5.3740}), 660.5, 1.0);
  // One degree of latitude: 111.2 km.
  EXPECT_NEAR(distance_km({45, 5}, {46, 5}), 111.19, 0.05);
  EXPECT_DOUBLE_EQ(distance_km({45, 5}, {45, 5}), 0.0);
}

using Codes = std::vector<std::string>;

TEST(TerritoryHierarchy, CommuneIsInItsEpci) {
  auto a = territory::with_ancestors("com:13055");
  EXPECT_EQ(a, (Codes{"com:13055", "epci:200054807", "dep:13", "reg:93", "fr"}));
}

TEST(TerritoryHierarchy, ArrondissementIsInItsCommune) {
  EXPECT_EQ(territory::with_ancestors("com:13201"), (Codes{"com:13201", "com:13055", "epci:200054807", "dep:13", "reg:93", "fr"}));
  auto lyon = territory::with_ancestors("com:69381");
  EXPECT_EQ(lyon[1], "com:69123");
  auto paris = territory::with_ancestors("com:75120");
  EXPECT_EQ(paris[1], "com:75056");
}

TEST(TerritoryHierarchy, EpciInsideOneDepartement) {
  // CC Faucigny - Glières: seven communes of Haute-Savoie.
  EXPECT_EQ(territory::with_ancestors("epci:200000172"), (Codes{"epci:200000172", "dep:74", "reg:84", "fr"}));
  // Aix-Marseille-Provence reaches into the Var (Saint-Zacharie): only the région contains it.
  EXPECT_EQ(territory::with_ancestors("epci:200054807"), (Codes{"epci:200054807", "reg:93", "fr"}));
}

}  // namespace
}  // namespace spro

#include "territory/reference.h"

namespace spro {
namespace {

// The reference stores names normalised by scripts/derive_territories.py;
// they must equal what the library computes from a typed name.
TEST(TerritoryReference, StoredNormalisedNamesMatchTheLibrary) {
  const auto& ref = territory::Reference::get();
  ASSERT_GT(ref.size(), 37000u);
  size_t mismatches = 0;
  for (size_t i = 0; i < ref.size(); ++i) {
    const auto& c = ref.at(i);
    if (c.type == 'F') continue;  // a former code only, nameless
    std::string name = territory::Reference::normalize_name(c.name);
    const auto& found = ref.by_name(name);
    if (std::find(found.begin(), found.end(), &c) == found.end()) {
      if (++mismatches < 5) ADD_FAILURE() << c.code << " " << c.name << " -> " << name;
    }
  }
  EXPECT_EQ(mismatches, 0u);
}

}  // namespace
}  // namespace spro
