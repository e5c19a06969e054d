// ONISEP Idéo lycée teachings: "enseignements de spécialité de première
// générale" and "enseignements optionnels de seconde générale et
// technologique" (semicolon CSV, UTF-8 with BOM). One row is a training
// action: the teachings offered at one lycée. It becomes a located
// `formation` (onisep:AF.23666) with the lycée's UAI as a code and its
// commune resolved from the commune name and postal code.
#include "importers/csv_table.h"
#include "importers/registry.h"
#include "text_util.h"

namespace spro::indexer {
namespace {

const std::initializer_list<std::string_view> kColumns = {
    "Identifiant action de formation", "UAI lieu de cours", "Libellé lieu de cours", "Code postal lieu de cours",
    "Commune lieu de cours"};

// The column naming the teachings, which differs between the two files.
constexpr std::string_view kSpecialities = "Enseignements de spécialité de classe de 1ère générale";
constexpr std::string_view kOptions = "Enseignements optionnels et langues de classe de 2nde GT";

class OnisepLyceeImporter : public CsvRowImporter {
 public:
  OnisepLyceeImporter(std::unique_ptr<CsvTable> table, SourceOptions options, std::string_view teachings)
      : CsvRowImporter(std::move(table), std::move(options)), teachings_(teachings) {}

  void read_row(const CsvTable& row, ImportedRecord& out) override {
    Resource r;
    r.id = "onisep:" + row["Identifiant action de formation"];
    r.kind = "formation";
    r.source = partner_or(options(), "onisep");
    std::string place = row["Libellé lieu de cours"];
    std::string commune = row["Commune lieu de cours"];
    std::string postal_code = row["Code postal lieu de cours"];
    bool first = teachings_ == kSpecialities;
    r.title = std::string(first ? "Enseignements de spécialité de 1re générale" : "Enseignements optionnels de 2nde GT") +
              " — " + place + (commune.empty() ? "" : " (" + commune + ")");
    std::string teachings = row[teachings_];
    r.summary = teachings;
    for (auto& t : split_any(teachings, "/")) r.keywords.push_back(std::move(t));
    r.keywords.push_back(place);
    std::string street = row["Adresse lieu de cours"];
    std::string box = row["Boîte postale lieu de cours"];
    r.address = squeeze_spaces(street + (box.empty() ? "" : ", " + box) + ", " + postal_code + " " + commune);
    r.url = row["Identifiant et fiche onisep lieu de cours"];
    if (std::string uai = row["UAI lieu de cours"]; !uai.empty()) r.codes["uai"] = {uai};
    r.updated = iso_date(row["AF date de modification"]);
    if (!commune.empty() || !postal_code.empty()) out.raw_territories.push_back(commune + " " + postal_code);
    out.raw_publics.push_back("scolaire");
    out.raw_levels.push_back("bac");  // what these teachings lead to
    out.resource = std::move(r);
  }

 private:
  std::string_view teachings_;
};

std::string_view teachings_column(std::string_view head) {
  if (header_has(head, {kSpecialities}, ';')) return kSpecialities;
  if (header_has(head, {kOptions}, ';')) return kOptions;
  return {};
}

}  // namespace

bool recognises_onisep_lycee(const FileSample& sample) {
  return header_has(sample, kColumns, ';') && !teachings_column(sample.text).empty();
}

Result<std::unique_ptr<Importer>> open_onisep_lycee(const SourceOptions& options, const std::string& path) {
  auto table = CsvTable::open(path, options, ';', kColumns);
  if (!table.ok()) return table.status();
  std::string_view teachings;
  for (std::string_view column : {kSpecialities, kOptions}) {
    if (!(**table).has_column(column)) continue;
    teachings = column;
  }
  if (teachings.empty()) {
    return Status::invalid_argument(path + ": no column '" + std::string(kSpecialities) + "' nor '" + std::string(kOptions) + "'");
  }
  return std::unique_ptr<Importer>(new OnisepLyceeImporter(std::move(*table), options, teachings));
}

}  // namespace spro::indexer
