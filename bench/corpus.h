// Real French text for the benchmarks: the fields of the bundled sample
// (data/sample/resources.jsonl: ROME sheets, ONISEP programmes, France
// services places, service-public.fr fiches).
#pragma once

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace spro::bench {

inline std::vector<std::string> sample_texts() {
  std::vector<std::string> texts;
  std::ifstream in(SPRO_SOURCE_DIR "/data/sample/resources.jsonl");
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    for (const char* field : {"title", "summary", "body"}) {
      if (j.contains(field)) texts.push_back(j[field].get<std::string>());
    }
  }
  return texts;
}

inline size_t total_bytes(const std::vector<std::string>& texts) {
  size_t n = 0;
  for (const auto& t : texts) n += t.size();
  return n;
}

}  // namespace spro::bench
