// Located resources around a commune, and wider territories when a
// territory has nothing (docs/territories.md, "Around a place" and
// "Widening"). Internal.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "search/query_builder.h"
#include "spro/searcher.h"

namespace spro::search {

// How far around a commune located resources are looked for.
inline constexpr double kAroundKm = 50;

// The centre to look around for: the request's one territory filter when
// it is a commune or an arrondissement with a centre, ordered by relevance,
// without a `near` of its own. nullopt otherwise.
std::optional<GeoPoint> around_centre(const SearchRequest& request);

// Runs one request with one built query (Searcher's ranked pass, facets
// and all).
using Execute = std::function<SearchResponse(const SearchRequest&, const BuiltQuery&)>;

// The request's answer with located resources looked for around its
// commune (see around_centre; any other request is just executed): first
// the matching resources located in the commune, nearest first, or, when it
// holds none, those within kAroundKm, nearest first (those within kAroundKm
// in any case when the query is only a place); then every other match of the request, by
// relevance. Hits carry their distance to the centre. Facets are those of
// the request. `place_alone`: the query text was only the place ("83000").
SearchResponse search_around(const SearchRequest& request, const BuiltQuery& query, const Execute& execute,
                             bool place_alone);

// The territories to try, in order, when `code` has no result: for a
// commune its city (arrondissements), EPCI, département, région and "fr";
// for a département its région and "fr"; nothing for "fr".
std::vector<std::string> wider_territories(const std::string& code);

// OK when every territory filter names a territory of the reference
// ("dep:99" does not); InvalidArgument naming it otherwise.
Status check_territories_exist(const SearchRequest& request);

}  // namespace spro::search
