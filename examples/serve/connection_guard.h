// Keeps slow, idle and too many connections from holding spro-serve's
// workers. cpp-httplib 0.11 (Debian 12) reads a request in a worker thread
// with a timeout per read only, so a client sending one byte a second, or
// connecting and sending nothing, holds a worker as long as it likes; and
// it hands no socket to the application. The guard watches, from its own
// thread, the sockets this process accepted on the listening port
// (/proc/self/fd) and shuts down:
//  - a connection that sent nothing within `first_byte`,
//  - a connection whose request is not answered within `deadline` of a
//    worker starting to read it (time waiting in the queue, data unread,
//    does not count; each answer starts the next request's deadline),
//  - beyond `max_connections` in all and `max_per_client` from one
//    address, the connections that sent nothing, then the newest.
// A shut-down socket wakes its worker at once (the read sees the end).
// Linux only. Nothing is recorded about the clients.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>

namespace spro::serve {

struct GuardOptions {
  std::chrono::milliseconds first_byte{1000};
  std::chrono::milliseconds deadline{10000};
  size_t max_connections = 512;
  size_t max_per_client = 64;  // 0: no limit (behind a reverse proxy)
  std::chrono::milliseconds scan_interval{200};
};

class ConnectionGuard {
 public:
  // Watches connections accepted on local TCP port `port`.
  ConnectionGuard(int port, GuardOptions options);
  ~ConnectionGuard();
  ConnectionGuard(const ConnectionGuard&) = delete;
  ConnectionGuard& operator=(const ConnectionGuard&) = delete;

  // Connections seen open at the last scan, and shut down so far.
  size_t open_connections() const { return open_; }
  size_t shut_down() const { return shut_down_; }

 private:
  void run();
  int port_;
  GuardOptions options_;
  std::atomic<bool> stop_{false};
  std::atomic<size_t> open_{0};
  std::atomic<size_t> shut_down_{0};
  std::thread thread_;
};

// Sets the listen backlog of socket `fd` (listen() again: Linux takes the
// new value). cpp-httplib 0.11 listens with a backlog of 5.
bool set_listen_backlog(int fd, int backlog);

}  // namespace spro::serve
