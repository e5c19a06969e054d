// The French territories: communes, départements, régions and EPCI, with
// their names, postal codes and coordinates (data/territories, compiled in).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spro/resource.h"
#include "spro/status.h"

namespace spro {

struct Place {
  std::string code;   // typed code: "com:83137", "dep:13", "reg:93", "epci:...", "fr"
  std::string name;   // "Toulon", "Bouches-du-Rhône"
  std::optional<GeoPoint> center;  // communes only
  unsigned population = 0;         // communes only
};

// Resolves what a person or a partner file wrote to one territory:
//   a typed code ("com:83137", "dep:13"), an INSEE code ("83137"), a postal
//   code ("83000"), a commune name, case- and accent-insensitive, "St" for
//   "Saint" ("st etienne"), disambiguated by département ("Saint-Denis (93)",
//   "Saint-Denis 974") or postal code ("Valence 26000"), a département number
//   or name ("13", "2A", "Bouches-du-Rhône"), a région name, an EPCI SIREN,
//   "France" or "national".
// A bare two-digit number is a département (use "reg:93" for a région).
// NotFound when nothing matches; InvalidArgument when several places
// match, with the candidates in the message. Thread-safe; the reference is
// loaded on first use.
Result<Place> resolve_territory(std::string_view text);

// Every place the text could mean, most populous first (empty if none).
std::vector<Place> territory_candidates(std::string_view text);

// The place with that typed code, or nullopt.
std::optional<Place> find_territory(std::string_view code);

// Great-circle distance in kilometres.
double distance_km(const GeoPoint& a, const GeoPoint& b);

}  // namespace spro
