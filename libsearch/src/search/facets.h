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

// Counts the values of one column over the documents it sees: a document
// with several values counts once for each.
class ColumnCountSpy : public Xapian::MatchSpy {
 public:
  explicit ColumnCountSpy(const FacetColumns::Column& column) : column_(column), counts_(column.names.size()) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  // Values seen at least once, with their counts.
  std::map<std::string, size_t> counts() const;

 private:
  const FacetColumns::Column& column_;
  std::vector<size_t> counts_;
};

}  // namespace spro::search
