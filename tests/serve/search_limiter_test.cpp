// spro-serve's search limiter (examples/serve/search_limiter.h).
#include "search_limiter.h"

#include <gtest/gtest.h>

namespace spro::serve {
namespace {

using std::chrono::milliseconds;

TEST(SearchLimiter, CostlySearchesCannotTakeEverySlot) {
  SearchLimiter limiter(2);
  auto costly = limiter.acquire(true, milliseconds(0));
  ASSERT_TRUE(costly);
  EXPECT_FALSE(limiter.acquire(true, milliseconds(10)));  // at most half the slots
  auto cheap = limiter.acquire(false, milliseconds(0));
  EXPECT_TRUE(cheap);                                      // the other half stays for cheap ones
  EXPECT_FALSE(limiter.acquire(false, milliseconds(10)));  // all taken
}

TEST(SearchLimiter, ASlotIsFreedWithItsTicket) {
  SearchLimiter limiter(1);
  { auto t = limiter.acquire(false, milliseconds(0)); ASSERT_TRUE(t); }
  EXPECT_TRUE(limiter.acquire(true, milliseconds(0)));
}

TEST(LooksCostly, WildcardsFuzzyOrAndLongQueries) {
  EXPECT_TRUE(looks_costly("bo* OR ca*"));
  EXPECT_TRUE(looks_costly("infirmier~"));
  EXPECT_TRUE(looks_costly("a b c d e f g h i j k l m"));
  EXPECT_FALSE(looks_costly("cap cuisine marseille"));
}

}  // namespace
}  // namespace spro::serve
