// Each importer on the real partner files of ../shared/data (skipped when
// absent) and on crafted bad files.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "importer.h"
#include "normalize.h"
#include "test_util.h"

namespace spro::indexer {
namespace {

struct Imported {
  std::vector<ImportedRecord> records;
  Status status;
};

Imported import(const SourceOptions& options, const std::string& path, bool normalize = true) {
  Imported out;
  auto importer = open_importer(options, path);
  EXPECT_TRUE(importer.ok()) << importer.status().message();
  if (!importer.ok()) {
    out.status = importer.status();
    return out;
  }
  Vocabularies vocab = Vocabularies::builtin();
  ImportedRecord rec;
  while ((*importer)->next(rec)) {
    if (normalize) normalize_record(rec, options, vocab);
    out.records.push_back(std::move(rec));
  }
  out.status = (*importer)->status();
  return out;
}

const ImportedRecord* find(const Imported& in, const std::string& id) {
  for (const auto& r : in.records) {
    if (r.resource && r.resource->id == id) return &r;
  }
  return nullptr;
}

size_t valid(const Imported& in) {
  return std::count_if(in.records.begin(), in.records.end(), [](const auto& r) { return r.errors.empty(); });
}

#define REQUIRE_SHARED()                                                         \
  const std::string shared = testing::shared_data_dir();                         \
  if (shared.empty()) GTEST_SKIP() << "../shared/data not present"

TEST(RomeImporter, RealRome4Folder) {
  REQUIRE_SHARED();
  SourceOptions o;
  o.format = "rome-csv";
  o.default_territories = {"fr"};
  auto in = import(o, shared + "/rome/v460");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.records.size(), 1584u);
  EXPECT_EQ(valid(in), 1584u);
  const ImportedRecord* nurse = find(in, "rome:J1506");
  ASSERT_NE(nurse, nullptr);
  const Resource& r = *nurse->resource;
  EXPECT_EQ(r.kind, "metier");
  EXPECT_NE(std::find(r.keywords.begin(), r.keywords.end(), "Infirmier / Infirmière en santé mentale"), r.keywords.end());
  // Rarely used titles (peu_usite = O) are left out.
  EXPECT_EQ(std::find(r.keywords.begin(), r.keywords.end(), "Infirmier / Infirmière de secteur psychiatrique"), r.keywords.end());
  EXPECT_EQ(r.body.find("''"), std::string::npos);  // SQL-doubled apostrophes undone
  EXPECT_NE(r.body.find("Accès au métier"), std::string::npos);
  EXPECT_FALSE(r.codes.at("rome_related").empty());
  EXPECT_EQ(r.territories, std::vector<std::string>{"fr"});
}

TEST(RomeImporter, Rome3XmlInIso885915) {
  REQUIRE_SHARED();
  SourceOptions o;
  o.default_territories = {"fr"};
  auto in = import(o, shared + "/rome/v344/unix_referentiel_code_rome_v344_iso8859-15.xml");  // format detected
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.records.size(), 532u);
  ASSERT_NE(find(in, "rome-v3:A1201"), nullptr);
  EXPECT_EQ(find(in, "rome-v3:A1201")->resource->title, "Bûcheronnage et élagage");
  EXPECT_EQ(find(in, "rome-v3:A1101")->resource->title, "Conduite d'engins agricoles et forestiers");
}

TEST(LheoImporter, RealCarifOrefOffers) {
  REQUIRE_SHARED();
  SourceOptions o;
  o.partner = "carif-oref";
  auto in = import(o, shared + "/lheo/offres/trefle-07_10-titre-pro-plaquiste.xml");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  ASSERT_EQ(in.records.size(), 2u);  // one per action
  const Resource& r = *in.records[0].resource;
  EXPECT_TRUE(in.records[0].errors.empty()) << in.records[0].errors[0].to_string();
  EXPECT_EQ(r.title, "Titre professionnel plaquiste");
  EXPECT_EQ(r.territories, std::vector<std::string>{"com:37266"});  // Veigné
  EXPECT_EQ(r.levels, std::vector<int>{3});                          // niveau V
  EXPECT_EQ(r.publics, std::vector<std::string>{"tout_public"});
  EXPECT_EQ(r.codes.at("rome"), std::vector<std::string>{"F1604"});
  EXPECT_EQ(r.codes.at("rncp"), std::vector<std::string>{"320"});
  EXPECT_TRUE(r.location.has_value());
  EXPECT_EQ(r.source, "carif-oref");
  // Contact people are not imported.
  EXPECT_EQ(r.body.find("LEROY"), std::string::npos);
  EXPECT_EQ(r.address.find("02 47"), std::string::npos);
}

