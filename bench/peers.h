// The engines compared in bench/: spro-search through its public API, and
// the peers a portal team would otherwise pick, fed the same resources and
// the same queries: raw Xapian (TermGenerator + Stem("french"), what a team
// would write on Xapian alone) and SQLite FTS5 (unicode61 with
// remove_diacritics 2, facets with GROUP BY) and Lucene++ 3.0 (elision,
// Snowball French, ASCII folding; facets counted during collection).
// Engine::search may be called from several threads at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "spro/resource.h"
#include "spro/searcher.h"

namespace spro::bench {

struct BenchQuery {
  std::string text;
  std::vector<std::string> publics;  // filters, OR-ed within, AND-ed across
  std::vector<int> levels;
  std::vector<std::string> kinds;
  bool facets = false;               // exact counts of kind, public, level
};

struct BenchResult {
  std::vector<std::string> ids;  // best first
  size_t total = 0;
  size_t facet_values = 0;       // how many facet counts were produced
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string name() const = 0;
  // Builds a fresh index of `resources` under `dir`.
  virtual void index(const std::vector<Resource>& resources, const std::string& dir) = 0;
  // Opens the index built under `dir` for searching.
  virtual void open(const std::string& dir) = 0;
  // Every word required, ranked by the engine's relevance.
  virtual BenchResult search(const BenchQuery& q, size_t k) = 0;
};

// The spro-search request of a bench query: its text, filters and facets,
// `k` hits, places not read from the text (the peers do not read them).
SearchRequest request_of(const BenchQuery& q, size_t k);

std::unique_ptr<Engine> make_spro_engine();
// spro-search with some of its options changed (a ranking rule off), under
// another name, to measure what the rule brings.
std::unique_ptr<Engine> make_spro_engine(std::string name, SearcherOptions options);
std::unique_ptr<Engine> make_xapian_engine();
std::unique_ptr<Engine> make_fts5_engine();
// Lucene++ 3.0, when the build found it (SPRO_HAVE_LUCENE).
std::unique_ptr<Engine> make_lucene_engine();

// Every engine this build can measure, spro first.
std::vector<std::unique_ptr<Engine>> all_engines();

// The text the peers index besides the title: keywords, summary and body.
std::string text_of(const Resource& r);

// Every resource of a canonical JSON Lines file.
std::vector<Resource> read_resources(const std::string& path);

}  // namespace spro::bench
