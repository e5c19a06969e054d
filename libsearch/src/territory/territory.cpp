#include "territory/territory.h"

#include <algorithm>

namespace spro::territory {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_overseas(std::string_view three_digits) {
  return three_digits.size() == 3 && all_digits(three_digits) && three_digits[0] == '9' &&
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
  if (type == "reg") return (v.size() == 2 && all_digits(v)) || is_overseas(v);
  if (type == "dep") return (v.size() == 2 && (all_digits(v) || v == "2A" || v == "2B")) || is_overseas(v);
  if (type == "com") {
    return v.size() == 5 && (all_digits(v) || ((v.starts_with("2A") || v.starts_with("2B")) && all_digits(v.substr(2))));
  }
  if (type == "epci") return v.size() == 9 && all_digits(v);
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
  std::string_view value = code.substr(code.find(':') + 1);
  const Departement* dep = nullptr;
  if (code.starts_with("com:")) {
    dep = find_departement(departement_of_commune(value));
    if (dep) out.push_back("dep:" + std::string(dep->code));
  } else if (code.starts_with("dep:")) {
    dep = find_departement(value);
  }
  // Overseas collectivities (975, 987...) are their own région: both codes apply.
  if (dep) out.push_back("reg:" + std::string(dep->region_code));
  out.push_back("fr");
  return out;
}

}  // namespace spro::territory
