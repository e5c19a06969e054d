// JSON Lines in the canonical model (docs/resource-format.md), the
// indexer's native input. Territories, publics and levels may also be
// written as partners write them ("Toulon", "demandeur d'emploi", "BTS"):
// they are resolved like any importer's.
#include <nlohmann/json.hpp>

#include "importers/json_checks.h"
#include "importers/registry.h"
#include "text_reader.h"

namespace spro::indexer {
namespace {

class JsonLinesImporter : public Importer {
 public:
  JsonLinesImporter(std::string name, std::unique_ptr<TextReader> in) : name_(std::move(name)), in_(std::move(in)) {}

  bool next(ImportedRecord& out) override {
    std::string line;
    if (!in_->next_nonblank_line(line)) return false;
    out = ImportedRecord{};
    out.location = name_ + ":" + std::to_string(in_->line_number());
    if (std::string problem = json_depth_problem(line); !problem.empty()) {
      out.errors.push_back({"", problem});
      return true;
    }
    read(line, out);
    // The parser keeps the last of two keys alike: a SAX pass says so.
    if (out.errors.empty()) out.warnings = json_duplicate_keys(line);
    return true;
  }
  Status status() const override { return in_->status(); }
  size_t bytes_read() const override { return in_->bytes_read(); }

 private:
  static void read(const std::string& line, ImportedRecord& out) {
    // Most lines are canonical and valid: parsed once. A value written as
    // partners write it fails validation, so such lines (and bad ones) are
    // read again below.
    std::vector<FieldError> errors;
    if (auto r = parse_resource(line, errors)) {
      out.resource = std::move(r);
      return;
    }
    Json j = Json::parse(line, nullptr, false);
    if (j.is_object()) {
      // Non-canonical values move to raw_* for normalize_record().
      take_raw(j, "territories", out.raw_territories, [](const std::string& v) { return is_code(v); });
      take_raw(j, "publics", out.raw_publics, [](const std::string& v) { return in_vocabulary(publics(), v); });
      if (j.contains("levels") && j["levels"].is_array()) {
        Json kept = Json::array();
        for (auto& v : j["levels"]) {
          if (v.is_string()) out.raw_levels.push_back(v.get<std::string>());
          else kept.push_back(v);
        }
        j["levels"] = kept;
      }
    }
    std::string text = j.is_discarded() ? line : j.dump(-1, ' ', false, Json::error_handler_t::strict);
    // Invalid JSON (and invalid UTF-8) is reported by parse_resource() on
    // the line as it was.
    out.resource = parse_resource(text, errors);
    if (!out.resource) {
      // Keep what could be read for the report (the id) and the errors.
      if (j.is_object() && j.contains("id") && j["id"].is_string()) {
        out.resource = Resource{};
        out.resource->id = j["id"].get<std::string>();
      }
      out.errors = std::move(errors);
    }
  }

  template <typename Keep>
  static void take_raw(Json& j, const char* field, std::vector<std::string>& raw, Keep keep) {
    if (!j.contains(field) || !j[field].is_array()) return;
    Json kept = Json::array();
    for (auto& v : j[field]) {
      if (v.is_string() && !keep(v.get<std::string>())) raw.push_back(v.get<std::string>());
      else kept.push_back(v);
    }
    j[field] = kept;
  }
  static bool is_code(const std::string& v) { return v == "fr" || v.find(':') != std::string::npos; }

  std::string name_;
  std::unique_ptr<TextReader> in_;
};

}  // namespace

Result<std::unique_ptr<Importer>> open_jsonl(const SourceOptions& options, const std::string& path) {
  // JSON Lines are UTF-8 by definition (RFC 8259); a BOM is tolerated.
  auto in = TextReader::open(path, options.encoding == "auto" ? "UTF-8" : options.encoding);
  if (!in.ok()) return in.status();
  return std::unique_ptr<Importer>(new JsonLinesImporter(path == "-" ? "<stdin>" : path, std::move(*in)));
}

}  // namespace spro::indexer

namespace spro::indexer {

// JSON Lines whose first record is an object with an "id" (a first line
// longer than the sample is judged by its start). Records that are not
// canonical beyond that are reported one by one.
bool recognises_jsonl(const FileSample& s) {
  std::string_view t = s.text;
  size_t start = t.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || t[start] != '{') return false;
  size_t end = t.find('\n', start);
  std::string_view line = t.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  Json j = Json::parse(line, nullptr, false);
  if (j.is_object()) return j.contains("id");
  return end == std::string_view::npos && line.find("\"id\"") != std::string_view::npos;  // cut by the sample
}

}  // namespace spro::indexer
