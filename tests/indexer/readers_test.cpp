// Reading partner files: encodings, line ends, CSV quoting.
#include <gtest/gtest.h>

#include "csv_reader.h"
#include "test_util.h"
#include "text_reader.h"
#include "xml_stream.h"

namespace spro::indexer {
namespace {

std::vector<std::string> lines_of(const std::string& path, std::string_view encoding = "auto", std::string* detected = nullptr) {
  auto r = TextReader::open(path, encoding);
  EXPECT_TRUE(r.ok()) << r.status().message();
  std::vector<std::string> out;
  if (!r.ok()) return out;
  for (std::string line; (*r)->next_line(line);) out.push_back(line);
  if (detected) *detected = (*r)->encoding();
  return out;
}

TEST(TextReader, Utf8WithBomAndCrlf) {
  testing::TempDir tmp;
  testing::write_file(tmp / "a.txt", "\xEF\xBB\xBF" "Éducateur\r\nspécialisé\r\nfin sans retour");
  EXPECT_EQ(lines_of(tmp / "a.txt"), (std::vector<std::string>{"Éducateur", "spécialisé", "fin sans retour"}));
}

TEST(TextReader, DetectsAndConvertsWindows1252) {
  testing::TempDir tmp;
  // "Éducateur spécialisé – œuvre" in Windows-1252 (É=C9, é=E9, –=96, œ=9C).
  testing::write_file(tmp / "a.csv", "nom\n\xC9" "ducateur sp\xE9" "cialis\xE9 \x96 \x9Cuvre\n");
  std::string encoding;
  auto lines = lines_of(tmp / "a.csv", "auto", &encoding);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "Éducateur spécialisé – œuvre");
  EXPECT_EQ(encoding, "windows-1252");
}

TEST(TextReader, NamedIso885915) {
  testing::TempDir tmp;
  testing::write_file(tmp / "a.txt", "\xBD" "uvre \xA4\n");  // œuvre € in ISO-8859-15
  EXPECT_EQ(lines_of(tmp / "a.txt", "ISO-8859-15"), std::vector<std::string>{"œuvre €"});
}

TEST(TextReader, Utf16WithBom) {
  testing::TempDir tmp;
  std::string s = "\xFF\xFE";
  for (char c : std::string("ab\ncd\n")) s += std::string{c, '\0'};
  testing::write_file(tmp / "a.txt", s);
  EXPECT_EQ(lines_of(tmp / "a.txt"), (std::vector<std::string>{"ab", "cd"}));
}

TEST(TextReader, Utf8FileWithOneCorruptLineStaysUtf8) {
  testing::TempDir tmp;
  testing::write_file(tmp / "a.txt", "Pâtissier\ncaf\xE9\n");
  std::string encoding;
  auto lines = lines_of(tmp / "a.txt", "auto", &encoding);
  EXPECT_EQ(encoding, "UTF-8");
  EXPECT_EQ(lines[1], "caf\xE9");  // left for the record parser to report
}

TEST(TextReader, LargeFileAcrossChunks) {
  testing::TempDir tmp;
  std::string content;
  for (int i = 0; i < 20000; ++i) content += "ligne numéro " + std::to_string(i) + "\n";
  testing::write_file(tmp / "a.txt", content);
  auto lines = lines_of(tmp / "a.txt");
  ASSERT_EQ(lines.size(), 20000u);
  EXPECT_EQ(lines[12345], "ligne numéro 12345");
}

TEST(TextReader, Iso885915RecognisedByItsBytes) {
  testing::TempDir tmp;
  // "Cœur de métier : 15 €" in ISO-8859-15: œ = BD, é = E9, € = A4, and no
  // byte in 80-9F (where Windows-1252 puts œ and €).
  testing::write_file(tmp / "a.csv", "titre\nC\xBDur de m\xE9tier : 15 \xA4\n");
  std::string encoding;
  auto lines = lines_of(tmp / "a.csv", "auto", &encoding);
  EXPECT_EQ(encoding, "ISO-8859-15");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "Cœur de métier : 15 €");
}

