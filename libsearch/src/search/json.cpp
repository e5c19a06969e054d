#include <nlohmann/json.hpp>

#include "spro/searcher.h"

namespace spro {

std::string to_json(const SearchResponse& response) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["query"] = response.query;
  j["total"] = response.total;
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
    hits.push_back(std::move(hit));
  }
  j["hits"] = std::move(hits);
  Json facets = Json::object();
  for (const auto& [name, values] : response.facets) {
    // An array of pairs would keep the order too, but an object reads better
    // in every client; values are emitted by decreasing count.
    Json f = Json::object();
    for (const FacetValue& v : values) f[v.value] = v.count;
    facets[name] = std::move(f);
  }
  j["facets"] = std::move(facets);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace spro