TEST(LheoImporter, EscapedHtmlInOnisepOffer) {
  REQUIRE_SHARED();
  auto in = import({}, shared + "/lheo/offres/exemple-bts-onisep.xml");
  ASSERT_FALSE(in.records.empty());
  const Resource& r = *in.records[0].resource;
  EXPECT_EQ(r.summary.find("<"), std::string::npos) << r.summary;
  EXPECT_EQ(r.body.find("&lt;"), std::string::npos);
}

TEST(LheoImporter, TruncatedFileIsAnErrorWithItsLine) {
  REQUIRE_SHARED();
  testing::TempDir tmp;
  std::string xml = testing::read_file(shared + "/lheo/offres/trefle-07_10-titre-pro-plaquiste.xml");
  testing::write_file(tmp / "cut.xml", xml.substr(0, xml.size() / 2));
  SourceOptions lheo;
  lheo.format = "lheo";
  auto importer = open_importer(lheo, tmp / "cut.xml");
  ASSERT_TRUE(importer.ok());
  ImportedRecord rec;
  while ((*importer)->next(rec)) {
  }
  ASSERT_FALSE((*importer)->status().ok());
  EXPECT_NE((*importer)->status().message().find("cut.xml:"), std::string::npos) << (*importer)->status().message();
}

TEST(CsvImporter, FranceServicesWithMultiLineFields) {
  REQUIRE_SHARED();
  SourceOptions o;
  o.format = "csv";
  o.partner = "anct";
  o.mapping = {{"id", "fs:{id_fs}"}, {"kind", "structure"}, {"title", "{lib_fs}"},
               {"address", "{adresse} {complement_adresse}, {code_postal} {lib_com}"},
               {"territories", "com:{insee_com}"}, {"location", "{latitude},{longitude}"}};
  o.default_publics = {"tout public"};
  auto in = import(o, shared + "/lieux/france-services-20240801.csv");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.records.size(), 2845u);  // 2,884 lines, some quoted fields hold newlines
  EXPECT_EQ(valid(in), 2845u);
  const Resource& first = *in.records[0].resource;
  EXPECT_EQ(first.title, "France services de Valserhône");
  EXPECT_EQ(first.territories, std::vector<std::string>{"com:01033"});
  EXPECT_EQ(first.publics, std::vector<std::string>{"tout_public"});
  ASSERT_TRUE(first.location.has_value());
}

TEST(CsvImporter, VaePointsWithMessyAddressesAndNamedDepartements) {
  REQUIRE_SHARED();
  SourceOptions o;
  o.format = "csv";
  o.mapping = {{"id", "vae:{NOM}-{ADRESSE}"}, {"kind", "structure"}, {"title", "{NOM}"}, {"address", "{ADRESSE}"},
               {"territories", "{DEPARTEMENT}"}};
  auto in = import(o, shared + "/lieux/points-relais-conseil-vae-2023-07.csv");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.records.size(), 154u);
  size_t with_departement = 0;
  for (const auto& r : in.records) {
    if (r.resource && !r.resource->territories.empty()) ++with_departement;
    for (const auto& a : r.resource ? std::vector<std::string>{r.resource->address} : std::vector<std::string>{}) {
      EXPECT_EQ(a.find('\n'), std::string::npos);  // multi-line addresses squeezed
    }
  }
  EXPECT_GT(with_departement, 140u);
}

