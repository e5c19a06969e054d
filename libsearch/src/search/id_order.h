// Equal scores in id order, at the cost of an array lookup. Internal.
//
// Pages order equal scores by id, so they stay the same across rebuilds and
// no source wins ties by being indexed first. Asking Xapian to sort by the
// id's value slot reads the id of every candidate that may enter the page
// through a value stream: 10 to 30 % of a filtered query at 1M resources,
// where the exact total makes Xapian look at a thousand candidates. The
// place of every document's id in id order is instead held in memory, once
// per index revision, and handed to Xapian as the sort key.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace spro::search {

class IdOrder : public Xapian::KeyMaker {
 public:
  // The id order of every document of `db` (value slot `id_slot`).
  static std::shared_ptr<IdOrder> load(const Xapian::Database& db, Xapian::valueno id_slot);

  // Four bytes that compare, as strings, as the document's id does; a
  // document without an id, or added since load(), sorts last.
  std::string operator()(const Xapian::Document& doc) const override;

 private:
  std::vector<uint32_t> rank_;  // by document number
};

}  // namespace spro::search
