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
  auto sample = sample_file(path);  // what the walker sees of the file
  EXPECT_TRUE(sample.ok()) << sample.status().message();
  return sample.ok() ? *sample : FileSample{};
}

inline bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace spro::indexer::testing_helpers
