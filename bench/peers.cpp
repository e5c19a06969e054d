#include "peers.h"

#include <sqlite3.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "spro/index_writer.h"
#include "spro/searcher.h"

namespace spro::bench {

std::string text_of(const Resource& r) {
  std::string keywords;
  for (const auto& k : r.keywords) keywords += k + "\n";
  return keywords + r.summary + "\n" + r.body;
}

namespace {

// Handles that must not be shared between threads (a Xapian::Database, an
// SQLite connection), lent to one query at a time.
template <typename T>
class Pool {
 public:
  explicit Pool(std::function<T()> make) : make_(std::move(make)) {}
  template <typename Fn>
  auto with(Fn fn) {
    std::unique_ptr<T> h;
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        h = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (!h) h = std::make_unique<T>(make_());
    auto result = fn(*h);
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(h));
    return result;
  }

 private:
  std::function<T()> make_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<T>> free_;
};

// --- spro-search ---------------------------------------------------------------

class SproEngine : public Engine {
 public:
  SproEngine(std::string name, SearcherOptions options) : name_(std::move(name)), options_(std::move(options)) {}
  std::string name() const override { return name_; }
  void index(const std::vector<Resource>& resources, const std::string& dir) override {
    auto w = IndexWriter::open(dir, IndexWriter::Mode::kRebuild);
    if (!w.ok()) throw std::runtime_error(w.status().message());
    for (const auto& r : resources) (*w)->add(r);
    if (!(*w)->commit().ok()) throw std::runtime_error("commit failed");
  }
  void open(const std::string& dir) override {
    SearcherOptions options = options_;
    options.max_limit = 1000;
    auto s = Searcher::open(dir, options);
    if (!s.ok()) throw std::runtime_error(s.status().message());
    searcher_ = std::move(*s);
  }
  BenchResult search(const BenchQuery& q, size_t k) override {
    BenchResult out;
    auto r = searcher_->search(request_of(q, k));
    if (!r.ok()) return out;
    for (const auto& h : r->hits) out.ids.push_back(h.id);
    out.total = r->total;
    for (const auto& [name, values] : r->facets) out.facet_values += values.size();
    return out;
  }

 private:
  std::string name_;
  SearcherOptions options_;
  std::unique_ptr<Searcher> searcher_;
};

// --- raw Xapian ----------------------------------------------------------------

// Counts the values of a slot holding several values joined by '\n' (the
// stock ValueCountMatchSpy counts one value per document).
class MultiValueSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    std::string v = doc.get_value(slot_);
    size_t start = 0;
    while (start < v.size()) {
      size_t nl = v.find('\n', start);
      ++counts[v.substr(start, nl == std::string::npos ? std::string::npos : nl - start)];
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  std::map<std::string, size_t> counts;

 private:
  Xapian::valueno slot_;
};

class XapianEngine : public Engine {
 public:
  std::string name() const override { return "xapian"; }
  void index(const std::vector<Resource>& resources, const std::string& dir) override {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("french"));
    for (const auto& r : resources) {
      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(r.title, 3);
      tg.increase_termpos();
      tg.index_text(text_of(r));
      doc.set_data(r.id);
      doc.add_boolean_term("Q" + r.id);
      doc.add_boolean_term("K" + r.kind);
      std::string publics, levels;
      for (const auto& p : r.publics) {
        doc.add_boolean_term("P" + p);
        publics += (publics.empty() ? "" : "\n") + p;
      }
      for (int l : r.levels) {
        doc.add_boolean_term("L" + std::to_string(l));
        levels += (levels.empty() ? "" : "\n") + std::to_string(l);
      }
      doc.add_value(0, r.kind);
      doc.add_value(1, publics);
      doc.add_value(2, levels);
      db.replace_document("Q" + r.id, doc);
    }
    db.commit();
  }
  void open(const std::string& dir) override {
    dbs_ = std::make_unique<Pool<Xapian::Database>>([dir] { return Xapian::Database(dir); });
  }
  BenchResult search(const BenchQuery& q, size_t k) override {
    return dbs_->with([&](Xapian::Database& db) { return search(db, q, k); });
  }

