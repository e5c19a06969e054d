// Rejection report of an indexing run: messages on stderr, and optionally
// one JSON object per problem in a --report file (JSON Lines).
#pragma once

#include <cstddef>
#include <fstream>
#include <memory>
#include <string>

namespace spro::indexer {

class Report {
 public:
  // `path` empty: no report file. Throws nothing; check ok().
  explicit Report(const std::string& path);
  bool ok() const { return !file_ || static_cast<bool>(*file_); }

  // One rejected record: "location: reason" on stderr.
  void reject(const std::string& location, const std::string& id, const std::string& reason);

  size_t rejected() const { return rejected_; }

 private:
  std::unique_ptr<std::ofstream> file_;
  size_t rejected_ = 0;
};

}  // namespace spro::indexer
