#include "feedback_http.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace spro::serve {
namespace {

// Only a query string of this site: never a redirection elsewhere.
std::string safe_return(const std::string& retour) {
  if (retour.size() > 4000 || !retour.starts_with("?") || retour.find_first_of("\r\n#") != std::string::npos) return "/";
  return retour;
}

}  // namespace

void add_feedback_routes(httplib::Server& server, FeedbackStore& store,
                         std::function<bool(const std::string& id)> indexed) {
  server.Post("/avis", [&store, indexed](const httplib::Request& req, httplib::Response& res) {
    httplib::Params form = req.params;
    if (form.empty()) httplib::detail::parse_query_text(req.body, form);
    auto get = [&](const char* name) {
      auto it = form.find(name);
      return it == form.end() ? std::string() : it->second;
    };
    std::string q = get("q"), id = get("id"), vote = get("vote"), text = get("commentaire");
    std::string back = safe_return(get("retour"));
    bool known = id.empty() || (id.size() <= 256 && indexed(id));
    bool commented = false;
    if (known && (vote == "oui" || vote == "non")) {
      store.vote(q, id, vote == "oui");
    } else if (known && !text.empty()) {
      commented = store.comment(q, id, text);
    }
    std::string to = (back == "/" ? std::string("/?") : "/" + back + "&") + "merci=" +
                     (id.empty() ? std::string("-") : httplib::detail::encode_query_param(id)) +
                     (commented ? "&commente=1" : "");
    res.status = 303;
    res.set_header("Location", to);
    res.set_header("Cache-Control", "no-store");
  });

}

void add_feedback_admin_routes(httplib::Server& admin, const FeedbackStore& store) {
  admin.Get("/api/stats/feedback", [&store](const httplib::Request&, httplib::Response& res) {
    nlohmann::json out = nlohmann::json::array();
    for (const FeedbackAggregate& a : store.aggregates()) {
      out.push_back({{"query", a.query}, {"resource_id", a.resource_id}, {"yes", a.yes}, {"no", a.no}, {"comments", a.comments}});
    }
    res.set_content(nlohmann::json{{"k", store.options().k}, {"aggregates", out}}.dump(),
                    "application/json; charset=utf-8");
  });

  admin.Get("/api/stats/feedback.tsv", [&store](const httplib::Request&, httplib::Response& res) {
    res.set_content(store.relevance_judgments(), "text/tab-separated-values; charset=utf-8");
  });
}

}  // namespace spro::serve
