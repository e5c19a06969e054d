// The advice rules: which guidance places are competent for whom
// (data/pathways/advice-rules.tsv, compiled in). Internal.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spro/status.h"

namespace spro::links {

struct AdviceRule {
  std::string id;                    // "mission_locale"
  std::vector<std::string> publics;  // empty: everyone
  bool needs_certification = false;  // only when the pathway leads to one
  std::string label;                 // "Mission locale"
  // The structures it designates: those carrying one of these codes
  // (scheme, value), or whose title holds every word of one of these.
  std::vector<std::pair<std::string, std::string>> codes;
  std::vector<std::string> titles;

  // True when the rule is for a person of these publics.
  bool applies_to(const std::vector<std::string>& person_publics) const;
};

// Parses the rules file format; InvalidArgument names `name`, the line and
// what is wrong (an unknown public, a missing field...).
Result<std::vector<AdviceRule>> parse_advice_rules(std::string_view text, std::string_view name);

// The built-in rules (parsed once; the file is checked by the tests).
const std::vector<AdviceRule>& builtin_advice_rules();

}  // namespace spro::links
