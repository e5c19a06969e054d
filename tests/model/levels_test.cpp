// Qualification levels as people and partners write them (parse_level).
#include <gtest/gtest.h>

#include "spro/searcher.h"

namespace spro {
namespace {

int level_of(std::string_view text) {
  auto r = parse_level(text);
  return r.ok() ? *r : -1;
}

TEST(ParseLevel, NumbersAndNiveau) {
  for (int n = 1; n <= 8; ++n) EXPECT_EQ(level_of(std::to_string(n)), n);
  EXPECT_EQ(level_of("niveau 5"), 5);
  EXPECT_EQ(level_of("Niveau 6"), 6);
  EXPECT_EQ(level_of(" 4 "), 4);
}

TEST(ParseLevel, BacPlusYears) {
  EXPECT_EQ(level_of("bac+2"), 5);
  EXPECT_EQ(level_of("Bac + 2"), 5);
  EXPECT_EQ(level_of("BAC+3"), 6);
  EXPECT_EQ(level_of("bac+5"), 7);
  EXPECT_EQ(level_of("bac+8"), 8);
}

// Décret 2019-14: V = CAP (3), IV = bac (4), III = bac+2 (5), II = bac+3/4
// (6), I = bac+5 and beyond (7).
TEST(ParseLevel, OldNomenclature) {
  EXPECT_EQ(level_of("V"), 3);
  EXPECT_EQ(level_of("iv"), 4);
  EXPECT_EQ(level_of("III"), 5);
  EXPECT_EQ(level_of("II"), 6);
  EXPECT_EQ(level_of("I"), 7);
  EXPECT_EQ(level_of("niveau V"), 3);
}

TEST(ParseLevel, Diplomas) {
  EXPECT_EQ(level_of("CAP"), 3);
  EXPECT_EQ(level_of("bac"), 4);
  EXPECT_EQ(level_of("Baccalauréat"), 4);
  EXPECT_EQ(level_of("bac pro"), 4);
  EXPECT_EQ(level_of("BTS"), 5);
  EXPECT_EQ(level_of("licence"), 6);
  EXPECT_EQ(level_of("Licence professionnelle"), 6);
  EXPECT_EQ(level_of("master"), 7);
  EXPECT_EQ(level_of("doctorat"), 8);
}

TEST(ParseLevel, AnythingElseIsRefusedNamingTheValue) {
  for (const char* bad : {"bac+12", "0", "9", "12", "niveau 9", "x", "", "lheo:5", "sans niveau specifique", "VI bis"}) {
    auto r = parse_level(bad);
    ASSERT_FALSE(r.ok()) << bad << " -> " << *r;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find("'" + std::string(bad) + "'"), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace spro
