#include "sources.h"

#include <glob.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

namespace spro::indexer {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsSequence()) {
    for (const auto& v : node) out.push_back(v.as<std::string>());
  } else {
    out.push_back(node.as<std::string>());
  }
  return out;
}

std::vector<std::string> expand(const fs::path& pattern) {
  std::vector<std::string> out;
  if (fs::is_directory(pattern)) {
    out.push_back(pattern.string());
    return out;
  }
  glob_t g{};
  if (::glob(pattern.c_str(), 0, nullptr, &g) == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
  }
  ::globfree(&g);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Result<SourceConfig> load_sources(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Status::not_found(path + ": cannot read");
  } catch (const YAML::Exception& e) {
    return Status::invalid_argument(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  const fs::path base = fs::path(path).parent_path();
  SourceConfig config;
  try {
    if (root["vocabularies"]) config.vocabularies = (base / root["vocabularies"].as<std::string>()).string();
    if (!root["sources"] || !root["sources"].IsSequence()) return Status::invalid_argument(path + ": no 'sources' list");
    for (const auto& node : root["sources"]) {
      Source s;
      SourceOptions& o = s.options;
      o.name = node["name"] ? node["name"].as<std::string>() : "";
      std::string where = path + ": source '" + o.name + "'";
      if (o.name.empty()) return Status::invalid_argument(path + ": a source has no name");
      if (!node["path"]) return Status::invalid_argument(where + ": no path");
      o.format = node["format"] ? node["format"].as<std::string>() : "auto";
      o.partner = node["partner"] ? node["partner"].as<std::string>() : "";
      o.kind = node["kind"] ? node["kind"].as<std::string>() : "";
      o.encoding = node["encoding"] ? node["encoding"].as<std::string>() : "auto";
      if (node["delimiter"]) {
        std::string d = node["delimiter"].as<std::string>();
        if (d == "\\t" || d == "tab") d = "\t";
        if (d.size() != 1) return Status::invalid_argument(where + ": delimiter must be one character");
        o.delimiter = d[0];
      }
      if (const auto& d = node["defaults"]) {
        o.default_territories = strings(d["territories"]);
        o.default_publics = strings(d["publics"]);
        o.default_levels = strings(d["levels"]);
      }
      if (const auto& m = node["mapping"]) {
        for (const auto& kv : m) o.mapping[kv.first.as<std::string>()] = kv.second.as<std::string>();
      }
      if (const auto& vm = node["value_maps"]) {
        for (const auto& column : vm) {
          for (const auto& kv : column.second) {
            o.value_maps[column.first.as<std::string>()][kv.first.as<std::string>()] = kv.second.as<std::string>();
          }
        }
      }
      for (const auto& p : strings(node["path"])) {
        auto files = expand(base / p);
        if (files.empty()) return Status::not_found(where + ": '" + p + "' matches no file");
        s.files.insert(s.files.end(), files.begin(), files.end());
      }
      if (o.format != "auto") {
        auto formats = importer_formats();
        if (std::find(formats.begin(), formats.end(), o.format) == formats.end()) {
          return Status::invalid_argument(where + ": unknown format '" + o.format + "'");
        }
      }
      config.sources.push_back(std::move(s));
    }
  } catch (const YAML::Exception& e) {
    return Status::invalid_argument(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return config;
}

}  // namespace spro::indexer
