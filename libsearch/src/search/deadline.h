// A time limit on Xapian's match. Internal.
//
// Xapian 1.4's Enquire::set_time_limit() only stops counting beyond the
// page (check_at_least); nothing stops the match itself. A Deadline is a
// boolean posting source that matches every document until its time is up
// and then says it is at its end: ANDed with a query (OP_FILTER), it ends
// the match there, and get_mset() returns the best hits found so far.
#pragma once

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <memory>

namespace spro::search {

class Deadline : public Xapian::PostingSource {
 public:
  // `expired` is set when the time ran out during the match.
  Deadline(std::chrono::steady_clock::time_point at, std::shared_ptr<std::atomic<bool>> expired)
      : at_(at), expired_(std::move(expired)) {}

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return doccount_; }
  Xapian::doccount get_termfreq_max() const override { return doccount_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool check(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return ended_; }
  Xapian::docid get_docid() const override { return current_; }
  std::string get_description() const override { return "spro::search::Deadline"; }

 private:
  // Reads the clock every kStride calls (a clock read costs about as much
  // as a posting).
  static constexpr unsigned kStride = 64;
  void tick();

  std::chrono::steady_clock::time_point at_;
  std::shared_ptr<std::atomic<bool>> expired_;
  Xapian::docid current_ = 0;
  Xapian::docid last_ = 0;
  Xapian::doccount doccount_ = 0;
  unsigned calls_ = 0;
  bool ended_ = false;
};

}  // namespace spro::search
