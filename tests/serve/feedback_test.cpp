// The users' opinion store of spro-serve: nothing shown below k votes,
// nothing personal kept, judgments in bench/relevance's format.
#include "feedback.h"

#include <gtest/gtest.h>

#include <sstream>

namespace spro::serve {
namespace {

// Everything the store would ever show, in one string.
std::string everything_shown(const FeedbackStore& store) {
  std::string out = store.relevance_judgments();
  for (const FeedbackAggregate& a : store.aggregates()) {
    out += a.query + "|" + a.resource_id + "|";
    for (const std::string& c : a.comments) out += c + "|";
  }
  return out;
}

TEST(FeedbackStore, ShowsNothingBelowK) {
  FeedbackStore store(FeedbackOptions{.k = 5});
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(store.vote("infirmière", "rome:J1506", true));
  EXPECT_TRUE(store.comment("infirmière", "rome:J1506", "très clair"));
  EXPECT_TRUE(store.aggregates().empty());
  EXPECT_EQ(store.relevance_judgments(), "");
  EXPECT_EQ(everything_shown(store), "");

  EXPECT_TRUE(store.vote("Infirmiere", "rome:J1506", false));  // the same query, normalised
  auto shown = store.aggregates();
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].query, "infirmiere");
  EXPECT_EQ(shown[0].resource_id, "rome:J1506");
  EXPECT_EQ(shown[0].yes, 4u);
  EXPECT_EQ(shown[0].no, 1u);
  EXPECT_EQ(shown[0].comments, std::vector<std::string>{"très clair"});
}

TEST(FeedbackStore, KIsCountedPerQueryAndResource) {
  FeedbackStore store(FeedbackOptions{.k = 3});
  store.vote("cap cuisine", "a", true);
  store.vote("cap cuisine", "b", true);
  store.vote("cap cuisine", "c", true);
  store.vote("bts", "a", true);
  store.vote("bts", "a", true);
  EXPECT_TRUE(store.aggregates().empty()) << "three votes on three resources are not three votes on one";
}

TEST(FeedbackStore, KeepsNothingPersonal) {
  FeedbackStore store(FeedbackOptions{.k = 1});
  const char* personal[] = {"jean.dupont@exemple.fr", "06 12 34 56 78", "0612345678", "+33 6 12 34 56 78",
                            "1 85 07 75 123 456 78", "123456789", "Durand", "Léa", "Martin", "Bernard",
                            "https://exemple.fr/profil?id=42"};
  store.vote("formation cuisine jean.dupont@exemple.fr Toulon", "rome:G1602", true);
  store.vote("aide 06 12 34 56 78 permis", "", false);
  store.vote("bts 123456789", "", true);
  store.comment("cap cuisine", "rome:G1602",
                "Bonjour, je m'appelle Léa Martin, appelez-moi au 0612345678, très utile merci");
  store.comment("cap cuisine", "rome:G1602", "Mme Durand : mon numéro de sécu 1 85 07 75 123 456 78");
  store.comment("cap cuisine", "rome:G1602", "Vu avec Bernard au CIO, voir https://exemple.fr/profil?id=42");
  store.vote("cap cuisine", "rome:G1602", true);
  std::string shown = everything_shown(store);
  for (const char* p : personal) EXPECT_EQ(shown.find(p), std::string::npos) << p << " kept in: " << shown;
  // What is useful stays: the words of the query, the place, the opinion.
  EXPECT_NE(shown.find("formation cuisine toulon"), std::string::npos) << shown;
  EXPECT_NE(shown.find("aide permis"), std::string::npos) << shown;
  EXPECT_NE(shown.find("très utile"), std::string::npos) << shown;
  EXPECT_NE(shown.find("au CIO"), std::string::npos) << shown;
}

TEST(FeedbackStore, CommentsComeInAlphabeticalOrderNotArrival) {
  FeedbackStore store(FeedbackOptions{.k = 1});
  store.vote("bts", "x", true);
  store.comment("bts", "x", "zut, pas à jour");
  store.comment("bts", "x", "adresse exacte");
  auto shown = store.aggregates();
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].comments, (std::vector<std::string>{"adresse exacte", "zut, pas à jour"}));
}

TEST(FeedbackStore, RefusesWhatItCannotKeep) {
  FeedbackStore store(FeedbackOptions{.k = 1, .max_aggregates = 2, .max_comments = 1, .max_comment_bytes = 10});
  EXPECT_FALSE(store.vote("jean.dupont@exemple.fr", "x", true)) << "nothing left once scrubbed";
  EXPECT_FALSE(store.vote("   ", "x", true));
  EXPECT_TRUE(store.vote("a", "x", true));
  EXPECT_TRUE(store.vote("b", "x", true));
  EXPECT_FALSE(store.vote("c", "x", true)) << "full";
  EXPECT_TRUE(store.vote("a", "x", false)) << "an existing aggregate still counts";
  EXPECT_TRUE(store.comment("a", "x", "très très utile"));
  EXPECT_FALSE(store.comment("a", "x", "encore"));
  auto shown = store.aggregates();
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_EQ(shown[0].comments, std::vector<std::string>{"très trè"}) << "cut to 10 bytes on a character boundary";
}

TEST(FeedbackStore, JudgmentsReadByBenchRelevance) {
  FeedbackStore store(FeedbackOptions{.k = 2});
  for (int i = 0; i < 3; ++i) store.vote("Infirmière Toulon", "rome:J1506", true);
  for (int i = 0; i < 2; ++i) store.vote("infirmiere toulon", "onisep:123", true);
  store.vote("infirmiere toulon", "onisep:123", false);
  for (int i = 0; i < 3; ++i) store.vote("infirmiere toulon", "lheo:9", false);  // not useful: left out
  store.vote("infirmiere toulon", "lheo:10", true);                             // below k: left out
  for (int i = 0; i < 2; ++i) store.vote("infirmiere toulon", "", true);        // the search, not a resource
  for (int i = 0; i < 2; ++i) store.vote("boulanger", "x", false);             // no useful resource: no line
  // bench/relevance: query<TAB>id[,id...] per line.
  EXPECT_EQ(store.relevance_judgments(), "infirmiere toulon\tonisep:123,rome:J1506\n");
}

}  // namespace
}  // namespace spro::serve
