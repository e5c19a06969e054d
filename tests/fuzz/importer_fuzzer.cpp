// One importer (SPRO_FUZZ_FORMAT, set by CMake: one binary per format) over
// the fuzzer's bytes as a file, then normalize_record() on every record it
// yields: places (territory names, postal codes), publics and levels are
// resolved there, as spro-index does.
#include "fuzz_util.h"
#include "importer.h"
#include "normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto vocabularies = spro::indexer::Vocabularies::builtin();
  spro::fuzz::MemoryFile file(data, size);
  if (!file.ok()) return 0;
  spro::indexer::SourceOptions options;
  options.name = "fuzz";
  options.format = SPRO_FUZZ_FORMAT;
  options.partner = "fuzz";
  options.kind = "document";
  // A CSV source needs a mapping; this one uses the columns of the
  // France services seed and falls back to the first columns' names.
  options.mapping = {{"id", "fuzz:{id_fs}"}, {"title", "{lib_fs}"}, {"territories", "com:{insee_com}"},
                     {"location", "{latitude},{longitude}"}, {"levels", "{niveau}"}, {"publics", "{public}"}};
  auto importer = spro::indexer::open_importer(options, file.path());
  if (!importer.ok()) return 0;
  spro::indexer::ImportedRecord record;
  for (int n = 0; n < 10000 && (*importer)->next(record); ++n) {
    spro::indexer::normalize_record(record, options, vocabularies);
    record = spro::indexer::ImportedRecord();
  }
  (void)(*importer)->status();
  return 0;
}
