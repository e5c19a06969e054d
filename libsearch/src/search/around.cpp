#include "search/around.h"

#include <algorithm>

#include "index/schema.h"
#include "spro/territory.h"
#include "territory/territory.h"

namespace spro::search {
namespace {

// The text query less the resources of a block already shown.
BuiltQuery without(const BuiltQuery& q, const Xapian::Query& block) {
  BuiltQuery out = q;
  out.text = Xapian::Query(Xapian::Query::OP_AND_NOT, q.text, block);
  return out;
}

}  // namespace

std::optional<GeoPoint> around_centre(const SearchRequest& r) {
  if (r.territories.size() != 1 || r.near || r.sort != SortOrder::kRelevance || !r.include_wider_territories) {
    return std::nullopt;
  }
  if (!r.territories[0].starts_with("com:")) return std::nullopt;
  std::optional<Place> place = find_territory(r.territories[0]);
  if (!place) return std::nullopt;
  return place->center;
}

SearchResponse search_around(const SearchRequest& request, const BuiltQuery& q, const Execute& execute,
                             bool place_alone) {
  std::optional<GeoPoint> centre = around_centre(request);
  if (!centre) return execute(request, q);

  const size_t offset = request.offset;
  const size_t limit = request.limit;
  SearchRequest located = request;
  located.near = centre;
  located.sort = SortOrder::kDistance;
  located.facets = false;
  located.offset = offset;
  located.limit = limit;
  // The block shown first: the matches located in the commune, or else
  // (and for a place alone) those around it.
  SearchRequest block = located;
  block.include_wider_territories = false;
  SearchResponse first;
  bool have_block = false;
  if (!place_alone) {
    first = execute(block, q);
    have_block = first.total > 0;
  }
  if (!have_block) {
    block = located;
    block.territories.clear();
    block.radius_km = kAroundKm;
    first = execute(block, q);
  }
  const size_t shown_from_block = first.hits.size();

  // Then every other match of the request, by relevance, with distances.
  SearchRequest rest = request;
  rest.near = centre;
  rest.offset = offset > first.total ? offset - first.total : 0;
  rest.limit = limit > shown_from_block ? limit - shown_from_block : 0;
  if (first.total > 0) rest.facets = false;  // counted below, on the whole request
  SearchResponse second;
  if (first.total > 0) {
    Xapian::Query in_block = filter_query(block);
    second = execute(rest, without(q, in_block));
  } else {
    second = execute(rest, q);
  }
  SearchResponse out = std::move(second);
  out.total += first.total;
  out.total_exact = out.total_exact && first.total_exact;
  std::vector<Hit> hits = std::move(first.hits);
  for (Hit& h : out.hits) {
    if (hits.size() >= limit) break;
    hits.push_back(std::move(h));
  }
  out.hits = std::move(hits);
  if (request.facets && first.total > 0) {
    // Facets describe the request's own territory, as without this block.
    SearchRequest counted = request;
    counted.limit = 0;
    out.facets = execute(counted, q).facets;
  }
  return out;
}

std::vector<std::string> wider_territories(const std::string& code) {
  std::vector<std::string> out = territory::with_ancestors(code);
  std::erase(out, code);
  return out;
}

Status check_territories_exist(const SearchRequest& request) {
  for (const auto& t : request.territories) {
    if (!find_territory(t)) return Status::invalid_argument("territory: unknown territory '" + t + "'");
  }
  return Status();
}

}  // namespace spro::search
