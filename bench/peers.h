// The engines compared in bench/: spro-search through its public API, and
// the peers a portal team would otherwise pick, fed the same resources and
// the same queries: raw Xapian (TermGenerator + Stem("french"), the floor
// that measures the cost of our layer) and SQLite FTS5 (unicode61 with
// remove_diacritics 2, facets with GROUP BY).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "spro/resource.h"

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
  // Every word required, ranked by the engine's relevance.
  virtual BenchResult search(const BenchQuery& q, size_t k) = 0;
};

std::unique_ptr<Engine> make_spro_engine();
std::unique_ptr<Engine> make_xapian_engine();
std::unique_ptr<Engine> make_fts5_engine();

// Every resource of a canonical JSON Lines file.
std::vector<Resource> read_resources(const std::string& path);

}  // namespace spro::bench
