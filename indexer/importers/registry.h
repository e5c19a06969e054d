// The importers, declared in one place; importer.cpp chooses among them by
// name. Each lives in its own file under importers/.
#pragma once

#include "importer.h"

namespace spro::indexer {

using OpenImporter = Result<std::unique_ptr<Importer>> (*)(const SourceOptions&, const std::string& path);

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

// An importer that yields exactly one record (one document per file).
std::unique_ptr<Importer> single_record(ImportedRecord record);

}  // namespace spro::indexer
