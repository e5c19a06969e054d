#include "batch_request.h"

#include <nlohmann/json.hpp>

#include "spro/territory.h"

namespace spro::cli {
namespace {

using Json = nlohmann::json;

// The largest page a batch line may ask for, as --limit allows.
constexpr long long kMaxLimit = 1000;
constexpr long long kMaxOffset = 1000000;

Status bad(const std::string& field, const std::string& why) {
  return Status::invalid_argument(field + ": " + why);
}

// A string or an array of strings; anything else is an error naming `key`.
Status strings_of(const Json& j, const char* key, std::vector<std::string>& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status();
  if (it->is_string()) {
    out.push_back(it->get<std::string>());
    return Status();
  }
  if (!it->is_array()) return bad(key, "expected a string or an array of strings");
  for (const auto& v : *it) {
    if (!v.is_string()) return bad(key, "expected a string or an array of strings");
    out.push_back(v.get<std::string>());
  }
  return Status();
}

// `capped`: a value above `max` is taken as `max` (a limit, as spro-serve
// and --limit take it) rather than refused (an offset).
Status integer_of(const Json& j, const char* key, long long max, size_t& out, bool capped = false) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status();
  if (!it->is_number_integer()) return bad(key, "expected an integer");
  long long v = it->is_number_unsigned() && it->get<unsigned long long>() > static_cast<unsigned long long>(max)
                    ? max + 1
                    : it->get<long long>();
  if (capped && v > max) v = max;
  if (v < 0 || v > max) return bad(key, "expected an integer from 0 to " + std::to_string(max));
  out = static_cast<size_t>(v);
  return Status();
}

}  // namespace

Result<SearchRequest> batch_request_from(std::string_view line, const SearchRequest& defaults) {
  SearchRequest req = defaults;
  if (line.empty() || line.front() != '{') {
    req.text = std::string(line);
    return req;
  }
  // Without exceptions: a malformed line is an answer, not an abort.
  Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Status::invalid_argument("invalid JSON request");

  if (auto q = j.find("q"); q != j.end() && !q->is_null()) {
    if (!q->is_string()) return bad("q", "expected a string");
    req.text = q->get<std::string>();
  } else {
    req.text.clear();
  }
  std::vector<std::string> territories;
  if (Status s = strings_of(j, "territory", territories); !s.ok()) return s;
  for (const auto& t : territories) {
    auto place = resolve_territory(t);
    if (!place.ok()) return bad("territory", place.status().message());
    req.territories.push_back(place->code);
  }
  if (Status s = strings_of(j, "public", req.publics); !s.ok()) return s;
  if (Status s = strings_of(j, "kind", req.kinds); !s.ok()) return s;
  if (Status s = strings_of(j, "source", req.sources); !s.ok()) return s;
  if (auto levels = j.find("level"); levels != j.end() && !levels->is_null()) {
    Json list = levels->is_array() ? *levels : Json::array({*levels});
    for (const auto& v : list) {
      // A number or a label as people write it ("bac+2", "BTS", "V").
      if (!v.is_number_integer() && !v.is_string()) {
        return bad("level", "expected a level (1 to 8, \"bac+2\", \"BTS\"...) or an array of them");
      }
      auto level = parse_level(v.is_string() ? v.get<std::string>() : std::to_string(v.get<long long>()));
      if (!level.ok()) return level.status();  // "level: 'x' is not a level (...)"
      req.levels.push_back(*level);
    }
  }
  if (Status s = integer_of(j, "limit", kMaxLimit, req.limit, /*capped=*/true); !s.ok()) return s;
  if (Status s = integer_of(j, "offset", kMaxOffset, req.offset); !s.ok()) return s;
  if (auto facets = j.find("facets"); facets != j.end() && !facets->is_null()) {
    if (!facets->is_boolean()) return bad("facets", "expected true or false");
    req.facets = facets->get<bool>();
  }
  if (auto sort = j.find("sort"); sort != j.end() && !sort->is_null()) {
    if (!sort->is_string()) return bad("sort", "expected a string");
    auto order = parse_sort_order(sort->get<std::string>());
    if (!order) {
      return bad("sort", "unknown value '" + sort->get<std::string>() + "' (one of relevance, updated, start, title, distance)");
    }
    req.sort = *order;
  }
  return req;
}

}  // namespace spro::cli