 private:
  static BenchResult search(Xapian::Database& db_, const BenchQuery& q, size_t k) {
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("french"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(db_);
    qp.set_default_op(Xapian::Query::OP_AND);
    Xapian::Query query = q.text.empty() ? Xapian::Query(std::string()) : qp.parse_query(q.text);
    std::vector<Xapian::Query> filters;
    auto any = [&](const std::string& prefix, const std::vector<std::string>& values) {
      std::vector<Xapian::Query> terms;
      for (const auto& v : values) terms.emplace_back(prefix + v);
      filters.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    };
    if (!q.publics.empty()) any("P", q.publics);
    if (!q.kinds.empty()) any("K", q.kinds);
    if (!q.levels.empty()) {
      std::vector<std::string> l;
      for (int v : q.levels) l.push_back(std::to_string(v));
      any("L", l);
    }
    if (!filters.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    MultiValueSpy kinds(0), publics(1), levels(2);
    if (q.facets) {
      enquire.add_matchspy(&kinds);
      enquire.add_matchspy(&publics);
      enquire.add_matchspy(&levels);
    }
    Xapian::MSet mset = enquire.get_mset(0, k, q.facets ? db_.get_doccount() : 0);
    BenchResult out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out.ids.push_back(it.get_document().get_data());
    out.total = mset.get_matches_estimated();
    out.facet_values = kinds.counts.size() + publics.counts.size() + levels.counts.size();
    return out;
  }

  std::unique_ptr<Pool<Xapian::Database>> dbs_;
};

// --- SQLite FTS5 -----------------------------------------------------------------

// One SQLite connection.
class Connection {
 public:
  explicit Connection(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("sqlite open " + path);
  }
  Connection(Connection&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Connection& operator=(Connection&&) = delete;
  ~Connection() {
    if (db_) sqlite3_close(db_);
  }
  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string e = error ? error : "sqlite error";
      sqlite3_free(error);
      throw std::runtime_error(e);
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
    return st;
  }

 private:
  sqlite3* db_ = nullptr;
};

class Fts5Engine : public Engine {
 public:
  std::string name() const override { return "fts5"; }
  void index(const std::vector<Resource>& resources, const std::string& dir) override {
    std::filesystem::create_directories(dir);
    std::string path = dir + "/fts5.db";
    std::filesystem::remove(path);
    Connection db(path);
    db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
         "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2');"
         "CREATE TABLE attrs(rowid_ INTEGER, facet TEXT, value TEXT);"
         "BEGIN;");
    sqlite3_stmt* ins_doc = db.prepare("INSERT INTO docs(rowid, id, title, body) VALUES(?, ?, ?, ?)");
    sqlite3_stmt* ins_attr = db.prepare("INSERT INTO attrs VALUES(?, ?, ?)");
    int64_t rowid = 0;
    for (const auto& r : resources) {
      ++rowid;
      std::string body = text_of(r);
      sqlite3_bind_int64(ins_doc, 1, rowid);
      sqlite3_bind_text(ins_doc, 2, r.id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins_doc, 3, r.title.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins_doc, 4, body.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(ins_doc);
      sqlite3_reset(ins_doc);
      auto attr = [&](const char* facet, const std::string& value) {
        sqlite3_bind_int64(ins_attr, 1, rowid);
        sqlite3_bind_text(ins_attr, 2, facet, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_attr, 3, value.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(ins_attr);
        sqlite3_reset(ins_attr);
      };
      attr("kind", r.kind);
      for (const auto& p : r.publics) attr("public", p);
      for (int l : r.levels) attr("level", std::to_string(l));
    }
    sqlite3_finalize(ins_doc);
    sqlite3_finalize(ins_attr);
    db.exec("COMMIT; CREATE INDEX attrs_by_facet ON attrs(facet, value, rowid_); CREATE INDEX attrs_by_row ON attrs(rowid_);");
  }
  void open(const std::string& dir) override {
    connections_ = std::make_unique<Pool<Connection>>([dir] { return Connection(dir + "/fts5.db"); });
  }
  BenchResult search(const BenchQuery& q, size_t k) override {
    return connections_->with([&](Connection& db) { return search(db, q, k); });
  }

 private:
  static BenchResult search(Connection& db, const BenchQuery& q, size_t k) {
    // Every word required: each token quoted (FTS5 syntax stays inert).
    std::string match;
    std::istringstream words(q.text);
    if (q.text.size() > 2 && q.text.front() == '"' && q.text.back() == '"') {
      match = q.text;  // an FTS5 phrase, as typed
      words.setstate(std::ios::eofbit);
    }
    for (std::string w; words >> w;) {
      std::string quoted = "\"";
      for (char c : w) {
        if (c == '"') quoted += "\"\"";
        else quoted += c;
      }
      match += (match.empty() ? "" : " AND ") + quoted + "\"";
    }
    std::string where = match.empty() ? "1" : "docs MATCH ?1";
    auto filter = [&](const char* facet, const std::vector<std::string>& values) {
      if (values.empty()) return;
      where += std::string(" AND docs.rowid IN (SELECT rowid_ FROM attrs WHERE facet='") + facet + "' AND value IN (";
      for (size_t i = 0; i < values.size(); ++i) where += (i ? ",'" : "'") + values[i] + "'";
      where += "))";
    };
    std::vector<std::string> levels;
    for (int l : q.levels) levels.push_back(std::to_string(l));
    filter("public", q.publics);
    filter("level", levels);
    filter("kind", q.kinds);
    BenchResult out;
    std::string order = match.empty() ? "docs.rowid" : "bm25(docs, 0.0, 3.0, 1.0)";
    sqlite3_stmt* st = db.prepare("SELECT id FROM docs WHERE " + where + " ORDER BY " + order + " LIMIT " + std::to_string(k));
    if (!match.empty()) sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) out.ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    st = db.prepare("SELECT count(*) FROM docs WHERE " + where);
    if (!match.empty()) sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) out.total = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (q.facets) {
      st = db.prepare("SELECT facet, value, count(*) FROM attrs WHERE rowid_ IN (SELECT docs.rowid FROM docs WHERE " + where +
                   ") GROUP BY facet, value");
      if (!match.empty()) sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
      while (sqlite3_step(st) == SQLITE_ROW) ++out.facet_values;
      sqlite3_finalize(st);
    }
    return out;
  }

  std::unique_ptr<Pool<Connection>> connections_;
};

}  // namespace

