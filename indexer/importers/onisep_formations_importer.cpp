// ONISEP Idéo "formations initiales en France" (semicolon CSV, UTF-8 with
// BOM): one national `formation` per row, id from the onisep.fr link
// (onisep:FOR.6913), level from "niveau 5 (bac + 2)", RNCP and CNIS codes,
// the `|`- and `/`-separated domains as keywords.
#include "importers/csv_table.h"
#include "importers/registry.h"
#include "text_util.h"

namespace spro::indexer {
namespace {

const std::initializer_list<std::string_view> kColumns = {"libellé formation principal", "lien site onisep.fr",
                                                              "libellé niveau RNCP", "domaine/sous-domaine"};

std::string basename_of(const std::string& url) { return url.substr(url.find_last_of('/') + 1); }

class OnisepFormationsImporter : public CsvRowImporter {
 public:
  using CsvRowImporter::CsvRowImporter;

  void read_row(const CsvTable& row, ImportedRecord& out) override {
    std::string link = row["lien site onisep.fr"];
    std::string slug = basename_of(link);
    if (slug.empty()) {
      out.errors.push_back({"id", "no onisep.fr link to take the id from"});
      return;
    }
    Resource r;
    r.id = "onisep:" + slug;
    r.kind = "formation";
    r.source = partner_or(options(), "onisep");
    r.title = row["libellé formation principal"];
    std::string type = row["libellé type formation"];
    std::string duration = row["durée"];
    r.summary = capitalize_first(type) + (duration.empty() ? "" : (type.empty() ? "" : ", ") + duration);
    for (const char* column : {"sigle type formation", "sigle formation", "libellé type formation"}) {
      if (std::string v = row[column]; !v.empty()) r.keywords.push_back(v);
    }
    for (auto& domain : split_any(row["domaine/sous-domaine"], "|/")) r.keywords.push_back(std::move(domain));
    // Each "domain/sub-domain" whole: what links programmes to the ONISEP
    // jobs of the same domain (docs/pathways.md).
    for (auto& domain : split_any(row["domaine/sous-domaine"], "|")) r.codes["onisep_domain"].push_back(std::move(domain));
    r.url = link;
    if (std::string rncp = row["code RNCP"]; !rncp.empty()) r.codes["rncp"] = {rncp};
    if (std::string cnis = row["code CNIS"]; !cnis.empty()) r.codes["cnis"] = {cnis};
    if (std::string level = row["libellé niveau RNCP"]; !level.empty()) out.raw_levels.push_back(level);
    out.resource = std::move(r);
  }
};

}  // namespace

bool recognises_onisep_formations(const FileSample& sample) {
  return header_has(sample, kColumns, ';');
}

Result<std::unique_ptr<Importer>> open_onisep_formations(const SourceOptions& options, const std::string& path) {
  auto table = CsvTable::open(path, options, ';', kColumns);
  if (!table.ok()) return table.status();
  return std::unique_ptr<Importer>(new OnisepFormationsImporter(std::move(*table), options));
}

}  // namespace spro::indexer
