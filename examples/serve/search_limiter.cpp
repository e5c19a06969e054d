#include "search_limiter.h"

#include <algorithm>

namespace spro::serve {

bool looks_costly(std::string_view text) {
  if (text.find_first_of("*~") != std::string_view::npos) return true;
  if (text.find(" OR ") != std::string_view::npos || text.find(" ou ") != std::string_view::npos) return true;
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words > 12;
}

SearchLimiter::SearchLimiter(size_t slots)
    : slots_(std::max<size_t>(1, slots)), costly_slots_(std::max<size_t>(1, slots / 2)) {}

SearchLimiter::Ticket SearchLimiter::acquire(bool costly, std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  auto can_run = [&] { return running_ < slots_ && (!costly || running_costly_ < costly_slots_); };
  if (!freed_.wait_for(lock, wait, can_run)) return Ticket(nullptr, costly);
  ++running_;
  if (costly) ++running_costly_;
  return Ticket(this, costly);
}

void SearchLimiter::release(bool costly) {
  {
    std::lock_guard lock(mutex_);
    --running_;
    if (costly) --running_costly_;
  }
  freed_.notify_all();
}

SearchLimiter::Ticket::~Ticket() {
  if (limiter_) limiter_->release(costly_);
}

}  // namespace spro::serve
