#include "index/schema.h"

#include <algorithm>
#include <set>

#include "territory/territory.h"

namespace spro::schema {

std::string join_list(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += '\n';
    out += v;
  }
  return out;
}

std::vector<std::string_view> split_list(std::string_view joined) {
  std::vector<std::string_view> out;
  while (!joined.empty()) {
    size_t nl = joined.find('\n');
    out.push_back(joined.substr(0, nl));
    if (nl == std::string_view::npos) break;
    joined.remove_prefix(nl + 1);
  }
  return out;
}

std::vector<std::string> territory_terms(const Resource& r) {
  std::set<std::string> terms;
  for (const auto& code : r.territories) {
    // A resource belongs to its territory and, through it, to every
    // territory containing it; and it serves all of its own territory.
    for (const auto& t : territory::with_ancestors(code)) terms.insert(std::string(kInside) + t);
    terms.insert(std::string(kCovers) + code);
  }
  return {terms.begin(), terms.end()};
}

std::vector<std::string> territory_filter_terms(std::string_view code, bool include_wider) {
  std::vector<std::string> terms{std::string(kInside) + std::string(code)};
  if (include_wider) {
    for (const auto& t : territory::with_ancestors(code)) terms.push_back(std::string(kCovers) + t);
  }
  return terms;
}

std::vector<std::string> departements_of(const Resource& r) {
  std::set<std::string> deps;
  for (const auto& code : r.territories) {
    for (const auto& t : territory::with_ancestors(code)) {
      if (t.starts_with("dep:")) deps.insert(t);
    }
  }
  return {deps.begin(), deps.end()};
}

}  // namespace spro::schema
