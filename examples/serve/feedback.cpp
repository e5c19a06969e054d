#include "feedback.h"

#include <algorithm>

#include "scrub.h"
#include "spro/analyzer.h"

namespace spro::serve {
namespace {

// Runs of spaces made one (folding can turn a no-break space into a space).
std::string single_spaced(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

FeedbackStore::FeedbackStore(FeedbackOptions options) : options_(options) {}

std::string FeedbackStore::normalize_query(std::string_view query) {
  return cut_utf8(single_spaced(Analyzer::fold(scrub_personal(query))), 200);
}

FeedbackStore::Counts* FeedbackStore::slot(const std::string& query, std::string_view resource_id) {
  auto key = std::make_pair(query, std::string(resource_id));
  auto it = counts_.find(key);
  if (it != counts_.end()) return &it->second;
  if (counts_.size() >= options_.max_aggregates) return nullptr;
  return &counts_[key];
}

bool FeedbackStore::vote(std::string_view query, std::string_view resource_id, bool useful) {
  std::string q = normalize_query(query);
  if (q.empty()) return false;
  std::lock_guard lock(mutex_);
  Counts* c = slot(q, resource_id);
  if (!c) return false;
  ++(useful ? c->yes : c->no);
  return true;
}

bool FeedbackStore::comment(std::string_view query, std::string_view resource_id, std::string_view text) {
  std::string q = normalize_query(query);
  std::string kept = cut_utf8(scrub_personal(text), options_.max_comment_bytes);
  if (q.empty() || kept.empty()) return false;
  std::lock_guard lock(mutex_);
  Counts* c = slot(q, resource_id);
  if (!c || c->comments.size() >= options_.max_comments) return false;
  // Sorted, so the order of the comments says nothing of when they came.
  c->comments.insert(std::lower_bound(c->comments.begin(), c->comments.end(), kept), kept);
  return true;
}

std::vector<FeedbackAggregate> FeedbackStore::aggregates() const {
  std::lock_guard lock(mutex_);
  std::vector<FeedbackAggregate> out;
  for (const auto& [key, c] : counts_) {
    if (c.yes + c.no < options_.k) continue;
    out.push_back({key.first, key.second, c.yes, c.no, c.comments});
  }
  return out;
}

std::string FeedbackStore::relevance_judgments() const {
  std::map<std::string, std::vector<std::string>> useful;
  for (const FeedbackAggregate& a : aggregates()) {
    if (a.resource_id.empty() || a.yes <= a.no) continue;
    // bench/relevance splits on tabs and commas.
    if (a.resource_id.find_first_of(",\t\n") != std::string::npos || a.query.find_first_of("\t\n") != std::string::npos) continue;
    useful[a.query].push_back(a.resource_id);
  }
  std::string out;
  for (const auto& [query, ids] : useful) {
    out += query + '\t';
    for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + ids[i];
    out += '\n';
  }
  return out;
}

}  // namespace spro::serve
