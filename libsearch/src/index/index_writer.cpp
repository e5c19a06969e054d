#include "spro/index_writer.h"

#include <sys/file.h>
#include <unistd.h>
#include <fcntl.h>

#include <xapian.h>

#include <filesystem>
#include <optional>

#include "index/document_builder.h"
#include "index/layout.h"
#include "index/schema.h"

namespace spro {

namespace fs = std::filesystem;

namespace {

// An exclusive lock on DIR/.lock for the lifetime of a writer.
class DirectoryLock {
 public:
  static Result<DirectoryLock> acquire(const fs::path& dir) {
    fs::path path = dir / ".lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Status::io_error("cannot open " + path.string());
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return Status::io_error("index " + dir.string() + " is being written by another process (" +
                              path.string() + " is locked)");
    }
    return DirectoryLock(fd);
  }
  DirectoryLock(DirectoryLock&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  ~DirectoryLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
  }

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace

struct IndexWriter::Impl {
  fs::path dir;
  Mode mode;
  DirectoryLock lock;
  fs::path generation;
  Xapian::WritableDatabase db;
  Analyzer analyzer;
  bool committed = false;
  bool in_transaction = false;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const std::string& dir_name, Mode mode) {
  fs::path dir(dir_name);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::io_error("cannot create index directory " + dir.string() + ": " + ec.message());
  Result<DirectoryLock> lock = DirectoryLock::acquire(dir);
  if (!lock.ok()) return lock.status();

  std::optional<fs::path> live = layout::live_generation(dir);
  try {
    if (mode == Mode::kUpdate && live) {
      Xapian::WritableDatabase db(live->string(), Xapian::DB_OPEN);
      Status st = schema::check_versions(db, dir.string());
      if (!st.ok()) return st;
      db.begin_transaction();
      auto impl = std::make_unique<Impl>(Impl{dir, mode, std::move(*lock), *live, std::move(db), {}, false, true});
      return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
    }
    // A rebuild (or the first update) writes a fresh generation. Generations
    // that are neither live nor the one before it are leftovers of crashed
    // builds: the lock guarantees nobody is writing them.
    auto gens = layout::generations(dir);
    for (size_t i = 0; i < gens.size(); ++i) {
      bool keep = live && (gens[i] == *live || (i + 1 < gens.size() && gens[i + 1] == *live));
      if (!keep) fs::remove_all(gens[i], ec);
    }
    fs::path gen = layout::next_generation(dir);
    Xapian::WritableDatabase db(gen.string(), Xapian::DB_CREATE);
    auto impl = std::make_unique<Impl>(Impl{dir, mode, std::move(*lock), gen, std::move(db), {}, false, false});
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (const Xapian::Error& e) {
    return Status::io_error("cannot open index " + dir.string() + ": " + e.get_description());
  }
}

// Spelling suggestions come from a frequency table: a replaced or removed
// resource takes its words back out, so corrections never propose a word
// the index no longer holds.
void IndexWriter::forget_spelling(const std::string& id_term) {
  Xapian::PostingIterator p = impl_->db.postlist_begin(id_term);
  if (p == impl_->db.postlist_end(id_term)) return;
  Resource old = schema::resource_of(impl_->db.get_document(*p), schema::Body::kWithout);
  for (const auto& w : schema::spelling_words(old, impl_->analyzer)) impl_->db.remove_spelling(Analyzer::fold(w));
}

Status IndexWriter::add(const Resource& resource) {
  if (auto errors = validate(resource); !errors.empty()) {
    return Status::invalid_argument("invalid resource '" + resource.id + "': " + errors.front().to_string());
  }
  try {
    Xapian::Document doc = schema::build_document(resource, impl_->analyzer);
    std::string id_term = std::string(schema::kId) + resource.id;
    forget_spelling(id_term);
    impl_->db.replace_document(id_term, doc);
    for (const auto& w : schema::spelling_words(resource, impl_->analyzer)) {
      // Spelling data holds folded words, so a correction is found whatever
      // the accents; the synonym table remembers the accented form to show.
      std::string folded = Analyzer::fold(w);
      impl_->db.add_spelling(folded);
      if (folded != w) impl_->db.add_synonym(std::string(schema::kAccentedForm) + folded, w);
    }
    return Status();
  } catch (const Xapian::Error& e) {
    return Status::io_error("cannot index '" + resource.id + "': " + e.get_description());
  }
}

Status IndexWriter::remove(std::string_view id) {
  std::string term = std::string(schema::kId) + std::string(id);
  try {
    if (impl_->db.get_termfreq(term) == 0) return Status::not_found("no resource with id '" + std::string(id) + "'");
    forget_spelling(term);
    impl_->db.delete_document(term);
    return Status();
  } catch (const Xapian::Error& e) {
    return Status::io_error("cannot remove '" + std::string(id) + "': " + e.get_description());
  }
}

Result<size_t> IndexWriter::commit() {
  Impl& m = *impl_;
  if (m.committed) return Status::invalid_argument("commit() called twice");
  try {
    schema::write_versions(m.db);
    if (m.in_transaction) {
      m.db.commit_transaction();
      m.in_transaction = false;
    } else {
      m.db.commit();
    }
    size_t count = m.db.get_doccount();
    m.db.close();
    if (m.mode == Mode::kRebuild || layout::live_generation(m.dir) != m.generation) {
      layout::switch_to(m.dir, m.generation);
      // Keep the generation just replaced for searchers that still read it;
      // drop anything older.
      auto gens = layout::generations(m.dir);
      std::error_code ec;
      for (size_t i = 0; i + 2 < gens.size(); ++i) fs::remove_all(gens[i], ec);
    }
    m.committed = true;
    return count;
  } catch (const Xapian::Error& e) {
    return Status::io_error("cannot commit index " + m.dir.string() + ": " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    return Status::io_error("cannot switch index " + m.dir.string() + " to the new build: " + e.what());
  }
}

IndexWriter::~IndexWriter() {
  if (!impl_ || impl_->committed) return;
  try {
    if (impl_->in_transaction) impl_->db.cancel_transaction();
    impl_->db.close();
  } catch (const Xapian::Error&) {
    // Nothing more to do: the live index was never touched.
  }
  if (impl_->mode == Mode::kRebuild || layout::live_generation(impl_->dir) != impl_->generation) {
    std::error_code ec;
    fs::remove_all(impl_->generation, ec);
  }
}

}  // namespace spro
