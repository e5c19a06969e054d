// The source configuration, and the whole bundled sample indexed through it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>

#include "sources.h"
#include "spro/searcher.h"
#include "test_util.h"

namespace spro::indexer {
namespace {

TEST(Sources, ReadsEverySetting) {
  testing::TempDir tmp;
  testing::write_file(tmp / "a.csv", "x\n");
  testing::write_file(tmp / "b.csv", "x\n");
  testing::write_file(tmp / "sources.yaml", R"(
sources:
  - name: mine
    format: csv
    path: "*.csv"
    partner: crij
    delimiter: ";"
    defaults: {territories: [Bretagne], publics: jeune, levels: [bac]}
    mapping: {id: "x:{x}", title: "{x}"}
    value_maps: {x: {a: b}}
)");
  auto config = load_sources(tmp / "sources.yaml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  ASSERT_EQ(config->sources.size(), 1u);
  const Source& s = config->sources[0];
  EXPECT_EQ(s.files.size(), 2u);
  EXPECT_EQ(s.options.delimiter, ';');
  EXPECT_EQ(s.options.default_publics, std::vector<std::string>{"jeune"});
  EXPECT_EQ(s.options.mapping.at("id"), "x:{x}");
  EXPECT_EQ(s.options.value_maps.at("x").at("a"), "b");
}

TEST(Sources, ErrorsNameTheSource) {
  testing::TempDir tmp;
  testing::write_file(tmp / "s.yaml", "sources:\n  - name: lost\n    path: nothing-here.csv\n");
  auto c = load_sources(tmp / "s.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("source 'lost': 'nothing-here.csv' matches no file"), std::string::npos) << c.status().message();
  testing::write_file(tmp / "s.yaml", "sources:\n  - name: odd\n    path: s.yaml\n    format: word97\n");
  EXPECT_NE(load_sources(tmp / "s.yaml").status().message().find("unknown format 'word97'"), std::string::npos);
  testing::write_file(tmp / "s.yaml", "sources: [\n");
  EXPECT_FALSE(load_sources(tmp / "s.yaml").ok());
}

// End to end: the sample configuration (what the README indexes), counts
// per kind and per source, and a second run giving the same index.
TEST(SampleConfiguration, IndexesEveryPartnerFormat) {
  testing::TempDir tmp;
  const std::string cmd = std::string(SPRO_INDEX_BIN) + " build --quiet --db " + (tmp / "db") + " --report " +
                          (tmp / "report.jsonl") + " --config " SPRO_SOURCE_DIR "/data/sample/sources.yaml";
  auto first = testing::run(cmd);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  for (const char* line : {"rome: read 532, indexed 532, rejected 0", "onisep-formations: read 180, indexed 180",
                           "france-services: read 150, indexed 150", "carif-oref: read 5, indexed 5",
                           "service-public-brochures: read 12, indexed 12"}) {
    EXPECT_NE(first.output.find(line), std::string::npos) << line << "\n" << first.output;
  }
  auto searcher = Searcher::open(tmp / "db");
  ASSERT_TRUE(searcher.ok());
  SearchRequest all;
  all.facets = true;
  auto r = (*searcher)->search(all);
  ASSERT_TRUE(r.ok());
  std::map<std::string, size_t> kinds, sources;
  for (const auto& v : r->facets["kind"]) kinds[v.value] = v.count;
  for (const auto& v : r->facets["source"]) sources[v.value] = v.count;
  EXPECT_EQ(kinds["metier"], 532u);
  EXPECT_EQ(kinds["structure"], 150u);
  EXPECT_EQ(kinds["formation"], 185u);  // 180 ONISEP + 5 LHÉO actions
  EXPECT_EQ(kinds["aide"], 25u);
  EXPECT_EQ(kinds["document"], 122u);
  EXPECT_EQ(sources["france-travail"], 532u);
  EXPECT_EQ(sources["carif-oref"], 5u);
  EXPECT_EQ(sources["service-public"], 147u);
  const size_t total = r->total;

  auto second = testing::run(cmd);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  auto again = Searcher::open(tmp / "db");
  EXPECT_EQ((*again)->size().value(), total);  // idempotent: same count, no duplicates
}

}  // namespace
}  // namespace spro::indexer
