#include "territory/reference.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "embedded_data.h"
#include "spro/analyzer.h"
#include "territory/territory.h"

namespace spro::territory {
namespace {

// Calls fn(fields) for each non-comment line of a tab-separated text.
template <typename Fn>
void for_each_row(std::string_view text, Fn fn) {
  std::vector<std::string_view> fields;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.empty() || line.front() == '#') continue;
    fields.clear();
    while (true) {
      size_t tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    fn(fields);
  }
}

template <typename T>
T number(std::string_view s) {
  T v{};
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

size_t word_count(const std::string& s) { return s.empty() ? 0 : std::count(s.begin(), s.end(), ' ') + 1; }

}  // namespace

std::string Reference::normalize_name(std::string_view text) {
  std::string folded = Analyzer::fold(text);
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (word == "st") word = "saint";
    if (word == "ste") word = "sainte";
    if (!out.empty()) out += ' ';
    out += word;
    word.clear();
  };
  for (char c : folded) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

const Reference& Reference::get() {
  static const Reference reference;
  return reference;
}

namespace {

// Current communes and arrondissements before former communes, then the
// most populous first.
bool before(const Commune* a, const Commune* b) {
  bool a_current = a->type == 'C' || a->type == 'A';
  bool b_current = b->type == 'C' || b->type == 'A';
  if (a_current != b_current) return a_current;
  return a->population > b->population;
}

}  // namespace

Reference::Reference() {
  communes_.reserve(40000);
  normalized_names_.reserve(40000);
  for_each_row(embedded::kCommunes, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 11) return;
    Commune c;
    c.code = f[0];
    c.type = f[1].empty() ? 'C' : f[1][0];
    c.name = f[2];
    c.departement = f[3];
    c.epci = f[4];
    c.postal_codes = f[5];
    c.population = number<uint32_t>(f[6]);
    c.parent = f[7];
    if (!f[8].empty() && !f[9].empty()) {
      c.has_point = true;
      c.lat = number<double>(f[8]);
      c.lon = number<double>(f[9]);
    }
    communes_.push_back(c);
    // Normalised by scripts/derive_territories.py, so start-up runs no ICU
    // on 37,000 names (a test checks it matches normalize_name()).
    normalized_names_.push_back(f[10]);
  });
  by_code_.reserve(communes_.size());
  for (size_t i = 0; i < communes_.size(); ++i) {
    const Commune& c = communes_[i];
    by_code_.emplace_back(c.code, &c);
    max_name_words_ = std::max<size_t>(max_name_words_, std::count(normalized_names_[i].begin(), normalized_names_[i].end(), ' ') + 1);
    if (c.type == 'C' && !c.epci.empty()) epci_departement_pairs_.emplace_back(c.epci, c.departement);
  }
  // The data comes sorted by code, current communes before former ones with
  // the same code; a stable sort keeps that order if an edit broke it.
  auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(by_code_.begin(), by_code_.end(), by_key)) std::stable_sort(by_code_.begin(), by_code_.end(), by_key);
  std::sort(epci_departement_pairs_.begin(), epci_departement_pairs_.end());
  epci_departement_pairs_.erase(std::unique(epci_departement_pairs_.begin(), epci_departement_pairs_.end()),
                                epci_departement_pairs_.end());
  for (const Departement& d : departements()) {
    std::string name = normalize_name(d.name);
    max_name_words_ = std::max(max_name_words_, word_count(name));
    departement_names_.emplace(std::move(name), std::string(d.code));
  }
  for_each_row(embedded::kRegions, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 2) return;
    region_labels_.emplace(f[0], f[1]);
    std::string name = normalize_name(f[1]);
    max_name_words_ = std::max(max_name_words_, word_count(name));
    region_names_.emplace(std::move(name), std::string(f[0]));
  });
  for_each_row(embedded::kEpci, [&](const std::vector<std::string_view>& f) {
    if (f.size() >= 2) epci_names_.emplace(f[0], f[1]);
  });
  for_each_row(embedded::kCommonWordNames, [&](const std::vector<std::string_view>& f) {
    common_words_.emplace(f[0]);  // already normalised
  });
}

namespace {

// How people write an arrondissement of Paris, Lyon or Marseille: the
// reference says "paris 18e arrondissement" (normalised), people "paris
// 18", "paris 18e", "paris 18eme", "lyon 1er". A bare "paris 18" would
// otherwise be Paris and the Cher (département 18).
std::vector<std::string> arrondissement_short_names(std::string_view name) {
  constexpr std::string_view kSuffix = " arrondissement";
  if (!name.ends_with(kSuffix)) return {};
  name.remove_suffix(kSuffix.size());
  const size_t space = name.rfind(' ');
  if (space == std::string_view::npos) return {};
  const std::string_view city = name.substr(0, space);
  std::string_view ordinal = name.substr(space + 1);  // "18e", "1er"
  const size_t digits = ordinal.find_first_not_of("0123456789");
  if (digits == 0 || digits == std::string_view::npos) return {};
  const std::string number(ordinal.substr(0, digits));
  std::vector<std::string> out;
  for (std::string_view ending : {"", "e", "eme", "er", "ere"}) {
    if ((ending == "er" || ending == "ere") && number != "1") continue;
    out.push_back(std::string(city) + " " + number + std::string(ending));
  }
  return out;
}

}  // namespace

