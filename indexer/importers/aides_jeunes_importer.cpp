// aides-jeunes (1jeune1solution simulator, betagouv/aides-jeunes): one
// `aide` per benefit, from either form of the same data:
// - the JSON Lines export (aides-jeunes-benefits.jsonl, with the
//   institutions in aides-jeunes-institutions.jsonl beside it);
// - the repository's folder of YAML files (benefits/**/*.yml and
//   institutions/*.yml).
// Both give identical resources for the same aid (id = file name).
//
// Territory: an aid is placed where its INSTITUTION acts (a région,
// département, commune or EPCI by its code; a CAF or MSA by its
// départements; national and European bodies: the whole country), and
// narrowed to the regions / departements / communes / epcis of its
// conditions_generales when it lists some. An aid of a local institution
// never covers the whole country: without a code it gets no territory and a
// warning.
#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "importers/json_checks.h"
#include "importers/registry.h"
#include "spro/territory.h"
#include "text_reader.h"
#include "text_util.h"
#include "xml_stream.h"

namespace spro::indexer {
namespace {

namespace fs = std::filesystem;

// "01" stays "01"; a YAML number 1 for a département becomes "01".
std::string code_text(const Json& v, size_t width) {
  std::string s;
  if (v.is_string()) s = v.get<std::string>();
  else if (v.is_number_integer()) s = std::to_string(v.get<long long>());
  else return {};
  if (s.size() < width && std::all_of(s.begin(), s.end(), ::isdigit)) s.insert(0, width - s.size(), '0');
  return s;
}

std::string string_of(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Where an institution acts, as typed territory codes; empty when its
// record does not say.
struct Institution {
  std::string type;
  std::string name;
  std::vector<std::string> territories;
};

Institution read_institution(const Json& j) {
  Institution inst;
  inst.type = string_of(j, "type");
  inst.name = string_of(j, "name");
  std::string insee = j.contains("code_insee") ? code_text(j["code_insee"], 2) : "";
  std::string siren = j.contains("code_siren") ? code_text(j["code_siren"], 9) : "";
  auto departments = [&] {
    if (auto it = j.find("departments"); it != j.end() && it->is_array()) {
      for (const Json& d : *it) {
        if (std::string code = code_text(d, 2); !code.empty()) inst.territories.push_back("dep:" + code);
      }
    }
  };
  if (inst.type == "region" && !insee.empty()) inst.territories.push_back("reg:" + insee);
  else if (inst.type == "departement" && !insee.empty()) inst.territories.push_back("dep:" + insee);
  else if (inst.type == "commune" && !insee.empty()) inst.territories.push_back("com:" + code_text(j["code_insee"], 5));
  else if (inst.type == "epci" && !siren.empty()) inst.territories.push_back("epci:" + siren);
  else if (inst.type == "caf" || inst.type == "msa") departments();
  else if (inst.type == "national" || inst.type == "europeen") inst.territories.push_back("fr");
  else if (!siren.empty() && find_territory("epci:" + siren)) inst.territories.push_back("epci:" + siren);  // "autre"
  return inst;
}

using Institutions = std::map<std::string, Institution>;

// Institution types whose aids are local by nature.
bool is_local(const std::string& type) {
  return type == "region" || type == "departement" || type == "commune" || type == "epci" || type == "caf" ||
         type == "msa";
}

// The aid, from its JSON (or YAML turned JSON) object.
void read_aid(const Json& j, const std::string& id, const Institutions& institutions, const SourceOptions& options,
              ImportedRecord& out) {
  Resource r;
  r.id = "aides-jeunes:" + id;
  r.kind = "aide";
  r.source = partner_or(options, "aides-jeunes");
  r.title = capitalize_first(squeeze_spaces(string_of(j, "label")));
  r.summary = strip_html(string_of(j, "description"));
  if (auto it = j.find("conditions"); it != j.end() && it->is_array()) {
    for (const Json& c : *it) {
      if (c.is_string()) r.body += (r.body.empty() ? "" : "\n") + strip_html(c.get<std::string>());
    }
  }
  r.url = string_of(j, "link");
  std::string institution_id = string_of(j, "institution");
  auto inst = institutions.find(institution_id);
  if (inst != institutions.end() && !inst->second.name.empty()) r.keywords.push_back(inst->second.name);
  if (!institution_id.empty()) r.codes["aides_jeunes_institution"] = {institution_id};

  std::vector<std::string> narrowed;
  bool young = false;
  if (auto it = j.find("conditions_generales"); it != j.end() && it->is_array()) {
    static const std::map<std::string, std::pair<std::string, size_t>> kPrefix = {
        {"regions", {"reg:", 2}}, {"departements", {"dep:", 2}}, {"communes", {"com:", 5}}, {"epcis", {"epci:", 9}}};
    for (const Json& c : *it) {
      if (!c.is_object()) continue;
      std::string type = string_of(c, "type");
      if (auto p = kPrefix.find(type); p != kPrefix.end() && c.contains("values") && c["values"].is_array()) {
        for (const Json& v : c["values"]) {
          if (std::string code = code_text(v, p->second.second); !code.empty()) narrowed.push_back(p->second.first + code);
        }
      }
      // An upper age bound of 30 or less makes it an aid for young people.
      std::string op = string_of(c, "operator");
      if (type == "age" && (op.starts_with("<") || op == "=") && c.contains("value") && c["value"].is_number() &&
          c["value"].get<double>() <= 30) {
        young = true;
      }
    }
  }
  if (!narrowed.empty()) {
    out.raw_territories = narrowed;
  } else if (inst != institutions.end() && !inst->second.territories.empty()) {
    out.raw_territories = inst->second.territories;
  } else if (inst != institutions.end() && is_local(inst->second.type)) {
    out.warnings.push_back("territories: institution '" + institution_id + "' (" + inst->second.type +
                           ") has no code: the aid is left without a territory rather than made national");
  } else {
    if (inst == institutions.end() && !institution_id.empty()) {
      out.warnings.push_back("territories: unknown institution '" + institution_id + "': the aid is taken as national");
    }
    out.raw_territories.push_back("fr");
  }
  if (auto it = j.find("profils"); it != j.end() && it->is_array()) {
    for (const Json& p : *it) {
      if (p.is_object()) {
        if (std::string type = string_of(p, "type"); !type.empty()) out.raw_publics.push_back(type);
      }
    }
  }
  if (young) out.raw_publics.push_back("jeune");
  out.resource = std::move(r);
}


// --- JSON Lines ----------------------------------------------------------------

Status load_institutions_jsonl(const fs::path& path, Institutions& out) {
  auto in = TextReader::open(path.string());
  if (!in.ok()) return in.status();
  std::string line;
  while ((*in)->next_nonblank_line(line)) {
    ParsedJson parsed = parse_json(line);
    if (!parsed.ok() || !parsed.value.is_object()) continue;  // an institution less: its aids get a warning
    if (std::string id = string_of(parsed.value, "_id"); !id.empty()) out[id] = read_institution(parsed.value);
  }
  return (*in)->status();
}

class AidesJeunesJsonlImporter : public Importer {
 public:
  AidesJeunesJsonlImporter(std::string name, std::unique_ptr<TextReader> in, Institutions institutions, SourceOptions options)
      : name_(std::move(name)), in_(std::move(in)), institutions_(std::move(institutions)), options_(std::move(options)) {}
  bool next(ImportedRecord& out) override {
    std::string line;
    if (!in_->next_nonblank_line(line)) return false;
    out = ImportedRecord{};
    out.location = name_ + ":" + std::to_string(in_->line_number());
    ParsedJson parsed = parse_json(line);
    out.warnings = parsed.warnings;
    if (!parsed.ok() || !parsed.value.is_object()) {
      out.errors.push_back({"", parsed.ok() ? "a record must be a JSON object" : parsed.error});
      return true;
    }
    std::string id = string_of(parsed.value, "_id");
    if (id.empty()) {
      out.errors.push_back({"id", "no _id (the benefit's file name)"});
      return true;
    }
    read_aid(parsed.value, id, institutions_, options_, out);
    return true;
  }
  Status status() const override { return in_->status(); }
  size_t bytes_read() const override { return in_->bytes_read(); }

 private:
  std::string name_;
  std::unique_ptr<TextReader> in_;
  Institutions institutions_;
  SourceOptions options_;
};

// --- YAML folder ------------------------------------------------------------------

class AidesJeunesYamlImporter : public Importer {
 public:
  AidesJeunesYamlImporter(std::vector<fs::path> files, Institutions institutions, SourceOptions options)
      : files_(std::move(files)), institutions_(std::move(institutions)), options_(std::move(options)) {}
  bool next(ImportedRecord& out) override {
    if (next_ >= files_.size()) return false;
    const fs::path& file = files_[next_++];
    out = ImportedRecord{};
    out.location = file.string() + ":1";
    auto text = read_text_file(file.string(), options_.encoding);
    if (!text.ok()) {
      out.errors.push_back({"", text.status().message()});
      return true;
    }
    ParsedJson parsed = parse_yaml(*text);
    out.warnings = parsed.warnings;
    if (parsed.error_line > 0) out.location = file.string() + ":" + std::to_string(parsed.error_line);
    if (!parsed.ok() || !parsed.value.is_object()) {
      out.errors.push_back({"", parsed.ok() ? "a benefit must be a YAML mapping" : parsed.error});
      return true;
    }
    read_aid(parsed.value, file.stem().string(), institutions_, options_, out);
    return true;
  }
  Status status() const override { return Status(); }

 private:
  std::vector<fs::path> files_;
  size_t next_ = 0;
  Institutions institutions_;
  SourceOptions options_;
};

std::vector<fs::path> yaml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string ext = it->path().extension().string();
    if (it->is_regular_file() && (ext == ".yml" || ext == ".yaml")) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The aides-jeunes root above a path: the folder with benefits/ and institutions/.
std::optional<fs::path> yaml_root(fs::path p) {
  for (int i = 0; i < 4 && !p.empty(); ++i, p = p.parent_path()) {
    if (fs::is_directory(p / "benefits") && fs::is_directory(p / "institutions")) return p;
    if (p == p.parent_path()) break;
  }
  return std::nullopt;
}

}  // namespace

bool recognises_aides_jeunes(const FileSample& sample) {
  if (sample.is_directory) return false;
  // JSON Lines whose first record is a benefit: a label, an institution and
  // the file name as _id.
  std::string_view head = sample.head;
  std::string_view first = head.substr(0, head.find('\n'));
  return first.starts_with("{") && first.find("\"institution\"") != std::string_view::npos &&
         first.find("\"label\"") != std::string_view::npos && first.find("\"_id\"") != std::string_view::npos;
}

bool recognises_aides_jeunes_yaml(const FileSample& sample) {
  if (sample.is_directory) {
    fs::path p(sample.path);
    return fs::is_directory(p / "benefits") && fs::is_directory(p / "institutions");
  }
  // One benefit file of such a folder.
  bool yaml = sample.extension == ".yml" || sample.extension == ".yaml";
  return yaml && sample.head.find("\ninstitution:") != std::string::npos &&
         (sample.head.starts_with("label:") || sample.head.find("\nlabel:") != std::string::npos) &&
         yaml_root(fs::path(sample.path).parent_path()).has_value();
}

Result<std::unique_ptr<Importer>> open_aides_jeunes(const SourceOptions& options, const std::string& path) {
  auto in = TextReader::open(path, options.encoding);
  if (!in.ok()) return in.status();
  Institutions institutions;
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.find("institutions") != std::string::npos && name.ends_with(".jsonl")) {
      if (Status s = load_institutions_jsonl(e.path(), institutions); !s.ok()) return s;
    }
  }
  return std::unique_ptr<Importer>(new AidesJeunesJsonlImporter(path, std::move(*in), std::move(institutions), options));
}

Result<std::unique_ptr<Importer>> open_aides_jeunes_yaml(const SourceOptions& options, const std::string& path) {
  fs::path p(path);
  auto root = yaml_root(fs::is_directory(p) ? p : p.parent_path());
  if (!root) return Status::not_found(path + ": not in an aides-jeunes folder (benefits/ and institutions/ expected)");
  Institutions institutions;
  for (const fs::path& file : yaml_files(*root / "institutions")) {
    auto text = read_text_file(file.string(), options.encoding);
    if (!text.ok()) continue;  // an institution less: its aids get a warning
    ParsedJson parsed = parse_yaml(*text);
    if (parsed.ok() && parsed.value.is_object()) institutions[file.stem().string()] = read_institution(parsed.value);
  }
  std::vector<fs::path> files = fs::is_directory(p) && p == *root ? yaml_files(*root / "benefits")
                                : fs::is_directory(p)            ? yaml_files(p)
                                                                 : std::vector<fs::path>{p};
  return std::unique_ptr<Importer>(new AidesJeunesYamlImporter(std::move(files), std::move(institutions), options));
}

}  // namespace spro::indexer
