// The YAML reader of the aides-jeunes benefits and institutions
// (importers/json_checks.h): any bytes give a value or an error, within
// the nesting and number bounds, never a crash.
#include <string>

#include "importers/json_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = spro::indexer::parse_yaml(text);
  (void)parsed.ok();
  return 0;
}
