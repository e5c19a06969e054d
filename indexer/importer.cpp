#include "importer.h"

namespace spro::indexer {

Result<std::unique_ptr<Importer>> open_jsonl_importer(const std::string& path);

namespace {

struct Format {
  std::string_view name;
  Result<std::unique_ptr<Importer>> (*open)(const std::string& path);
};

// The one place where a format name selects an importer.
constexpr Format kFormats[] = {
    {"jsonl", open_jsonl_importer},
};

}  // namespace

Result<std::unique_ptr<Importer>> open_importer(std::string_view format, const std::string& path) {
  for (const Format& f : kFormats) {
    if (f.name == format) return f.open(path);
  }
  return Status::invalid_argument("unknown input format '" + std::string(format) + "'");
}

std::vector<std::string> importer_formats() {
  std::vector<std::string> names;
  for (const Format& f : kFormats) names.emplace_back(f.name);
  return names;
}

}  // namespace spro::indexer
