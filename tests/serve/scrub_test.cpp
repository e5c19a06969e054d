// The one scrubber of what spro-serve keeps of typed text
// (examples/serve/scrub.h): the zero-result report and the users' opinion
// store both go through it.
#include "scrub.h"

#include <gtest/gtest.h>

namespace spro::serve {
namespace {

TEST(ScrubPersonal, KeepsSearchWords) {
  EXPECT_EQ(scrub_personal("CAP cuisine 83000"), "CAP cuisine 83000");
  EXPECT_EQ(scrub_personal("mission locale 06"), "mission locale 06");
  EXPECT_EQ(scrub_personal("BTS SIO Marseille"), "BTS SIO Marseille");
  EXPECT_EQ(scrub_personal("Infirmière à Toulon"), "Infirmière à Toulon");
  EXPECT_EQ(scrub_personal("rome J1506 RNCP12345"), "rome J1506 RNCP12345");
  // Postal codes and levels are what people look for.
  EXPECT_EQ(scrub_personal("cap cuisine 13001"), "cap cuisine 13001");
  EXPECT_EQ(scrub_personal("bac+2 niveau 5"), "bac+2 niveau 5");
  // Phones capitalise the first word: alone, it is not a name.
  EXPECT_EQ(scrub_personal("Cordonnier alternance"), "Cordonnier alternance");
}

TEST(ScrubPersonal, DropsAddressesAndNumbers) {
  EXPECT_EQ(scrub_personal("cuisine jean.dupont@example.fr"), "cuisine");
  EXPECT_EQ(scrub_personal("écrire à paul@exemple.fr svp"), "écrire à svp");
  EXPECT_EQ(scrub_personal("voir https://exemple.fr/moi et www.exemple.fr"), "voir et");
  EXPECT_EQ(scrub_personal("infirmiere 06 12 34 56 78"), "infirmiere");
  EXPECT_EQ(scrub_personal("infirmiere 06.12.34.56.78"), "infirmiere");
  EXPECT_EQ(scrub_personal("+33 6 12 34 56 78 aide"), "aide");
  EXPECT_EQ(scrub_personal("tel 06.12.34.56.78 ou 01 23 45 67 89"), "tel ou");
  EXPECT_EQ(scrub_personal("dossier 1234567 caf"), "dossier caf");
  EXPECT_EQ(scrub_personal("dossier 20231234"), "dossier");
  EXPECT_EQ(scrub_personal("tel0612345678 caf"), "caf");
}

TEST(ScrubPersonal, DropsNames) {
  EXPECT_EQ(scrub_personal("Jean Dupont"), "");
  EXPECT_EQ(scrub_personal("Kevin Durand cherche"), "cherche");
  EXPECT_EQ(scrub_personal("formation Élodie Martin"), "formation");
  EXPECT_EQ(scrub_personal("très bien, Karima m'a orientée"), "très bien, m'a orientée");
  // After a civility or an introduction, the name even in lower case...
  EXPECT_EQ(scrub_personal("rendez-vous mme durand"), "rendez-vous");
  EXPECT_EQ(scrub_personal("merci M. Dupont"), "merci");
  EXPECT_EQ(scrub_personal("Madame Sophie Leroy a aidé"), "a aidé");
  EXPECT_EQ(scrub_personal("bonjour je m'appelle Léa"), "bonjour je");
  // ...but not the search words that follow it.
  EXPECT_EQ(scrub_personal("conseiller M. Bernard mission locale"), "conseiller mission locale");
  // Places are capitalised too, and kept; acronyms are not names.
  EXPECT_EQ(scrub_personal("cap cuisine Marseille"), "cap cuisine Marseille");
  EXPECT_EQ(scrub_personal("BTS MCO Toulon"), "BTS MCO Toulon");
}

TEST(CutUtf8, CutsAtACharacterBoundary) {
  EXPECT_EQ(cut_utf8("infirmière", 8), "infirmi");  // "è" is 2 bytes from byte 7
  EXPECT_EQ(cut_utf8("aide soignant", 5), "aide");
  EXPECT_EQ(cut_utf8("court", 200), "court");
}

}  // namespace
}  // namespace spro::serve
