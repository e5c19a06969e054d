// ONISEP Idéo "métiers" (semicolon CSV, UTF-8 with BOM). The file has one
// row per job *and* ROME code: a job linked to three ROME sheets is three
// rows. They are merged into one `metier` per onisep.fr link (onisep:MET.782)
// keeping every ROME code and label, in the order of the file. The whole
// file (450 KB) is read at opening to merge rows wherever they are.
#include <algorithm>
#include <map>

#include "importers/csv_table.h"
#include "importers/registry.h"
#include "text_util.h"

namespace spro::indexer {
namespace {

const std::initializer_list<std::string_view> kColumns = {"libellé métier", "lien site onisep.fr", "code ROME"};

void add_unique(std::vector<std::string>& list, std::string value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

class OnisepMetiersImporter : public Importer {
 public:
  Status read(CsvTable& table, const SourceOptions& options) {
    std::map<std::string, size_t> by_id;  // id -> index in records_
    std::string error;
    while (table.next(error)) {
      ImportedRecord rec;
      rec.location = table.location();
      if (!error.empty()) {
        rec.errors.push_back({"", error});
        records_.push_back(std::move(rec));
        continue;
      }
      std::string link = table["lien site onisep.fr"];
      std::string slug = link.substr(link.find_last_of('/') + 1);
      if (slug.empty()) {
        rec.errors.push_back({"id", "no onisep.fr link to take the id from"});
        records_.push_back(std::move(rec));
        continue;
      }
      std::string id = "onisep:" + slug;
      auto [it, fresh] = by_id.emplace(id, records_.size());
      if (fresh) {
        Resource r;
        r.id = id;
        r.kind = "metier";
        r.source = partner_or(options, "onisep");
        r.title = capitalize_first(table["libellé métier"]);
        r.url = link;
        if (std::string gfe = table["GFE"]; !gfe.empty()) r.summary = gfe;
        rec.resource = std::move(r);
        records_.push_back(std::move(rec));
      }
      Resource& r = *records_[it->second].resource;
      if (std::string code = table["code ROME"]; !code.empty()) add_unique(r.codes["rome"], code);
      add_unique(r.keywords, table["libellé ROME"]);
      for (auto& domain : split_any(table["domaine/sous-domaine"], "|/")) add_unique(r.keywords, std::move(domain));
      for (auto& domain : split_any(table["domaine/sous-domaine"], "|")) add_unique(r.codes["onisep_domain"], std::move(domain));
      add_unique(r.keywords, table["nom publication"]);
    }
    bytes_ = table.bytes_read();
    return table.status();
  }

  bool next(ImportedRecord& out) override {
    if (next_ >= records_.size()) return false;
    out = std::move(records_[next_++]);
    return true;
  }
  Status status() const override { return Status(); }
  size_t bytes_read() const override { return next_ >= records_.size() ? bytes_ : 0; }

 private:
  std::vector<ImportedRecord> records_;
  size_t next_ = 0;
  size_t bytes_ = 0;
};

}  // namespace

bool recognises_onisep_metiers(const FileSample& sample) {
  return header_has(sample, kColumns, ';');
}

Result<std::unique_ptr<Importer>> open_onisep_metiers(const SourceOptions& options, const std::string& path) {
  auto table = CsvTable::open(path, options, ';', kColumns);
  if (!table.ok()) return table.status();
  auto importer = std::make_unique<OnisepMetiersImporter>();
  if (Status s = importer->read(**table, options); !s.ok()) return s;
  return std::unique_ptr<Importer>(std::move(importer));
}

}  // namespace spro::indexer