TEST(CsvImporter, OnisepFormationsLevelsFromLabels) {
  REQUIRE_SHARED();
  SourceOptions o;
  o.format = "csv";
  o.delimiter = ';';
  o.mapping = {{"id", "onisep:{lien site onisep.fr|basename}"}, {"kind", "formation"},
               {"title", "{libellé formation principal}"}, {"levels", "{libellé niveau RNCP}"},
               {"keywords", "{domaine/sous-domaine}"}};
  o.default_territories = {"France"};
  auto in = import(o, shared + "/onisep/ideo-formations_initiales_en_france.csv");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.records.size(), 6086u);
  const ImportedRecord* r = find(in, "onisep:FOR.6913");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->resource->levels, std::vector<int>{5});  // "niveau 5 (bac + 2)"
  EXPECT_EQ(r->resource->territories, std::vector<std::string>{"fr"});
  EXPECT_EQ(r->resource->keywords.front(), "santé - social - sport/travail social");
}

// ONISEP located training actions: lycées given by commune name and postal
// code (CEDEX codes included) are resolved to INSEE communes.
TEST(CsvImporter, OnisepLyceesResolvedToCommunes) {
  REQUIRE_SHARED();
  SourceOptions o;
  o.format = "csv";
  o.mapping = {{"id", "onisep:{Identifiant action de formation}"}, {"kind", "formation"},
               {"title", "Enseignements de spécialité de 1re générale — {Libellé lieu de cours}"},
               {"keywords", "{Enseignements de spécialité de classe de 1ère générale}"},
               {"address", "{Adresse lieu de cours}, {Code postal lieu de cours} {Commune lieu de cours}"},
               {"territories", "{Commune lieu de cours} {Code postal lieu de cours}"}};
  auto in = import(o, shared + "/onisep/ideo-enseignements_de_specialite_de_premiere_generale.csv");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  EXPECT_EQ(in.records.size(), 2452u);
  size_t resolved = 0;
  std::vector<std::string> unresolved;
  for (const auto& r : in.records) {
    if (r.resource && !r.resource->territories.empty()) ++resolved;
    else if (unresolved.size() < 5) unresolved.push_back(r.warnings.empty() ? r.location : r.warnings[0]);
  }
  double rate = 100.0 * resolved / in.records.size();
  std::cout << "[figure] ONISEP lycées resolved to a commune: " << resolved << " / " << in.records.size() << " = " << rate << "%\n";
  for (const auto& u : unresolved) std::cout << "  " << u << "\n";
  EXPECT_GE(rate, 99.0);
}

TEST(CsvImporter, BadRecordsAreReportedAndTheOthersKept) {
  testing::TempDir tmp;
  std::string big(10 * 1024 * 1024, 'x');
  testing::write_file(tmp / "in.csv",
                      "id;titre;lieu;public;niveau;texte\n"
                      "1;Boulanger;Toulon;DE;niveau V;court\n"
                      "2;Pâtissier;Atlantide;martiens;niveau Z;court\n"
                      "3;Trop long;Lille;jeunes 16-25 ans;BTS;" + big + "\n"
                      "4;Champs;manquants\n"
                      "5;Cuisinier;83000;RQTH;bac+2;court\n");
  SourceOptions o;
  o.format = "csv";
  o.kind = "formation";
  o.mapping = {{"id", "x:{id}"}, {"title", "{titre}"}, {"territories", "{lieu}"}, {"publics", "{public}"},
               {"levels", "{niveau}"}, {"body", "{texte}"}};
  auto in = import(o, tmp / "in.csv");
  ASSERT_TRUE(in.status.ok()) << in.status.message();
  ASSERT_EQ(in.records.size(), 5u);
  const Resource& r1 = *in.records[0].resource;
  EXPECT_EQ(r1.territories, std::vector<std::string>{"com:83137"});
  EXPECT_EQ(r1.publics, std::vector<std::string>{"demandeur_emploi"});
  EXPECT_EQ(r1.levels, std::vector<int>{3});
  // Unknown values are dropped with a warning naming them; the record stays.
  const ImportedRecord& r2 = in.records[1];
  EXPECT_TRUE(r2.errors.empty());
  ASSERT_EQ(r2.warnings.size(), 3u);
  EXPECT_NE(r2.warnings[0].find("unknown territory 'Atlantide'"), std::string::npos);
  EXPECT_NE(r2.warnings[1].find("unknown public 'martiens'"), std::string::npos);
  EXPECT_NE(r2.warnings[2].find("unknown level 'niveau Z'"), std::string::npos);
  // A 10 MB field is refused with its size; the record after it is fine.
  ASSERT_FALSE(in.records[2].errors.empty());
  EXPECT_NE(in.records[2].errors[0].to_string().find("body: too long"), std::string::npos);
  EXPECT_EQ(in.records[2].location, tmp / "in.csv" + ":4");
  EXPECT_EQ(in.records[3].errors[0].to_string(), "3 fields where the header has 6");
  EXPECT_EQ(in.records[4].resource->levels, std::vector<int>{5});
  EXPECT_EQ(in.records[4].resource->publics, std::vector<std::string>{"handicap"});
}

