#include "spro/index_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "index/schema.h"
#include "spro/searcher.h"
#include "test_util.h"

namespace spro {
namespace {

Resource make(std::string id, std::string title) {
  Resource r;
  r.id = std::move(id);
  r.kind = "metier";
  r.title = std::move(title);
  r.territories = {"fr"};
  return r;
}

size_t count(const std::string& dir, const std::string& text) {
  auto s = Searcher::open(dir);
  EXPECT_TRUE(s.ok()) << s.status().message();
  if (!s.ok()) return 0;
  SearchRequest req;
  req.text = text;
  auto r = (*s)->search(req);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r->total : 0;
}

Status build(const std::string& dir, const std::vector<Resource>& resources) {
  auto w = IndexWriter::open(dir, IndexWriter::Mode::kRebuild);
  if (!w.ok()) return w.status();
  for (const auto& r : resources) {
    if (Status s = (*w)->add(r); !s.ok()) return s;
  }
  auto n = (*w)->commit();
  return n.ok() ? Status() : n.status();
}

TEST(IndexWriter, BuildThenSearch) {
  testing::TempDir tmp;
  ASSERT_TRUE(build(tmp / "db", {make("a", "Boulanger"), make("b", "Pâtissier")}).ok());
  EXPECT_EQ(count(tmp / "db", "boulanger"), 1u);
  EXPECT_EQ(count(tmp / "db", "patissier"), 1u);
  EXPECT_EQ(count(tmp / "db", ""), 2u);
}

TEST(IndexWriter, RebuildReplacesEverything) {
  testing::TempDir tmp;
  ASSERT_TRUE(build(tmp / "db", {make("a", "Boulanger")}).ok());
  ASSERT_TRUE(build(tmp / "db", {make("b", "Pâtissier")}).ok());
  EXPECT_EQ(count(tmp / "db", "boulanger"), 0u);
  EXPECT_EQ(count(tmp / "db", "patissier"), 1u);
}

TEST(IndexWriter, UncommittedRebuildLeavesTheOldIndexSearchable) {
  testing::TempDir tmp;
  ASSERT_TRUE(build(tmp / "db", {make("a", "Boulanger")}).ok());
  {
    auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->add(make("b", "Pâtissier")).ok());
    EXPECT_EQ(count(tmp / "db", "boulanger"), 1u);  // readers see the old index during the build
    // The writer goes away without commit(): an error or an abandoned build.
  }
  EXPECT_EQ(count(tmp / "db", "boulanger"), 1u);
  EXPECT_EQ(count(tmp / "db", "patissier"), 0u);
  // And no half-built generation is left behind.
  size_t generations = 0;
  for (const auto& e : std::filesystem::directory_iterator(tmp.path() / "db")) {
    generations += e.path().filename().string().starts_with("gen-");
  }
  EXPECT_EQ(generations, 1u);
}

TEST(IndexWriter, RefuseShrinkKeepsTheLiveIndexWhenARebuildLosesMostOfIt) {
  testing::TempDir tmp;
  std::vector<Resource> ten;
  for (int i = 0; i < 10; ++i) ten.push_back(make("r" + std::to_string(i), "Boulanger"));
  ASSERT_TRUE(build(tmp / "db", ten).ok());
  for (size_t threads : {1u, 2u}) {
    IndexWriterOptions options;
    options.refuse_shrink = true;
    options.threads = threads;
    auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild, options);
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 4; ++i) ASSERT_TRUE((*w)->add(make("p" + std::to_string(i), "Pâtissier")).ok());
    auto n = (*w)->commit();
    ASSERT_FALSE(n.ok()) << threads;
    EXPECT_EQ(n.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(n.status().message(), "the new build holds 4 resources, fewer than half of the live index's 10: not swapped in");
  }
  EXPECT_EQ(count(tmp / "db", "boulanger"), 10u);
  EXPECT_EQ(count(tmp / "db", "patissier"), 0u);
  // Half is enough; an empty build never is.
  IndexWriterOptions options;
  options.refuse_shrink = true;
  {
    auto empty = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild, options);
    ASSERT_TRUE(empty.ok());
    EXPECT_FALSE((*empty)->commit().ok());
  }
  auto half = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild, options);
  ASSERT_TRUE(half.ok());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE((*half)->add(make("p" + std::to_string(i), "Pâtissier")).ok());
  ASSERT_TRUE((*half)->commit().ok());
  EXPECT_EQ(count(tmp / "db", "patissier"), 5u);
}

