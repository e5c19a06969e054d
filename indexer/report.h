// What an indexing run tells the administrator: every rejected record and
// every warning, with its file and line or record, on stderr and in a
// --report file (JSON Lines), and counts per source.
#pragma once

#include <cstddef>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spro::indexer {

struct SourceCounts {
  size_t read = 0;
  size_t indexed = 0;
  size_t rejected = 0;
  size_t warnings = 0;
};

// `message` fit to print: control characters and bytes that are not UTF-8
// escaped (\x01), and cut to `max_bytes` with "…" on a character
// boundary. A message may quote a partner's bytes; a terminal must never
// receive them raw.
std::string printable(std::string_view message, size_t max_bytes);

class Report {
 public:
  // `path` empty: no report file. Check ok().
  explicit Report(const std::string& path);
  bool ok() const { return !file_ || static_cast<bool>(*file_); }

  // A rejected record: "location: reason" on stderr.
  void reject(const std::string& source, const std::string& location, const std::string& id, const std::string& reason);
  // A whole file refused (empty, binary, unreadable, cut short...): counted
  // as one rejection and written to the report file; the caller prints it
  // in the file's summary line.
  void reject_file(const std::string& source, const std::string& path, const std::string& reason);
  // A file that is not partner data, for the report file only.
  void skip_file(const std::string& path, const std::string& reason);
  // A kept record with something dropped. Only the first warnings of each
  // source go to stderr; all go to the report file.
  void warn(const std::string& source, const std::string& location, const std::string& id, const std::string& message);

  SourceCounts& counts(const std::string& source);
  // Sources in the order they were first counted.
  const std::vector<std::string>& sources() const { return order_; }
  size_t total_rejected() const;
  // "... and N more warnings" lines for the sources that had more.
  void print_warning_overflow() const;

  static constexpr size_t kWarningsShown = 20;
  // Messages are cut to this many bytes; partners' bytes are quoted in them.
  static constexpr size_t kMessageBytes = 400;

 private:
  void write(const std::string& source, const std::string& location, const std::string& id, const char* key,
             const std::string& message);
  std::unique_ptr<std::ofstream> file_;
  std::map<std::string, SourceCounts> counts_;
  std::vector<std::string> order_;
};

}  // namespace spro::indexer
