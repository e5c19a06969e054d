// spro-index end to end: exit codes, rejection reports, crash safety.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "spro/searcher.h"
#include "test_util.h"

extern char** environ;

namespace spro {
namespace {

using testing::read_file;
using testing::run;
using testing::write_file;

const std::string kIndex = SPRO_INDEX_BIN;

std::string record(const std::string& id, const std::string& title) {
  return R"({"id":")" + id + R"(","kind":"metier","title":")" + title + R"(","territories":["fr"]})";
}

size_t hits(const std::string& db, const std::string& text) {
  auto s = Searcher::open(db);
  if (!s.ok()) return 0;
  SearchRequest req;
  req.text = text;
  auto r = (*s)->search(req);
  return r.ok() ? r->total : 0;
}

TEST(SproIndex, AllGoodExitsZeroWithASummary) {
  testing::TempDir tmp;
  write_file(tmp / "in.jsonl", record("a", "Boulanger") + "\n" + record("b", "Pâtissier") + "\n");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("read 2, indexed 2, rejected 0"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
}

TEST(SproIndex, AnyThreadCountBuildsTheSameIndex) {
  testing::TempDir tmp;
  std::string lines;
  for (int i = 0; i < 60; ++i) lines += record("r" + std::to_string(i), i % 2 ? "Boulanger" : "Pâtissier") + "\n";
  write_file(tmp / "in.jsonl", lines);
  for (const char* threads : {"1", "2", "4"}) {
    const std::string db = tmp / (std::string("db") + threads);
    auto r = run(kIndex + " build --threads " + threads + " --db " + db + " " + (tmp / "in.jsonl"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(hits(db, "boulanger"), 30u) << threads;
    EXPECT_EQ(hits(db, "patissier"), 30u) << threads;
  }
}

TEST(SproIndex, MixedFileIndexesEveryGoodLineAndReportsEachBadOne) {
  testing::TempDir tmp;
  std::string in = tmp / "mixed.jsonl";
  write_file(in, record("a", "Boulanger") + "\n" +                         // 1 good
                     "{not json\n" +                                        // 2 invalid JSON
                     record("b", "Pâtissier") + "\n" +                      // 3 good
                     "{\"id\":\"c\",\"kind\":\"metier\",\"title\":\"caf\xE9\"}\n" +  // 4 invalid UTF-8
                     "{\"id\":\"d\",\"kind\":\"vehicule\",\"title\":\"x\"}\n" +      // 5 unknown kind
                     "{\"kind\":\"metier\",\"title\":\"no id\"}\n" +                 // 6 missing id
                     record("a", "Boucher") + "\n" +                        // 7 duplicate id
                     "{\"id\":\"e\",\"kind\":\"metier\",\"title\":\"x\",\"levels\":\"4\"}\n" +  // 8 wrong type
                     "\n" +                                                  // 9 blank: skipped
                     record("f", "Charcutier") + "\n");                     // 10 good
  auto r = run(kIndex + " build --db " + (tmp / "db") + " --report " + (tmp / "report.jsonl") + " " + in);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  for (const std::string& expected :
       {in + ":2: invalid JSON", in + ":4: invalid JSON", in + ":5: kind: unknown kind 'vehicule'",
        in + ":6: id: required", in + ":7: id: duplicate id 'a' (first at " + in + ":1)",
        in + ":8: levels: must be a list of integers"}) {
    EXPECT_NE(r.output.find(expected), std::string::npos) << "missing: " << expected << "\n" << r.output;
  }
  EXPECT_NE(r.output.find("read 9, indexed 3, rejected 6"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
  EXPECT_EQ(hits(tmp / "db", "boucher"), 0u);  // the duplicate did not replace the first
  EXPECT_EQ(hits(tmp / "db", "patissier"), 1u);
  EXPECT_EQ(hits(tmp / "db", "charcutier"), 1u);

  std::istringstream report(read_file(tmp / "report.jsonl"));
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(report, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0]["location"], in + ":2");
  EXPECT_EQ(lines[2]["id"], "d");
  EXPECT_EQ(lines[2]["error"], "kind: unknown kind 'vehicule'");
}

TEST(SproIndex, WarningsBeyondTheFirstSayWhereToFindThem) {
  testing::TempDir tmp;
  std::string lines;  // 25 records, each warned of a duplicate key
  for (int i = 0; i < 25; ++i) {
    lines += R"({"id":"r)" + std::to_string(i) + R"(","kind":"metier","title":"A","title":"Boulanger"})" + "\n";
  }
  write_file(tmp / "in.jsonl", lines);
  auto bare = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in.jsonl"));
  EXPECT_EQ(bare.exit_code, 0) << bare.output;
  EXPECT_NE(bare.output.find("5 more warnings (rerun with --report FILE to see them all)"), std::string::npos) << bare.output;
  auto reported = run(kIndex + " build --allow-shrink --db " + (tmp / "db") + " --report " + (tmp / "r.jsonl") + " " +
                      (tmp / "in.jsonl"));
  EXPECT_EQ(reported.exit_code, 0) << reported.output;
  EXPECT_NE(reported.output.find("5 more warnings (all are in --report FILE)"), std::string::npos) << reported.output;
}

TEST(SproIndex, ByteOrderMarkAndCrlfAreAccepted) {
  testing::TempDir tmp;
  write_file(tmp / "in.jsonl", "\xEF\xBB\xBF" + record("a", "Boulanger") + "\r\n" + record("b", "Pâtissier") + "\r\n");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(hits(tmp / "db", "patissier"), 1u);
}

TEST(SproIndex, UsageErrorsExitTwo) {
  testing::TempDir tmp;
  EXPECT_EQ(run(kIndex).exit_code, 2);
  EXPECT_EQ(run(kIndex + " build " + (tmp / "x.jsonl")).exit_code, 2);  // no --db
  EXPECT_EQ(run(kIndex + " frobnicate --db x").exit_code, 2);
  EXPECT_EQ(run(kIndex + " build --db x --format nope y").exit_code, 2);
  auto threads = run(kIndex + " build --db " + (tmp / "db") + " --threads 999 " + (tmp / "x.jsonl"));
  EXPECT_EQ(threads.exit_code, 2);
  EXPECT_NE(threads.output.find("--threads"), std::string::npos) << threads.output;
  EXPECT_FALSE(std::filesystem::exists(tmp / "db")) << "nothing is written on a usage error";
  EXPECT_EQ(run(kIndex + " --help").exit_code, 0);
}

TEST(SproIndex, MissingInputIsFatalAndLeavesTheIndexUnchanged) {
  testing::TempDir tmp;
  write_file(tmp / "in.jsonl", record("a", "Boulanger") + "\n");
  ASSERT_EQ(run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in.jsonl")).exit_code, 0);
  write_file(tmp / "new.jsonl", record("b", "Pâtissier") + "\n");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "new.jsonl") + " " + (tmp / "missing.jsonl"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("missing.jsonl: no such file"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("index unchanged"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
  EXPECT_EQ(hits(tmp / "db", "patissier"), 0u);
}

TEST(SproIndex, UpdateAndDelete) {
  testing::TempDir tmp;
  write_file(tmp / "in.jsonl", record("a", "Boulanger") + "\n" + record("b", "Pâtissier") + "\n");
  ASSERT_EQ(run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in.jsonl")).exit_code, 0);
  write_file(tmp / "up.jsonl", record("a", "Boucher") + "\n" + record("c", "Charcutier") + "\n");
  auto r = run(kIndex + " update --db " + (tmp / "db") + " " + (tmp / "up.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("the index holds 3 resources"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 0u);
  EXPECT_EQ(hits(tmp / "db", "boucher"), 1u);
  r = run(kIndex + " delete --db " + (tmp / "db") + " b nope");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("no resource with id 'nope'"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "patissier"), 0u);
  EXPECT_EQ(hits(tmp / "db", "charcutier"), 1u);
}

// A build killed with SIGKILL in the middle leaves the previous index
// intact and searchable, and the next build succeeds. The build reads a FIFO
// so the test controls exactly where it stands when it is killed.
TEST(SproIndex, KilledBuildLeavesThePreviousIndexSearchable) {
  testing::TempDir tmp;
  const std::string db = tmp / "db";
  write_file(tmp / "old.jsonl", record("old", "Boulanger") + "\n");
  ASSERT_EQ(run(kIndex + " build --db " + db + " " + (tmp / "old.jsonl")).exit_code, 0);

  const std::string fifo = tmp / "feed";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::vector<std::string> args = {kIndex, "build", "--db", db, fifo};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);

  int fd = ::open(fifo.c_str(), O_WRONLY);  // blocks until spro-index opens it
  ASSERT_GE(fd, 0);
  std::string batch;
  for (int i = 0; i < 500; ++i) batch += record("new" + std::to_string(i), "Pâtissier numéro " + std::to_string(i)) + "\n";
  ASSERT_EQ(::write(fd, batch.data(), batch.size()), static_cast<ssize_t>(batch.size()));
  // Wait until the new generation (or its shards, in a parallel build)
  // exists: the build is under way.
  bool started = false;
  for (int i = 0; i < 200 && !started; ++i) {
    started = std::filesystem::exists(std::filesystem::path(db) / "gen-000002") ||
              std::filesystem::exists(std::filesystem::path(db) / ".build-gen-000002");
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(started);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let it index what it has read
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(status));
  ::close(fd);

  EXPECT_EQ(hits(db, "boulanger"), 1u);
  EXPECT_EQ(hits(db, "patissier"), 0u);

  write_file(tmp / "next.jsonl", record("next", "Pâtissier") + "\n");
  auto r = run(kIndex + " build --db " + db + " " + (tmp / "next.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(hits(db, "patissier"), 1u);
  EXPECT_EQ(hits(db, "boulanger"), 0u);
  // The killed build's leftovers are gone.
  for (const auto& entry : std::filesystem::directory_iterator(db)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(".build-")) << entry.path();
  }
}

// --- A folder, recognised file by file --------------------------------------

// A small LHÉO 2.2 offer: one formation per title, one action each, in Toulon.
std::string lheo(const std::vector<std::string>& titles) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<lheo xmlns=\"http://www.lheo.org/2.2\">\n<offres>\n";
  int n = 0;
  for (const auto& title : titles) {
    ++n;
    xml += "<formation numero=\"F" + std::to_string(n) + "\">\n<intitule-formation>" + title +
           "</intitule-formation>\n<objectif-formation>Apprendre le m\xC3\xA9tier de " + title +
           ".</objectif-formation>\n<action numero=\"A" + std::to_string(n) +
           "\">\n<lieu-de-formation><coordonnees><adresse><ligne>1 rue de la Paix</ligne><codepostal>83000</codepostal>"
           "<ville>Toulon</ville><code-INSEE-commune>83137</code-INSEE-commune></adresse></coordonnees>"
           "</lieu-de-formation>\n</action>\n</formation>\n";
  }
  return xml + "</offres>\n</lheo>\n";
}

bool has_line(const std::string& output, const std::string& line) {
  std::istringstream in(output);
  for (std::string l; std::getline(in, l);) {
    if (l == line) return true;
  }
  return false;
}

TEST(SproIndexFolder, RecognisesEachFileByContentAndSaysWhatBecameOfIt) {
  testing::TempDir tmp;
  const std::string in = tmp / "partners";
  std::filesystem::create_directories(in + "/nested/rome");
  std::filesystem::create_directories(in + "/.git");
  write_file(in + "/records.data", record("a", "Cryptozoologue") + "\n");  // JSON Lines, whatever its name
  write_file(in + "/nested/offres", lheo({"Astrobotaniste", "Paléoluthier"}));  // LHÉO, no extension
  for (const char* f : {"unix_referentiel_code_rome_v460_utf8.csv", "unix_referentiel_appellation_v460_utf8.csv",
                        "unix_texte_v460_utf8.csv"}) {
    std::filesystem::copy_file(std::string(SPRO_SOURCE_DIR "/data/sample/partners/rome/") + f, in + "/nested/rome/" + f);
  }
  write_file(in + "/PROVENANCE.md", "# Where the files come from\n");
  write_file(in + "/lheo-2.3.xsd", "<?xml version=\"1.0\"?><xs:schema/>\n");
  write_file(in + "/logo.png", "\x89PNG\r\n\x1A\n");
  write_file(in + "/other.csv", "colonne;autre\nx;y\n");
  write_file(in + "/.git/config", "[core]\n");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + in);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const std::string& line : {
           "spro-index: " + in + "/records.data: jsonl: read 1, indexed 1, rejected 0",
           "spro-index: " + in + "/nested/offres: lheo: read 2, indexed 2, rejected 0",
           "spro-index: " + in + "/nested/rome: rome-csv: read 532, indexed 532, rejected 0",
           "spro-index: " + in + "/PROVENANCE.md: skipped: documentation of the data, not partner data",
           "spro-index: " + in + "/lheo-2.3.xsd: skipped: a schema, not data",
           "spro-index: " + in + "/logo.png: skipped: an image",
           "spro-index: " + in + "/other.csv: skipped: unrecognised format",
           "spro-index: " + in + "/.git: skipped: hidden",
       }) {
    EXPECT_TRUE(has_line(r.output, line)) << "missing: " << line << "\n" << r.output;
  }
  // The folder ROME claims is one input: its files get no line of their own.
  EXPECT_EQ(r.output.find("unix_texte"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "cryptozoologue"), 1u);
  EXPECT_EQ(hits(tmp / "db", "astrobotaniste"), 1u);
  EXPECT_GE(hits(tmp / "db", "infirmier"), 1u);  // ROME
}

TEST(SproIndexFolder, IdenticalRepeatIsADuplicateAndADifferentOneARejection) {
  testing::TempDir tmp;
  std::filesystem::create_directories(tmp / "in");
  write_file(tmp / "in/a.jsonl", record("a", "Boulanger") + "\n" + record("b", "Boucher") + "\n");
  write_file(tmp / "in/b.jsonl", record("a", "Boulanger") + "\n");  // the same aid twice: fine
  auto same = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in"));
  EXPECT_EQ(same.exit_code, 0) << same.output;
  EXPECT_TRUE(has_line(same.output, "spro-index: " + (tmp / "in/b.jsonl") +
                                        ": jsonl: read 1, indexed 0, rejected 0, identical duplicates 1"))
      << same.output;
  write_file(tmp / "in/b.jsonl", record("a", "Charcutier") + "\n");  // the same id, another resource
  auto other = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in"));
  EXPECT_EQ(other.exit_code, 3) << other.output;
  EXPECT_NE(other.output.find((tmp / "in/b.jsonl") + ":1: id: duplicate id 'a' (first at " + (tmp / "in/a.jsonl") + ":1)"),
            std::string::npos)
      << other.output;
}

// --- A bad file is a rejected source, never a lost build ----------------------

// Builds `bad` beside a good file in a folder; the build must index the good
// record, reject the bad file with `message` and exit 3.
void expect_rejected_beside_a_good_file(const std::string& bad_name, const std::string& bad_content,
                                        const std::string& message) {
  testing::TempDir tmp;
  std::filesystem::create_directories(tmp / "in");
  write_file(tmp / "in/good.jsonl", record("good", "Boulanger") + "\n");
  write_file(tmp / "in" + ("/" + bad_name), bad_content);
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(message), std::string::npos) << "missing: " << message << "\n" << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u) << r.output;
}

TEST(SproIndexBadFile, EmptyFile) {
  expect_rejected_beside_a_good_file("empty.jsonl", "", "/in/empty.jsonl: rejected: empty file");
}

TEST(SproIndexBadFile, BinaryFile) {
  expect_rejected_beside_a_good_file("dump.jsonl", std::string("\x01\x02\0\0\xFF\xFEgarbage\0\x7F", 14),
                                     "/in/dump.jsonl: rejected: binary content (NUL bytes), not text");
}

TEST(SproIndexBadFile, AStrayNulByteRejectsItsRecordNotTheFile) {
  // In a folder (recognised by content), near the top of the file.
  testing::TempDir tmp;
  std::filesystem::create_directories(tmp / "in");
  write_file(tmp / "in/records.jsonl", record("a", "Boulanger") + "\n" + record("b", std::string("Bou\0cher", 9)) + "\n" +
                                           record("c", "Charcutier") + "\n");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find((tmp / "in/records.jsonl") + ":2: "), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("binary content"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u) << r.output;
  EXPECT_EQ(hits(tmp / "db", "charcutier"), 1u) << r.output;
}

TEST(SproIndexBadFile, AForcedDocumentFormatSaysTheFileIsNotOfIt) {
  testing::TempDir tmp;
  write_file(tmp / "fs.csv", "id_fs,lib_fs\n1,France services\n");
  for (const auto& [format, what] : std::vector<std::pair<std::string, std::string>>{
           {"lheo", "LHÉO XML"}, {"rome-xml", "ROME XML"}, {"certifinfo", "Certif Info JSON"}}) {
    auto r = run(kIndex + " build --db " + (tmp / "db") + " --format " + format + " " + (tmp / "fs.csv"));
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("file rejected: " + (tmp / "fs.csv") + ":1: not " + what + " (it does not start with"),
              std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find("Document is empty"), std::string::npos) << r.output;
  }
}

TEST(SproIndexBadFile, ZipNamedPdf) {
  expect_rejected_beside_a_good_file("brochure.pdf", std::string("PK\x03\x04\x14\0\0\0\x08\0", 10) + "content.xml",
                                     "/in/brochure.pdf: rejected: binary content (a ZIP archive named .pdf), not a partner format");
}

TEST(SproIndexBadFile, TruncatedPdf) {
  const std::string pdf = read_file(SPRO_SOURCE_DIR "/data/sample/partners/service-public/brochures/F112.pdf");
  ASSERT_GT(pdf.size(), 1000u);
  expect_rejected_beside_a_good_file("cut.pdf", pdf.substr(0, pdf.size() / 3), "/in/cut.pdf: pdf: read 0, indexed 0, rejected 0; file rejected: ");
}

TEST(SproIndexBadFile, TruncatedLheoKeepsTheCompleteRecordsBeforeTheCut) {
  const std::string xml = lheo({"Plaquiste", "Menuisier", "Couvreur"});
  const std::string cut = xml.substr(0, xml.find("Couvreur") + 3);
  testing::TempDir tmp;
  std::filesystem::create_directories(tmp / "in");
  write_file(tmp / "in/good.jsonl", record("good", "Boulanger") + "\n");
  write_file(tmp / "in/offres.xml", cut);
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find((tmp / "in/offres.xml") + ": lheo: read 2, indexed 2, rejected 0; file rejected: " +
                          (tmp / "in/offres.xml") + ":"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(hits(tmp / "db", "plaquiste"), 1u);
  EXPECT_EQ(hits(tmp / "db", "menuisier"), 1u);
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
}

TEST(SproIndexBadFile, UndecodableXml) {
  // Declared UTF-8, a Latin-1 byte in the second record: the first is kept.
  std::string xml = lheo({"Plaquiste", "Menuisier"});
  xml.replace(xml.find("Menuisier"), 9, "Menuisi\xE8re");
  testing::TempDir tmp;
  std::filesystem::create_directories(tmp / "in");
  write_file(tmp / "in/good.jsonl", record("good", "Boulanger") + "\n");
  write_file(tmp / "in/offres.xml", xml);
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("offres.xml: lheo: read 1, indexed 1, rejected 0; file rejected: " + (tmp / "in/offres.xml") + ":"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("UTF-8"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "plaquiste"), 1u);
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
}

TEST(SproIndexBadFile, UnreadableFile) {
  testing::TempDir tmp;
  std::filesystem::create_directories(tmp / "in");
  write_file(tmp / "in/good.jsonl", record("good", "Boulanger") + "\n");
  std::filesystem::create_symlink(tmp / "gone.jsonl", tmp / "in/link.jsonl");  // a link to nothing
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find((tmp / "in/link.jsonl") + ": rejected: cannot read: No such file or directory"), std::string::npos)
      << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
  if (::geteuid() == 0) return;  // root reads a file whatever its mode
  write_file(tmp / "in/secret.jsonl", record("secret", "Charcutier") + "\n");
  ::chmod((tmp / "in/secret.jsonl").c_str(), 0);
  auto denied = run(kIndex + " build --db " + (tmp / "db2") + " " + (tmp / "in"));
  EXPECT_EQ(denied.exit_code, 3) << denied.output;
  EXPECT_NE(denied.output.find("secret.jsonl: rejected: cannot open: Permission denied"), std::string::npos) << denied.output;
}

TEST(SproIndexBadFile, EntityBombIsRefusedAtOnce) {
  // "Billion laughs": under a kilobyte that would expand to 3 GB.
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lheo [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    std::string prev = i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";";
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) bomb += prev;
    bomb += "\">\n";
  }
  bomb += "]>\n<lheo>&lol9;</lheo>\n";
  ASSERT_LT(bomb.size(), 1000u);
  const auto start = std::chrono::steady_clock::now();
  // Refused either by our check of the DOCTYPE or by libxml2's own limit on
  // entity amplification (which XML_PARSE_HUGE would lift), whichever
  // meets it first.
  expect_rejected_beside_a_good_file("bomb.xml", bomb, "/in/bomb.xml: lheo: read 0, indexed 0, rejected 0; file rejected: ");
  // Generous for a sanitizer build; an expanding bomb takes minutes or dies.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(SproIndexBadFile, GzipIsReadDecompressedOrRefused) {
  testing::TempDir tmp;
  std::filesystem::create_directories(tmp / "in");
  write_file(tmp / "in/offres.xml", lheo({"Plaquiste"}));
  ASSERT_EQ(run("gzip " + (tmp / "in/offres.xml")).exit_code, 0);
  write_file(tmp / "in/broken.jsonl.gz", std::string("\x1F\x8B\x08\0\0\0\0\0\0\x03garbage", 17));
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "in"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_TRUE(has_line(r.output, "spro-index: " + (tmp / "in/offres.xml.gz") + ": lheo: read 1, indexed 1, rejected 0"))
      << r.output;
  EXPECT_NE(r.output.find((tmp / "in/broken.jsonl.gz") + ": rejected: broken gzip data"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("/tmp/spro-index-"), std::string::npos) << "the temporary name leaked\n" << r.output;
  EXPECT_EQ(hits(tmp / "db", "plaquiste"), 1u);
}

TEST(SproIndexBadFile, MessagesNeverEchoRawBytes) {
  testing::TempDir tmp;
  // A CSV whose header carries a terminal escape sequence, named in a
  // mapping error, beside a good file.
  write_file(tmp / "odd.csv", "\x1B]0;pwned\x07titre;\xFF\n" + std::string(600, 'x') + ";y\n");
  write_file(tmp / "good.jsonl", record("good", "Boulanger") + "\n");
  write_file(tmp / "sources.yaml", "sources:\n  - name: odd\n    format: csv\n    path: odd.csv\n"
                                   "    mapping: {id: \"x:{nope}\", title: \"{nope}\"}\n"
                                   "  - name: good\n    path: good.jsonl\n");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " --config " + (tmp / "sources.yaml"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_EQ(r.output.find('\x1B'), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find('\x07'), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find('\xFF'), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\\x1B]0"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("pwned\\x07titre"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
}

// --- Encodings ------------------------------------------------------------------

TEST(SproIndexEncodings, Utf16JsonLinesAndCrOnlyLineEnds) {
  testing::TempDir tmp;
  std::string utf16 = "\xFF\xFE";
  std::string utf8 = record("a", "Boulanger") + "\n" + record("b", "Pâtissier") + "\n";
  // UTF-8 to UTF-16LE, enough for these Latin-1 letters.
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = utf8[i];
    char16_t u = c;
    if (c == 0xC3) u = 0xC0 | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
    utf16 += static_cast<char>(u & 0xFF);
    utf16 += static_cast<char>(u >> 8);
  }
  write_file(tmp / "utf16.jsonl", utf16);
  write_file(tmp / "mac.jsonl", record("c", "Charcutier") + "\r" + record("d", "Fromager") + "\r");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "utf16.jsonl") + " " + (tmp / "mac.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(hits(tmp / "db", "patissier"), 1u);
  EXPECT_EQ(hits(tmp / "db", "fromager"), 1u);
  EXPECT_EQ(hits(tmp / "db", "charcutier"), 1u);
}

TEST(SproIndexEncodings, EncodingOptionOverridesTheGuess) {
  testing::TempDir tmp;
  // 0xBD: "œ" in ISO-8859-15 (the guess), "½" in Windows-1252 (the truth here).
  write_file(tmp / "stage.md", "# Stage d'une \xBD journ\xE9" "e\n\nD\xE9" "couverte du m\xE9tier.\n");
  auto guessed = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "stage.md"));
  ASSERT_EQ(guessed.exit_code, 0) << guessed.output;
  auto title = [&] {
    auto s = Searcher::open(tmp / "db");
    SearchRequest req;
    req.text = "journee";
    auto res = (*s)->search(req);
    return res.ok() && !res->hits.empty() ? res->hits[0].resource.title : std::string();
  };
  EXPECT_EQ(title(), "Stage d'une \xC5\x93 journ\xC3\xA9" "e");
  auto told = run(kIndex + " build --encoding windows-1252 --db " + (tmp / "db") + " " + (tmp / "stage.md"));
  ASSERT_EQ(told.exit_code, 0) << told.output;
  EXPECT_EQ(title(), "Stage d'une \xC2\xBD journ\xC3\xA9" "e");
  EXPECT_EQ(run(kIndex + " build --encoding martian --db " + (tmp / "db") + " " + (tmp / "stage.md")).exit_code, 2);
}

// --- A rebuild never swaps in an index that lost most of the live one ----------

TEST(SproIndexShrink, EmptyOrShrinkingBuildLeavesTheLiveIndexAsItWas) {
  testing::TempDir tmp;
  const std::string db = tmp / "db";
  std::string ten;
  for (int i = 0; i < 10; ++i) ten += record("r" + std::to_string(i), "Boulanger") + "\n";
  write_file(tmp / "ten.jsonl", ten);
  ASSERT_EQ(run(kIndex + " build --db " + db + " " + (tmp / "ten.jsonl")).exit_code, 0);

  write_file(tmp / "four.jsonl", record("p0", "Pâtissier") + "\n" + record("p1", "Pâtissier") + "\n" +
                                     record("p2", "Pâtissier") + "\n" + record("p3", "Pâtissier") + "\n");
  auto shrink = run(kIndex + " build --db " + db + " " + (tmp / "four.jsonl"));
  EXPECT_EQ(shrink.exit_code, 1) << shrink.output;
  EXPECT_NE(shrink.output.find("the new build holds 4 resources, fewer than half of the live index's 10: not swapped in"),
            std::string::npos)
      << shrink.output;
  EXPECT_NE(shrink.output.find("index unchanged"), std::string::npos) << shrink.output;
  EXPECT_EQ(hits(db, "boulanger"), 10u);
  EXPECT_EQ(hits(db, "patissier"), 0u);

  write_file(tmp / "empty.jsonl", "");
  auto empty = run(kIndex + " build --db " + db + " " + (tmp / "empty.jsonl"));
  EXPECT_EQ(empty.exit_code, 1) << empty.output;
  EXPECT_NE(empty.output.find("the new build holds no resource (the live index holds 10): not swapped in "
                              "(--allow-shrink to swap it in anyway)"),
            std::string::npos)
      << empty.output;
  EXPECT_EQ(hits(db, "boulanger"), 10u);
  for (const auto& entry : std::filesystem::directory_iterator(db)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(".build-")) << entry.path();
  }

  auto allowed = run(kIndex + " build --allow-shrink --db " + db + " " + (tmp / "four.jsonl"));
  EXPECT_EQ(allowed.exit_code, 0) << allowed.output;
  EXPECT_EQ(hits(db, "patissier"), 4u);
  EXPECT_EQ(hits(db, "boulanger"), 0u);
}

TEST(SproIndexShrink, FirstBuildOfNothingIsRefused) {
  testing::TempDir tmp;
  write_file(tmp / "empty.jsonl", "\n\n");
  auto r = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "empty.jsonl"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("the input held no record (1 file read, 0 files skipped, 0 files rejected); "
                          "the new build holds no resource and there is no index yet: none created"),
            std::string::npos)
      << r.output;
  // No live index to protect: --allow-shrink would be a wrong lead.
  EXPECT_EQ(r.output.find("--allow-shrink"), std::string::npos) << r.output;
  EXPECT_FALSE(Searcher::open(tmp / "db").ok());
}

TEST(SproIndexShrink, FirstBuildOfAFolderWithNoPartnerFileSaysSo) {
  testing::TempDir tmp;
  std::filesystem::create_directories(tmp / "empty");
  auto empty = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "empty"));
  EXPECT_EQ(empty.exit_code, 1) << empty.output;
  EXPECT_NE(empty.output.find("the input held no file; the new build holds no resource"), std::string::npos)
      << empty.output;
  EXPECT_EQ(empty.output.find("--allow-shrink"), std::string::npos) << empty.output;
  std::filesystem::create_directories(tmp / "docs");
  write_file(tmp / "docs/README.md", "# Données\n");
  auto skipped = run(kIndex + " build --db " + (tmp / "db") + " " + (tmp / "docs"));
  EXPECT_EQ(skipped.exit_code, 1) << skipped.output;
  EXPECT_NE(skipped.output.find("the input held no readable partner file (1 file skipped, 0 files rejected, see above)"), std::string::npos)
      << skipped.output;
}