TEST(IndexWriter, UpdateUpsertsById) {
  testing::TempDir tmp;
  ASSERT_TRUE(build(tmp / "db", {make("a", "Boulanger"), make("b", "Pâtissier")}).ok());
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kUpdate);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->add(make("a", "Boucher")).ok());
  ASSERT_TRUE((*w)->add(make("c", "Charcutier")).ok());
  auto n = (*w)->commit();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 3u);
  EXPECT_EQ(count(tmp / "db", "boulanger"), 0u);
  EXPECT_EQ(count(tmp / "db", "boucher"), 1u);
  EXPECT_EQ(count(tmp / "db", "charcutier"), 1u);
}

// Spelling corrections only propose words the index still holds: a
// replaced or removed resource takes its words back.
TEST(IndexWriter, ReplacedWordsAreNoLongerProposedAsCorrections) {
  testing::TempDir tmp;
  Resource chocolatier = make("a", "Chocolatière");
  chocolatier.keywords = {"Confiseur"};
  chocolatier.summary = "Tempérage du cacao";
  ASSERT_TRUE(build(tmp / "db", {chocolatier, make("b", "Boulanger")}).ok());
  auto correction = [&](const std::string& typed) {
    auto s = Searcher::open(tmp / "db");
    SearchRequest req;
    req.text = typed;
    auto r = (*s)->search(req);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->corrected_query : "";
  };
  EXPECT_EQ(correction("chocolatiere"), "");  // found as typed (accents aside)
  EXPECT_EQ(correction("chocolatire"), "chocolatière");
  EXPECT_EQ(correction("confiseir"), "confiseur");
  EXPECT_EQ(correction("temperrage"), "tempérage");
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kUpdate);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->add(make("a", "Boucher")).ok());
  ASSERT_TRUE((*w)->remove("b").ok());
  ASSERT_TRUE((*w)->commit().ok());
  EXPECT_EQ(correction("chocolatire"), "");
  EXPECT_EQ(correction("confiseir"), "");
  EXPECT_EQ(correction("temperrage"), "");
  EXPECT_EQ(correction("boulangre"), "");
  EXPECT_EQ(correction("bouchre"), "boucher");
}

TEST(IndexWriter, UncommittedUpdateChangesNothing) {
  testing::TempDir tmp;
  ASSERT_TRUE(build(tmp / "db", {make("a", "Boulanger")}).ok());
  {
    auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kUpdate);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->add(make("a", "Boucher")).ok());
    ASSERT_TRUE((*w)->remove("a").ok());
  }
  EXPECT_EQ(count(tmp / "db", "boulanger"), 1u);
}

TEST(IndexWriter, RemoveById) {
  testing::TempDir tmp;
  ASSERT_TRUE(build(tmp / "db", {make("a", "Boulanger"), make("b", "Boulanger de nuit")}).ok());
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kUpdate);
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE((*w)->remove("a").ok());
  EXPECT_EQ((*w)->remove("zzz").code(), Status::Code::kNotFound);
  ASSERT_TRUE((*w)->commit().ok());
  EXPECT_EQ(count(tmp / "db", "boulanger"), 1u);
}

TEST(IndexWriter, RefusesInvalidResources) {
  testing::TempDir tmp;
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(w.ok());
  Status s = (*w)->add(make("", "x"));
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("id: required"), std::string::npos);
}

TEST(IndexWriter, OneWriterAtATime) {
  testing::TempDir tmp;
  auto first = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(first.ok());
  auto second = IndexWriter::open(tmp / "db", IndexWriter::Mode::kUpdate);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("being written by another process"), std::string::npos);
}

