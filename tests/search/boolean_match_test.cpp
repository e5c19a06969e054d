#include "search/boolean_match.h"

#include <gtest/gtest.h>

#include <set>

#include "test_util.h"

namespace spro::search {
namespace {

// The documents Xapian's own matcher finds for `q`.
std::vector<Xapian::docid> xapian_matches(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<Xapian::docid> out;
  for (auto it = enquire.get_mset(0, db.get_doccount()).begin(); it != Xapian::MSetIterator(); ++it) out.push_back(*it);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Xapian::docid> boolean_matches(const Xapian::Database& db, const Xapian::Query& q) {
  auto m = BooleanMatcher::compile(db, q);
  EXPECT_TRUE(m) << q.get_description();
  std::vector<Xapian::docid> out;
  if (!m) return out;
  for (Xapian::docid d = m->next(); d != 0; d = m->next()) out.push_back(d);
  EXPECT_EQ(m->next(), 0u);  // stays at the end
  return out;
}

class BooleanMatcherTest : public ::testing::Test {
 protected:
  static constexpr int kWords = 12;

  void SetUp() override {
    Xapian::WritableDatabase db(dir_ / "db", Xapian::DB_CREATE);
    for (int i = 0; i < 600; ++i) {
      Xapian::Document doc;
      // Word w is in about one document in w + 1, so posting lists range
      // from every document to a few dozen.
      for (int w = 0; w < kWords; ++w) {
        if (next(w + 1) == 0) doc.add_term("w" + std::to_string(w));
      }
      db.add_document(doc);
    }
    // Holes in the document numbers.
    for (Xapian::docid d = 5; d < 600; d += 37) db.delete_document(d);
    db.commit();
    db_ = Xapian::Database(dir_ / "db");
  }

  uint32_t next(uint32_t n) {
    seed_ = seed_ * 1103515245u + 12345u;
    return (seed_ >> 16) % n;
  }

  // A random query of terms (some absent from the index), match-all and
  // every boolean operator the matcher takes, `depth` levels deep.
  Xapian::Query random_query(int depth) {
    if (depth == 0 || next(4) == 0) {
      if (next(15) == 0) return Xapian::Query(std::string());
      return Xapian::Query("w" + std::to_string(next(kWords + 2)));
    }
    static const Xapian::Query::op ops[] = {Xapian::Query::OP_AND,      Xapian::Query::OP_OR,
                                            Xapian::Query::OP_SYNONYM,  Xapian::Query::OP_FILTER,
                                            Xapian::Query::OP_AND_NOT,  Xapian::Query::OP_AND_MAYBE,
                                            Xapian::Query::OP_MAX};
    std::vector<Xapian::Query> children;
    for (uint32_t i = 0, n = 1 + next(4); i < n; ++i) children.push_back(random_query(depth - 1));
    Xapian::Query q(ops[next(std::size(ops))], children.begin(), children.end());
    return next(6) == 0 ? Xapian::Query(2.5, q) : q;
  }

  testing::TempDir dir_;
  Xapian::Database db_;
  uint32_t seed_ = 11;
};

TEST_F(BooleanMatcherTest, FindsWhatXapianFinds) {
  for (int i = 0; i < 400; ++i) {
    Xapian::Query q = random_query(3);
    ASSERT_EQ(boolean_matches(db_, q), xapian_matches(db_, q)) << q.get_description();
  }
}

TEST_F(BooleanMatcherTest, EdgeCases) {
  EXPECT_TRUE(boolean_matches(db_, Xapian::Query()).empty());
  EXPECT_TRUE(boolean_matches(db_, Xapian::Query("absent")).empty());
  EXPECT_EQ(boolean_matches(db_, Xapian::Query(std::string())).size(), db_.get_doccount());
  Xapian::Query w0("w0");
  EXPECT_TRUE(boolean_matches(db_, Xapian::Query(Xapian::Query::OP_AND_NOT, w0, w0)).empty());
}

TEST_F(BooleanMatcherTest, LeavesPositionalAndValueQueriesToXapian) {
  Xapian::Query a("w1"), b("w2");
  EXPECT_FALSE(BooleanMatcher::compile(db_, Xapian::Query(Xapian::Query::OP_PHRASE, a, b)));
  EXPECT_FALSE(BooleanMatcher::compile(db_, Xapian::Query(Xapian::Query::OP_NEAR, a, b)));
  EXPECT_FALSE(BooleanMatcher::compile(db_, Xapian::Query(Xapian::Query::OP_XOR, a, b)));
  EXPECT_FALSE(BooleanMatcher::compile(db_, Xapian::Query(Xapian::Query::OP_WILDCARD, "w")));
  EXPECT_FALSE(BooleanMatcher::compile(db_, Xapian::Query(Xapian::Query::OP_VALUE_GE, 0, "a")));
  // Inside an AND too.
  EXPECT_FALSE(BooleanMatcher::compile(db_, Xapian::Query(Xapian::Query::OP_AND, a, Xapian::Query(Xapian::Query::OP_PHRASE, a, b))));
}

// What only adds weight (AND_MAYBE's other parts, such as the exact-title
// boost's posting source) does not keep a query from being counted here.
TEST_F(BooleanMatcherTest, RunsQueriesWhoseWeightOnlyPartsItCannotRun) {
  Xapian::Query a("w1"), b("w2");
  Xapian::FixedWeightPostingSource boost(1000);
  for (const Xapian::Query& extra : {Xapian::Query(Xapian::Query::OP_PHRASE, a, b), Xapian::Query(&boost)}) {
    Xapian::Query q(Xapian::Query::OP_AND_MAYBE, a, extra);
    EXPECT_EQ(boolean_matches(db_, q), xapian_matches(db_, q)) << q.get_description();
  }
}

// conjunctive() tells whether a posting read may not be a match.
TEST_F(BooleanMatcherTest, SaysWhetherTheQueryHasAConjunction) {
  Xapian::Query a("w1"), b("w2");
  auto conjunctive = [&](const Xapian::Query& q) { return BooleanMatcher::compile(db_, q)->conjunctive(); };
  EXPECT_FALSE(conjunctive(a));
  EXPECT_FALSE(conjunctive(Xapian::Query(Xapian::Query::OP_SYNONYM, a, b)));
  EXPECT_FALSE(conjunctive(Xapian::Query(Xapian::Query::OP_AND_MAYBE, a, Xapian::Query(Xapian::Query::OP_AND, a, b))));
  EXPECT_TRUE(conjunctive(Xapian::Query(Xapian::Query::OP_AND, a, b)));
  EXPECT_TRUE(conjunctive(Xapian::Query(Xapian::Query::OP_FILTER, a, b)));
  EXPECT_TRUE(conjunctive(Xapian::Query(Xapian::Query::OP_AND_NOT, a, b)));
  EXPECT_TRUE(conjunctive(Xapian::Query(Xapian::Query::OP_OR, a, Xapian::Query(Xapian::Query::OP_AND, a, b))));
}

}  // namespace
}  // namespace spro::search
