// Acceptance of issue 16: every partner file of ../shared/data recognised
// by its content and indexed natively, with no configuration; the index's
// counts per kind and per source checked against figures derived from the
// files themselves (rows, records, files), and no aid of a local
// institution covering the whole country. Skipped when ../shared/data is
// absent.
//
// Until spro-index walks folders itself, the test walks the folder the way
// it will: a recognised folder (the ROME 4.0 RefRomeCsv folder, the
// aides-jeunes YAML folder) is imported whole and not entered.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "importer.h"
#include "importers/registry.h"
#include "normalize.h"
#include "spro/index_writer.h"
#include "spro/searcher.h"
#include "test_util.h"

namespace spro::indexer {
namespace {

namespace fs = std::filesystem;

FileSample sample_of(const fs::path& path) {
  auto sample = sample_file(path.string());  // what the walker sees of the file
  EXPECT_TRUE(sample.ok()) << sample.status().message();
  return sample.ok() ? *sample : FileSample{};
}

// Records of an RFC 4180 text, counted independently of the importers:
// a line break outside quotes ends a record; blank lines are not records.
size_t csv_records(const fs::path& path, bool header = true) {
  std::string text = testing::read_file(path.string());
  size_t records = 0;
  bool quoted = false, content = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) {
      records += content;
      content = false;
    } else if (c != '\r') {
      content = true;
    }
  }
  records += content;
  return records - (header && records > 0 ? 1 : 0);
}

size_t occurrences(const fs::path& path, std::string_view what) {
  std::string text = testing::read_file(path.string());
  size_t n = 0;
  for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

size_t files_in(const fs::path& dir, std::string_view extension) {
  size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.path().extension() == extension;
  return n;
}

// Distinct values of one column of a semicolon CSV, by its position.
size_t distinct_links(const fs::path& path, std::string_view marker) {
  std::string text = testing::read_file(path.string());
  std::set<std::string> links;
  for (size_t p = text.find(marker); p != std::string::npos; p = text.find(marker, p + 1)) {
    size_t end = text.find_first_of(";\"\n", p);
    links.insert(text.substr(p, end - p));
  }
  return links.size();
}

struct Walk {
  std::map<std::string, std::vector<std::string>> files_by_format;
  std::vector<std::string> skipped;
  std::vector<ImportedRecord> kept;      // valid, first of their id
  std::map<std::string, size_t> rejected;  // by format
  std::vector<std::string> rejections;   // a few, for the failure message
  std::map<std::string, size_t> duplicates;  // by format
};

void import_one(Walk& walk, const std::string& format, const std::string& path, std::set<std::string>& ids) {
  walk.files_by_format[format].push_back(path);
  SourceOptions options;
  options.format = format;
  auto importer = open_importer(options, path);
  ASSERT_TRUE(importer.ok()) << path << ": " << importer.status().message();
  Vocabularies vocab = Vocabularies::builtin();
  ImportedRecord rec;
  while ((*importer)->next(rec)) {
    normalize_record(rec, options, vocab);
    if (!rec.errors.empty()) {
      ++walk.rejected[format];
      if (walk.rejections.size() < 10) walk.rejections.push_back(rec.location + ": " + rec.errors[0].to_string());
    } else if (!ids.insert(rec.resource->id).second) {
      ++walk.duplicates[format];
    } else {
      walk.kept.push_back(std::move(rec));
    }
  }
  EXPECT_TRUE((*importer)->status().ok()) << path << ": " << (*importer)->status().message();
}

void walk_folder(Walk& walk, const fs::path& dir, std::set<std::string>& ids) {
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(dir)) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& p : entries) {
    FileSample sample = sample_of(p);
    std::string format = recognised_format(sample);
    if (format == "dictionary") {
      walk.files_by_format[format].push_back(p.string());
    } else if (!format.empty()) {
      import_one(walk, format, p.string(), ids);
    } else if (sample.is_directory) {
      walk_folder(walk, p, ids);
    } else {
      walk.skipped.push_back(fs::relative(p, SPRO_SHARED_DATA_DIR).string());
    }
  }
}

