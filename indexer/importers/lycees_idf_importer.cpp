// Région Île-de-France "Lycées – données générales" (semicolon CSV, UTF-8
// with BOM): one `structure` per lycée, id and code from its UAI
// (uai:0942145W, the national establishment number ONISEP files cite too),
// in its INSEE commune, at its GEO point ("lat, lon").
#include "importers/csv_table.h"
#include "importers/registry.h"
#include "text_util.h"

namespace spro::indexer {
namespace {

const std::initializer_list<std::string_view> kColumns = {"CODE_UAI", "NOM_ETABLISSEMENT", "CODE_INSEE", "GEO"};

class LyceesIdfImporter : public CsvRowImporter {
 public:
  using CsvRowImporter::CsvRowImporter;

  void read_row(const CsvTable& row, ImportedRecord& out) override {
    std::string uai = row["CODE_UAI"];
    Resource r;
    r.id = "uai:" + uai;
    r.kind = "structure";
    r.source = partner_or(options(), "region-idf");
    r.title = squeeze_spaces(row["NOM_ETABLISSEMENT"]);
    std::string nature = row["NATURE_UAI"];
    std::string status = row["STATUT"];
    r.summary = capitalize_first(nature) + (status.empty() ? "" : (nature.empty() ? "" : ", ") + status) +
                (row["ACADEMIE"].empty() ? "" : ", académie de " + row["ACADEMIE"]);
    for (const char* column : {"SIGLE_UAI", "NATURE_UAI", "PATRONYME", "STATUT"}) {
      if (std::string v = row[column]; !v.empty()) r.keywords.push_back(v);
    }
    r.address = squeeze_spaces(row["ADRESSE_POSTALE"] + ", " + row["CODE_POSTAL"] + " " + row["COMMUNE"]);
    r.url = row["SITE_WEB"];
    r.updated = iso_date(row["DATE_MAJ"]);
    r.codes["uai"] = {uai};
    if (std::string siret = row["NUM_SIRET"]; !siret.empty()) r.codes["siret"] = {siret};
    if (std::string geo = row["GEO"]; !geo.empty()) {
      size_t comma = geo.find(',');
      auto lat = parse_number(geo.substr(0, comma));
      auto lon = comma == std::string::npos ? std::nullopt : parse_number(geo.substr(comma + 1));
      if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
        out.errors.push_back({"location", "GEO '" + geo + "' is not \"latitude, longitude\" in range"});
        return;
      }
      r.location = GeoPoint{*lat, *lon};
    }
    if (std::string insee = row["CODE_INSEE"]; !insee.empty()) out.raw_territories.push_back("com:" + insee);
    else if (std::string cp = row["CODE_POSTAL"]; !cp.empty()) out.raw_territories.push_back(row["COMMUNE"] + " " + cp);
    if (options().default_publics.empty()) out.raw_publics.push_back("scolaire");
    out.resource = std::move(r);
  }
};

}  // namespace

bool recognises_lycees_idf(const FileSample& sample) {
  return header_has(sample, kColumns, ';');
}

Result<std::unique_ptr<Importer>> open_lycees_idf(const SourceOptions& options, const std::string& path) {
  auto table = CsvTable::open(path, options, ';', kColumns);
  if (!table.ok()) return table.status();
  return std::unique_ptr<Importer>(new LyceesIdfImporter(std::move(*table), options));
}

}  // namespace spro::indexer
