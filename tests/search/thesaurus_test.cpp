#include "spro/thesaurus.h"

#include <gtest/gtest.h>

#include <xapian.h>

#include "index/schema.h"
#include "spro/index_writer.h"
#include "spro/searcher.h"
#include "test_util.h"

namespace spro {
namespace {

TEST(Thesaurus, BuiltinFileParses) {
  auto parsed = Thesaurus::parse(testing::read_file(SPRO_SOURCE_DIR "/data/thesaurus/orientation.txt"), "orientation.txt");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_GT(parsed->group_count(), 40u);
  EXPECT_EQ(Thesaurus::builtin().group_count(), parsed->group_count());
}

TEST(Thesaurus, ErrorsNameTheLine) {
  auto t = Thesaurus::parse("# comment\nbts = brevet de technicien supérieur\njust one form\n", "mine.txt");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "mine.txt:3: a group needs at least two forms separated by ' = '");
  t = Thesaurus::parse("a =  = b\n", "x");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("x:1: empty form"), std::string::npos);
  EXPECT_EQ(Thesaurus::load("/nonexistent/file").status().code(), Status::Code::kNotFound);
}

TEST(Thesaurus, FindsTheLongestFormWhateverTheAccents) {
  Analyzer a;
  auto t = Thesaurus::parse("bac = baccalauréat\nbac pro = baccalauréat professionnel\n", "t");
  ASSERT_TRUE(t.ok());
  auto matches = t->find(a.analyze("Bac Pro cuisine"));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].begin, 0u);
  EXPECT_EQ(matches[0].end, 2u);
  ASSERT_EQ(matches[0].alternatives.size(), 1u);
  EXPECT_EQ(matches[0].alternatives[0], (Thesaurus::Form{a.stem("baccalauréat"), a.stem("professionnel")}));
  matches = t->find(a.analyze("BACCALAUREAT"));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].alternatives[0], Thesaurus::Form{a.stem("bac")});
}

TEST(Thesaurus, PhrasesInFindsEveryMultiWordFormAtSuccessivePositions) {
  Analyzer a;
  auto t = Thesaurus::parse("bac pro = baccalauréat professionnel\nbts = brevet de technicien supérieur\n", "t");
  ASSERT_TRUE(t.ok());
  const Thesaurus::Form bac_pro{a.stem("bac"), a.stem("pro")};
  const Thesaurus::Form baccalaureat{a.stem("baccalauréat"), a.stem("professionnel")};
  const Thesaurus::Form brevet{a.stem("brevet"), a.stem("de"), a.stem("technicien"), a.stem("supérieur")};
  EXPECT_EQ(t->phrases().size(), 3u);
  // Any case, accents or feminine ending; overlapping forms each count.
  auto found = t->phrases_in(a.analyze("BACCALAUREAT PROFESSIONNELLE, Brevet de technicien supérieur puis bac pro"));
  std::sort(found.begin(), found.end());
  std::vector<Thesaurus::Form> expected{bac_pro, baccalaureat, brevet};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(found, expected);
  // The words apart, or in another order, are not the phrase.
  EXPECT_TRUE(t->phrases_in(a.analyze("technicien supérieur de la mer, brevet")).empty());
  EXPECT_TRUE(t->phrases_in(a.analyze("baccalauréat général et professionnel")).empty());
  EXPECT_TRUE(t->phrases_in(a.analyze("pro bac")).empty());
}

class ThesaurusSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = IndexWriter::open(tmp_ / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    auto add = [&](std::string id, std::string title) {
      Resource r;
      r.id = std::move(id);
      r.kind = "formation";
      r.title = std::move(title);
      ASSERT_TRUE((*w)->add(r).ok());
    };
    add("1", "Brevet de technicien supérieur Management commercial");
    add("2", "BTS Tourisme");
    add("3", "Formation en alternance : cuisine");
    add("4", "Technicien supérieur de la mer, brevet");  // the words, not the phrase
    ASSERT_TRUE((*w)->commit().ok());
  }
  std::vector<std::string> ids(const std::string& text, SearcherOptions options = {}) {
    auto s = Searcher::open(tmp_ / "db", options);
    EXPECT_TRUE(s.ok()) << s.status().message();
    if (!s.ok()) return {};
    SearchRequest req;
    req.text = text;
    req.relax_when_empty = false;  // which resources hold the words
    auto r = (*s)->search(req);
    std::vector<std::string> out;
    for (const auto& h : r->hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  }
  testing::TempDir tmp_;
};

