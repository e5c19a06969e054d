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
  // The blocks shown first, nearest first in each: the matches located in
  // the commune, then those around it. A commune holding a few ("france
  // services" in Paris 20e: 2) is followed by its neighbours' (Paris 11e,
  // Montreuil), not by national resources that only share the words. A
  // listing without words is of the commune's own, and goes around it
  // only when it holds none.
  std::vector<SearchRequest> blocks;
  if (!place_alone) {
    SearchRequest in_commune = located;
    in_commune.include_wider_territories = false;
    blocks.push_back(std::move(in_commune));
  }
  SearchRequest around = located;
  around.territories.clear();
  around.radius_km = kAroundKm;
  blocks.push_back(std::move(around));

  std::vector<Xapian::Query> shown;  // filters of the blocks that matched
  auto not_shown = [&](const BuiltQuery& query) {
    return shown.empty() ? query : without(query, Xapian::Query(Xapian::Query::OP_OR, shown.begin(), shown.end()));
  };
  std::vector<Hit> hits;
  size_t skip = offset;  // matches of the blocks before the page
  size_t block_total = 0;
  bool block_exact = true;
  for (SearchRequest& block : blocks) {
    if (q.browse && !shown.empty()) break;
    block.offset = skip;
    block.limit = limit - hits.size();
    SearchResponse r = execute(block, not_shown(q));
    block_total += r.total;
    block_exact = block_exact && r.total_exact;
    skip = skip > r.total ? skip - r.total : 0;
    for (Hit& h : r.hits) hits.push_back(std::move(h));
    if (r.total > 0) shown.push_back(filter_query(block));
  }

  // Then every other match of the request, by relevance, with distances.
  SearchRequest rest = request;
  rest.near = centre;
  rest.offset = skip;
  rest.limit = limit - hits.size();
  if (!shown.empty()) rest.facets = false;  // counted below, on the whole request
  SearchResponse out = execute(rest, not_shown(q));
  out.total += block_total;
  out.total_exact = out.total_exact && block_exact;
  for (Hit& h : out.hits) {
    if (hits.size() >= limit) break;
    hits.push_back(std::move(h));
  }
  out.hits = std::move(hits);
  if (request.facets && !shown.empty()) {
    // Facets describe the request's own territory, as without the blocks.
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