class SharedDataIndex : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_ = testing::shared_data_dir();
    if (shared_.empty()) return;
    walk_ = new Walk();
    std::set<std::string> ids;
    walk_folder(*walk_, shared_, ids);
  }
  // The index of everything kept, built on first use: ctest runs each test
  // in a process of its own, and only the index tests should pay for it.
  static const testing::TempDir& index() {
    if (!dir_) {
      dir_ = new testing::TempDir();
      auto writer = IndexWriter::open(dir_->path().string(), IndexWriter::Mode::kRebuild);
      EXPECT_TRUE(writer.ok()) << writer.status().message();
      if (!writer.ok()) return *dir_;
      for (const auto& rec : walk_->kept) {
        Status s = (*writer)->add(*rec.resource);
        EXPECT_TRUE(s.ok()) << rec.location << ": " << s.message();
      }
      auto count = (*writer)->commit();
      EXPECT_TRUE(count.ok()) << count.status().message();
    }
    return *dir_;
  }
  static void TearDownTestSuite() {
    delete walk_;
    delete dir_;
    walk_ = nullptr;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (shared_.empty()) GTEST_SKIP() << "../shared/data not present";
  }
  // Facet counts of the whole index: facet -> value -> count.
  std::map<std::string, std::map<std::string, size_t>> facets(const SearchRequest& request = {}) {
    std::map<std::string, std::map<std::string, size_t>> out;
    auto searcher = Searcher::open(index().path().string());
    EXPECT_TRUE(searcher.ok()) << searcher.status().message();
    if (!searcher.ok()) return out;
    SearchRequest r = request;
    r.facets = true;
    auto response = (*searcher)->search(r);
    EXPECT_TRUE(response.ok()) << response.status().message();
    if (!response.ok()) return out;
    for (const auto& [facet, values] : response->facets) {
      for (const auto& v : values) out[facet][v.value] = v.count;
    }
    return out;
  }

  static std::string shared_;
  static Walk* walk_;
  static testing::TempDir* dir_;
};

std::string SharedDataIndex::shared_;
Walk* SharedDataIndex::walk_ = nullptr;
testing::TempDir* SharedDataIndex::dir_ = nullptr;

TEST_F(SharedDataIndex, EveryPartnerFileIsRecognisedAndTheRestSkipped) {
  for (const auto& [format, files] : walk_->files_by_format) {
    std::cout << "[figure] " << format << ": " << files.size() << " file(s)\n";
  }
  // What is left unrecognised is documentation, schemas and the territory
  // reference (compiled into the library), nothing else.
  for (const std::string& f : walk_->skipped) {
    bool expected = f.ends_with(".md") || f.ends_with(".xsd") || f.ends_with(".dtd") || f.starts_with("territories/");
    EXPECT_TRUE(expected) << "not recognised: " << f;
  }
  const auto& files = walk_->files_by_format;
  auto count = [&](const std::string& format) { return files.contains(format) ? files.at(format).size() : 0u; };
  EXPECT_EQ(count("rome-csv"), 1u);
  EXPECT_EQ(count("rome-xml"), 1u);
  EXPECT_EQ(count("lheo"), files_in(shared_ + "/lheo/offres", ".xml"));
  EXPECT_EQ(count("service-public"), files_in(shared_ + "/fiches-service-public/particuliers", ".json"));
  EXPECT_EQ(count("onisep-lycee"), 2u);
  for (const char* format : {"onisep-formations", "onisep-metiers", "certifinfo", "aides-jeunes", "aides-jeunes-yaml",
                             "france-services", "vae-points", "lycees-idf"}) {
    EXPECT_EQ(count(format), 1u) << format;
  }
  // Formacode x2, NSF, 2 LHÉO dictionaries, lheo-gml, the ROME v3 tree,
  // the aides-jeunes institutions, the service-public index.
  EXPECT_EQ(count("dictionary"), 9u);
}

TEST_F(SharedDataIndex, NoGoodRecordIsRejected) {
  size_t rejected = 0;
  for (const auto& [format, n] : walk_->rejected) rejected += n;
  std::string first;
  for (const auto& r : walk_->rejections) first += "\n  " + r;
  EXPECT_EQ(rejected, 0u) << first;
  // The JSON Lines export and the YAML folder are the same 552 aids: the
  // second one read adds nothing.
  size_t aids = files_in(shared_ + "/aides/aides-jeunes/benefits", ".yml");
  EXPECT_EQ(walk_->duplicates["aides-jeunes"], aids);
  EXPECT_EQ(walk_->duplicates.size(), 1u);
}

