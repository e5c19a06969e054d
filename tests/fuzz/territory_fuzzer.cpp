// Territory and place resolution, and the level and public labels partners
// write: resolve_territory() (codes, names, postal codes), candidates,
// places typed in a query, the ancestors of a code, Vocabularies.
#include "fuzz_util.h"
#include "normalize.h"
#include "search/places.h"
#include "spro/territory.h"
#include "territory/territory.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto vocabularies = spro::indexer::Vocabularies::builtin();
  auto text = spro::fuzz::as_text(data, size);
  auto place = spro::resolve_territory(text);
  if (place.ok()) (void)spro::territory::with_ancestors(place->code);
  (void)spro::territory_candidates(text);
  (void)spro::find_territory(text);
  (void)spro::territory::is_territory_code(text);
  if (auto detected = spro::search::detect_place(text)) {
    if (detected->begin > detected->end || detected->end > text.size()) __builtin_trap();
  }
  (void)vocabularies.level(text);
  (void)vocabularies.public_id(text);
  (void)spro::indexer::normalize_label(text);
  return 0;
}
