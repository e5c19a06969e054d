// Counts of texts people typed (queries without result today, the page's
// feedback tomorrow), kept so that they expose no one: the one place that
// sets the rules for every aggregate spro-serve shows an administrator.
//
//  - Scrubbed before counting by scrub_personal() (scrub.h: e-mail and
//    web addresses, phone and file numbers, names), then lower-cased. A
//    name typed in lower case without a civility cannot be told from a
//    word: the threshold protects it.
//  - Shown only once typed at least `min_count` times (k-anonymity-like:
//    a text typed by one person stays invisible).
//  - Counts only, no time, no address; in memory; a bounded number of
//    distinct texts (when full, texts seen once are forgotten first).
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace spro::serve {

struct AggregateOptions {
  size_t min_count = 5;        // a text is shown once counted this many times
  size_t max_entries = 10000;  // distinct texts kept in memory
  size_t max_text_bytes = 200; // longer texts are cut (at a UTF-8 boundary)
};

struct AggregateEntry {
  std::string text;
  size_t count = 0;
};

// Thread-safe.
class TextAggregate {
 public:
  explicit TextAggregate(AggregateOptions options = {}) : options_(options) {}

  // Counts the scrubbed form of `text` (nothing if it scrubs to empty).
  void add(std::string_view text);

  // The `n` most frequent texts counted at least min_count times, most
  // frequent first (ties by text).
  std::vector<AggregateEntry> top(size_t n) const;

  // Distinct texts held, shown or not (for tests and metrics).
  size_t size() const;

 private:
  AggregateOptions options_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, size_t> counts_;
};

}  // namespace spro::serve
