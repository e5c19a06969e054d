// Analyzer throughput, in bytes of French text per second, beside Xapian's
// stock TermGenerator with the French Snowball stemmer on the same text in
// the same run. Our analyzer does more per word (ICU segmentation, elision,
// accent folding, inclusive forms, a second stem for feminine words), so the
// ratio says what that costs.
//
//   build/bin/analysis_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <xapian.h>

#include "corpus.h"
#include "spro/analyzer.h"

namespace {

const std::vector<std::string>& corpus() {
  static const std::vector<std::string> texts = spro::bench::sample_texts();
  return texts;
}

void BM_SproAnalyzer(benchmark::State& state) {
  spro::Analyzer analyzer;
  const auto& texts = corpus();
  size_t tokens = 0;
  for (auto _ : state) {
    for (const auto& t : texts) {
      auto result = analyzer.analyze(t);
      tokens += result.size();
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * spro::bench::total_bytes(texts)));
  state.counters["tokens"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SproAnalyzer)->Unit(benchmark::kMillisecond);

// The same, adding every term to a Xapian document as the indexer does, so
// it compares like for like with TermGenerator below.
void BM_SproAnalyzerIntoDocument(benchmark::State& state) {
  spro::Analyzer analyzer;
  const auto& texts = corpus();
  for (auto _ : state) {
    for (const auto& t : texts) {
      Xapian::Document doc;
      for (const auto& token : analyzer.analyze(t)) {
        for (const auto& term : token.terms) doc.add_posting(term, token.position + 1);
      }
      benchmark::DoNotOptimize(doc);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * spro::bench::total_bytes(texts)));
}
BENCHMARK(BM_SproAnalyzerIntoDocument)->Unit(benchmark::kMillisecond);

// The peer: what a Xapian user gets out of the box.
void BM_XapianTermGenerator(benchmark::State& state) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("french"));
  const auto& texts = corpus();
  for (auto _ : state) {
    for (const auto& t : texts) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(t);
      benchmark::DoNotOptimize(doc);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * spro::bench::total_bytes(texts)));
}
BENCHMARK(BM_XapianTermGenerator)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
