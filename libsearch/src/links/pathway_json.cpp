#include <nlohmann/json.hpp>

#include <cmath>

#include "spro/pathway.h"

namespace spro {
namespace {

using Json = nlohmann::ordered_json;

Json hit_json(const PathwayHit& h) {
  Json j;
  j["id"] = h.hit.id;
  j["title"] = h.hit.title;
  j["kind"] = h.hit.kind;
  j["source"] = h.hit.source;
  j["score"] = h.hit.score;
  if (h.hit.distance_km) j["distance_km"] = std::round(*h.hit.distance_km * 100) / 100;
  j["via"] = h.via;
  if (!h.reach.empty()) j["reach"] = h.reach;
  const Resource& r = h.hit.resource;
  if (!r.url.empty()) j["url"] = r.url;
  if (!r.summary.empty()) j["summary"] = r.summary;
  j["territories"] = r.territories;
  j["publics"] = r.publics;
  j["levels"] = r.levels;
  if (!r.codes.empty()) j["codes"] = r.codes;
  if (!r.address.empty()) j["address"] = r.address;
  if (r.location) j["location"] = {{"lat", r.location->lat}, {"lon", r.location->lon}};
  if (!r.modalities.empty()) j["modalities"] = r.modalities;
  if (!r.start.empty()) j["start"] = r.start;
  return j;
}

}  // namespace

std::string to_json(const Pathway& pathway) {
  Json j;
  const Resource& o = pathway.origin;
  j["origin"] = {{"id", o.id}, {"title", o.title}, {"kind", o.kind}, {"source", o.source}, {"codes", o.codes}};
  Json sections = Json::array();
  for (const PathwaySection& s : pathway.sections) {
    Json section;
    section["name"] = s.name;
    if (!s.rule.empty()) section["rule"] = s.rule;
    if (!s.label.empty()) section["label"] = s.label;
    section["total"] = s.total;
    section["widened"] = s.widened;
    if (!s.widened_to.empty()) section["widened_to"] = s.widened_to;
    Json hits = Json::array();
    for (const PathwayHit& h : s.hits) hits.push_back(hit_json(h));
    section["hits"] = std::move(hits);
    sections.push_back(std::move(section));
  }
  j["sections"] = std::move(sections);
  j["notices"] = pathway.notices;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string to_json(const PathwaySummary& summary) {
  Json j;
  j["id"] = summary.id;
  j["title"] = summary.title;
  Json counts = Json::object();
  for (const auto& [name, count] : summary.counts) counts[name] = count;
  j["counts"] = std::move(counts);
  j["trainings_widened"] = summary.trainings_widened;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace spro
