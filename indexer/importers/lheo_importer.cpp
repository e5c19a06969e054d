// LHÉO 2.x (the CARIF-OREF training-offer exchange language): one
// `formation` resource per <action> (a training offered at one place),
// carrying its <formation>'s title, objectives, contents, codes and
// certification, its place (INSEE commune, coordinates), public, level and
// first session. Contact people and phone numbers are not imported.
#include <algorithm>

#include "importers/registry.h"
#include "text_util.h"
#include "xml_stream.h"

namespace spro::indexer {
namespace {

// LHÉO dates are YYYYMMDD; 00000000 and 99999999 mean "unknown".
std::string lheo_date(const std::string& d) {
  if (d.size() != 8 || d == "00000000" || d == "99999999") return {};
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

void add_code(Resource& r, const std::string& type, const std::string& value) {
  if (value.empty()) return;
  auto& list = r.codes[type];
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

class LheoImporter : public Importer {
 public:
  explicit LheoImporter(std::unique_ptr<XmlElementStream> xml, std::string name) : xml_(std::move(xml)), name_(std::move(name)) {}

  bool next(ImportedRecord& out) override {
    while (true) {
      if (pending_.empty()) {
        xmlNode* formation = xml_->next();
        if (!formation) return false;
        read_formation(formation);
        if (pending_.empty()) continue;
      }
      out = std::move(pending_.front());
      pending_.erase(pending_.begin());
      return true;
    }
  }
  Status status() const override {
    return xml_->error().empty() ? Status() : Status::invalid_argument(xml_->error());
  }

 private:
  void read_formation(xmlNode* f) {
    Resource base;
    std::string formation_id = attribute(f, "numero");
    base.kind = "formation";
    base.title = strip_html(text(child(f, "intitule-formation")));
    base.summary = strip_html(text(child(f, "objectif-formation")));
    std::string contents = strip_html(text(child(f, "contenu-formation")));
    std::string results = strip_html(text(child(f, "resultats-attendus")));
    base.body = contents;
    if (results.size() > 1) base.body += (base.body.empty() ? "" : "\n\n") + ("R\xC3\xA9sultats attendus : " + results);
    base.url = text(descendant(child(f, "url-formation"), "urlweb"));
    if (xmlNode* domain = child(f, "domaine-formation")) {
      for (xmlNode* c : children(domain, "code-ROME")) add_code(base, "rome", text(c));
      for (xmlNode* c : children(domain, "code-FORMACODE")) add_code(base, "formacode", text(c));
      for (xmlNode* c : children(domain, "code-NSF")) add_code(base, "nsf", text(c));
    }
    for (xmlNode* cert : children(f, "certification")) {
      add_code(base, "rncp", text(child(cert, "code-RNCP")));
      add_code(base, "certifinfo", text(child(cert, "code-CERTIFINFO")));
    }
    std::vector<std::string> levels;
    if (std::string level = text(child(f, "code-niveau-sortie")); !level.empty()) levels.push_back("lheo:" + level);
    const int line = xml_->line();

    std::vector<xmlNode*> actions = children(f, "action");
    if (actions.empty()) {
      ImportedRecord rec;
      rec.location = name_ + ":" + std::to_string(line);
      base.id = "lheo:" + formation_id;
      base.source = source_;
      rec.resource = base;
      rec.raw_levels = levels;
      pending_.push_back(std::move(rec));
      return;
    }
    for (xmlNode* action : actions) {
      ImportedRecord rec;
      rec.location = name_ + ":" + std::to_string(line) + " (action " + attribute(action, "numero") + ")";
      Resource r = base;
      r.source = source_;
      r.id = "lheo:" + formation_id + ":" + attribute(action, "numero");
      r.updated = lheo_date(attribute(action, "datemaj"));
      rec.raw_levels = levels;
      for (xmlNode* p : children(action, "code-public-vise")) rec.raw_publics.push_back(text(p));
      if (xmlNode* place = child(action, "lieu-de-formation")) read_place(place, r, rec);
      std::string teaching = text(child(action, "modalites-enseignement"));
      if (teaching == "0") r.modalities = {"presentiel"};
      if (teaching == "1") r.modalities = {"presentiel", "distance"};
      if (teaching == "2") r.modalities = {"distance"};
      if (text(child(action, "modalites-alternance")).size() > 1) r.modalities.push_back("alternance");
      if (std::string trainer = text(descendant(action, "raison-sociale-formateur")); !trainer.empty()) r.keywords.push_back(trainer);
      if (xmlNode* session = child(action, "session")) {
        xmlNode* period = child(session, "periode");
        r.start = lheo_date(text(child(period, "debut")));
        r.end = lheo_date(text(child(period, "fin")));
      }
      if (std::string url = text(descendant(child(action, "url-action"), "urlweb")); !url.empty()) r.url = url;
      rec.resource = std::move(r);
      pending_.push_back(std::move(rec));
    }
  }

  static void read_place(xmlNode* place, Resource& r, ImportedRecord& rec) {
    xmlNode* address = descendant(place, "adresse");
    if (!address) return;
    std::string insee = text(child(address, "code-INSEE-commune"));
    std::string postal = text(child(address, "codepostal"));
    std::string city = text(child(address, "ville"));
    if (!insee.empty()) {
      rec.raw_territories.push_back("com:" + insee);  // an INSEE code, not a postal code
    } else if (!city.empty()) {
      rec.raw_territories.push_back(city + " " + postal);
    }
    std::string lines;
    for (xmlNode* l : children(address, "ligne")) lines += (lines.empty() ? "" : ", ") + text(l);
    r.address = lines + (lines.empty() ? "" : ", ") + postal + " " + city;
    if (xmlNode* geo = child(address, "geolocalisation")) {
      std::string lat = text(child(geo, "latitude")), lon = text(child(geo, "longitude"));
      if (!lat.empty() && !lon.empty()) {
        auto la = parse_number(lat), lo = parse_number(lon);
        if (la && lo && *la >= -90 && *la <= 90 && *lo >= -180 && *lo <= 180) {
          r.location = GeoPoint{*la, *lo};
        } else {
          rec.errors.push_back({"location", "'" + lat + ", " + lon + "' is not a latitude and longitude in range"});
        }
      }
    }
  }

  std::unique_ptr<XmlElementStream> xml_;
  std::string name_;
  std::vector<ImportedRecord> pending_;

 public:
  std::string source_;
};

// ROME v3 (Pôle emploi, ISO-8859-15 XML): one `metier` resource per
// <item_referentiel_code_rome>; titles only (texts came with ROME 4.0).
class RomeXmlImporter : public Importer {
 public:
  RomeXmlImporter(std::unique_ptr<XmlElementStream> xml, std::string name, std::string source)
      : xml_(std::move(xml)), name_(std::move(name)), source_(std::move(source)) {}
  bool next(ImportedRecord& out) override {
    xmlNode* item = xml_->next();
    if (!item) return false;
    out = ImportedRecord{};
    out.location = name_ + ":" + std::to_string(xml_->line());
    Resource r;
    std::string code = text(child(item, "code_rome"));
    // "rome-v3:": the ROME 4.0 sheets kept most v3 codes, and both may be
    // indexed side by side; the code itself is in codes.rome.
    r.id = "rome-v3:" + code;
    r.kind = "metier";
    r.source = source_;
    r.title = text(child(item, "libelle"));
    if (!code.empty()) r.codes["rome"] = {code};
    out.resource = std::move(r);
    return true;
  }
  Status status() const override {
    return xml_->error().empty() ? Status() : Status::invalid_argument(xml_->error());
  }

 private:
  std::unique_ptr<XmlElementStream> xml_;
  std::string name_;
  std::string source_;
};

}  // namespace

bool recognises_lheo(const FileSample& sample) {
  return !sample.is_directory && xml_root(sample) == "lheo";
}

bool recognises_rome_xml(const FileSample& sample) {
  return !sample.is_directory && xml_root(sample) == "ogr" &&
         sample.head.find("<item_referentiel_code_rome") != std::string::npos;
}

Result<std::unique_ptr<Importer>> open_lheo(const SourceOptions& options, const std::string& path) {
  auto xml = XmlElementStream::open(path, "formation", options.encoding);
  if (!xml.ok()) return xml.status();
  auto importer = std::make_unique<LheoImporter>(std::move(*xml), path);
  importer->source_ = partner_or(options, "carif-oref");
  return std::unique_ptr<Importer>(std::move(importer));
}

Result<std::unique_ptr<Importer>> open_rome_xml(const SourceOptions& options, const std::string& path) {
  auto xml = XmlElementStream::open(path, "item_referentiel_code_rome", options.encoding);
  if (!xml.ok()) return xml.status();
  return std::unique_ptr<Importer>(new RomeXmlImporter(std::move(*xml), path, partner_or(options, "france-travail")));
}

}  // namespace spro::indexer
