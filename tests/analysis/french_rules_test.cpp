// Table-driven checks of every French matching rule, with real titles from
// ROME and ONISEP: the query on the left must find the text on the right.
#include <gtest/gtest.h>

#include "analysis/analysis_helpers.h"

namespace spro {
namespace {

struct Case {
  const char* query;
  const char* text;
};

class FrenchRules : public ::testing::TestWithParam<Case> {};

TEST_P(FrenchRules, QueryFindsText) {
  Analyzer a;
  const Case& c = GetParam();
  EXPECT_TRUE(testing::query_matches(a, c.query, c.text)) << "query \"" << c.query << "\" should find \"" << c.text << "\"";
}

INSTANTIATE_TEST_SUITE_P(
    Accents, FrenchRules,
    ::testing::Values(Case{"infirmiere", "Infirmier / Infirmière en soins généraux"},
                      Case{"INFIRMIERE", "Infirmière de bloc opératoire"},
                      Case{"infirmière", "infirmiere"},
                      Case{"electricien", "Électricien / Électricienne du bâtiment"},
                      Case{"mecanicien", "Mécanicien / Mécanicienne automobile"},
                      Case{"securite", "Agent de sécurité"},
                      Case{"reseaux", "Technicien réseaux"},
                      Case{"pre", "Pré-requis"},
                      Case{"oeuvre", "Chef d'œuvre"},
                      Case{"œuvre", "main d'oeuvre"}));

INSTANTIATE_TEST_SUITE_P(
    GenderAndNumber, FrenchRules,
    ::testing::Values(Case{"coiffeuse", "Coiffeur"},
                      Case{"coiffeur", "Coiffeuse"},
                      Case{"directrice", "Directeur d'établissement"},
                      Case{"formatrice", "Formateur / Formatrice"},
                      Case{"vendeuse", "Vendeur en magasin"},
                      Case{"vendeur", "Vendeuse en magasin"},
                      Case{"boulangere", "Boulanger"},
                      Case{"boulanger", "Boulangère"},
                      Case{"conseillere", "Conseiller en insertion professionnelle"},
                      Case{"technicienne", "Technicien de maintenance"},
                      Case{"patronne", "Patron pêcheur"},
                      Case{"professionnelle", "insertion professionnel"},
                      Case{"sportive", "Éducateur sportif"},
                      Case{"actrice", "Acteur / Actrice"},
                      Case{"ambassadrice", "Ambassadeur du tri"},
                      Case{"cheffe", "Chef de projet"},
                      Case{"offres d'emplois", "Offre d'emploi"},
                      Case{"emploi", "Emplois d'avenir"},
                      Case{"animaux", "Soigneur animalier / animal"},
                      Case{"journaux", "journal"}));

INSTANTIATE_TEST_SUITE_P(
    InclusiveWriting, FrenchRules,
    ::testing::Values(Case{"infirmière", "infirmier·ère"},
                      Case{"infirmier", "infirmier·ère"},
                      Case{"conseillère", "conseiller·ère d'orientation"},
                      Case{"étudiante", "étudiant.e.s"},
                      Case{"infirmière", "infirmier(ère)"},
                      Case{"conseillere", "conseiller-ère"},
                      Case{"coiffeuse", "Coiffeur / Coiffeuse"}));

INSTANTIATE_TEST_SUITE_P(
    ElisionAndCompounds, FrenchRules,
    ::testing::Values(Case{"apprentissage", "l'apprentissage"},
                      Case{"l'apprentissage", "Contrat d'apprentissage"},
                      Case{"orientation", "l\xE2\x80\x99orientation"},
                      Case{"aide soignant", "Aide-soignant / Aide-soignante"},
                      Case{"aide-soignante", "aide soignant"},
                      Case{"aidesoignant", "Aide-soignant"},
                      Case{"auxiliaire puériculture", "Auxiliaire de puériculture"},
                      Case{"BTS", "B.T.S. Management"},
                      Case{"B.T.S.", "BTS Management commercial opérationnel"},
                      Case{"bac pro", "Baccalauréat professionnel (bac pro)"},
                      Case{"J1506", "rome J1506"},
                      Case{"bac+2", "niveau bac + 2"},
                      Case{"bac + 2", "Bac+2"}));

TEST(FrenchRules, StopwordsAloneStillMatch) {
  Analyzer a;
  EXPECT_TRUE(testing::query_matches(a, "de", "Conducteur de bus"));
}

TEST(FrenchRules, UnrelatedWordsStayApart) {
  Analyzer a;
  // Guards against over-merging: these are different words.
  EXPECT_FALSE(testing::query_matches(a, "formateur", "formation continue"));
  EXPECT_FALSE(testing::query_matches(a, "cadre", "cadrage"));
  EXPECT_FALSE(testing::query_matches(a, "chat", "château"));
  EXPECT_FALSE(testing::query_matches(a, "cuisine", "coiffure"));
}

}  // namespace
}  // namespace spro
