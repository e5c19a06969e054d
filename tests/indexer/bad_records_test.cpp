// Issue 16 item 5: a bad record is a rejection naming its file and line (or
// a warning when what is dropped leaves a good record), never a crash, and
// the good records of the same file are kept. One test per bad input, each
// on the native formats it can occur in.
#include <gtest/gtest.h>

#include "import_helpers.h"
#include "spro/index_writer.h"
#include "spro/searcher.h"

namespace spro::indexer {
namespace {

using namespace testing_helpers;

const std::string kFranceServicesHeader =
    "\"id_fs\",\"insee_dep\",\"lib_fs\",\"adresse\",\"complement_adresse\",\"insee_com\",\"code_postal\",\"lib_com\","
    "\"latitude\",\"longitude\",\"type_fs\"\n";

std::string france_services_row(const std::string& id, const std::string& name, const std::string& lat = "43.12",
                                const std::string& lon = "5.93") {
  return "\"" + id + "\",\"83\",\"" + name + "\",\"1 rue de la Paix\",,\"83137\",\"83000\",\"Toulon\"," + lat + "," + lon +
         ",\"Principal\"\n";
}

const std::string kOnisepHeader =
    "\xEF\xBB\xBF\"code CNIS\";\"sigle type formation\";\"libellé type formation\";\"libellé formation principal\";"
    "\"sigle formation\";durée;\"code RNCP\";\"niveau RNCP\";\"libellé niveau RNCP\";tutelle;\"lien site onisep.fr\";"
    "domaine/sous-domaine\n";

std::string onisep_row(const std::string& id, const std::string& title, const std::string& level = "niveau 5 (bac + 2)") {
  return ";BTS;\"brevet de technicien supérieur\";\"" + title + "\";;\"2 ans\";35400;3;\"" + level +
         "\";\"x\";http://www.onisep.fr/http/redirection/formation/slug/" + id + ";\"transport/logistique\"\n";
}

std::string aid_line(const std::string& id, const std::string& extra = "") {
  return "{\"label\": \"aide " + id + "\", \"institution\": \"nowhere\", \"description\": \"Une aide.\"" + extra +
         ", \"_id\": \"" + id + "\"}\n";
}

// Every record of `in` but the rejected ones is valid and was kept.
void expect_others_kept(const Imported& in, size_t expected_valid) {
  EXPECT_EQ(in.valid(), expected_valid);
  for (const auto& r : in.records) {
    if (r.errors.empty()) {
      EXPECT_TRUE(r.resource.has_value());
    }
  }
}

TEST(BadRecords, NumberOutOfRangeIsRejectedWithItsLine) {
  testing::TempDir tmp;
  // CSV coordinates.
  testing::write_file(tmp / "fs.csv", kFranceServicesHeader + france_services_row("1", "France services A") +
                                          france_services_row("2", "France services B", "1e400") +
                                          france_services_row("3", "France services C"));
  auto csv = import_file(tmp / "fs.csv");
  ASSERT_EQ(csv.rejected().size(), 1u);
  EXPECT_EQ(csv.rejected()[0]->location, tmp / "fs.csv" + ":3");
  EXPECT_EQ(csv.rejected()[0]->errors[0].to_string(), "location: '1e400, 5.93' is not a latitude and longitude in range");
  expect_others_kept(csv, 2);
  // A JSON number.
  testing::write_file(tmp / "aides.jsonl", aid_line("a") + aid_line("b", ", \"montant\": 1e400") + aid_line("c"));
  auto json = import_file(tmp / "aides.jsonl", "aides-jeunes");
  ASSERT_EQ(json.rejected().size(), 1u);
  EXPECT_EQ(json.rejected()[0]->location, tmp / "aides.jsonl" + ":2");
  EXPECT_NE(json.rejected()[0]->errors[0].to_string().find("number overflow"), std::string::npos)
      << json.rejected()[0]->errors[0].to_string();
  expect_others_kept(json, 2);
  // A YAML number; a version-like "1.2.3" stays a string.
  std::filesystem::create_directories(tmp / "aj/benefits");
  std::filesystem::create_directories(tmp / "aj/institutions");
  testing::write_file(tmp / "aj/benefits/a.yml", "label: a\ninstitution: x\nversion: 1.2.3\n");
  testing::write_file(tmp / "aj/benefits/b.yml", "label: b\ninstitution: x\nmontant: 1e400\n");
  auto yaml = import_file(tmp / "aj", "aides-jeunes-yaml");
  ASSERT_EQ(yaml.rejected().size(), 1u);
  EXPECT_EQ(yaml.rejected()[0]->location, tmp / "aj/benefits/b.yml" + ":3");
  EXPECT_EQ(yaml.rejected()[0]->errors[0].to_string(), "number '1e400' out of range");
  expect_others_kept(yaml, 1);
}

TEST(BadRecords, NestingDeeperThanTheBoundIsRejected) {
  testing::TempDir tmp;
  std::string deep = ", \"x\": " + std::string(100000, '[') + std::string(100000, ']');
  testing::write_file(tmp / "aides.jsonl", aid_line("a") + aid_line("b", deep) + aid_line("c"));
  auto in = import_file(tmp / "aides.jsonl", "aides-jeunes");
  ASSERT_EQ(in.rejected().size(), 1u);
  EXPECT_EQ(in.rejected()[0]->location, tmp / "aides.jsonl" + ":2");
  EXPECT_EQ(in.rejected()[0]->errors[0].to_string(), "nesting deeper than 64 levels");
  expect_others_kept(in, 2);
  // The same in canonical JSON Lines.
  testing::write_file(tmp / "r.jsonl", "{\"id\": \"a\", \"kind\": \"document\", \"title\": \"A\"}\n"
                                       "{\"id\": \"b\", \"kind\": \"document\", \"title\": \"B\", \"_x\": " +
                                           std::string(1000, '[') + std::string(1000, ']') + "}\n");
  auto canonical = import_file(tmp / "r.jsonl", "jsonl");
  ASSERT_EQ(canonical.rejected().size(), 1u);
  EXPECT_EQ(canonical.rejected()[0]->location, tmp / "r.jsonl" + ":2");
  EXPECT_EQ(canonical.rejected()[0]->errors[0].to_string(), "nesting deeper than 64 levels");
  expect_others_kept(canonical, 1);
  // The same in a YAML benefit.
  std::filesystem::create_directories(tmp / "aj/benefits");
  std::filesystem::create_directories(tmp / "aj/institutions");
  testing::write_file(tmp / "aj/benefits/good.yml", "label: bonne aide\ninstitution: nowhere\n");
  testing::write_file(tmp / "aj/benefits/deep.yml", "label: aide\ninstitution: nowhere\nx: " + std::string(5000, '[') + "\n");
  auto yaml = import_file(tmp / "aj", "aides-jeunes-yaml");
  ASSERT_EQ(yaml.rejected().size(), 1u);
  EXPECT_EQ(yaml.rejected()[0]->location, tmp / "aj/benefits/deep.yml" + ":3");
  EXPECT_EQ(yaml.rejected()[0]->errors[0].to_string(), "nesting deeper than 64 levels");
  expect_others_kept(yaml, 1);
}

TEST(BadRecords, WordsOverXapiansTermLimitAreCutWithAWarningAndIndexed) {
  testing::TempDir tmp;
  std::string word(300, 'a');
  testing::write_file(tmp / "f.csv", kOnisepHeader + onisep_row("FOR.1", "BTS " + word + " nautisme") +
                                         onisep_row("FOR.2", "BTS logistique"));
  auto in = import_file(tmp / "f.csv");
  ASSERT_EQ(in.valid(), 2u);
  const ImportedRecord& r = in.records[0];
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0], "title: 1 word(s) longer than 200 bytes (Xapian's term limit is 245): only their first 200 bytes are indexed");
  EXPECT_EQ(r.resource->title, "BTS " + std::string(200, 'a') + " nautisme");
  // Xapian takes it: both are indexed and the cut word is searchable.
  auto writer = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(writer.ok());
  for (const auto& rec : in.records) ASSERT_TRUE((*writer)->add(*rec.resource).ok());
  ASSERT_TRUE((*writer)->commit().ok());
  auto searcher = Searcher::open(tmp / "db");
  ASSERT_TRUE(searcher.ok());
  SearchRequest q;
  q.text = "nautisme";
  auto response = (*searcher)->search(q);
  ASSERT_TRUE(response.ok()) << response.status().message();
  EXPECT_EQ(response->total, 1u);
}

