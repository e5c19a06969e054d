// What the search page (page.cpp) and the pathway view (pathway_page.cpp)
// share: escaping, links that keep the page's parameters, French labels of
// the vocabularies and territories, and the frame of every page (head, skip
// links, header, footer). Internal to spro-serve.
#pragma once

#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "params.h"

namespace spro::serve::html {

// Text for HTML content and attribute values.
std::string esc(std::string_view s);
// A URL component: everything but unreserved characters percent-encoded.
std::string url_encode(std::string_view s);
// The current query string ("?a=1&b=2", or "/" when empty) with some
// parameters replaced (every value of that name) or, with an empty value,
// removed. Per-page parameters (thanks, offset) are dropped unless set in
// `changes`.
std::string link(const Params& params, const std::map<std::string, std::string>& changes);
// The current query string without one value of one parameter.
std::string link_without(const Params& params, const std::string& key, const std::string& value);
// The first value of a parameter, or "".
std::string first(const Params& params, const std::string& name);

std::string kind_label(std::string_view id);
std::string public_label(std::string_view id);
// "Toulon (Var, 83)", "Var (83)", "Provence-Alpes-Côte d'Azur"; the code
// itself when unknown.
std::string territory_label(const std::string& code);
std::string departement_of(const std::string& code);
// "1 résultat", "12 résultats".
std::string plural(size_t n, const char* one, const char* many);

// <!DOCTYPE html> to the end of <header>: the title, the style sheet and
// script, the skip links (label, href).
void page_start(std::ostringstream& h, const std::string& title,
                const std::vector<std::pair<std::string, std::string>>& skip_links);
// The footer and the end of the document.
void page_end(std::ostringstream& h);

}  // namespace spro::serve::html
