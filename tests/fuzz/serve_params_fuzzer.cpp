// spro-serve's parameters: a URL query string ("a=1&b=2"), split as the
// HTTP library does, then request_from().
#include "fuzz_util.h"
#include "params.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = spro::fuzz::as_text(data, size);
  spro::serve::Params params;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('&', begin);
    if (end == std::string_view::npos) end = text.size();
    auto pair = text.substr(begin, end - begin);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      params.emplace(std::string(pair), "");
    } else {
      params.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    }
    begin = end + 1;
  }
  (void)spro::serve::request_from(params, spro::serve::Limits{});
  return 0;
}
