// Indexing and query speed of spro-search beside its peers (raw Xapian,
// SQLite FTS5, Lucene++), on the same generated corpus and the same
// queries, in one run, with the bound Xapian's own writing puts on
// spro-search's indexing (xapian_write_rate()). Each query benchmark cycles
// through a list of queries of one type and reports p50/p95/p99 latency as
// counters; the "all" set is also run by 2 threads sharing one engine.
//
// Environment:
//   SPRO_BENCH_CORPUS   corpus (default build/bench-corpus/10000.jsonl, made
//                       by bench/make_corpus.py)
//   SPRO_BENCH_ENGINES  engines to measure, e.g. "spro,xapian" (default all;
//                       "floor", Xapian running spro's query, needs "spro")
//   SPRO_BENCH_WORK     where indexes are built; when set, they are kept and
//                       an index already there is reused (for profiling)
//
//   SPRO_BENCH_CORPUS=build/bench-corpus/100000.jsonl build/bin/engines_bench --benchmark_format=json
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "index/document_builder.h"
#include "index/layout.h"
#include "index/schema.h"
#include "peers.h"
#include "search/query_builder.h"
#include "spro/searcher.h"
#include "spro/thesaurus.h"

namespace {

using namespace spro::bench;
using Clock = std::chrono::steady_clock;

struct Engines {
  std::vector<std::unique_ptr<Engine>> all;
  size_t documents = 0;
};
Engines g_engines;

const std::map<std::string, std::vector<BenchQuery>>& query_sets() {
  static const std::map<std::string, std::vector<BenchQuery>> sets = [] {
    std::map<std::string, std::vector<BenchQuery>> s;
    for (const char* w : {"cuisine", "infirmier", "commerce", "logistique", "informatique", "maintenance", "vente",
                          "soins", "transport", "animation", "batiment", "comptabilite"}) {
      s["one-word"].push_back({w});
      BenchQuery faceted{w};
      faceted.facets = true;
      s["faceted"].push_back(faceted);
    }
    for (const char* w : {"\"aide soignant\"", "\"conducteur d'engins\"", "\"agent d'entretien\"", "\"technicien de maintenance\""}) {
      s["phrase"].push_back({w});
    }
    for (const char* w : {"cap cuisine", "aide soignant", "conducteur engins", "technicien maintenance industrielle",
                          "vendeur magasin", "agent entretien batiments", "assistant comptable", "developpeur informatique"}) {
      s["multi-word"].push_back({w});
      BenchQuery filtered{w};
      filtered.publics = {"jeune", "demandeur_emploi"};
      filtered.levels = {3, 4};
      s["filtered"].push_back(filtered);
      BenchQuery both = filtered;
      both.facets = true;
      s["filtered+faceted"].push_back(both);
    }
    for (const auto& [type, queries] : s) {
      if (type != "phrase") s["all"].insert(s["all"].end(), queries.begin(), queries.end());
    }
    return s;
  }();
  return sets;
}

void report_latencies(benchmark::State& state, std::vector<double>& ms) {
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  auto at = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
  state.counters["p50_ms"] = at(0.50);
  state.counters["p95_ms"] = at(0.95);
  state.counters["p99_ms"] = at(0.99);
}

void BM_Query(benchmark::State& state, Engine* engine, const std::vector<BenchQuery>* queries) {
  std::vector<double> ms;
  size_t i = state.thread_index(), hits = 0;
  for (auto _ : state) {
    auto t0 = Clock::now();
    BenchResult r = engine->search((*queries)[i++ % queries->size()], 10);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    hits += r.total;
  }
  state.SetItemsProcessed(static_cast<int64_t>(ms.size()));
  if (state.thread_index() != 0) return;
  state.counters["matches"] = static_cast<double>(hits) / std::max<size_t>(1, ms.size());
  report_latencies(state, ms);
}

// Raw Xapian running spro-search's own query (built by the library from
// the same request, with the same filters) on spro-search's index: the
// ranked pass and the ten hits' records, without what the library adds
// (exact totals, snippets, ties in id order, corrections). spro / floor is
// what the layer costs for the same work; spro / xapian also counts that
// the engines do not find the same documents (spro folds accents and joins
// feminine and masculine forms, so it finds more). One thread only: the
// Database is not shared safely.
class FloorEngine : public Engine {
 public:
  std::string name() const override { return "floor"; }
  void index(const std::vector<spro::Resource>&, const std::string&) override {}
  void open(const std::string& dir) override { db_ = Xapian::Database(spro::layout::live_generation(dir).value()); }
  BenchResult search(const BenchQuery& q, size_t k) override {
    const spro::SearchRequest request = request_of(q, k);
    spro::search::BuiltQuery built = spro::search::build_query(request, analyzer_, spro::Thesaurus::builtin(), db_);
    Xapian::Query filter = spro::search::filter_query(request);
    Xapian::Enquire enquire(db_);
    enquire.set_query(filter.empty() ? built.text : Xapian::Query(Xapian::Query::OP_FILTER, built.text, filter));
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(k));
    BenchResult out;
    out.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      out.ids.push_back(it.get_document().get_value(spro::schema::kSlotRecord));
    }
    return out;
  }

 private:
  spro::Analyzer analyzer_;
  Xapian::Database db_;
};
FloorEngine g_floor;

