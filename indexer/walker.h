// Finds what to index under a path given on the command line or in a
// source configuration: a file, or a folder walked recursively. Each file
// or folder is recognised by content (importer.h, recognise()); a folder a
// format claims (ROME's RefRomeCsv) is one input and is not descended
// into. Nothing is read beyond the samples the recognisers need.
#pragma once

#include <string>
#include <vector>

#include "importer.h"

namespace spro::indexer {

struct FoundInput {
  std::string path;
  Recognition recognition;  // kImport, kSkip or kReject (never kDescend)
  size_t size = 0;          // bytes on disk, for progress
  bool compressed = false;  // a .gz file, read decompressed
};

// Every input under `path`, in a stable order (sorted names, depth first).
// `path` itself was named by the user: if no recogniser claims it, its
// extension may still name a format. Symbolic links to folders are
// followed once (a loop is skipped); an unreadable entry is a kReject.
std::vector<FoundInput> walk_inputs(const std::string& path);

}  // namespace spro::indexer
