// Pathway latency beside a plain search, in the same run, on the benchmark
// corpus (bench/make_corpus.py: job sheets, training sessions with ROME
// codes across France, guidance places, aids).
//
//   BM_Search   the job's title searched in a commune (what a person types
//               before opening the job), p50/p95/p99
//   BM_Pathway  that job's pathway for a young person in that commune: all
//               sections, 5 hits each, p50/p95/p99
//   BM_SearchWithPathwaySummary  the search with SearchRequest::pathway_summary
//
//   SPRO_BENCH_CORPUS  corpus (default build/bench-corpus/10000.jsonl)
//   SPRO_BENCH_WORK    where the index is built; when set, it is kept and
//                      reused by the next run
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "spro/index_writer.h"
#include "spro/pathway.h"
#include "spro/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Case {
  std::string job_id;
  std::string job_title;
  std::string commune;
};

std::unique_ptr<spro::Searcher> searcher;
std::vector<Case> cases;

void report(benchmark::State& state, std::vector<double>& ms) {
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  auto at = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
  state.counters["p50_ms"] = at(0.50);
  state.counters["p95_ms"] = at(0.95);
  state.counters["p99_ms"] = at(0.99);
  state.SetItemsProcessed(static_cast<int64_t>(ms.size()));
}

void BM_Search(benchmark::State& state) {
  std::vector<double> ms;
  size_t i = 0;
  for (auto _ : state) {
    const Case& c = cases[i++ % cases.size()];
    spro::SearchRequest r;
    r.text = c.job_title;
    r.territories = {c.commune};
    r.pathway_summary = state.range(0) != 0;
    auto t0 = Clock::now();
    auto response = searcher->search(r);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    benchmark::DoNotOptimize(response);
  }
  report(state, ms);
}
BENCHMARK(BM_Search)->Arg(0)->Name("BM_Search")->UseRealTime();
BENCHMARK(BM_Search)->Arg(1)->Name("BM_SearchWithPathwaySummary")->UseRealTime();

void BM_Pathway(benchmark::State& state) {
  std::vector<double> ms;
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    const Case& c = cases[i++ % cases.size()];
    spro::PathwayRequest r;
    r.territories = {c.commune};
    r.publics = {"jeune"};
    auto t0 = Clock::now();
    auto p = searcher->pathway(c.job_id, r);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (p.ok()) {
      for (const auto& s : p->sections) hits += s.total;
    }
  }
  state.counters["linked"] = static_cast<double>(hits) / std::max<size_t>(1, ms.size());
  report(state, ms);
}
BENCHMARK(BM_Pathway)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  const char* env = std::getenv("SPRO_BENCH_CORPUS");
  std::string corpus = env ? env : SPRO_SOURCE_DIR "/build/bench-corpus/10000.jsonl";
  if (!std::filesystem::exists(corpus)) {
    std::fprintf(stderr, "no corpus %s: run bench/make_corpus.py 10000 first\n", corpus.c_str());
    return 1;
  }
  const char* work_env = std::getenv("SPRO_BENCH_WORK");
  const bool keep = work_env && *work_env;
  std::string work = keep ? work_env : (std::filesystem::temp_directory_path() / "spro-pathway-bench").string();
  std::vector<std::string> communes;
  std::vector<std::pair<std::string, std::string>> jobs;
  std::ifstream in(corpus);
  std::vector<std::string> failures;
  const bool build = !keep || !std::filesystem::exists(work + "/current");
  std::unique_ptr<spro::IndexWriter> writer;
  if (build) {
    std::filesystem::remove_all(work);
    auto w = spro::IndexWriter::open(work, spro::IndexWriter::Mode::kRebuild);
    if (!w.ok()) {
      std::fprintf(stderr, "%s\n", w.status().message().c_str());
      return 1;
    }
    writer = std::move(*w);
  }
  for (std::string line; std::getline(in, line);) {
    std::vector<spro::FieldError> errors;
    auto r = spro::parse_resource(line, errors);
    if (!r) continue;
    if (r->kind == "metier" && r->codes.contains("rome")) jobs.emplace_back(r->id, r->title.substr(0, r->title.find(" / ")));
    if (r->kind == "formation" && !r->territories.empty() && r->territories[0].starts_with("com:")) {
      communes.push_back(r->territories[0]);
    }
    if (writer && !writer->add(*r).ok()) return 1;
  }
  if (writer && !writer->commit().ok()) return 1;
  if (jobs.empty() || communes.empty()) {
    std::fprintf(stderr, "the corpus has no job sheet or no located training\n");
    return 1;
  }
  std::mt19937 rnd(42);
  for (int i = 0; i < 200; ++i) {
    auto& [id, title] = jobs[rnd() % jobs.size()];
    cases.push_back({id, title, communes[rnd() % communes.size()]});
  }
  auto s = spro::Searcher::open(work);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.status().message().c_str());
    return 1;
  }
  searcher = std::move(*s);
  // Warm-up: tables loaded on first use, caches.
  for (const Case& c : cases) {
    spro::PathwayRequest r;
    r.territories = {c.commune};
    (void)searcher->pathway(c.job_id, r);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  searcher.reset();
  if (!keep) std::filesystem::remove_all(work);
  return 0;
}
