#include "search/query_parser.h"

#include <gtest/gtest.h>

namespace spro::search {
namespace {

TEST(QueryParser, WordsPhrasesExclusionsOrFieldsWildcards) {
  auto q = parse_query("infirmier \"aide à domicile\" -nuit a OR b titre:cuisine metier:coiffeur infirm*");
  ASSERT_EQ(q.clauses.size(), 8u);
  EXPECT_EQ(q.clauses[0].text, "infirmier");
  EXPECT_TRUE(q.clauses[1].phrase);
  EXPECT_EQ(q.clauses[1].text, "aide à domicile");
  EXPECT_TRUE(q.clauses[2].excluded);
  EXPECT_EQ(q.clauses[2].text, "nuit");
  EXPECT_FALSE(q.clauses[3].or_with_previous);
  EXPECT_TRUE(q.clauses[4].or_with_previous);
  EXPECT_EQ(q.clauses[5].field, Clause::Field::kTitle);
  EXPECT_EQ(q.clauses[5].text, "cuisine");
  EXPECT_EQ(q.clauses[6].field, Clause::Field::kJobTitle);
  EXPECT_TRUE(q.clauses[7].wildcard);
  EXPECT_EQ(q.clauses[7].text, "infirm");
  EXPECT_FALSE(q.degraded);
}

// A newcomer's "infirmier NOT bloc" listed bloc-opératoire sheets first.
TEST(QueryParser, NotAndAndInCapitalsAsInOtherSearchBoxes) {
  auto q = parse_query("infirmier NOT bloc AND \"travail de nuit\" NOT \"de garde\"");
  ASSERT_EQ(q.clauses.size(), 4u);
  EXPECT_FALSE(q.clauses[0].excluded);
  EXPECT_EQ(q.clauses[1].text, "bloc");
  EXPECT_TRUE(q.clauses[1].excluded);
  EXPECT_FALSE(q.clauses[2].excluded);
  EXPECT_TRUE(q.clauses[3].phrase);
  EXPECT_TRUE(q.clauses[3].excluded);
  EXPECT_FALSE(q.degraded);
  // Lower case, they are words ("not" is English, "and" too).
  EXPECT_EQ(parse_query("infirmier not bloc").clauses.size(), 3u);
  // Trailing or doubled: ignored, and said.
  q = parse_query("infirmier NOT");
  EXPECT_TRUE(q.degraded);
  ASSERT_EQ(q.clauses.size(), 1u);
  EXPECT_FALSE(q.clauses[0].excluded);
  q = parse_query("infirmier NOT NOT bloc");
  EXPECT_TRUE(q.degraded);
  ASSERT_EQ(q.clauses.size(), 2u);
  EXPECT_TRUE(q.clauses[1].excluded);
}

TEST(QueryParser, OffsetsPointIntoTheText) {
  std::string text = "cuisine \"bac pro\"";
  auto q = parse_query(text);
  ASSERT_EQ(q.clauses.size(), 2u);
  EXPECT_EQ(text.substr(q.clauses[1].offset, q.clauses[1].text.size()), "bac pro");
}

TEST(QueryParser, BrokenSyntaxDegradesToWords) {
  auto q = parse_query("\"aide à domicile");
  EXPECT_TRUE(q.degraded);
  ASSERT_EQ(q.clauses.size(), 3u);
  EXPECT_FALSE(q.clauses[0].phrase);

  q = parse_query("OR cuisine OR");
  EXPECT_TRUE(q.degraded);
  ASSERT_EQ(q.clauses.size(), 1u);
  EXPECT_FALSE(q.clauses[0].or_with_previous);

  q = parse_query("* - \x01\x02 cuisine");
  ASSERT_EQ(q.clauses.size(), 2u);  // "-" alone is a word the analyzer drops
  EXPECT_EQ(q.clauses.back().text, "cuisine");
}

TEST(QueryParser, UnknownPrefixesStayWords) {
  auto q = parse_query("https://www.onisep.fr 10:30");
  ASSERT_EQ(q.clauses.size(), 2u);
  EXPECT_EQ(q.clauses[0].field, Clause::Field::kAny);
  EXPECT_EQ(q.clauses[0].text, "https://www.onisep.fr");
}

TEST(QueryParser, LongQueriesAreCutOnACharacterBoundary) {
  std::string text;
  while (text.size() < 3000) text += "é";
  auto q = parse_query(text);
  EXPECT_TRUE(q.truncated);
  ASSERT_EQ(q.clauses.size(), 1u);
  EXPECT_LE(q.clauses[0].text.size(), kMaxQueryBytes);
  EXPECT_EQ(q.clauses[0].text.size() % 2, 0u);  // whole "é"s only
}

}  // namespace
}  // namespace spro::search