TEST(IndexWriter, SearcherSeesARebuildWithoutReopening) {
  testing::TempDir tmp;
  ASSERT_TRUE(build(tmp / "db", {make("a", "Boulanger")}).ok());
  auto s = Searcher::open(tmp / "db");
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.text = "patissier";
  EXPECT_EQ((*s)->search(req)->total, 0u);
  ASSERT_TRUE(build(tmp / "db", {make("b", "Pâtissier")}).ok());
  EXPECT_EQ((*s)->search(req)->total, 1u);
  // Several rebuilds later, old generations are gone and the searcher follows.
  ASSERT_TRUE(build(tmp / "db", {make("c", "Pâtissier chocolatier")}).ok());
  ASSERT_TRUE(build(tmp / "db", {make("d", "Pâtissier glacier")}).ok());
  auto r = (*s)->search(req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].id, "d");
}

// An index written by another schema or analyzer version is refused by
// readers and updaters alike, with a message asking for a rebuild; a
// rebuild then works.
TEST(IndexWriter, IndexOfAnotherVersionIsIncompatible) {
  testing::TempDir tmp;
  ASSERT_TRUE(build(tmp / "db", {make("a", "Boulanger")}).ok());
  {
    Xapian::WritableDatabase db((tmp.path() / "db" / "current").string(), Xapian::DB_OPEN);
    db.set_metadata(std::string(schema::kMetaAnalyzer), "0");
    db.commit();
  }
  auto s = Searcher::open(tmp / "db");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kIncompatible);
  EXPECT_NE(s.status().message().find("analyzer 0); rebuild it with spro-index build"), std::string::npos)
      << s.status().message();
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kUpdate);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), Status::Code::kIncompatible);
  ASSERT_TRUE(build(tmp / "db", {make("a", "Boulanger")}).ok());
  EXPECT_EQ(count(tmp / "db", "boulanger"), 1u);
}

// Issue 18: a build killed with kill -9 leaves a generation, a parallel
// build's shard folder or a half-made `current.new`; the next writer, an
// update as much as a build, removes them.
TEST(IndexWriter, LeftoversOfAKilledBuildAreRemovedByTheNextWriter) {
  testing::TempDir tmp;
  const std::filesystem::path db = tmp / "db";
  ASSERT_TRUE(build(db.string(), {make("a", "Boulanger")}).ok());
  auto live = std::filesystem::canonical(db / "current");
  std::filesystem::create_directories(db / "gen-000099");
  std::filesystem::create_directories(db / ".build-gen-000100" / "0");
  std::filesystem::create_directory_symlink("gen-000099", db / "current.new");
  {
    auto w = IndexWriter::open(db.string(), IndexWriter::Mode::kUpdate);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_TRUE((*w)->add(make("b", "Pâtissier")).ok());
    ASSERT_TRUE((*w)->commit().ok());
  }
  EXPECT_FALSE(std::filesystem::exists(db / "gen-000099"));
  EXPECT_FALSE(std::filesystem::exists(db / ".build-gen-000100"));
  EXPECT_FALSE(std::filesystem::is_symlink(db / "current.new"));
  EXPECT_EQ(std::filesystem::canonical(db / "current"), live);
  EXPECT_EQ(count(db.string(), ""), 2u);
}

// Issue 18: updates (interrupted or not) leave free space in the database
// files; compact() rewrites them and keeps every resource.
TEST(IndexWriter, CompactReclaimsTheSpaceUpdatesLeave) {
  testing::TempDir tmp;
  const std::string db = tmp / "db";
  std::vector<Resource> all;
  for (int i = 0; i < 300; ++i) all.push_back(make("r" + std::to_string(i), "Boulanger numero " + std::to_string(i)));
  ASSERT_TRUE(build(db, all).ok());
  for (int round = 0; round < 6; ++round) {
    auto w = IndexWriter::open(db, IndexWriter::Mode::kUpdate);
    ASSERT_TRUE(w.ok());
    for (auto r : all) {
      r.summary = "Mise a jour " + std::to_string(round) + " du fournil, pain au levain et viennoiseries";
      ASSERT_TRUE((*w)->add(r).ok());
    }
    if (round % 2) continue;  // dropped without commit: an interrupted update
    ASSERT_TRUE((*w)->commit().ok());
  }
  auto stats = IndexWriter::compact(db);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_LT(stats->bytes_after, stats->bytes_before);
  EXPECT_EQ(count(db, ""), 300u);
  EXPECT_EQ(count(db, "levain"), 300u);
  auto w = IndexWriter::open(db, IndexWriter::Mode::kUpdate);  // still an index spro can update
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(IndexWriter::compact(tmp / "none").status().code(), Status::Code::kNotFound);
}

