// Reading partner files: encodings, line ends, CSV quoting.
#include <gtest/gtest.h>

#include "csv_reader.h"
#include "test_util.h"
#include "text_reader.h"

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
