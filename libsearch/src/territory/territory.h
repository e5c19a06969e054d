// The French administrative hierarchy as far as indexing needs it: which
// territories contain a given one. Internal to libsearch.
//
// Codes are typed (see docs/resource-format.md): "fr", "reg:93", "dep:13",
// "com:13055", "epci:200054807".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spro::territory {

// True for a well-formed typed code: "fr", "reg:NN", "dep:NN", "com:NNNNN",
// "epci:NNNNNNNNN" (Corsica's 2A/2B and 3-digit overseas codes included).
bool is_territory_code(std::string_view code);

struct Departement {
  std::string_view code;
  std::string_view name;
  std::string_view region_code;
  std::string_view region_name;
};

// The département of that code ("13", "2A", "971"), or nullptr.
const Departement* find_departement(std::string_view code);

// All départements, in code order.
const std::vector<Departement>& departements();

// The département code of an INSEE commune code ("13055" -> "13",
// "97105" -> "971", "2A004" -> "2A"); empty when malformed.
std::string_view departement_of_commune(std::string_view insee);

// `code` followed by every territory that contains it, ending with "fr":
// "com:13055" -> com:13055, dep:13, reg:93, fr. Unknown codes get just
// themselves and "fr".
std::vector<std::string> with_ancestors(std::string_view code);

}  // namespace spro::territory
