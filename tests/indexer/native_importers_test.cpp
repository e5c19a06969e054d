// The native importers on the real partner files of ../shared/data
// (skipped when absent): each file recognised by its content, read whole,
// with the fields users search and filter on.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "import_helpers.h"

namespace spro::indexer {
namespace {

using namespace testing_helpers;

#define REQUIRE_SHARED()                                 \
  const std::string shared = testing::shared_data_dir(); \
  if (shared.empty()) GTEST_SKIP() << "../shared/data not present"

TEST(Recognisers, EachPartnerFileByItsContent) {
  REQUIRE_SHARED();
  const std::map<std::string, std::string> expected = {
      {"rome/v460", "rome-csv"},
      {"rome/v460/unix_referentiel_code_rome_v460_utf8.csv", "rome-csv"},
      {"rome/v460/unix_texte_v460_utf8.csv", "dictionary"},
      {"rome/v344/unix_referentiel_code_rome_v344_iso8859-15.xml", "rome-xml"},
      {"rome/v344/unix_arborescence_v344_iso8859-15.xml", "dictionary"},
      {"onisep/ideo-formations_initiales_en_france.csv", "onisep-formations"},
      {"onisep/ideo-metiers_onisep.csv", "onisep-metiers"},
      {"onisep/ideo-enseignements_de_specialite_de_premiere_generale.csv", "onisep-lycee"},
      {"onisep/ideo-enseignements_optionnels_de_seconde_generale_et_technologique.csv", "onisep-lycee"},
      {"lheo/offres/exemple-bts-onisep.xml", "lheo"},
      {"lheo/offres/trefle-07_10-titre-pro-plaquiste.xml", "lheo"},
      {"lheo/lheo-gml-2.3.xml", "dictionary"},
      {"lheo/dictionnaires/dict-public-vise-formacode-V10.xml", "dictionary"},
      {"nomenclatures/lheo-dict-NSF.xml", "dictionary"},
      {"nomenclatures/formacode-v12-FCod-utf-8.csv", "dictionary"},
      {"nomenclatures/rome-v2-formacode-RomeFCod-utf-8.csv", "dictionary"},
      {"certifications/certifinfo-intitules-2020.json", "certifinfo"},
      {"aides/aides-jeunes-benefits.jsonl", "aides-jeunes"},
      {"aides/aides-jeunes-institutions.jsonl", "dictionary"},
      {"aides/aides-jeunes", "aides-jeunes-yaml"},
      {"aides/aides-jeunes/benefits/javascript/caf-ain-aide-bafa-session-generale.yml", "aides-jeunes-yaml"},
      {"aides/aides-jeunes/institutions/caf_ain.yml", "dictionary"},
      {"lieux/france-services-20240801.csv", "france-services"},
      {"lieux/points-relais-conseil-vae-2023-07.csv", "vae-points"},
      {"lieux/lycees-donnees-generales-idf.csv", "lycees-idf"},
      {"fiches-service-public/particuliers/F10030.json", "service-public"},
      {"fiches-service-public/index-subset.json", "dictionary"},
      {"PROVENANCE.md", ""},
      {"lheo/lheo-2.3.xsd", ""},
      {"territories/communes.csv", ""},
  };
  for (const auto& [file, format] : expected) {
    EXPECT_EQ(recognised_format(sample_of(shared + "/" + file)), format) << file;
  }
}

TEST(RomeImporter, InterestCentresAndRelatedJobs) {
  REQUIRE_SHARED();
  auto in = import_file(shared + "/rome/v460");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.valid(), 1584u);
  const ImportedRecord* dev = in.find("rome:M1805");
  ASSERT_NE(dev, nullptr);
  const Resource& r = *dev->resource;
  EXPECT_EQ(r.source, "france-travail");
  EXPECT_TRUE(contains(r.keywords, "Je suis passionné / passionnée par les nouvelles technologies"));
  EXPECT_TRUE(contains(r.codes.at("interest"), "29"));
  EXPECT_FALSE(r.codes.at("rome_related").empty());
}

TEST(RomeImporter, Rome3XmlIdsDoNotCollideWithRome4) {
  REQUIRE_SHARED();
  auto in = import_file(shared + "/rome/v344/unix_referentiel_code_rome_v344_iso8859-15.xml");
  EXPECT_EQ(in.valid(), 532u);
  const ImportedRecord* r = in.find("rome-v3:A1101");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->resource->codes.at("rome"), std::vector<std::string>{"A1101"});
  EXPECT_EQ(r->resource->source, "france-travail");
}

