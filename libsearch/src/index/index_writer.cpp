#include "spro/index_writer.h"

#include <sys/file.h>
#include <unistd.h>
#include <fcntl.h>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <thread>
#include <optional>

#include "index/document_builder.h"
#include "index/layout.h"
#include "index/schema.h"
#include "index/sharded_build.h"

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

size_t thread_count(const IndexWriterOptions& options) {
  if (options.threads > 0) return options.threads;
  return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
}

// Where a parallel rebuild of `generation` writes its shards: a name
// layout::generations() does not list.
fs::path shards_dir(const fs::path& generation) {
  return generation.parent_path() / (".build-" + generation.filename().string());
}

// What a killed writer left in `dir`: generations neither live nor the one
// before it (readers may still be on that one), shard folders of a parallel
// build (.build-*), a half-made `current.new` link. Called under the lock,
// which guarantees nobody is writing them, at the start of every writer.
void remove_leftovers(const fs::path& dir, const std::optional<fs::path>& live) {
  std::error_code ec;
  auto gens = layout::generations(dir);
  for (size_t i = 0; i < gens.size(); ++i) {
    bool keep = live && (gens[i] == *live || (i + 1 < gens.size() && gens[i + 1] == *live));
    if (!keep) fs::remove_all(gens[i], ec);
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".build-") || name == "current.new") fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

struct IndexWriter::Impl {
  fs::path dir;
  Mode mode;
  DirectoryLock lock;
  fs::path generation;
  Xapian::WritableDatabase db;  // unless sharded
  Analyzer analyzer;
  bool committed = false;
  bool in_transaction = false;
  std::unique_ptr<index::ShardedBuild> sharded;
  bool refuse_shrink = false;
};

