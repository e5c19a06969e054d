// parse_query(): the search-box language. Every clause must point inside
// the text it was read from.
#include "fuzz_util.h"
#include "search/query_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = spro::fuzz::as_text(data, size);
  auto parsed = spro::search::parse_query(text);
  for (const auto& clause : parsed.clauses) {
    if (clause.offset > text.size()) __builtin_trap();
  }
  return 0;
}
