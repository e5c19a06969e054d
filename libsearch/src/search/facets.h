// Exact facet counting over a whole match set. Internal.
//
// Every match of a faceted query is counted, so reading each match's values
// from Xapian (a B-tree lookup per document and slot) made faceted queries
// several times slower than plain ones. The facet slots of every document
// are instead held in memory, as Lucene's FieldCache does, loaded once per
// index revision. They are kept by document, not by slot: matches come in
// document order, so counting one reads the next few bytes of one array
// rather than two arrays per facet.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace spro::search {

// Where a facet's values are: a list-valued slot (values joined by '\n';
// see schema.h), or the boolean terms of a prefix, the value following it
// (the interest centres of job sheets are codes, "XCinterest:17": already
// terms, they need no slot of their own, nor a rebuilt index).
struct Column {
  Column(Xapian::valueno s) : slot(s) {}  // NOLINT: a slot is a column
  static Column terms(std::string_view prefix) {
    Column c(Xapian::BAD_VALUENO);
    c.term_prefix = prefix;
    return c;
  }
  bool operator==(const Column&) const = default;
  Xapian::valueno slot;
  std::string_view term_prefix;
};

// The values of some columns of every document of one index revision.
class FacetColumns {
 public:
  // One value of one document: the slot's place in load()'s list (high
  // byte) and the value's number in that slot (low 24 bits). Facet columns
  // hold kinds, publics, levels, départements, communes, sources and
  // interest centres: far fewer than 2^24 distinct values each.
  using Entry = uint32_t;
  static size_t slot_of(Entry e) { return e >> 24; }
  static uint32_t value_of(Entry e) { return e & 0xFFFFFF; }

  static std::shared_ptr<const FacetColumns> load(const Xapian::Database& db, const std::vector<Column>& columns);

  // The place of `column` in load()'s list; -1 when it was not loaded.
  int index_of(const Column& column) const;
  // The values of slot `index`, by number.
  const std::vector<std::string>& names(size_t index) const { return names_[index]; }
  // The values of a document, every slot's.
  std::span<const Entry> row(Xapian::docid did) const {
    if (did + 1 >= begin_.size()) return {};
    return {entries_.data() + begin_[did], entries_.data() + begin_[did + 1]};
  }

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> names_;
  std::vector<uint32_t> begin_;  // row of d: entries_[begin_[d], begin_[d + 1])
  std::vector<Entry> entries_;
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
  explicit FacetCountSpy(const FacetColumns& columns);
  // Facets are numbered in the order they are added; `column` must have
  // been loaded. `selected`: the values the request filters this facet on
  // (any of them), or empty.
  size_t add_facet(const Column& column, const std::vector<std::string>& selected = {});
  void operator()(const Xapian::Document& doc, double /*weight*/) override { add(doc.get_docid()); }
  // Counts one matching document.
  void add(Xapian::docid did);
  // Documents meeting every selection.
  size_t total() const { return total_; }
  // The values of a facet seen at least once, with their counts.
  std::map<std::string, size_t> counts(size_t facet) const;

 private:
  struct Facet {
    size_t index;                // in the columns
    std::vector<char> selected;  // by value number, when the facet has a selection
    std::vector<size_t> counts;  // by value number
  };

  const FacetColumns& columns_;
  std::vector<Facet> facets_;
  std::vector<int> facet_of_index_;  // column index -> facet, or -1
  uint32_t with_selection_ = 0;      // bit f: facet f has a selection
  size_t total_ = 0;
};

}  // namespace spro::search
