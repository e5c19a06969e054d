#include "importers/json_checks.h"

#include <yaml-cpp/yaml.h>

#include <set>

#include "text_util.h"

namespace spro::indexer {
namespace {

// The nesting depth of a JSON text, outside strings, stopping early past
// `bound`: checked before parsing so a deep text is refused cheaply.
bool deeper_than(std::string_view text, int bound) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > bound) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

std::string message_of(const nlohmann::json::exception& e) {
  std::string what = e.what();
  // "[json.exception.parse_error.101] parse error at line 1, column 5: ..."
  if (size_t p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
  if (what.size() > 200) what = what.substr(0, 200) + "...";
  return "invalid JSON: " + what;
}

struct YamlConverter {
  std::vector<std::string>& warnings;
  std::string error;

  Json convert(const YAML::Node& node, int depth) {
    if (depth > kMaxJsonDepth) {
      if (error.empty()) error = "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
      return nullptr;
    }
    switch (node.Type()) {
      case YAML::NodeType::Map: {
        Json out = Json::object();
        for (const auto& item : node) {
          std::string key = item.first.Scalar();
          if (out.contains(key)) warnings.push_back("duplicate key '" + key + "' (the last one is kept)");
          out[key] = convert(item.second, depth + 1);
        }
        return out;
      }
      case YAML::NodeType::Sequence: {
        Json out = Json::array();
        for (const auto& item : node) out.push_back(convert(item, depth + 1));
        return out;
      }
      case YAML::NodeType::Scalar: {
        const std::string& s = node.Scalar();
        if (node.Tag() == "!") return s;  // quoted: a string, "01" stays "01"
        if (s == "true" || s == "false") return s == "true";
        if (s == "null" || s == "~") return nullptr;
        bool numeric = !s.empty() && s.find_first_not_of("0123456789+-.eE") == std::string::npos &&
                       s.find_first_of("0123456789") != std::string::npos;
        if (numeric && !(s.size() > 1 && s[0] == '0' && s[1] != '.')) {  // a leading 0 is a code
          if (s.find_first_of(".eE") == std::string::npos) {
            errno = 0;
            char* end = nullptr;
            long long v = std::strtoll(s.c_str(), &end, 10);
            if (*end == '\0' && errno != ERANGE) return v;
          }
          if (auto v = parse_number(s)) return *v;
          if (error.empty()) error = "number '" + s + "' out of range";
          return nullptr;
        }
        return s;
      }
      default:
        return nullptr;
    }
  }
};

}  // namespace

ParsedJson parse_json(std::string_view text) {
  ParsedJson out;
  if (deeper_than(text, kMaxJsonDepth)) {
    out.error = "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return out;
  }
  // One set of keys per open object, to report duplicates.
  std::vector<std::set<std::string>> keys;
  auto callback = [&](int, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::object_start) {
      keys.emplace_back();
    } else if (event == Json::parse_event_t::object_end) {
      if (!keys.empty()) keys.pop_back();
    } else if (event == Json::parse_event_t::key && !keys.empty()) {
      std::string key = parsed.get<std::string>();
      if (!keys.back().insert(key).second) out.warnings.push_back("duplicate key '" + key + "' (the last one is kept)");
    }
    return true;
  };
  try {
    out.value = Json::parse(text.begin(), text.end(), callback);
  } catch (const Json::exception& e) {
    out.error = message_of(e);
    out.value = Json();
  }
  return out;
}

ParsedJson parse_yaml(const std::string& text) {
  ParsedJson out;
  // yaml-cpp's parser recurses: refuse deep flow nesting ([[[...) first.
  if (deeper_than(text, kMaxJsonDepth)) {
    out.error = "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return out;
  }
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    out.error = "invalid YAML at line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1) +
                ": " + e.msg;
    return out;
  }
  YamlConverter converter{out.warnings, {}};
  out.value = converter.convert(node, 0);
  out.error = converter.error;
  return out;
}

}  // namespace spro::indexer
