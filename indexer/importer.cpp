#include "importer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

#include "importers/registry.h"
#include "text_reader.h"

namespace spro::indexer {
namespace {

namespace fs = std::filesystem;

// Recognised so that a folder build skips it with its reason.
constexpr std::string_view kDictionaryFormat = "dictionary";
// kFormats lists the partner formats first, then from this one on the
// generic formats (canonical JSON Lines, CSV through a mapping, documents).
constexpr std::string_view kFirstGenericFormat = "jsonl";

struct Format {
  std::string_view name;
  OpenImporter open;
  // nullptr: chosen only by name (--format, a source's `format:`).
  Recogniser recognises;
  std::string_view description;
};

// The one place where a format name selects an importer, and where files
// are recognised: the first format whose recogniser says yes wins, so a
// narrow recogniser goes before a broad one (the generic document formats
// last).
constexpr Format kFormats[] = {
    {"rome-csv", open_rome_csv, recognises_rome_csv, "ROME 4.0 RefRomeCsv folder (France Travail)"},
    {"rome-xml", open_rome_xml, recognises_rome_xml, "ROME v3 referentiel XML (Pôle emploi)"},
    {"lheo", open_lheo, recognises_lheo, "LHÉO 2.x training offers (CARIF-OREF)"},
    {"certifinfo", open_certifinfo, recognises_certifinfo, "Certif Info titles JSON"},
    {"aides-jeunes", open_aides_jeunes, recognises_aides_jeunes, "aides-jeunes benefits as JSON Lines"},
    {"aides-jeunes-yaml", open_aides_jeunes_yaml, recognises_aides_jeunes_yaml,
     "aides-jeunes folder of YAML benefits and institutions"},
    {"service-public", open_service_public, recognises_service_public, "service-public.fr fiche (JSON tree)"},
    {"onisep-formations", open_onisep_formations, recognises_onisep_formations, "ONISEP Idéo formations initiales CSV"},
    {"onisep-metiers", open_onisep_metiers, recognises_onisep_metiers, "ONISEP Idéo métiers CSV (rows of one job merged)"},
    {"onisep-lycee", open_onisep_lycee, recognises_onisep_lycee,
     "ONISEP Idéo lycée teachings CSV (specialities of 1re, options of 2nde)"},
    {"france-services", open_france_services, recognises_france_services, "France services CSV (ANCT)"},
    {"vae-points", open_vae_points, recognises_vae_points, "points relais conseil VAE CSV"},
    {"lycees-idf", open_lycees_idf, recognises_lycees_idf, "Île-de-France lycées CSV (données générales)"},
    {kDictionaryFormat, open_dictionary, recognises_dictionary,
     "a dictionary or companion file (Formacode, NSF, LHÉO dictionaries, ROME tables, aides-jeunes institutions): "
     "vocabulary, not resources"},
    {"jsonl", open_jsonl, recognises_jsonl, "JSON Lines in the canonical model (docs/resource-format.md)"},
    {"csv", open_csv, nullptr, "any CSV, through the source's mapping"},
    {"pdf", open_pdf, recognises_pdf, "a PDF brochure"},
    {"html", open_html, recognises_html, "an HTML page"},
    {"text", open_text, recognises_text, "a Markdown or plain text file"},
};

// Files beside partner data that are not partner data: listed as skipped
// with the reason, tried before the formats.
struct NotPartnerData {
  Recogniser recognises;
  std::string_view reason;
};

bool name_starts_with_any(const FileSample& s, std::initializer_list<std::string_view> prefixes) {
  std::string upper = s.name;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return upper.starts_with(p); });
}

