// Relevance of spro-search and its peers on query sets with expected
// results (TSV: query<TAB>expected_id[,expected_id...]): Success@1,
// Success@10, MRR@10 and nDCG@10 (binary relevance), each engine fed the
// same corpus in the same run.
//
//   build/bin/relevance --corpus data/sample/resources.jsonl bench/queries/*.tsv
#include <CLI/CLI.hpp>

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

Metrics evaluate(Engine& engine, const std::vector<Judged>& qrels) {
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
  app.add_option("qrels", sets, "query sets (TSV)")->required();
  CLI11_PARSE(app, argc, argv);

  auto resources = read_resources(corpus);
  std::vector<std::unique_ptr<Engine>> engines = all_engines();
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
      Metrics m = evaluate(*e, qrels);
      std::printf("| %s | %zu | %s | %.3f | %.3f | %.3f | %.3f |\n", std::filesystem::path(path).stem().c_str(),
                  qrels.size(), e->name().c_str(), m.success1, m.success10, m.mrr10, m.ndcg10);
    }
  }
  std::filesystem::remove_all(work);
  return 0;
}