TEST(BadRecords, FieldsOverTheDocumentedLimitsAreRejectedInEveryFormat) {
  testing::TempDir tmp;
  std::string long_title(2500, 'x');
  for (size_t i = 50; i < long_title.size(); i += 50) long_title[i] = ' ';
  // CSV: a title over 2,000 bytes.
  testing::write_file(tmp / "f.csv", kOnisepHeader + onisep_row("FOR.1", "BTS A") + onisep_row("FOR.2", long_title) +
                                         onisep_row("FOR.3", "BTS C"));
  auto csv = import_file(tmp / "f.csv");
  ASSERT_EQ(csv.rejected().size(), 1u);
  EXPECT_EQ(csv.rejected()[0]->location, tmp / "f.csv" + ":3");
  EXPECT_EQ(csv.rejected()[0]->errors[0].to_string(), "title: too long (2500 bytes, at most 2000)");
  expect_others_kept(csv, 2);
  // JSON: a summary over 64 KiB.
  std::string long_text(70000, 'y');
  for (size_t i = 50; i < long_text.size(); i += 50) long_text[i] = ' ';
  testing::write_file(tmp / "aides.jsonl", aid_line("a") +
                                               "{\"label\": \"b\", \"institution\": \"x\", \"description\": \"" + long_text +
                                               "\", \"_id\": \"b\"}\n" + aid_line("c"));
  auto json = import_file(tmp / "aides.jsonl", "aides-jeunes");
  ASSERT_EQ(json.rejected().size(), 1u);
  EXPECT_EQ(json.rejected()[0]->errors[0].to_string(), "summary: too long (70000 bytes, at most 65536)");
  expect_others_kept(json, 2);
  // XML: an LHÉO title over the limit.
  testing::write_file(tmp / "o.xml",
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><lheo xmlns=\"http://www.lheo.org/2.2\"><offres>"
                      "<formation numero=\"1\"><intitule-formation>Plaquiste</intitule-formation></formation>"
                      "<formation numero=\"2\"><intitule-formation>" + long_title + "</intitule-formation></formation>"
                      "</offres></lheo>");
  auto xml = import_file(tmp / "o.xml");
  ASSERT_EQ(xml.rejected().size(), 1u);
  EXPECT_EQ(xml.rejected()[0]->errors[0].to_string(), "title: too long (2500 bytes, at most 2000)");
  expect_others_kept(xml, 1);
}