TEST(CsvImporter, MappingErrorsNameTheColumn) {
  testing::TempDir tmp;
  testing::write_file(tmp / "in.csv", "a,b\n1,2\n");
  SourceOptions o;
  o.format = "csv";
  o.mapping = {{"id", "{a}"}, {"title", "{c}"}};
  auto importer = open_importer(o, tmp / "in.csv");
  ASSERT_FALSE(importer.ok());
  EXPECT_NE(importer.status().message().find("names column 'c', not in the header (a, b)"), std::string::npos)
      << importer.status().message();
}

TEST(CertifInfoImporter, TitlesWithTypesAndOldLevels) {
  REQUIRE_SHARED();
  SourceOptions o;
  o.format = "certifinfo";
  o.default_territories = {"fr"};
  auto in = import(o, shared + "/certifications/certifinfo-intitules-2020.json");
  EXPECT_EQ(in.records.size(), 12429u);
  const ImportedRecord* r = find(in, "certifinfo:100005");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->resource->title, "Management opérationnel Agile");
  EXPECT_EQ(r->resource->kind, "certification");
  size_t with_level = 0;
  for (const auto& rec : in.records) with_level += rec.resource && !rec.resource->levels.empty();
  EXPECT_GT(with_level, 8000u);
}

TEST(AidesJeunesImporter, TerritoriesAndPublicsFromConditions) {
  REQUIRE_SHARED();
  SourceOptions o;
  o.format = "aides-jeunes";
  auto in = import(o, shared + "/aides/aides-jeunes-benefits.jsonl");
  EXPECT_EQ(in.records.size(), 552u);
  EXPECT_EQ(valid(in), 552u);
  const ImportedRecord* bafa = find(in, "aides-jeunes:aide-au-bafa-pour-une-session-dapprofondissement-ou-de-qualification-caf-de-la-haute-savoie");
  ASSERT_NE(bafa, nullptr);
  EXPECT_EQ(bafa->resource->territories, std::vector<std::string>{"dep:74"});
  EXPECT_EQ(bafa->resource->kind, "aide");
  EXPECT_EQ(bafa->resource->summary.find("<br>"), std::string::npos);
}

TEST(DocumentImporters, HtmlPageWithoutNavigation) {
  testing::TempDir tmp;
  testing::write_file(tmp / "page.html",
                      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Contrat d'apprentissage</title>"
                      "<meta name=\"description\" content=\"Un contrat de travail en alternance.\"></head><body>"
                      "<nav>Accueil Menu Connexion</nav><main><h1>Contrat</h1><p>L'apprenti suit une formation.</p>"
                      "<script>var x = 1;</script></main><footer>Mentions légales</footer></body></html>");
  SourceOptions o;
  o.partner = "service-public";
  auto in = import(o, tmp / "page.html");
  ASSERT_EQ(in.records.size(), 1u);
  const Resource& r = *in.records[0].resource;
  EXPECT_EQ(r.id, "service-public:page");
  EXPECT_EQ(r.title, "Contrat d'apprentissage");
  EXPECT_EQ(r.summary, "Un contrat de travail en alternance.");
  EXPECT_NE(r.body.find("L'apprenti suit une formation."), std::string::npos);
  for (const char* absent : {"Menu", "Mentions", "var x"}) EXPECT_EQ(r.body.find(absent), std::string::npos) << absent;
}

