#include "pathway_page.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "page_html.h"
#include "spro/territory.h"

namespace spro::serve {
namespace {

using namespace html;

// How a section is called on the page.
struct SectionWords {
  const char* name;
  const char* heading;  // h2
  const char* one;      // "1 formation"
  const char* many;     // "11 formations"
  const char* none;     // "Aucune formation"
  const char* others;   // "celles" / "ceux" (of a wider area)
};

const SectionWords kSections[] = {
    {"job", "Autres fiches de ce métier", "autre fiche", "autres fiches", "Aucune autre fiche", "celles"},
    {"training", "Autres fiches de cette formation", "autre fiche", "autres fiches", "Aucune autre fiche", "celles"},
    {"certification", "Autres fiches de cette certification", "autre fiche", "autres fiches", "Aucune autre fiche", "celles"},
    {"related_jobs", "Métiers proches", "métier proche", "métiers proches", "Aucun métier proche", "ceux"},
    {"jobs", "Métiers visés", "métier visé", "métiers visés", "Aucun métier", "ceux"},
    {"trainings", "Formations", "formation", "formations", "Aucune formation", "celles"},
    {"certifications", "Certifications", "certification", "certifications", "Aucune certification", "celles"},
    {"aids", "Aides", "aide", "aides", "Aucune aide", "celles"},
    {"advice", "Où en parler", "lieu pour en parler", "lieux pour en parler", "Aucun lieu", "ceux"},
};

const SectionWords* words_of(std::string_view name) {
  for (const auto& s : kSections) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

// The sections that repeat the origin (itself, then other publishers').
bool is_self_section(std::string_view name) { return name == "job" || name == "training" || name == "certification"; }

// Kinds a pathway starts from.
bool has_pathway(std::string_view kind) { return kind == "metier" || kind == "formation" || kind == "certification"; }

std::string count_words(size_t n, const SectionWords& w) {
  if (n == 0) {
    std::string none = w.none;
    none[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(none[0])));
    return none;
  }
  return plural(n, w.one, w.many);
}

// The parameters the pathway's links keep: everything but the per-page
// ones (section, offset, thanks).
Params kept(const Params& params) {
  Params out;
  for (const auto& [k, v] : params) {
    if (k != "section" && k != "offset" && k != "merci" && k != "commente") out.emplace(k, v);
  }
  return out;
}

// link() with "lieu_auto" kept (link() drops it as a per-page parameter):
// the territory a pathway took from a place read in the query stays the
// page's, not the person's, on the way back.
std::string query_of(const Params& params, std::map<std::string, std::string> changes) {
  if (auto auto_place = first(params, "lieu_auto"); !auto_place.empty() && !changes.contains("lieu_auto")) {
    changes["lieu_auto"] = auto_place;
  }
  std::string q = link(params, changes);
  return q == "/" ? "" : q;
}

std::string base_of(const std::string& id) { return "/parcours/" + url_encode(id); }

// The way back to the results the person came from.
std::string back_href(const Params& params) {
  std::string q = query_of(kept(params), {});
  return "/" + q;
}

std::string origin_heading(const Resource& origin) {
  if (origin.kind == "metier") return "Devenir " + job_in_sentence(origin.title);
  if (origin.kind == "formation") return "Où mène la formation « " + origin.title + " » ?";
  if (origin.kind == "certification") return "Où mène la certification « " + origin.title + " » ?";
  return origin.title;
}

// "près de Toulon", "dans votre territoire (Var, 83)", "près du lieu
// choisi"; "" without a place.
std::string where(const PathwayRequest& request) {
  if (!request.territories.empty()) {
    const std::string& code = request.territories.front();
    if (code.starts_with("com:")) {
      if (auto p = find_territory(code)) return "près de " + p->name;
    }
    auto p = find_territory(code);
    return "dans votre territoire (" + (p ? p->name : code) + ")";
  }
  if (request.near) return "près du lieu choisi";
  return "";
}

// A located section with nothing near the person, said in words.
std::string widened_sentence(const PathwaySection& s, const SectionWords& w, const PathwayRequest& request) {
  std::string none = w.none;
  if (s.name == "advice" && !s.label.empty()) none = "Aucun lieu « " + s.label + " »";
  std::string place = where(request);
  if (place.empty()) place = "près de chez vous";
  if (s.widened_to == "100 km") return none + " " + place + " : les plus proches, à moins de 100 km.";
  if (s.widened_to == "nearest") return none + " à moins de 100 km : voici les plus proches.";
  if (s.widened_to.empty()) return none + " " + place + " : voici les plus proches.";
  std::string wider = find_territory(s.widened_to) ? territory_label(s.widened_to) : s.widened_to;
  return none + " " + place + " : voici " + w.others + " de " + wider + ".";
}

std::string via_words(const std::vector<std::string>& via) {
  static const std::map<std::string, std::string> kVia = {
      {"rome", "même code ROME"},
      {"rome_related", "mobilité professionnelle (ROME)"},
      {"rome_parent", "fiche ROME voisine"},
      {"onisep_domain", "même domaine (ONISEP)"},
      {"formacode", "même Formacode"},
      {"nsf", "même spécialité (NSF)"},
      {"rncp", "même certification RNCP"},
      {"certifinfo", "même code Certif Info"},
      {"same_title", "même intitulé qu'une formation liée"},
      {"interest", "même centre d'intérêt"},
  };
  std::string out;
  for (const std::string& v : via) {
    auto it = kVia.find(v);
    if (it == kVia.end()) continue;  // territory, advice_rule: said by the section
    out += (out.empty() ? "" : ", ") + it->second;
  }
  return out;
}

std::string shortened(const std::string& text, size_t at_most) {
  if (text.size() <= at_most) return text;
  size_t cut = text.rfind(' ', at_most);
  if (cut == std::string::npos || cut < at_most / 2) cut = at_most;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + " …";
}

void hit_item(std::ostringstream& h, const PathwayHit& ph, int level, const Params& links_params) {
  const Hit& hit = ph.hit;
  std::string tag = "h" + std::to_string(level);
  h << "<li><article><" << tag << ">";
  if (!hit.resource.url.empty()) {
    h << "<a href=\"" << esc(hit.resource.url) << "\">" << esc(hit.title) << "</a>";
  } else {
    h << esc(hit.title);
  }
  h << "</" << tag << ">\n<p class=\"meta\"><span class=\"kind\">" << esc(kind_label(hit.kind)) << "</span>";
  if (!hit.resource.address.empty()) h << " · " << esc(hit.resource.address);
  if (hit.distance_km) h << " · à " << std::lround(*hit.distance_km) << " km";
  if (ph.reach == "serves") h << " · couvre votre territoire (offre régionale, nationale ou à distance)";
  if (std::string via = via_words(ph.via); !via.empty()) h << " · lien : " << esc(via);
  if (!hit.source.empty()) h << " · source : " << esc(hit.source);
  h << "</p>\n";
  if (!hit.resource.summary.empty()) h << "<p class=\"snippet\">" << esc(shortened(hit.resource.summary, 220)) << "</p>\n";
  if (has_pathway(hit.kind)) {
    h << "<p class=\"suite\"><a href=\"" << esc(base_of(hit.id) + query_of(links_params, {})) << "\">Voir le parcours"
      << "<span class=\"sr-only\"> : " << esc(hit.title) << "</span></a></p>\n";
  }
  h << "</article></li>\n";
}

// The hits of a section, the origin left out of its own section.
std::vector<const PathwayHit*> shown_hits(const PathwaySection& s, const std::string& origin_id) {
  std::vector<const PathwayHit*> out;
  for (const PathwayHit& ph : s.hits) {
    if (is_self_section(s.name) && ph.hit.id == origin_id) continue;
    out.push_back(&ph);
  }
  return out;
}

size_t shown_total(const PathwaySection& s) { return is_self_section(s.name) && s.total > 0 ? s.total - 1 : s.total; }

// Links that set the person's public: the advice depends on it.
void public_choices(std::ostringstream& h, const PathwayPage& page) {
  h << "<p>Dites-nous qui vous êtes pour voir tous les lieux qui peuvent vous conseiller :</p>\n<ul class=\"liens\">";
  for (const char* id : {"jeune", "scolaire", "etudiant", "demandeur_emploi", "salarie", "handicap", "adulte"}) {
    h << "<li><a href=\"" << esc(base_of(page.id) + query_of(kept(page.params), {{"public", id}})) << "\">"
      << esc(public_label(id)) << "</a></li>";
  }
  h << "</ul>\n";
}

}  // namespace

namespace {

// The letter at `at` in lower case, unless its word is an acronym ("BTS",
// "IDE"): ASCII and the Latin-1 capitals (À..Þ but ×, UTF-8 C3 80..9E).
void lower_first(std::string& s, size_t at) {
  if (at >= s.size()) return;
  unsigned char c0 = static_cast<unsigned char>(s[at]);
  size_t len = c0 == 0xC3 ? 2 : 1;
  if (at + len >= s.size()) return;
  unsigned char next = static_cast<unsigned char>(s[at + len]);
  if (!((next >= 'a' && next <= 'z') || next >= 0x80)) return;
  if (c0 >= 'A' && c0 <= 'Z') {
    s[at] = static_cast<char>(c0 - 'A' + 'a');
  } else if (len == 2) {
    unsigned char c1 = static_cast<unsigned char>(s[at + 1]);
    if (c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97) s[at + 1] = static_cast<char>(c1 + 0x20);
  }
}

}  // namespace

std::string job_in_sentence(const std::string& title) {
  std::string out;
  std::vector<size_t> starts = {0};
  for (size_t i = 0; i < title.size(); ++i) {
    if (title.compare(i, 3, " / ") == 0) {
      out += " ou ";
      starts.push_back(out.size());
      i += 2;
    } else {
      out += title[i];
    }
  }
  for (size_t at : starts) lower_first(out, at);
  return out;
}

PathwayPage pathway_page_request(const std::string& id, const Params& params, const Limits& limits) {
  PathwayPage out;
  out.id = id;
  out.params = params;
  if (id.empty() || id.size() > kMaxPathwayIdBytes) {
    out.problem = pathway_problem(Status::not_found("no such id"));
    return out;
  }
  // The same checks as the search page, in the same French (an ambiguous
  // place is a choice of its candidates, which stay on this pathway).
  Params checked;
  for (const auto& [k, v] : params) {
    if (k != "lieu_auto") checked.emplace(k, v);
  }
  PageRequest search = page_request(checked, limits);
  if (!search.problem.empty()) {
    out.problem = search.problem;
    bool place = out.problem.message.starts_with("Plusieurs lieux") || out.problem.message.starts_with("Lieu inconnu");
    if (!place) out.problem.choices.clear();
    for (auto& [label, href] : out.problem.choices) {
      if (label == "Chercher dans toute la France") label = "Voir ce parcours pour toute la France";
      if (href == "/") href = base_of(id);  // no parameter left: this pathway, not the home page
    }
    if (!place) out.problem.choices.emplace_back("Voir ce parcours sans ces précisions", base_of(id));
    return out;
  }
  auto request = pathway_request_from(checked, limits);
  out.section = first(params, "section");
  if (!request.ok() || (!out.section.empty() && !words_of(out.section))) {
    out.problem = pathway_problem(request.ok() ? Status::invalid_argument("section: unknown") : request.status());
    out.problem.choices.emplace_back("Voir ce parcours sans ces précisions", base_of(id));
    return out;
  }
  out.request = *request;
  out.request.sections.clear();
  if (!out.section.empty()) out.request.sections = {out.section};
  if (first(params, "limit").empty()) out.request.limit = out.section.empty() ? 5 : 10;
  if (out.section.empty()) out.request.offset = 0;  // the whole pathway is not paged
  return out;
}

PageProblem pathway_problem(const Status& status) {
  PageProblem p;
  switch (status.code()) {
    case Status::Code::kNotFound:
      p.message = "Ce parcours n'existe pas : la fiche a peut-être été retirée, ou l'adresse est incomplète.";
      p.http_status = 404;
      break;
    case Status::Code::kInvalidArgument: {
      const std::string& m = status.message();
      std::string param = m.substr(0, m.find(':'));
      static const std::map<std::string, std::string> kNames = {
          {"level", "niveau"}, {"levels", "niveau"},   {"offset", "page"},   {"limit", "nombre de résultats"},
          {"radius", "rayon"}, {"near", "près de"},    {"public", "public"}, {"publics", "public"},
          {"section", "partie du parcours"}, {"territory", "territoire"}, {"territories", "territoire"}};
      auto name = kNames.find(param);
      p.message = "L'adresse de la page contient une valeur incorrecte (" +
                  (name == kNames.end() ? std::string("un paramètre") : name->second) + ").";
      p.http_status = 400;
      break;
    }
    default:
      p.message = "Le parcours n'a pas pu être préparé. Réessayez dans un instant.";
      p.http_status = 503;
  }
  return p;
}

std::string pathway_href(const std::string& id, const Params& params, const SearchResponse* response) {
  Params p = kept(params);
  std::map<std::string, std::string> changes;
  if (response && !p.count("territory") && !p.count("place") && !p.count("near")) {
    if (auto t = response->interpreted.find("territory"); t != response->interpreted.end() && !t->second.empty()) {
      changes["territory"] = t->second;
      changes["lieu_auto"] = t->second;
    }
  }
  return base_of(id) + query_of(p, changes);
}

std::optional<PathwayRequest> summary_request(const PageRequest& page, const SearchResponse& response) {
  const SearchRequest& request = page.request;
  if (page.home || !page.problem.empty() || request.offset != 0 || request.sort != SortOrder::kRelevance) return std::nullopt;
  if (request.text.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
  if (response.hits.empty() || response.hits.front().kind != "metier") return std::nullopt;
  return pathway_summary_request(request, response);
}

PathwaySummary summary_of(const Pathway& pathway) {
  PathwaySummary summary;
  summary.id = pathway.origin.id;
  summary.title = pathway.origin.title;
  size_t advice = 0;
  for (const PathwaySection& s : pathway.sections) {
    if (s.name == "advice") {
      advice += s.total;
      continue;
    }
    summary.counts.emplace_back(s.name, s.total);
    if (s.name == "trainings") summary.trainings_widened = s.widened;
  }
  summary.counts.emplace_back("advice", advice);
  return summary;
}

std::string render_not_found_page() {
  std::ostringstream h;
  page_start(h, "Page introuvable — Service public de l'orientation", {{"Aller à la recherche", "/"}});
  h << "<main>\n<h1>Page introuvable</h1>\n<div class=\"error\" role=\"alert\"><p id=\"probleme\" tabindex=\"-1\" "
       "autofocus>Cette adresse ne correspond à aucune page.</p>\n<ul class=\"choix\"><li><a href=\"/\">Revenir à "
       "l'accueil de la recherche</a></li></ul></div>\n</main>\n";
  page_end(h);
  return h.str();
}

std::string render_pathway_page(const PathwayPage& page, const std::optional<Pathway>& pathway) {
  std::ostringstream h;
  const Params links = kept(page.params);
  std::string q = first(page.params, "q");
  const bool ok = page.problem.empty() && pathway.has_value();
  const SectionWords* paged = page.section.empty() ? nullptr : words_of(page.section);

  std::string heading = ok ? origin_heading(pathway->origin) : "";
  std::string title = " — Parcours — Service public de l'orientation";
  if (!ok) {
    title = (page.problem.http_status == 404 ? "Parcours introuvable" : "Erreur") + title;
  } else {
    title = heading + (paged ? std::string(" — ") + paged->heading : "") + title;
  }
  page_start(h, title, {{"Aller au parcours", ok ? "#parcours" : "#probleme"}, {"Aller à la recherche", "#q"}});
  h << "<main>\n";
  // The search box, with the person's territory and public kept.
  h << "<form role=\"search\" method=\"get\" action=\"/\" id=\"recherche\" aria-label=\"Rechercher\">\n"
       "<div class=\"searchbox\"><label for=\"q\">Que cherchez-vous ?</label>\n"
       "<input type=\"search\" id=\"q\" name=\"q\" value=\"" << esc(q) << "\" list=\"suggestions\" autocomplete=\"off\" "
       "maxlength=\"1000\">\n<datalist id=\"suggestions\"></datalist>\n"
       "<button type=\"submit\">Rechercher</button></div>\n";
  for (const char* key : {"territory", "place", "near", "radius", "public", "level", "kind", "source", "lieu_auto"}) {
    for (auto [b, e] = page.params.equal_range(key); b != e; ++b) {
      h << "<input type=\"hidden\" name=\"" << key << "\" value=\"" << esc(b->second) << "\">\n";
    }
  }
  h << "</form>\n";
  std::string back_label = q.empty() ? "Retour à la recherche" : "Retour aux résultats pour « " + q + " »";
  h << "<p class=\"retour\"><a href=\"" << esc(back_href(page.params)) << "\">" << esc(back_label) << "</a></p>\n";

  if (!ok) {
    h << "<h1>" << (page.problem.http_status == 404 ? "Parcours introuvable" : "Parcours") << "</h1>\n";
    h << "<div class=\"error\" role=\"alert\"><p id=\"probleme\" tabindex=\"-1\" autofocus>" << esc(page.problem.message)
      << "</p>\n<ul class=\"choix\">\n";
    for (const auto& [label, href] : page.problem.choices) {
      h << "<li><a href=\"" << esc(href) << "\">" << esc(label) << "</a></li>\n";
    }
    h << "<li><a href=\"" << esc(back_href(page.params)) << "\">" << esc(back_label) << "</a></li>\n</ul></div>\n</main>\n";
    page_end(h);
    return h.str();
  }

  const Pathway& p = *pathway;
  const Resource& origin = p.origin;
  h << "<div id=\"parcours\">\n<h1 id=\"titre-parcours\" tabindex=\"-1\" aria-describedby=\"statut\"" << (paged ? "" : " autofocus")
    << ">" << esc(heading) << "</h1>\n";

  // Advice comes as one section per rule: one heading for all.
  size_t advice_total = 0;
  bool has_advice = false;
  for (const PathwaySection& s : p.sections) {
    if (s.name == "advice") {
      advice_total += s.total;
      has_advice = true;
    }
  }

  // The live region, also the description of the focused heading: for whom
  // and where, what the pathway holds, and what was widened.
  h << "<div id=\"statut\" role=\"status\">\n<p class=\"total\">";
  {
    std::vector<std::string> who;
    for (const std::string& pub : page.request.publics) who.push_back(public_label(pub));
    std::string place = where(page.request);
    h << "Pour : " << (who.empty() ? std::string("tout public") : esc(who.front()));
    for (size_t i = 1; i < who.size(); ++i) h << ", " << esc(who[i]);
    h << (place.empty() ? ", partout en France" : ", " + esc(place)) << ".</p>\n";
  }
  if (!paged) {
    std::vector<std::string> counts;
    for (const PathwaySection& s : p.sections) {
      const SectionWords* w = words_of(s.name);
      if (!w || s.name == "advice" || is_self_section(s.name)) continue;
      counts.push_back(count_words(s.total, *w));
    }
    if (has_advice) counts.push_back(count_words(advice_total, *words_of("advice")));
    if (!counts.empty()) {
      // A sentence: "Aucun métier proche, 1 formation, ..."
      if (counts.front()[0] >= 'a' && counts.front()[0] <= 'z') counts.front()[0] = static_cast<char>(counts.front()[0] - 'a' + 'A');
      h << "<p>";
      for (size_t i = 0; i < counts.size(); ++i) h << (i == 0 ? "" : ", ") << esc(counts[i]);
      h << ".</p>\n";
    }
  } else {
    size_t total = 0;
    for (const PathwaySection& s : p.sections) {
      if (s.name == page.section) total += shown_total(s);
    }
    size_t limit = std::max<size_t>(1, page.request.limit);
    size_t from = page.request.offset + 1, to = std::min(total, page.request.offset + limit);
    h << "<p>" << paged->heading << " : ";
    if (total == 0 || from > total) {
      h << "aucun résultat sur cette page";
    } else {
      h << from << " à " << to << " sur " << total;
    }
    h << ".</p>\n";
  }
  for (const PathwaySection& s : p.sections) {
    // Widened with nothing found further either: the count says it all.
    if (s.widened && s.total > 0 && (s.name == "trainings" || (s.name == "advice" && !paged))) {
      if (const SectionWords* w = words_of(s.name)) h << "<p class=\"note\">" << esc(widened_sentence(s, *w, page.request)) << "</p>\n";
    }
  }
  h << "</div>\n";

  // The origin: what it is, its summary, the full sheet.
  h << "<p class=\"meta\"><span class=\"kind\">" << esc(kind_label(origin.kind)) << "</span>";
  if (!origin.source.empty()) h << " · source : " << esc(origin.source);
  h << "</p>\n";
  if (!paged && !origin.summary.empty()) h << "<p class=\"resume\">" << esc(shortened(origin.summary, 400)) << "</p>\n";
  if (!origin.url.empty()) {
    h << "<p class=\"suite\"><a href=\"" << esc(origin.url) << "\">Lire la fiche complète<span class=\"sr-only\"> : "
      << esc(origin.title) << "</span></a></p>\n";
  }
  if (paged) {
    h << "<p class=\"suite\"><a href=\"" << esc(base_of(page.id) + query_of(links, {})) << "\">Voir tout le parcours</a></p>\n";
  } else {
    // The sections at a glance, each a link to its place on the page.
    h << "<nav aria-label=\"Parties du parcours\" class=\"sommaire\"><ul class=\"liens\">";
    bool advice_listed = false;
    for (const PathwaySection& s : p.sections) {
      const SectionWords* w = words_of(s.name);
      if (!w || (is_self_section(s.name) && shown_total(s) == 0)) continue;
      if (s.name == "advice") {
        if (advice_listed) continue;
        advice_listed = true;
      }
      size_t n = s.name == "advice" ? advice_total : shown_total(s);
      h << "<li><a href=\"#s-" << s.name << "\">" << w->heading << " (" << n << ")</a></li>";
    }
    h << "</ul></nav>\n";
  }

  // The sections.
  bool advice_open = false;
  auto close_advice = [&] {
    if (!advice_open) return;
    if (!paged && advice_total > 0) {
      bool more = false;
      for (const PathwaySection& s : p.sections) {
        if (s.name == "advice" && s.total > s.hits.size()) more = true;
      }
      if (more) {
        h << "<p class=\"suite\"><a href=\"" << esc(base_of(page.id) + query_of(links, {{"section", "advice"}}))
          << "\">Voir les " << advice_total << " lieux pour en parler</a></p>\n";
      }
    }
    h << "</section>\n";
    advice_open = false;
  };
  for (const PathwaySection& s : p.sections) {
    const SectionWords* w = words_of(s.name);
    if (!w) continue;
    if (s.name != "advice") close_advice();
    if (is_self_section(s.name) && shown_total(s) == 0) continue;
    auto hits = shown_hits(s, origin.id);
    std::string heading_id = "s-" + s.name;
    std::string focus = paged ? " tabindex=\"-1\" aria-describedby=\"statut\" autofocus" : "";
    if (s.name == "advice") {
      if (!advice_open) {
        advice_open = true;
        h << "<section aria-labelledby=\"" << heading_id << "\">\n<h2 id=\"" << heading_id << "\"" << focus << ">"
          << w->heading << " <span class=\"count\">(" << advice_total << ")</span></h2>\n";
        if (page.request.publics.empty()) public_choices(h, page);
      }
      h << "<h3>" << esc(s.label.empty() ? s.rule : s.label) << " <span class=\"count\">(" << s.total << ")</span></h3>\n";
      if (s.widened && s.total > 0) h << "<p class=\"note\">" << esc(widened_sentence(s, *w, page.request)) << "</p>\n";
      if (s.total == 0) {
        h << "<p>Aucun lieu de ce réseau n'est encore référencé ici : renseignez-vous auprès du réseau « "
          << esc(s.label.empty() ? s.rule : s.label) << " ».</p>\n";
      }
      if (!hits.empty()) {
        h << "<ol class=\"hits\" start=\"" << page.request.offset + 1 << "\">\n";
        for (const PathwayHit* ph : hits) hit_item(h, *ph, 4, links);
        h << "</ol>\n";
      }
      continue;
    }
    size_t total = shown_total(s);
    h << "<section aria-labelledby=\"" << heading_id << "\">\n<h2 id=\"" << heading_id << "\"" << focus << ">" << w->heading
      << " <span class=\"count\">(" << total << ")</span></h2>\n";
    // Said in the status too (trainings); repeated where the list is.
    if (s.widened && s.total > 0) h << "<p class=\"note\">" << esc(widened_sentence(s, *w, page.request)) << "</p>\n";
    if (total == 0) h << "<p>" << w->none << " pour le moment.</p>\n";
    if (!hits.empty()) {
      h << "<ol class=\"hits\" start=\"" << page.request.offset + 1 << "\">\n";
      for (const PathwayHit* ph : hits) hit_item(h, *ph, 3, links);
      h << "</ol>\n";
    }
    if (!paged && s.total > s.hits.size()) {
      h << "<p class=\"suite\"><a href=\"" << esc(base_of(page.id) + query_of(links, {{"section", s.name}}))
        << "\">Voir les " << total << " " << w->many << "</a></p>\n";
    }
    h << "</section>\n";
  }
  close_advice();

  if (paged) {
    size_t total = 0;
    for (const PathwaySection& s : p.sections) total = std::max(total, s.total);
    size_t limit = std::max<size_t>(1, page.request.limit);
    size_t pages = (total + limit - 1) / limit;
    size_t number = page.request.offset / limit + 1;
    if (pages > 1) {
      auto at = [&](size_t n) {
        return esc(base_of(page.id) + query_of(links, {{"section", page.section}, {"offset", std::to_string((n - 1) * limit)}}));
      };
      h << "<nav aria-label=\"Pagination\" class=\"pages\">";
      if (number > 1) h << "<a rel=\"prev\" href=\"" << at(number - 1) << "\">Page précédente</a> ";
      h << "<span>Page " << number << " sur " << pages << "</span>";
      if (number < pages) h << " <a rel=\"next\" href=\"" << at(number + 1) << "\">Page suivante</a>";
      h << "</nav>\n";
    }
  }
  h << "</div>\n</main>\n";
  page_end(h);
  return h.str();
}

}  // namespace spro::serve
