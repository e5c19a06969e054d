// ROME 4.0 open data (France Travail, RefRomeCsv): a folder of CSV files.
// One `metier` resource per job sheet (unix_referentiel_code_rome), with its
// job-title appellations as keywords (unix_referentiel_appellation), its
// definition and access texts (unix_texte, SQL-doubled '' undone), its
// parent sheet and related sheets (unix_rubrique_mobilite) as codes, its
// interest centres (unix_arborescence_centre_interet) as keywords and
// `centre_interet` codes. Work contexts (unix_referentiel_contexte_travail)
// are not linked to sheets in the open data (the link table,
// unix_coherence_item, is not published), so they are not imported.
//
// The appellation and text files (a few MB for the whole ROME) are read into
// memory to join them with the sheets; the sheets themselves stream.
#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>

#include "csv_reader.h"
#include "importers/csv_table.h"
#include "importers/registry.h"

namespace spro::indexer {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> find_file(const fs::path& dir, std::string_view prefix) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".csv")) return e.path();
  }
  return std::nullopt;
}

std::string unescape_sql(std::string s) {
  for (size_t p = s.find("''"); p != std::string::npos; p = s.find("''", p + 1)) s.erase(p, 1);
  return s;
}

// A column of a row, "" when the file has no such column.
const std::string& get(const std::map<std::string, std::string>& row, const std::string& column) {
  static const std::string kNone;
  auto it = row.find(column);
  return it == row.end() ? kNone : it->second;
}

// Reads a whole CSV into rows of named columns.
Status read_table(const fs::path& path, const std::function<void(const std::map<std::string, std::string>&)>& fn) {
  auto in = TextReader::open(path.string());
  if (!in.ok()) return in.status();
  CsvReader csv(**in, ',');
  std::vector<std::string> header, fields;
  std::string error;
  if (!csv.next(header, error)) return Status::invalid_argument(path.string() + ": empty file");
  std::map<std::string, std::string> row;
  while (csv.next(fields, error)) {
    if (!error.empty() || fields.size() != header.size()) continue;  // reported with the sheets if it matters
    for (size_t i = 0; i < header.size(); ++i) row[header[i]] = std::move(fields[i]);
    fn(row);
  }
  return (*in)->status();
}

class RomeImporter : public Importer {
 public:
  Status init(const fs::path& dir) {
    auto sheets = find_file(dir, "unix_referentiel_code_rome_");
    if (!sheets) return Status::not_found(dir.string() + ": no unix_referentiel_code_rome_*.csv (a ROME 4.0 RefRomeCsv folder is expected)");
    if (auto f = find_file(dir, "unix_referentiel_appellation_")) {
      Status s = read_table(*f, [&](const auto& row) {
        if (get(row, "peu_usite") == "O") return;  // rarely used titles would only add noise
        appellations_[get(row, "code_rome")].push_back(get(row, "libelle_appellation_long"));
      });
      if (!s.ok()) return s;
    }
    if (auto f = find_file(dir, "unix_texte_")) {
      Status s = read_table(*f, [&](const auto& row) {
        int position = std::atoi(get(row, "position_phrase").c_str());
        texts_[{get(row, "code_rome"), get(row, "libelle_type_texte")}][position] = unescape_sql(get(row, "libelle_texte"));
      });
      if (!s.ok()) return s;
    }
    if (auto f = find_file(dir, "unix_rubrique_mobilite_")) {
      Status s = read_table(*f, [&](const auto& row) { related_[get(row, "code_rome")].push_back(get(row, "code_rome_cible")); });
      if (!s.ok()) return s;
    }
    if (auto f = find_file(dir, "unix_arborescence_centre_interet_")) {
      Status s = read_table(*f, [&](const auto& row) {
        auto& centres = interests_[get(row, "code_rome")];
        std::pair<std::string, std::string> centre{get(row, "code_centre_interet"), get(row, "libelle_centre_interet")};
        if (std::find(centres.begin(), centres.end(), centre) == centres.end()) centres.push_back(centre);
      });
      if (!s.ok()) return s;
    }
    name_ = sheets->string();
    auto in = TextReader::open(name_);
    if (!in.ok()) return in.status();
    in_ = std::move(*in);
    csv_ = std::make_unique<CsvReader>(*in_, ',');
    std::string error;
    if (!csv_->next(header_, error)) return Status::invalid_argument(name_ + ": empty file");
    for (const char* column : {"code_rome", "libelle_rome", "code_rome_parent"}) {
      if (std::find(header_.begin(), header_.end(), column) == header_.end()) {
        return Status::invalid_argument(name_ + ": no column '" + std::string(column) + "'");
      }
    }
    return Status();
  }

