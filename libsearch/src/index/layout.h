// The on-disk layout of an index directory. Internal.
//
//   DIR/current      symbolic link to the live generation
//   DIR/gen-000042/  one complete Xapian database per build
//   DIR/.lock        held (flock) by the one writer
//
// A read host may instead hold a replica kept by xapian-replicate (see
// docs/deployment.md), which readers open but IndexWriter refuses:
//   DIR/XAPIANDB     Xapian's stub naming the live folder, switched by the
//                    replication client after a full copy
//   DIR/replica_N/   the live database; changesets are applied in place
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace spro::layout {

namespace fs = std::filesystem;

inline constexpr const char* kCurrent = "current";
inline constexpr const char* kReplicaStub = "XAPIANDB";

// The directory of the live generation, or nullopt when none was committed.
std::optional<fs::path> live_generation(const fs::path& dir);

// True when DIR is a replica kept by xapian-replicate.
bool is_replica(const fs::path& dir);

// Where a reader finds DIR's live database: a generation of this layout, or
// the live folder of a replica. nullopt when there is none.
struct LiveDatabase {
  fs::path path;
  bool replica = false;
};
std::optional<LiveDatabase> live_database(const fs::path& dir);

// A token that changes whenever the database at `path` gets a new revision
// (Glass rewrites its version file, iamglass, by a rename at each commit);
// empty when unknown. Readers of a replica compare it rather than calling
// Database::reopen(), which Xapian's replication guide says not to use there.
std::string revision_stamp(const fs::path& database);

// Every generation directory, in build order.
std::vector<fs::path> generations(const fs::path& dir);

// The path for a generation after every existing one.
fs::path next_generation(const fs::path& dir);

// Atomically points DIR/current at `generation` (rename of a new link).
// Throws std::filesystem::filesystem_error on failure.
void switch_to(const fs::path& dir, const fs::path& generation);

}  // namespace spro::layout
