// A rebuild spread over several threads. Internal.
//
// Xapian's own inversion takes more than half of the indexing time and a
// WritableDatabase is written by one thread at a time, so a rebuild writes
// several shards at once: each resource goes to the shard picked by a hash
// of its id (a repeated id replaces within its shard, as in one database),
// each shard is analysed and written by its own thread, and finish() merges
// the shards into the new generation with Xapian's compactor.
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>

#include "spro/analyzer.h"
#include "spro/resource.h"
#include "spro/status.h"

namespace spro::index {

class ShardedBuild {
 public:
  // Shards are written under `work_dir` (created; removed by the destructor).
  static Result<std::unique_ptr<ShardedBuild>> start(const std::filesystem::path& work_dir, size_t shards,
                                                     const Analyzer& analyzer);
  ~ShardedBuild();

  // Queues a valid resource. Returns the first error any shard has met so
  // far (then the build cannot be committed).
  Status add(const Resource& r);
  // Removes a resource added earlier; NotFound when there is none.
  Status remove(std::string_view id);
  // Writes every queued resource and the index versions, then merges the
  // shards into `generation` (which must not exist yet).
  Status finish(const std::filesystem::path& generation);

 private:
  struct Shard;
  ShardedBuild() = default;
  Shard& shard_of(std::string_view id);
  std::filesystem::path work_dir_;
  const Analyzer* analyzer_ = nullptr;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace spro::index
