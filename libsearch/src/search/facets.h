// Exact facet counting over a whole match set. Internal.
//
// Every match of a faceted query is counted, so reading each match's values
// from Xapian (a B-tree lookup per document and slot) made faceted queries
// several times slower than plain ones. The facet slots of every document
// are instead held in memory, as Lucene's FieldCache does, loaded once per
// index revision; counting a match reads two arrays.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace spro::search {

// The values of some list-valued slots (values joined by '\n'; see
// schema.h) of every document of one index revision.
class FacetColumns {
 public:
  struct Column {
    // The values of document d are names[ids[i]] for i in [begin[d], begin[d+1]).
    std::vector<uint32_t> begin;
    std::vector<uint32_t> ids;
    std::vector<std::string> names;
  };

  static std::shared_ptr<const FacetColumns> load(const Xapian::Database& db, const std::vector<Xapian::valueno>& slots);

  // nullptr for a slot that was not loaded.
  const Column* column(Xapian::valueno slot) const;

 private:
  std::map<Xapian::valueno, Column> columns_;
};

// Counts facets over a match set in one pass, the way Lucene's "drill
// sideways" does: the pass runs without the facets' own filters, and a
// document meeting every selection counts in every facet (and in the
// total), while one missing exactly one facet's selection counts only in
// that facet. So each facet with a selection is counted as if its own
// filter were off (disjunctive facets), without a pass of its own. A
// document with several values counts once for each.
class FacetCountSpy : public Xapian::MatchSpy {
 public:
  // Facets are numbered in the order they are added. `selected`: the
  // values the request filters this facet on (any of them), or empty.
  size_t add_facet(const FacetColumns::Column& column, const std::vector<std::string>& selected = {});
  void operator()(const Xapian::Document& doc, double /*weight*/) override { add(doc.get_docid()); }
  // Counts one matching document.
  void add(Xapian::docid did);
  // Documents meeting every selection.
  size_t total() const { return total_; }
  // The values of a facet seen at least once, with their counts.
  std::map<std::string, size_t> counts(size_t facet) const;

 private:
  struct Facet {
    const FacetColumns::Column* column;
    std::vector<bool> selected;  // by value id; empty when no selection
    std::vector<size_t> counts;  // by value id
  };
  bool meets_selection(const Facet& f, size_t did) const;
  void count(Facet& f, size_t did);

  std::vector<Facet> facets_;
  size_t total_ = 0;
};

}  // namespace spro::search