  bool next(ImportedRecord& out) override {
    std::vector<std::string> fields;
    std::string error;
    if (!csv_->next(fields, error)) return false;
    out = ImportedRecord{};
    out.location = name_ + ":" + std::to_string(csv_->first_line());
    if (!error.empty() || fields.size() != header_.size()) {
      out.errors.push_back({"", error.empty() ? "wrong number of fields" : error});
      return true;
    }
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header_.size(); ++i) row[header_[i]] = fields[i];
    const std::string& code = row["code_rome"];
    Resource r;
    r.id = "rome:" + code;
    r.kind = "metier";
    r.title = row["libelle_rome"];
    std::string definition = joined(code, "definition");
    std::string access = joined(code, "acces_metier");
    r.summary = definition.size() > 400 ? definition.substr(0, definition.rfind(' ', 400)) + "\xE2\x80\xA6" : definition;
    r.body = access.empty() ? definition : definition + "\n\nAcc\xC3\xA8s au m\xC3\xA9tier : " + access;
    r.keywords = appellations_[code];
    r.url = "https://candidat.francetravail.fr/metierscope/fiche-metier/" + code;
    r.codes["rome"] = {code};
    if (!row["code_rome_parent"].empty() && row["code_rome_parent"] != code) r.codes["rome_parent"] = {row["code_rome_parent"]};
    if (auto it = related_.find(code); it != related_.end()) r.codes["rome_related"] = it->second;
    if (auto it = interests_.find(code); it != interests_.end()) {
      for (const auto& [centre, label] : it->second) {
        r.codes["interest"].push_back(centre);
        r.keywords.push_back(label);
      }
    }
    r.source = source_;
    out.resource = std::move(r);
    return true;
  }
  Status status() const override { return in_ ? in_->status() : Status(); }
  size_t bytes_read() const override { return in_ ? in_->bytes_read() : 0; }

 private:
  std::string joined(const std::string& code, const std::string& type) const {
    auto it = texts_.find({code, type});
    if (it == texts_.end()) return {};
    std::string out;
    for (const auto& [position, sentence] : it->second) out += (out.empty() ? "" : " ") + sentence;
    return out;
  }

  std::string name_;
  std::unique_ptr<TextReader> in_;
  std::unique_ptr<CsvReader> csv_;
  std::vector<std::string> header_;
  std::map<std::string, std::vector<std::string>> appellations_;
  std::map<std::pair<std::string, std::string>, std::map<int, std::string>> texts_;
  std::map<std::string, std::vector<std::string>> related_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> interests_;

 public:
  std::string source_;
};

const std::initializer_list<std::string_view> kSheetColumns = {"code_rome", "code_fiche_metier", "libelle_rome",
                                                                   "code_rome_parent"};

}  // namespace

bool recognises_rome_csv(const FileSample& sample) {
  if (!sample.is_directory) return header_has(sample, kSheetColumns, ',');
  // A RefRomeCsv folder: its sheets file, whatever the version number.
  auto sheets = find_file(sample.path, "unix_referentiel_code_rome_");
  if (!sheets) return false;
  std::ifstream in(*sheets, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return header_has(head, kSheetColumns, ',');
}

Result<std::unique_ptr<Importer>> open_rome_csv(const SourceOptions& options, const std::string& path) {
  fs::path dir = fs::is_directory(path) ? fs::path(path) : fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  auto importer = std::make_unique<RomeImporter>();
  importer->source_ = partner_or(options, "france-travail");
  if (Status s = importer->init(dir); !s.ok()) return s;
  return std::unique_ptr<Importer>(std::move(importer));
}

}  // namespace spro::indexer
