#include "page.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "spro/territory.h"

namespace spro::serve {
namespace {

std::string esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The current query string with some parameters replaced or removed.
std::string link(const Params& params, const std::map<std::string, std::string>& changes) {
  std::string out;
  auto add = [&](const std::string& k, const std::string& v) {
    if (v.empty()) return;
    out += (out.empty() ? "?" : "&") + url_encode(k) + "=" + url_encode(v);
  };
  for (const auto& [k, v] : params) {
    if (!changes.contains(k)) add(k, v);
  }
  for (const auto& [k, v] : changes) add(k, v);
  return out.empty() ? "?" : out;
}

bool selected(const Params& params, const std::string& name, const std::string& value) {
  auto [begin, end] = params.equal_range(name);
  return std::any_of(begin, end, [&](const auto& kv) {
    if (name != "level") return kv.second == value;
    // A level may have been given as people write it ("bac+2" is 5).
    auto level = parse_level(kv.second);
    return level.ok() && std::to_string(*level) == value;
  });
}

std::string kind_label(std::string_view id) {
  for (const auto& k : kinds()) {
    if (k.id == id) return std::string(k.label);
  }
  return std::string(id);
}

std::string public_label(std::string_view id) {
  for (const auto& p : publics()) {
    if (p.id == id) return std::string(p.label);
  }
  return std::string(id);
}

std::string territory_label(const std::string& code) {
  auto p = find_territory(code);
  if (!p) return code;
  return p->name + (code.starts_with("dep:") ? " (" + code.substr(4) + ")" : "");
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// One fieldset of checkboxes (kind, public, level, source) with counts.
void facet_fieldset(std::ostringstream& h, const Params& params, const SearchResponse& r, const std::string& facet,
                    const std::string& param, const std::string& legend, std::string (*label)(const std::string&)) {
  auto it = r.facets.find(facet);
  if (it == r.facets.end() || it->second.empty()) return;
  h << "<fieldset><legend>" << esc(legend) << "</legend>\n";
  size_t i = 0;
  for (const FacetValue& v : it->second) {
    std::string id = "f-" + param + "-" + std::to_string(i++);
    h << "<div class=\"facet\"><input type=\"checkbox\" name=\"" << param << "\" id=\"" << id << "\" value=\""
      << esc(v.value) << "\"" << (selected(params, param, v.value) ? " checked" : "") << "><label for=\"" << id
      << "\">" << esc(label(v.value)) << " <span class=\"count\">(" << v.count << ")</span></label></div>\n";
  }
  h << "</fieldset>\n";
}

}  // namespace

std::string render_page(const Params& params, const std::string& error, const std::optional<SearchResponse>& response,
                        const SearchRequest& request) {
  std::ostringstream h;
  std::string q = params.count("q") ? params.find("q")->second : "";
  h << "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       "<title>" << (q.empty() ? "" : esc(q) + " — ") << "Recherche — orientation</title>\n"
       "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
       "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
       "<a class=\"skip\" href=\"#resultats\">Aller aux résultats</a>\n"
       "<header><p class=\"site\">Service public de l'orientation</p></header>\n"
       "<main>\n<h1>Trouver un métier, une formation, un lieu d'accueil, une aide</h1>\n"
       "<form role=\"search\" method=\"get\" action=\"/\" id=\"recherche\">\n"
       "<div class=\"searchbox\"><label for=\"q\">Que cherchez-vous ?</label>\n"
       "<input type=\"search\" id=\"q\" name=\"q\" value=\"" << esc(q) << "\" list=\"suggestions\" autocomplete=\"off\" "
       "aria-describedby=\"q-aide\" maxlength=\"1000\">\n"
       "<datalist id=\"suggestions\"></datalist>\n"
       "<p id=\"q-aide\" class=\"hint\">Par exemple : infirmière, CAP cuisine Toulon, mission locale 06.</p>\n"
       "<button type=\"submit\">Rechercher</button></div>\n";
  if (!error.empty()) h << "<p class=\"error\" role=\"alert\">" << esc(error) << "</p>\n";

  h << "<div class=\"layout\">\n<div class=\"filters\" aria-label=\"Filtres\" role=\"group\">\n<h2>Affiner</h2>\n";
  // Territory: a département list and a commune / postal code field.
  std::string place = params.count("place") ? params.find("place")->second : "";
  std::string current_dep;
  for (const auto& t : request.territories) {
    if (t.starts_with("dep:")) current_dep = t;
  }
  h << "<fieldset><legend>Territoire</legend>\n<label for=\"territory\">Département</label>\n"
       "<select id=\"territory\" name=\"territory\"><option value=\"\">Toute la France</option>\n";
  std::map<std::string, size_t> dep_counts;
  if (response) {
    if (auto it = response->facets.find("territory"); it != response->facets.end()) {
      for (const auto& v : it->second) dep_counts[v.value] = v.count;
    }
  }
  for (const auto& [code, count] : dep_counts) {
    h << "<option value=\"" << esc(code) << "\"" << (code == current_dep ? " selected" : "") << ">"
      << esc(territory_label(code)) << " (" << count << ")</option>\n";
  }
  if (!current_dep.empty() && !dep_counts.contains(current_dep)) {
    h << "<option value=\"" << esc(current_dep) << "\" selected>" << esc(territory_label(current_dep)) << "</option>\n";
  }
  h << "</select>\n<label for=\"place\">Commune ou code postal</label>\n<input type=\"text\" id=\"place\" name=\"place\" value=\""
    << esc(place) << "\" autocomplete=\"postal-code\">\n</fieldset>\n";
  if (response) {
    facet_fieldset(h, params, *response, "kind", "kind", "Type", [](const std::string& v) { return kind_label(v); });
    facet_fieldset(h, params, *response, "public", "public", "Public", [](const std::string& v) { return public_label(v); });
    facet_fieldset(h, params, *response, "level", "level", "Niveau", [](const std::string& v) {
      return std::string(level_label(std::atoi(v.c_str())));
    });
    facet_fieldset(h, params, *response, "source", "source", "Source", [](const std::string& v) { return v; });
  }
  h << "<button type=\"submit\" class=\"apply\">Appliquer les filtres</button>\n</div>\n";

  h << "<section id=\"resultats\" aria-labelledby=\"titre-resultats\" tabindex=\"-1\">\n<h2 id=\"titre-resultats\">Résultats</h2>\n";
  h << "<p id=\"statut\" role=\"status\" aria-live=\"polite\">";
  if (response) {
    if (!response->total_exact) h << "environ ";
    h << plural(response->total, "résultat", "résultats");
    if (!q.empty()) h << " pour « " << esc(q) << " »";
  }
  h << "</p>\n";
  if (response) {
    const SearchResponse& r = *response;
    if (auto t = r.interpreted.find("territory_name"); t != r.interpreted.end()) {
      h << "<p class=\"note\">Lieu reconnu : <strong>" << esc(t->second) << "</strong>. <a href=\""
        << esc(link(params, {{"places", "0"}})) << "\">Chercher plutôt le mot « " << esc(r.interpreted.at("territory_text"))
        << " »</a></p>\n";
    } else if (auto s = r.interpreted.find("suggested_territory"); s != r.interpreted.end()) {
      h << "<p class=\"note\">Cherchiez-vous près de <a href=\"" << esc(link(params, {{"territory", s->second}}))
        << "\">" << esc(r.interpreted.at("suggested_territory_name")) << "</a> ?</p>\n";
    }
    if (!r.corrected_query.empty()) {
      if (r.interpreted.count("corrected")) {
        h << "<p class=\"note\">Aucun résultat pour « " << esc(q) << " ». Résultats pour « <strong>" << esc(r.corrected_query)
          << "</strong> ».</p>\n";
      } else {
        h << "<p class=\"note\">Vouliez-vous dire <a href=\"" << esc(link(params, {{"q", r.corrected_query}, {"offset", ""}}))
          << "\">" << esc(r.corrected_query) << "</a> ?</p>\n";
      }
    }
    if (auto w = r.interpreted.find("widened_to"); w != r.interpreted.end()) {
      auto name = r.interpreted.find("widened_to_name");
      h << "<p class=\"note\">Aucun résultat sur le territoire demandé : voici ceux de "
        << esc(name != r.interpreted.end() ? name->second : std::string("toute la France")) << ".</p>\n";
    }
    if (r.interpreted.count("relaxed")) {
      h << "<p class=\"note\">Aucun résultat ne contient tous les mots : voici ceux qui en contiennent le plus.</p>\n";
    }
    h << "<ol class=\"hits\" start=\"" << request.offset + 1 << "\">\n";
    for (const Hit& hit : r.hits) {
      h << "<li><article><h3>";
      if (!hit.resource.url.empty()) {
        h << "<a href=\"" << esc(hit.resource.url) << "\">" << esc(hit.title) << "</a>";
      } else {
        h << esc(hit.title);
      }
      h << "</h3>\n<p class=\"meta\"><span class=\"kind\">" << esc(kind_label(hit.kind)) << "</span>";
      if (!hit.resource.address.empty()) h << " · " << esc(hit.resource.address);
      if (hit.distance_km) h << " · à " << std::lround(*hit.distance_km) << " km";
      if (!hit.source.empty()) h << " · source : " << esc(hit.source);
      if (hit.group_count > 1) h << " · " << hit.group_count << " fiches identiques";
      h << "</p>\n";
      // The snippet is already HTML: escaped text with <mark> around matches.
      if (!hit.snippet.empty()) h << "<p class=\"snippet\">" << hit.snippet << "</p>\n";
      h << "</article></li>\n";
    }
    h << "</ol>\n";
    size_t limit = std::max<size_t>(1, request.limit);
    size_t pages = (r.total + limit - 1) / limit;
    size_t page = request.offset / limit + 1;
    if (pages > 1) {
      h << "<nav aria-label=\"Pagination\" class=\"pages\">";
      if (page > 1) h << "<a rel=\"prev\" href=\"" << esc(link(params, {{"offset", std::to_string((page - 2) * limit)}})) << "\">Page précédente</a> ";
      h << "<span>Page " << page << " sur " << pages << "</span>";
      if (page < pages) h << " <a rel=\"next\" href=\"" << esc(link(params, {{"offset", std::to_string(page * limit)}})) << "\">Page suivante</a>";
      h << "</nav>\n";
    }
  }
  h << "</section>\n</div>\n</form>\n</main>\n<footer><p>Recherche anonyme : aucune donnée personnelle n'est enregistrée.</p></footer>\n</body>\n</html>\n";
  return h.str();
}

}  // namespace spro::serve
