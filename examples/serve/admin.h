// The administrator's listener of spro-serve: what must not be public
// (the zero-result report; metrics can be added the same way). It listens
// on loopback by default (--admin-listen); anywhere else it needs a token
// (--admin-token), checked on every request.
#pragma once

#include <httplib.h>

#include <string>

#include "text_aggregate.h"

namespace spro::serve {

struct AdminContext {
  std::string token;                          // empty: no token asked (loopback only)
  const TextAggregate* zero_results = nullptr;  // null: --count-zero-results is off
};

// Registers the admin routes on `server`, which must be the admin
// listener, never the public one: GET /api/stats/zero-results (texts of
// queries without result, each counted at least k times, as
// [{"query", "count"}]) and the token check. A new admin route is one more
// `server.Get(...)` in this function (or a function of its own called
// beside it); `context` must outlive the server.
void register_admin_routes(httplib::Server& server, const AdminContext& context);

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

}  // namespace spro::serve
