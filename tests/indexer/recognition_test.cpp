// Recognising partner files by their content, and the one-line messages
// that quote them.
#include <gtest/gtest.h>

#include <filesystem>

#include "importers/registry.h"
#include "report.h"
#include "test_util.h"
#include "walker.h"

namespace spro::indexer {
namespace {

Recognition recognise_file(const std::string& path) {
  auto sample = sample_file(path);
  EXPECT_TRUE(sample.ok()) << sample.status().message();
  return sample.ok() ? recognise(*sample) : Recognition{};
}

std::string format_of(const std::string& path) {
  Recognition r = recognise_file(path);
  return r.verdict == Recognition::Verdict::kImport ? r.format : "(" + r.reason + ")";
}

TEST(Recognition, ByContentWhateverTheName) {
  testing::TempDir tmp;
  testing::write_file(tmp / "export.dat", "\xEF\xBB\xBF{\"id\":\"a\",\"kind\":\"metier\",\"title\":\"x\"}\n");
  testing::write_file(tmp / "offres.txt",
                      "<?xml version=\"1.0\"?>\n<!-- export -->\n<!DOCTYPE lheo [\n<!ELEMENT x (y)>\n]>\n<lheo:lheo xmlns:lheo=\"x\"/>");
  testing::write_file(tmp / "rome.xml", "<?xml version=\"1.0\" encoding=\"iso-8859-15\" ?>\n<ogr>\n<item_referentiel_code_rome>\n");
  testing::write_file(tmp / "titres", "{\"100001\":{\"parent\":\"type970\",\"text\":\"Conception (100001)\"}}");
  testing::write_file(tmp / "F1.json", "{\n \"id\": \"F1\",\n \"children\": [ {\"type\": \"element\", \"name\": \"Publication\"} ]}");
  testing::write_file(tmp / "brochure.bin", "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n");
  testing::write_file(tmp / "page", "<!DOCTYPE html>\n<html lang=\"fr\"><title>x</title>");
  EXPECT_EQ(format_of(tmp / "export.dat"), "jsonl");
  EXPECT_EQ(format_of(tmp / "offres.txt"), "lheo");  // not "text": the content says
  EXPECT_EQ(format_of(tmp / "rome.xml"), "rome-xml");
  EXPECT_EQ(format_of(tmp / "titres"), "certifinfo");
  EXPECT_EQ(format_of(tmp / "F1.json"), "service-public");
  EXPECT_EQ(format_of(tmp / "brochure.bin"), "pdf");
  EXPECT_EQ(format_of(tmp / "page"), "html");
}

TEST(Recognition, WhatIsNotPartnerDataIsSkippedWithTheReason) {
  testing::TempDir tmp;
  testing::write_file(tmp / "README", "Ce dossier...\n");
  testing::write_file(tmp / "lheo.dtd", "<!ELEMENT lheo (offres)>\n");
  testing::write_file(tmp / "photo.JPG", "\xFF\xD8\xFF\xE0");
  testing::write_file(tmp / "dict.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE dict SYSTEM \"gml.dtd\">\n<dict name=\"x\"/>\n");
  testing::write_file(tmp / "sources.yaml", "# mine\nsources:\n  - name: x\n");
  testing::write_file(tmp / "communes.csv", "code_insee,nom,type,code_departement\n");
  testing::write_file(tmp / "inconnu.csv", "a;b\n1;2\n");
  EXPECT_EQ(format_of(tmp / "README"), "(documentation of the data, not partner data)");
  EXPECT_EQ(format_of(tmp / "lheo.dtd"), "(a schema, not data)");
  EXPECT_EQ(format_of(tmp / "photo.JPG"), "(an image)");
  EXPECT_EQ(format_of(tmp / "dict.xml"), "(a dictionary (LHÉO GML): code labels, not resources)");
  EXPECT_EQ(format_of(tmp / "sources.yaml"), "(a source configuration (give it with --config))");
  EXPECT_EQ(format_of(tmp / "communes.csv"), "(the territory reference (compiled into the library from data/territories))");
  EXPECT_EQ(format_of(tmp / "inconnu.csv"), "(unrecognised format)");
}

TEST(Recognition, BadFilesAreRejectionsNotSkips) {
  testing::TempDir tmp;
  testing::write_file(tmp / "empty.csv", "");
  testing::write_file(tmp / "zip.pdf", std::string("PK\x03\x04\x14\0\0\0", 8));
  testing::write_file(tmp / "nul.jsonl", std::string("{\"id\0\0\0\0", 9));
  for (const char* name : {"empty.csv", "zip.pdf", "nul.jsonl"}) {
    EXPECT_EQ(recognise_file(tmp / name).verdict, Recognition::Verdict::kReject) << name;
  }
  EXPECT_EQ(recognise_file(tmp / "zip.pdf").reason, "binary content (a ZIP archive named .pdf), not a partner format");
}

TEST(Recognition, AFewStrayNulBytesLeaveATextFileText) {
  testing::TempDir tmp;
  // A France services export whose second record holds two NUL bytes: the
  // file is read (its importer rejects that record with its line).
  const std::string header =
      "\"id_fs\",\"insee_dep\",\"lib_fs\",\"adresse\",\"complement_adresse\",\"insee_com\",\"code_postal\",\"lib_com\","
      "\"latitude\",\"longitude\",\"type_fs\"\n";
  const std::string row = "\"1\",\"83\",\"France services\",\"1 rue\",,\"83137\",\"83000\",\"Toulon\",43.1,5.9,\"P\"\n";
  testing::write_file(tmp / "fs.csv", header + row + "\"2\",\"83\",\"France" + std::string("\0\0", 2) + "services\"\n" + row);
  EXPECT_EQ(format_of(tmp / "fs.csv"), "france-services");
  // UTF-16 (NULs in every other byte) is still decoded, not rejected.
  std::string utf16;
  for (char c : std::string("{\"id\":\"a\",\"kind\":\"metier\",\"title\":\"x\"}\n")) utf16 += std::string{c, '\0'};
  testing::write_file(tmp / "utf16.data", utf16);
  EXPECT_EQ(format_of(tmp / "utf16.data"), "jsonl");
  // Binary data is still rejected, whatever its NULs: mostly NULs, or NULs
  // scattered through the whole sample.
  testing::write_file(tmp / "zeros.csv", std::string(4096, '\0'));
  std::string scattered;
  for (int i = 0; i < 200; ++i) scattered += "texte sans fin" + std::string(1, '\0');
  testing::write_file(tmp / "scattered.txt", scattered);
  testing::write_file(tmp / "prog.csv", std::string("\x7F" "ELF\x02\x01\x01", 7) + std::string(100, 'a'));
  EXPECT_EQ(format_of(tmp / "zeros.csv"), "(binary content (NUL bytes), not text)");
  EXPECT_EQ(format_of(tmp / "scattered.txt"), "(binary content (NUL bytes), not text)");
  EXPECT_EQ(format_of(tmp / "prog.csv"), "(binary content (a program named .csv), not a partner format)");
}

TEST(Walker, FolderFormatsClaimTheirFolderAndTheRestIsWalkedInOrder) {
  testing::TempDir tmp;
  std::filesystem::create_directories(tmp / "in/rome");
  std::filesystem::create_directories(tmp / "in/b");
  testing::write_file(tmp / "in/rome/unix_referentiel_code_rome_v460_utf8.csv",
                      "code_rome,code_fiche_metier,code_ogr,libelle_rome,code_rome_parent\n");
  testing::write_file(tmp / "in/rome/unix_texte_v460_utf8.csv", "code_rome\n");
  testing::write_file(tmp / "in/b/z.jsonl", "{\"id\":\"a\",\"kind\":\"metier\"}\n");
  testing::write_file(tmp / "in/a.md", "# Guide\n");
  std::filesystem::create_directory_symlink(tmp / "in", tmp / "in/b/loop");
  std::vector<std::string> seen;
  for (const FoundInput& f : walk_inputs(tmp / "in")) {
    seen.push_back(f.path.substr(tmp.path().string().size()) + " " +
                   (f.recognition.verdict == Recognition::Verdict::kImport ? f.recognition.format : f.recognition.reason));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"/in/a.md text", "/in/b/loop a folder already walked (symbolic link loop)",
                                            "/in/b/z.jsonl jsonl", "/in/rome rome-csv"}));
}

TEST(Walker, AFileNamedByTheUserFallsBackOnItsExtension) {
  testing::TempDir tmp;
  testing::write_file(tmp / "broken.jsonl", "{not json\n");
  auto found = walk_inputs(tmp / "broken.jsonl");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].recognition.format, "jsonl");  // so its lines are reported one by one
}

TEST(Report, PrintableEscapesControlsAndBadBytesAndCuts) {
  EXPECT_EQ(printable("caf\xC3\xA9 \x1B[2J\x07 \xFF\xC3", 100), "caf\xC3\xA9 \\x1B[2J\\x07 \\xFF\\xC3");
  EXPECT_EQ(printable("\xC2\x85 next line", 100), "\\xC2\\x85 next line");  // C1 control U+0085
  std::string cut = printable(std::string(50, 'a') + "\xC3\xA9\xC3\xA9", 51);
  EXPECT_EQ(cut, std::string(50, 'a') + "\xC3\xA9\xE2\x80\xA6");  // a whole é, then "…"
}

}  // namespace
}  // namespace spro::indexer
