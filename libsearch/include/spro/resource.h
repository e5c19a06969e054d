// The canonical resource model (see docs/resource-format.md).
//
// Every partner record (job sheet, training offer, guidance place, aid...) is
// turned into one Resource before it is indexed. A Resource is a plain value
// type: copy it, move it, compare it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spro/status.h"

namespace spro {

struct GeoPoint {
  double lat = 0;
  double lon = 0;
  bool operator==(const GeoPoint&) const = default;
};

struct Resource {
  std::string id;       // required, unique and stable, e.g. "rome:J1506"
  std::string kind;     // required, one of kinds()
  std::string title;    // required
  std::string summary;
  std::string body;
  std::vector<std::string> keywords;
  std::string source;   // partner network, e.g. "onisep"
  std::string url;
  std::string updated;  // ISO 8601 date, "YYYY-MM-DD"

  std::vector<std::string> territories;  // typed codes: "fr", "reg:93", "dep:13", "com:13055"...
  std::vector<std::string> publics;      // ids from publics()
  std::vector<int> levels;               // 1..8, 2019 qualification nomenclature
  std::map<std::string, std::vector<std::string>> codes;  // "rome", "rncp", "formacode", "nsf"
  std::optional<GeoPoint> location;
  std::string address;
  std::vector<std::string> modalities;  // "presentiel", "distance"
  std::string start;                    // ISO 8601 date
  std::string end;                      // ISO 8601 date

  bool operator==(const Resource&) const = default;
};

// One problem found in a record: the field it concerns ("" for the whole
// record) and why, in plain words.
struct FieldError {
  std::string field;
  std::string reason;
  // "field: reason", or just "reason" when no field applies.
  std::string to_string() const;
};

// The controlled vocabularies: ids and their French labels, in display order.
struct VocabularyEntry {
  std::string_view id;
  std::string_view label;
};
const std::vector<VocabularyEntry>& kinds();
const std::vector<VocabularyEntry>& publics();
const std::vector<VocabularyEntry>& modalities();
// ROME's interest centres ({"17", "J'aime m'occuper des animaux"}): the
// values of the `interest` code scheme of job sheets and of the `interest`
// facet (data/vocabularies/interests.tsv, derived from ROME).
const std::vector<VocabularyEntry>& interests();
// True when `id` is one of the vocabulary's ids.
bool in_vocabulary(const std::vector<VocabularyEntry>& vocabulary, std::string_view id);
// French label of a level 1..8 ("Niveau 4 (bac)"); empty for other values.
std::string_view level_label(int level);

// Checks a resource against the model. Returns every problem found, in field
// order; an empty vector means the resource is valid.
std::vector<FieldError> validate(const Resource& resource);

// Parses one JSON object (one line of a JSON Lines file) into a Resource and
// validates it. On failure, `errors` lists every problem found and the result
// is nullopt. Never throws; invalid UTF-8 is reported as an error.
std::optional<Resource> parse_resource(std::string_view json, std::vector<FieldError>& errors);

// Serialises a resource as one line of canonical JSON (fields that are empty
// are left out). parse_resource(to_json(r)) == r for every valid r.
std::string to_json(const Resource& resource);

}  // namespace spro
