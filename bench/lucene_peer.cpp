// The Lucene++ 3.0 peer (Debian liblucene++-dev): what a portal team gets
// from the C++ port of Lucene. French analysis as a Lucene 3.0 user would
// assemble it (StandardTokenizer, elision, lower case, Snowball French,
// ASCII folding), title boosted 3 against the rest, every word required,
// and exact facet counts taken during collection from FieldCache arrays
// (Lucene 3.0 has no multi-valued doc values: publics and levels are kept
// as bit masks, one int per document).
#include <lucene++/LuceneHeaders.h>
#include <lucene++/ASCIIFoldingFilter.h>
#include <lucene++/ElisionFilter.h>
#include <lucene++/FieldCache.h>
#include <lucene++/FilteredQuery.h>
#include <lucene++/MultiFieldQueryParser.h>
#include <lucene++/QueryWrapperFilter.h>
#include <lucene++/SnowballFilter.h>
#include <lucene++/StandardFilter.h>

#include <map>
#include <stdexcept>

#include "peers.h"

namespace spro::bench {
namespace {

using namespace Lucene;

String wide(const std::string& utf8) { return StringUtils::toUnicode(utf8); }

class FrenchFoldingAnalyzer : public Analyzer {
 public:
  TokenStreamPtr tokenStream(const String&, const ReaderPtr& reader) override {
    TokenStreamPtr s = newLucene<StandardTokenizer>(LuceneVersion::LUCENE_30, reader);
    s = newLucene<StandardFilter>(s);
    s = newLucene<ElisionFilter>(s);
    s = newLucene<LowerCaseFilter>(s);
    s = newLucene<SnowballFilter>(s, L"french");
    return newLucene<ASCIIFoldingFilter>(s);
  }
};

// Bit of each public, in a fixed order, for the publics mask.
int public_bit(const std::string& p) {
  const auto& order = publics();
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i].id == p) return static_cast<int>(i);
  }
  return 31;
}

// Top documents by score, plus exact counts of kind, public and level over
// every match.
class FacetingCollector : public Collector {
 public:
  FacetingCollector(int32_t k, bool facets) : top_(TopScoreDocCollector::create(k, true)), facets_(facets) {}
  void setScorer(const ScorerPtr& scorer) override { top_->setScorer(scorer); }
  void collect(int32_t doc) override {
    top_->collect(doc);
    ++total;
    if (!facets_) return;
    ++kinds[kind_->order[doc]];
    for (int32_t mask = publics_[doc], bit = 0; mask; mask >>= 1, ++bit) {
      if (mask & 1) ++publics[bit];
    }
    for (int32_t mask = levels_[doc], bit = 0; mask; mask >>= 1, ++bit) {
      if (mask & 1) ++levels[bit];
    }
  }
  void setNextReader(const IndexReaderPtr& reader, int32_t base) override {
    top_->setNextReader(reader, base);
    if (!facets_) return;
    kind_ = FieldCache::DEFAULT()->getStringIndex(reader, L"kind");
    publics_ = FieldCache::DEFAULT()->getInts(reader, L"publics_mask");
    levels_ = FieldCache::DEFAULT()->getInts(reader, L"levels_mask");
  }
  bool acceptsDocsOutOfOrder() override { return false; }

  TopDocsPtr top() { return top_->topDocs(); }
  size_t facet_values() const { return kinds.size() + publics.size() + levels.size(); }

  size_t total = 0;
  std::map<int32_t, size_t> kinds, publics, levels;

 private:
  TopScoreDocCollectorPtr top_;
  bool facets_;
  StringIndexPtr kind_;
  Collection<int32_t> publics_, levels_;
};

