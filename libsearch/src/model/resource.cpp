#include "spro/resource.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "territory/territory.h"
#include "util/strings.h"

namespace spro {
namespace {

using Json = nlohmann::ordered_json;

// Size limits: a record above them is almost surely a broken export (a whole
// file in one field), and would make one document dominate the index.
constexpr size_t kMaxIdBytes = 200;
constexpr size_t kMaxTitleBytes = 2000;
constexpr size_t kMaxSummaryBytes = 64 * 1024;
constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;

bool is_date(std::string_view s) {
  // YYYY-MM-DD, optionally followed by a time ("2024-05-01T10:00:00Z").
  if (s.size() < 10) return false;
  if (!util::all_digits(s.substr(0, 4)) || s[4] != '-' || !util::all_digits(s.substr(5, 2)) || s[7] != '-' ||
      !util::all_digits(s.substr(8, 2))) {
    return false;
  }
  int month = std::stoi(std::string(s.substr(5, 2)));
  int day = std::stoi(std::string(s.substr(8, 2)));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && (s.size() == 10 || s[10] == 'T');
}

bool has_control_or_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7F; });
}

// Reads typed fields out of a JSON object, collecting one error per problem.
class FieldReader {
 public:
  FieldReader(const Json& obj, std::vector<FieldError>& errors) : obj_(obj), errors_(errors) {}

  void string(const char* name, std::string& out, size_t max_bytes) {
    const Json* v = find(name);
    if (!v) return;
    if (!v->is_string()) return error(name, "must be a string");
    out = v->get<std::string>();
    if (out.size() > max_bytes) {
      error(name, "too long (" + std::to_string(out.size()) + " bytes, at most " +
                      std::to_string(max_bytes) + ")");
      out.clear();
    }
  }

  void strings(const char* name, std::vector<std::string>& out) {
    const Json* v = find(name);
    if (!v) return;
    if (!v->is_array()) return error(name, "must be a list of strings");
    for (const Json& item : *v) {
      if (!item.is_string()) return error(name, "must be a list of strings");
      out.push_back(item.get<std::string>());
    }
  }

  void integers(const char* name, std::vector<int>& out) {
    const Json* v = find(name);
    if (!v) return;
    if (!v->is_array()) return error(name, "must be a list of integers");
    for (const Json& item : *v) {
      if (!item.is_number_integer()) return error(name, "must be a list of integers");
      out.push_back(item.get<int>());
    }
  }

  void codes(std::map<std::string, std::vector<std::string>>& out) {
    const Json* v = find("codes");
    if (!v) return;
    if (!v->is_object()) return error("codes", "must be an object of lists of strings");
    for (const auto& [key, list] : v->items()) {
      if (!list.is_array()) return error("codes." + key, "must be a list of strings");
      for (const Json& item : list) {
        if (!item.is_string()) return error("codes." + key, "must be a list of strings");
        out[key].push_back(item.get<std::string>());
      }
    }
  }

  void location(std::optional<GeoPoint>& out) {
    const Json* v = find("location");
    if (!v) return;
    if (!v->is_object() || !v->contains("lat") || !v->contains("lon") ||
        !(*v)["lat"].is_number() || !(*v)["lon"].is_number()) {
      return error("location", "must be an object {\"lat\": number, \"lon\": number}");
    }
    out = GeoPoint{(*v)["lat"].get<double>(), (*v)["lon"].get<double>()};
  }

  void error(std::string field, std::string reason) {
    errors_.push_back({std::move(field), std::move(reason)});
  }

 private:
  const Json* find(const char* name) {
    auto it = obj_.find(name);
    if (it == obj_.end() || it->is_null()) return nullptr;
    return &*it;
  }
  const Json& obj_;
  std::vector<FieldError>& errors_;
};

const std::set<std::string, std::less<>> kKnownFields = {
    "id", "kind", "title", "summary", "body", "keywords", "source", "url", "updated",
    "territories", "publics", "levels", "codes", "location", "address", "modalities",
    "start", "end"};

}  // namespace

bool in_vocabulary(const std::vector<VocabularyEntry>& vocabulary, std::string_view id) {
  return std::any_of(vocabulary.begin(), vocabulary.end(), [&](const VocabularyEntry& e) { return e.id == id; });
}

std::string FieldError::to_string() const { return field.empty() ? reason : field + ": " + reason; }

const std::vector<VocabularyEntry>& kinds() {
  static const std::vector<VocabularyEntry> v = {
      {"metier", "Métier"},
      {"formation", "Formation"},
      {"certification", "Certification"},
      {"structure", "Structure d'accueil"},
      {"aide", "Aide"},
      {"evenement", "Événement"},
      {"document", "Document"},
  };
  return v;
}

const std::vector<VocabularyEntry>& publics() {
  static const std::vector<VocabularyEntry> v = {
      {"tout_public", "Tout public"},
      {"jeune", "Jeunes (16-25 ans)"},
      {"scolaire", "Collégiens et lycéens"},
      {"etudiant", "Étudiants"},
      {"demandeur_emploi", "Demandeurs d'emploi"},
      {"salarie", "Salariés"},
      {"adulte", "Adultes"},
      {"handicap", "Personnes en situation de handicap"},
      {"apprenti", "Apprentis"},
      {"independant", "Indépendants et créateurs d'entreprise"},
      {"senior", "Seniors"},
  };
  return v;
}

const std::vector<VocabularyEntry>& modalities() {
  static const std::vector<VocabularyEntry> v = {
      {"presentiel", "En présentiel"},
      {"distance", "À distance"},
      {"alternance", "En alternance"},
  };
  return v;
}

