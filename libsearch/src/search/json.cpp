#include <nlohmann/json.hpp>

#include <cmath>

#include "spro/searcher.h"

namespace spro {

std::string to_json(const SearchResponse& response) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["query"] = response.query;
  j["total"] = response.total;
  j["total_exact"] = response.total_exact;
  Json hits = Json::array();
  for (const Hit& h : response.hits) {
    Json hit;
    hit["id"] = h.id;
    hit["score"] = h.score;
    hit["title"] = h.title;
    hit["kind"] = h.kind;
    hit["source"] = h.source;
    hit["snippet"] = h.snippet;
    const Resource& r = h.resource;
    if (!r.url.empty()) hit["url"] = r.url;
    if (!r.summary.empty()) hit["summary"] = r.summary;
    hit["territories"] = r.territories;
    hit["publics"] = r.publics;
    hit["levels"] = r.levels;
    if (!r.codes.empty()) hit["codes"] = r.codes;
    if (!r.address.empty()) hit["address"] = r.address;
    if (r.location) hit["location"] = {{"lat", r.location->lat}, {"lon", r.location->lon}};
    if (!r.updated.empty()) hit["updated"] = r.updated;
    if (!r.start.empty()) hit["start"] = r.start;
    if (!h.matched.empty()) hit["matched"] = h.matched;
    if (h.distance_km) hit["distance_km"] = std::round(*h.distance_km * 100) / 100;
    if (h.group_count > 1) {
      hit["group_count"] = h.group_count;
      hit["group_ids"] = h.group_ids;
    }
    hits.push_back(std::move(hit));
  }
  j["hits"] = std::move(hits);
  Json facets = Json::object();
  Json labels = Json::object();
  for (const auto& [name, values] : response.facets) {
    // An array of pairs would keep the order too, but an object reads better
    // in every client; values are emitted by decreasing count.
    Json f = Json::object();
    for (const FacetValue& v : values) {
      f[v.value] = v.count;
      if (!v.label.empty()) labels[name][v.value] = v.label;
    }
    facets[name] = std::move(f);
  }
  j["facets"] = std::move(facets);
  // Beside the counts, so that "facets" keeps one shape for every facet.
  if (!labels.empty()) j["facet_labels"] = std::move(labels);
  j["corrected_query"] = response.corrected_query;
  j["interpreted"] = response.interpreted;
  j["notices"] = response.notices;
  if (response.pathway) {
    Json counts = Json::object();
    for (const auto& [name, count] : response.pathway->counts) counts[name] = count;
    j["pathway"] = {{"id", response.pathway->id}, {"title", response.pathway->title}, {"counts", std::move(counts)},
                    {"trainings_widened", response.pathway->trainings_widened}};
  }
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string to_json(const std::vector<Suggestion>& suggestions) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const Suggestion& s : suggestions) j.push_back({{"text", s.text}, {"id", s.id}, {"kind", s.kind}});
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::optional<SortOrder> parse_sort_order(std::string_view name) {
  if (name == "relevance") return SortOrder::kRelevance;
  if (name == "updated" || name == "date") return SortOrder::kUpdated;
  if (name == "start") return SortOrder::kStart;
  if (name == "title") return SortOrder::kTitle;
  if (name == "distance") return SortOrder::kDistance;
  return std::nullopt;
}

}  // namespace spro
