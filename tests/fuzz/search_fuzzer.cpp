// The query path end to end: parse_query(), build_query() (analysis,
// accents, thesaurus, wildcards), places in the text, typo correction,
// snippets and JSON, over a small index built once from the bundled
// sample (SPRO_FUZZ_SAMPLE, a JSON Lines file). The first byte picks
// options (facets, places, sort, explain) so they are fuzzed too.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "fuzz_util.h"
#include "spro/index_writer.h"
#include "spro/searcher.h"

namespace {

std::unique_ptr<spro::Searcher> open_searcher() {
  auto dir = std::filesystem::temp_directory_path() / ("spro-fuzz-index-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto writer = spro::IndexWriter::open(dir.string(), spro::IndexWriter::Mode::kRebuild);
  if (!writer.ok()) std::abort();
  std::ifstream in(SPRO_FUZZ_SAMPLE);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<spro::FieldError> errors;
    if (auto r = spro::parse_resource(line, errors)) (void)(*writer)->add(*r);
  }
  if (!(*writer)->commit().ok()) std::abort();
  auto searcher = spro::Searcher::open(dir.string());
  if (!searcher.ok()) std::abort();
  // The Searcher keeps its files open; the directory can go at exit.
  static const std::string to_remove = dir.string();
  std::atexit([] { std::filesystem::remove_all(to_remove); });
  return std::move(*searcher);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto searcher = open_searcher();
  if (size == 0) return 0;
  spro::SearchRequest request;
  const uint8_t options = data[0];
  request.text = std::string(spro::fuzz::as_text(data + 1, size - 1));
  request.facets = options & 1;
  request.detect_places = options & 2;
  request.explain = options & 4;
  request.typo_tolerance = options & 8;
  if (options & 16) request.sort = spro::SortOrder::kTitle;
  request.limit = 5;
  auto response = searcher->search(request);
  if (response.ok()) (void)spro::to_json(*response);
  if (options & 32) (void)searcher->suggest(request.text, 5);
  return 0;
}
