// The analyzer's tokenisation: offsets, positions, normalisation.
#include "spro/analyzer.h"

#include <gtest/gtest.h>

namespace spro {
namespace {

std::vector<std::string> words(std::string_view text) {
  Analyzer a;
  std::vector<std::string> out;
  for (const Token& t : a.analyze(text)) out.push_back(t.word);
  return out;
}

TEST(Analyzer, OffsetsPointAtTheOriginalAccentedText) {
  Analyzer a;
  std::string text = "Infirmière en SOINS généraux";
  auto tokens = a.analyze(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Infirmière");
  EXPECT_EQ(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin), "généraux");
  EXPECT_EQ(tokens[0].word, "infirmière");
  EXPECT_EQ(tokens[2].word, "soins");
}

TEST(Analyzer, PositionsAreConsecutiveForPhrases) {
  Analyzer a;
  auto tokens = a.analyze("aide à domicile", 10);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].position, 10u);
  EXPECT_EQ(tokens[1].position, 11u);
  EXPECT_EQ(tokens[2].position, 12u);
  EXPECT_TRUE(tokens[1].stopword);
}

TEST(Analyzer, ElisionWithBothApostrophes) {
  EXPECT_EQ(words("l'orientation d'emplois"), (std::vector<std::string>{"orientation", "emplois"}));
  EXPECT_EQ(words("l\xE2\x80\x99orientation qu\xE2\x80\x99il"), (std::vector<std::string>{"orientation", "il"}));
  EXPECT_EQ(words("jusqu'au lorsqu'elle"), (std::vector<std::string>{"au", "elle"}));
  // Not an elision: the apostrophe is part of the word.
  EXPECT_EQ(words("aujourd'hui"), (std::vector<std::string>{"aujourdhui"}));
}

TEST(Analyzer, ElisionOffsetsSkipTheArticle) {
  Analyzer a;
  std::string text = "l'apprentissage";
  auto tokens = a.analyze(text);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "apprentissage");
}

// Regression: with a typographic apostrophe the offsets covered "L’", so
// snippets marked "L’infirmier" instead of "infirmier".
TEST(Analyzer, ElisionOffsetsWithTypographicApostrophe) {
  Analyzer a;
  std::string text = "L\xE2\x80\x99infirmier";
  auto tokens = a.analyze(text);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "infirmier");
}

TEST(Analyzer, AcronymsWithOrWithoutDots) {
  EXPECT_EQ(words("B.T.S."), (std::vector<std::string>{"bts"}));
  EXPECT_EQ(words("B.T.S"), (std::vector<std::string>{"bts"}));
  Analyzer a;
  EXPECT_EQ(a.analyze("B.T.S.")[0].terms, a.analyze("BTS")[0].terms);
}

// Regression: Snowball cut "deas" to "de" and "vae" to "va", so the
// acronyms matched every text with those common words.
TEST(Analyzer, ThesaurusAcronymsAreNotStemmed) {
  Analyzer a;
  EXPECT_EQ(a.stem("DEAS"), "deas");
  EXPECT_EQ(a.stem("VAE"), "vae");
  EXPECT_EQ(a.stem("BTS"), "bts");
  EXPECT_NE(a.stem("deas"), a.stem("de"));
}

TEST(Analyzer, DotsBetweenWordsSplit) {
  EXPECT_EQ(words("www.onisep.fr"), (std::vector<std::string>{"www", "onisep", "fr"}));
}

TEST(Analyzer, InclusiveFormsKeepTheMasculineWord) {
  EXPECT_EQ(words("infirmier\xC2\xB7\xC3\xA8re"), (std::vector<std::string>{"infirmier"}));  // infirmier·ère
  EXPECT_EQ(words("infirmier.e"), (std::vector<std::string>{"infirmier"}));
  EXPECT_EQ(words("infirmier(ère)"), (std::vector<std::string>{"infirmier"}));
  EXPECT_EQ(words("conseiller-ère"), (std::vector<std::string>{"conseiller"}));
  EXPECT_EQ(words("étudiant\xC2\xB7" "e\xC2\xB7" "s"), (std::vector<std::string>{"étudiant"}));
}

TEST(Analyzer, LigaturesAndCaseFold) {
  EXPECT_EQ(Analyzer::fold("Œuvre ÉTÉ Cæsar"), "oeuvre ete caesar");
  Analyzer a;
  EXPECT_EQ(a.stem("ŒUVRE"), a.stem("oeuvre"));
}

TEST(Analyzer, HyphenatedCompoundAlsoGetsTheJoinedTerm) {
  Analyzer a;
  auto tokens = a.analyze("aide-soignant");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].terms.back(), a.stem("aidesoignant"));
}

TEST(Analyzer, NeverThrowsOnHostileInput) {
  Analyzer a;
  std::string invalid = "caf\xC3 \xFF\xFE infirmi\xE8re";
  EXPECT_NO_THROW(a.analyze(invalid));
  std::string huge(2'000'000, 'a');
  EXPECT_NO_THROW(a.analyze(huge));
  std::string controls = std::string("a\0b\x01\x7f", 5);
  EXPECT_NO_THROW(a.analyze(controls));
  EXPECT_TRUE(a.analyze("").empty());
  EXPECT_TRUE(a.analyze(" \t\n.,;!").empty());
}

TEST(Analyzer, NumbersAreWords) {
  EXPECT_EQ(words("bac+2 niveau 5"), (std::vector<std::string>{"bac", "2", "niveau", "5"}));
}

}  // namespace
}  // namespace spro
