#include "search/facets.h"

#include <algorithm>
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

size_t FacetCountSpy::add_facet(const FacetColumns::Column& column, const std::vector<std::string>& selected) {
  Facet f{&column, {}, std::vector<size_t>(column.names.size())};
  if (!selected.empty()) {
    // One spare entry: a selection stays one (non-empty) even when no
    // document has a value in this column.
    f.selected.assign(column.names.size() + 1, false);
    for (size_t id = 0; id < column.names.size(); ++id) {
      f.selected[id] = std::find(selected.begin(), selected.end(), column.names[id]) != selected.end();
    }
  }
  facets_.push_back(std::move(f));
  return facets_.size() - 1;
}

bool FacetCountSpy::meets_selection(const Facet& f, size_t did) const {
  if (f.selected.empty()) return true;
  const auto& c = *f.column;
  if (did + 1 >= c.begin.size()) return false;
  for (uint32_t i = c.begin[did]; i < c.begin[did + 1]; ++i) {
    if (f.selected[c.ids[i]]) return true;
  }
  return false;
}

void FacetCountSpy::count(Facet& f, size_t did) {
  const auto& c = *f.column;
  if (did + 1 >= c.begin.size()) return;
  for (uint32_t i = c.begin[did]; i < c.begin[did + 1]; ++i) ++f.counts[c.ids[i]];
}

void FacetCountSpy::add(Xapian::docid did) {
  Facet* missed = nullptr;
  for (Facet& f : facets_) {
    if (meets_selection(f, did)) continue;
    if (missed) return;  // misses two selections: counts nowhere
    missed = &f;
  }
  if (missed) {
    count(*missed, did);
    return;
  }
  ++total_;
  for (Facet& f : facets_) count(f, did);
}

std::map<std::string, size_t> FacetCountSpy::counts(size_t facet) const {
  const Facet& f = facets_.at(facet);
  std::map<std::string, size_t> out;
  for (size_t i = 0; i < f.counts.size(); ++i) {
    if (f.counts[i] > 0) out.emplace(f.column->names[i], f.counts[i]);
  }
  return out;
}

}  // namespace spro::search