TEST(DocumentImporters, HtmlPageInTheEncodingTheSourceNames) {
  testing::TempDir tmp;
  // No charset declared: libxml2 would guess; the source says Windows-1252.
  testing::write_file(tmp / "page.html", "<html><head><title>Aide \xE0 l'\x9Cuvre</title></head><body><p>\x80</p></body></html>");
  SourceOptions o;
  o.encoding = "windows-1252";
  auto in = import(o, tmp / "page.html");
  ASSERT_EQ(in.records.size(), 1u);
  EXPECT_EQ(in.records[0].resource->title, "Aide à l'œuvre");
}

TEST(DocumentImporters, PdfBrochureAndMarkdown) {
  std::string sample = SPRO_SOURCE_DIR "/data/sample/partners/service-public/brochures";
  ASSERT_TRUE(std::filesystem::exists(sample));
  std::string pdf = std::filesystem::directory_iterator(sample)->path().string();
  auto in = import({}, pdf);
  ASSERT_EQ(in.records.size(), 1u);
  EXPECT_TRUE(in.records[0].errors.empty());
  EXPECT_FALSE(in.records[0].resource->title.empty());
  EXPECT_GT(in.records[0].resource->body.size(), 200u);

  testing::TempDir tmp;
  testing::write_file(tmp / "guide.md", "# Trouver une formation\n\nLe **CIO** vous accueille.\n");
  auto md = import({}, tmp / "guide.md");
  ASSERT_EQ(md.records.size(), 1u);
  EXPECT_EQ(md.records[0].resource->title, "Trouver une formation");
  EXPECT_NE(md.records[0].resource->body.find("CIO"), std::string::npos);
  testing::write_file(tmp / "broken.pdf", "%PDF-1.4 nothing else");
  EXPECT_FALSE(open_importer({}, tmp / "broken.pdf").ok());
}

TEST(Vocabularies, PartnersWordingsMapToOurIds) {
  Vocabularies v = Vocabularies::builtin();
  EXPECT_EQ(v.public_id("DE"), "demandeur_emploi");
  EXPECT_EQ(v.public_id("Demandeurs d'emploi"), "demandeur_emploi");
  EXPECT_EQ(v.public_id("jeunes 16-25 ans"), "jeune");
  EXPECT_EQ(v.public_id("RQTH"), "handicap");
  EXPECT_EQ(v.public_id("80006"), "demandeur_emploi");  // LHÉO code
  EXPECT_FALSE(v.public_id("martiens").has_value());
  EXPECT_EQ(v.level("niveau V"), 3);
  EXPECT_EQ(v.level("Niveau IV"), 4);
  EXPECT_EQ(v.level("BTS"), 5);
  EXPECT_EQ(v.level("bac+2"), 5);
  EXPECT_EQ(v.level("bac + 2"), 5);
  EXPECT_EQ(v.level("niveau 5 (bac + 2)"), 5);
  EXPECT_EQ(v.level("Master"), 7);
  EXPECT_EQ(v.level("lheo:4"), 3);
  EXPECT_EQ(v.level("lheo:1"), 0);  // known: no level
  EXPECT_FALSE(v.level("niveau 9").has_value());
}

TEST(Vocabularies, EditableFilesAreChecked) {
  testing::TempDir tmp;
  testing::write_file(tmp / "publics.tsv", "# mine\nmartiens\tjeune\n");
  testing::write_file(tmp / "levels.tsv", "cap\t3\n");
  auto v = Vocabularies::load(tmp.path().string());
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->public_id("Martiens"), "jeune");
  testing::write_file(tmp / "publics.tsv", "martiens\tmartien\n");
  auto bad = Vocabularies::load(tmp.path().string());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("publics.tsv:1: unknown public id 'martien'"), std::string::npos);
}

TEST(DetectFormat, ByExtensionAndContent) {
  testing::TempDir tmp;
  testing::write_file(tmp / "offres", "<?xml version=\"1.0\"?>\n<lheo xmlns=\"http://www.lheo.org/2.2\">");
  testing::write_file(tmp / "data", "{\"id\":\"a\"}\n");
  EXPECT_EQ(detect_format(tmp / "offres"), "lheo");
  EXPECT_EQ(detect_format(tmp / "data"), "jsonl");
  EXPECT_EQ(detect_format("x.CSV"), "csv");
  EXPECT_EQ(detect_format("x.pdf"), "pdf");
}

}  // namespace
}  // namespace spro::indexer
