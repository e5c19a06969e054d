// spro-index end to end: exit codes, rejection reports, crash safety.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "spro/searcher.h"
#include "test_util.h"

extern char** environ;

namespace spro {
namespace {

using testing::read_file;
using testing::run;
using testing::write_file;

const std::string kIndex = SPRO_INDEX_BIN;

std::string record(const std::string& id, const std::string& title) {
  return R"({"id":")" + id + R"(","kind":"metier","title":")" + title + R"(","territories":["fr"]})";
}

size_t hits(const std::string& db, const std::string& text) {
  auto s = Searcher::open(db);
  if (!s.ok()) return 0;
  SearchRequest req;
  req.text = text;
  auto r = (*s)->search(req);
  return r.ok() ? r->total : 0;
}

TEST(SproIndex, AllGoodExitsZeroWithASummary) {
  testing::TempDir tmp;
  write_file(tmp / "in.jsonl", record("a", "Boulanger") + "\n" + record("b", "Pâtissier") + "\n");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("read 2, indexed 2, rejected 0"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
}

TEST(SproIndex, AnyThreadCountBuildsTheSameIndex) {
  testing::TempDir tmp;
  std::string lines;
  for (int i = 0; i < 60; ++i) lines += record("r" + std::to_string(i), i % 2 ? "Boulanger" : "Pâtissier") + "\n";
  write_file(tmp / "in.jsonl", lines);
  for (const char* threads : {"1", "2", "4"}) {
    const std::string db = tmp / (std::string("db") + threads);
    auto r = run(kIndex + " build --threads " + threads + " --db " + db + " " + (tmp / "in.jsonl"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(hits(db, "boulanger"), 30u) << threads;
    EXPECT_EQ(hits(db, "patissier"), 30u) << threads;
  }
}

TEST(SproIndex, MixedFileIndexesEveryGoodLineAndReportsEachBadOne) {
  testing::TempDir tmp;
  std::string in = tmp / "mixed.jsonl";
  write_file(in, record("a", "Boulanger") + "\n" +                         // 1 good
                     "{not json\n" +                                        // 2 invalid JSON
                     record("b", "Pâtissier") + "\n" +                      // 3 good
                     "{\"id\":\"c\",\"kind\":\"metier\",\"title\":\"caf\xE9\"}\n" +  // 4 invalid UTF-8
                     "{\"id\":\"d\",\"kind\":\"vehicule\",\"title\":\"x\"}\n" +      // 5 unknown kind
                     "{\"kind\":\"metier\",\"title\":\"no id\"}\n" +                 // 6 missing id
                     record("a", "Boucher") + "\n" +                        // 7 duplicate id
                     "{\"id\":\"e\",\"kind\":\"metier\",\"title\":\"x\",\"levels\":\"4\"}\n" +  // 8 wrong type
                     "\n" +                                                  // 9 blank: skipped
                     record("f", "Charcutier") + "\n");                     // 10 good
  auto r = run(kIndex + " build --db " + (tmp / "db") + " --report " + (tmp / "report.jsonl") + " " + in);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  for (const std::string& expected :
       {in + ":2: invalid JSON", in + ":4: invalid JSON", in + ":5: kind: unknown kind 'vehicule'",
        in + ":6: id: required", in + ":7: id: duplicate id 'a' (first at " + in + ":1)",
        in + ":8: levels: must be a list of integers"}) {
    EXPECT_NE(r.output.find(expected), std::string::npos) << "missing: " << expected << "\n" << r.output;
  }
  EXPECT_NE(r.output.find("read 9, indexed 3, rejected 6"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
  EXPECT_EQ(hits(tmp / "db", "boucher"), 0u);  // the duplicate did not replace the first
  EXPECT_EQ(hits(tmp / "db", "patissier"), 1u);
  EXPECT_EQ(hits(tmp / "db", "charcutier"), 1u);

  std::istringstream report(read_file(tmp / "report.jsonl"));
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(report, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0]["location"], in + ":2");
  EXPECT_EQ(lines[2]["id"], "d");
  EXPECT_EQ(lines[2]["error"], "kind: unknown kind 'vehicule'");
}

TEST(SproIndex, ByteOrderMarkAndCrlfAreAccepted) {
  testing::TempDir tmp;
  write_file(tmp / "in.jsonl", "\xEF\xBB\xBF" + record("a", "Boulanger") + "\r\n" + record("b", "Pâtissier") + "\r\n");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(hits(tmp / "db", "patissier"), 1u);
}

TEST(SproIndex, UsageErrorsExitTwo) {
  testing::TempDir tmp;
  EXPECT_EQ(run(kIndex).exit_code, 2);
  EXPECT_EQ(run(kIndex + " build " + (tmp / "x.jsonl")).exit_code, 2);  // no --db
  EXPECT_EQ(run(kIndex + " frobnicate --db x").exit_code, 2);
  EXPECT_EQ(run(kIndex + " build --db x --format nope y").exit_code, 2);
  auto threads = run(kIndex + " build --db " + (tmp / "db") + " --threads 999 " + (tmp / "x.jsonl"));
  EXPECT_EQ(threads.exit_code, 2);
  EXPECT_NE(threads.output.find("--threads"), std::string::npos) << threads.output;
  EXPECT_FALSE(std::filesystem::exists(tmp / "db")) << "nothing is written on a usage error";
  EXPECT_EQ(run(kIndex + " --help").exit_code, 0);
}

TEST(SproIndex, MissingInputIsFatalAndLeavesTheIndexUnchanged) {
  testing::TempDir tmp;
  write_file(tmp / "in.jsonl", record("a", "Boulanger") + "\n");
  ASSERT_EQ(run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in.jsonl")).exit_code, 0);
  write_file(tmp / "new.jsonl", record("b", "Pâtissier") + "\n");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "new.jsonl") + " " + (tmp / "missing.jsonl"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("missing.jsonl: no such file"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("index unchanged"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
  EXPECT_EQ(hits(tmp / "db", "patissier"), 0u);
}

TEST(SproIndex, UpdateAndDelete) {
  testing::TempDir tmp;
  write_file(tmp / "in.jsonl", record("a", "Boulanger") + "\n" + record("b", "Pâtissier") + "\n");
  ASSERT_EQ(run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in.jsonl")).exit_code, 0);
  write_file(tmp / "up.jsonl", record("a", "Boucher") + "\n" + record("c", "Charcutier") + "\n");
  auto r = run(kIndex + " update --db " + (tmp / "db") + " " + (tmp / "up.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("the index holds 3 resources"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 0u);
  EXPECT_EQ(hits(tmp / "db", "boucher"), 1u);
  r = run(kIndex + " delete --db " + (tmp / "db") + " b nope");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("no resource with id 'nope'"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "patissier"), 0u);
  EXPECT_EQ(hits(tmp / "db", "charcutier"), 1u);
}

// A build killed with SIGKILL in the middle leaves the previous index
// intact and searchable, and the next build succeeds. The build reads a FIFO
// so the test controls exactly where it stands when it is killed.
TEST(SproIndex, KilledBuildLeavesThePreviousIndexSearchable) {
  testing::TempDir tmp;
  const std::string db = tmp / "db";
  write_file(tmp / "old.jsonl", record("old", "Boulanger") + "\n");
  ASSERT_EQ(run(kIndex + " build --db " + db + " " + (tmp / "old.jsonl")).exit_code, 0);

  const std::string fifo = tmp / "feed";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::vector<std::string> args = {kIndex, "build", "--db", db, fifo};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);

  int fd = ::open(fifo.c_str(), O_WRONLY);  // blocks until spro-index opens it
  ASSERT_GE(fd, 0);
  std::string batch;
  for (int i = 0; i < 500; ++i) batch += record("new" + std::to_string(i), "Pâtissier numéro " + std::to_string(i)) + "\n";
  ASSERT_EQ(::write(fd, batch.data(), batch.size()), static_cast<ssize_t>(batch.size()));
  // Wait until the new generation (or its shards, in a parallel build)
  // exists: the build is under way.
  bool started = false;
  for (int i = 0; i < 200 && !started; ++i) {
    started = std::filesystem::exists(std::filesystem::path(db) / "gen-000002") ||
              std::filesystem::exists(std::filesystem::path(db) / ".build-gen-000002");
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(started);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let it index what it has read
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(status));
  ::close(fd);

  EXPECT_EQ(hits(db, "boulanger"), 1u);
  EXPECT_EQ(hits(db, "patissier"), 0u);

  write_file(tmp / "next.jsonl", record("next", "Pâtissier") + "\n");
  auto r = run(kIndex + " build --db " + db + " " + (tmp / "next.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(hits(db, "patissier"), 1u);
  EXPECT_EQ(hits(db, "boulanger"), 0u);
  // The killed build's leftovers are gone.
  for (const auto& entry : std::filesystem::directory_iterator(db)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(".build-")) << entry.path();
  }
}

// Issue 18: `spro-index compact` reclaims what updates leave and keeps the
// index searchable; it says the sizes.
TEST(SproIndex, CompactKeepsEveryResourceAndSaysTheSizes) {
  testing::TempDir tmp;
  std::string lines;
  for (int i = 0; i < 200; ++i) lines += record("m" + std::to_string(i), "Boulanger " + std::to_string(i)) + "\n";
  write_file(tmp / "in.jsonl", lines);
  const std::string db = tmp / "db";
  ASSERT_EQ(run(kIndex + " build --quiet --db " + db + " " + (tmp / "in.jsonl")).exit_code, 0);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(run(kIndex + " update --quiet --db " + db + " " + (tmp / "in.jsonl")).exit_code, 0);
  auto r = run(kIndex + " compact --db " + db);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("bytes ->"), std::string::npos) << r.output;
  EXPECT_EQ(hits(db, "boulanger"), 200u);
  EXPECT_EQ(run(kIndex + " compact --db " + (tmp / "none")).exit_code, 1);
}

// Regression test for a crash found by tests/fuzz/resource_json_fuzzer:
// `1e400` in a JSON Lines record aborted spro-index (exit 134) and lost
// the build; it is now one rejected record naming its line.
TEST(SproIndex, NumberOutOfRangeIsARejectedRecordNotACrash) {
  testing::TempDir tmp;
  write_file(tmp / "in.jsonl", record("m1", "Boulanger") + "\n" +
                                   R"({"id":"m2","kind":"metier","title":"T","levels":[1e400]})" "\n");
  auto r = run(kIndex + " build --quiet --db " + (tmp / "db") + " " + (tmp / "in.jsonl"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("in.jsonl:2: invalid JSON: number overflow"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
}

}  // namespace
}  // namespace spro
