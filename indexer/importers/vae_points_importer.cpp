// Points relais conseil VAE (regional VAE networks, comma CSV with
// multi-line quoted addresses). The file has no unique column, so the id
// is a stable hash of région, name and address: the same point keeps its id
// from one export to the next, and two points of one name differ. Each is a
// `structure` in the département of its DEPARTEMENT column (or, when that is
// not one, of the postal code in its address, else in its région).
#include <cctype>

#include "importers/csv_table.h"
#include "importers/registry.h"
#include "spro/territory.h"
#include "text_util.h"

namespace spro::indexer {
namespace {

const std::initializer_list<std::string_view> kColumns = {"Region", "DEPARTEMENT", "NOM", "ADRESSE"};

// The last five-digit number of an address: its postal code.
std::string postal_code_in(std::string_view address) {
  std::string found;
  for (size_t i = 0; i + 5 <= address.size(); ++i) {
    bool five = true;
    for (size_t k = 0; k < 5; ++k) five = five && std::isdigit(static_cast<unsigned char>(address[i + k]));
    bool bounded = (i == 0 || !std::isdigit(static_cast<unsigned char>(address[i - 1]))) &&
                   (i + 5 == address.size() || !std::isdigit(static_cast<unsigned char>(address[i + 5])));
    if (five && bounded) found = std::string(address.substr(i, 5));
  }
  return found;
}

class VaePointsImporter : public CsvRowImporter {
 public:
  using CsvRowImporter::CsvRowImporter;

  void read_row(const CsvTable& row, ImportedRecord& out) override {
    std::string region = squeeze_spaces(row["Region"]);
    std::string name = squeeze_spaces(row["NOM"]);
    std::string address = squeeze_spaces(row["ADRESSE"]);
    std::string host = squeeze_spaces(row["Mandataire"]);
    Resource r;
    r.id = "vae:" + stable_hash(region + "\n" + name + "\n" + address);
    r.kind = "structure";
    r.source = partner_or(options(), "vae");
    r.title = name;
    r.summary = "Point relais conseil VAE" + (host.empty() ? "" : " — " + host);
    r.keywords = {"VAE", "validation des acquis de l'expérience", "point relais conseil"};
    if (!host.empty()) r.keywords.push_back(host);
    r.codes["structure_type"] = {"vae"};  // an advice place (data/pathways/advice-rules.tsv)
    r.address = address;
    std::string departement = squeeze_spaces(row["DEPARTEMENT"]);
    if (!departement.empty() && find_territory("dep:" + departement)) {
      out.raw_territories.push_back("dep:" + departement);
    } else if (std::string code = postal_code_in(address); !code.empty()) {
      out.raw_territories.push_back(code);  // "20" is no longer a département: 2A or 2B
    } else if (!region.empty()) {
      // "20" with no address (Corsica's points): its région, the one
      // territory the row does say.
      out.raw_territories.push_back(region);
    } else if (!departement.empty()) {
      out.raw_territories.push_back(departement);  // a name, or reported as unknown
    }
    if (options().default_publics.empty()) out.raw_publics.push_back("adulte");
    out.resource = std::move(r);
  }
};

}  // namespace

bool recognises_vae_points(const FileSample& sample) {
  return header_has(sample, kColumns, ',');
}

Result<std::unique_ptr<Importer>> open_vae_points(const SourceOptions& options, const std::string& path) {
  auto table = CsvTable::open(path, options, ',', kColumns);
  if (!table.ok()) return table.status();
  return std::unique_ptr<Importer>(new VaePointsImporter(std::move(*table), options));
}

}  // namespace spro::indexer
