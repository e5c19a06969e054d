// Any CSV file, through a mapping in the source configuration: each
// resource field is a template over the columns.
//
//   mapping:
//     id: "france-services:{id_fs}"
//     kind: structure
//     title: "{lib_fs}"
//     address: "{adresse} {complement_adresse}, {code_postal} {lib_com}"
//     territories: "{insee_com}"          # '|' separates list items
//     location: "{latitude},{longitude}"
//     url: "{lien|basename}"              # filters: basename, lower, upper
//   value_maps:
//     type_fs: {Principal: "", Antenne: "antenne"}
#include <algorithm>
#include <cctype>
#include <set>

#include "csv_reader.h"
#include "importers/registry.h"
#include "text_util.h"

namespace spro::indexer {
namespace {

const std::set<std::string> kListFields = {"keywords", "territories", "publics", "levels", "modalities"};
const std::set<std::string> kTextFields = {"id", "kind", "title", "summary", "body", "source", "url",
                                           "updated", "address", "start", "end", "location"};

struct Piece {
  std::string literal;  // text before the column
  int column = -1;      // -1: no column (trailing literal)
  std::string filter;
};

class Template {
 public:
  static Result<Template> parse(const std::string& text, const std::vector<std::string>& header) {
    Template t;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t open = text.find('{', pos);
      if (open == std::string::npos) {
        t.pieces_.push_back({text.substr(pos), -1, {}});
        break;
      }
      size_t close = text.find('}', open);
      if (close == std::string::npos) return Status::invalid_argument("unclosed '{' in template \"" + text + "\"");
      std::string ref = text.substr(open + 1, close - open - 1);
      std::string filter;
      if (size_t bar = ref.rfind('|'); bar != std::string::npos) {
        filter = ref.substr(bar + 1);
        ref = ref.substr(0, bar);
        if (filter != "basename" && filter != "lower" && filter != "upper") {
          return Status::invalid_argument("unknown filter '" + filter + "' in template \"" + text + "\"");
        }
      }
      auto it = std::find(header.begin(), header.end(), ref);
      if (it == header.end()) {
        std::string cols;
        for (const auto& h : header) cols += (cols.empty() ? "" : ", ") + h;
        return Status::invalid_argument("template \"" + text + "\" names column '" + ref + "', not in the header (" + cols + ")");
      }
      t.pieces_.push_back({text.substr(pos, open - pos), static_cast<int>(it - header.begin()), filter});
      pos = close + 1;
    }
    return t;
  }

