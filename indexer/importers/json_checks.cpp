#include "importers/json_checks.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

#include "text_util.h"

namespace spro::indexer {
namespace {

// Where a JSON (or YAML flow) text nests deeper than `bound`, outside
// strings, or npos: checked before parsing so a deep text is refused cheaply.
size_t deeper_than(std::string_view text, int bound) {
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
      if (++depth > bound) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::string_view::npos;
}

std::string message_of(const nlohmann::json::exception& e) {
  std::string what = e.what();
  // "[json.exception.parse_error.101] parse error at line 1, column 5: ..."
  if (size_t p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
  if (what.size() > 200) what = what.substr(0, 200) + "...";
  return "invalid JSON: " + what;
}

// SAX handler that only notes duplicate keys, one set of keys per open object.
struct DuplicateKeys : nlohmann::json_sax<Json> {
  std::vector<std::string>& warnings;
  std::vector<std::set<std::string>> keys;
  DuplicateKeys(std::vector<std::string>& w, std::vector<std::set<std::string>> k) : warnings(w), keys(std::move(k)) {}
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys.emplace_back();
    return true;
  }
  bool key(string_t& key) override {
    if (!keys.empty() && !keys.back().insert(key).second && warnings.size() < 20) {
      warnings.push_back("duplicate key '" + key + "' (the last one is kept)");
    }
    return true;
  }
  bool end_object() override {
    if (!keys.empty()) keys.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

struct YamlConverter {
  std::vector<std::string>& warnings;
  std::string error;
  size_t error_line = 0;

  void fail(const YAML::Node& node, std::string message) {
    if (!error.empty()) return;
    error = std::move(message);
    if (node.Mark().line >= 0) error_line = static_cast<size_t>(node.Mark().line) + 1;
  }

  Json convert(const YAML::Node& node, int depth) {
    if (depth > kMaxJsonDepth) {
      fail(node, "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
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
          errno = 0;
          char* end = nullptr;
          double v = std::strtod(s.c_str(), &end);
          if (*end != '\0') return s;  // "1.2.3": not a number, a string
          if (errno != ERANGE && std::isfinite(v)) return v;
          fail(node, "number '" + s + "' out of range");
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
  if (deeper_than(text, kMaxJsonDepth) != std::string_view::npos) {
    out.error = "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return out;
  }
  try {
    // A first pass reports duplicate keys; nlohmann's callback parser would
    // do it in one pass, but scans each object again at its end (quadratic
    // on Certif Info's 12,551 keys).
    DuplicateKeys duplicates{out.warnings, {}};
    if (!Json::sax_parse(text.begin(), text.end(), &duplicates)) {
      out.value = Json::parse(text.begin(), text.end());  // throws with the message
    }
    out.value = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    out.error = message_of(e);
    out.value = Json();
  }
  return out;
}

std::string json_depth_problem(std::string_view text) {
  return deeper_than(text, kMaxJsonDepth) != std::string_view::npos ? "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels" : "";
}

std::vector<std::string> json_duplicate_keys(std::string_view text) {
  std::vector<std::string> warnings;
  DuplicateKeys duplicates{warnings, {}};
  try {
    Json::sax_parse(text.begin(), text.end(), &duplicates);
  } catch (const Json::exception&) {
    // Syntax errors are the parser's to report.
  }
  return warnings;
}

ParsedJson parse_yaml(const std::string& text) {
  ParsedJson out;
  // yaml-cpp's parser recurses: refuse deep flow nesting ([[[...) first.
  if (size_t at = deeper_than(text, kMaxJsonDepth); at != std::string_view::npos) {
    out.error = "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    out.error_line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    return out;
  }
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    out.error_line = e.mark.line >= 0 ? static_cast<size_t>(e.mark.line) + 1 : 0;
    out.error = "invalid YAML at line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1) +
                ": " + e.msg;
    return out;
  }
  YamlConverter converter{out.warnings, {}, 0};
  out.value = converter.convert(node, 0);
  out.error = converter.error;
  out.error_line = converter.error_line;
  return out;
}

}  // namespace spro::indexer
