// decode_record(): the binary form of a stored resource, read from value
// slots of an index that may be damaged or from another version.
#include "fuzz_util.h"
#include "index/record.h"
#include "spro/resource.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  spro::Resource out;
  if (spro::schema::decode_record(spro::fuzz::as_text(data, size), out)) (void)spro::to_json(out);
  return 0;
}
