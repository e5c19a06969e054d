// The on-disk layout of an index directory. Internal.
//
//   DIR/current      symbolic link to the live generation
//   DIR/gen-000042/  one complete Xapian database per build
//   DIR/.lock        held (flock) by the one writer
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace spro::layout {

namespace fs = std::filesystem;

inline constexpr const char* kCurrent = "current";

// The directory of the live generation, or nullopt when none was committed.
std::optional<fs::path> live_generation(const fs::path& dir);

// Every generation directory, in build order.
std::vector<fs::path> generations(const fs::path& dir);

// The path for a generation after every existing one.
fs::path next_generation(const fs::path& dir);

// Atomically points DIR/current at `generation` (rename of a new link).
// Throws std::filesystem::filesystem_error on failure.
void switch_to(const fs::path& dir, const fs::path& generation);

}  // namespace spro::layout
