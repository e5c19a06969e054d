// Writing an index: full rebuilds that swap in atomically, and upserts.
//
// An index is a directory. Each full build writes a new generation beside
// the live one and switches the directory's `current` link only once the
// build is committed, so a crash, a kill -9 or an error at any point leaves
// the previous index intact and searchable. Searchers pick up the new
// generation on their next query.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "spro/resource.h"
#include "spro/status.h"

namespace spro {

struct IndexWriterOptions {
  // Threads writing a rebuild: 0 for one per core (at most 4). With more
  // than one, resources are analysed and written in parallel into shards
  // merged at commit(); errors of a resource being written then surface
  // from a later add() or from commit(). Updates use one thread.
  size_t threads = 0;
  // Rebuilds only: commit() refuses to swap in an index with no resource,
  // or with fewer than half the resources of the live index, and returns
  // InvalidArgument saying both counts; the live index is left as it was.
  // An export that came out empty or cut short must not replace a good
  // index by accident. Off by default; spro-index turns it on unless
  // --allow-shrink.
  bool refuse_shrink = false;
};

// Sizes of the live index in bytes, before and after IndexWriter::compact().
struct CompactStats {
  size_t bytes_before = 0;
  size_t bytes_after = 0;
};

class IndexWriter {
 public:
  enum class Mode {
    kRebuild,  // start from an empty generation; swap it in on commit()
    kUpdate,   // change the live index in one transaction (created if absent)
  };

  // Opens `dir` (created if missing) for writing. Only one writer may hold
  // an index at a time: a second one gets an IoError naming the lock.
  // Rewrites the live index of `dir` compactly (Xapian's compactor) into a
  // new generation and swaps it in as a rebuild does; reclaims the space
  // that updates, interrupted or not, leave in the database files. Takes
  // the writer lock (IoError if a writer holds it); NotFound without a live
  // index. The live index is unchanged on any error.
  static Result<CompactStats> compact(const std::string& dir);

  static Result<std::unique_ptr<IndexWriter>> open(const std::string& dir, Mode mode,
                                                   IndexWriterOptions options = {});

  // Adds a resource, replacing any resource with the same id. The resource
  // must be valid (see validate()); an invalid one is refused with
  // InvalidArgument and the index is unchanged.
  Status add(const Resource& resource);

  // Removes the resource with that id. NotFound if there is none.
  Status remove(std::string_view id);

  // Makes every change durable and visible: kRebuild swaps the new
  // generation in (the generation before it is kept one more build, for
  // searchers still reading it); kUpdate commits the transaction.
  // Returns the number of resources in the index.
  Result<size_t> commit();

  // Without commit(), every change is discarded and the live index is left
  // as it was.
  ~IndexWriter();

  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace spro