TEST(BadRecords, StrayQuoteInCsvCostsOneLineAndReadingResumes) {
  testing::TempDir tmp;
  // Row 3 opens a quote it never closes: it would swallow rows 4 and 5.
  testing::write_file(tmp / "fs.csv", kFranceServicesHeader + france_services_row("1", "France services A") +
                                          "\"2\",\"83\",\"France \"services B,\"1 rue\",,\"83137\",\"83000\",\"Toulon\",43.1,5.9,\"P\n" +
                                          france_services_row("3", "France services C") +
                                          france_services_row("4", "France services D"));
  auto in = import_file(tmp / "fs.csv");
  ASSERT_EQ(in.rejected().size(), 1u);
  EXPECT_EQ(in.rejected()[0]->location, tmp / "fs.csv" + ":3");
  EXPECT_NE(in.rejected()[0]->errors[0].to_string().find("reading resumes at line 4 (this row lost, 1 line)"),
            std::string::npos)
      << in.rejected()[0]->errors[0].to_string();
  expect_others_kept(in, 3);
  EXPECT_NE(in.find("france-services:3"), nullptr);
  EXPECT_NE(in.find("france-services:4"), nullptr);
}

TEST(BadRecords, InvalidUtf8IsRejectedWithItsField) {
  testing::TempDir tmp;
  std::string good;
  for (int i = 0; i < 50; ++i) good += onisep_row("FOR." + std::to_string(i), "BTS métiers de l'eau");
  testing::write_file(tmp / "f.csv", kOnisepHeader + good + onisep_row("FOR.bad", "BTS \xC3\x28 chimie") +
                                         onisep_row("FOR.last", "BTS électrotechnique"));
  auto csv = import_file(tmp / "f.csv");
  ASSERT_EQ(csv.rejected().size(), 1u);
  EXPECT_EQ(csv.rejected()[0]->location, tmp / "f.csv" + ":52");
  EXPECT_EQ(csv.rejected()[0]->errors[0].to_string(), "title: invalid UTF-8 at byte 5");
  expect_others_kept(csv, 51);
  // JSON reports it at its column (after enough good UTF-8 for the file to
  // be read as UTF-8, not as a legacy charset).
  std::string lines;
  for (int i = 0; i < 50; ++i) lines += aid_line("é" + std::to_string(i));
  testing::write_file(tmp / "aides.jsonl", lines + aid_line("b\xFF") + aid_line("c"));
  auto json = import_file(tmp / "aides.jsonl", "aides-jeunes");
  ASSERT_EQ(json.rejected().size(), 1u);
  EXPECT_EQ(json.rejected()[0]->location, tmp / "aides.jsonl" + ":51");
  EXPECT_NE(json.rejected()[0]->errors[0].to_string().find("invalid JSON"), std::string::npos)
      << json.rejected()[0]->errors[0].to_string();
  expect_others_kept(json, 51);
}

