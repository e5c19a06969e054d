// spro-serve end to end on loopback: status codes, JSON errors, the page,
// and no failed request while the index is rebuilt underneath.
#include <httplib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>

#include "test_util.h"

extern char** environ;

namespace spro {
namespace {

const std::string kIndex = SPRO_INDEX_BIN;

class SproServe : public ::testing::Test {
 protected:
  void SetUp() override { start({}); }
  // Starts spro-serve with the zero-result report on an admin port of its
  // own, and `extra` arguments.
  void start(const std::vector<std::string>& extra) {
    port_ = testing::free_port();
    admin_port_ = testing::free_port();
    std::vector<std::string> args = {SPRO_SERVE_BIN, "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port_),
                                      "--count-zero-results", "--admin-listen", "127.0.0.1:" + std::to_string(admin_port_)};
    args.insert(args.end(), extra.begin(), extra.end());
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
  void TearDown() override { stop(); }
  void stop() {
    if (pid_ == 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }
  void build(const std::string& title) {
    testing::write_file(tmp_ / "in.jsonl", R"({"id":"a","kind":"formation","title":")" + title +
                                               R"(","territories":["com:13055"],"publics":["jeune"],"levels":[3]})" "\n");
    ASSERT_EQ(testing::run(kIndex + " build --quiet --db " + db_ + " " + (tmp_ / "in.jsonl")).exit_code, 0);
  }
  testing::TempDir tmp_;
  std::string db_ = tmp_ / "db";
  int port_ = 0;
  int admin_port_ = 0;
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
  // Regression test for issue 18: an unknown id said "no such endpoint".
  auto missing = c.Get("/api/resource/zzz");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing->body)["error"], "no such resource");
  EXPECT_EQ(nlohmann::json::parse(c.Get("/api/nothing")->body)["error"], "no such endpoint");
  auto s = c.Get("/api/suggest?q=cap");
  ASSERT_TRUE(s);
  EXPECT_EQ(nlohmann::json::parse(s->body)[0]["text"], "CAP Cuisine");
  // limit is checked the same way everywhere: negative or not a number is
  // a 400 naming it, above the maximum is capped (not an error).
  for (const char* bad : {"/api/search?q=cuisine&limit=-1", "/api/suggest?q=cap&limit=-3", "/api/suggest?q=cap&limit=abc",
                          "/api/pathway/a?limit=-2"}) {
    auto e = c.Get(bad);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->status, 400) << bad;
    EXPECT_EQ(nlohmann::json::parse(e->body)["error"].get<std::string>().substr(0, 7), "limit: ") << bad << e->body;
  }
  EXPECT_EQ(c.Get("/api/search?q=cuisine&limit=5000")->status, 200);
  EXPECT_EQ(c.Get("/api/suggest?q=cap&limit=5000")->status, 200);
  // A closed vocabulary's error lists what it accepts.
  auto martian = c.Get("/api/search?q=cuisine&public=martien");
  EXPECT_EQ(martian->status, 400);
  EXPECT_NE(martian->body.find("public: unknown value 'martien' (one of "), std::string::npos) << martian->body;
  EXPECT_NE(nlohmann::json::parse(c.Get("/api/search?territory=dep:99&q=cuisine")->body)["error"].get<std::string>().find(
                "territory: unknown territory 'dep:99'"),
            std::string::npos);
  // The page renders results on the server.
  auto page = c.Get("/?q=cuisine");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("1 résultat pour « cuisine »"), std::string::npos);
  EXPECT_NE(page->body.find("<mark>Cuisine</mark>"), std::string::npos);
}

// Regression test for issue 18: the zero-result report was on the public
// port and showed texts typed once (a name, a phone number...).
TEST_F(SproServe, ZeroResultReportIsAdminOnlyScrubbedAndShownFromFiveTimes) {
  build("CAP Cuisine");
  httplib::Client c("127.0.0.1", port_), admin("127.0.0.1", admin_port_);
  for (int i = 0; i < 4; ++i) c.Get("/api/search?q=zzzyyy");
  for (int i = 0; i < 9; ++i) c.Get("/api/search?q=Jean%20Dupont%2006%2012%2034%2056%2078");
  EXPECT_EQ(c.Get("/api/stats/zero-results")->status, 404);  // never on the public port
  auto stats = nlohmann::json::parse(admin.Get("/api/stats/zero-results")->body);
  EXPECT_TRUE(stats.empty()) << stats;  // four times is not enough; the name and phone are scrubbed away
  c.Get("/?q=zzzyyy");                  // the page counts too
  stats = nlohmann::json::parse(admin.Get("/api/stats/zero-results")->body);
  ASSERT_EQ(stats.size(), 1u) << stats;
  EXPECT_EQ(stats[0]["query"], "zzzyyy");
  EXPECT_EQ(stats[0]["count"], 5);
  EXPECT_EQ(stats[0].size(), 2u);  // query and count, nothing about the user
}