TEST(TextReader, CrOnlyLineEndsAcrossChunks) {
  testing::TempDir tmp;
  std::string content;
  for (int i = 0; i < 10000; ++i) content += "ligne " + std::to_string(i) + "\r";
  content += "\r\ndernière\r";  // an empty line, then a CRLF-ended one
  testing::write_file(tmp / "mac.txt", content);
  auto lines = lines_of(tmp / "mac.txt");
  ASSERT_EQ(lines.size(), 10002u);
  EXPECT_EQ(lines[0], "ligne 0");
  EXPECT_EQ(lines[9999], "ligne 9999");
  EXPECT_EQ(lines[10000], "");
  EXPECT_EQ(lines[10001], "dernière");
}

TEST(TextReader, Utf16WithoutBomAndOverAnAssumedUtf8) {
  testing::TempDir tmp;
  std::string le, be;
  for (char c : std::string("{\"a\":1}\n{\"b\":2}\n")) {
    le += std::string{c, '\0'};
    be += std::string{'\0', c};
  }
  testing::write_file(tmp / "le.jsonl", le);
  testing::write_file(tmp / "be.jsonl", be);
  testing::write_file(tmp / "bom.jsonl", "\xFF\xFE" + le);
  const std::vector<std::string> expected = {"{\"a\":1}", "{\"b\":2}"};
  std::string encoding;
  EXPECT_EQ(lines_of(tmp / "le.jsonl", "auto", &encoding), expected);
  EXPECT_EQ(encoding, "UTF-16LE");
  EXPECT_EQ(lines_of(tmp / "be.jsonl", "auto", &encoding), expected);
  EXPECT_EQ(encoding, "UTF-16BE");
  // JSON Lines are opened as UTF-8: a BOM or the NUL bytes still win.
  EXPECT_EQ(lines_of(tmp / "bom.jsonl", "UTF-8"), expected);
  EXPECT_EQ(lines_of(tmp / "le.jsonl", "UTF-8"), expected);
}

TEST(TextReader, GzipHeadAndBomb) {
  testing::TempDir tmp;
  testing::write_file(tmp / "a.txt", std::string(100000, 'a'));
  ASSERT_EQ(testing::run("gzip " + (tmp / "a.txt")).exit_code, 0);
  auto head = read_head(tmp / "a.txt.gz", 10);
  ASSERT_TRUE(head.ok()) << head.status().message();
  EXPECT_EQ(*head, std::string(10, 'a'));
  EXPECT_TRUE(gunzip(tmp / "a.txt.gz", tmp / "a.txt", 1 << 20).ok());
  EXPECT_EQ(testing::read_file(tmp / "a.txt").size(), 100000u);
  Status bomb = gunzip(tmp / "a.txt.gz", tmp / "b.txt", 50000);
  EXPECT_FALSE(bomb.ok());
  EXPECT_NE(bomb.message().find("refused (a decompression bomb?)"), std::string::npos) << bomb.message();
}

TEST(ReadTextFile, WholeFileDecodedDetectedOrNamedAndBounded) {
  testing::TempDir tmp;
  testing::write_file(tmp / "latin.json", "{\"titre\": \"Aide \xE0 la mobilit\xE9 \x80\"}");
  auto detected = read_text_file(tmp / "latin.json");
  ASSERT_TRUE(detected.ok());
  EXPECT_EQ(*detected, "{\"titre\": \"Aide à la mobilité €\"}");
  auto named = read_text_file(tmp / "latin.json", "ISO-8859-1");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(*named, "{\"titre\": \"Aide à la mobilité \xC2\x80\"}");  // Latin-1 has no €: U+0080
  auto refused = read_text_file(tmp / "latin.json", "auto", 10);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("latin.json: over"), std::string::npos) << refused.status().message();
  EXPECT_EQ(read_text_file(tmp / "absent.json").status().code(), Status::Code::kNotFound);
}

TEST(TextReader, MissingFile) {
  auto r = TextReader::open("/nonexistent/file.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/file.csv: cannot open"), std::string::npos);
}

std::vector<std::vector<std::string>> records(const std::string& content, std::vector<size_t>* lines = nullptr,
                                              std::vector<std::string>* errors = nullptr) {
  testing::TempDir tmp;
  testing::write_file(tmp / "a.csv", content);
  auto r = TextReader::open(tmp / "a.csv");
  CsvReader csv(**r);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> fields;
  std::string error;
  while (csv.next(fields, error)) {
    out.push_back(fields);
    if (lines) lines->push_back(csv.first_line());
    if (errors) errors->push_back(error);
  }
  return out;
}