TEST_F(SharedDataIndex, IndexCountsPerKindAndSourceMatchTheFiles) {
  const fs::path data = shared_;
  // Expected figures, each derived from the files.
  size_t rome4 = csv_records(data / "rome/v460/unix_referentiel_code_rome_v460_utf8.csv");
  size_t rome3 = occurrences(data / "rome/v344/unix_referentiel_code_rome_v344_iso8859-15.xml", "<item_referentiel_code_rome>");
  size_t onisep_metiers = distinct_links(data / "onisep/ideo-metiers_onisep.csv", "http://www.onisep.fr/http/redirection/metier/");
  size_t onisep_formations = csv_records(data / "onisep/ideo-formations_initiales_en_france.csv") +
                             csv_records(data / "onisep/ideo-enseignements_de_specialite_de_premiere_generale.csv") +
                             csv_records(data / "onisep/ideo-enseignements_optionnels_de_seconde_generale_et_technologique.csv");
  size_t lheo_actions = 0;
  for (const auto& e : fs::directory_iterator(data / "lheo/offres")) {
    lheo_actions += std::max(occurrences(e.path(), "<action "), occurrences(e.path(), "<formation "));
  }
  nlohmann::json certif = nlohmann::json::parse(testing::read_file((data / "certifications/certifinfo-intitules-2020.json").string()));
  size_t certifications = 0;
  for (const auto& [key, value] : certif.items()) certifications += !key.starts_with("niveau") && !key.starts_with("type");
  size_t aids = files_in(data / "aides/aides-jeunes/benefits", ".yml");
  EXPECT_EQ(aids, csv_records(data / "aides/aides-jeunes-benefits.jsonl", false));
  size_t france_services = csv_records(data / "lieux/france-services-20240801.csv");
  size_t vae = csv_records(data / "lieux/points-relais-conseil-vae-2023-07.csv");
  size_t lycees = csv_records(data / "lieux/lycees-donnees-generales-idf.csv");
  size_t fiches = files_in(data / "fiches-service-public/particuliers", ".json");

  // The figures the issue quotes, as a check on the derivations.
  EXPECT_EQ(rome4, 1584u);
  EXPECT_EQ(france_services, 2845u);
  EXPECT_EQ(vae, 154u);
  EXPECT_EQ(aids, 552u);

  auto all = facets();
  std::map<std::string, size_t> kinds = {{"metier", rome4 + rome3 + onisep_metiers},
                                         {"formation", onisep_formations + lheo_actions},
                                         {"certification", certifications},
                                         {"aide", aids},
                                         {"structure", france_services + vae + lycees},
                                         {"document", fiches}};
  for (const auto& [kind, expected] : kinds) {
    EXPECT_EQ(all["kind"][kind], expected) << "kind " << kind;
    std::cout << "[figure] kind " << kind << ": " << all["kind"][kind] << "\n";
  }
  std::map<std::string, size_t> sources = {{"france-travail", rome4 + rome3},
                                           {"onisep", onisep_metiers + onisep_formations},
                                           {"carif-oref", lheo_actions},
                                           {"certifinfo", certifications},
                                           {"aides-jeunes", aids},
                                           {"anct", france_services},
                                           {"vae", vae},
                                           {"region-idf", lycees},
                                           {"service-public", fiches}};
  for (const auto& [source, expected] : sources) {
    EXPECT_EQ(all["source"][source], expected) << "source " << source;
    std::cout << "[figure] source " << source << ": " << all["source"][source] << "\n";
  }
  EXPECT_EQ(all["source"].size(), sources.size());

  // And in the index: a Toulon user does not see an aid of Grand Verdun.
  SearchRequest toulon;
  toulon.kinds = {"aide"};
  toulon.territories = {"com:83137"};
  toulon.limit = 1000;
  auto searcher = Searcher::open(index().path().string());
  ASSERT_TRUE(searcher.ok());
  auto response = (*searcher)->search(toulon);
  ASSERT_TRUE(response.ok()) << response.status().message();
  EXPECT_GT(response->hits.size(), 0u);
  for (const auto& hit : response->hits) {
    EXPECT_EQ(hit.id.find("verdun"), std::string::npos) << hit.id;
  }
}