std::string_view level_label(int level) {
  static constexpr std::string_view kLabels[] = {
      "Niveau 1 (sans qualification)", "Niveau 2 (savoirs de base)", "Niveau 3 (CAP, BEP)",
      "Niveau 4 (bac)",                "Niveau 5 (bac + 2)",         "Niveau 6 (bac + 3)",
      "Niveau 7 (bac + 5)",            "Niveau 8 (doctorat)"};
  if (level < 1 || level > 8) return {};
  return kLabels[level - 1];
}

std::vector<FieldError> validate(const Resource& r) {
  std::vector<FieldError> errors;
  auto error = [&](std::string field, std::string reason) {
    errors.push_back({std::move(field), std::move(reason)});
  };
  if (r.id.empty()) {
    error("id", "required");
  } else if (r.id.size() > kMaxIdBytes) {
    error("id", "too long (at most " + std::to_string(kMaxIdBytes) + " bytes)");
  } else if (has_control_or_space(r.id)) {
    error("id", "must not contain spaces or control characters");
  }
  if (r.kind.empty()) {
    error("kind", "required");
  } else if (!in_vocabulary(kinds(), r.kind)) {
    error("kind", "unknown kind '" + r.kind + "'");
  }
  if (r.title.find_first_not_of(" \t\r\n") == std::string::npos) error("title", "required");
  if (r.body.size() > kMaxBodyBytes) error("body", "too long");
  if (!r.updated.empty() && !is_date(r.updated)) error("updated", "must be a date YYYY-MM-DD");
  if (!r.start.empty() && !is_date(r.start)) error("start", "must be a date YYYY-MM-DD");
  if (!r.end.empty() && !is_date(r.end)) error("end", "must be a date YYYY-MM-DD");
  if (!r.url.empty() && r.url.rfind("https://", 0) != 0 && r.url.rfind("http://", 0) != 0) {
    error("url", "must start with http:// or https://");
  }
  for (const auto& t : r.territories) {
    if (!territory::is_territory_code(t)) {
      error("territories", "'" + t + "' is not a territory code (fr, reg:NN, dep:NN, com:NNNNN, epci:NNNNNNNNN)");
    }
  }
  for (const auto& p : r.publics) {
    if (!in_vocabulary(publics(), p)) error("publics", "unknown public '" + p + "'");
  }
  for (int l : r.levels) {
    if (l < 1 || l > 8) error("levels", "level " + std::to_string(l) + " is not between 1 and 8");
  }
  for (const auto& m : r.modalities) {
    if (!in_vocabulary(modalities(), m)) error("modalities", "unknown modality '" + m + "'");
  }
  if (r.location) {
    const GeoPoint& p = *r.location;
    if (!std::isfinite(p.lat) || !std::isfinite(p.lon) || p.lat < -90 || p.lat > 90 ||
        p.lon < -180 || p.lon > 180) {
      error("location", "latitude must be in [-90, 90] and longitude in [-180, 180]");
    }
  }
  return errors;
}

std::optional<Resource> parse_resource(std::string_view text, std::vector<FieldError>& errors) {
  errors.clear();
  Json obj;
  try {
    obj = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 5: ".
    if (auto p = what.find("column"); p != std::string::npos) what = "invalid JSON at " + what.substr(p);
    errors.push_back({"", what});
    return std::nullopt;
  } catch (const Json::exception& e) {
    // A number beyond double's range ("1e400") is out_of_range, not a
    // parse_error (found by tests/fuzz/resource_json_fuzzer).
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    errors.push_back({"", "invalid JSON: " + what});
    return std::nullopt;
  }
  if (!obj.is_object()) {
    errors.push_back({"", "a record must be a JSON object"});
    return std::nullopt;
  }
  Resource r;
  FieldReader read(obj, errors);
  read.string("id", r.id, kMaxIdBytes);
  read.string("kind", r.kind, 64);
  read.string("title", r.title, kMaxTitleBytes);
  read.string("summary", r.summary, kMaxSummaryBytes);
  read.string("body", r.body, kMaxBodyBytes);
  read.strings("keywords", r.keywords);
  read.string("source", r.source, 200);
  read.string("url", r.url, 4000);
  read.string("updated", r.updated, 64);
  read.strings("territories", r.territories);
  read.strings("publics", r.publics);
  read.integers("levels", r.levels);
  read.codes(r.codes);
  read.location(r.location);
  read.string("address", r.address, 4000);
  read.strings("modalities", r.modalities);
  read.string("start", r.start, 64);
  read.string("end", r.end, 64);
  for (const auto& [key, value] : obj.items()) {
    if (!kKnownFields.contains(key) && key.rfind('_', 0) != 0) read.error(key, "unknown field");
  }
  if (!errors.empty()) return std::nullopt;
  errors = validate(r);
  if (!errors.empty()) return std::nullopt;
  return r;
}

std::string to_json(const Resource& r) {
  Json j;
  j["id"] = r.id;
  j["kind"] = r.kind;
  j["title"] = r.title;
  auto put = [&](const char* name, const auto& value) {
    if (!value.empty()) j[name] = value;
  };
  put("summary", r.summary);
  put("body", r.body);
  put("keywords", r.keywords);
  put("source", r.source);
  put("url", r.url);
  put("updated", r.updated);
  put("territories", r.territories);
  put("publics", r.publics);
  put("levels", r.levels);
  put("codes", r.codes);
  if (r.location) j["location"] = {{"lat", r.location->lat}, {"lon", r.location->lon}};
  put("address", r.address);
  put("modalities", r.modalities);
  put("start", r.start);
  put("end", r.end);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace spro
