#include "spro/resource.h"

#include <gtest/gtest.h>

namespace spro {
namespace {

std::vector<std::string> parse_errors(std::string_view json) {
  std::vector<FieldError> errors;
  auto r = parse_resource(json, errors);
  EXPECT_FALSE(r.has_value());
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.to_string());
  return out;
}

TEST(Resource, ParsesEveryField) {
  std::vector<FieldError> errors;
  auto r = parse_resource(R"({"id":"lheo:AF1","kind":"formation","title":"CAP Cuisine","summary":"s","body":"b",
    "keywords":["cuisine"],"source":"carif-oref","url":"https://example.org/x","updated":"2024-05-01",
    "territories":["com:13055","dep:2A","reg:93","epci:200054807","fr","dep:971"],"publics":["jeune","demandeur_emploi"],
    "levels":[3],"codes":{"rome":["G1602"],"formacode":["42752"]},"location":{"lat":43.3,"lon":5.4},
    "address":"1 rue X, 13001 Marseille","modalities":["presentiel","distance"],"start":"2024-09-01","end":"2025-06-30"})",
                          errors);
  ASSERT_TRUE(r.has_value()) << (errors.empty() ? "" : errors[0].to_string());
  EXPECT_EQ(r->id, "lheo:AF1");
  EXPECT_EQ(r->levels, std::vector<int>{3});
  EXPECT_EQ(r->codes.at("formacode"), std::vector<std::string>{"42752"});
  ASSERT_TRUE(r->location.has_value());
  EXPECT_DOUBLE_EQ(r->location->lon, 5.4);
}

TEST(Resource, JsonRoundTrip) {
  Resource r;
  r.id = "rome:J1506";
  r.kind = "metier";
  r.title = "Infirmier / Infirmière \"IDE\"";
  r.keywords = {"soins", "santé"};
  r.territories = {"fr"};
  r.levels = {6};
  r.codes["rome"] = {"J1506"};
  r.location = GeoPoint{48.85, 2.35};
  std::vector<FieldError> errors;
  auto back = parse_resource(to_json(r), errors);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, r);
}

// Regression test for a crash found by tests/fuzz/resource_json_fuzzer:
// a number beyond double's range made nlohmann::json throw out_of_range,
// which parse_resource() did not catch (std::terminate, spro-index died).
TEST(Resource, NumberOutOfRangeIsAnErrorNotACrash) {
  std::vector<FieldError> errors;
  EXPECT_FALSE(parse_resource("7323333333338e3332", errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].reason.find("number overflow"), std::string::npos) << errors[0].reason;
  EXPECT_FALSE(parse_resource(R"({"id":"a","kind":"metier","title":"T","levels":[1e400]})", errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].reason.find("invalid JSON"), std::string::npos) << errors[0].reason;
}

TEST(Resource, RequiredFields) {
  EXPECT_EQ(parse_errors(R"({"kind":"metier","title":"x"})"), std::vector<std::string>{"id: required"});
  EXPECT_EQ(parse_errors(R"({"id":"a","title":"x"})"), std::vector<std::string>{"kind: required"});
  EXPECT_EQ(parse_errors(R"({"id":"a","kind":"metier","title":"  "})"), std::vector<std::string>{"title: required"});
}

TEST(Resource, OneMessagePerProblem) {
  auto errors = parse_errors(R"({"id":"a","kind":"job","title":"x","levels":[9],"publics":["robots"],"territories":["93"]})");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0], "kind: unknown kind 'job'");
  EXPECT_NE(errors[1].find("territories: '93' is not a territory code"), std::string::npos);
  EXPECT_EQ(errors[2], "publics: unknown public 'robots'");
  EXPECT_EQ(errors[3], "levels: level 9 is not between 1 and 8");
}

