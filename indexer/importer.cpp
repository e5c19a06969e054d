#include "importer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "importers/registry.h"

namespace spro::indexer {
namespace {

struct Format {
  std::string_view name;
  OpenImporter open;
  std::string_view description;
  Recogniser recognises = nullptr;  // by content; null: chosen by name or extension only
};

// The one place where a format name selects an importer.
constexpr Format kFormats[] = {
    {"jsonl", open_jsonl, "JSON Lines in the canonical model (docs/resource-format.md)"},
    {"csv", open_csv, "any CSV, through the source's mapping"},
    {"rome-csv", open_rome_csv, "ROME 4.0 RefRomeCsv folder (France Travail)", recognises_rome_csv},
    {"rome-xml", open_rome_xml, "ROME v3 referentiel XML (Pôle emploi)", recognises_rome_xml},
    {"lheo", open_lheo, "LHÉO 2.x training offers (CARIF-OREF)", recognises_lheo},
    {"certifinfo", open_certifinfo, "Certif Info titles JSON", recognises_certifinfo},
    {"aides-jeunes", open_aides_jeunes, "aides-jeunes benefits as JSON Lines", recognises_aides_jeunes},
    {"aides-jeunes-yaml", open_aides_jeunes_yaml, "aides-jeunes folder of YAML benefits and institutions",
     recognises_aides_jeunes_yaml},
    {"service-public", open_service_public, "service-public.fr fiche (JSON tree)", recognises_service_public},
    {"onisep-formations", open_onisep_formations, "ONISEP Idéo formations initiales CSV", recognises_onisep_formations},
    {"onisep-metiers", open_onisep_metiers, "ONISEP Idéo métiers CSV (rows of one job merged)", recognises_onisep_metiers},
    {"onisep-lycee", open_onisep_lycee, "ONISEP Idéo lycée teachings CSV (specialities of 1re, options of 2nde)",
     recognises_onisep_lycee},
    {"france-services", open_france_services, "France services CSV (ANCT)", recognises_france_services},
    {"vae-points", open_vae_points, "points relais conseil VAE CSV", recognises_vae_points},
    {"lycees-idf", open_lycees_idf, "Île-de-France lycées CSV (données générales)", recognises_lycees_idf},
    {"dictionary", open_dictionary, "a dictionary or companion file (Formacode, NSF, LHÉO dictionaries, ROME tables, "
     "aides-jeunes institutions): vocabulary, not resources", recognises_dictionary},
    {"html", open_html, "an HTML page"},
    {"pdf", open_pdf, "a PDF brochure"},
    {"text", open_text, "a Markdown or plain text file"},
};

}  // namespace

Result<std::unique_ptr<Importer>> open_importer(const SourceOptions& options, const std::string& path) {
  std::string format = options.format.empty() || options.format == "auto" ? detect_format(path) : options.format;
  for (const Format& f : kFormats) {
    if (f.name == format) return f.open(options, path);
  }
  return Status::invalid_argument("unknown input format '" + format + "'");
}

std::vector<std::string> importer_formats() {
  std::vector<std::string> names;
  for (const Format& f : kFormats) names.emplace_back(f.name);
  return names;
}

std::string recognised_format(const FileSample& sample) {
  for (const Format& f : kFormats) {
    if (f.recognises && f.recognises(sample)) return std::string(f.name);
  }
  return {};
}

std::string detect_format(const std::string& path) {
  namespace fs = std::filesystem;
  if (path == "-") return "jsonl";
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  {
    // A partner format recognised by its content comes first.
    FileSample sample{path, ext, {}, fs::is_directory(path)};
    if (!sample.is_directory) {
      std::ifstream in(path, std::ios::binary);
      sample.head.resize(64 * 1024);
      in.read(sample.head.data(), static_cast<std::streamsize>(sample.head.size()));
      sample.head.resize(static_cast<size_t>(in.gcount()));
    }
    if (std::string format = recognised_format(sample); !format.empty()) return format;
  }
  if (fs::is_directory(path)) return "rome-csv";
  if (ext == ".jsonl" || ext == ".ndjson") return "jsonl";
  if (ext == ".csv" || ext == ".tsv") return "csv";
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".pdf") return "pdf";
  if (ext == ".md" || ext == ".txt" || ext == ".markdown") return "text";
  // By content: the first bytes tell JSON Lines, XML and PDF apart.
  std::ifstream in(path, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.starts_with("%PDF")) return "pdf";
  if (head.find("<lheo") != std::string::npos) return "lheo";
  if (head.find("<item_referentiel_code_rome") != std::string::npos || head.find("<ogr>") != std::string::npos) return "rome-xml";
  if (head.find("<html") != std::string::npos || head.find("<!DOCTYPE html") != std::string::npos) return "html";
  size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && head[first] == '{') return "jsonl";
  return "text";
}

}  // namespace spro::indexer
