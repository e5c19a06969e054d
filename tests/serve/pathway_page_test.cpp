// The pathway view of spro-serve's page (/parcours/{id}) and the summary
// line of a search whose best hit is a job, checked on the HTML: French
// words, the widened state said in words, links that keep the person's
// territory and public, and escaping of what comes from the URL or the
// index. The browser test drives the real page.
#include "pathway_page.h"

#include <gtest/gtest.h>

namespace spro::serve {
namespace {

size_t count(const std::string& html, const std::string& what) {
  size_t n = 0;
  for (size_t at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) ++n;
  return n;
}

PathwayHit hit(const std::string& id, const std::string& title, const std::string& kind) {
  PathwayHit h;
  h.hit.id = id;
  h.hit.title = title;
  h.hit.kind = kind;
  return h;
}

PathwaySection section(const std::string& name, size_t total) {
  PathwaySection s;
  s.name = name;
  s.total = total;
  return s;
}

// A nurse's pathway for a young person in Toulon, with no training near.
Pathway nurse() {
  Pathway p;
  p.origin.id = "rome:J1506";
  p.origin.kind = "metier";
  p.origin.title = "Infirmier / Infirmière en soins généraux (IDE)";
  p.origin.summary = "Réalise des soins infirmiers.";
  p.origin.url = "https://candidat.francetravail.fr/metierscope/fiche-metier/J1506";
  PathwaySection job = section("job", 2);
  job.hits = {hit("rome:J1506", p.origin.title, "metier"), hit("onisep:infirmier", "infirmier / infirmière", "metier")};
  PathwaySection related = section("related_jobs", 17);
  related.hits = {hit("rome:J1502", "Puériculteur / Puéricultrice", "metier")};
  related.hits[0].via = {"rome_related"};
  PathwaySection trainings = section("trainings", 11);
  trainings.widened = true;
  trainings.widened_to = "100 km";
  trainings.hits = {hit("onisep:ifsi-nice", "Diplôme d'État d'infirmier", "formation")};
  trainings.hits[0].hit.distance_km = 91.6;
  trainings.hits[0].via = {"onisep_domain"};
  trainings.hits[0].reach = "widened";
  PathwaySection certifications = section("certifications", 0);
  PathwaySection aids = section("aids", 3);
  aids.hits = {hit("aide:permis", "Aide au permis", "aide")};
  PathwaySection ml = section("advice", 0);
  ml.rule = "mission_locale";
  ml.label = "Mission locale";
  PathwaySection fs = section("advice", 4);
  fs.rule = "france_services";
  fs.label = "France services";
  fs.hits = {hit("fs:toulon", "France services Toulon", "structure")};
  p.sections = {job, related, trainings, certifications, aids, ml, fs};
  return p;
}

TEST(PathwayPage, JobPathwayInFrenchWithCountsAndWidening) {
  auto page = pathway_page_request("rome:J1506", {{"q", "infirmier"}, {"place", "Toulon"}, {"public", "jeune"}}, Limits{});
  ASSERT_TRUE(page.problem.empty()) << page.problem.message;
  EXPECT_EQ(page.request.territories, std::vector<std::string>{"com:83137"});
  EXPECT_EQ(page.request.publics, std::vector<std::string>{"jeune"});
  EXPECT_EQ(page.request.limit, 5u);
  EXPECT_TRUE(page.request.sections.empty());
  std::string html = render_pathway_page(page, nurse());
  EXPECT_NE(html.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(html.find("<title>Devenir infirmier ou infirmière en soins généraux (IDE) — Parcours"), std::string::npos);
  EXPECT_NE(html.find("aria-describedby=\"statut\" autofocus>Devenir infirmier ou infirmière"), std::string::npos);
  EXPECT_EQ(count(html, "autofocus"), 1u) << "one element has the focus";
  EXPECT_EQ(count(html, "<h1"), 1u);
  // Who and where, the counts, the widening: in the live region.
  std::string status = html.substr(html.find("<div id=\"statut\" role=\"status\">"));
  status = status.substr(0, status.find("</div>"));
  EXPECT_NE(status.find("Pour : Jeunes (16-25 ans), près de Toulon."), std::string::npos) << status;
  EXPECT_NE(status.find("17 métiers proches, 11 formations, aucune certification, 3 aides, 4 lieux pour en parler."),
            std::string::npos)
      << status;
  EXPECT_NE(status.find("Aucune formation près de Toulon : les plus proches, à moins de 100 km."), std::string::npos)
      << status;
  // Sections: a heading with its count, and "see more" keeping the person's place and public.
  EXPECT_NE(html.find("<h2 id=\"s-trainings\">Formations <span class=\"count\">(11)</span></h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"s-job\">Autres fiches de ce métier <span class=\"count\">(1)</span></h2>"), std::string::npos);
  EXPECT_NE(html.find("Voir les 11 formations"), std::string::npos);
  EXPECT_NE(html.find("href=\"/parcours/rome%3AJ1506?place=Toulon&amp;public=jeune&amp;q=infirmier&amp;section=trainings\""),
            std::string::npos);
  EXPECT_NE(html.find("à 92 km"), std::string::npos);
  EXPECT_NE(html.find("lien : même domaine (ONISEP)"), std::string::npos);
  EXPECT_NE(html.find("Aucune certification pour le moment."), std::string::npos);
  // Advice: one heading, one sub-heading per rule with its label, even empty.
  EXPECT_NE(html.find("<h2 id=\"s-advice\">Où en parler <span class=\"count\">(4)</span></h2>"), std::string::npos);
  EXPECT_NE(html.find("<h3>Mission locale <span class=\"count\">(0)</span></h3>"), std::string::npos);
  EXPECT_NE(html.find("renseignez-vous auprès du réseau « Mission locale »"), std::string::npos);
  EXPECT_NE(html.find("<h4>France services Toulon</h4>"), std::string::npos);
  // The origin is not listed in its own section; linked jobs and trainings have their pathway.
  EXPECT_EQ(count(html, "/parcours/rome%3AJ1506?"), count(html, "section="));
  EXPECT_NE(html.find("href=\"/parcours/rome%3AJ1502?place=Toulon&amp;public=jeune&amp;q=infirmier\""), std::string::npos);
  EXPECT_NE(html.find("/parcours/onisep%3Aifsi-nice?"), std::string::npos);
  EXPECT_EQ(html.find("/parcours/aide%3Apermis"), std::string::npos) << "an aid has no pathway";
  // The way back, and the search box keeping place and public.
  EXPECT_NE(html.find("<a href=\"/?place=Toulon&amp;public=jeune&amp;q=infirmier\">Retour aux résultats pour « infirmier »</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<input type=\"hidden\" name=\"public\" value=\"jeune\">"), std::string::npos);
  for (const char* english : {"widened", "nearest", "related_jobs", "advice_rule", "onisep_domain"}) {
    EXPECT_EQ(html.find(std::string(">") + english), std::string::npos) << english;
  }
}

TEST(PathwayPage, WithoutAPublicOffersToSayWhoYouAre) {
  auto page = pathway_page_request("rome:J1506", {{"territory", "83"}}, Limits{});
  ASSERT_TRUE(page.problem.empty());
  std::string html = render_pathway_page(page, nurse());
  EXPECT_NE(html.find("Pour : tout public, dans votre territoire (Var)."), std::string::npos);
  EXPECT_NE(html.find("href=\"/parcours/rome%3AJ1506?territory=83&amp;public=jeune\""), std::string::npos);
}

TEST(PathwayPage, OneSectionIsPaged) {
  auto page = pathway_page_request("rome:J1506", {{"place", "Toulon"}, {"section", "trainings"}, {"offset", "10"}}, Limits{});
  ASSERT_TRUE(page.problem.empty()) << page.problem.message;
  EXPECT_EQ(page.request.sections, std::vector<std::string>{"trainings"});
  EXPECT_EQ(page.request.limit, 10u);
  EXPECT_EQ(page.request.offset, 10u);
  Pathway p = nurse();
  p.sections = {p.sections[2]};
  std::string html = render_pathway_page(page, p);
  EXPECT_NE(html.find("<h2 id=\"s-trainings\" tabindex=\"-1\" aria-describedby=\"statut\" autofocus>"), std::string::npos);
  EXPECT_EQ(count(html, "autofocus"), 1u);
  EXPECT_NE(html.find("Formations : 11 à 11 sur 11."), std::string::npos);
  EXPECT_NE(html.find("<ol class=\"hits\" start=\"11\">"), std::string::npos);
  EXPECT_NE(html.find("Page 2 sur 2"), std::string::npos);
  EXPECT_NE(html.find("href=\"/parcours/rome%3AJ1506?place=Toulon&amp;offset=0&amp;section=trainings\">Page précédente"),
            std::string::npos);
  EXPECT_NE(html.find(">Voir tout le parcours</a>"), std::string::npos);
  EXPECT_NE(html.find("<title>Devenir infirmier ou infirmière en soins généraux (IDE) — Formations — Parcours"),
            std::string::npos);
}

TEST(PathwayPage, TrainingLeadsToJobsAndCertification) {
  auto page = pathway_page_request("onisep:cap-cuisine", {}, Limits{});
  Pathway p;
  p.origin.id = "onisep:cap-cuisine";
  p.origin.kind = "formation";
  p.origin.title = "CAP cuisine";
  PathwaySection jobs = section("jobs", 2);
  jobs.hits = {hit("rome:G1602", "Cuisinier / Cuisinière", "metier")};
  PathwaySection certs = section("certifications", 1);
  certs.hits = {hit("certifinfo:1", "CAP cuisine", "certification")};
  certs.hits[0].via = {"same_title"};
  p.sections = {jobs, certs};
  std::string html = render_pathway_page(page, p);
  EXPECT_NE(html.find(">Où mène la formation « CAP cuisine » ?</h1>"), std::string::npos);
  EXPECT_NE(html.find("Métiers visés <span class=\"count\">(2)</span>"), std::string::npos);
  EXPECT_NE(html.find("Certifications <span class=\"count\">(1)</span>"), std::string::npos);
  EXPECT_NE(html.find("même intitulé qu&#39;une formation liée"), std::string::npos);
  EXPECT_NE(html.find("Pour : tout public, partout en France."), std::string::npos);
  EXPECT_NE(html.find(">Retour à la recherche</a>"), std::string::npos);
}

TEST(PathwayPage, HostileIdsAndTitlesAreEscaped) {
  const std::string id = "x\"><script>alert(1)</script>";
  auto page = pathway_page_request(id, {{"q", "<img src=x onerror=alert(1)>"}, {"public", "jeune"}}, Limits{});
  ASSERT_TRUE(page.problem.empty());
  Pathway p = nurse();
  p.origin.id = id;
  p.origin.title = "<script>alert('titre')</script>";
  p.origin.url = "https://example.org/\"onmouseover=\"alert(1)";
  p.sections[1].hits[0].hit.title = "</h3><script>alert(2)</script>";
  p.sections[1].hits[0].hit.id = "rome:\"><b>";
  std::string html = render_pathway_page(page, p);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("\"onmouseover"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;titre&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("/parcours/x%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E?"), std::string::npos);
  EXPECT_NE(html.find("/parcours/rome%3A%22%3E%3Cb%3E?"), std::string::npos);
}

TEST(PathwayPage, UnknownEmptyOrOverlongIdsAreAFrench404) {
  for (const std::string& id : {std::string(), std::string(kMaxPathwayIdBytes + 1, 'a')}) {
    auto page = pathway_page_request(id, {}, Limits{});
    EXPECT_EQ(page.problem.http_status, 404);
  }
  auto page = pathway_page_request("<script>inconnu</script>", {{"q", "infirmier"}}, Limits{});
  ASSERT_TRUE(page.problem.empty());
  page.problem = pathway_problem(Status::not_found("no resource with id '<script>inconnu</script>'"));
  EXPECT_EQ(page.problem.http_status, 404);
  std::string html = render_pathway_page(page, std::nullopt);
  EXPECT_NE(html.find("<title>Parcours introuvable — Parcours — Service public de l&#39;orientation</title>"), std::string::npos);
  EXPECT_NE(html.find("role=\"alert\"><p id=\"probleme\" tabindex=\"-1\" autofocus>Ce parcours n&#39;existe pas"),
            std::string::npos);
  EXPECT_EQ(html.find("inconnu"), std::string::npos) << "the id is never echoed";
  EXPECT_EQ(html.find("no resource"), std::string::npos);
  EXPECT_NE(html.find("Retour aux résultats pour « infirmier »"), std::string::npos);
  std::string not_found = render_not_found_page();
  EXPECT_NE(not_found.find("<h1>Page introuvable</h1>"), std::string::npos);
}

TEST(PathwayPage, BadParametersAreAFrench400WithAWayOut) {
  for (const Params& params : {Params{{"level", "abc"}}, Params{{"section", "secret"}}, Params{{"offset", "-1"}},
                               Params{{"territory", "Atlantide"}}, Params{{"place", "Saint-Denis"}}}) {
    auto page = pathway_page_request("rome:J1506", params, Limits{});
    ASSERT_FALSE(page.problem.empty()) << params.begin()->first;
    EXPECT_EQ(page.problem.http_status, 400);
    ASSERT_FALSE(page.problem.choices.empty());
    for (const auto& [label, href] : page.problem.choices) {
      EXPECT_TRUE(href.starts_with("?") || href.starts_with("/parcours/rome%3AJ1506")) << href;
    }
    std::string html = render_pathway_page(page, std::nullopt);
    for (const char* english : {"not a number", "unknown", "not a level", "ambiguous", "section:"}) {
      EXPECT_EQ(html.find(english), std::string::npos) << english;
    }
    EXPECT_NE(html.find("role=\"alert\""), std::string::npos);
  }
  EXPECT_EQ(pathway_problem(Status::invalid_argument("radius: must be more than 0")).message,
            "L'adresse de la page contient une valeur incorrecte (rayon).");
  EXPECT_EQ(pathway_problem(Status::internal("boom")).http_status, 503);
}

TEST(PathwayPage, JobTitlesInASentence) {
  EXPECT_EQ(job_in_sentence("Infirmier / Infirmière en soins généraux (IDE)"), "infirmier ou infirmière en soins généraux (IDE)");
  EXPECT_EQ(job_in_sentence("Éducateur / Éducatrice spécialisé(e)"), "éducateur ou éducatrice spécialisé(e)");
  EXPECT_EQ(job_in_sentence("BTS MCO"), "BTS MCO");
  EXPECT_EQ(job_in_sentence(""), "");
}

TEST(SearchPageSummary, BestHitAJobAsksForItsCounts) {
  auto page = page_request({{"q", "infirmier toulon"}, {"public", "jeune"}}, Limits{});
  SearchResponse r;
  r.total = 1;
  Hit h;
  h.id = "rome:J1506";
  h.kind = "metier";
  h.title = "Infirmier / Infirmière en soins généraux (IDE)";
  r.hits = {h};
  r.interpreted = {{"territory", "com:83137"}, {"territory_name", "Toulon"}, {"territory_text", "toulon"}};
  auto request = summary_request(page, r);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->territories, std::vector<std::string>{"com:83137"});
  EXPECT_EQ(request->publics, std::vector<std::string>{"jeune"});
  EXPECT_EQ(request->limit, 0u);
  // Not for a training, a second page, another order, or the home page.
  SearchResponse training = r;
  training.hits[0].kind = "formation";
  EXPECT_FALSE(summary_request(page, training));
  EXPECT_FALSE(summary_request(page_request({{"q", "infirmier"}, {"offset", "10"}}, Limits{}), r));
  EXPECT_FALSE(summary_request(page_request({{"q", "infirmier"}, {"sort", "title"}}, Limits{}), r));
  EXPECT_FALSE(summary_request(page_request({}, Limits{}), r));

  Pathway p = nurse();
  r.pathway = summary_of(p);
  EXPECT_TRUE(r.pathway->trainings_widened);
  std::string html = render_page(page, r, {});
  std::string status = html.substr(html.find("<div id=\"statut\" role=\"status\">"));
  status = status.substr(0, status.find("</div>"));
  EXPECT_NE(status.find("Devenir infirmier ou infirmière en soins généraux (IDE) : 11 formations (aucune près de chez vous), "
                        "3 aides, 4 lieux pour en parler — <a href=\"/parcours/rome%3AJ1506?public=jeune&amp;"
                        "q=infirmier%20toulon&amp;lieu_auto=com%3A83137&amp;territory=com%3A83137\">voir le parcours</a>"),
            std::string::npos)
      << status;
  // Each job, training or certification has its pathway.
  EXPECT_NE(html.find(">Voir le parcours<span class=\"sr-only\"> : Infirmier / Infirmière en soins généraux (IDE)</span>"),
            std::string::npos);
  // The territory read in the text goes back as the page's own choice.
  auto back = page_request({{"q", "infirmier toulon"}, {"territory", "com:83137"}, {"lieu_auto", "com:83137"}}, Limits{});
  EXPECT_TRUE(back.request.territories.empty());
}

}  // namespace
}  // namespace spro::serve
