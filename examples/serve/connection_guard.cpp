#include "connection_guard.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spro::serve {
namespace {

using Clock = std::chrono::steady_clock;

struct Connection {
  int fd = -1;
  std::string peer;              // address only, kept while the connection lives
  Clock::time_point first_seen;
  uint64_t bytes_received = 0;   // from the client, so far
  uint64_t bytes_acked = 0;      // of our answers, so far
  int unread = 0;                // bytes received that no worker read yet
  // When a worker started on the current request: the connection's data
  // was first seen read, or an answer went out since. Unset while the
  // connection waits in the queue (its bytes unread): waiting for a worker
  // is not the client's fault.
  std::optional<Clock::time_point> served_since;
  bool shut = false;             // already shut down, waiting for its worker to close it
};

// The socket inode behind `fd` ("socket:[123]" -> 123), 0 if not a socket.
unsigned long socket_inode(int fd) {
  char link[64];
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  ssize_t n = ::readlink(path.c_str(), link, sizeof link - 1);
  if (n <= 0) return 0;
  link[n] = '\0';
  unsigned long inode = 0;
  if (std::sscanf(link, "socket:[%lu]", &inode) != 1) return 0;
  return inode;
}

// An accepted TCP connection on local `port`: its peer address and byte
// counts.
bool accepted_on(int fd, int port, Connection& c) {
  sockaddr_storage local{}, remote{};
  socklen_t len = sizeof local;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) != 0) return false;
  int local_port = 0;
  if (local.ss_family == AF_INET) {
    local_port = ntohs(reinterpret_cast<sockaddr_in*>(&local)->sin_port);
  } else if (local.ss_family == AF_INET6) {
    local_port = ntohs(reinterpret_cast<sockaddr_in6*>(&local)->sin6_port);
  } else {
    return false;
  }
  if (local_port != port) return false;
  int listening = 0;
  len = sizeof listening;
  if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || listening) return false;
  len = sizeof remote;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&remote), &len) != 0) return false;
  char text[INET6_ADDRSTRLEN] = "";
  if (remote.ss_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&remote)->sin_addr, text, sizeof text);
  } else {
    ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&remote)->sin6_addr, text, sizeof text);
  }
  c.peer = text;
  tcp_info info{};
  len = sizeof info;
  if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) == 0) {
    c.bytes_received = info.tcpi_bytes_received;
    c.bytes_acked = info.tcpi_bytes_acked;
  } else {
    c.bytes_received = 1;  // unknown: never taken for idle
  }
  if (::ioctl(fd, FIONREAD, &c.unread) != 0) c.unread = 0;
  return true;
}

}  // namespace

ConnectionGuard::ConnectionGuard(int port, GuardOptions options)
    : port_(port), options_(options), thread_([this] { run(); }) {}

ConnectionGuard::~ConnectionGuard() {
  stop_ = true;
  thread_.join();
}

void ConnectionGuard::run() {
  std::map<unsigned long, Connection> known;  // by socket inode
  while (!stop_) {
    const auto now = Clock::now();
    std::map<unsigned long, Connection> seen;
    if (DIR* dir = ::opendir("/proc/self/fd")) {
      while (dirent* entry = ::readdir(dir)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
        int fd = std::atoi(entry->d_name);
        if (fd == ::dirfd(dir)) continue;
        unsigned long inode = socket_inode(fd);
        Connection c;
        if (inode == 0 || !accepted_on(fd, port_, c)) continue;
        c.fd = fd;
        auto old = known.find(inode);
        const bool drained = c.bytes_received > 0 && c.unread == 0;
        if (old == known.end()) {
          c.first_seen = now;
          if (drained) c.served_since = now;
        } else {
          c.first_seen = old->second.first_seen;
          c.shut = old->second.shut;
          c.served_since = old->second.served_since;
          // An answer went out: the next request gets a deadline of its own.
          if (c.bytes_acked != old->second.bytes_acked) c.served_since = now;
          if (!c.served_since && drained) c.served_since = now;
        }
        seen.emplace(inode, std::move(c));
      }
      ::closedir(dir);
    }
    known = std::move(seen);

    // Which to keep under the caps: connections that sent something before
    // those that sent nothing, then the oldest first; so a flood of idle
    // connections cannot push out a client that is asking something.
    std::vector<std::pair<unsigned long, Connection*>> by_age;
    for (auto& [inode, c] : known) {
      if (!c.shut) by_age.emplace_back(inode, &c);
    }
    std::sort(by_age.begin(), by_age.end(), [](const auto& a, const auto& b) {
      bool a_active = a.second->bytes_received > 0, b_active = b.second->bytes_received > 0;
      if (a_active != b_active) return a_active;
      return a.second->first_seen < b.second->first_seen;
    });
    std::map<std::string, size_t> per_client;
    size_t kept = 0;
    for (const auto& [inode, c] : by_age) {
      const auto age = now - c->first_seen;
      size_t& from_client = per_client[c->peer];
      const bool late = c->served_since && now - *c->served_since > options_.deadline;
      bool close = late || (c->bytes_received == 0 && age > options_.first_byte) ||
                   kept >= options_.max_connections ||
                   (options_.max_per_client > 0 && from_client >= options_.max_per_client);
      // The fd may have been closed and reused since the scan: check that
      // it is still the same socket before shutting it down.
      if (close && socket_inode(c->fd) == inode) {
        ::shutdown(c->fd, SHUT_RDWR);
        c->shut = true;
        ++shut_down_;
      } else if (!close) {
        ++kept;
        ++from_client;
      }
    }
    open_ = kept;
    std::this_thread::sleep_for(options_.scan_interval);
  }
}

bool set_listen_backlog(int fd, int backlog) { return ::listen(fd, backlog) == 0; }

}  // namespace spro::serve