class LuceneEngine : public Engine {
 public:
  std::string name() const override { return "lucene"; }
  void index(const std::vector<Resource>& resources, const std::string& dir) override {
    AnalyzerPtr analyzer = newLucene<FrenchFoldingAnalyzer>();
    IndexWriterPtr writer =
        newLucene<IndexWriter>(FSDirectory::open(wide(dir)), analyzer, true, IndexWriter::MaxFieldLengthUNLIMITED);
    writer->setRAMBufferSizeMB(64);
    for (const auto& r : resources) {
      DocumentPtr doc = newLucene<Document>();
      doc->add(newLucene<Field>(L"id", wide(r.id), Field::STORE_YES, Field::INDEX_NOT_ANALYZED_NO_NORMS));
      doc->add(newLucene<Field>(L"title", wide(r.title), Field::STORE_NO, Field::INDEX_ANALYZED));
      doc->add(newLucene<Field>(L"text", wide(text_of(r)), Field::STORE_NO, Field::INDEX_ANALYZED));
      doc->add(newLucene<Field>(L"kind", wide(r.kind), Field::STORE_NO, Field::INDEX_NOT_ANALYZED_NO_NORMS));
      int32_t publics = 0, levels = 0;
      for (const auto& p : r.publics) {
        doc->add(newLucene<Field>(L"public", wide(p), Field::STORE_NO, Field::INDEX_NOT_ANALYZED_NO_NORMS));
        publics |= 1 << public_bit(p);
      }
      for (int l : r.levels) {
        doc->add(newLucene<Field>(L"level", StringUtils::toString(l), Field::STORE_NO, Field::INDEX_NOT_ANALYZED_NO_NORMS));
        levels |= 1 << (l & 31);
      }
      doc->add(newLucene<Field>(L"publics_mask", StringUtils::toString(publics), Field::STORE_NO,
                                Field::INDEX_NOT_ANALYZED_NO_NORMS));
      doc->add(newLucene<Field>(L"levels_mask", StringUtils::toString(levels), Field::STORE_NO,
                                Field::INDEX_NOT_ANALYZED_NO_NORMS));
      writer->addDocument(doc);
    }
    writer->optimize();
    writer->close();
  }
  void open(const std::string& dir) override {
    analyzer_ = newLucene<FrenchFoldingAnalyzer>();
    searcher_ = newLucene<IndexSearcher>(IndexReader::open(FSDirectory::open(wide(dir)), true));
  }
  BenchResult search(const BenchQuery& q, size_t k) override {
    BenchResult out;
    try {
      Collection<String> fields = newCollection<String>(L"title", L"text");
      MapStringDouble boosts = MapStringDouble::newInstance();
      boosts.put(L"title", 3.0);
      // A parser per query: QueryParser is not thread-safe.
      auto parser = newLucene<MultiFieldQueryParser>(LuceneVersion::LUCENE_30, fields, analyzer_, boosts);
      parser->setDefaultOperator(QueryParser::AND_OPERATOR);
      QueryPtr query = parser->parse(wide(q.text));
      BooleanQueryPtr filter = newLucene<BooleanQuery>();
      auto any = [&](const String& field, const std::vector<String>& values) {
        if (values.empty()) return;
        BooleanQueryPtr one_of = newLucene<BooleanQuery>();
        for (const auto& v : values) one_of->add(newLucene<TermQuery>(newLucene<Term>(field, v)), BooleanClause::SHOULD);
        filter->add(one_of, BooleanClause::MUST);
      };
      std::vector<String> publics, levels, kinds;
      for (const auto& p : q.publics) publics.push_back(wide(p));
      for (int l : q.levels) levels.push_back(StringUtils::toString(l));
      for (const auto& kd : q.kinds) kinds.push_back(wide(kd));
      any(L"public", publics);
      any(L"level", levels);
      any(L"kind", kinds);
      if (!filter->getClauses().empty()) query = newLucene<FilteredQuery>(query, newLucene<QueryWrapperFilter>(filter));
      auto collector = newLucene<FacetingCollector>(static_cast<int32_t>(k), q.facets);
      searcher_->search(query, collector);
      TopDocsPtr top = collector->top();
      for (auto sd = top->scoreDocs.begin(); sd != top->scoreDocs.end(); ++sd) {
        out.ids.push_back(StringUtils::toUTF8(searcher_->doc((*sd)->doc)->get(L"id")));
      }
      out.total = collector->total;
      out.facet_values = collector->facet_values();
    } catch (const LuceneException& e) {
      // A query Lucene's parser rejects finds nothing, as for a user.
    }
    return out;
  }

 private:
  AnalyzerPtr analyzer_;
  IndexSearcherPtr searcher_;
};

}  // namespace

std::unique_ptr<Engine> make_lucene_engine() { return std::make_unique<LuceneEngine>(); }

}  // namespace spro::bench
