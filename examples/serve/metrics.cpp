#include "metrics.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "spro/searcher.h"

namespace spro::serve {
namespace {

using Clock = std::chrono::steady_clock;

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// When the request this worker thread is answering arrived: set by the
// pre-routing handler, read by the logger, both called on that thread.
thread_local Clock::time_point request_started;

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

}  // namespace

Metrics::Metrics() : started_at_(unix_now()) {}

std::string_view Metrics::endpoint_of(std::string_view path) {
  if (path == "/api/search") return "search";
  if (path == "/api/suggest") return "suggest";
  if (path.starts_with("/api/resource/")) return "resource";
  // A pathway costs some fifteen searches: the API's and the page's apart.
  if (path.starts_with("/api/pathway/") || path == "/parcours" || path.starts_with("/parcours/")) return "pathway";
  if (path == "/healthz") return "healthz";
  if (path == "/") return "page";
  if (path.starts_with("/static/")) return "static";
  if (path == "/metrics") return "metrics";
  return "other";
}

void Metrics::observe_request(std::string_view path, int status, double seconds) {
  std::string_view name = endpoint_of(path);
  size_t i = 0;
  while (kEndpoints[i] != name) ++i;
  Endpoint& e = endpoints_[i];
  size_t status_class = status >= 100 && status < 600 ? status / 100 - 1 : kStatusClasses - 1;
  e.by_status[status_class].fetch_add(1, std::memory_order_relaxed);
  for (size_t b = 0; b < kLatencyBuckets.size(); ++b) {
    if (seconds <= kLatencyBuckets[b]) e.latency_le[b].fetch_add(1, std::memory_order_relaxed);
  }
  e.latency_count.fetch_add(1, std::memory_order_relaxed);
  e.latency_micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::observe_results(uint64_t total) {
  for (size_t b = 0; b < kResultBuckets.size(); ++b) {
    if (static_cast<double>(total) <= kResultBuckets[b]) results_le_[b].fetch_add(1, std::memory_order_relaxed);
  }
  results_count_.fetch_add(1, std::memory_order_relaxed);
  results_sum_.fetch_add(total, std::memory_order_relaxed);
  if (total == 0) zero_results_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::attach(httplib::Server& server) {
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_started = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    double seconds = std::chrono::duration<double>(Clock::now() - request_started).count();
    observe_request(req.path, res.status, seconds);
  });
}

std::string Metrics::render(const Searcher* searcher) const {
  std::string out;
  header(out, "spro_http_requests_total", "counter", "Requests answered, by endpoint and status class.");
  for (size_t i = 0; i < kEndpoints.size(); ++i) {
    for (size_t c = 0; c < kStatusClasses; ++c) {
      uint64_t n = endpoints_[i].by_status[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "spro_http_requests_total{endpoint=\"" + std::string(kEndpoints[i]) + "\",code=\"" +
             std::to_string(c + 1) + "xx\"} " + std::to_string(n) + "\n";
    }
  }
  header(out, "spro_http_request_duration_seconds", "histogram", "Time to answer a request, by endpoint.");
  for (size_t i = 0; i < kEndpoints.size(); ++i) {
    const Endpoint& e = endpoints_[i];
    std::string label = "endpoint=\"" + std::string(kEndpoints[i]) + "\"";
    for (size_t b = 0; b < kLatencyBuckets.size(); ++b) {
      out += "spro_http_request_duration_seconds_bucket{" + label + ",le=\"" + number(kLatencyBuckets[b]) + "\"} " +
             std::to_string(e.latency_le[b].load(std::memory_order_relaxed)) + "\n";
    }
    uint64_t count = e.latency_count.load(std::memory_order_relaxed);
    out += "spro_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " + std::to_string(count) + "\n";
    out += "spro_http_request_duration_seconds_sum{" + label + "} " +
           number(static_cast<double>(e.latency_micros.load(std::memory_order_relaxed)) / 1e6) + "\n";
    out += "spro_http_request_duration_seconds_count{" + label + "} " + std::to_string(count) + "\n";
  }
  header(out, "spro_search_results", "histogram", "Total results of each search (API and page).");
  for (size_t b = 0; b < kResultBuckets.size(); ++b) {
    out += "spro_search_results_bucket{le=\"" + number(kResultBuckets[b]) + "\"} " +
           std::to_string(results_le_[b].load(std::memory_order_relaxed)) + "\n";
  }
  uint64_t searches = results_count_.load(std::memory_order_relaxed);
  out += "spro_search_results_bucket{le=\"+Inf\"} " + std::to_string(searches) + "\n";
  out += "spro_search_results_sum " + std::to_string(results_sum_.load(std::memory_order_relaxed)) + "\n";
  out += "spro_search_results_count " + std::to_string(searches) + "\n";
  header(out, "spro_search_zero_results_total", "counter",
         "Searches without result (the zero-result rate is this over spro_search_results_count).");
  out += "spro_search_zero_results_total " + std::to_string(zero_results_.load(std::memory_order_relaxed)) + "\n";
  header(out, "spro_process_start_time_seconds", "gauge", "Unix time spro-serve started.");
  out += "spro_process_start_time_seconds " + std::to_string(started_at_) + "\n";

  header(out, "spro_index_up", "gauge", "1 when an index is open and readable.");
  Result<IndexInfo> info = searcher ? searcher->info() : Result<IndexInfo>(Status::not_found("no index"));
  out += std::string("spro_index_up ") + (info.ok() ? "1" : "0") + "\n";
  if (!info.ok()) return out;
  header(out, "spro_index_resources", "gauge", "Resources in the live index.");
  out += "spro_index_resources " + std::to_string(info->resources) + "\n";
  header(out, "spro_index_revision", "gauge", "Xapian revision of the live index (grows at each commit).");
  out += "spro_index_revision " + std::to_string(info->revision) + "\n";
  header(out, "spro_index_info", "gauge", "The live index's folder, and whether it is a replica.");
  out += "spro_index_info{generation=\"" + info->generation + "\",replica=\"" + (info->replica ? "1" : "0") +
         "\"} 1\n";
  header(out, "spro_index_size_bytes", "gauge", "Size of the live index on disk.");
  out += "spro_index_size_bytes " + std::to_string(info->size_bytes) + "\n";
  if (info->committed_at > 0) {
    header(out, "spro_index_last_change_timestamp_seconds", "gauge",
           "Unix time the live index last changed on this host (a commit; on a replica, a changeset or copy received).");
    out += "spro_index_last_change_timestamp_seconds " + std::to_string(info->committed_at) + "\n";
    header(out, "spro_index_age_seconds", "gauge", "Seconds since the live index last changed on this host.");
    out += "spro_index_age_seconds " + std::to_string(std::max<int64_t>(0, unix_now() - info->committed_at)) + "\n";
  }
  return out;
}

}  // namespace spro::serve