TEST_F(ThesaurusSearch, AcronymFindsTheFullForm) {
  EXPECT_EQ(ids("bts"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(ids("B.T.S."), (std::vector<std::string>{"1", "2"}));
}

TEST_F(ThesaurusSearch, FullFormFindsTheAcronymAsAPhrase) {
  EXPECT_EQ(ids("brevet de technicien superieur"), (std::vector<std::string>{"1", "2", "4"}));
  EXPECT_EQ(ids("bts management"), (std::vector<std::string>{"1"}));
}

TEST_F(ThesaurusSearch, ApprentissageFindsAlternance) {
  EXPECT_EQ(ids("apprentissage cuisine"), (std::vector<std::string>{"3"}));
}

TEST_F(ThesaurusSearch, CanBeDisabledAndExtendedWithoutReindexing) {
  SearcherOptions none;
  none.builtin_thesaurus = false;
  // Without it, "bts" still finds the title it is the acronym of (title
  // acronyms are built at index time), but not the words apart.
  EXPECT_EQ(ids("bts", none), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(ids("brevet de technicien superieur", none), (std::vector<std::string>{"1", "4"}));
  testing::write_file(tmp_ / "extra.txt", "# mine\ngastronomie = cuisine\n");
  SearcherOptions extra;
  extra.thesaurus_files = {tmp_ / "extra.txt"};
  EXPECT_EQ(ids("gastronomie", extra), (std::vector<std::string>{"3"}));
  extra.thesaurus_files = {tmp_ / "missing.txt"};
  EXPECT_FALSE(Searcher::open(tmp_ / "db", extra).ok());
}

// Multi-word forms of the built-in thesaurus are indexed as single terms.
// An index whose documents were not all analysed for a form (built by an
// older version, or updated in place by a newer one) must still find it as
// a phrase.
TEST_F(ThesaurusSearch, FormsNotIndexedByEveryDocumentAreSearchedAsPhrases) {
  const std::vector<std::string> bts{"1", "2"};
  EXPECT_EQ(ids("bts"), bts);
  const Thesaurus::Form brevet = Thesaurus::builtin().find(Analyzer().analyze("bts")).at(0).alternatives.at(0);
  const std::string key = std::string(schema::kMetaPhrase) + schema::phrase_term(brevet);
  {
    Xapian::WritableDatabase db(tmp_ / "db/current", Xapian::DB_OPEN);
    ASSERT_FALSE(db.get_metadata(key).empty());
    // As if document 1 had been indexed before the form had a term.
    db.set_metadata(key, "");
    Xapian::Document d1 = db.get_document(*db.postlist_begin("Q1"));
    d1.remove_term(schema::phrase_term(brevet));
    db.replace_document("Q1", d1);
    db.set_metadata(std::string(schema::kMetaPhrase) + "XWforme retiree", "1");
    db.commit();
  }
  EXPECT_EQ(ids("bts"), bts);
  // An update in place writes its documents with every term, but cannot
  // vouch for the others: the form stays a phrase, and a form the built-in
  // thesaurus no longer has is forgotten.
  auto w = IndexWriter::open(tmp_ / "db", IndexWriter::Mode::kUpdate);
  ASSERT_TRUE(w.ok());
  Resource r;
  r.id = "5";
  r.kind = "formation";
  r.title = "Brevet de technicien supérieur Tourisme";
  ASSERT_TRUE((*w)->add(r).ok());
  ASSERT_TRUE((*w)->commit().ok());
  EXPECT_EQ(ids("bts"), (std::vector<std::string>{"1", "2", "5"}));
  Xapian::Database db(tmp_ / "db/current");
  EXPECT_TRUE(db.get_metadata(key).empty());
  EXPECT_TRUE(db.get_metadata(std::string(schema::kMetaPhrase) + "XWforme retiree").empty());
  EXPECT_EQ(db.get_termfreq(schema::phrase_term(brevet)), 1u);  // document 5
}

}  // namespace
}  // namespace spro