TEST_F(SproServe, ATakenPortSaysWhy) {
  // The fixture's server holds port_: a second one must say why it cannot.
  httplib::Client c("127.0.0.1", port_);
  ASSERT_TRUE(c.Get("/healthz"));
  auto r = testing::run(std::string(SPRO_SERVE_BIN) + " --db " + db_ + " --listen 127.0.0.1:" + std::to_string(port_));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("spro-serve: cannot listen on 127.0.0.1:" + std::to_string(port_) + ": Address already in use"),
            std::string::npos)
      << r.output;
}

TEST_F(SproServe, AdminListenerOffLoopbackNeedsAToken) {
  stop();
  auto r = testing::run(std::string(SPRO_SERVE_BIN) + " --db " + db_ + " --listen 127.0.0.1:" + std::to_string(testing::free_port()) +
                        " --count-zero-results --admin-listen 0.0.0.0:" + std::to_string(testing::free_port()));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--admin-token"), std::string::npos) << r.output;
  start({"--admin-token", "s3cret"});
  httplib::Client admin("127.0.0.1", admin_port_);
  EXPECT_EQ(admin.Get("/api/stats/zero-results")->status, 401);
  EXPECT_EQ(admin.Get("/api/stats/zero-results", {{"Authorization", "Bearer s3cret"}})->status, 200);
}

// Regression test for issue 18: no security header at all.
TEST_F(SproServe, SecurityHeadersOnEveryResponse) {
  build("CAP Cuisine");
  httplib::Client c("127.0.0.1", port_);
  for (const char* path : {"/", "/?q=cuisine", "/api/search?q=cuisine", "/api/search?level=x", "/api/resource/zzz",
                           "/api/nothing", "/static/app.js", "/healthz", "/nothing"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << path;
    auto csp = r->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
  }
}

// The time /healthz takes while `attack` runs, at most, over `samples`
// requests 200 ms apart (a failed request counts as 1000 s).
template <typename Attack>
double worst_healthz_seconds(int port, int samples, Attack attack) {
  std::atomic<bool> stop{false};
  std::thread attacker([&] { attack(stop); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  double worst = 0;
  for (int i = 0; i < samples; ++i) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(30);
    c.set_read_timeout(30);
    auto t0 = std::chrono::steady_clock::now();
    auto r = c.Get("/healthz");
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    worst = std::max(worst, r && r->status == 200 ? s : 1000.0);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  stop = true;
  attacker.join();
  return worst;
}

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Regression test for issue 18: 8 connections sending one byte a second
// held every worker (the server was unavailable for 40 s). Here with 4
// workers, so that without a deadline the attack would hold them all.
TEST_F(SproServe, SlowClientsCannotHoldTheWorkers) {
  stop();
  start({"--threads", "4", "--request-timeout", "1"});
  build("CAP Cuisine");
  // Each slow client holds a worker 1 s at most; /healthz waits for at
  // most two rounds of them. Without the guard it never got an answer.
  double worst = worst_healthz_seconds(port_, 10, [&](std::atomic<bool>& stop) {
    std::vector<int> fds;
    const std::string request = "GET /api/search?q=cuisine HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    std::vector<size_t> sent;
    while (!stop) {
      // Keep 8 slow connections open: reconnect those the server shut.
      while (fds.size() < 8) {
        fds.push_back(connect_to(port_));
        sent.push_back(0);
      }
      for (size_t i = 0; i < fds.size(); ++i) {
        char byte = request[sent[i] % request.size()];
        if (fds[i] < 0 || ::send(fds[i], &byte, 1, MSG_NOSIGNAL) != 1) {
          if (fds[i] >= 0) ::close(fds[i]);
          fds[i] = connect_to(port_);
          sent[i] = 0;
        } else {
          ++sent[i];
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    }
    for (int fd : fds) if (fd >= 0) ::close(fd);
  });
  std::cout << "[figure] /healthz under 8 slow clients (4 workers): worst " << worst << " s\n";
  EXPECT_LT(worst, 5.0);
}

// Regression test for issue 18: 500 idle connections pushed /healthz to
// 17 s (listen backlog 5, each idle connection holding a worker).
TEST_F(SproServe, IdleConnectionsCannotDelayHealthz) {
  build("CAP Cuisine");
  double worst = worst_healthz_seconds(port_, 10, [&](std::atomic<bool>& stop) {
    std::vector<int> fds;
    for (int i = 0; i < 500 && !stop; ++i) fds.push_back(connect_to(port_));
    while (!stop) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    for (int fd : fds) if (fd >= 0) ::close(fd);
  });
  std::cout << "[figure] /healthz beside 500 idle connections: worst " << worst << " s\n";
  EXPECT_LT(worst, 3.0);
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
