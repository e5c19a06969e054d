#include "index/layout.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace spro::layout {
namespace {

constexpr std::string_view kGenerationPrefix = "gen-";

long generation_number(const fs::path& p) {
  std::string name = p.filename().string();
  if (!name.starts_with(kGenerationPrefix)) return -1;
  try {
    return std::stol(name.substr(kGenerationPrefix.size()));
  } catch (...) {
    return -1;
  }
}

void fsync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

std::optional<fs::path> live_generation(const fs::path& dir) {
  std::error_code ec;
  fs::path link = dir / kCurrent;
  fs::path target = fs::read_symlink(link, ec);
  if (ec) return std::nullopt;
  fs::path gen = target.is_absolute() ? target : dir / target;
  if (!fs::is_directory(gen, ec)) return std::nullopt;
  return gen;
}

bool is_replica(const fs::path& dir) {
  std::error_code ec;
  return !fs::is_symlink(dir / kCurrent, ec) && fs::is_regular_file(dir / kReplicaStub, ec);
}

std::optional<LiveDatabase> live_database(const fs::path& dir) {
  if (auto gen = live_generation(dir)) return LiveDatabase{*gen, false};
  if (!is_replica(dir)) return std::nullopt;
  // The stub's first line that is not a comment: "auto replica_N".
  std::ifstream stub(dir / kReplicaStub);
  std::string line;
  while (std::getline(stub, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string name = line.substr(line.find_last_of(' ') + 1);
    std::error_code ec;
    if (name.empty() || name.find('/') != std::string::npos || !fs::is_directory(dir / name, ec)) break;
    return LiveDatabase{dir / name, true};
  }
  return std::nullopt;
}

std::string revision_stamp(const fs::path& database) {
  struct stat st {};
  if (::stat((database / "iamglass").c_str(), &st) != 0) return {};
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_size);
}

std::vector<fs::path> generations(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_directory() && generation_number(entry.path()) >= 0) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) {
    return generation_number(a) < generation_number(b);
  });
  return out;
}

fs::path next_generation(const fs::path& dir) {
  long next = 1;
  for (const auto& g : generations(dir)) next = std::max(next, generation_number(g) + 1);
  char name[32];
  std::snprintf(name, sizeof name, "gen-%06ld", next);
  return dir / name;
}

void switch_to(const fs::path& dir, const fs::path& generation) {
  fs::path tmp = dir / "current.new";
  fs::remove(tmp);
  // A relative link keeps the index directory movable.
  fs::create_directory_symlink(generation.filename(), tmp);
  fs::rename(tmp, dir / kCurrent);
  fsync_directory(dir);
}

}  // namespace spro::layout
