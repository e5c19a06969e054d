// Resolution of place names and codes to territories (spro/territory.h).
#include <algorithm>
#include <cctype>
#include <cmath>

#include "spro/territory.h"
#include "territory/postal.h"
#include "territory/reference.h"
#include "territory/territory.h"
#include "util/strings.h"

namespace spro {
namespace {

using territory::Commune;
using territory::Reference;

Place commune_place(const Commune& c) {
  const Reference& ref = Reference::get();
  // A former commune stands for the commune it now belongs to.
  if ((c.type == 'D' || c.type == 'S' || c.type == 'F') && !c.parent.empty()) {
    if (const Commune* parent = ref.commune(c.parent); parent && parent->type == 'C') return commune_place(*parent);
  }
  Place p{"com:" + std::string(c.code), std::string(c.name), std::nullopt, c.population};
  if (c.has_point) p.center = GeoPoint{c.lat, c.lon};
  return p;
}

// The one commune of `pool` whose normalised name, without its spaces,
// starts with `name`'s; null when none or several do.
const Commune* only_commune_named_like(const std::vector<const Commune*>& pool, std::string_view name) {
  auto squeezed = [](std::string s) {
    std::erase(s, ' ');
    return s;
  };
  std::string wanted = squeezed(std::string(name));
  const Commune* found = nullptr;
  for (const Commune* c : pool) {
    if (!squeezed(Reference::normalize_name(c->name)).starts_with(wanted)) continue;
    if (found) return nullptr;
    found = c;
  }
  return found;
}

// "2a" -> "2A"; "6" is not a département, "06" is.
std::optional<std::string> departement_code(std::string_view s) {
  std::string code(s);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (territory::find_departement(code)) return code;
  return std::nullopt;
}

void add_unique(std::vector<Place>& out, Place p) {
  if (std::none_of(out.begin(), out.end(), [&](const Place& q) { return q.code == p.code; })) out.push_back(std::move(p));
}

// Places named `name` (normalised), optionally within département `dep` or
// with postal code `postal`.
std::vector<Place> by_name(const std::string& name, std::string_view dep, std::string_view postal) {
  const Reference& ref = Reference::get();
  std::vector<Place> out;
  const bool narrowed = !dep.empty() || !postal.empty();
  const auto dep_named = narrowed ? std::nullopt : ref.departement_by_name(name);
  const auto region_named = narrowed ? std::nullopt : ref.region_by_name(name);
  // Narrowed, a village is what was asked for ("La Réunion 47700").
  for (const Commune* c : narrowed ? ref.by_name(name) : ref.places_named(name)) {
    if (!dep.empty() && c->departement != dep) continue;
    if (!postal.empty() && c->postal_codes.find(postal) == std::string_view::npos) continue;
    add_unique(out, commune_place(*c));
  }
  if (narrowed) return out;
  if (dep_named) {
    // Paris is a commune and a département of one commune: the commune.
    bool same_place = !out.empty() && out.front().code.size() >= 6 &&
                      territory::departement_of_commune(std::string_view(out.front().code).substr(4)) == *dep_named;
    if (!same_place) add_unique(out, *find_territory("dep:" + *dep_named));
  }
  // A région of one département of the same name (La Réunion, Guadeloupe):
  // the département, which the région's resources cover too.
  if (region_named && !(dep_named && territory::find_departement(*dep_named)->region_code == *region_named)) {
    add_unique(out, *find_territory("reg:" + *region_named));
  }
  return out;
}

}  // namespace

namespace territory {

std::optional<PostalCodePlace> postal_code_place(std::string_view postal) {
  if (postal.size() != 5 || !util::all_digits(postal)) return std::nullopt;
  std::vector<const Commune*> communes = Reference::get().by_postal_code(postal);
  if (communes.empty()) return std::nullopt;
  // A postal code of its own for one arrondissement (13008, 75001, 69001)
  // is that arrondissement: its city holds every such code.
  std::vector<const Commune*> arrondissements;
  std::vector<const Commune*> others;
  for (const Commune* c : communes) (c->type == 'A' ? arrondissements : others).push_back(c);
  if (arrondissements.size() == 1) return PostalCodePlace{commune_place(*arrondissements.front()), true};
  // Otherwise the communes that share it (83000: Toulon alone; 01400: six
  // villages): the most populous, which usually names the post office.
  const std::vector<const Commune*>& pool = others.empty() ? arrondissements : others;
  bool dominant = pool.size() == 1 || pool[1]->population < kDominantShare * pool.front()->population;
  return PostalCodePlace{commune_place(*pool.front()), dominant};
}

}  // namespace territory

std::optional<Place> find_territory(std::string_view code) {
  const Reference& ref = Reference::get();
  if (code == "fr") return Place{"fr", "France", std::nullopt, 0};
  if (!territory::is_territory_code(code)) return std::nullopt;
  std::string_view value = code.substr(code.find(':') + 1);
  if (code.starts_with("com:")) {
    const Commune* c = ref.commune(value);
    if (!c) return std::nullopt;
    if (c->type == 'F') return commune_place(*c);  // a former code cited by an export
    Place p{std::string(code), std::string(c->name), std::nullopt, c->population};
    if (c->has_point) p.center = GeoPoint{c->lat, c->lon};
    return p;
  }
  if (code.starts_with("dep:")) {
    const auto* d = territory::find_departement(value);
    if (!d) return std::nullopt;
    return Place{std::string(code), std::string(d->name), std::nullopt, 0};
  }
  if (code.starts_with("reg:")) {
    std::string_view name = ref.region_name(value);
    if (name.empty()) return std::nullopt;
    return Place{std::string(code), std::string(name), std::nullopt, 0};
  }
  std::string_view name = ref.epci_name(value);
  if (name.empty()) return std::nullopt;
  return Place{std::string(code), std::string(name), std::nullopt, 0};
}

std::vector<Place> territory_candidates(std::string_view text) {
  const Reference& ref = Reference::get();
  std::vector<Place> out;
  std::string trimmed(text);
  trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
  trimmed.erase(trimmed.find_last_not_of(" \t\r\n") + 1);
  if (trimmed.empty()) return out;
  if (trimmed.find(':') != std::string::npos || trimmed == "fr") {
    if (auto p = find_territory(trimmed)) out.push_back(*p);
    return out;
  }
  std::string name = Reference::normalize_name(trimmed);
  if (name == "france" || name == "national" || name == "nationale" || name == "toute la france") {
    out.push_back(*find_territory("fr"));
    return out;
  }
  // Five digits are a postal code first (13008 is Marseille 8e, not the
  // commune whose INSEE code it also is), an INSEE code otherwise.
  if (util::all_digits(name) && name.size() == 5) {
    if (auto p = territory::postal_code_place(name)) {
      out.push_back(std::move(p->place));
    } else if (const Commune* c = ref.commune(name)) {
      out.push_back(commune_place(*c));
    }
    return out;
  }
  if (util::all_digits(name) && name.size() == 9) {
    if (auto p = find_territory("epci:" + name)) out.push_back(*p);
    return out;
  }
  if (auto d = departement_code(name); d && name.size() <= 3) {
    out.push_back(*find_territory("dep:" + *d));
    return out;
  }
  out = by_name(name, {}, {});
  if (!out.empty()) return out;
  // A name an export or a person shortens ("Herblay" for Herblay-sur-Seine,
  // "Louhans" for Louhans-Châteaurenaud): the communes whose name goes on
  // from it; one is the place, several are offered as candidates.
  for (const Commune* c : ref.by_name_start(name, 6)) add_unique(out, commune_place(*c));
  if (!out.empty()) return out;
  // "Saint-Denis (93)", "Saint-Denis 974", "Valence 26000": a département
  // or postal code after the name narrows it down.
  size_t space = name.rfind(' ');
  if (space == std::string::npos) return out;
  std::string head = name.substr(0, space);
  std::string tail = name.substr(space + 1);
  // Exports lose the leading zero of postal codes ("8200" for 08200).
  if (util::all_digits(tail) && tail.size() == 4) tail = "0" + tail;
  if (util::all_digits(tail) && tail.size() == 5) {
    out = by_name(head, {}, tail);
    // A CEDEX or outdated postal code still names the département.
    if (out.empty()) out = by_name(head, territory::departement_of_commune(tail), {});
    // A renamed commune (Saint-Ouen -> Saint-Ouen-sur-Seine) keeps its postal code.
    if (out.empty()) {
      auto communes = ref.by_postal_code(tail);
      if (communes.size() == 1) out.push_back(commune_place(*communes.front()));
    }
    // A name shortened or spelled otherwise by an export ("Herblay 95220"
    // for Herblay-sur-Seine, "Terrasson-la-Villedieu" for
    // Terrasson-Lavilledieu): the one commune of that postal code whose
    // name, spaces aside, starts with it.
    if (out.empty()) {
      if (const Commune* c = only_commune_named_like(ref.by_postal_code(tail), head)) out.push_back(commune_place(*c));
    }
    // Last, the name alone when it is unambiguous.
    if (out.empty()) {
      auto named = by_name(head, {}, {});
      if (named.size() == 1) out = named;
    }
    return out;
  }
  if (auto d = departement_code(tail)) return by_name(head, *d, {});
  return out;
}

Result<Place> resolve_territory(std::string_view text) {
  std::vector<Place> candidates = territory_candidates(text);
  if (candidates.empty()) return Status::not_found("unknown territory '" + std::string(text) + "'");
  if (candidates.size() == 1) return candidates.front();
  std::string list;
  for (size_t i = 0; i < candidates.size() && i < 6; ++i) {
    const Place& p = candidates[i];
    list += (i ? ", " : "") + p.code + " " + p.name;
    if (p.code.starts_with("com:")) list += " (" + std::string(territory::departement_of_commune(std::string_view(p.code).substr(4))) + ")";
  }
  if (candidates.size() > 6) list += ", ...";
  return Status::invalid_argument("ambiguous territory '" + std::string(text) + "': " + list +
                                  "; add the département or the postal code");
}

double distance_km(const GeoPoint& a, const GeoPoint& b) {
  constexpr double kEarthRadiusKm = 6371.0088;
  constexpr double kRad = M_PI / 180.0;
  double dlat = (b.lat - a.lat) * kRad;
  double dlon = (b.lon - a.lon) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace spro