// Job sheets, certifications and national fiches say no place: built with
// no configuration, they serve the whole country, so a person who gives a
// place still finds them.
TEST_F(SharedDataIndex, WhatNamesNoPlaceServesTheWholeCountry) {
  std::map<std::string, size_t> national_by_source;
  for (const auto& rec : walk_->kept) {
    const Resource& r = *rec.resource;
    // Unknown places are dropped with a warning (24 ONISEP lycées), never made national.
    bool place_dropped = std::any_of(rec.warnings.begin(), rec.warnings.end(),
                                     [](const std::string& w) { return w.starts_with("territory:"); });
    if (place_dropped) {
      EXPECT_EQ(std::find(r.territories.begin(), r.territories.end(), "fr"), r.territories.end())
          << r.id << ": an unknown place made national";
    } else {
      EXPECT_FALSE(r.territories.empty()) << r.id << " has no territory";
    }
    if (r.source == "france-travail" || r.source == "certifinfo" || r.source == "service-public") {
      EXPECT_EQ(r.territories, std::vector<std::string>{"fr"}) << r.id;
      ++national_by_source[r.source];
    }
  }
  EXPECT_GT(national_by_source["certifinfo"], 12000u);
  EXPECT_GT(national_by_source["service-public"], 150u);
  SearchRequest marseille;
  marseille.territories = {"com:13055"};
  auto in_marseille = facets(marseille);
  auto everywhere = facets();
  for (const char* kind : {"certification", "document", "metier"}) {
    EXPECT_EQ(in_marseille["kind"][kind], everywhere["kind"][kind]) << kind;
  }
  auto searcher = Searcher::open(index().path().string());
  ASSERT_TRUE(searcher.ok());
  SearchRequest nurse = marseille;
  nurse.text = "infirmiere";
  nurse.limit = 50;
  auto response = (*searcher)->search(nurse);
  ASSERT_TRUE(response.ok()) << response.status().message();
  bool sheet = std::any_of(response->hits.begin(), response->hits.end(), [](const Hit& h) { return h.id == "rome:J1506"; });
  EXPECT_TRUE(sheet) << "the ROME nursing sheet is not found in Marseille";
}

TEST_F(SharedDataIndex, NoAidOfALocalInstitutionCoversTheWholeCountry) {
  // Institution types, read from the institutions file independently.
  std::map<std::string, std::string> type_of;
  std::ifstream in(shared_ + "/aides/aides-jeunes-institutions.jsonl");
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    type_of[j["_id"].get<std::string>()] = j["type"].get<std::string>();
  }
  std::map<std::string, std::string> institution_of;
  std::ifstream benefits(shared_ + "/aides/aides-jeunes-benefits.jsonl");
  for (std::string line; std::getline(benefits, line);) {
    auto j = nlohmann::json::parse(line);
    institution_of["aides-jeunes:" + j["_id"].get<std::string>()] = j["institution"].get<std::string>();
  }
  static const std::set<std::string> kLocal = {"region", "departement", "commune", "epci", "caf"};
  size_t local = 0, national = 0;
  for (const auto& rec : walk_->kept) {
    const Resource& r = *rec.resource;
    if (r.kind != "aide") continue;
    ASSERT_TRUE(institution_of.contains(r.id)) << r.id;
    const std::string& type = type_of[institution_of[r.id]];
    bool whole_country = std::find(r.territories.begin(), r.territories.end(), "fr") != r.territories.end();
    if (kLocal.contains(type)) {
      ++local;
      EXPECT_FALSE(whole_country) << r.id << " (" << type << " " << institution_of[r.id] << ") covers fr";
      EXPECT_FALSE(r.territories.empty()) << r.id << " (" << type << ") has no territory";
    } else if (whole_country) {
      ++national;
    }
  }
  std::cout << "[figure] aids of local institutions: " << local << ", national aids: " << national << "\n";
  EXPECT_GT(local, 400u);

}

}  // namespace
}  // namespace spro::indexer