TEST(BadRecords, NulByteIsRejected) {
  testing::TempDir tmp;
  testing::write_file(tmp / "fs.csv", kFranceServicesHeader + france_services_row("1", "France services A") +
                                          france_services_row("2", std::string("France\0services", 15)) +
                                          france_services_row("3", "France services C"));
  auto in = import_file(tmp / "fs.csv");
  ASSERT_EQ(in.rejected().size(), 1u);
  EXPECT_EQ(in.rejected()[0]->location, tmp / "fs.csv" + ":3");
  EXPECT_EQ(in.rejected()[0]->errors[0].to_string(), "title: NUL byte at byte 7");
  expect_others_kept(in, 2);
}

TEST(BadRecords, DuplicateKeysAreWarnedAndTheLastKept) {
  testing::TempDir tmp;
  testing::write_file(tmp / "aides.jsonl", aid_line("a") +
                                               "{\"label\": \"premier\", \"label\": \"second\", \"institution\": \"x\", "
                                               "\"_id\": \"b\"}\n");
  auto json = import_file(tmp / "aides.jsonl", "aides-jeunes");
  ASSERT_EQ(json.valid(), 2u);
  const ImportedRecord* b = json.find("aides-jeunes:b");
  ASSERT_NE(b, nullptr);
  ASSERT_FALSE(b->warnings.empty());
  EXPECT_EQ(b->warnings[0], "duplicate key 'label' (the last one is kept)");
  EXPECT_EQ(b->resource->title, "Second");
  // Canonical JSON Lines too.
  testing::write_file(tmp / "r.jsonl", "{\"id\": \"a\", \"kind\": \"document\", \"title\": \"A\", \"title\": \"B\"}\n");
  auto canonical = import_file(tmp / "r.jsonl", "jsonl");
  ASSERT_EQ(canonical.valid(), 1u);
  EXPECT_EQ(canonical.records[0].warnings, std::vector<std::string>{"duplicate key 'title' (the last one is kept)"});
  // YAML too.
  std::filesystem::create_directories(tmp / "aj/benefits");
  std::filesystem::create_directories(tmp / "aj/institutions");
  testing::write_file(tmp / "aj/benefits/twice.yml", "label: premier\nlabel: second\ninstitution: x\n");
  auto yaml = import_file(tmp / "aj", "aides-jeunes-yaml");
  ASSERT_EQ(yaml.valid(), 1u);
  EXPECT_TRUE(contains(yaml.records[0].warnings, "duplicate key 'label' (the last one is kept)"));
}

TEST(BadRecords, OutOfRangeLevelIsDroppedWithAWarning) {
  testing::TempDir tmp;
  testing::write_file(tmp / "f.csv", kOnisepHeader + onisep_row("FOR.1", "BTS A") +
                                         onisep_row("FOR.2", "Doctorat ++", "niveau 12 (au-delà)"));
  auto in = import_file(tmp / "f.csv");
  ASSERT_EQ(in.valid(), 2u);
  const ImportedRecord* r = in.find("onisep:FOR.2");
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(r->resource->levels.empty());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0], "levels: 'niveau 12 (au-delà)' is not a level between 1 and 8 (dropped)");
  EXPECT_EQ(in.find("onisep:FOR.1")->resource->levels, std::vector<int>{5});
}

TEST(BadRecords, MissingColumnIsAClearErrorNotACrash) {
  testing::TempDir tmp;
  testing::write_file(tmp / "fs.csv", "\"id_fs\",\"lib_fs\"\n\"1\",\"A\"\n");
  SourceOptions options;
  options.format = "france-services";
  auto importer = open_importer(options, tmp / "fs.csv");
  ASSERT_FALSE(importer.ok());
  EXPECT_EQ(importer.status().message(), tmp / "fs.csv" + ":1: no column 'insee_com' in the header");
}

}  // namespace
}  // namespace spro::indexer