SearchRequest request_of(const BenchQuery& q, size_t k) {
  SearchRequest req;
  req.text = q.text;
  req.publics = q.publics;
  req.levels = q.levels;
  req.kinds = q.kinds;
  req.facets = q.facets;
  req.limit = k;
  req.detect_places = false;
  return req;
}

std::unique_ptr<Engine> make_spro_engine() { return std::make_unique<SproEngine>("spro", SearcherOptions{}); }
std::unique_ptr<Engine> make_spro_engine(std::string name, SearcherOptions options) {
  return std::make_unique<SproEngine>(std::move(name), std::move(options));
}
std::unique_ptr<Engine> make_xapian_engine() { return std::make_unique<XapianEngine>(); }
std::unique_ptr<Engine> make_fts5_engine() { return std::make_unique<Fts5Engine>(); }

std::vector<std::unique_ptr<Engine>> all_engines() {
  std::vector<std::unique_ptr<Engine>> engines;
  engines.push_back(make_spro_engine());
  engines.push_back(make_xapian_engine());
  engines.push_back(make_fts5_engine());
#ifdef SPRO_HAVE_LUCENE
  engines.push_back(make_lucene_engine());
#endif
  return engines;
}

std::vector<Resource> read_resources(const std::string& path) {
  std::vector<Resource> out;
  std::ifstream in(path);
  std::vector<FieldError> errors;
  for (std::string line; std::getline(in, line);) {
    if (auto r = parse_resource(line, errors)) out.push_back(std::move(*r));
  }
  return out;
}

}  // namespace spro::bench
