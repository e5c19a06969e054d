// How many searches spro-serve runs at once, so that a burst of costly
// queries (wildcards, fuzzy words, long OR lists) cannot take every core:
// costly searches get at most half the slots, cheap ones always keep the
// rest, and /healthz, /api/resource and the static files never wait here.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string_view>

namespace spro::serve {

// A cheap guess, from the text alone, that a query may be costly to match:
// wildcards, "~" (fuzzy), OR, or many words.
bool looks_costly(std::string_view query_text);

// Thread-safe.
class SearchLimiter {
 public:
  // `slots` searches at once (at least 1); costly ones use at most
  // max(1, slots / 2) of them.
  explicit SearchLimiter(size_t slots);

  // A slot held until destruction; false when none came within the wait.
  class Ticket {
   public:
    Ticket(Ticket&& other) noexcept : limiter_(other.limiter_), costly_(other.costly_) { other.limiter_ = nullptr; }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    ~Ticket();
    explicit operator bool() const { return limiter_ != nullptr; }

   private:
    friend class SearchLimiter;
    Ticket(SearchLimiter* limiter, bool costly) : limiter_(limiter), costly_(costly) {}
    SearchLimiter* limiter_;
    bool costly_;
  };

  // Waits at most `wait` for a slot.
  Ticket acquire(bool costly, std::chrono::milliseconds wait);

 private:
  void release(bool costly);
  const size_t slots_;
  const size_t costly_slots_;
  std::mutex mutex_;
  std::condition_variable freed_;
  size_t running_ = 0;
  size_t running_costly_ = 0;
};

}  // namespace spro::serve
