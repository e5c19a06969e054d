#include "search/grouping.h"

#include <algorithm>
#include <unordered_map>

#include "spro/analyzer.h"

namespace spro::search {

std::string identity_key(const Resource& r) {
  std::vector<std::string> territories = r.territories;
  std::sort(territories.begin(), territories.end());
  // Fields cannot hold control characters once validated: \x1f separates.
  std::string key = r.kind + '\x1f' + Analyzer::fold(r.title) + '\x1f';
  for (const auto& t : territories) key += t + ',';
  key += '\x1f' + Analyzer::fold(r.address);
  return key;
}

std::vector<std::vector<size_t>> group_by_key(const std::vector<std::string>& keys) {
  std::vector<std::vector<size_t>> groups;
  std::unordered_map<std::string_view, size_t> group_of;
  for (size_t i = 0; i < keys.size(); ++i) {
    auto [it, added] = group_of.emplace(keys[i], groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  return groups;
}

}  // namespace spro::search