// spro-only request types: autocompletion, a typo corrected, near a place,
// and hostile queries (issue 18: 18 one-letter wildcards; 200 two-letter
// wildcards joined by OR, cut at 1,000 bytes) beside plain faceted queries
// of one and two words, all with facets: their ratio is what the query
// budget bounds.
std::unique_ptr<spro::Searcher> g_searcher;

void BM_SproRequest(benchmark::State& state, std::vector<spro::SearchRequest> requests) {
  std::vector<double> ms;
  size_t i = state.thread_index();
  for (auto _ : state) {
    auto t0 = Clock::now();
    auto r = g_searcher->search(requests[i++ % requests.size()]);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    benchmark::DoNotOptimize(r);
  }
  if (state.thread_index() == 0) report_latencies(state, ms);
}

void BM_SproSuggest(benchmark::State& state) {
  const char* prefixes[] = {"inf", "aide so", "cuis", "mec", "cond", "vend", "tech", "agent d"};
  std::vector<double> ms;
  size_t i = 0;
  for (auto _ : state) {
    auto t0 = Clock::now();
    auto r = g_searcher->suggest(prefixes[i++ % 8], 10);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    benchmark::DoNotOptimize(r);
  }
  report_latencies(state, ms);
}

bool wanted(const std::string& engine) {
  const char* env = std::getenv("SPRO_BENCH_ENGINES");
  if (!env || !*env) return true;
  std::string list = std::string(",") + env + ",";
  return list.find("," + engine + ",") != std::string::npos;
}

// Reads every file of an index once, so that no engine is measured on a
// cold page cache because other engines were built after it.
void warm_page_cache(const std::string& dir) {
  std::vector<char> buffer(1 << 20);
  for (const auto& f : std::filesystem::recursive_directory_iterator(dir)) {
    if (!f.is_regular_file()) continue;
    std::ifstream in(f.path(), std::ios::binary);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    }
  }
}

// Warms `engine` just before its queries, registered next (benchmarks run
// in the order they were registered): its index files read, and one query
// of each set run, so that what an engine loads on its first query (facet
// arrays, field caches) is not measured as one query's latency.
void register_warm_up(Engine* engine, const std::string& dir) {
  benchmark::RegisterBenchmark(("warm/" + engine->name()).c_str(), [engine, dir](benchmark::State& state) {
    for (auto _ : state) {
      warm_page_cache(dir);
      for (const auto& [type, queries] : query_sets()) engine->search(queries.front(), 10);
    }
  })->Iterations(1)->Unit(benchmark::kMillisecond);
}

// How fast Xapian alone writes spro's documents: those of a sample are built
// first (the analysis, untimed), then written by one thread into a fresh
// database (timed: adds, flushes, the final commit). With the analysis
// free, and every core writing a shard of its own that no merge joins, no
// build of this index could go faster than the number of cores times this
// rate: it bounds what "use both cores" can give. The sample is the start
// of the corpus: a small index is written faster, so the bound is generous.
constexpr size_t kWriteSample = 20000;
double xapian_write_rate(const std::vector<spro::Resource>& resources, const std::string& dir) {
  const size_t n = std::min(resources.size(), kWriteSample);
  spro::Analyzer analyzer;
  std::vector<spro::schema::BuiltResource> built;
  built.reserve(n);
  for (size_t i = 0; i < n; ++i) built.push_back(spro::schema::build_resource(resources[i], analyzer));
  std::filesystem::remove_all(dir);
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE);
  auto t0 = Clock::now();
  for (const auto& b : built) spro::schema::write_built(db, b, analyzer);
  db.commit();
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  db.close();
  std::filesystem::remove_all(dir);
  return n / s;
}

