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

// An importer that yields exactly one record (one document per file).
std::unique_ptr<Importer> single_record(ImportedRecord record);

// --- Helpers for recognisers (importer.cpp) ----------------------------------

// The sample's first line of text (UTF-8, without its end); "" for a folder.
std::string_view first_line(const FileSample& sample);
// The fields of the first line split on `delimiter` (0: the most frequent
// of , ; tab |), quotes and surrounding spaces removed.
std::vector<std::string> header_fields(const FileSample& sample, char delimiter = 0);
// True when the header row has every one of `columns` (exact names).
bool header_has(const FileSample& sample, std::initializer_list<std::string_view> columns);
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

}  // namespace spro::indexer
