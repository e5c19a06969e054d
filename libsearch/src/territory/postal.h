// Postal codes as people type them. Internal.
#pragma once

#include <optional>
#include <string_view>

#include "spro/territory.h"

namespace spro::territory {

// A commune at least this share of the most populous one's population makes
// a postal code (or a name) shared rather than dominated.
constexpr double kDominantShare = 0.2;

struct PostalCodePlace {
  Place place;
  // False when the code serves several communes of comparable size and
  // `place` is only the most populous of them.
  bool dominant = true;
};

// The place a postal code stands for: the arrondissement that has it as its
// own (13008 -> Marseille 8e, 75001 -> Paris 1er), else the commune that
// holds it, the most populous when several share it (83000 -> Toulon).
// nullopt when no commune has that postal code.
std::optional<PostalCodePlace> postal_code_place(std::string_view postal);

}  // namespace spro::territory
