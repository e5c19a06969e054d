// Start-up cost of the territory reference (37,590 communes, parsed from
// the compiled-in data on first use by every portal process), and the cost
// of resolving a place name. The peer for the load is what every portal
// process pays anyway: opening the bundled sample index with Xapian.
//
//   build/bin/territory_bench
#include <benchmark/benchmark.h>
#include <xapian.h>

#include "spro/territory.h"
#include "territory/reference.h"

namespace {

void BM_TerritoryReferenceLoad(benchmark::State& state) {
  for (auto _ : state) {
    spro::territory::Reference reference;
    benchmark::DoNotOptimize(reference);
  }
}
BENCHMARK(BM_TerritoryReferenceLoad)->Unit(benchmark::kMillisecond);

// The first name lookup of a process also sorts the name and postal-code
// indexes.
void BM_TerritoryReferenceLoadWithNameLookups(benchmark::State& state) {
  for (auto _ : state) {
    spro::territory::Reference reference;
    benchmark::DoNotOptimize(reference.by_name("toulon"));
  }
}
BENCHMARK(BM_TerritoryReferenceLoadWithNameLookups)->Unit(benchmark::kMillisecond);

void BM_ResolvePlaceName(benchmark::State& state) {
  const char* names[] = {"toulon", "Aix-en-Provence", "st etienne", "83000", "Bouches-du-Rhône", "Saint-Denis 974"};
  (void)spro::resolve_territory("warm up");
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(spro::resolve_territory(names[i++ % 6]));
}
BENCHMARK(BM_ResolvePlaceName)->Unit(benchmark::kMicrosecond);

// Peer: opening a Xapian database (a small one) and reading its size.
void BM_XapianOpenIndex(benchmark::State& state) {
  const std::string path = SPRO_SOURCE_DIR "/build/sample-index/current";
  for (auto _ : state) {
    try {
      Xapian::Database db(path);
      benchmark::DoNotOptimize(db.get_doccount());
    } catch (const Xapian::Error& e) {
      state.SkipWithError(("run scripts/quickstart.sh first: " + e.get_description()).c_str());
      break;
    }
  }
}
BENCHMARK(BM_XapianOpenIndex)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
