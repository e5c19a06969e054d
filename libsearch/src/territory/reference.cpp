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

Reference::Reference() {
  for_each_row(embedded::kCommunes, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 10) return;
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
  });
  for (size_t i = 0; i < communes_.size(); ++i) {
    const Commune& c = communes_[i];
    by_code_.emplace(c.code, i);  // current communes come first and win
    if (c.type == 'C' || c.type == 'A') {
      std::string_view postal = c.postal_codes;
      while (!postal.empty()) {
        size_t bar = postal.find('|');
        by_postal_.emplace(postal.substr(0, bar), i);
        postal.remove_prefix(bar == std::string_view::npos ? postal.size() : bar + 1);
      }
    }
    std::string name = normalize_name(c.name);
    max_name_words_ = std::max(max_name_words_, word_count(name));
    by_name_[std::move(name)].push_back(&c);
    if (c.type == 'C' && !c.epci.empty()) {
      auto& deps = epci_departements_[c.epci];
      if (std::find(deps.begin(), deps.end(), c.departement) == deps.end()) deps.emplace_back(c.departement);
    }
  }
  for (auto& [name, list] : by_name_) {
    // Current communes before former ones, then by population.
    std::stable_sort(list.begin(), list.end(), [](const Commune* a, const Commune* b) {
      bool a_current = a->type == 'C' || a->type == 'A';
      bool b_current = b->type == 'C' || b->type == 'A';
      if (a_current != b_current) return a_current;
      return a->population > b->population;
    });
  }
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
    common_words_.emplace(normalize_name(f[0]));
  });
}

const Commune* Reference::commune(std::string_view insee) const {
  auto it = by_code_.find(insee);
  return it == by_code_.end() ? nullptr : &communes_[it->second];
}

std::vector<const Commune*> Reference::by_postal_code(std::string_view postal) const {
  std::vector<const Commune*> out;
  auto [begin, end] = by_postal_.equal_range(postal);
  for (auto it = begin; it != end; ++it) out.push_back(&communes_[it->second]);
  std::sort(out.begin(), out.end(), [](const Commune* a, const Commune* b) { return a->population > b->population; });
  return out;
}

const std::vector<const Commune*>& Reference::by_name(const std::string& name) const {
  static const std::vector<const Commune*> none;
  auto it = by_name_.find(name);
  return it == by_name_.end() ? none : it->second;
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
  auto it = epci_departements_.find(siren);
  return it == epci_departements_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace spro::territory
