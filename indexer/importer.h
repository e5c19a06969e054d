// The Importer interface: one implementation per input format, each
// streaming records one at a time so a large export never sits in memory.
// Importers read; normalize_record() (normalize.h) then resolves places,
// maps vocabularies, applies the source's defaults and validates, the same
// way for every format.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spro/resource.h"
#include "spro/status.h"

namespace spro::indexer {

// One record read from an input, valid or not.
struct ImportedRecord {
  std::string location;  // "file:line" or "file:record N", for messages
  // What could be read. Its territories, publics and levels hold only
  // canonical values; what a partner wrote otherwise goes in raw_*.
  std::optional<Resource> resource;
  std::vector<std::string> raw_territories;  // "Toulon", "83000", "Bouches-du-Rhône"
  std::vector<std::string> raw_publics;      // "DE", "jeunes 16-25 ans", "83056"
  std::vector<std::string> raw_levels;       // "niveau V", "BTS", "lheo:6"
  std::vector<FieldError> errors;    // why the record is refused, one per problem
  std::vector<std::string> warnings; // what was dropped from a kept record
  std::string id() const { return resource ? resource->id : std::string(); }
};

// Everything the source configuration says about one source.
struct SourceOptions {
  std::string name;             // for reports
  std::string format;           // importer name
  std::string partner;          // default `source` of its resources
  std::string encoding = "auto";
  char delimiter = 0;           // CSV: 0 = detect
  std::string kind;             // default kind (documents, CSV)
  std::vector<std::string> default_territories;  // raw values, resolved like the records'
  std::vector<std::string> default_publics;
  std::vector<std::string> default_levels;
  // CSV: field -> template ("{column}", "{column|basename}", "a|b" lists).
  std::map<std::string, std::string> mapping;
  // CSV: column -> (value -> replacement), applied before templates.
  std::map<std::string, std::map<std::string, std::string>> value_maps;
};

class Importer {
 public:
  virtual ~Importer() = default;
  // Reads the next record into `out`. Returns false at the end of the input.
  virtual bool next(ImportedRecord& out) = 0;
  // OK unless the input could not be read to its end.
  virtual Status status() const = 0;
  // Bytes of the input consumed so far, for progress reports.
  virtual size_t bytes_read() const { return 0; }
};

// The importer for `options.format` reading `path`. NotFound for an
// unreadable file, InvalidArgument for an unknown format or a bad option.
Result<std::unique_ptr<Importer>> open_importer(const SourceOptions& options, const std::string& path);

// The formats open_importer() knows, for --help and validation.
std::vector<std::string> importer_formats();

// The format for a file when the source names none: by extension, then by
// content (a JSON object per line, an XML root element...).
std::string detect_format(const std::string& path);

}  // namespace spro::indexer
