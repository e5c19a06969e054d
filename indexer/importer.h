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

// What a recogniser sees of a file or a folder, to say whether it is in
// its format. Recognition is by content first (a header row, an XML root
// element, a JSON shape); the extension only helps.
struct FileSample {
  std::string path;
  std::string name;       // the file or folder name ("PROVENANCE.md")
  std::string extension;  // lower case, with its dot (".csv"); for "x.csv.gz", ".csv"
  std::string head;       // the first kHeadBytes bytes as stored (decompressed for .gz)
  std::string text;       // `head` decoded to UTF-8, byte order mark removed
  bool is_directory = false;
  bool compressed = false;  // a .gz file
  size_t size = 0;          // bytes on disk (0 for a folder)
  // A folder's entries, sorted; subfolders end with '/'.
  std::vector<std::string> entries;

  static constexpr size_t kHeadBytes = 64 * 1024;
};

// Reads what recognisers need of `path` (a file or a folder). NotFound or
// IoError when it cannot be read.
Result<FileSample> sample_file(const std::string& path);

// What the walker decided about one file or folder.
struct Recognition {
  enum class Verdict {
    kImport,    // partner data in `format`
    kSkip,      // not partner data (documentation, schema, image...): `reason`
    kReject,    // a bad file (empty, binary, ...): `reason`; reported as a rejected source
    kDescend,   // a folder no format claims: its entries are walked
  };
  Verdict verdict = Verdict::kSkip;
  std::string format;
  std::string reason;
};

// Tries every format's recogniser in table order (importer.cpp). A file no
// format recognises is skipped ("unrecognised format") unless it is
// plainly broken (empty, binary), which is a rejection.
Recognition recognise(const FileSample& sample);

// The format a file's extension names by itself (".jsonl", ".csv", ".pdf",
// ".html", ".md"...), "" if none: the fallback for a file given by name
// that no recogniser claims.
std::string format_by_extension(const FileSample& sample);

// The importer for `options.format` reading `path`. NotFound for an
// unreadable file, InvalidArgument for an unknown format or a bad option.
// Format "auto" (or empty): the recognised one, or the extension's.
Result<std::unique_ptr<Importer>> open_importer(const SourceOptions& options, const std::string& path);

// The formats open_importer() knows, for --help and validation.
std::vector<std::string> importer_formats();

// The format for a file when the source names none: by content (see
// recognise()), then by extension; "" when neither tells.
std::string detect_format(const std::string& path);

}  // namespace spro::indexer
