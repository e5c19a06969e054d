#include "links/advice_rules.h"

#include <algorithm>
#include <sstream>

#include "embedded_data.h"
#include "spro/resource.h"

namespace spro::links {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    std::string item(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

bool AdviceRule::applies_to(const std::vector<std::string>& person_publics) const {
  if (publics.empty()) return true;
  return std::any_of(person_publics.begin(), person_publics.end(), [&](const std::string& p) {
    return std::find(publics.begin(), publics.end(), p) != publics.end();
  });
}

Result<std::vector<AdviceRule>> parse_advice_rules(std::string_view text, std::string_view name) {
  std::vector<AdviceRule> rules;
  std::istringstream in{std::string(text)};
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto where = [&] { return std::string(name) + ":" + std::to_string(number) + ": "; };
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '\t');) fields.push_back(cell);
    if (fields.size() != 5) {
      return Status::invalid_argument(where() + std::to_string(fields.size()) +
                                      " fields where 5 are expected (rule, publics, needs, label, find), tab-separated");
    }
    AdviceRule rule;
    rule.id = fields[0];
    if (rule.id.empty()) return Status::invalid_argument(where() + "empty rule id");
    if (fields[1] != "*") {
      rule.publics = split(fields[1], ',');
      for (const auto& p : rule.publics) {
        if (!in_vocabulary(publics(), p)) return Status::invalid_argument(where() + "unknown public '" + p + "'");
      }
      if (rule.publics.empty()) return Status::invalid_argument(where() + "no public (use * for everyone)");
    }
    if (fields[2] != "-" && fields[2] != "certification") {
      return Status::invalid_argument(where() + "needs must be - or certification, not '" + fields[2] + "'");
    }
    rule.needs_certification = fields[2] == "certification";
    rule.label = fields[3];
    for (const auto& alternative : split(fields[4], ',')) {
      if (alternative.starts_with("title:")) {
        rule.titles.push_back(alternative.substr(6));
        continue;
      }
      size_t colon = alternative.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == alternative.size()) {
        return Status::invalid_argument(where() + "'" + alternative + "' is neither scheme:value nor title:words");
      }
      rule.codes.emplace_back(alternative.substr(0, colon), alternative.substr(colon + 1));
    }
    if (rule.codes.empty() && rule.titles.empty()) return Status::invalid_argument(where() + "nothing to find");
    rules.push_back(std::move(rule));
  }
  return rules;
}

const std::vector<AdviceRule>& builtin_advice_rules() {
  static const std::vector<AdviceRule> rules = [] {
    auto parsed = parse_advice_rules(embedded::kAdviceRules, "data/pathways/advice-rules.tsv");
    return parsed.ok() ? std::move(*parsed) : std::vector<AdviceRule>{};
  }();
  return rules;
}

}  // namespace spro::links
