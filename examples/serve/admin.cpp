#include "admin.h"

#include <nlohmann/json.hpp>

namespace spro::serve {

void register_admin_routes(httplib::Server& server, const AdminContext& context) {
  using Json = nlohmann::json;
  if (!context.token.empty()) {
    server.set_pre_routing_handler([&context](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("Authorization") == "Bearer " + context.token) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      res.status = 401;
      res.set_header("WWW-Authenticate", "Bearer");
      res.set_content(Json{{"error", "admin token required"}, {"status", 401}}.dump(), "application/json; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    });
  }
  if (context.zero_results) {
    server.Get("/api/stats/zero-results", [&context](const httplib::Request&, httplib::Response& res) {
      Json out = Json::array();
      for (const auto& entry : context.zero_results->top(100)) out.push_back({{"query", entry.text}, {"count", entry.count}});
      res.set_content(out.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json; charset=utf-8");
    });
  }
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

}  // namespace spro::serve
