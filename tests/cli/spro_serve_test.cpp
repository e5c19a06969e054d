// spro-serve end to end on loopback: status codes, JSON errors, the page,
// and no failed request while the index is rebuilt underneath.
#include <httplib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <spawn.h>
#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>

#include "test_util.h"

extern char** environ;

namespace spro {
namespace {

const std::string kIndex = SPRO_INDEX_BIN;

// A port nobody listens on: bind port 0, read what the kernel chose, close.
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

class SproServe : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = free_port();
    std::vector<std::string> args = {SPRO_SERVE_BIN, "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port_),
                                      "--count-zero-results"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    ASSERT_EQ(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    httplib::Client c("127.0.0.1", port_);
    for (int i = 0; i < 100 && !c.Get("/healthz"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  void TearDown() override {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  void build(const std::string& title) {
    testing::write_file(tmp_ / "in.jsonl", R"({"id":"a","kind":"formation","title":")" + title +
                                               R"(","territories":["com:13055"],"publics":["jeune"],"levels":[3]})" "\n");
    ASSERT_EQ(testing::run(kIndex + " build --quiet --db " + db_ + " " + (tmp_ / "in.jsonl")).exit_code, 0);
  }
  testing::TempDir tmp_;
  std::string db_ = tmp_ / "db";
  int port_ = 0;
  pid_t pid_ = 0;
};

TEST_F(SproServe, StatusCodesAndJsonErrors) {
  httplib::Client c("127.0.0.1", port_);
  // No index yet: 503, with a message, and the page says so too.
  auto r = c.Get("/api/search?q=cuisine");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_NE(nlohmann::json::parse(r->body)["error"].get<std::string>().find("no index"), std::string::npos);
  EXPECT_EQ(c.Get("/healthz")->status, 503);
  EXPECT_EQ(c.Get("/")->status, 503);

  build("CAP Cuisine");
  r = c.Get("/api/search?q=cuisine&facets=1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto j = nlohmann::json::parse(r->body);
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["facets"]["level"]["3"], 1);
  EXPECT_EQ(c.Get("/api/search?territory=Marseille&q=cuisine")->status, 200);
  EXPECT_EQ(c.Get("/api/search?territory=13008&q=cuisine")->status, 200);
  EXPECT_EQ(nlohmann::json::parse(c.Get("/api/search?level=CAP&q=cuisine")->body)["total"], 1);
  EXPECT_EQ(nlohmann::json::parse(c.Get("/api/search?level=niveau%20V&q=cuisine")->body)["total"], 1);
  auto bad_level = c.Get("/api/search?level=bac%2B12&q=cuisine");
  EXPECT_EQ(bad_level->status, 400);
  EXPECT_NE(bad_level->body.find("bac+12"), std::string::npos) << bad_level->body;
  EXPECT_EQ(c.Get("/api/search?territory=dep:99&q=cuisine")->status, 400);
  for (const char* bad : {"/api/search?level=x", "/api/search?sort=price", "/api/search?territory=Atlantide",
                          "/api/search?offset=999999", "/api/search?near=Saint-Denis", "/api/search?kind=vehicule"}) {
    auto e = c.Get(bad);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->status, 400) << bad;
    EXPECT_TRUE(nlohmann::json::parse(e->body).contains("error")) << bad;
  }
  EXPECT_EQ(c.Get(("/api/search?q=" + std::string(3000, 'a')).c_str())->status, 400);
  EXPECT_EQ(c.Get("/api/resource/a")->status, 200);
  EXPECT_EQ(c.Get("/api/resource/zzz")->status, 404);
  EXPECT_EQ(c.Get("/api/nothing")->status, 404);
  auto s = c.Get("/api/suggest?q=cap");
  ASSERT_TRUE(s);
  EXPECT_EQ(nlohmann::json::parse(s->body)[0]["text"], "CAP Cuisine");
  // The page renders results on the server.
  auto page = c.Get("/?q=cuisine");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("1 résultat pour « cuisine »"), std::string::npos);
  EXPECT_NE(page->body.find("<mark>Cuisine</mark>"), std::string::npos);
  // Zero-result queries are counted by text only.
  c.Get("/api/search?q=zzzyyy");
  auto stats = nlohmann::json::parse(c.Get("/api/stats/zero-results")->body);
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0]["query"], "zzzyyy");
  EXPECT_EQ(stats[0].size(), 2u);  // query and count, nothing about the user
}

TEST_F(SproServe, NoFailedRequestWhileTheIndexIsRebuilt) {
  build("CAP Cuisine 0");
  std::atomic<bool> stop{false};
  std::atomic<size_t> ok{0}, failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      httplib::Client c("127.0.0.1", port_);
      while (!stop) {
        auto r = c.Get("/api/search?q=cuisine&facets=1");
        if (r && r->status == 200 && nlohmann::json::parse(r->body)["total"] == 1) ++ok;
        else ++failed;
      }
    });
  }
  for (int i = 1; i <= 8; ++i) build("CAP Cuisine " + std::to_string(i));
  stop = true;
  for (auto& t : clients) t.join();
  std::cout << "[figure] " << ok << " requests during 8 rebuilds, " << failed << " failed\n";
  EXPECT_EQ(failed, 0u);
  EXPECT_GT(ok, 20u);
}

}  // namespace
}  // namespace spro