TEST(CsvReader, QuotedFieldsWithDelimitersQuotesAndLineBreaks) {
  std::vector<size_t> lines;
  auto r = records("a,b,c\n\"1, rue X\",\"dit \"\"le chef\"\"\",\"ligne 1\nligne 2\r\nligne 3\"\nx,,z\n", &lines);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1], (std::vector<std::string>{"1, rue X", "dit \"le chef\"", "ligne 1\nligne 2\nligne 3"}));
  EXPECT_EQ(r[2], (std::vector<std::string>{"x", "", "z"}));
  EXPECT_EQ(lines, (std::vector<size_t>{1, 2, 5}));
}

TEST(CsvReader, DetectsTheDelimiter) {
  EXPECT_EQ(records("a;b;c\n1;2,5;3\n")[1], (std::vector<std::string>{"1", "2,5", "3"}));
  EXPECT_EQ(records("a\tb\n1\t2\n")[1], (std::vector<std::string>{"1", "2"}));
}

TEST(CsvReader, UnclosedQuoteIsReported) {
  std::vector<std::string> errors;
  auto r = records("a,b\n1,\"never closed\n2,3\n", nullptr, &errors);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(errors[1], "quoted field never closed (the file may be truncated)");
}

}  // namespace
}  // namespace spro::indexer

namespace spro::indexer {
namespace {

std::vector<std::string> titles_of(const std::string& path, std::string* error, std::string_view encoding = "auto") {
  auto xml = XmlElementStream::open(path, "item", encoding);
  EXPECT_TRUE(xml.ok());
  std::vector<std::string> out;
  while (xmlNode* n = (*xml)->next()) out.push_back(text(n));
  *error = (*xml)->error();
  return out;
}

TEST(XmlElementStream, FileCutShortKeepsTheCompleteElements) {
  testing::TempDir tmp;
  testing::write_file(tmp / "cut.xml", "<?xml version=\"1.0\"?>\n<list>\n<item>un</item>\n<item>deux</item>\n<item>tr");
  std::string error;
  EXPECT_EQ(titles_of(tmp / "cut.xml", &error), (std::vector<std::string>{"un", "deux"}));
  EXPECT_NE(error.find(tmp / "cut.xml:5:"), std::string::npos) << error;
}

TEST(XmlElementStream, EncodingDeclaredOrElseDetectedOrElseNamed) {
  testing::TempDir tmp;
  std::string error;
  // No declaration, Windows-1252 bytes: detected, not taken for bad UTF-8.
  testing::write_file(tmp / "a.xml", "<list><item>Caf\xE9 \x80</item></list>\n");
  EXPECT_EQ(titles_of(tmp / "a.xml", &error), std::vector<std::string>{"Café €"});
  EXPECT_EQ(error, "");
  // Named for the run: 0xBD is "œ" in ISO-8859-15.
  testing::write_file(tmp / "b.xml", "<list><item>\xBDuvre</item></list>\n");
  EXPECT_EQ(titles_of(tmp / "b.xml", &error, "ISO-8859-15"), std::vector<std::string>{"œuvre"});
  // The file's declaration wins over the name given for the run.
  testing::write_file(tmp / "c.xml", "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<list><item>\xBD</item></list>\n");
  EXPECT_EQ(titles_of(tmp / "c.xml", &error, "ISO-8859-15"), std::vector<std::string>{"½"});
}

TEST(XmlElementStream, DeclaredEntitiesAreRefused) {
  testing::TempDir tmp;
  testing::write_file(tmp / "e.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE list [\n<!ENTITY x \"y\">\n]>\n<list><item>un</item></list>\n");
  std::string error;
  EXPECT_TRUE(titles_of(tmp / "e.xml", &error).empty());
  EXPECT_NE(error.find("the DOCTYPE declares entities of its own: refused"), std::string::npos) << error;
  // Predefined entities and character references are fine.
  testing::write_file(tmp / "ok.xml", "<list><item>Caf&#233; &amp; th&#xE9; &lt;3</item></list>\n");
  EXPECT_EQ(titles_of(tmp / "ok.xml", &error), std::vector<std::string>{"Café & thé <3"});
  EXPECT_EQ(error, "");
}

}  // namespace
}  // namespace spro::indexer
