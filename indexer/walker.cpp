#include "walker.h"

#include <filesystem>
#include <set>

namespace spro::indexer {
namespace {

namespace fs = std::filesystem;

void walk(const fs::path& path, bool named, std::set<fs::path>& seen_folders, std::vector<FoundInput>& out) {
  using V = Recognition::Verdict;
  FoundInput found;
  found.path = path.string();
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (named && fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status)) {
    // A pipe or a device streams: sampling it would consume what the
    // importer must read. Its name may tell the format; JSON Lines else.
    FileSample by_name;
    by_name.extension = path.extension().string();
    std::string format = format_by_extension(by_name);
    found.recognition = {Recognition::Verdict::kImport, format.empty() ? "jsonl" : format, ""};
    out.push_back(std::move(found));
    return;
  }
  auto sample = sample_file(found.path);
  if (!sample.ok()) {
    std::string message = sample.status().message();
    // The message starts with the path, which the report prints anyway.
    if (message.starts_with(found.path + ": ")) message.erase(0, found.path.size() + 2);
    found.recognition = {V::kReject, "", message};
    out.push_back(std::move(found));
    return;
  }
  found.size = sample->size;
  found.compressed = sample->compressed;
  found.recognition = recognise(*sample);
  if (found.recognition.verdict == V::kDescend) {
    fs::path canonical = fs::canonical(path, ec);
    if (!ec && !seen_folders.insert(canonical).second) {
      found.recognition = {V::kSkip, "", "a folder already walked (symbolic link loop)"};
      out.push_back(std::move(found));
      return;
    }
    for (const std::string& entry : sample->entries) {
      std::string name = entry.ends_with('/') ? entry.substr(0, entry.size() - 1) : entry;
      walk(path / name, false, seen_folders, out);
    }
    return;
  }
  if (named && found.recognition.verdict == V::kSkip && found.recognition.reason == "unrecognised format") {
    if (std::string format = format_by_extension(*sample); !format.empty()) found.recognition = {V::kImport, format, ""};
  }
  out.push_back(std::move(found));
}

}  // namespace

std::vector<FoundInput> walk_inputs(const std::string& path) {
  std::vector<FoundInput> out;
  std::set<fs::path> seen;
  walk(fs::path(path), true, seen, out);
  return out;
}

}  // namespace spro::indexer
