// parse_resource(): one line of a partner's JSON Lines file. A resource it
// accepts must survive validation, its JSON form and the binary record
// round trip (what IndexWriter stores and Searcher reads back).
#include "fuzz_util.h"
#include "index/record.h"
#include "spro/resource.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<spro::FieldError> errors;
  auto resource = spro::parse_resource(spro::fuzz::as_text(data, size), errors);
  if (!resource) return 0;
  (void)spro::validate(*resource);
  (void)spro::to_json(*resource);
  std::string record = spro::schema::encode_record(*resource);
  spro::Resource back;
  if (!spro::schema::decode_record(record, back)) __builtin_trap();  // a record we wrote must read back
  if (back.id != resource->id || back.title != resource->title) __builtin_trap();
  return 0;
}
