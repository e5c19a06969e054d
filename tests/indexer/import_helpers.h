// Running an importer the way spro-index does, for the importer tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "importer.h"
#include "importers/registry.h"
#include "normalize.h"
#include "test_util.h"

namespace spro::indexer::testing_helpers {

struct Imported {
  std::vector<ImportedRecord> records;
  Status status;
  const ImportedRecord* find(const std::string& id) const {
    for (const auto& r : records) {
      if (r.resource && r.resource->id == id) return &r;
    }
    return nullptr;
  }
  // Records without errors: what spro-index indexes.
  size_t valid() const {
    return static_cast<size_t>(std::count_if(records.begin(), records.end(), [](const auto& r) { return r.errors.empty(); }));
  }
  std::vector<const ImportedRecord*> rejected() const {
    std::vector<const ImportedRecord*> out;
    for (const auto& r : records) {
      if (!r.errors.empty()) out.push_back(&r);
    }
    return out;
  }
};

// Opens `path` in `format` (detected when empty), reads and normalises every record.
inline Imported import_file(const std::string& path, const std::string& format = "", SourceOptions options = {}) {
  Imported out;
  options.format = format;
  auto importer = open_importer(options, path);
  EXPECT_TRUE(importer.ok()) << path << ": " << importer.status().message();
  if (!importer.ok()) {
    out.status = importer.status();
    return out;
  }
  Vocabularies vocab = Vocabularies::builtin();
  ImportedRecord rec;
  while ((*importer)->next(rec)) {
    normalize_record(rec, options, vocab);
    out.records.push_back(std::move(rec));
  }
  out.status = (*importer)->status();
  return out;
}

// The sample a recogniser sees of a file.
inline FileSample sample_of(const std::string& path) {
  namespace fs = std::filesystem;
  FileSample s;
  s.path = path;
  s.extension = fs::path(path).extension().string();
  std::transform(s.extension.begin(), s.extension.end(), s.extension.begin(), ::tolower);
  s.is_directory = fs::is_directory(path);
  if (!s.is_directory) {
    std::ifstream in(path, std::ios::binary);
    s.head.resize(64 * 1024);
    in.read(s.head.data(), static_cast<std::streamsize>(s.head.size()));
    s.head.resize(static_cast<size_t>(in.gcount()));
  }
  return s;
}

inline bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace spro::indexer::testing_helpers
