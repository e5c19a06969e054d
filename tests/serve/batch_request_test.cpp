// One line of spro-search --batch input (examples/cli/batch_request.h).
#include "batch_request.h"

#include <gtest/gtest.h>

namespace spro::cli {
namespace {

// Regression test for issue 18: these lines threw from nlohmann::json and
// aborted the process (exit 134).
TEST(BatchRequest, WrongTypesAreErrorsNamingTheField) {
  for (auto [line, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"q":["x"]})", "q"}, {R"({"limit":"5"})", "limit"}, {R"({"offset":1.5})", "offset"},
           {R"({"facets":"yes"})", "facets"}, {R"({"level":["bac+12"]})", "level"}, {R"({"level":[true]})", "level"}, {R"({"public":[1]})", "public"},
           {R"({"sort":3})", "sort"}, {R"({"limit":-1})", "limit"}, {R"({"limit":1e30})", "limit"}}) {
    auto r = batch_request_from(line, SearchRequest{});
    ASSERT_FALSE(r.ok()) << line;
    EXPECT_EQ(r.status().message().rfind(field + ":", 0), 0u) << line << " -> " << r.status().message();
  }
  EXPECT_FALSE(batch_request_from("{not json", SearchRequest{}).ok());
  // The level's own message names it once.
  auto level = batch_request_from(R"({"level":"bac+12"})", SearchRequest{});
  ASSERT_FALSE(level.ok());
  EXPECT_EQ(level.status().message().rfind("level: 'bac+12' is not a level", 0), 0u) << level.status().message();
}

TEST(BatchRequest, ALimitAboveTheMaximumIsCappedAsEverywhere) {
  auto r = batch_request_from(R"({"limit":5000})", SearchRequest{});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->limit, 1000u);
  EXPECT_FALSE(batch_request_from(R"({"limit":-1})", SearchRequest{}).ok());
}

TEST(BatchRequest, ReadsEveryField) {
  auto r = batch_request_from(R"({"q":"cuisine","territory":"dep:13","public":["jeune"],"level":[3,4],)"
                              R"("kind":"formation","source":"onisep","limit":5,"offset":10,"facets":true,"sort":"title"})",
                              SearchRequest{});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->text, "cuisine");
  EXPECT_EQ(r->territories, std::vector<std::string>{"dep:13"});
  EXPECT_EQ(r->levels, (std::vector<int>{3, 4}));
  EXPECT_EQ(r->limit, 5u);
  EXPECT_EQ(r->offset, 10u);
  EXPECT_TRUE(r->facets);
  EXPECT_EQ(r->sort, SortOrder::kTitle);
  // Levels as people and partners write them.
  auto labels = batch_request_from(R"({"level":["bac+2","V",6]})", SearchRequest{});
  ASSERT_TRUE(labels.ok()) << labels.status().message();
  EXPECT_EQ(labels->levels, (std::vector<int>{5, 3, 6}));
  auto plain = batch_request_from("aide soignante", SearchRequest{});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->text, "aide soignante");
}

}  // namespace
}  // namespace spro::cli
