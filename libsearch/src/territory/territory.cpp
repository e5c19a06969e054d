#include "territory/territory.h"

#include <algorithm>
#include <set>

#include "territory/reference.h"
#include "util/strings.h"

namespace spro::territory {

namespace {

bool is_overseas(std::string_view three_digits) {
  return three_digits.size() == 3 && util::all_digits(three_digits) && three_digits[0] == '9' &&
         (three_digits[1] == '7' || three_digits[1] == '8');
}

}  // namespace

bool is_territory_code(std::string_view code) {
  if (code == "fr") return true;
  auto colon = code.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view type = code.substr(0, colon);
  std::string_view v = code.substr(colon + 1);
  // Overseas collectivities (975, 977, 978, 984-989) are both a région and a
  // département with a 3-digit code.
  if (type == "reg") return (v.size() == 2 && util::all_digits(v)) || is_overseas(v);
  if (type == "dep") return (v.size() == 2 && (util::all_digits(v) || v == "2A" || v == "2B")) || is_overseas(v);
  if (type == "com") {
    return v.size() == 5 && (util::all_digits(v) || ((v.starts_with("2A") || v.starts_with("2B")) && util::all_digits(v.substr(2))));
  }
  if (type == "epci") return v.size() == 9 && util::all_digits(v);
  return false;
}

const std::vector<Departement>& departements() {
  static const std::vector<Departement> all = [] {
    std::vector<Departement> v = {
#include "territory/departements.inc"
    };
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    return v;
  }();
  return all;
}

const Departement* find_departement(std::string_view code) {
  const auto& all = departements();
  auto it = std::lower_bound(all.begin(), all.end(), code,
                             [](const Departement& d, std::string_view c) { return d.code < c; });
  return it != all.end() && it->code == code ? &*it : nullptr;
}

std::string_view departement_of_commune(std::string_view insee) {
  if (insee.size() != 5) return {};
  // Overseas communes carry a 3-digit département (97105 -> 971).
  return insee.substr(0, 2) == "97" || insee.substr(0, 2) == "98" ? insee.substr(0, 3)
                                                                   : insee.substr(0, 2);
}

std::vector<std::string> with_ancestors(std::string_view code) {
  std::vector<std::string> out{std::string(code)};
  if (code == "fr") return out;
  const Reference& ref = Reference::get();
  std::string_view value = code.substr(code.find(':') + 1);
  std::vector<std::string> deps;
  if (code.starts_with("com:")) {
    const Commune* c = ref.commune(value);
    // An arrondissement (13201) or a former commune is inside the commune
    // it belongs to (13055).
    if (c && c->type != 'C' && !c->parent.empty()) {
      out.push_back("com:" + std::string(c->parent));
      if (const Commune* parent = ref.commune(c->parent)) c = parent;
    }
    if (c && !c->epci.empty()) out.push_back("epci:" + std::string(c->epci));
    deps.emplace_back(c ? c->departement : departement_of_commune(value));
  } else if (code.starts_with("epci:")) {
    deps = ref.epci_departements(value);
  } else if (code.starts_with("dep:")) {
    out.clear();
    deps.emplace_back(value);
  }
  // Overseas collectivities (975, 987...) are their own région: both codes
  // apply. An EPCI across départements is inside their région only when
  // they share one.
  std::set<std::string_view> regions;
  for (const auto& d : deps) {
    if (const Departement* dep = find_departement(d)) regions.insert(dep->region_code);
  }
  if (deps.size() == 1 && find_departement(deps[0])) out.push_back("dep:" + deps[0]);
  if (regions.size() == 1) out.push_back("reg:" + std::string(*regions.begin()));
  out.push_back("fr");
  if (out.front() != code) out.insert(out.begin(), std::string(code));
  return out;
}

}  // namespace spro::territory
