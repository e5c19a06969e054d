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
};

// The one place where a format name selects an importer.
constexpr Format kFormats[] = {
    {"jsonl", open_jsonl, "JSON Lines in the canonical model (docs/resource-format.md)"},
    {"csv", open_csv, "any CSV, through the source's mapping"},
    {"rome-csv", open_rome_csv, "ROME 4.0 RefRomeCsv folder (France Travail)"},
    {"rome-xml", open_rome_xml, "ROME v3 referentiel XML (Pôle emploi)"},
    {"lheo", open_lheo, "LHÉO 2.x training offers (CARIF-OREF)"},
    {"certifinfo", open_certifinfo, "Certif Info titles JSON"},
    {"aides-jeunes", open_aides_jeunes, "aides-jeunes benefits as JSON Lines"},
    {"service-public", open_service_public, "service-public.fr fiche (JSON tree)"},
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

std::string detect_format(const std::string& path) {
  namespace fs = std::filesystem;
  if (path == "-") return "jsonl";
  if (fs::is_directory(path)) return "rome-csv";
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
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
