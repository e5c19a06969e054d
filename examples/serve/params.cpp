#include "params.h"

#include <charconv>
#include <cstdio>

#include "spro/territory.h"

namespace spro::serve {
namespace {

std::vector<std::string> all(const Params& p, const std::string& name) {
  std::vector<std::string> out;
  auto [begin, end] = p.equal_range(name);
  for (auto it = begin; it != end; ++it) {
    if (!it->second.empty()) out.push_back(it->second);
  }
  return out;
}

std::string one(const Params& p, const std::string& name) {
  auto v = all(p, name);
  return v.empty() ? std::string() : v.front();
}

template <typename T>
bool number(const std::string& s, T& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

Status bad(const std::string& param, const std::string& why) {
  return Status::invalid_argument(param + ": " + why);
}

}  // namespace

Result<SearchRequest> request_from(const Params& p, const Limits& limits) {
  SearchRequest r;
  r.text = one(p, "q");
  if (r.text.size() > limits.max_query_bytes) return bad("q", "longer than " + std::to_string(limits.max_query_bytes) + " bytes");
  for (const auto& t : all(p, "territory")) {
    auto place = resolve_territory(t);
    if (!place.ok()) return bad("territory", place.status().message());
    r.territories.push_back(place->code);
  }
  if (std::string place = one(p, "place"); !place.empty()) {
    auto resolved = resolve_territory(place);
    if (!resolved.ok()) return bad("place", resolved.status().message());
    r.territories = {resolved->code};  // a commune is more precise than a département
  }
  r.publics = all(p, "public");
  r.kinds = all(p, "kind");
  r.sources = all(p, "source");
  r.interests = all(p, "interest");
  for (const auto& l : all(p, "level")) {
    auto level = parse_level(l);
    if (!level.ok()) return level.status();  // "level: 'bac+12' is not a level (...)"
    r.levels.push_back(*level);
  }
  if (std::string near = one(p, "near"); !near.empty()) {
    double lat = 0, lon = 0;
    char rest = 0;
    if (std::sscanf(near.c_str(), "%lf,%lf%c", &lat, &lon, &rest) == 2) {
      r.near = GeoPoint{lat, lon};
    } else {
      auto place = resolve_territory(near);
      if (!place.ok()) return bad("near", place.status().message());
      if (!place->center) return bad("near", place->name + " has no coordinates");
      r.near = place->center;
    }
  }
  if (std::string radius = one(p, "radius"); !radius.empty()) {
    if (!number(radius, r.radius_km)) return bad("radius", "'" + radius + "' is not a number of kilometres");
  }
  if (std::string sort = one(p, "sort"); !sort.empty()) {
    auto order = parse_sort_order(sort);
    if (!order) return bad("sort", "unknown value '" + sort + "' (one of relevance, updated, start, title, distance)");
    r.sort = *order;
  }
  if (std::string offset = one(p, "offset"); !offset.empty()) {
    if (!number(offset, r.offset)) return bad("offset", "'" + offset + "' is not a number");
    if (r.offset > limits.max_offset) return bad("offset", "at most " + std::to_string(limits.max_offset));
  }
  auto limit = limit_from(p, r.limit, limits.max_limit);
  if (!limit.ok()) return limit.status();
  r.limit = *limit;
  r.facets = one(p, "facets") != "0";
  r.detect_places = one(p, "places") != "0";
  r.detect_interests = one(p, "interests") != "0";
  r.group_identical = one(p, "group") != "0";
  r.include_wider_territories = one(p, "local") != "1";
  r.pathway_summary = one(p, "pathway") == "1";
  return r;
}

Result<size_t> limit_from(const Params& p, size_t fallback, size_t max) {
  std::string limit = one(p, "limit");
  if (limit.empty()) return fallback;
  size_t n = 0;
  if (limit.starts_with('-')) return bad("limit", "'" + limit + "' is negative (0 or more)");
  if (!number(limit, n)) return bad("limit", "'" + limit + "' is not a number");
  return std::min(n, max);
}

Result<PathwayRequest> pathway_request_from(const Params& p, const Limits& limits) {
  auto search = request_from(p, limits);
  if (!search.ok()) return search.status();
  PathwayRequest r;
  r.territories = search->territories;
  r.near = search->near;
  if (search->radius_km > 0) r.radius_km = search->radius_km;
  r.publics = search->publics;
  r.levels = search->levels;
  r.sections = all(p, "section");
  r.offset = search->offset;
  if (!one(p, "limit").empty()) r.limit = search->limit;
  return r;
}

}  // namespace spro::serve
