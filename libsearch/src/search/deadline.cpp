#include "search/deadline.h"

namespace spro::search {

void Deadline::init(const Xapian::Database& db) {
  current_ = 0;
  last_ = db.get_lastdocid();
  doccount_ = db.get_doccount();
  calls_ = 0;
  ended_ = last_ == 0;
}

void Deadline::tick() {
  if (calls_++ % kStride != 0 || ended_) return;
  if (std::chrono::steady_clock::now() >= at_) {
    ended_ = true;
    expired_->store(true, std::memory_order_relaxed);
  }
}

void Deadline::next(double) {
  tick();
  if (ended_ || current_ >= last_) {
    ended_ = true;
    return;
  }
  ++current_;
}

void Deadline::skip_to(Xapian::docid did, double) {
  tick();
  if (ended_) return;
  if (did > last_) {
    ended_ = true;
    return;
  }
  if (did > current_) current_ = did;
}

bool Deadline::check(Xapian::docid did, double min_wt) {
  skip_to(did, min_wt);
  return true;
}

}  // namespace spro::search