// --- Source configuration -------------------------------------------------------

TEST(SproIndexConfig, RelativePathsAreResolvedAgainstTheConfigurationFolder) {
  testing::TempDir tmp;
  std::filesystem::create_directories(tmp / "conf");
  std::filesystem::create_directories(tmp / "data");
  std::filesystem::create_directories(tmp / "elsewhere");
  write_file(tmp / "data/a.jsonl", record("a", "Boulanger") + "\n");
  write_file(tmp / "conf/sources.yaml", "sources:\n  - name: mine\n    path: ../data/a.jsonl\n    partner: crij\n");
  // Run from another folder, naming the configuration relatively.
  auto r = run("cd " + (tmp / "elsewhere") + " && " + kIndex + " build --db ../db --config ../conf/sources.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("../conf/../data/a.jsonl: jsonl: read 1, indexed 1"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
}

// Issue 18: `spro-index compact` reclaims what updates leave and keeps the
// index searchable; it says the sizes.
TEST(SproIndex, CompactKeepsEveryResourceAndSaysTheSizes) {
  testing::TempDir tmp;
  std::string lines;
  for (int i = 0; i < 200; ++i) lines += record("m" + std::to_string(i), "Boulanger " + std::to_string(i)) + "\n";
  write_file(tmp / "in.jsonl", lines);
  const std::string db = tmp / "db";
  ASSERT_EQ(run(kIndex + " build --quiet --db " + db + " " + (tmp / "in.jsonl")).exit_code, 0);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(run(kIndex + " update --quiet --db " + db + " " + (tmp / "in.jsonl")).exit_code, 0);
  auto r = run(kIndex + " compact --db " + db);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("bytes ->"), std::string::npos) << r.output;
  EXPECT_EQ(hits(db, "boulanger"), 200u);
  EXPECT_EQ(run(kIndex + " compact --db " + (tmp / "none")).exit_code, 1);
}

// Regression test for a crash found by tests/fuzz/resource_json_fuzzer:
// `1e400` in a JSON Lines record aborted spro-index (exit 134) and lost
// the build; it is now one rejected record naming its line.
TEST(SproIndex, NumberOutOfRangeIsARejectedRecordNotACrash) {
  testing::TempDir tmp;
  write_file(tmp / "in.jsonl", record("m1", "Boulanger") + "\n" +
                                   R"({"id":"m2","kind":"metier","title":"T","levels":[1e400]})" "\n");
  auto r = run(kIndex + " build --quiet --db " + (tmp / "db") + " " + (tmp / "in.jsonl"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("in.jsonl:2: invalid JSON: number overflow"), std::string::npos) << r.output;
  EXPECT_EQ(hits(tmp / "db", "boulanger"), 1u);
}

}  // namespace
}  // namespace spro
