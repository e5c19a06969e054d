#include "page.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include "page_html.h"
#include "pathway_page.h"
#include "spro/territory.h"

namespace spro::serve {
namespace html {

// The URL parameters that filter (they count as "active filters").
const char* const kFilterParams[] = {"territory", "place", "near", "kind", "public", "level", "source"};
// Parameters of one page only: not carried by links.
const char* const kTransientParams[] = {"merci", "commente", "lieu_auto", "offset"};

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

bool transient(const std::string& key) {
  return std::any_of(std::begin(kTransientParams), std::end(kTransientParams), [&](const char* t) { return key == t; });
}

// The current query string with some parameters replaced (every value of
// that name) or, with an empty value, removed. Per-page parameters (thanks,
// offset) are dropped unless set in `changes`.
std::string link(const Params& params, const std::map<std::string, std::string>& changes) {
  std::string out;
  auto add = [&](const std::string& k, const std::string& v) {
    if (v.empty()) return;
    out += (out.empty() ? "?" : "&") + url_encode(k) + "=" + url_encode(v);
  };
  for (const auto& [k, v] : params) {
    if (!changes.contains(k) && !transient(k)) add(k, v);
  }
  for (const auto& [k, v] : changes) add(k, v);
  return out.empty() ? "/" : out;
}

// The current query string without one value of one parameter.
std::string link_without(const Params& params, const std::string& key, const std::string& value) {
  Params kept;
  for (const auto& [k, v] : params) {
    if (!(k == key && v == value)) kept.emplace(k, v);
  }
  return link(kept, {});
}

// The current query string with one value of a parameter replaced.
std::string link_replacing(const Params& params, const std::string& key, const std::string& value,
                           const std::string& replacement) {
  Params kept;
  for (const auto& [k, v] : params) kept.emplace(k, k == key && v == value ? replacement : v);
  return link(kept, {});
}

std::string first(const Params& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
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

std::vector<std::pair<std::string, std::string>> active_filters(const Params& params) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* key : kFilterParams) {
    auto [begin, end] = params.equal_range(key);
    for (auto it = begin; it != end; ++it) {
      if (!it->second.empty()) out.emplace_back(it->first, it->second);
    }
  }
  return out;
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

// "dep:83" for a commune or arrondissement of the Var ("com:83137"), the
// code itself for a département, "" otherwise: the INSEE code starts with
// the département's (three digits overseas, 2A/2B in Corsica).
std::string departement_of(const std::string& code) {
  if (code.starts_with("dep:")) return code;
  if (!code.starts_with("com:") || code.size() < 9) return "";
  std::string insee = code.substr(4);
  return "dep:" + insee.substr(0, insee.starts_with("97") ? 3 : 2);
}

std::string territory_label(const std::string& code) {
  auto p = find_territory(code);
  if (!p) return code;
  if (code.starts_with("dep:")) return p->name + " (" + code.substr(4) + ")";
  if (code.starts_with("com:")) {
    if (auto dep = find_territory(departement_of(code))) return p->name + " (" + dep->name + ", " + departement_of(code).substr(4) + ")";
  }
  return p->name;
}

std::string filter_label(const std::string& key, const std::string& value) {
  if (key == "kind") return kind_label(value);
  if (key == "public") return public_label(value);
  if (key == "level") return std::string(level_label(std::atoi(value.c_str())));
  if (key == "territory") {
    auto p = resolve_territory(value);
    return p.ok() ? territory_label(p->code) : value;
  }
  if (key == "place" || key == "near") return "près de " + value;
  return value;  // a source is shown by its name
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void page_start(std::ostringstream& h, const std::string& title,
                const std::vector<std::pair<std::string, std::string>>& skip_links) {
  h << "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       "<title>" << esc(title) << "</title>\n"
       "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
       "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
       "<nav class=\"skip\" aria-label=\"Accès rapide\">";
  for (size_t i = 0; i < skip_links.size(); ++i) {
    h << (i ? " " : "") << "<a href=\"" << esc(skip_links[i].second) << "\">" << esc(skip_links[i].first) << "</a>";
  }
  h << "</nav>\n<header><p class=\"site\">Service public de l'orientation</p></header>\n";
}

void page_end(std::ostringstream& h) {
  h << "<footer><p>Recherche anonyme : ni votre adresse IP ni votre recherche ne sont enregistrées. "
       "Les avis « utile ou non » sont comptés sans rien garder sur vous.</p></footer>\n</body>\n</html>\n";
}

}  // namespace html

using namespace html;

namespace {

// One fieldset of checkboxes (kind, public, level, source) with counts. The
// controls sit outside the search form's element (the results between them
// hold forms of their own) and join it with form="recherche".
void facet_fieldset(std::ostringstream& h, const Params& params, const SearchResponse& r, const std::string& facet,
                    const std::string& param, const std::string& legend, std::string (*label)(const std::string&)) {
  auto it = r.facets.find(facet);
  if (it == r.facets.end() || it->second.empty()) return;
  h << "<fieldset><legend>" << esc(legend) << "</legend>\n";
  size_t i = 0;
  for (const FacetValue& v : it->second) {
    std::string id = "f-" + param + "-" + std::to_string(i++);
    h << "<div class=\"facet\"><input type=\"checkbox\" form=\"recherche\" name=\"" << param << "\" id=\"" << id
      << "\" value=\"" << esc(v.value) << "\"" << (selected(params, param, v.value) ? " checked" : "") << "><label for=\""
      << id << "\">" << esc(label(v.value)) << " <span class=\"count\">(" << v.count << ")</span></label></div>\n";
  }
  h << "</fieldset>\n";
}

// "Devenir infirmier ou infirmière : 11 formations, 166 aides, 12 lieux pour
// en parler — voir le parcours": what a search whose best hit is a job
// leads to, in the live region.
void intent_summary(std::ostringstream& h, const Params& params, const SearchResponse& r) {
  const PathwaySummary& s = *r.pathway;
  auto count = [&](const char* name) -> std::optional<size_t> {
    for (const auto& [n, c] : s.counts) {
      if (n == name) return c;
    }
    return std::nullopt;
  };
  std::vector<std::string> parts;
  if (auto n = count("trainings")) {
    parts.push_back(*n == 0 ? "aucune formation" : plural(*n, "formation", "formations"));
    if (*n > 0 && s.trainings_widened) parts.back() += " (aucune près de chez vous)";
  }
  if (auto n = count("aids")) parts.push_back(*n == 0 ? "aucune aide" : plural(*n, "aide", "aides"));
  if (auto n = count("advice")) {
    parts.push_back(*n == 0 ? "aucun lieu pour en parler" : plural(*n, "lieu pour en parler", "lieux pour en parler"));
  }
  h << "<p class=\"note parcours\">Devenir " << esc(job_in_sentence(s.title));
  for (size_t i = 0; i < parts.size(); ++i) h << (i == 0 ? " : " : ", ") << esc(parts[i]);
  h << " — <a href=\"" << esc(pathway_href(s.id, params, &r)) << "\">voir le parcours</a></p>\n";
}

// The query string a feedback form returns to (validated again on POST).
std::string return_to(const Params& params) { return link(params, {{"offset", first(params, "offset")}}); }

void feedback_form(std::ostringstream& h, const PageRequest& page, const std::string& id, const std::string& about,
                   size_t n) {
  const Params& params = page.params;
  std::string q = first(params, "q");
  std::string key = id.empty() ? "-" : id;
  std::string legend = id.empty() ? "Cette recherche vous a-t-elle été utile ?" : "Ce résultat vous a-t-il été utile ?";
  std::string anchor = "avis-" + std::to_string(n);
  auto hidden = [&] {
    h << "<input type=\"hidden\" name=\"q\" value=\"" << esc(q) << "\"><input type=\"hidden\" name=\"id\" value=\""
      << esc(id) << "\"><input type=\"hidden\" name=\"retour\" value=\"" << esc(return_to(params)) << "\">";
  };
  if (first(params, "merci") == key) {
    // After a vote: thanks, where the buttons were, and the optional comment.
    h << "<div class=\"avis merci\" id=\"" << anchor << "\">\n<p id=\"" << anchor << "-merci\" tabindex=\"-1\" autofocus>"
      << (params.count("commente") ? "Merci, votre commentaire est enregistré." : "Merci pour votre avis.") << "</p>\n";
    if (!params.count("commente")) {
      h << "<form method=\"post\" action=\"/avis\">";
      hidden();
      h << "<label for=\"" << anchor << "-c\">Un commentaire ? (facultatif, 280 caractères au plus ; n'y mettez ni nom ni "
           "coordonnées)</label>\n<textarea id=\"" << anchor << "-c\" name=\"commentaire\" maxlength=\"280\" rows=\"2\"></textarea>\n"
           "<button type=\"submit\">Envoyer le commentaire</button></form>\n";
    }
    h << "</div>\n";
    return;
  }
  h << "<form class=\"avis\" id=\"" << anchor << "\" method=\"post\" action=\"/avis\">";
  hidden();
  h << "<fieldset><legend>" << legend;
  if (!about.empty()) h << "<span class=\"sr-only\"> (" << esc(about) << ")</span>";
  h << "</legend><span class=\"boutons\"><button type=\"submit\" name=\"vote\" value=\"oui\">Oui</button> "
       "<button type=\"submit\" name=\"vote\" value=\"non\">Non</button></span></fieldset></form>\n";
}

void home(std::ostringstream& h, const std::optional<SearchResponse>& response) {
  auto examples = [&](std::initializer_list<const char*> qs) {
    h << "<ul class=\"liens\">";
    for (const char* q : qs) h << "<li><a href=\"?q=" << url_encode(q) << "\">" << esc(q) << "</a></li>";
    h << "</ul>";
  };
  h << "<section class=\"accueil\" aria-labelledby=\"titre-accueil\">\n<h2 id=\"titre-accueil\">Que pouvez-vous chercher ?</h2>\n"
       "<ul class=\"exemples\">\n<li><h3>Un métier</h3><p>Ce qu'on y fait, les conditions, comment y accéder.</p><p>Par exemple :</p>";
  examples({"infirmière", "boulanger", "aide à domicile"});
  h << "</li>\n<li><h3>Une formation, un diplôme</h3><p>Où se former, en alternance ou non.</p><p>Par exemple :</p>";
  examples({"cap cuisine", "bts", "formation aide-soignante"});
  h << "</li>\n<li><h3>Un lieu pour être accompagné</h3><p>Près de chez vous, selon votre situation.</p><p>Par exemple :</p>";
  examples({"mission locale", "france services", "cio"});
  h << "</li>\n<li><h3>Une aide</h3><p>Pour vous former, vous déplacer, vous loger.</p><p>Par exemple :</p>";
  examples({"aide au permis", "aide formation"});
  h << "</li>\n</ul>\n<h2>Conseils</h2>\n<ul class=\"conseils\">\n"
       "<li>Écrivez comme vous parlez, avec ou sans accents, au féminin ou au masculin : « coiffeuse » trouve « Coiffeur ».</li>\n"
       "<li>Ajoutez une ville, un code postal ou un numéro de département : « cap cuisine toulon », « mission locale 06 ».</li>\n"
       "<li>Un code fonctionne aussi : fiche ROME (J1506), certification RNCP.</li>\n"
       "<li>Affinez ensuite avec les filtres : territoire, type, public, niveau.</li>\n</ul>\n";
  if (response) {
    if (auto it = response->facets.find("kind"); it != response->facets.end() && !it->second.empty()) {
      h << "<p>Aujourd'hui, la recherche couvre : ";
      for (size_t i = 0; i < it->second.size(); ++i) {
        const FacetValue& v = it->second[i];
        h << (i > 0 ? ", " : "") << esc(kind_label(v.value)) << " (" << v.count << ")";
      }
      h << ".</p>\n";
    }
  }
  h << "</section>\n";
}

// What a person can do when nothing matched.
void what_to_try(std::ostringstream& h, const PageRequest& page, const SearchResponse& r) {
  const Params& params = page.params;
  std::string q = first(params, "q");
  h << "<h3>Que faire ?</h3>\n<ul class=\"essayer\">\n";
  if (!r.corrected_query.empty()) {
    h << "<li>Vérifiez l'orthographe : <a href=\"" << esc(link(params, {{"q", r.corrected_query}})) << "\">chercher « "
      << esc(r.corrected_query) << " »</a>.</li>\n";
  } else {
    h << "<li>Vérifiez l'orthographe des mots.</li>\n";
  }
  if (!q.empty()) h << "<li>Essayez moins de mots, ou un mot plus général (« formation » plutôt qu'un intitulé exact).</li>\n";
  bool territory = params.count("territory") || params.count("place") || params.count("near");
  if (territory) {
    h << "<li><a href=\"" << esc(link(params, {{"territory", ""}, {"place", ""}, {"near", ""}, {"radius", ""}}))
      << "\">Chercher dans toute la France</a>.</li>\n";
  }
  // A place read in the text is a filter too: the same words everywhere.
  if (auto t = r.interpreted.find("territory_text"); t != r.interpreted.end() && !t->second.empty()) {
    std::string words = q;
    if (size_t at = words.find(t->second); at != std::string::npos) words.erase(at, t->second.size());
    words.erase(0, words.find_first_not_of(' '));
    words.erase(words.find_last_not_of(' ') + 1);
    if (!words.empty()) {
      h << "<li><a href=\"" << esc(link(params, {{"q", words}})) << "\">Chercher « " << esc(words)
        << " » dans toute la France</a>.</li>\n";
    }
  }
  if (!active_filters(params).empty() && !q.empty()) {
    h << "<li><a href=\"" << esc(link({}, {{"q", q}})) << "\">Chercher « " << esc(q) << " » sans aucun filtre</a>.</li>\n";
  }
  std::map<std::string, std::string> where;
  for (const char* key : {"territory", "place"}) {
    if (auto v = first(params, key); !v.empty()) where[key] = v;
  }
  auto ask = [&](const char* what, const char* label) {
    std::map<std::string, std::string> change = where;
    change["q"] = what;
    h << "<li><a href=\"" << esc(link({}, change)) << "\">" << label << "</a></li>";
  };
  h << "<li>Demandez conseil près de chez vous :<ul class=\"liens\">";
  ask("mission locale", "une mission locale (16 à 25 ans)");
  ask("france services", "un espace France services");
  ask("cio", "un CIO (élèves et étudiants)");
  h << "</ul></li>\n</ul>\n";
}

}  // namespace

PageRequest page_request(const Params& in, const Limits& limits) {
  PageRequest out;
  // A département the page selected itself from a place read in the text
  // is not the person's filter: the place is read from the text again.
  std::vector<std::string> automatic;
  for (auto [b, e] = in.equal_range("lieu_auto"); b != e; ++b) automatic.push_back(b->second);
  for (const auto& [k, v] : in) {
    if (k == "lieu_auto") continue;
    if (k == "territory" && std::find(automatic.begin(), automatic.end(), v) != automatic.end()) continue;
    out.params.emplace(k, v);
  }
  std::string q = first(out.params, "q");
  out.home = q.find_first_not_of(" \t") == std::string::npos && active_filters(out.params).empty();

  // Places first: an ambiguous name becomes a choice of its candidates.
  for (const char* key : {"territory", "place", "near"}) {
    for (auto [b, e] = out.params.equal_range(key); b != e; ++b) {
      const std::string& text = b->second;
      double lat = 0, lon = 0;
      char rest = 0;
      if (text.empty() || (std::string(key) == "near" && std::sscanf(text.c_str(), "%lf,%lf%c", &lat, &lon, &rest) == 2)) continue;
      auto place = resolve_territory(text);
      if (place.ok()) continue;
      out.problem.http_status = 400;
      if (place.status().code() == Status::Code::kInvalidArgument) {
        out.problem.message = "Plusieurs lieux s'appellent « " + text + " ». Lequel cherchez-vous ?";
        auto candidates = territory_candidates(text);
        if (candidates.size() > 12) candidates.resize(12);
        for (const Place& c : candidates) {
          out.problem.choices.emplace_back(territory_label(c.code), link_replacing(out.params, key, text, c.code));
        }
      } else {
        out.problem.message = "Lieu inconnu : « " + text +
                              " ». Vérifiez l'orthographe, ou indiquez un code postal (83000) ou un numéro de département (83).";
        out.problem.choices.emplace_back("Chercher dans toute la France", link_without(out.params, key, text));
      }
      return out;
    }
  }

  auto request = request_from(out.params, limits);
  if (!request.ok()) {
    const std::string& m = request.status().message();
    std::string param = m.substr(0, m.find(':'));
    out.problem.http_status = 400;
    if (param == "q") {
      out.problem.message = "Votre recherche est trop longue (" + std::to_string(limits.max_query_bytes) +
                            " caractères au plus) : raccourcissez-la.";
    } else {
      static const std::map<std::string, std::string> kNames = {
          {"level", "niveau"}, {"offset", "page"}, {"limit", "nombre de résultats"}, {"radius", "rayon"},
          {"sort", "ordre"},   {"near", "près de"}};
      auto name = kNames.find(param);
      out.problem.message = "L'adresse de la page contient une valeur incorrecte (" +
                            (name == kNames.end() ? param : name->second) + ").";
      out.problem.choices.emplace_back("Chercher seulement « " + q + " »", link({}, {{"q", q}}));
    }
    return out;
  }
  out.request = *request;
  out.request.facets = true;
  // The home page shows what can be searched, not the index in some order:
  // only the counts are needed.
  if (out.home) out.request.limit = 0;
  return out;
}

PageProblem search_problem(const Status& status) {
  PageProblem p;
  if (status.code() == Status::Code::kInvalidArgument) {
    p.message = "Un filtre de l'adresse de la page n'existe pas.";
    p.http_status = 400;
    p.choices.emplace_back("Revenir à l'accueil de la recherche", "/");
  } else {
    p.message = "La recherche n'a pas pu aboutir. Réessayez dans un instant.";
    p.http_status = 503;
  }
  return p;
}

PageProblem unavailable_problem() {
  return {"Le service de recherche n'est pas encore disponible. Réessayez dans quelques minutes.", {}, 503};
}

std::string render_page(const PageRequest& page, const std::optional<SearchResponse>& response,
                        const PageOptions& options) {
  const Params& params = page.params;
  const SearchRequest& request = page.request;
  std::ostringstream h;
  std::string q = first(params, "q");
  bool thanks = params.count("merci") > 0;
  bool results = response && !page.home;
  auto filters = active_filters(params);

  std::string title = "Recherche — Service public de l'orientation";
  if (!page.problem.empty()) {
    title = "Erreur — " + title;
  } else if (results) {
    std::string what = q.empty() ? "" : " pour « " + q + " »";
    title = (response->total == 0 ? "Aucun résultat" : plural(response->total, "résultat", "résultats")) + what + " — " + title;
  }
  std::vector<std::pair<std::string, std::string>> skips = {{"Aller à la recherche", "#q"}};
  if (results) skips.emplace_back("Aller aux résultats", "#resultats");
  page_start(h, title, skips);
  h << "<main>\n<h1>Trouver un métier, une formation, un lieu d'accueil, une aide</h1>\n"
       "<form role=\"search\" method=\"get\" action=\"/\" id=\"recherche\" aria-label=\"Rechercher\">\n"
       "<div class=\"searchbox\"><label for=\"q\">Que cherchez-vous ?</label>\n"
       "<input type=\"search\" id=\"q\" name=\"q\" value=\"" << esc(q) << "\" list=\"suggestions\" autocomplete=\"off\" "
       "aria-describedby=\"q-aide\" maxlength=\"1000\">\n"
       "<datalist id=\"suggestions\"></datalist>\n"
       "<p id=\"q-aide\" class=\"hint\">Par exemple : infirmière, CAP cuisine Toulon, mission locale 06.</p>\n"
       "<button type=\"submit\">Rechercher</button></div>\n";

  // A place read in the text sets the Département list; lieu_auto tells the
  // next request that this choice was the page's, not the person's.
  std::string current_dep;
  for (const auto& t : request.territories) {
    if (t.starts_with("dep:")) current_dep = t;
  }
  if (response && current_dep.empty() && !params.count("territory") && !params.count("place")) {
    if (auto t = response->interpreted.find("territory"); t != response->interpreted.end()) {
      current_dep = departement_of(t->second);
      if (!current_dep.empty()) h << "<input type=\"hidden\" name=\"lieu_auto\" value=\"" << esc(current_dep) << "\">\n";
    }
  }
  h << "</form>\n";

  if (!page.problem.empty()) {
    h << "<div class=\"error\" role=\"alert\"><p id=\"probleme\" tabindex=\"-1\" autofocus>" << esc(page.problem.message) << "</p>\n";
    if (!page.problem.choices.empty()) {
      h << "<ul class=\"choix\">\n";
      for (const auto& [label, href] : page.problem.choices) h << "<li><a href=\"" << esc(href) << "\">" << esc(label) << "</a></li>\n";
      h << "</ul>\n";
    }
    h << "</div>\n";
  }

  h << "<div class=\"layout\">\n";
  // Filters: behind a disclosure button that says how many apply, so that
  // on a phone the results come first; opened on wide screens by app.js.
  h << "<aside class=\"filters\" aria-label=\"Filtres\">\n<details id=\"filtres\"><summary>Filtres";
  if (!filters.empty()) h << " <span class=\"actifs\">(" << plural(filters.size(), "actif", "actifs") << ")</span>";
  h << "</summary>\n<div class=\"filters-body\">\n";
  std::string place = first(params, "place");
  h << "<fieldset><legend>Territoire</legend>\n<label for=\"territory\">Département</label>\n"
       "<select id=\"territory\" name=\"territory\" form=\"recherche\"><option value=\"\">Toute la France</option>\n";
  std::map<std::string, size_t> dep_counts;
  if (response) {
    if (auto it = response->facets.find("territory"); it != response->facets.end()) {
      for (const auto& v : it->second) {
        if (v.value.starts_with("dep:")) dep_counts[v.value] = v.count;
      }
    }
  }
  for (const auto& [code, count] : dep_counts) {
    h << "<option value=\"" << esc(code) << "\"" << (code == current_dep ? " selected" : "") << ">"
      << esc(territory_label(code)) << " (" << count << ")</option>\n";
  }
  if (!current_dep.empty() && !dep_counts.contains(current_dep)) {
    h << "<option value=\"" << esc(current_dep) << "\" selected>" << esc(territory_label(current_dep)) << "</option>\n";
  }
  h << "</select>\n<label for=\"place\">Commune ou code postal</label>\n<input type=\"text\" id=\"place\" name=\"place\" "
       "form=\"recherche\" value=\"" << esc(place) << "\" autocomplete=\"postal-code\">\n</fieldset>\n";
  if (response) {
    facet_fieldset(h, params, *response, "kind", "kind", "Type", [](const std::string& v) { return kind_label(v); });
    facet_fieldset(h, params, *response, "public", "public", "Public", [](const std::string& v) { return public_label(v); });
    facet_fieldset(h, params, *response, "level", "level", "Niveau", [](const std::string& v) {
      return std::string(level_label(std::atoi(v.c_str())));
    });
    facet_fieldset(h, params, *response, "source", "source", "Source", [](const std::string& v) { return v; });
  }
  h << "<button type=\"submit\" form=\"recherche\" class=\"apply\">Appliquer les filtres</button>\n";
  if (!filters.empty()) h << "<p><a href=\"" << esc(link({}, {{"q", q}})) << "\">Retirer tous les filtres</a></p>\n";
  h << "</div>\n</details>\n</aside>\n";

  if (page.home && page.problem.empty()) {
    home(h, response);
  } else if (results) {
    const SearchResponse& r = *response;
    h << "<section id=\"resultats\" aria-labelledby=\"titre-resultats\">\n<h2 id=\"titre-resultats\" tabindex=\"-1\" "
         "aria-describedby=\"statut\"" << (thanks ? "" : " autofocus") << ">"
      << (r.total == 0 ? "Aucun résultat" : "Résultats") << "</h2>\n";
    // The live region: what the search found and how it read the query. A
    // live region filled at load is not announced: the heading that gets
    // the focus has it as its description, so it is read then.
    h << "<div id=\"statut\" role=\"status\">\n<p class=\"total\">";
    if (!r.total_exact) h << "environ ";
    h << (r.total == 0 ? "Aucun résultat" : plural(r.total, "résultat", "résultats"));
    if (!q.empty()) h << " pour « " << esc(q) << " »";
    if (!filters.empty()) h << " avec " << plural(filters.size(), "filtre", "filtres");
    h << ".</p>\n";
    if (auto t = r.interpreted.find("territory_name"); t != r.interpreted.end()) {
      std::string code = r.interpreted.count("territory") ? r.interpreted.at("territory") : "";
      h << "<p class=\"note\">Lieu reconnu dans votre recherche : <strong>"
        << esc(code.empty() ? t->second : territory_label(code)) << "</strong>. <a href=\""
        << esc(link(params, {{"places", "0"}})) << "\">Chercher plutôt le mot « " << esc(r.interpreted.at("territory_text"))
        << " »</a></p>\n";
    } else if (auto s = r.interpreted.find("suggested_territory"); s != r.interpreted.end()) {
      h << "<p class=\"note\">Cherchiez-vous près de <a href=\"" << esc(link(params, {{"territory", s->second}}))
        << "\">" << esc(territory_label(s->second)) << "</a> ?</p>\n";
    }
    if (auto w = r.interpreted.find("widened_to"); w != r.interpreted.end()) {
      std::string to = find_territory(w->second) ? territory_label(w->second) : w->second;
      h << "<p class=\"note\">Rien dans le territoire demandé : la recherche a été élargie à <strong>" << esc(to)
        << "</strong>.</p>\n";
    }
    if (!r.corrected_query.empty()) {
      if (r.interpreted.count("corrected")) {
        h << "<p class=\"note\">Aucun résultat pour « " << esc(q) << " ». Voici les résultats pour « <strong>"
          << esc(r.corrected_query) << "</strong> ».</p>\n";
      } else {
        h << "<p class=\"note\">Vouliez-vous dire <a href=\"" << esc(link(params, {{"q", r.corrected_query}})) << "\">"
          << esc(r.corrected_query) << "</a> ?</p>\n";
      }
    }
    // The library's notices are in English, for developers: the known ones
    // are said in French, the others left out.
    for (const std::string& notice : r.notices) {
      if (notice.starts_with("query cut")) {
        h << "<p class=\"note\">Votre recherche était très longue : seul son début a été pris en compte.</p>\n";
      } else if (notice.starts_with("some query syntax")) {
        h << "<p class=\"note\">Certains signes de votre recherche n'ont pas pu être lus : ils ont été pris comme des mots.</p>\n";
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
    if (auto all = r.interpreted.find("all_words"); all != r.interpreted.end()) {
      h << "<p class=\"note\">"
        << (all->second == "1" ? std::string("Seul le premier résultat contient")
                               : "Seuls les " + esc(all->second) + " premiers résultats contiennent")
        << " tous les mots ; les suivants en contiennent une partie.</p>\n";
    }
    if (r.pathway) intent_summary(h, params, r);
    h << "</div>\n";
    if (!filters.empty()) {
      h << "<div class=\"actifs\"><p id=\"titre-actifs\">Filtres appliqués :</p><ul aria-labelledby=\"titre-actifs\">\n";
      for (const auto& [key, value] : filters) {
        h << "<li><a href=\"" << esc(link_without(params, key, value)) << "\"><span class=\"sr-only\">Retirer le filtre </span>"
          << esc(filter_label(key, value)) << " <span aria-hidden=\"true\">✕</span></a></li>\n";
      }
      h << "</ul></div>\n";
    }
    if (r.total == 0) what_to_try(h, page, r);
    if (!r.hits.empty()) {
      h << "<ol class=\"hits\" start=\"" << request.offset + 1 << "\">\n";
      size_t n = 0;
      for (const Hit& hit : r.hits) {
        ++n;
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
        if (hit.kind == "metier" || hit.kind == "formation" || hit.kind == "certification") {
          h << "<p class=\"suite\"><a href=\"" << esc(pathway_href(hit.id, params, &r)) << "\">Voir le parcours"
            << "<span class=\"sr-only\"> : " << esc(hit.title) << "</span></a></p>\n";
        }
        if (options.feedback && !q.empty()) feedback_form(h, page, hit.id, hit.title, n);
        h << "</article></li>\n";
      }
      h << "</ol>\n";
    }
    size_t limit = std::max<size_t>(1, request.limit);
    size_t pages = (r.total + limit - 1) / limit;
    size_t page_number = request.offset / limit + 1;
    if (pages > 1) {
      h << "<nav aria-label=\"Pagination\" class=\"pages\">";
      if (page_number > 1) {
        h << "<a rel=\"prev\" href=\"" << esc(link(params, {{"offset", std::to_string((page_number - 2) * limit)}}))
          << "\">Page précédente</a> ";
      }
      h << "<span>Page " << page_number << " sur " << pages << "</span>";
      if (page_number < pages) {
        h << " <a rel=\"next\" href=\"" << esc(link(params, {{"offset", std::to_string(page_number * limit)}}))
          << "\">Page suivante</a>";
      }
      h << "</nav>\n";
    }
    if (options.feedback && !q.empty()) {
      h << "<div class=\"avis-recherche\">\n";
      feedback_form(h, page, "", "", 0);
      h << "</div>\n";
    }
    h << "</section>\n";
  }
  h << "</div>\n</main>\n";
  page_end(h);
  return h.str();
}

}  // namespace spro::serve
