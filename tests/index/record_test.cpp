#include "index/record.h"

#include <gtest/gtest.h>

namespace spro::schema {
namespace {

Resource full_resource() {
  Resource r;
  r.id = "lheo:AF-1";
  r.kind = "formation";
  r.title = "CAP Cuisine — « apprentissage »";
  r.summary = "Formation en alternance à Marseille.";
  r.keywords = {"cuisinier", "cuisinière", ""};
  r.source = "carif-oref";
  r.url = "https://example.org/cap?x=1&y=2";
  r.updated = "2026-11-30";
  r.territories = {"com:13055", "dep:13"};
  r.publics = {"jeune", "demandeur_emploi"};
  r.levels = {3, 4};
  r.codes = {{"rome", {"G1602"}}, {"rncp", {"RNCP37860", "RNCP12345"}}};
  r.location = GeoPoint{43.2965, 5.3698};
  r.address = "12 rue de la République, Marseille";
  r.modalities = {"presentiel"};
  r.start = "2027-01-04";
  r.end = "2027-06-30";
  return r;
}

TEST(Record, KeepsEveryFieldButTheBody) {
  Resource r = full_resource();
  r.body = std::string(3000, 'x');
  Resource back;
  ASSERT_TRUE(decode_record(encode_record(r), back));
  Resource expected = r;
  expected.body.clear();
  EXPECT_EQ(back, expected);
}

TEST(Record, KeepsEmptyFieldsEmpty) {
  Resource r;
  r.id = "a";
  r.kind = "aide";
  r.title = "T";
  Resource back = full_resource();
  ASSERT_TRUE(decode_record(encode_record(r), back));
  EXPECT_EQ(back, r);
}

TEST(Record, RejectsDataThatIsNotARecord) {
  std::string data = encode_record(full_resource());
  Resource out;
  // Every truncation, a trailing byte, another format, and old JSON data.
  for (size_t n = 0; n < data.size(); ++n) EXPECT_FALSE(decode_record(data.substr(0, n), out)) << n;
  EXPECT_FALSE(decode_record(data + "x", out));
  std::string other = data;
  other[0] = 2;
  EXPECT_FALSE(decode_record(other, out));
  EXPECT_FALSE(decode_record(R"({"id":"a","kind":"aide","title":"T"})", out));
}

}  // namespace
}  // namespace spro::schema
