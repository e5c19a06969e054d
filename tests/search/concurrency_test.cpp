// One Searcher shared by many threads while the index is rebuilt and
// updated underneath: no query may fail.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "spro/index_writer.h"
#include "spro/searcher.h"
#include "test_util.h"

namespace spro {
namespace {

Status build(const std::string& dir, int generation, IndexWriter::Mode mode) {
  auto w = IndexWriter::open(dir, mode);
  if (!w.ok()) return w.status();
  for (int i = 0; i < 300; ++i) {
    Resource r;
    r.id = "r" + std::to_string(i);
    r.kind = i % 2 ? "formation" : "metier";
    r.title = "Cuisinier numéro " + std::to_string(i) + " génération " + std::to_string(generation);
    r.summary = "Formation en cuisine et pâtisserie, restauration collective.";
    r.publics = {"jeune"};
    r.territories = {"com:13055"};
    if (Status s = (*w)->add(r); !s.ok()) return s;
  }
  auto n = (*w)->commit();
  return n.ok() ? Status() : n.status();
}

TEST(Concurrency, ManyThreadsSearchWhileTheIndexIsRebuilt) {
  testing::TempDir tmp;
  const std::string db = tmp / "db";
  ASSERT_TRUE(build(db, 0, IndexWriter::Mode::kRebuild).ok());
  auto searcher = Searcher::open(db);
  ASSERT_TRUE(searcher.ok());
  const Searcher& shared = **searcher;

  std::atomic<bool> stop{false};
  std::atomic<size_t> queries{0}, failures{0}, empty{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 6; ++t) {
    readers.emplace_back([&, t] {
      // "" browses: regression test for the crash when several threads
      // copied the static Xapian::Query::MatchAll at once.
      const char* texts[] = {"cuisinier", "cuisine patisserie", "restauration", "generation", ""};
      for (size_t i = 0; !stop; ++i) {
        SearchRequest req;
        req.text = texts[(i + t) % 5];
        req.facets = i % 2 == 0;
        req.territories = {"dep:13"};
        auto r = shared.search(req);
        ++queries;
        if (!r.ok()) {
          ++failures;
          ADD_FAILURE() << r.status().message();
        } else if (r->total == 0) {
          ++empty;
        }
        if (i % 7 == 0) {
          auto s = shared.suggest("cuis");
          if (!s.ok()) ++failures;
        }
      }
    });
  }
  for (int g = 1; g <= 12; ++g) {
    auto mode = g % 3 == 0 ? IndexWriter::Mode::kUpdate : IndexWriter::Mode::kRebuild;
    ASSERT_TRUE(build(db, g, mode).ok()) << "generation " << g;
  }
  stop = true;
  for (auto& t : readers) t.join();
  std::cout << "[figure] " << queries << " queries during 12 rebuilds/updates, " << failures << " failed\n";
  EXPECT_EQ(failures, 0u);
  EXPECT_EQ(empty, 0u);  // every query always saw a complete index
  EXPECT_GT(queries, 100u);
}

}  // namespace
}  // namespace spro
