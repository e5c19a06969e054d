// spro-serve's search page, rendered on the server: the states a person
// relies on, checked on the HTML (the browser test drives the real page).
#include "page.h"

#include <gtest/gtest.h>

namespace spro::serve {
namespace {

std::string between(const std::string& html, const std::string& from, const std::string& to) {
  size_t b = html.find(from);
  if (b == std::string::npos) return "";
  size_t e = html.find(to, b);
  return html.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

TEST(SearchPage, AmbiguousPlaceIsAChoiceOfCandidates) {
  auto page = page_request({{"q", "cuisine"}, {"place", "Saint-Denis"}}, Limits{});
  ASSERT_FALSE(page.problem.empty());
  EXPECT_EQ(page.problem.http_status, 400);
  EXPECT_NE(page.problem.message.find("Plusieurs lieux"), std::string::npos) << page.problem.message;
  ASSERT_GE(page.problem.choices.size(), 2u);
  for (const auto& [label, href] : page.problem.choices) {
    EXPECT_NE(label.find("Saint-Denis"), std::string::npos) << label;
    EXPECT_NE(href.find("place=com%3A"), std::string::npos) << href;
    EXPECT_NE(href.find("q=cuisine"), std::string::npos) << href;
    // The link resolves: following it is not a problem again.
    std::string code = href.substr(href.find("place=") + 6);
    code = "com:" + code.substr(6, code.find('&') - 6);  // after "com%3A"
    EXPECT_TRUE(page_request({{"place", code}}, Limits{}).problem.empty()) << href;
  }
  std::string html = render_page(page, std::nullopt, {});
  EXPECT_NE(html.find("role=\"alert\""), std::string::npos);
  EXPECT_EQ(html.find("ambiguous"), std::string::npos);
}

TEST(SearchPage, ParameterErrorsAreInFrench) {
  for (const Params& params : {Params{{"q", "x"}, {"level", "abc"}}, Params{{"q", std::string(2000, 'a')}},
                               Params{{"territory", "Atlantide"}}, Params{{"q", "x"}, {"sort", "prix"}}}) {
    auto page = page_request(params, Limits{});
    ASSERT_FALSE(page.problem.empty());
    EXPECT_EQ(page.problem.http_status, 400);
    for (const char* english : {"not a number", "longer than", "not found", "one of", "unknown"}) {
      EXPECT_EQ(page.problem.message.find(english), std::string::npos) << page.problem.message;
    }
  }
}

TEST(SearchPage, LibraryNoticesAreInFrenchOrLeftOut) {
  auto page = page_request({{"q", "a (b"}}, Limits{});
  SearchResponse r;
  r.total = 1;
  r.notices = {"some query syntax could not be read and was taken as plain words", "query cut to its first 1000 bytes",
               "a notice the page does not know"};
  std::string html = render_page(page, r, {});
  EXPECT_NE(html.find("Certains signes de votre recherche"), std::string::npos);
  EXPECT_NE(html.find("seul son début a été pris en compte"), std::string::npos);
  for (const std::string& notice : r.notices) EXPECT_EQ(html.find(notice), std::string::npos) << notice;
}

TEST(SearchPage, ShortPageSaysWhereEveryWordEnds) {
  auto page = page_request({{"q", "vendeuse en meubles"}}, Limits{});
  SearchResponse r;
  r.total = 26;
  r.interpreted["all_words"] = "3";
  std::string html = render_page(page, r, {});
  EXPECT_NE(html.find("Seuls les 3 premiers résultats contiennent tous les mots"), std::string::npos);
  r.interpreted.clear();
  EXPECT_EQ(render_page(page, r, {}).find("tous les mots"), std::string::npos);
}

TEST(SearchPage, HomeAsksForCountsOnly) {
  auto page = page_request({}, Limits{});
  EXPECT_TRUE(page.home);
  EXPECT_EQ(page.request.limit, 0u);
  EXPECT_TRUE(page.request.facets);
  EXPECT_FALSE(page_request({{"kind", "formation"}}, Limits{}).home) << "browsing a kind is a search";
}

TEST(SearchPage, WidenedTerritoryIsAnnounced) {
  auto page = page_request({{"q", "boulanger"}, {"place", "Toulon"}}, Limits{});
  ASSERT_TRUE(page.problem.empty());
  SearchResponse r;
  r.total = 3;
  r.interpreted["widened_to"] = "dep:83";
  std::string status = between(render_page(page, r, {}), "<div id=\"statut\" role=\"status\">", "</div>");
  EXPECT_NE(status.find("3 résultats pour « boulanger »"), std::string::npos) << status;
  EXPECT_NE(status.find("élargie à <strong>Var (83)</strong>"), std::string::npos) << status;
}

TEST(SearchPage, PlaceReadInTextSetsTheDepartementOnce) {
  auto page = page_request({{"q", "cuisine toulon"}}, Limits{});
  SearchResponse r;
  r.total = 1;
  r.interpreted = {{"territory", "com:83137"}, {"territory_name", "Toulon"}, {"territory_text", "toulon"}};
  std::string html = render_page(page, r, {});
  EXPECT_NE(html.find("<option value=\"dep:83\" selected>"), std::string::npos);
  EXPECT_NE(html.find("name=\"lieu_auto\" value=\"dep:83\""), std::string::npos);
  // Sent back unchanged, the département is the page's choice, not a filter:
  // the place is read from the text again.
  auto again = page_request({{"q", "cuisine toulon"}, {"territory", "dep:83"}, {"lieu_auto", "dep:83"}}, Limits{});
  EXPECT_TRUE(again.request.territories.empty());
  // Changed by the person, it is a filter.
  auto chosen = page_request({{"q", "cuisine toulon"}, {"territory", "dep:13"}, {"lieu_auto", "dep:83"}}, Limits{});
  EXPECT_EQ(chosen.request.territories, std::vector<std::string>{"dep:13"});
}

TEST(SearchPage, ZeroResultSaysWhatToTry) {
  auto page = page_request({{"q", "infirmeire zz"}, {"kind", "formation"}, {"territory", "83"}}, Limits{});
  ASSERT_TRUE(page.problem.empty());
  SearchResponse r;
  r.corrected_query = "infirmière zz";
  std::string html = render_page(page, r, {.feedback = true});
  EXPECT_NE(html.find(">Aucun résultat</h2>"), std::string::npos);
  EXPECT_NE(html.find("chercher « infirmière zz »"), std::string::npos);
  EXPECT_NE(html.find("Chercher dans toute la France"), std::string::npos);
  EXPECT_NE(html.find("sans aucun filtre"), std::string::npos);
  EXPECT_NE(html.find("mission locale"), std::string::npos);
  EXPECT_NE(html.find("Cette recherche vous a-t-elle été utile ?"), std::string::npos);
}

TEST(SearchPage, ZeroResultInAPlaceReadInTheTextOffersEverywhere) {
  auto page = page_request({{"q", "boulanger lyon"}}, Limits{});
  SearchResponse r;
  r.interpreted = {{"territory", "com:69123"}, {"territory_name", "Lyon"}, {"territory_text", "lyon"}};
  std::string html = render_page(page, r, {});
  EXPECT_NE(html.find("<a href=\"?q=boulanger\">Chercher « boulanger » dans toute la France</a>"), std::string::npos)
      << between(html, "Que faire", "</ul>");
}

TEST(SearchPage, FeedbackFormsOnlyWhenEnabled) {
  auto page = page_request({{"q", "cuisine"}}, Limits{});
  SearchResponse r;
  r.total = 1;
  Hit hit;
  hit.id = "rome:G1602";
  hit.title = "Cuisinier / Cuisinière";
  hit.kind = "metier";
  r.hits.push_back(hit);
  EXPECT_EQ(render_page(page, r, {}).find("action=\"/avis\""), std::string::npos);
  std::string html = render_page(page, r, {.feedback = true});
  EXPECT_NE(html.find("<input type=\"hidden\" name=\"id\" value=\"rome:G1602\">"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"sr-only\"> (Cuisinier / Cuisinière)</span>"), std::string::npos);
  // After a vote: thanks in place of the buttons, focused, and a comment box.
  auto thanked = page_request({{"q", "cuisine"}, {"merci", "rome:G1602"}}, Limits{});
  std::string after = render_page(thanked, r, {.feedback = true});
  EXPECT_NE(after.find("Merci pour votre avis.</p>"), std::string::npos);
  EXPECT_NE(after.find("tabindex=\"-1\" autofocus>Merci"), std::string::npos);
  EXPECT_NE(after.find("name=\"commentaire\""), std::string::npos);
  EXPECT_EQ(after.find("id=\"titre-resultats\" tabindex=\"-1\" aria-describedby=\"statut\" autofocus"), std::string::npos)
      << "one element has the focus";
  EXPECT_EQ(after.find("merci=rome"), std::string::npos) << "links do not carry the thanks";
}

}  // namespace
}  // namespace spro::serve
