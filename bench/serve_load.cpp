// Load test of spro-serve on loopback: N concurrent clients for M seconds
// per endpoint (bounded in time and count), requests/s and p50/p99 latency.
// The peer, measured in the same run, is /healthz: the cost of HTTP and the
// thread pool alone, so the ratio shows what searching adds.
//
//   build/bin/serve_load --serve build/bin/spro-serve --db build/sample-index [--clients 8] [--seconds 5]
#include <CLI/CLI.hpp>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

struct Result {
  size_t requests = 0;
  size_t errors = 0;
  double seconds = 0;
  double p50_ms = 0;
  double p99_ms = 0;
};

Result hammer(int port, const std::vector<std::string>& paths, int clients, double seconds, size_t max_requests) {
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<size_t> errors{0}, issued{0};
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      for (size_t i = c; Clock::now() < end && issued++ < max_requests; ++i) {
        auto t0 = Clock::now();
        auto res = client.Get(paths[i % paths.size()]);
        auto t1 = Clock::now();
        if (!res || res->status != 200) ++errors;
        latencies[c].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  }
  for (auto& t : threads) t.join();
  Result r;
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  r.requests = all.size();
  r.errors = errors;
  if (!all.empty()) {
    r.p50_ms = all[all.size() / 2];
    r.p99_ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Load test of spro-serve on loopback"};
  std::string serve, db;
  int clients = 8, port = 18187;
  double seconds = 5;
  app.add_option("--serve", serve, "spro-serve binary")->required();
  app.add_option("--db", db, "index directory")->required();
  app.add_option("--clients", clients)->check(CLI::Range(1, 64));
  app.add_option("--seconds", seconds, "per endpoint")->check(CLI::Range(0.5, 60.0));
  app.add_option("--port", port);
  CLI11_PARSE(app, argc, argv);

  std::string listen = "127.0.0.1:" + std::to_string(port);
  std::vector<std::string> args = {serve, "--db", db, "--listen", listen, "--threads", std::to_string(clients)};
  std::vector<char*> argv2;
  for (auto& a : args) argv2.push_back(a.data());
  argv2.push_back(nullptr);
  pid_t pid;
  if (posix_spawn(&pid, serve.c_str(), nullptr, nullptr, argv2.data(), environ) != 0) {
    std::fprintf(stderr, "cannot start %s\n", serve.c_str());
    return 1;
  }
  httplib::Client probe("127.0.0.1", port);
  for (int i = 0; i < 100 && !probe.Get("/healthz"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));

  const std::vector<std::string> searches = {
      "/api/search?q=infirmiere", "/api/search?q=cap+cuisine&facets=1", "/api/search?q=formation+aide-soignante+alternance",
      "/api/search?q=france+services&territory=dep:13", "/api/search?q=mecanitien", "/api/search?q=bts&level=5&facets=1",
      "/api/search?q=cio+aix+en+provence", "/api/search?q=apprentissage&kind=document"};
  const std::vector<std::string> suggests = {"/api/suggest?q=inf", "/api/suggest?q=aide+so", "/api/suggest?q=cuis",
                                             "/api/suggest?q=mec"};
  const size_t cap = 2'000'000;  // bounded in count as well as in time
  Result health = hammer(port, {"/healthz"}, clients, seconds, cap);
  Result search = hammer(port, searches, clients, seconds, cap);
  Result suggest = hammer(port, suggests, clients, seconds, cap);
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);

  std::printf("%d clients, %.0f s per endpoint, loopback\n", clients, seconds);
  std::printf("%-14s %10s %8s %9s %9s %8s %12s\n", "endpoint", "req/s", "errors", "p50 ms", "p99 ms", "", "req/s ratio");
  for (auto [name, r] : {std::pair{"/healthz", health}, std::pair{"/api/search", search}, std::pair{"/api/suggest", suggest}}) {
    double rps = r.requests / r.seconds;
    std::printf("%-14s %10.0f %8zu %9.2f %9.2f %8s %11.2fx\n", name, rps, r.errors, r.p50_ms, r.p99_ms, "",
                rps / (health.requests / health.seconds));
  }
  return (health.errors + search.errors + suggest.errors) == 0 ? 0 : 1;
}
