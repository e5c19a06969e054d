#include "search/snippet.h"

#include <gtest/gtest.h>

namespace spro::search {
namespace {

TEST(Snippet, MarksMatchesInTheOriginalAccentedText) {
  Analyzer a;
  std::set<std::string> terms{a.stem("infirmiere")};
  for (const auto& t : a.query_terms("infirmiere")) terms.insert(t);
  std::string s = make_snippet({"L'infirmière réalise des soins."}, terms, a, 200);
  EXPECT_EQ(s, "L&#39;<mark>infirmière</mark> réalise des soins.");
}

TEST(Snippet, PrefersTheFieldWithMoreMatches) {
  Analyzer a;
  std::set<std::string> terms{a.stem("cuisine"), a.stem("marseille")};
  std::string s = make_snippet({"Cuisine", "Formation cuisine à Marseille"}, terms, a, 200);
  EXPECT_EQ(s, "Formation <mark>cuisine</mark> à <mark>Marseille</mark>");
}

TEST(Snippet, CutsLongTextAroundTheMatchOnWordBoundaries) {
  Analyzer a;
  std::string text;
  for (int i = 0; i < 60; ++i) text += "remplissage ";
  text += "apprentissage ";
  for (int i = 0; i < 60; ++i) text += "remplissage ";
  std::string s = make_snippet({text}, {a.stem("apprentissage")}, a, 100);
  EXPECT_TRUE(s.starts_with("\xE2\x80\xA6remplissage")) << s;
  EXPECT_TRUE(s.ends_with("remplissage\xE2\x80\xA6")) << s;
  EXPECT_NE(s.find("<mark>apprentissage</mark>"), std::string::npos);
  EXPECT_LE(s.size(), 100u + 40u);
}

TEST(Snippet, EscapesHtml) {
  Analyzer a;
  std::string s = make_snippet({"<script>alert('cuisine')</script>"}, {a.stem("cuisine")}, a, 200);
  EXPECT_EQ(s.find("<script>"), std::string::npos);
  EXPECT_NE(s.find("<mark>cuisine</mark>"), std::string::npos);
}

// Words are only analysed when one of their parts starts like a query term:
// parts after a typographic apostrophe, a hyphen or a quotation mark, and
// words starting with an accented or capital letter must still be found.
TEST(Snippet, FindsWordsInsidePunctuationAndWithAccentedInitials) {
  Analyzer a;
  std::set<std::string> terms{a.stem("infirmiere"), a.stem("soignante"), a.stem("eleve"), a.stem("ecole")};
  for (const char* w : {"infirmiere", "eleve", "ecole"}) {
    for (const auto& t : a.query_terms(w)) terms.insert(t);
  }
  std::string s = make_snippet({"L’infirmière, l’aide-soignante et «Élèves» de l'ÉCOLE."}, terms, a, 200);
  EXPECT_EQ(s,
            "L’<mark>infirmière</mark>, l’aide-<mark>soignante</mark> et «<mark>Élèves</mark>» de "
            "l&#39;<mark>ÉCOLE</mark>.");
}

TEST(Snippet, WithoutMatchShowsTheStart) {
  Analyzer a;
  EXPECT_EQ(make_snippet({"", "Texte court."}, {"zzz"}, a, 200), "Texte court.");
}

}  // namespace
}  // namespace spro::search
