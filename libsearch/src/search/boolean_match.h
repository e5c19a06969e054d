// Every document matching a query, without scores. Internal.
//
// Counting facets needs each match once and no weight. Xapian's matcher
// costs about three times the posting lists it reads even with BoolWeight
// (it is built to rank), so queries made only of terms and boolean
// operators are run here over posting iterators directly, leapfrogging
// with skip_to() like any search engine's conjunction.
#pragma once

#include <xapian.h>

#include <memory>

namespace spro::search {

class BooleanMatcher {
 public:
  // A matcher for `query`, or nullptr when it holds anything but terms,
  // match-all, AND, OR, SYNONYM, MAX, FILTER, AND_NOT, AND_MAYBE and
  // SCALE_WEIGHT (a phrase, a wildcard, a posting source...): Xapian's
  // matcher must run those.
  static std::unique_ptr<BooleanMatcher> compile(const Xapian::Database& db, const Xapian::Query& query);

  // The next matching document, in increasing order; 0 after the last.
  Xapian::docid next();

  // Whether the query has a conjunction (AND, FILTER, AND_NOT) of several
  // parts. Then finding a match may mean skipping through many postings
  // that do not match; otherwise each posting read is a match.
  bool conjunctive() const;

  class Node;
  ~BooleanMatcher();

 private:
  explicit BooleanMatcher(std::unique_ptr<Node> root);
  std::unique_ptr<Node> root_;
  Xapian::docid last_ = 0;
  bool done_ = false;
};

}  // namespace spro::search