TEST(Searcher, MissingIndexIsNotFound) {
  testing::TempDir tmp;
  auto s = Searcher::open(tmp / "nothing-here");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kNotFound);
}


// A rebuild written by several threads (shards merged at commit) holds
// exactly what a one-thread rebuild holds: repeated ids replaced, removed
// ids gone, spelling corrections and facet counts the same.
TEST(IndexWriterThreads, ParallelRebuildMatchesOneThread) {
  testing::TempDir tmp;
  auto build_with = [&](size_t threads) {
    std::string dir = tmp / ("db" + std::to_string(threads));
    IndexWriterOptions options;
    options.threads = threads;
    auto w = IndexWriter::open(dir, IndexWriter::Mode::kRebuild, options);
    EXPECT_TRUE(w.ok());
    for (int i = 0; i < 200; ++i) {
      Resource r;
      r.id = "r" + std::to_string(i);
      r.kind = i % 2 ? "metier" : "formation";
      r.title = (i % 3 ? "Boulanger " : "Pâtissière ") + std::to_string(i);
      r.territories = {"fr"};
      EXPECT_TRUE((*w)->add(r).ok());
    }
    for (int i = 0; i < 20; ++i) {
      Resource r;
      r.id = "r" + std::to_string(i);  // replaces
      r.kind = "aide";
      r.title = "Chocolatier " + std::to_string(i);
      r.territories = {"fr"};
      EXPECT_TRUE((*w)->add(r).ok());
    }
    for (int i = 190; i < 200; ++i) EXPECT_TRUE((*w)->remove("r" + std::to_string(i)).ok());
    EXPECT_EQ((*w)->remove("absent").code(), Status::Code::kNotFound);
    auto n = (*w)->commit();
    EXPECT_TRUE(n.ok());
    EXPECT_EQ(n.ok() ? *n : 0, 190u);
    return dir;
  };
  const std::string one = build_with(1), three = build_with(3);
  for (const std::string& dir : {one, three}) {
    EXPECT_EQ(count(dir, "chocolatier"), 20u) << dir;
    EXPECT_EQ(count(dir, "boulanger"), 113u) << dir;
  }
  auto facets = [](const std::string& dir) {
    auto s = Searcher::open(dir);
    SearchRequest req;
    req.facets = true;
    auto r = (*s)->search(req);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->facets.at("kind").size() : 0;
  };
  EXPECT_EQ(facets(one), facets(three));
  auto corrected = [](const std::string& dir) {
    auto s = Searcher::open(dir);
    SearchRequest req;
    req.text = "chocolatir";
    auto r = (*s)->search(req);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->corrected_query : "";
  };
  EXPECT_EQ(corrected(one), "chocolatier");
  EXPECT_EQ(corrected(three), "chocolatier");
  for (const auto& entry : std::filesystem::directory_iterator(three)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(".build-")) << entry.path();
  }
}


// Facet counts come from values held in memory per index revision: an
// update seen by an open Searcher must be counted at the next query.
TEST(IndexWriterFacets, OpenSearcherCountsAnUpdate) {
  testing::TempDir tmp;
  const std::string dir = tmp / "db";
  ASSERT_TRUE(build(dir, {make("a", "Boulanger"), make("b", "Pâtissier")}).ok());
  auto s = Searcher::open(dir);
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.facets = true;
  auto before = (*s)->search(req);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->facets.at("kind").size(), 1u);

  auto w = IndexWriter::open(dir, IndexWriter::Mode::kUpdate);
  ASSERT_TRUE(w.ok());
  Resource aid = make("c", "Aide au permis");
  aid.kind = "aide";
  ASSERT_TRUE((*w)->add(aid).ok());
  ASSERT_TRUE((*w)->remove("a").ok());
  ASSERT_TRUE((*w)->commit().ok());

  auto after = (*s)->search(req);
  ASSERT_TRUE(after.ok());
  std::map<std::string, size_t> kinds;
  for (const auto& v : after->facets.at("kind")) kinds[v.value] = v.count;
  EXPECT_EQ(kinds, (std::map<std::string, size_t>{{"aide", 1}, {"metier", 1}}));
}

}  // namespace
}  // namespace spro
