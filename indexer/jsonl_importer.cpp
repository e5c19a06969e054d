// JSON Lines in the canonical model (docs/resource-format.md): the indexer's
// native input.
#include <cstring>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "importer.h"

namespace spro::indexer {
namespace {

class JsonLinesImporter : public Importer {
 public:
  JsonLinesImporter(std::string name, std::unique_ptr<std::ifstream> file)
      : name_(std::move(name)), file_(std::move(file)), in_(file_ ? *file_ : std::cin) {}

  bool next(ImportedRecord& out) override {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_number_;
      if (line_number_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 BOM
      if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF files
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      out = ImportedRecord{};
      out.location = name_ + ":" + std::to_string(line_number_);
      out.resource = parse_resource(line, out.errors);
      if (out.resource) {
        out.id = out.resource->id;
      } else {
        out.id = id_of(line);
      }
      return true;
    }
    if (in_.bad()) status_ = Status::io_error(name_ + ": read error after line " + std::to_string(line_number_) + ": " + std::strerror(errno));
    return false;
  }

  Status status() const override { return status_; }

 private:
  // The id of a rejected line, when the JSON is readable enough to have one.
  static std::string id_of(const std::string& line) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("id") && j["id"].is_string()) return j["id"].get<std::string>();
    return {};
  }

  std::string name_;
  std::unique_ptr<std::ifstream> file_;
  std::istream& in_;
  size_t line_number_ = 0;
  Status status_;
};

}  // namespace

Result<std::unique_ptr<Importer>> open_jsonl_importer(const std::string& path) {
  if (path == "-") return std::unique_ptr<Importer>(new JsonLinesImporter("<stdin>", nullptr));
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) return Status::not_found(path + ": cannot open: " + std::strerror(errno));
  return std::unique_ptr<Importer>(new JsonLinesImporter(path, std::move(file)));
}

}  // namespace spro::indexer