TEST(OnisepImporters, FormationsWithRncpLevelAndDomains) {
  REQUIRE_SHARED();
  auto in = import_file(shared + "/onisep/ideo-formations_initiales_en_france.csv");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.valid(), 6086u);
  const ImportedRecord* bts = in.find("onisep:FOR.271");
  ASSERT_NE(bts, nullptr);
  const Resource& r = *bts->resource;
  EXPECT_EQ(r.title, "BTS gestion des transports et logistique associée");
  EXPECT_EQ(r.kind, "formation");
  EXPECT_EQ(r.source, "onisep");
  EXPECT_EQ(r.levels, std::vector<int>{5});
  EXPECT_EQ(r.codes.at("rncp"), std::vector<std::string>{"35400"});
  EXPECT_EQ(r.territories, std::vector<std::string>{"fr"});
  EXPECT_TRUE(contains(r.keywords, "BTS"));
  EXPECT_TRUE(contains(r.keywords, "transport"));
  EXPECT_EQ(r.url, "http://www.onisep.fr/http/redirection/formation/slug/FOR.271");
}

TEST(OnisepImporters, MetiersRowsOfOneJobAreMergedNotRejected) {
  REQUIRE_SHARED();
  auto in = import_file(shared + "/onisep/ideo-metiers_onisep.csv");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  // 1,099 rows, 792 distinct jobs: one resource each, none rejected.
  EXPECT_EQ(in.records.size(), 792u);
  EXPECT_EQ(in.valid(), 792u);
  std::set<std::string> ids;
  for (const auto& r : in.records) ids.insert(r.id());
  EXPECT_EQ(ids.size(), 792u);
  const ImportedRecord* plumber = in.find("onisep:MET.571");
  ASSERT_NE(plumber, nullptr);
  EXPECT_EQ(plumber->resource->codes.at("rome"), std::vector<std::string>{"M1101"});
  EXPECT_EQ(plumber->resource->kind, "metier");
  const ImportedRecord* aes = in.find("onisep:MET.782");
  ASSERT_NE(aes, nullptr);
  EXPECT_EQ(aes->resource->title, "Accompagnant éducatif et social / accompagnante éducative et sociale");
}

TEST(OnisepImporters, LyceeTeachingsAreLocatedFormations) {
  REQUIRE_SHARED();
  for (const char* file : {"ideo-enseignements_de_specialite_de_premiere_generale.csv",
                           "ideo-enseignements_optionnels_de_seconde_generale_et_technologique.csv"}) {
    auto in = import_file(shared + "/onisep/" + file);
    ASSERT_TRUE(in.status.ok()) << in.status.message();
    size_t located = 0;
    for (const auto& rec : in.records) {
      ASSERT_TRUE(rec.errors.empty()) << rec.location << ": " << rec.errors[0].to_string();
      located += !rec.resource->territories.empty() && rec.resource->territories[0].starts_with("com:");
    }
    std::cout << "[figure] " << file << ": " << located << " / " << in.records.size() << " in a commune\n";
    EXPECT_GE(located * 100, in.records.size() * 99);
  }
  auto in = import_file(shared + "/onisep/ideo-enseignements_de_specialite_de_premiere_generale.csv");
  const ImportedRecord* af = in.find("onisep:AF.23666");
  ASSERT_NE(af, nullptr);
  const Resource& r = *af->resource;
  EXPECT_EQ(r.codes.at("uai"), std::vector<std::string>{"0271282X"});
  EXPECT_EQ(r.territories, std::vector<std::string>{"com:27056"});  // Bernay 27300
  EXPECT_TRUE(contains(r.keywords, "sciences économiques et sociales"));
  EXPECT_EQ(r.updated, "2021-02-15");
  EXPECT_EQ(r.publics, std::vector<std::string>{"scolaire"});
}

TEST(PlaceImporters, FranceServicesEveryRowLocated) {
  REQUIRE_SHARED();
  auto in = import_file(shared + "/lieux/france-services-20240801.csv");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.valid(), 2845u);
  const Resource& first = *in.find("france-services:1")->resource;
  EXPECT_EQ(first.title, "France services de Valserhône");
  EXPECT_EQ(first.territories, std::vector<std::string>{"com:01033"});
  EXPECT_EQ(first.source, "anct");
  EXPECT_EQ(first.kind, "structure");
  ASSERT_TRUE(first.location.has_value());
  EXPECT_NEAR(first.location->lat, 46.106, 0.001);
  EXPECT_NE(first.body.find("Mardi : 09:00 - 12:00 / 13:30 - 17:00"), std::string::npos);
  for (const auto& r : in.records) EXPECT_TRUE(r.resource->location.has_value()) << r.location;
}

