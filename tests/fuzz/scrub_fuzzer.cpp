// spro-serve's scrubber of typed text (examples/serve/scrub.h), fed any
// bytes: it must never grow the text, and keep only words that were typed.
#include <cstdlib>
#include <string>

#include "fuzz_util.h"
#include "scrub.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = spro::fuzz::as_text(data, size);
  std::string kept = spro::serve::scrub_personal(text);
  if (kept.size() > text.size()) std::abort();
  size_t begin = 0;
  while (begin < kept.size()) {
    size_t end = kept.find(' ', begin);
    if (end == std::string::npos) end = kept.size();
    if (text.find(kept.substr(begin, end - begin)) == std::string_view::npos) std::abort();
    begin = end + 1;
  }
  std::string cut = spro::serve::cut_utf8(kept, size % 64);
  if (cut.size() > size % 64) std::abort();
  return 0;
}