constexpr NotPartnerData kNotPartnerData[] = {
    {[](const FileSample& s) { return s.name.starts_with(".") && s.name != "." && s.name != ".."; }, "hidden"},
    {[](const FileSample& s) {
       return !s.is_directory &&
              name_starts_with_any(s, {"README", "PROVENANCE", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "AUTHORS"});
     },
     "documentation of the data, not partner data"},
    {[](const FileSample& s) { return has_extension(s, {".xsd", ".dtd", ".rng", ".rnc"}); }, "a schema, not data"},
    {[](const FileSample& s) {
       return has_extension(s, {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".bmp", ".tif", ".tiff"});
     },
     "an image"},
    {[](const FileSample& s) {
       return has_extension(s, {".yaml", ".yml"}) &&
              (s.text.starts_with("sources:") || s.text.find("\nsources:") != std::string::npos);
     },
     "a source configuration (give it with --config)"},
    {[](const FileSample& s) { return xml_root(s) == "dict"; },
     "a dictionary (LHÉO GML): code labels, not resources"},
    {[](const FileSample& s) { return xml_root(s) == "definitions"; }, "a format definition (LHÉO GML), not data"},
    {[](const FileSample& s) {
       return header_has(s, {"code_insee", "nom", "code_departement"}) || header_has(s, {"code_departement", "nom", "chef_lieu"}) ||
              header_has(s, {"code_region", "nom", "chef_lieu"}) || header_has(s, {"code_epci_siren", "codes_communes"}) ||
              header_has(s, {"Code_commune_INSEE", "Code_postal"});
     },
     "the territory reference (compiled into the library from data/territories)"},
};

