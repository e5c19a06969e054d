#include "search/facets.h"

#include <unordered_map>

#include "index/schema.h"

namespace spro::search {

std::shared_ptr<const FacetColumns> FacetColumns::load(const Xapian::Database& db,
                                                       const std::vector<Xapian::valueno>& slots) {
  auto out = std::make_shared<FacetColumns>();
  const Xapian::docid last = db.get_lastdocid();
  for (Xapian::valueno slot : slots) {
    Column& c = out->columns_[slot];
    c.begin.assign(static_cast<size_t>(last) + 2, 0);
    std::unordered_map<std::string, uint32_t> id_of;
    // Documents without a value (or deleted ones) get an empty range: begin
    // is filled forward as the stream reaches each document.
    Xapian::docid next = 0;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
      const Xapian::docid did = v.get_docid();
      for (; next <= did; ++next) c.begin[next] = static_cast<uint32_t>(c.ids.size());
      const std::string joined = *v;
      for (std::string_view name : schema::split_list(joined)) {
        if (name.empty()) continue;
        auto [it, added] = id_of.try_emplace(std::string(name), static_cast<uint32_t>(c.names.size()));
        if (added) c.names.emplace_back(name);
        c.ids.push_back(it->second);
      }
    }
    for (; next < c.begin.size(); ++next) c.begin[next] = static_cast<uint32_t>(c.ids.size());
  }
  return out;
}

const FacetColumns::Column* FacetColumns::column(Xapian::valueno slot) const {
  auto it = columns_.find(slot);
  return it == columns_.end() ? nullptr : &it->second;
}

void ColumnCountSpy::operator()(const Xapian::Document& doc, double) {
  const size_t did = doc.get_docid();
  if (did + 1 >= column_.begin.size()) return;
  for (uint32_t i = column_.begin[did]; i < column_.begin[did + 1]; ++i) ++counts_[column_.ids[i]];
}

std::map<std::string, size_t> ColumnCountSpy::counts() const {
  std::map<std::string, size_t> out;
  for (size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] > 0) out.emplace(column_.names[i], counts_[i]);
  }
  return out;
}

}  // namespace spro::search