TEST(Resource, WrongTypesAreNamed) {
  auto errors = parse_errors(R"({"id":7,"kind":"metier","title":["x"],"levels":"4","codes":{"rome":"J1506"},"location":[1,2]})");
  EXPECT_EQ(errors, (std::vector<std::string>{"id: must be a string", "title: must be a string",
                                              "levels: must be a list of integers",
                                              "codes.rome: must be a list of strings",
                                              "location: must be an object {\"lat\": number, \"lon\": number}"}));
}

TEST(Resource, InvalidJsonAndUtf8AreReported) {
  auto errors = parse_errors(R"({"id":"a","kind":"metier","title":"x")");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("invalid JSON"), std::string::npos);
  errors = parse_errors("{\"id\":\"a\",\"kind\":\"metier\",\"title\":\"caf\xE9\"}");  // Latin-1 é
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("invalid JSON"), std::string::npos);
  EXPECT_EQ(parse_errors("[1,2]"), std::vector<std::string>{"a record must be a JSON object"});
}

TEST(Resource, UnknownFieldsAreErrorsUnlessPrivate) {
  EXPECT_EQ(parse_errors(R"({"id":"a","kind":"metier","title":"x","titel":"y"})"),
            std::vector<std::string>{"titel: unknown field"});
  std::vector<FieldError> errors;
  EXPECT_TRUE(parse_resource(R"({"id":"a","kind":"metier","title":"x","_origin":"y"})", errors).has_value());
}

TEST(Resource, TerritoryCodesAreTyped) {
  std::vector<FieldError> errors;
  for (const char* ok : {"fr", "reg:93", "reg:975", "dep:93", "dep:2B", "dep:974", "com:2A004", "com:97105", "epci:200054807"}) {
    std::string json = std::string(R"({"id":"a","kind":"aide","title":"x","territories":[")") + ok + "\"]}";
    EXPECT_TRUE(parse_resource(json, errors).has_value()) << ok;
  }
  for (const char* bad : {"93", "France", "dep:2C", "dep:100", "com:1305", "reg:9", "epci:123"}) {
    std::string json = std::string(R"({"id":"a","kind":"aide","title":"x","territories":[")") + bad + "\"]}";
    EXPECT_FALSE(parse_resource(json, errors).has_value()) << bad;
  }
}

TEST(Resource, DatesUrlsAndLocations) {
  EXPECT_EQ(parse_errors(R"({"id":"a","kind":"aide","title":"x","updated":"01/05/2024"})"),
            std::vector<std::string>{"updated: must be a date YYYY-MM-DD"});
  EXPECT_EQ(parse_errors(R"j({"id":"a","kind":"aide","title":"x","url":"javascript:alert(1)"})j"),
            std::vector<std::string>{"url: must start with http:// or https://"});
  EXPECT_EQ(parse_errors(R"({"id":"a","kind":"aide","title":"x","location":{"lat":91,"lon":0}})"),
            std::vector<std::string>{"location: latitude must be in [-90, 90] and longitude in [-180, 180]"});
}

TEST(Resource, HugeFieldsAreRefusedWithTheirSize) {
  std::string huge(5 * 1024 * 1024, 'a');
  auto errors = parse_errors(R"({"id":"a","kind":"aide","title":"x","body":")" + huge + "\"}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("body: too long (5242880 bytes", 0), 0u) << errors[0];
}

TEST(Resource, IdsWithSpacesAreRefused) {
  EXPECT_EQ(parse_errors(R"({"id":"a b","kind":"aide","title":"x"})"),
            std::vector<std::string>{"id: must not contain spaces or control characters"});
}

TEST(Vocabularies, EveryEntryHasAFrenchLabel) {
  for (const auto* vocab : {&kinds(), &publics(), &modalities()}) {
    for (const auto& e : *vocab) EXPECT_FALSE(e.label.empty()) << e.id;
  }
  EXPECT_EQ(level_label(4), "Niveau 4 (bac)");
  EXPECT_TRUE(level_label(9).empty());
}

}  // namespace
}  // namespace spro