  // Renders with the record's (value-mapped) fields; `any` tells whether a
  // referenced column had a value.
  std::string render(const std::vector<std::string>& fields, bool& any) const {
    std::string out;
    any = false;
    bool has_columns = false;
    for (const Piece& p : pieces_) {
      out += p.literal;
      if (p.column < 0) continue;
      has_columns = true;
      std::string v = p.column < static_cast<int>(fields.size()) ? fields[p.column] : std::string();
      if (p.filter == "basename") v = v.substr(v.find_last_of('/') + 1);
      if (p.filter == "lower") for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (p.filter == "upper") for (char& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      any |= v.find_first_not_of(" \t\r\n") != std::string::npos;
      out += v;
    }
    if (!has_columns) any = true;  // a constant
    return squeeze_spaces(out);
  }

 private:
  std::vector<Piece> pieces_;
};

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t bar = s.find('|', start);
    std::string item = squeeze_spaces(s.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (!item.empty()) out.push_back(item);
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

class CsvImporter : public Importer {
 public:
  CsvImporter(std::string name, std::unique_ptr<TextReader> in, CsvReader csv)
      : name_(std::move(name)), in_(std::move(in)), csv_(std::move(csv)) {}

  Status init(const SourceOptions& options) {
    std::string error;
    if (!csv_.next(header_, error) || !error.empty()) return Status::invalid_argument(name_ + ": no header line");
    for (auto& h : header_) h = squeeze_spaces(h);
    if (!options.mapping.contains("id") || !options.mapping.contains("title")) {
      return Status::invalid_argument(name_ + ": the CSV mapping needs at least 'id' and 'title'");
    }
    for (const auto& [field, text] : options.mapping) {
      bool known = kListFields.contains(field) || kTextFields.contains(field) || field.starts_with("codes.");
      if (!known) return Status::invalid_argument(name_ + ": mapping: unknown field '" + field + "'");
      auto t = Template::parse(text, header_);
      if (!t.ok()) return Status::invalid_argument(name_ + ": mapping." + field + ": " + t.status().message());
      templates_.emplace_back(field, std::move(*t));
    }
    for (const auto& [column, map] : options.value_maps) {
      auto it = std::find(header_.begin(), header_.end(), column);
      if (it == header_.end()) return Status::invalid_argument(name_ + ": value_maps: no column '" + column + "'");
      value_maps_.emplace_back(it - header_.begin(), map);
    }
    return Status();
  }

  bool next(ImportedRecord& out) override {
    std::vector<std::string> fields;
    std::string error;
    if (!csv_.next(fields, error)) return false;
    out = ImportedRecord{};
    out.location = name_ + ":" + std::to_string(csv_.first_line());
    if (!error.empty()) {
      out.errors.push_back({"", error});
      return true;
    }
    if (fields.size() != header_.size()) {
      out.errors.push_back({"", std::to_string(fields.size()) + " fields where the header has " + std::to_string(header_.size())});
      return true;
    }
    for (const auto& [column, map] : value_maps_) {
      if (auto it = map.find(fields[column]); it != map.end()) fields[column] = it->second;
    }
    Resource r;
    for (const auto& [field, tmpl] : templates_) {
      bool any = false;
      std::string value = tmpl.render(fields, any);
      if (!any) continue;  // every column it uses is empty
      assign(field, value, r, out);
    }
    out.resource = std::move(r);
    return true;
  }
  Status status() const override { return in_->status(); }
  size_t bytes_read() const override { return in_->bytes_read(); }

 private:
  static void assign(const std::string& field, const std::string& value, Resource& r, ImportedRecord& out) {
    if (field == "id") r.id = value;
    else if (field == "kind") r.kind = value;
    else if (field == "title") r.title = value;
    else if (field == "summary") r.summary = value;
    else if (field == "body") r.body = value;
    else if (field == "source") r.source = value;
    else if (field == "url") r.url = value;
    else if (field == "updated") r.updated = value;
    else if (field == "address") r.address = value;
    else if (field == "start") r.start = value;
    else if (field == "end") r.end = value;
    else if (field == "keywords") r.keywords = split_list(value);
    else if (field == "modalities") r.modalities = split_list(value);
    else if (field == "territories") out.raw_territories = split_list(value);
    else if (field == "publics") out.raw_publics = split_list(value);
    else if (field == "levels") out.raw_levels = split_list(value);
    else if (field.starts_with("codes.")) r.codes[field.substr(6)] = split_list(value);
    else if (field == "location") {
      double lat = 0, lon = 0;
      if (std::sscanf(value.c_str(), "%lf , %lf", &lat, &lon) == 2) {
        r.location = GeoPoint{lat, lon};
      } else if (value != ",") {
        out.warnings.push_back("location: '" + value + "' is not \"lat,lon\" (dropped)");
      }
    }
  }

  std::string name_;
  std::unique_ptr<TextReader> in_;
  CsvReader csv_;
  std::vector<std::string> header_;
  std::vector<std::pair<std::string, Template>> templates_;
  std::vector<std::pair<size_t, std::map<std::string, std::string>>> value_maps_;
};

}  // namespace

Result<std::unique_ptr<Importer>> open_csv(const SourceOptions& options, const std::string& path) {
  auto in = TextReader::open(path, options.encoding);
  if (!in.ok()) return in.status();
  TextReader& reader = **in;
  auto importer = std::make_unique<CsvImporter>(path, std::move(*in), CsvReader(reader, options.delimiter));
  if (Status s = importer->init(options); !s.ok()) return s;
  return std::unique_ptr<Importer>(std::move(importer));
}

}  // namespace spro::indexer