TEST(PlaceImporters, VaePointsHaveStableDistinctIds) {
  REQUIRE_SHARED();
  auto first = import_file(shared + "/lieux/points-relais-conseil-vae-2023-07.csv");
  auto second = import_file(shared + "/lieux/points-relais-conseil-vae-2023-07.csv");
  ASSERT_EQ(first.records.size(), 154u);
  EXPECT_EQ(first.valid(), 154u);
  std::set<std::string> ids;
  size_t in_departement = 0;
  for (size_t i = 0; i < first.records.size(); ++i) {
    ids.insert(first.records[i].id());
    EXPECT_EQ(first.records[i].id(), second.records[i].id());
    const Resource& r = *first.records[i].resource;
    EXPECT_EQ(r.address.find('\n'), std::string::npos);
    in_departement += r.territories.size() == 1 && r.territories[0].starts_with("dep:");
    EXPECT_EQ(r.territories.size(), 1u) << first.records[i].location;
  }
  EXPECT_EQ(ids.size(), 154u);
  EXPECT_EQ(in_departement, 145u);  // 9 Corsican points say "20" and no address: région Corse
  EXPECT_EQ(first.records[0].resource->territories, std::vector<std::string>{"dep:18"});
  EXPECT_EQ(first.find(first.records[150].id())->resource->territories.size(), 1u);
}

TEST(PlaceImporters, LyceesIdfWithUaiAndCoordinates) {
  REQUIRE_SHARED();
  auto in = import_file(shared + "/lieux/lycees-donnees-generales-idf.csv");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.valid(), 688u);
  const ImportedRecord* ce3p = in.find("uai:0942145W");
  ASSERT_NE(ce3p, nullptr);
  EXPECT_EQ(ce3p->resource->territories, std::vector<std::string>{"com:94041"});
  ASSERT_TRUE(ce3p->resource->location.has_value());
  EXPECT_NEAR(ce3p->resource->location->lon, 2.378, 0.001);
  EXPECT_EQ(ce3p->resource->source, "region-idf");
}

TEST(AidesJeunesImporters, JsonLinesAndYamlFolderGiveIdenticalAids) {
  REQUIRE_SHARED();
  auto jsonl = import_file(shared + "/aides/aides-jeunes-benefits.jsonl");
  auto yaml = import_file(shared + "/aides/aides-jeunes");
  ASSERT_EQ(jsonl.records.size(), 552u);
  ASSERT_EQ(yaml.records.size(), 552u);
  EXPECT_EQ(jsonl.valid(), 552u);
  EXPECT_EQ(yaml.valid(), 552u);
  size_t compared = 0;
  for (const auto& rec : jsonl.records) {
    const ImportedRecord* other = yaml.find(rec.id());
    ASSERT_NE(other, nullptr) << rec.id();
    EXPECT_EQ(to_json(*rec.resource), to_json(*other->resource)) << rec.id();
    ++compared;
  }
  EXPECT_EQ(compared, 552u);
}

TEST(AidesJeunesImporters, AidsArePlacedInTheirInstitutionsTerritory) {
  REQUIRE_SHARED();
  auto in = import_file(shared + "/aides/aides-jeunes-benefits.jsonl");
  // An EPCI's aid with no territory condition: the EPCI, not the country.
  const ImportedRecord* verdun = in.find("aides-jeunes:ca_grand_verdun_bourse_au_permis_de_conduire");
  ASSERT_NE(verdun, nullptr);
  EXPECT_EQ(verdun->resource->territories, std::vector<std::string>{"epci:200049187"});
  // A CAF's aid: its département (here also its conditions_generales).
  const ImportedRecord* bafa = in.find("aides-jeunes:caf-ain-aide-bafa-session-generale");
  ASSERT_NE(bafa, nullptr);
  EXPECT_EQ(bafa->resource->territories, std::vector<std::string>{"dep:01"});
  // A national aid stays national.
  const ImportedRecord* national = in.find("aides-jeunes:caf-aide-nationale-bafa");
  ASSERT_NE(national, nullptr);
  EXPECT_EQ(national->resource->territories, std::vector<std::string>{"fr"});
}

TEST(AidesJeunesImporters, YamlOperatorEqualsIsTheString) {
  REQUIRE_SHARED();
  // union_europeenne_discovereu.yml: `operator: =` with value 18.
  auto in = import_file(shared + "/aides/aides-jeunes/benefits/javascript/union_europeenne_discovereu.yml",
                        "aides-jeunes-yaml");
  ASSERT_EQ(in.records.size(), 1u);
  ASSERT_TRUE(in.records[0].errors.empty()) << in.records[0].errors[0].to_string();
  EXPECT_TRUE(contains(in.records[0].resource->publics, "jeune"));  // age = 18
}

