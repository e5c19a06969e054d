// spro-serve's /metrics: aggregate figures in Prometheus' text format, for
// administrators. Counts and histograms only: never a query's text, an
// address or the time of a single request, as the service promises
// anonymity.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace httplib {
class Server;
}

namespace spro {
class Searcher;
}

namespace spro::serve {

// Counters of the requests served, by endpoint. Safe for concurrent use.
class Metrics {
 public:
  // The endpoints counted apart; any other path counts as "other", so the
  // number of series stays fixed whatever clients ask for.
  static constexpr std::array<std::string_view, 9> kEndpoints = {
      "search", "suggest", "resource", "pathway", "healthz", "page", "static", "metrics", "other"};

  Metrics();

  // The endpoint name a request path counts under.
  static std::string_view endpoint_of(std::string_view path);

  // Records one answered request.
  void observe_request(std::string_view path, int status, double seconds);

  // Records the total of a search that succeeded (API or page).
  void observe_results(uint64_t total);

  // Times and counts every request of `server` (its pre-routing handler
  // and logger); the metrics must outlive the server.
  void attach(httplib::Server& server);

  // The text exposition: what was recorded, and the state of the index
  // (resources, revision, size, age of the last commit) read from
  // `searcher` now, when there is one.
  std::string render(const Searcher* searcher) const;

 private:
  // Latency buckets (seconds): Prometheus' defaults, which cover both
  // /healthz (0.2 ms) and faceted searches at 1M resources (tens of ms).
  static constexpr std::array<double, 11> kLatencyBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                             0.5,   1,    2.5,   5,    10};
  // Result-count buckets of searches.
  static constexpr std::array<double, 8> kResultBuckets = {0, 1, 5, 10, 50, 100, 1000, 10000};
  static constexpr size_t kStatusClasses = 5;  // 1xx .. 5xx

  struct Endpoint {
    std::array<std::atomic<uint64_t>, kStatusClasses> by_status{};
    std::array<std::atomic<uint64_t>, kLatencyBuckets.size()> latency_le{};
    std::atomic<uint64_t> latency_count{0};
    std::atomic<uint64_t> latency_micros{0};
  };
  std::array<Endpoint, kEndpoints.size()> endpoints_;
  std::array<std::atomic<uint64_t>, kResultBuckets.size()> results_le_{};
  std::atomic<uint64_t> results_count_{0};
  std::atomic<uint64_t> results_sum_{0};
  std::atomic<uint64_t> zero_results_{0};
  int64_t started_at_;
};

}  // namespace spro::serve
