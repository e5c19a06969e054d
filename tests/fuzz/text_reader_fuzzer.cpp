// TextReader (encoding detection and conversion) and CsvReader over it.
// The first byte chooses the declared encoding, the rest is the file.
#include <array>

#include "csv_reader.h"
#include "fuzz_util.h"
#include "text_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const std::array<const char*, 6> kEncodings = {"auto", "utf-8", "windows-1252", "iso-8859-1", "utf-16", "utf-16le"};
  const char* encoding = kEncodings[data[0] % kEncodings.size()];
  const bool csv = data[0] & 0x80;
  spro::fuzz::MemoryFile file(data + 1, size - 1);
  if (!file.ok()) return 0;
  auto reader = spro::indexer::TextReader::open(file.path(), encoding);
  if (!reader.ok()) return 0;
  if (csv) {
    spro::indexer::CsvReader rows(**reader, (data[0] & 0x40) ? ';' : 0);
    std::vector<std::string> fields;
    std::string error;
    while (rows.next(fields, error)) {
    }
  } else {
    std::string line;
    while ((*reader)->next_line(line)) {
    }
  }
  return 0;
}