// What a file that no format recognises may plainly be: a bad file, which
// is a rejected source rather than a skipped one.
std::string why_not_readable(const FileSample& s) {
  if (s.is_directory) return {};
  if (s.size == 0 || s.head.empty()) return "empty file";
  static constexpr std::pair<std::string_view, std::string_view> kMagic[] = {
      {"PK\x03\x04", "a ZIP archive"},  {"\x1F\x8B", "gzip data"},  {"\x7F" "ELF", "a program"},
      {"Rar!", "a RAR archive"},        {"7z\xBC\xAF", "a 7-Zip archive"},
      {"\xD0\xCF\x11\xE0", "an old Microsoft Office document"}};
  for (const auto& [magic, what] : kMagic) {
    if (s.head.starts_with(magic)) {
      std::string where = s.extension.empty() ? "" : " named " + s.extension;
      return "binary content (" + std::string(what) + where + "), not a partner format";
    }
  }
  // Text has no NUL byte unless it is UTF-16, which decoding took care of.
  // Yet a few stray ones in a text export are a damaged record's: the file
  // is read, and the importer rejects that record with its line (a whole
  // file lost for one byte would break the per-record promise). Binary data
  // has NULs throughout: more than 1 byte in 20 (the control characters'
  // bound below), or more than a handful that are also over 1 in 1,000.
  size_t nuls = static_cast<size_t>(std::count(s.text.begin(), s.text.end(), '\0'));
  constexpr size_t kStrayNuls = 8;
  if (nuls * 20 > s.text.size() || (nuls > kStrayNuls && nuls * 1000 > s.text.size())) {
    return "binary content (NUL bytes), not text";
  }
  size_t controls = std::count_if(s.text.begin(), s.text.end(), [](unsigned char c) {
    return c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
  });
  if (controls * 20 > s.text.size()) return "binary content (control characters), not text";
  return {};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

namespace {

// The first generic format (after the partner ones) whose recogniser accepts
// the sample, "" when none does.
std::string recognised_generic_format(const FileSample& sample) {
  bool generic = false;
  for (const Format& f : kFormats) {
    generic = generic || f.name == kFirstGenericFormat;
    if (generic && f.recognises && f.recognises(sample)) return std::string(f.name);
  }
  return {};
}

}  // namespace

std::string recognised_format(const FileSample& sample) {
  for (const Format& f : kFormats) {
    if (f.name == kFirstGenericFormat) break;
    if (f.recognises && f.recognises(sample)) return std::string(f.name);
  }
  return {};
}

std::string format_by_extension(const FileSample& s) {
  if (has_extension(s, {".jsonl", ".ndjson"})) return "jsonl";
  if (has_extension(s, {".csv", ".tsv"})) return "csv";
  if (has_extension(s, {".html", ".htm"})) return "html";
  if (has_extension(s, {".pdf"})) return "pdf";
  if (has_extension(s, {".md", ".txt", ".markdown"})) return "text";
  return {};
}

Result<FileSample> sample_file(const std::string& path) {
  FileSample s;
  s.path = path;
  fs::path p(path);
  s.name = p.filename().string();
  if (s.name.empty()) s.name = p.parent_path().filename().string();  // "dir/"
  std::error_code ec;
  s.is_directory = fs::is_directory(p, ec);
  if (s.is_directory) {
    for (const auto& e : fs::directory_iterator(p, ec)) {
      std::error_code type_ec;
      s.entries.push_back(e.path().filename().string() + (e.is_directory(type_ec) ? "/" : ""));
    }
    if (ec) return Status::io_error(path + ": cannot list: " + ec.message());
    std::sort(s.entries.begin(), s.entries.end());
    return s;
  }
  std::string ext = lower(p.extension().string());
  if (ext == ".gz") {
    s.compressed = true;
    ext = lower(p.stem().extension().string());
  }
  s.extension = ext;
  s.size = fs::file_size(p, ec);
  if (ec) return Status::not_found(path + ": cannot read: " + ec.message());
  auto head = read_head(path, FileSample::kHeadBytes);
  if (!head.ok()) return head.status();
  s.head = std::move(*head);
  s.text = decode_to_utf8(s.head);
  return s;
}

Recognition recognise(const FileSample& sample) {
  using V = Recognition::Verdict;
  for (const NotPartnerData& n : kNotPartnerData) {
    if (n.recognises(sample)) return {V::kSkip, "", std::string(n.reason)};
  }
  // PDF is the one binary partner format: its recogniser reads the header.
  if (std::string bad = why_not_readable(sample); !bad.empty() && !recognises_pdf(sample)) {
    return {V::kReject, "", bad};
  }
  std::string format = recognised_format(sample);
  if (format == kDictionaryFormat) return {V::kSkip, "", "a dictionary or companion file: vocabulary, not resources"};
  if (format.empty()) format = recognised_generic_format(sample);
  if (!format.empty()) return {V::kImport, format, ""};
  if (sample.is_directory) return {V::kDescend, "", ""};
  return {V::kSkip, "", "unrecognised format"};
}

namespace {

// The formats read as one XML or JSON document, by the character that must
// open it. A format forced on another kind of file (--format lheo on a CSV)
// would otherwise fail with the parser's puzzle ("Document is empty").
struct Shape {
  std::string_view format;
  char first;
  std::string_view what;
};
constexpr Shape kShapes[] = {
    {"lheo", '<', "LHÉO XML"},
    {"rome-xml", '<', "ROME XML"},
    {"certifinfo", '{', "Certif Info JSON"},
    {"service-public", '{', "a service-public.fr JSON fiche"},
};

// "path:1: not LHÉO XML (...)" when the file cannot be of `format`'s
// shape, "" when it may be (or cannot be read here: the importer says why).
std::string not_of_shape(const std::string& format, const std::string& path) {
  const Shape* shape = nullptr;
  for (const Shape& s : kShapes) {
    if (s.format == format) shape = &s;
  }
  if (!shape || path == "-") return {};
  auto sample = sample_file(path);
  if (!sample.ok() || sample->is_directory) return {};
  std::string_view text = sample->text;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  size_t pos = text.find_first_not_of(" \t\r\n");
  if (pos == std::string_view::npos) return path + ": empty file, not " + std::string(shape->what);
  if (text[pos] == shape->first) return {};
  return path + ":1: not " + std::string(shape->what) + " (it does not start with '" + shape->first +
         "'; is --format " + format + " the right format?)";
}

}  // namespace

Result<std::unique_ptr<Importer>> open_importer(const SourceOptions& options, const std::string& path) {
  std::string format = options.format;
  if (format.empty() || format == "auto") {
    // A CSV mapping in the configuration says it all.
    format = options.mapping.empty() ? detect_format(path) : "csv";
    if (format.empty()) return Status::invalid_argument(path + ": unrecognised format (name one with --format)");
  }
  if (std::string wrong = not_of_shape(format, path); !wrong.empty()) return Status::invalid_argument(wrong);
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
  if (path == "-") return "jsonl";
  auto sample = sample_file(path);
  if (!sample.ok()) {
    FileSample by_name;
    by_name.extension = lower(fs::path(path).extension().string());
    return format_by_extension(by_name);
  }
  // A file named by the user is read by the partner format its content
  // says, even a dictionary or a damaged file (its importer reports why).
  if (std::string format = recognised_format(*sample); !format.empty()) return format;
  Recognition r = recognise(*sample);
  if (r.verdict == Recognition::Verdict::kImport) return r.format;
  return format_by_extension(*sample);
}

// --- Helpers for recognisers ---------------------------------------------------

std::string_view first_line(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text.substr(0, text.find_first_of("\r\n"));
}

std::string_view first_line(const FileSample& sample) { return first_line(sample.text); }

std::vector<std::string> header_fields(std::string_view text, char delimiter) {
  std::string_view line = first_line(text);
  if (delimiter == 0) {
    size_t best = 0;
    for (char c : {',', ';', '\t', '|'}) {
      size_t n = static_cast<size_t>(std::count(line.begin(), line.end(), c));
      if (n > best) best = n, delimiter = c;
    }
    if (delimiter == 0) delimiter = ',';
  }
  std::vector<std::string> fields;
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find(delimiter, start);
    if (end == std::string_view::npos) end = line.size();
    std::string_view f = line.substr(start, end - start);
    while (!f.empty() && (f.front() == ' ' || f.front() == '"')) f.remove_prefix(1);
    while (!f.empty() && (f.back() == ' ' || f.back() == '"')) f.remove_suffix(1);
    fields.emplace_back(f);
    start = end + 1;
  }
  return fields;
}

