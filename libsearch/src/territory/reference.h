// The territory reference, parsed once from the compiled-in data
// (data/territories). Internal. Thread-safe once built (read-only).
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace spro::territory {

struct Commune {
  std::string_view code;
  std::string_view name;
  // C commune, A municipal arrondissement, D delegated, S associated, F
  // merged away (a former code only: no name, no postal code).
  char type = 'C';
  std::string_view departement;
  std::string_view epci;
  std::string_view postal_codes;  // '|'-separated
  std::string_view parent;        // for A, D, S, F: the commune it belongs to
  uint32_t population = 0;
  bool has_point = false;
  double lat = 0;
  double lon = 0;
};

class Reference {
 public:
  // The reference; parsed on first call (about 40,000 lines).
  static const Reference& get();
  // Parses a new copy; only benchmarks need this (use get()).
  Reference();

  // Every commune, arrondissement and former commune, by index.
  size_t size() const;
  const Commune& at(size_t i) const;

  // The commune (or arrondissement, or former commune) with that INSEE code.
  const Commune* commune(std::string_view insee) const;
  // Current communes and arrondissements with that postal code.
  std::vector<const Commune*> by_postal_code(std::string_view postal) const;
  // Communes whose normalised name is `name` (see normalize_name): current
  // communes and arrondissements first, most populous first.
  std::vector<const Commune*> by_name(std::string_view name) const;
  // by_name() as a place name alone is read: less the villages (under 2,000
  // inhabitants) named like a département or a région, which give way to
  // it ("La Réunion" is the island, not the village of Lot-et-Garonne).
  std::vector<const Commune*> places_named(const std::string& name) const;
  // Current communes whose normalised name is `name` followed by more words
  // ("herblay" -> Herblay-sur-Seine), most populous first; at most `limit`.
  std::vector<const Commune*> by_name_start(std::string_view name, size_t limit) const;

  std::optional<std::string> departement_by_name(const std::string& name) const;
  std::optional<std::string> region_by_name(const std::string& name) const;
  std::string_view region_name(std::string_view code) const;
  std::string_view epci_name(std::string_view siren) const;
  // The départements an EPCI's communes lie in.
  std::vector<std::string> epci_departements(std::string_view siren) const;

  // True for a normalised name that is also an ordinary French word.
  bool is_common_word(const std::string& name) const { return common_words_.contains(name); }
  // The largest number of words in a normalised place name.
  size_t max_name_words() const { return max_name_words_; }

  // Lower-case, accents folded, every non-alphanumeric character a single
  // space, "st"/"ste" spelled out: "St-Étienne" -> "saint etienne".
  static std::string normalize_name(std::string_view text);

 private:
  // Sorted (key, commune) vectors rather than hash maps: built with one
  // sort each and no allocation per entry, since every portal process pays
  // for this at start-up. Keys point into the compiled-in data.
  using Index = std::vector<std::pair<std::string_view, const Commune*>>;
  std::vector<Commune> communes_;
  std::vector<std::string_view> normalized_names_;
  Index by_code_;
  // Name and postal-code lookups are only needed to resolve what people
  // type: built on first use.
  mutable std::once_flag lookups_built_;
  mutable Index by_postal_;
  mutable Index by_name_;
  // Short names of arrondissements ("paris 18", "lyon 3e"), keys of by_name_.
  mutable std::deque<std::string> arrondissement_names_;
  void build_lookups() const;
  std::vector<std::pair<std::string_view, std::string_view>> epci_departement_pairs_;
  std::unordered_map<std::string, std::string> departement_names_;
  std::unordered_map<std::string, std::string> region_names_;
  std::unordered_map<std::string_view, std::string_view> region_labels_;
  std::unordered_map<std::string_view, std::string_view> epci_names_;
  std::unordered_set<std::string> common_words_;
  size_t max_name_words_ = 1;
};

}  // namespace spro::territory
