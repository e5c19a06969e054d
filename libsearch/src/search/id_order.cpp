#include "search/id_order.h"

#include <algorithm>
#include <limits>
#include <string_view>

namespace spro::search {

std::shared_ptr<IdOrder> IdOrder::load(const Xapian::Database& db, Xapian::valueno id_slot) {
  // Every id end to end in one buffer, then their places sorted: keeping a
  // string per id would hold a million allocations at 1M resources.
  struct Place {
    size_t begin;
    size_t size;
    Xapian::docid did;
  };
  std::string ids;
  std::vector<Place> places;
  for (auto v = db.valuestream_begin(id_slot); v != db.valuestream_end(id_slot); ++v) {
    const std::string id = *v;
    places.push_back({ids.size(), id.size(), v.get_docid()});
    ids += id;
  }
  auto id_of = [&](const Place& p) { return std::string_view(ids).substr(p.begin, p.size); };
  std::sort(places.begin(), places.end(), [&](const Place& a, const Place& b) { return id_of(a) < id_of(b); });

  auto out = std::make_shared<IdOrder>();
  out->rank_.assign(static_cast<size_t>(db.get_lastdocid()) + 1, std::numeric_limits<uint32_t>::max());
  for (size_t i = 0; i < places.size(); ++i) out->rank_[places[i].did] = static_cast<uint32_t>(i);
  return out;
}

std::string IdOrder::operator()(const Xapian::Document& doc) const {
  const Xapian::docid did = doc.get_docid();
  const uint32_t rank = did < rank_.size() ? rank_[did] : std::numeric_limits<uint32_t>::max();
  // Big-endian, so that byte order is number order.
  const char key[4] = {static_cast<char>(rank >> 24), static_cast<char>(rank >> 16), static_cast<char>(rank >> 8),
                       static_cast<char>(rank)};
  return std::string(key, sizeof key);
}

}  // namespace spro::search