uintmax_t size_on_disk(const std::string& dir) {
  uintmax_t size = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(dir)) {
    if (f.is_regular_file()) size += f.file_size();
  }
  return size;
}

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
  std::string work = keep ? work_env : (std::filesystem::temp_directory_path() / "spro-engines-bench").string();
  if (!keep) std::filesystem::remove_all(work);
  auto resources = read_resources(corpus);
  const double megabytes = std::filesystem::file_size(corpus) / 1e6;
  for (auto& e : all_engines()) {
    if (wanted(e->name())) g_engines.all.push_back(std::move(e));
  }
  std::fprintf(stderr, "corpus: %zu resources, %.1f MB (%s)\n", resources.size(), megabytes, corpus.c_str());
  std::fprintf(stderr, "%-8s %12s %10s %12s\n", "engine", "records/s", "MB/s", "index MB");
  std::map<std::string, double> rate;
  for (auto& e : g_engines.all) {
    std::string dir = work + "/" + e->name();
    if (keep && std::filesystem::exists(dir)) {
      std::fprintf(stderr, "%-8s %12s %10s %12.1f (index reused)\n", e->name().c_str(), "-", "-", size_on_disk(dir) / 1e6);
    } else {
      auto t0 = Clock::now();
      e->index(resources, dir);
      double s = std::chrono::duration<double>(Clock::now() - t0).count();
      rate[e->name()] = resources.size() / s;
      std::fprintf(stderr, "%-8s %12.0f %10.2f %12.1f\n", e->name().c_str(), resources.size() / s, megabytes / s,
                   size_on_disk(dir) / 1e6);
    }
    e->open(dir);
  }
  if (rate.contains("spro") && rate.size() > 1) {
    std::fprintf(stderr, "indexing ratio");
    for (const auto& [name, r] : rate) {
      if (name != "spro") std::fprintf(stderr, " spro/%s %.2f", name.c_str(), rate["spro"] / r);
    }
    std::fprintf(stderr, "\n");
  }
  if (rate.contains("spro")) {
    const double one = xapian_write_rate(resources, work + "/xapian-writes");
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::fprintf(stderr, "Xapian writing spro's documents alone (analysis excluded, %zu resources): %.0f records/s "
                 "on one core, so at most %.0f on %u cores; spro reaches %.2f of that bound",
                 std::min(resources.size(), kWriteSample), one, one * cores, cores, rate["spro"] / (one * cores));
    for (const auto& [name, r] : rate) {
      if (name != "spro" && r > one * cores) std::fprintf(stderr, "; %s is %.1f times the bound", name.c_str(), r / (one * cores));
    }
    std::fprintf(stderr, "\n");
  }
  std::fprintf(stderr, "\n");

  const size_t documents = resources.size();
  resources.clear();
  resources.shrink_to_fit();
  for (auto& e : g_engines.all) {
    register_warm_up(e.get(), work + "/" + e->name());
    for (const auto& [type, queries] : query_sets()) {
      // FTS5 takes seconds per filtered query beyond 100k resources: the
      // mixed set, run many times by two threads, would take hours.
      if (type == "all" && e->name() == "fts5" && documents > 200000) continue;
      auto* b = benchmark::RegisterBenchmark(("query/" + type + "/" + e->name()).c_str(), BM_Query, e.get(), &queries)
                    ->Unit(benchmark::kMillisecond);
      if (type == "all") b->Threads(1)->Threads(2)->UseRealTime();
    }
  }
  if (wanted("spro") && wanted("floor")) {
    // After spro's own queries, on its warm index; not the sets with facets.
    g_floor.open(work + "/spro");
    register_warm_up(&g_floor, work + "/spro");
    for (const auto& [type, queries] : query_sets()) {
      if (type == "all" || type.find("faceted") != std::string::npos) continue;
      benchmark::RegisterBenchmark(("query/" + type + "/floor").c_str(), BM_Query, &g_floor, &queries)
          ->Unit(benchmark::kMillisecond);
    }
  }
  if (!wanted("spro")) {
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    return 0;
  }
  spro::SearcherOptions options;
  auto s = spro::Searcher::open(work + "/spro", options);
  if (s.ok()) {
    g_searcher = std::move(*s);
    std::vector<spro::SearchRequest> typos, near;
    for (const char* t : {"infirmeire", "mecanitien", "boulangre", "cuisnier"}) typos.push_back({.text = t});
    for (auto [lat, lon] : {std::pair{43.2965, 5.3698}, {45.764, 4.8357}, {48.8566, 2.3522}, {50.6292, 3.0573}}) {
      spro::SearchRequest r;
      r.text = "formation";
      r.near = spro::GeoPoint{lat, lon};
      r.radius_km = 30;
      r.sort = spro::SortOrder::kDistance;
      near.push_back(r);
    }
    // Warmed as the engines are (register_warm_up()).
    for (const auto* requests : {&typos, &near}) (void)g_searcher->search(requests->front());
    benchmark::RegisterBenchmark("spro/correction", BM_SproRequest, typos)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("spro/near", BM_SproRequest, near)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("spro/autocomplete", BM_SproSuggest)->Unit(benchmark::kMillisecond);
    std::vector<spro::SearchRequest> plain, wildcards, many_or;
    for (const char* t : {"formation", "infirmier", "aide soignant", "cuisine marseille"}) {
      plain.push_back({.text = t, .facets = true});
    }
    wildcards.push_back({.text = "a* b* c* d* e* f* g* h* i* l* m* n* o* p* r* s* t* v*", .facets = true});
    std::string ors;
    for (char a = 'a'; a <= 'z'; ++a) {
      for (char b : std::string("aeioulnrst")) ors += std::string(ors.empty() ? "" : " OR ") + a + b + "*";
    }
    many_or.push_back({.text = ors, .facets = true});
    for (const auto* requests : {&plain, &wildcards, &many_or}) (void)g_searcher->search(requests->front());
    benchmark::RegisterBenchmark("spro/plain-faceted", BM_SproRequest, plain)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("spro/hostile-18-wildcards", BM_SproRequest, wildcards)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("spro/hostile-200-or-wildcards", BM_SproRequest, many_or)->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  g_searcher.reset();
  g_engines.all.clear();
  if (!keep) std::filesystem::remove_all(work);
  return 0;
}
