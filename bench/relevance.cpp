// Relevance of spro-search and its peers on query sets with expected
// results (TSV: query<TAB>expected_id[,expected_id...]): Success@1,
// Success@10, MRR@10 and nDCG@10 (binary relevance), each engine fed the
// same corpus in the same run.
//
//   build/bin/relevance --corpus data/sample/resources.jsonl bench/queries/*.tsv
//
// --without RULE (proximity, completion of short pages) adds spro with that ranking rule turned off,
// as one more engine of the same run: the rule's before and after.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "peers.h"

namespace {

using namespace spro::bench;

struct Judged {
  std::string query;
  std::set<std::string> relevant;
};

std::vector<Judged> read_qrels(const std::string& path) {
  std::vector<Judged> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    Judged j{line.substr(0, tab), {}};
    std::string ids = line.substr(tab + 1);
    size_t start = 0;
    while (start <= ids.size()) {
      size_t comma = ids.find(',', start);
      j.relevant.insert(ids.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    out.push_back(std::move(j));
  }
  return out;
}

struct Metrics {
  double success1 = 0, success10 = 0, mrr10 = 0, ndcg10 = 0;
};

// `misses`, when open, gets each query whose expected result is not first:
// its rank (0: not in the first ten), what came instead and the total.
Metrics evaluate(Engine& engine, const std::vector<Judged>& qrels, std::ofstream* misses = nullptr) {
  Metrics m;
  for (const Judged& j : qrels) {
    BenchQuery q;
    q.text = j.query;
    BenchResult r = engine.search(q, 10);
    double dcg = 0, first = 0;
    for (size_t i = 0; i < r.ids.size() && i < 10; ++i) {
      if (!j.relevant.contains(r.ids[i])) continue;
      dcg += 1.0 / std::log2(i + 2.0);
      if (first == 0) first = 1.0 / (i + 1);
    }
    double ideal = 0;
    for (size_t i = 0; i < j.relevant.size() && i < 10; ++i) ideal += 1.0 / std::log2(i + 2.0);
    m.success1 += !r.ids.empty() && j.relevant.contains(r.ids[0]);
    m.success10 += first > 0;
    m.mrr10 += first;
    m.ndcg10 += ideal > 0 ? dcg / ideal : 0;
    if (misses && first < 1) {
      *misses << j.query << '\t' << *j.relevant.begin() << '\t' << (first > 0 ? std::lround(1 / first) : 0) << '\t';
      for (size_t i = 0; i < r.ids.size() && i < 3; ++i) *misses << (i ? "," : "") << r.ids[i];
      *misses << '\t' << r.total << '\n';
    }
  }
  double n = qrels.empty() ? 1 : static_cast<double>(qrels.size());
  return {m.success1 / n, m.success10 / n, m.mrr10 / n, m.ndcg10 / n};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Relevance of spro-search and its peers"};
  std::string corpus = SPRO_SOURCE_DIR "/data/sample/resources.jsonl";
  std::vector<std::string> sets;
  std::string work = std::filesystem::temp_directory_path() / "spro-relevance";
  app.add_option("--corpus", corpus, "canonical JSON Lines");
  app.add_option("--work", work, "folder for the indexes");
  std::string misses_path;
  app.add_option("--misses", misses_path, "write the queries spro does not answer first here (query, expected, its rank or 0, first three, total)");
  std::vector<std::string> without;
  app.add_option("--without", without, "also spro with this ranking rule off")
      ->check(CLI::IsMember({"proximity", "completion"}))
      ->delimiter(',')
      ->allow_extra_args(false);
  std::vector<std::string> only;
  app.add_option("--engines", only, "only these engines (spro, xapian, fts5, lucene)")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_option("qrels", sets, "query sets (TSV)")->required();
  CLI11_PARSE(app, argc, argv);

  auto resources = read_resources(corpus);
  std::vector<std::unique_ptr<Engine>> engines = all_engines();
  if (!only.empty()) {
    std::erase_if(engines, [&](const auto& e) { return std::find(only.begin(), only.end(), e->name()) == only.end(); });
  }
  for (const std::string& rule : without) {
    spro::SearcherOptions options;
    if (rule == "proximity") options.proximity_ranking = false;
    if (rule == "completion") options.complete_short_pages = false;
    engines.insert(engines.begin() + std::min<ptrdiff_t>(1, std::ssize(engines)), make_spro_engine("spro without " + rule, options));
  }
  std::filesystem::remove_all(work);
  for (auto& e : engines) {
    e->index(resources, work + "/" + e->name());
    e->open(work + "/" + e->name());
  }

  std::printf("corpus: %zu resources (%s)\n\n", resources.size(), corpus.c_str());
  std::printf("| query set | queries | engine | Success@1 | Success@10 | MRR@10 | nDCG@10 |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (const auto& path : sets) {
    auto qrels = read_qrels(path);
    for (auto& e : engines) {
      std::ofstream misses;
      if (!misses_path.empty() && e == engines.front()) misses.open(misses_path, std::ios::app);
      Metrics m = evaluate(*e, qrels, misses.is_open() ? &misses : nullptr);
      std::printf("| %s | %zu | %s | %.3f | %.3f | %.3f | %.3f |\n", std::filesystem::path(path).stem().c_str(),
                  qrels.size(), e->name().c_str(), m.success1, m.success10, m.mrr10, m.ndcg10);
    }
  }
  std::filesystem::remove_all(work);
  return 0;
}
