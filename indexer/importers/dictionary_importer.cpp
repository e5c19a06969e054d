// Files that are vocabularies or companions of other files, not resources:
// Formacode and its ROME v2 mapping (CSV without header), NSF and the LHÉO
// dictionaries (GML <dict>), the LHÉO definition (lheo-gml), the ROME v3
// tree (unix_arborescence), the ROME 4.0 tables the sheets are joined with,
// the aides-jeunes institutions (read with the benefits) and the
// service-public.fr index. They are recognised so that a folder build
// skips them with a reason instead of misreading them; the importer yields
// no record.
#include <algorithm>
#include <filesystem>

#include "importers/csv_table.h"
#include "importers/registry.h"

namespace spro::indexer {
namespace {

namespace fs = std::filesystem;

class NoRecords : public Importer {
 public:
  bool next(ImportedRecord&) override { return false; }
  Status status() const override { return Status(); }
};

bool digits(std::string_view s, size_t n) {
  if (s.size() < n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// Formacode (15 columns) and the ROME v2 -> Formacode table (3 columns):
// no header; every line starts with a five-digit code and a ';'.
bool formacode_csv(std::string_view head) {
  std::string_view line = first_line(head);
  if (!digits(line, 5) || line.size() < 6 || line[5] != ';') return false;
  size_t fields = 1 + static_cast<size_t>(std::count(line.begin(), line.end(), ';'));
  return fields == 3 || fields >= 14;
}

// The ROME 4.0 tables other than the sheets, each by its header.
bool rome_table(std::string_view head) {
  static const std::initializer_list<std::string_view> kTables[] = {
      {"code_ogr", "libelle_appellation_long", "code_rome"},
      {"code_rome", "libelle_type_texte", "libelle_texte"},
      {"code_ogr", "libelle_competence"},
      {"code_ogr_savoir", "libelle_savoir"},
      {"code_rome", "code_rome_cible"},
      {"code_centre_interet", "libelle_centre_interet"},
      {"code_ogr", "libelle_cont_travail"}};
  for (const auto& columns : kTables) {
    if (header_has(head, columns, ',')) return true;
  }
  return false;
}

bool aides_jeunes_companion(const FileSample& sample) {
  std::string_view line = first_line(sample);
  // aides-jeunes-institutions.jsonl: {"name", "type", ..., "_id"} and no benefit label.
  if (line.starts_with("{") && line.find("\"_id\"") != std::string_view::npos &&
      line.find("\"type\"") != std::string_view::npos && line.find("\"name\"") != std::string_view::npos &&
      line.find("\"label\"") == std::string_view::npos) {
    return true;
  }
  // institutions/*.yml and institution_types/*.yml of the YAML folder.
  if (sample.extension == ".yml" || sample.extension == ".yaml") {
    std::string parent = fs::path(sample.path).parent_path().filename().string();
    return parent == "institutions" || parent == "institution_types";
  }
  return false;
}

// index-subset.json: a JSON array of {"id", "type", "title", ...}.
bool service_public_index(std::string_view head) {
  size_t first = head.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && head[first] == '[' && head.find("\"id\"") != std::string_view::npos &&
         head.find("\"theme\"") != std::string_view::npos && head.find("\"title\"") != std::string_view::npos;
}

}  // namespace

bool recognises_dictionary(const FileSample& sample) {
  if (sample.is_directory) return false;
  std::string root = xml_root(sample);
  if (root == "dict" || root == "definitions") return true;  // GML dictionaries, lheo-gml
  if (root == "ogr" && sample.head.find("<item_arborescence") != std::string::npos) return true;
  return formacode_csv(sample.text) || rome_table(sample.text) || aides_jeunes_companion(sample) ||
         service_public_index(sample.head);
}

Result<std::unique_ptr<Importer>> open_dictionary(const SourceOptions&, const std::string&) {
  return std::unique_ptr<Importer>(new NoRecords());
}

}  // namespace spro::indexer
