// The HTTP side of the users' opinion loop: the page's "Oui / Non" forms
// post to /avis (plain form POST, no JavaScript needed), and administrators
// export the aggregates that reached k votes.
#pragma once

#include <functional>
#include <string>

#include "feedback.h"

namespace httplib {
class Server;
}

namespace spro::serve {

// POST /avis: q, id ("" for the search as a whole), vote (oui|non) or
// commentaire, retour (the page's query string); answers 303 back to the
// page with its thanks. `indexed(id)` says whether id is a resource of the
// index: nothing else is ever stored as an id. On the public listener.
void add_feedback_routes(httplib::Server& server, FeedbackStore& store,
                         std::function<bool(const std::string& id)> indexed);

// On the admin listener only (admin.h): GET /api/stats/feedback, the
// aggregates as JSON; GET /api/stats/feedback.tsv, relevance judgments for
// bench/relevance. `store` must outlive the server.
void add_feedback_admin_routes(httplib::Server& admin, const FeedbackStore& store);

}  // namespace spro::serve