namespace {

// Why a rebuild of `count` resources must not replace the live index of
// `dir`, or "" when it may.
std::string shrink_refusal(const fs::path& dir, size_t count) {
  size_t live_count = 0;
  std::optional<fs::path> live = layout::live_generation(dir);
  if (live) live_count = Xapian::Database(live->string()).get_doccount();
  // A first build has no index to protect: an empty one is still refused,
  // as a portal would serve nothing, but nothing is "not swapped in".
  if (count == 0 && !live) return "the new build holds no resource and there is no index yet: none created";
  if (count == 0) {
    return "the new build holds no resource (the live index holds " + std::to_string(live_count) + "): not swapped in";
  }
  if (count * 2 < live_count) {
    return "the new build holds " + std::to_string(count) + " resources, fewer than half of the live index's " +
           std::to_string(live_count) + ": not swapped in";
  }
  return {};
}

}  // namespace

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const std::string& dir_name, Mode mode,
                                                       IndexWriterOptions options) {
  fs::path dir(dir_name);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::io_error("cannot create index directory " + dir.string() + ": " + ec.message());
  if (layout::is_replica(dir)) {
    return Status::invalid_argument(dir.string() + " is a replica kept by xapian-replicate: write to the master's index");
  }
  Result<DirectoryLock> lock = DirectoryLock::acquire(dir);
  if (!lock.ok()) return lock.status();

  std::optional<fs::path> live = layout::live_generation(dir);
  remove_leftovers(dir, live);
  try {
    if (mode == Mode::kUpdate && live) {
      Xapian::WritableDatabase db(live->string(), Xapian::DB_OPEN);
      Status st = schema::check_versions(db, dir.string());
      if (!st.ok()) return st;
      db.begin_transaction();
      auto impl = std::make_unique<Impl>(Impl{dir, mode, std::move(*lock), *live, std::move(db), {}, false, true, nullptr});
      return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
    }
    // A rebuild (or the first update) writes a fresh generation.
    fs::path gen = layout::next_generation(dir);
    const size_t threads = thread_count(options);
    if (threads > 1) {
      auto impl = std::make_unique<Impl>(Impl{dir, mode, std::move(*lock), gen, {}, {}, false, false, nullptr});
      impl->refuse_shrink = options.refuse_shrink;
      auto sharded = index::ShardedBuild::start(shards_dir(gen), threads, impl->analyzer);
      if (!sharded.ok()) return sharded.status();
      impl->sharded = std::move(*sharded);
      return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
    }
    Xapian::WritableDatabase db(gen.string(), Xapian::DB_CREATE);
    auto impl = std::make_unique<Impl>(Impl{dir, mode, std::move(*lock), gen, std::move(db), {}, false, false, nullptr});
    impl->refuse_shrink = options.refuse_shrink;
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (const Xapian::Error& e) {
    return Status::io_error("cannot open index " + dir.string() + ": " + e.get_description());
  }
}

namespace {

size_t directory_bytes(const fs::path& dir) {
  size_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

}  // namespace

Result<CompactStats> IndexWriter::compact(const std::string& dir_name) {
  fs::path dir(dir_name);
  if (!layout::live_generation(dir)) return Status::not_found("no index in " + dir.string());
  Result<DirectoryLock> lock = DirectoryLock::acquire(dir);
  if (!lock.ok()) return lock.status();
  std::optional<fs::path> live = layout::live_generation(dir);
  if (!live) return Status::not_found("no index in " + dir.string());
  remove_leftovers(dir, live);
  fs::path gen = layout::next_generation(dir);
  CompactStats stats;
  stats.bytes_before = directory_bytes(*live);
  try {
    Xapian::Database db(live->string());
    Status st = schema::check_versions(db, dir.string());
    if (!st.ok()) return st;
    // Metadata (versions, phrase forms) is copied by the compactor.
    db.compact(gen.string(), Xapian::DBCOMPACT_MULTIPASS);
    layout::switch_to(dir, gen);
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    fs::remove_all(gen, ec);
    return Status::io_error("cannot compact index " + dir.string() + ": " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    std::error_code ec;
    fs::remove_all(gen, ec);
    return Status::io_error("cannot switch index " + dir.string() + " to the compacted copy: " + e.what());
  }
  stats.bytes_after = directory_bytes(gen);
  // As after a rebuild: the generation just replaced stays for its readers.
  auto gens = layout::generations(dir);
  std::error_code ec;
  for (size_t i = 0; i + 2 < gens.size(); ++i) fs::remove_all(gens[i], ec);
  return stats;
}

Status IndexWriter::add(const Resource& resource) {
  if (auto errors = validate(resource); !errors.empty()) {
    return Status::invalid_argument("invalid resource '" + resource.id + "': " + errors.front().to_string());
  }
  if (impl_->sharded) return impl_->sharded->add(resource);
  try {
    schema::write_resource(impl_->db, resource, impl_->analyzer);
    return Status();
  } catch (const Xapian::Error& e) {
    return Status::io_error("cannot index '" + resource.id + "': " + e.get_description());
  }
}

Status IndexWriter::remove(std::string_view id) {
  if (impl_->sharded) return impl_->sharded->remove(id);
  try {
    if (!schema::erase_resource(impl_->db, id, impl_->analyzer)) {
      return Status::not_found("no resource with id '" + std::string(id) + "'");
    }
    return Status();
  } catch (const Xapian::Error& e) {
    return Status::io_error("cannot remove '" + std::string(id) + "': " + e.get_description());
  }
}

Result<size_t> IndexWriter::commit() {
  Impl& m = *impl_;
  if (m.committed) return Status::invalid_argument("commit() called twice");
  try {
    size_t count = 0;
    if (m.sharded) {
      if (Status s = m.sharded->finish(m.generation); !s.ok()) return s;
      m.sharded.reset();
      count = Xapian::Database(m.generation.string()).get_doccount();
    } else {
      schema::write_versions(m.db);
      // An update in place keeps the documents it did not rewrite.
      schema::write_phrase_forms(m.db, /*fresh=*/!m.in_transaction);
      if (m.in_transaction) {
        m.db.commit_transaction();
        m.in_transaction = false;
      } else {
        m.db.commit();
      }
      count = m.db.get_doccount();
      m.db.close();
    }
    if (m.mode == Mode::kRebuild && m.refuse_shrink) {
      if (std::string why = shrink_refusal(m.dir, count); !why.empty()) return Status::invalid_argument(why);
    }
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
  impl_->sharded.reset();  // stops its threads and removes its shards
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