bool header_has(std::string_view text, std::initializer_list<std::string_view> columns, char delimiter) {
  std::vector<std::string> fields = header_fields(text, delimiter);
  return std::all_of(columns.begin(), columns.end(),
                     [&](std::string_view c) { return std::find(fields.begin(), fields.end(), c) != fields.end(); });
}

bool header_has(const FileSample& sample, std::initializer_list<std::string_view> columns, char delimiter) {
  return !sample.is_directory && header_has(sample.text, columns, delimiter);
}

std::string xml_root(const FileSample& sample) {
  std::string_view t = sample.text;
  size_t pos = 0;
  while (true) {
    pos = t.find_first_not_of(" \t\r\n", pos);
    if (pos == std::string_view::npos || t[pos] != '<') return {};
    if (t.compare(pos, 4, "<!--") == 0) {
      pos = t.find("-->", pos);
      if (pos == std::string_view::npos) return {};
      pos += 3;
    } else if (t.compare(pos, 2, "<?") == 0 || t.compare(pos, 2, "<!") == 0) {
      // The prolog, a processing instruction or a DOCTYPE (whose internal
      // subset may hold '>': skip to the "]>" closing it).
      size_t close = t.find('>', pos);
      if (t.compare(pos, 9, "<!DOCTYPE") == 0) {
        size_t bracket = t.find('[', pos);
        if (bracket != std::string_view::npos && bracket < close) {
          close = t.find("]>", bracket);
          if (close != std::string_view::npos) ++close;
        }
      }
      if (close == std::string_view::npos) return {};
      pos = close + 1;
    } else {
      size_t end = t.find_first_of(" \t\r\n/>", pos + 1);
      std::string name(t.substr(pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1));
      if (size_t colon = name.find(':'); colon != std::string::npos) name.erase(0, colon + 1);
      return name;
    }
  }
}

char first_char(const FileSample& sample) {
  size_t pos = sample.text.find_first_not_of(" \t\r\n");
  return pos == std::string::npos ? '\0' : sample.text[pos];
}

bool has_extension(const FileSample& sample, std::initializer_list<std::string_view> extensions) {
  return std::find(extensions.begin(), extensions.end(), sample.extension) != extensions.end();
}

bool has_entry(const FileSample& sample, std::string_view prefix, std::string_view suffix) {
  return std::any_of(sample.entries.begin(), sample.entries.end(),
                     [&](const std::string& e) { return e.starts_with(prefix) && e.ends_with(suffix); });
}

}  // namespace spro::indexer