void Reference::build_lookups() const {
  std::call_once(lookups_built_, [&] {
    by_name_.reserve(communes_.size());
    for (size_t i = 0; i < communes_.size(); ++i) {
      const Commune& c = communes_[i];
      if (c.type != 'F') by_name_.emplace_back(normalized_names_[i], &c);
      if (c.type == 'A') {
        for (std::string& name : arrondissement_short_names(normalized_names_[i])) {
          by_name_.emplace_back(arrondissement_names_.emplace_back(std::move(name)), &c);
        }
      }
      if (c.type != 'C' && c.type != 'A') continue;
      std::string_view postal = c.postal_codes;
      while (!postal.empty()) {
        size_t bar = postal.find('|');
        by_postal_.emplace_back(postal.substr(0, bar), &c);
        postal.remove_prefix(bar == std::string_view::npos ? postal.size() : bar + 1);
      }
    }
    auto order = [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : before(a.second, b.second);
    };
    std::sort(by_postal_.begin(), by_postal_.end(), order);
    std::sort(by_name_.begin(), by_name_.end(), order);
  });
}

namespace {

std::vector<const Commune*> lookup(const std::vector<std::pair<std::string_view, const Commune*>>& index,
                                   std::string_view key) {
  auto lo = std::lower_bound(index.begin(), index.end(), key, [](const auto& e, std::string_view k) { return e.first < k; });
  std::vector<const Commune*> out;
  for (auto it = lo; it != index.end() && it->first == key; ++it) out.push_back(it->second);
  return out;
}

}  // namespace

size_t Reference::size() const { return communes_.size(); }
const Commune& Reference::at(size_t i) const { return communes_[i]; }

const Commune* Reference::commune(std::string_view insee) const {
  auto found = lookup(by_code_, insee);
  return found.empty() ? nullptr : found.front();
}

std::vector<const Commune*> Reference::by_postal_code(std::string_view postal) const {
  build_lookups();
  return lookup(by_postal_, postal);
}

std::vector<const Commune*> Reference::by_name(std::string_view name) const {
  build_lookups();
  return lookup(by_name_, name);
}

std::vector<const Commune*> Reference::places_named(const std::string& name) const {
  constexpr uint32_t kVillagePopulation = 2000;  // Vienne (Isère, 30,000) and Vienne (86) stay apart
  std::vector<const Commune*> out = by_name(name);
  if (departement_by_name(name) || region_by_name(name)) {
    std::erase_if(out, [](const Commune* c) { return c->population < kVillagePopulation; });
  }
  return out;
}

std::vector<const Commune*> Reference::by_name_start(std::string_view name, size_t limit) const {
  build_lookups();
  std::string prefix = std::string(name) + ' ';
  auto it = std::lower_bound(by_name_.begin(), by_name_.end(), std::string_view(prefix),
                             [](const auto& e, std::string_view k) { return e.first < k; });
  std::vector<const Commune*> out;
  for (; it != by_name_.end() && it->first.starts_with(prefix); ++it) {
    if (it->second->type == 'C') out.push_back(it->second);
  }
  std::stable_sort(out.begin(), out.end(), [](const Commune* a, const Commune* b) { return a->population > b->population; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::optional<std::string> Reference::departement_by_name(const std::string& name) const {
  auto it = departement_names_.find(name);
  if (it == departement_names_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Reference::region_by_name(const std::string& name) const {
  auto it = region_names_.find(name);
  if (it == region_names_.end()) return std::nullopt;
  return it->second;
}

std::string_view Reference::region_name(std::string_view code) const {
  auto it = region_labels_.find(code);
  return it == region_labels_.end() ? std::string_view() : it->second;
}

std::string_view Reference::epci_name(std::string_view siren) const {
  auto it = epci_names_.find(siren);
  return it == epci_names_.end() ? std::string_view() : it->second;
}

std::vector<std::string> Reference::epci_departements(std::string_view siren) const {
  auto lo = std::lower_bound(epci_departement_pairs_.begin(), epci_departement_pairs_.end(), siren,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  std::vector<std::string> out;
  for (auto it = lo; it != epci_departement_pairs_.end() && it->first == siren; ++it) out.emplace_back(it->second);
  return out;
}

}  // namespace spro::territory
