// One line of `spro-search --batch` input.
#include "batch_request.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)spro::cli::batch_request_from(spro::fuzz::as_text(data, size), spro::SearchRequest{});
  return 0;
}
