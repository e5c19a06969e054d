// The importers, declared in one place; importer.cpp chooses among them by
// name, or by asking each format's recogniser in turn (kFormats). Each
// importer lives in its own file under importers/, with its recogniser.
#pragma once

#include <initializer_list>
#include <string_view>

#include "importer.h"

namespace spro::indexer {

using OpenImporter = Result<std::unique_ptr<Importer>> (*)(const SourceOptions&, const std::string& path);
// True when the sample (a file or a folder) is in the format. Looks only at
// the sample: cheap, no I/O. A folder-level format (ROME's RefRomeCsv)
// recognises the folder and is then handed the folder's path.
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

bool recognises_jsonl(const FileSample&);
bool recognises_rome_csv(const FileSample&);
bool recognises_rome_xml(const FileSample&);
bool recognises_lheo(const FileSample&);
bool recognises_html(const FileSample&);
bool recognises_pdf(const FileSample&);
bool recognises_text(const FileSample&);
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

// The first format of kFormats whose recogniser accepts the sample (a
// dictionary included), "" when none does.
std::string recognised_format(const FileSample& sample);

// An importer that yields exactly one record (one document per file).
std::unique_ptr<Importer> single_record(ImportedRecord record);

// --- Helpers for recognisers (importer.cpp) ----------------------------------

// The first line of `text` (a byte order mark and the line end removed).
std::string_view first_line(std::string_view text);
// The sample's first line of text (UTF-8); "" for a folder.
std::string_view first_line(const FileSample& sample);
// The fields of the first line of `text` split on `delimiter` (0: the most
// frequent of , ; tab |), quotes and surrounding spaces removed.
std::vector<std::string> header_fields(std::string_view text, char delimiter = 0);
// True when the header row of `text` has every one of `columns` (exact
// names), split on `delimiter` (0: guessed as above).
bool header_has(std::string_view text, std::initializer_list<std::string_view> columns, char delimiter = 0);
// The same on a sample's text; false for a folder.
bool header_has(const FileSample& sample, std::initializer_list<std::string_view> columns, char delimiter = 0);
// The local name of the XML root element ("lheo" for <lheo:lheo ...>), ""
// when the sample is not XML.
std::string xml_root(const FileSample& sample);
// The first character of the text that is not white space, 0 if none.
char first_char(const FileSample& sample);
// True when the sample's extension is one of `extensions` (".csv"...).
bool has_extension(const FileSample& sample, std::initializer_list<std::string_view> extensions);
// True when a folder sample has an entry starting with `prefix` and ending
// with `suffix`.
bool has_entry(const FileSample& sample, std::string_view prefix, std::string_view suffix = "");

// The source name a native importer gives its resources when the source
// configuration names no partner (docs/indexer.md lists them).
inline std::string partner_or(const SourceOptions& options, std::string_view fallback) {
  return options.partner.empty() ? std::string(fallback) : options.partner;
}

}  // namespace spro::indexer
