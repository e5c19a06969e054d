// France services (ANCT open data, comma CSV, every field quoted, some
// quoted fields over several lines): one `structure` per row
// (france-services:{id_fs}), in its INSEE commune, at its coordinates, with
// its opening hours as text.
#include "importers/csv_table.h"
#include "importers/registry.h"
#include "text_util.h"

namespace spro::indexer {
namespace {

const std::initializer_list<std::string_view> kColumns = {"id_fs", "lib_fs", "insee_com", "latitude", "longitude"};

class FranceServicesImporter : public CsvRowImporter {
 public:
  using CsvRowImporter::CsvRowImporter;

  void read_row(const CsvTable& row, ImportedRecord& out) override {
    Resource r;
    r.id = "france-services:" + row["id_fs"];
    r.kind = "structure";
    r.source = partner_or(options(), "anct");
    r.title = squeeze_spaces(row["lib_fs"]);
    std::string type = row["type_fs"];
    r.summary = "France services" + (type.empty() ? "" : " (" + type + ")") +
                (row["format_fs"].empty() ? "" : ", " + row["format_fs"]);
    r.keywords = {"France services", "maison France services"};
    std::string complement = row["complement_adresse"];
    r.address = squeeze_spaces(row["adresse"] + (complement.empty() ? "" : ", " + complement) + ", " +
                               row["code_postal"] + " " + row["lib_com"]);
    static const std::pair<const char*, const char*> kDays[] = {
        {"h_lundi", "Lundi"}, {"h_mardi", "Mardi"}, {"h_mercredi", "Mercredi"},
        {"h_jeudi", "Jeudi"}, {"h_vendredi", "Vendredi"}, {"h_samedi", "Samedi"}};
    for (auto [column, day] : kDays) {
      if (std::string hours = squeeze_spaces(row[column]); !hours.empty()) r.body += std::string(day) + " : " + hours + "\n";
    }
    if (std::string comment = squeeze_spaces(row["commentaire"]); !comment.empty()) r.body += comment + "\n";
    if (row["prise_rdv"] == "Oui") r.body += "Sur rendez-vous\n";
    r.codes["france_services"] = {row["id_fs"]};
    r.codes["structure_type"] = {"france_services"};  // an advice place (data/pathways/advice-rules.tsv)
    std::string lat = row["latitude"], lon = row["longitude"];
    if (!lat.empty() || !lon.empty()) {
      auto la = parse_number(lat), lo = parse_number(lon);
      if (!la || !lo || *la < -90 || *la > 90 || *lo < -180 || *lo > 180) {
        out.errors.push_back({"location", "'" + lat + ", " + lon + "' is not a latitude and longitude in range"});
        return;
      }
      r.location = GeoPoint{*la, *lo};
    }
    if (std::string insee = row["insee_com"]; !insee.empty()) out.raw_territories.push_back("com:" + insee);
    else if (std::string dep = row["insee_dep"]; !dep.empty()) out.raw_territories.push_back("dep:" + dep);
    if (options().default_publics.empty()) out.raw_publics.push_back("tout_public");
    out.resource = std::move(r);
  }
};

}  // namespace

bool recognises_france_services(const FileSample& sample) {
  return header_has(sample, kColumns, ',');
}

Result<std::unique_ptr<Importer>> open_france_services(const SourceOptions& options, const std::string& path) {
  auto table = CsvTable::open(path, options, ',', kColumns);
  if (!table.ok()) return table.status();
  return std::unique_ptr<Importer>(new FranceServicesImporter(std::move(*table), options));
}

}  // namespace spro::indexer
