// The rules of every aggregate spro-serve shows an administrator
// (examples/serve/text_aggregate.h): scrubbed (scrub_test.cpp), lower-cased,
// shown from k, bounded.
#include "text_aggregate.h"

#include <gtest/gtest.h>

namespace spro::serve {
namespace {

TEST(TextAggregate, ShowsATextOnlyOnceTypedKTimes) {
  TextAggregate aggregate(AggregateOptions{.min_count = 5});
  for (int i = 0; i < 4; ++i) aggregate.add("cordonnier alternance");
  EXPECT_TRUE(aggregate.top(10).empty());  // four people: still invisible
  aggregate.add("Cordonnier  alternance");   // the same text once scrubbed
  auto top = aggregate.top(10);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].text, "cordonnier alternance");
  EXPECT_EQ(top[0].count, 5u);
}

TEST(TextAggregate, CountsTheScrubbedTextLowerCased) {
  TextAggregate aggregate(AggregateOptions{.min_count = 2});
  aggregate.add("Infirmière Toulon");
  aggregate.add("infirmière toulon Mme Durand");  // the same once scrubbed
  auto top = aggregate.top(10);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].text, "infirmière toulon");
}

TEST(TextAggregate, NeverCountsWhatIdentifiesSomeone) {
  TextAggregate aggregate(AggregateOptions{.min_count = 1});
  for (int i = 0; i < 10; ++i) aggregate.add("Jean Dupont 06 12 34 56 78 jean@example.org");
  EXPECT_EQ(aggregate.size(), 0u);
  EXPECT_TRUE(aggregate.top(10).empty());
}

TEST(TextAggregate, StaysBoundedUnderAFloodOfDistinctTexts) {
  TextAggregate aggregate(AggregateOptions{.min_count = 2, .max_entries = 100});
  for (int i = 0; i < 3; ++i) aggregate.add("plombier");
  for (int i = 0; i < 10000; ++i) aggregate.add("mot" + std::string(1, char('a' + i % 26)) + std::string(1, char('a' + i / 26 % 26)) + std::string(1, char('a' + i / 676 % 26)));
  EXPECT_LE(aggregate.size(), 100u);
  for (int i = 0; i < 2; ++i) aggregate.add("couvreur");
  auto top = aggregate.top(10);
  ASSERT_EQ(top.size(), 2u);  // the frequent texts survived the flood
  EXPECT_EQ(top[0].text, "plombier");
  EXPECT_EQ(top[1].text, "couvreur");
}

}  // namespace
}  // namespace spro::serve
