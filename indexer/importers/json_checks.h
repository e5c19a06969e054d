// JSON and YAML parsed with the checks every partner record needs: a
// bounded nesting depth, numbers that fit a double, duplicate keys
// reported (the last value wins, as in most parsers). Errors are messages,
// never exceptions.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace spro::indexer {

using Json = nlohmann::json;

// Deeper nesting is refused: partner records are a few levels deep, and a
// bound keeps a hostile file from costing unbounded stack or memory.
constexpr int kMaxJsonDepth = 64;

struct ParsedJson {
  Json value;                      // discarded when `error` is set
  std::string error;               // "invalid JSON at line 1, column 5: ..."
  std::vector<std::string> warnings;  // "duplicate key 'label' (the last one is kept)"
  size_t error_line = 0;              // YAML: line of the error in the text (1-based), 0 if unknown
  bool ok() const { return error.empty(); }
};

// Parses one JSON text (a JSON Lines record or a whole file).
ParsedJson parse_json(std::string_view text);

// The checks of parse_json() alone, for a text another parser reads:
// "nesting deeper than 64 levels" or "", and the duplicate keys.
std::string json_depth_problem(std::string_view text);
std::vector<std::string> json_duplicate_keys(std::string_view text);

// Parses one YAML document into the same tree as JSON: quoted scalars are
// strings; plain ones are numbers, booleans or null when they read so, else
// strings (YAML 1.1's `operator: =` is the string "=").
ParsedJson parse_yaml(const std::string& text);

}  // namespace spro::indexer
