// The users' opinion of results ("Ce résultat vous a-t-il été utile ?"),
// kept only as aggregates in memory: a normalised query text, a resource id
// ("" for the search as a whole), yes/no counts and short scrubbed
// comments (scrub.h). Nothing about the person: no address, no time, no session, no
// order of arrival. An aggregate is shown to no one (export, judgments)
// until it has at least k votes.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spro::serve {

struct FeedbackOptions {
  size_t k = 5;                      // votes an aggregate needs to be shown
  size_t max_aggregates = 10000;     // distinct (query, resource) pairs kept
  size_t max_comments = 20;          // per aggregate
  size_t max_comment_bytes = 280;
};

struct FeedbackAggregate {
  std::string query;        // normalised: scrubbed, case and accents folded
  std::string resource_id;  // "" when about the search as a whole
  size_t yes = 0;
  size_t no = 0;
  std::vector<std::string> comments;  // scrubbed, in alphabetical order
};

// Thread-safe. Resource ids are stored as given: the caller passes only ids
// of indexed resources (the HTTP layer checks them against the index).
class FeedbackStore {
 public:
  explicit FeedbackStore(FeedbackOptions options = {});

  // Counts one vote. False when nothing was kept: the query is empty once
  // scrubbed, or the store is full.
  bool vote(std::string_view query, std::string_view resource_id, bool useful);
  // Keeps a short comment, scrubbed. False when nothing was kept.
  bool comment(std::string_view query, std::string_view resource_id, std::string_view text);

  // The aggregates with at least k votes, by query then resource id; the
  // others are never returned.
  std::vector<FeedbackAggregate> aggregates() const;

  // Relevance judgments in bench/relevance's format, one line per query:
  // "query<TAB>id,id": the resources that at least k people rated and most
  // found useful. Queries without such a resource are left out.
  std::string relevance_judgments() const;

  // Scrubbed, folded (case, accents), spaces collapsed, at most 200 bytes.
  static std::string normalize_query(std::string_view query);

  const FeedbackOptions& options() const { return options_; }

 private:
  struct Counts {
    size_t yes = 0, no = 0;
    std::vector<std::string> comments;
  };
  Counts* slot(const std::string& query, std::string_view resource_id);

  FeedbackOptions options_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Counts> counts_;
};

}  // namespace spro::serve
