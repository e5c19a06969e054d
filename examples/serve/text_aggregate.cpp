#include "text_aggregate.h"

#include <algorithm>

#include "scrub.h"
#include "spro/analyzer.h"

namespace spro::serve {

void TextAggregate::add(std::string_view text) {
  std::string key = cut_utf8(Analyzer::lower(scrub_personal(text)), options_.max_text_bytes);
  if (key.empty()) return;
  std::lock_guard lock(mutex_);
  if (auto it = counts_.find(key); it != counts_.end()) {
    ++it->second;
    return;
  }
  if (counts_.size() >= options_.max_entries) {
    // Full: forget the texts seen once (a flood of distinct texts must not
    // lock out the next frequent one); if none, the new text is not kept.
    std::erase_if(counts_, [](const auto& entry) { return entry.second <= 1; });
    if (counts_.size() >= options_.max_entries) return;
  }
  counts_.emplace(std::move(key), 1);
}

std::vector<AggregateEntry> TextAggregate::top(size_t n) const {
  std::vector<AggregateEntry> out;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [text, count] : counts_) {
      if (count >= options_.min_count) out.push_back({text, count});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.text < b.text;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

size_t TextAggregate::size() const {
  std::lock_guard lock(mutex_);
  return counts_.size();
}

}  // namespace spro::serve
