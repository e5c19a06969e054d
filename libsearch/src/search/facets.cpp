#include "search/facets.h"

#include <algorithm>
#include <unordered_map>

#include "index/schema.h"

namespace spro::search {

std::shared_ptr<const FacetColumns> FacetColumns::load(const Xapian::Database& db,
                                                       const std::vector<Column>& columns) {
  auto out = std::make_shared<FacetColumns>();
  out->columns_ = columns;
  out->names_.resize(columns.size());
  const size_t rows = static_cast<size_t>(db.get_lastdocid()) + 1;
  // Each slot is read as a stream (document order), then the entries are
  // placed by document: counted, then filled in.
  std::vector<std::pair<Xapian::docid, Entry>> read;
  for (size_t index = 0; index < columns.size(); ++index) {
    std::unordered_map<std::string, uint32_t> number_of;
    auto& names = out->names_[index];
    if (const std::string prefix(columns[index].term_prefix); !prefix.empty()) {
      // One value per term, its documents read from its posting list.
      for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const auto number = static_cast<uint32_t>(names.size());
        names.push_back((*t).substr(prefix.size()));
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
          read.emplace_back(*p, static_cast<Entry>(index << 24) | number);
        }
      }
      continue;
    }
    const Xapian::valueno slot = columns[index].slot;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
      const std::string joined = *v;
      for (std::string_view name : schema::split_list(joined)) {
        if (name.empty()) continue;
        auto [it, added] = number_of.try_emplace(std::string(name), static_cast<uint32_t>(names.size()));
        if (added) names.emplace_back(name);
        read.emplace_back(v.get_docid(), static_cast<Entry>(index << 24) | it->second);
      }
    }
  }
  out->begin_.assign(rows + 1, 0);
  for (const auto& [did, entry] : read) ++out->begin_[did + 1];
  for (size_t d = 1; d <= rows; ++d) out->begin_[d] += out->begin_[d - 1];
  out->entries_.resize(read.size());
  std::vector<uint32_t> next(out->begin_.begin(), out->begin_.end() - 1);
  for (const auto& [did, entry] : read) out->entries_[next[did]++] = entry;
  return out;
}

int FacetColumns::index_of(const Column& column) const {
  auto it = std::find(columns_.begin(), columns_.end(), column);
  return it == columns_.end() ? -1 : static_cast<int>(it - columns_.begin());
}

FacetCountSpy::FacetCountSpy(const FacetColumns& columns) : columns_(columns) {}

size_t FacetCountSpy::add_facet(const Column& column, const std::vector<std::string>& selected) {
  const size_t index = static_cast<size_t>(columns_.index_of(column));
  const auto& names = columns_.names(index);
  Facet f{index, {}, std::vector<size_t>(names.size())};
  if (!selected.empty()) {
    f.selected.assign(names.size(), 0);
    for (size_t n = 0; n < names.size(); ++n) {
      f.selected[n] = std::find(selected.begin(), selected.end(), names[n]) != selected.end();
    }
    with_selection_ |= 1u << facets_.size();
  }
  if (facet_of_index_.size() <= index) facet_of_index_.resize(index + 1, -1);
  facet_of_index_[index] = static_cast<int>(facets_.size());
  facets_.push_back(std::move(f));
  return facets_.size() - 1;
}

void FacetCountSpy::add(Xapian::docid did) {
  const auto row = columns_.row(did);
  auto facet_of = [&](FacetColumns::Entry e) {
    const size_t index = FacetColumns::slot_of(e);
    return index < facet_of_index_.size() ? facet_of_index_[index] : -1;
  };
  uint32_t met = 0;
  if (with_selection_) {
    for (FacetColumns::Entry e : row) {
      const int f = facet_of(e);
      if (f >= 0 && (with_selection_ >> f & 1) && facets_[f].selected[FacetColumns::value_of(e)]) met |= 1u << f;
    }
  }
  const uint32_t missed = with_selection_ & ~met;
  if (missed & (missed - 1)) return;  // misses two selections: counts nowhere
  if (!missed) ++total_;
  for (FacetColumns::Entry e : row) {
    const int f = facet_of(e);
    // Every facet, or only the one whose selection it misses.
    if (f >= 0 && (!missed || missed == 1u << f)) ++facets_[f].counts[FacetColumns::value_of(e)];
  }
}

std::map<std::string, size_t> FacetCountSpy::counts(size_t facet) const {
  const Facet& f = facets_.at(facet);
  const auto& names = columns_.names(f.index);
  std::map<std::string, size_t> out;
  for (size_t i = 0; i < f.counts.size(); ++i) {
    if (f.counts[i] > 0) out.emplace(names[i], f.counts[i]);
  }
  return out;
}

}  // namespace spro::search
