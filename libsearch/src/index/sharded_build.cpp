#include "index/sharded_build.h"

#include <xapian.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "index/document_builder.h"
#include "index/schema.h"

namespace spro::index {

namespace fs = std::filesystem;

// One database and the thread that writes it, fed through a bounded queue.
struct ShardedBuild::Shard {
  // Resources waiting, at most this many (memory stays bounded whatever the
  // size of the build).
  static constexpr size_t kMaxQueued = 64;

  Xapian::WritableDatabase db;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Resource> queue;
  bool busy = false;
  bool stopping = false;
  bool committing = false;
  Status error;
  std::thread thread;

  void run(const Analyzer& analyzer) {
    for (;;) {
      Resource r;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !queue.empty() || stopping; });
        if (queue.empty()) {
          // Under the lock, which nobody else wants once the shard stops.
          if (committing && error.ok()) error = commit();
          return;
        }
        r = std::move(queue.front());
        queue.pop_front();
        busy = true;
      }
      changed.notify_all();
      Status s;
      try {
        schema::write_resource(db, r, analyzer);
      } catch (const Xapian::Error& e) {
        s = Status::io_error("cannot index '" + r.id + "': " + e.get_description());
      }
      std::lock_guard lock(mutex);
      busy = false;
      if (!s.ok() && error.ok()) error = s;
      changed.notify_all();
    }
  }

  // Waits until every queued resource is written; the caller then holds the
  // lock, so the database is its alone.
  std::unique_lock<std::mutex> idle() {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return queue.empty() && !busy; });
    return lock;
  }

  // Makes the shard complete and durable. Run by the shard's own thread
  // once its queue is drained, so that the shards flush their last batch
  // at the same time rather than one after another.
  Status commit() {
    try {
      schema::write_versions(db);
      schema::write_phrase_forms(db, /*fresh=*/true);
      db.commit();
      db.close();
      return Status();
    } catch (const Xapian::Error& e) {
      return Status::io_error("cannot write an index shard: " + e.get_description());
    }
  }

  // Tells the thread to end once the queue is drained; with `commit_first`,
  // it commits the shard before it ends.
  void request_stop(bool commit_first) {
    {
      std::lock_guard lock(mutex);
      stopping = true;
      committing = commit_first;
    }
    changed.notify_all();
  }

  void stop() {
    request_stop(/*commit_first=*/false);
    if (thread.joinable()) thread.join();
  }
};

Result<std::unique_ptr<ShardedBuild>> ShardedBuild::start(const fs::path& work_dir, size_t shards,
                                                          const Analyzer& analyzer) {
  std::unique_ptr<ShardedBuild> b(new ShardedBuild());
  b->work_dir_ = work_dir;
  b->analyzer_ = &analyzer;
  std::error_code ec;
  fs::remove_all(work_dir, ec);
  fs::create_directories(work_dir, ec);
  if (ec) return Status::io_error("cannot create " + work_dir.string() + ": " + ec.message());
  try {
    for (size_t i = 0; i < shards; ++i) {
      auto s = std::make_unique<Shard>();
      s->db = Xapian::WritableDatabase((work_dir / std::to_string(i)).string(), Xapian::DB_CREATE);
      b->shards_.push_back(std::move(s));
    }
  } catch (const Xapian::Error& e) {
    return Status::io_error("cannot create index shards in " + work_dir.string() + ": " + e.get_description());
  }
  for (auto& s : b->shards_) s->thread = std::thread([shard = s.get(), &analyzer] { shard->run(analyzer); });
  return b;
}

ShardedBuild::~ShardedBuild() {
  for (auto& s : shards_) s->stop();
  shards_.clear();  // closes the databases before their files go
  std::error_code ec;
  fs::remove_all(work_dir_, ec);
}

ShardedBuild::Shard& ShardedBuild::shard_of(std::string_view id) {
  return *shards_[std::hash<std::string_view>{}(id) % shards_.size()];
}

Status ShardedBuild::add(const Resource& r) {
  Shard& s = shard_of(r.id);
  {
    std::unique_lock lock(s.mutex);
    s.changed.wait(lock, [&] { return s.queue.size() < Shard::kMaxQueued; });
    if (!s.error.ok()) return s.error;
    s.queue.push_back(r);
  }
  s.changed.notify_all();
  return Status();
}

Status ShardedBuild::remove(std::string_view id) {
  Shard& s = shard_of(id);
  auto lock = s.idle();
  if (!s.error.ok()) return s.error;
  try {
    if (!schema::erase_resource(s.db, id, *analyzer_)) {
      return Status::not_found("no resource with id '" + std::string(id) + "'");
    }
    return Status();
  } catch (const Xapian::Error& e) {
    return Status::io_error("cannot remove '" + std::string(id) + "': " + e.get_description());
  }
}

Status ShardedBuild::finish(const fs::path& generation) {
  // Every thread is told before any is waited for: they commit together.
  for (auto& s : shards_) s->request_stop(/*commit_first=*/true);
  for (auto& s : shards_) s->thread.join();
  try {
    Xapian::Database all;
    for (size_t i = 0; i < shards_.size(); ++i) {
      if (!shards_[i]->error.ok()) return shards_[i]->error;
      all.add_database(Xapian::Database((work_dir_ / std::to_string(i)).string()));
    }
    // Renumbered: the shards' documents follow one another.
    all.compact(generation.string());
    return Status();
  } catch (const Xapian::Error& e) {
    return Status::io_error("cannot merge the index shards into " + generation.string() + ": " + e.get_description());
  }
}

}  // namespace spro::index