TEST(CertifInfoImporter, EveryCertificationWithItsDiplomaType) {
  REQUIRE_SHARED();
  auto in = import_file(shared + "/certifications/certifinfo-intitules-2020.json");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.valid(), 12429u);  // 12,551 keys less 8 levels and 114 diploma types
  const ImportedRecord* r = in.find("certifinfo:100001");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->resource->codes.at("certifinfo_type"), std::vector<std::string>{"type970"});
  EXPECT_EQ(r->resource->source, "certifinfo");
}

TEST(ServicePublicImporter, EveryFicheOfTheFolder) {
  REQUIRE_SHARED();
  size_t fiches = 0;
  for (const auto& e : std::filesystem::directory_iterator(shared + "/fiches-service-public/particuliers")) {
    auto in = import_file(e.path().string());
    ASSERT_EQ(in.records.size(), 1u) << e.path();
    ASSERT_TRUE(in.records[0].errors.empty()) << e.path() << ": " << in.records[0].errors[0].to_string();
    EXPECT_EQ(in.records[0].resource->source, "service-public");
    ++fiches;
  }
  EXPECT_EQ(fiches, 158u);
}

TEST(ServicePublicImporter, AFicheExportedInWindows1252) {
  testing::TempDir tmp;
  // The shape of the real fiches, its accents in Windows-1252 bytes.
  testing::write_file(tmp / "F1.json",
                      "{\"id\": \"F1\", \"children\": [{\"type\": \"element\", \"name\": \"Publication\", "
                      "\"attributes\": {\"ID\": \"F1\"}, \"children\": [{\"type\": \"element\", \"name\": "
                      "\"dc:title\", \"children\": [{\"type\": \"text\", \"text\": \"Pr\xEAt \xE9tudiant\"}]}]}]}");
  auto in = import_file(tmp / "F1.json", "service-public");
  ASSERT_EQ(in.records.size(), 1u);
  ASSERT_TRUE(in.records[0].errors.empty()) << in.records[0].errors[0].to_string();
  EXPECT_EQ(in.records[0].resource->title, "Prêt étudiant");
}

TEST(LheoImporter, AllFiveRealOffers) {
  REQUIRE_SHARED();
  size_t actions = 0;
  for (const auto& e : std::filesystem::directory_iterator(shared + "/lheo/offres")) {
    auto in = import_file(e.path().string());
    ASSERT_TRUE(in.status.ok()) << e.path() << ": " << in.status.message();
    ASSERT_FALSE(in.records.empty()) << e.path();
    for (const auto& r : in.records) {
      EXPECT_TRUE(r.errors.empty()) << r.location << ": " << r.errors[0].to_string();
      EXPECT_EQ(r.resource->source, "carif-oref");
    }
    actions += in.records.size();
  }
  EXPECT_EQ(actions, 6u);  // the plaquiste offer has two actions
}

TEST(DictionaryImporter, YieldsNoResource) {
  REQUIRE_SHARED();
  auto in = import_file(shared + "/nomenclatures/formacode-v12-FCod-utf-8.csv");
  EXPECT_TRUE(in.status.ok());
  EXPECT_TRUE(in.records.empty());
}

}  // namespace
}  // namespace spro::indexer

namespace spro::indexer {
namespace {

using namespace testing_helpers;

// No LHÉO 2.3 offer is public; the 2.3 namespace (lheo.gouv.fr) is read
// like 2.2's (lheo.org).
TEST(LheoImporter, Lheo23NamespaceIsRecognisedAndRead) {
  testing::TempDir tmp;
  testing::write_file(tmp / "offre.xml",
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- export -->\n"
                      "<lheo:lheo xmlns:lheo=\"http://lheo.gouv.fr/2.3\"><lheo:offres>"
                      "<lheo:formation numero=\"F1\"><lheo:intitule-formation>Plaquiste</lheo:intitule-formation>"
                      "<lheo:action numero=\"A1\"><lheo:lieu-de-formation><lheo:coordonnees><lheo:adresse>"
                      "<lheo:codepostal>37250</lheo:codepostal><lheo:ville>Veigné</lheo:ville>"
                      "<lheo:code-INSEE-commune>37266</lheo:code-INSEE-commune></lheo:adresse></lheo:coordonnees>"
                      "</lheo:lieu-de-formation></lheo:action></lheo:formation></lheo:offres></lheo:lheo>");
  EXPECT_EQ(recognised_format(sample_of(tmp / "offre.xml")), "lheo");
  auto in = import_file(tmp / "offre.xml");
  ASSERT_EQ(in.valid(), 1u);
  EXPECT_EQ(in.records[0].resource->id, "lheo:F1:A1");
  EXPECT_EQ(in.records[0].resource->territories, std::vector<std::string>{"com:37266"});
}

}  // namespace
}  // namespace spro::indexer
