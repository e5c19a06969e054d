// Exact facet counting over a whole match set. Internal.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

namespace spro::search {

// Counts the values of one list-valued slot (values joined by '\n'; see
// schema.h): a document with several values counts once for each.
class ListCountSpy : public Xapian::MatchSpy {
 public:
  explicit ListCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new ListCountSpy(slot_); }
  std::string name() const override { return "spro::ListCountSpy"; }
  const std::map<std::string, size_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, size_t> counts_;
};

}  // namespace spro::search
