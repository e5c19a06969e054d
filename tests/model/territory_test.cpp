#include "territory/territory.h"

#include <gtest/gtest.h>

namespace spro::territory {
namespace {

using Codes = std::vector<std::string>;

TEST(Territory, CommuneIsInsideItsDepartementAndRegion) {
  EXPECT_EQ(with_ancestors("com:13055"), (Codes{"com:13055", "epci:200054807", "dep:13", "reg:93", "fr"}));
  // Seine-Saint-Denis is département 93, in Île-de-France (région 11).
  EXPECT_EQ(with_ancestors("dep:93"), (Codes{"dep:93", "reg:11", "fr"}));
  EXPECT_EQ(with_ancestors("reg:93"), (Codes{"reg:93", "fr"}));
  EXPECT_EQ(with_ancestors("fr"), (Codes{"fr"}));
}

TEST(Territory, MarseilleArrondissementIsInMarseille) {
  EXPECT_EQ(with_ancestors("com:13201"), (Codes{"com:13201", "com:13055", "epci:200054807", "dep:13", "reg:93", "fr"}));
}

TEST(Territory, CorsicaAndOverseas) {
  EXPECT_EQ(with_ancestors("com:2A004"), (Codes{"com:2A004", "epci:242010056", "dep:2A", "reg:94", "fr"}));
  EXPECT_EQ(with_ancestors("com:97105"), (Codes{"com:97105", "epci:249710070", "dep:971", "reg:01", "fr"}));
  EXPECT_EQ(with_ancestors("com:97611"), (Codes{"com:97611", "epci:200060457", "dep:976", "reg:06", "fr"}));
  // A commune unknown to the reference still gets its département from its code.
  EXPECT_EQ(with_ancestors("com:13999"), (Codes{"com:13999", "dep:13", "reg:93", "fr"}));
  // Saint-Pierre-et-Miquelon is both a département-like and a région-like collectivity.
  EXPECT_EQ(with_ancestors("dep:975"), (Codes{"dep:975", "reg:975", "fr"}));
}

TEST(Territory, DepartementNames) {
  ASSERT_NE(find_departement("13"), nullptr);
  EXPECT_EQ(find_departement("13")->name, "Bouches-du-Rhône");
  EXPECT_EQ(find_departement("13")->region_name, "Provence-Alpes-Côte d'Azur");
  EXPECT_EQ(find_departement("2C"), nullptr);
  EXPECT_EQ(departements().size(), 109u);
}

}  // namespace
}  // namespace spro::territory
