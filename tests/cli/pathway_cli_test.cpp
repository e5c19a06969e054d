// spro-search --pathway and GET /api/pathway/{id} end to end on a tiny index.
#include <httplib.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <thread>

#include "test_util.h"

extern char** environ;

namespace spro {
namespace {

using testing::run;

class PathwayCli : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_file(
        tmp_ / "in.jsonl",
        R"({"id":"rome:J1506","kind":"metier","title":"Infirmier / Infirmière","territories":["fr"],"codes":{"rome":["J1506"]}})"
        "\n"
        R"({"id":"f1","kind":"formation","title":"Préparation infirmier","territories":["com:83137"],"codes":{"rome":["J1506"]},"source":"carif-oref"})"
        "\n"
        R"({"id":"s1","kind":"structure","title":"Mission locale de Toulon","territories":["com:83137"]})"
        "\n");
    ASSERT_EQ(run(std::string(SPRO_INDEX_BIN) + " build --quiet --db " + db_ + " " + (tmp_ / "in.jsonl")).exit_code, 0);
  }
  testing::TempDir tmp_;
  std::string db_ = tmp_ / "db";
};

TEST_F(PathwayCli, SproSearchPrintsThePathwayAsJsonOrText) {
  auto r = run(std::string(SPRO_SEARCH_BIN) + " --db " + db_ + " --json --pathway rome:J1506 --territory Toulon --public jeune");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["origin"]["id"], "rome:J1506");
  bool trainings = false, mission_locale = false;
  for (const auto& s : j["sections"]) {
    if (s["name"] == "trainings") {
      trainings = true;
      EXPECT_EQ(s["hits"][0]["id"], "f1");
      EXPECT_EQ(s["hits"][0]["reach"], "local");
    }
    if (s.value("rule", "") == "mission_locale") mission_locale = s["hits"][0]["id"] == "s1";
  }
  EXPECT_TRUE(trainings);
  EXPECT_TRUE(mission_locale);

  r = run(std::string(SPRO_SEARCH_BIN) + " --db " + db_ + " --pathway rome:J1506 --section trainings");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("trainings (1)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Préparation infirmier"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("advice"), std::string::npos) << r.output;

  EXPECT_EQ(run(std::string(SPRO_SEARCH_BIN) + " --db " + db_ + " --pathway rome:J1506 --section nope").exit_code, 2);
  EXPECT_EQ(run(std::string(SPRO_SEARCH_BIN) + " --db " + db_ + " --pathway rome:Z0000").exit_code, 1);
}

TEST_F(PathwayCli, ServeAnswersApiPathway) {
  int port = testing::free_port();
  std::vector<std::string> args = {SPRO_SERVE_BIN, "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port)};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  httplib::Client c("127.0.0.1", port);
  for (int i = 0; i < 100 && !c.Get("/healthz"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));

  auto r = c.Get("/api/pathway/rome:J1506?territory=Toulon&section=trainings&limit=3");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  auto j = nlohmann::json::parse(r->body);
  ASSERT_EQ(j["sections"].size(), 1u);
  EXPECT_EQ(j["sections"][0]["hits"][0]["id"], "f1");
  EXPECT_EQ(c.Get("/api/pathway/rome:Z0000")->status, 404);
  EXPECT_EQ(c.Get("/api/pathway/rome:J1506?section=nope")->status, 400);
  EXPECT_EQ(c.Get("/api/pathway/rome:J1506?territory=Atlantide")->status, 400);
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
}

}  // namespace
}  // namespace spro
