// The importers, declared in one place; importer.cpp chooses among them by
// name. Each lives in its own file under importers/, with the function that
// recognises its format from a file's content.
#pragma once

#include "importer.h"

namespace spro::indexer {

// --- Detection API (moves to importer.h with the folder walk) ----------------
// What a recogniser sees of a file: its path, its extension (lower case,
// with the dot), its first 64 KiB, and whether it is a folder.
#ifndef SPRO_INDEXER_FILE_SAMPLE
#define SPRO_INDEXER_FILE_SAMPLE
struct FileSample {
  std::string path;
  std::string extension;
  std::string head;  // first 64 KiB
  bool is_directory = false;
};
#endif
// --- end of the detection API ------------------------------------------------

using OpenImporter = Result<std::unique_ptr<Importer>> (*)(const SourceOptions&, const std::string& path);
// True when a file (or folder) is in the recogniser's format, judged from
// its content: header row columns, XML root element, JSON shape.
using Recogniser = bool (*)(const FileSample&);

Result<std::unique_ptr<Importer>> open_jsonl(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_csv(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_rome_csv(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_rome_xml(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_lheo(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_html(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_pdf(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_text(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_service_public(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_certifinfo(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_aides_jeunes(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_aides_jeunes_yaml(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_onisep_formations(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_onisep_metiers(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_onisep_lycee(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_france_services(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_vae_points(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_lycees_idf(const SourceOptions&, const std::string& path);
Result<std::unique_ptr<Importer>> open_dictionary(const SourceOptions&, const std::string& path);

bool recognises_rome_csv(const FileSample&);
bool recognises_rome_xml(const FileSample&);
bool recognises_lheo(const FileSample&);
bool recognises_service_public(const FileSample&);
bool recognises_certifinfo(const FileSample&);
bool recognises_aides_jeunes(const FileSample&);
bool recognises_aides_jeunes_yaml(const FileSample&);
bool recognises_onisep_formations(const FileSample&);
bool recognises_onisep_metiers(const FileSample&);
bool recognises_onisep_lycee(const FileSample&);
bool recognises_france_services(const FileSample&);
bool recognises_vae_points(const FileSample&);
bool recognises_lycees_idf(const FileSample&);
bool recognises_dictionary(const FileSample&);

// The first format (by name) whose recogniser accepts the sample, or "" if
// none does. Partner formats only: generic JSON Lines, CSV and documents are
// the folder walk's fallbacks.
std::string recognised_format(const FileSample& sample);

// An importer that yields exactly one record (one document per file).
std::unique_ptr<Importer> single_record(ImportedRecord record);

// The source name a native importer gives its resources when the source
// configuration names no partner (docs/indexer.md lists them).
inline std::string partner_or(const SourceOptions& options, std::string_view fallback) {
  return options.partner.empty() ? std::string(fallback) : options.partner;
}

}  // namespace spro::indexer
