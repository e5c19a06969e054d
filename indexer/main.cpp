// spro-index: builds and maintains a spro-search index from partner files.
//
//   spro-index build  --db DIR [--format F] [--report FILE] INPUT...
//   spro-index update --db DIR [--format F] [--report FILE] INPUT...
//   spro-index delete --db DIR ID...
//
// Exit codes: 0 everything indexed, 3 some records rejected (every good one
// is indexed), 2 usage error, 1 fatal error (the index is left unchanged).
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <unordered_map>

#include "importer.h"
#include "report.h"
#include "spro/index_writer.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRejected = 3;

struct Options {
  std::string db;
  std::string format = "jsonl";
  std::string report;
  std::vector<std::string> inputs;
  std::vector<std::string> ids;
};

int fatal(const std::string& message) {
  std::cerr << "spro-index: " << message << " (index unchanged)\n";
  return kExitFatal;
}

// build and update: read every input, index every valid record.
int run_ingest(const Options& opt, spro::IndexWriter::Mode mode) {
  const auto started = std::chrono::steady_clock::now();
  // Check every input first: a missing file is a fatal error, and it is
  // better found before a long build than after.
  for (const auto& in : opt.inputs) {
    if (in != "-" && !std::filesystem::is_regular_file(in) && !std::filesystem::is_fifo(in)) {
      return fatal(in + ": no such file");
    }
  }
  spro::indexer::Report report(opt.report);
  if (!report.ok()) return fatal("cannot write report " + opt.report);
  auto writer = spro::IndexWriter::open(opt.db, mode);
  if (!writer.ok()) return fatal(writer.status().message());

  size_t read = 0, indexed = 0;
  std::unordered_map<std::string, std::string> first_seen;  // id -> location
  for (const auto& path : opt.inputs) {
    auto importer = spro::indexer::open_importer(opt.format, path);
    if (!importer.ok()) return fatal(importer.status().message());
    spro::indexer::ImportedRecord rec;
    while ((*importer)->next(rec)) {
      ++read;
      if (!rec.resource) {
        std::string reason;
        for (const auto& e : rec.errors) reason += (reason.empty() ? "" : "; ") + e.to_string();
        report.reject(rec.location, rec.id, reason);
        continue;
      }
      auto [it, inserted] = first_seen.emplace(rec.resource->id, rec.location);
      if (!inserted) {
        report.reject(rec.location, rec.id, "id: duplicate id '" + rec.id + "' (first at " + it->second + ")");
        continue;
      }
      spro::Status st = (*writer)->add(*rec.resource);
      if (st.code() == spro::Status::Code::kInvalidArgument) {
        report.reject(rec.location, rec.id, st.message());
        continue;
      }
      if (!st.ok()) return fatal(st.message());
      ++indexed;
    }
    if (!(*importer)->status().ok()) return fatal((*importer)->status().message());
  }
  auto count = (*writer)->commit();
  if (!count.ok()) return fatal(count.status().message());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "spro-index: read %zu, indexed %zu, rejected %zu in %.1f s; the index holds %zu resources\n",
               read, indexed, report.rejected(), seconds, *count);
  return report.rejected() > 0 ? kExitRejected : kExitOk;
}

int run_delete(const Options& opt) {
  auto writer = spro::IndexWriter::open(opt.db, spro::IndexWriter::Mode::kUpdate);
  if (!writer.ok()) return fatal(writer.status().message());
  size_t missing = 0;
  for (const auto& id : opt.ids) {
    spro::Status st = (*writer)->remove(id);
    if (st.code() == spro::Status::Code::kNotFound) {
      std::cerr << "spro-index: " << st.message() << "\n";
      ++missing;
    } else if (!st.ok()) {
      return fatal(st.message());
    }
  }
  auto count = (*writer)->commit();
  if (!count.ok()) return fatal(count.status().message());
  std::fprintf(stderr, "spro-index: deleted %zu, not found %zu; the index holds %zu resources\n",
               opt.ids.size() - missing, missing, *count);
  return missing > 0 ? kExitRejected : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"spro-index: builds and maintains a spro-search index"};
  app.require_subcommand(1);
  Options opt;

  auto add_ingest_options = [&](CLI::App* cmd) {
    cmd->add_option("--db", opt.db, "index directory")->required();
    cmd->add_option("--format", opt.format, "input format")
        ->check(CLI::IsMember(spro::indexer::importer_formats()));
    cmd->add_option("--report", opt.report, "write every rejected record to FILE (JSON Lines)");
    cmd->add_option("inputs", opt.inputs, "input files ('-' for standard input)")->required();
  };
  CLI::App* build = app.add_subcommand("build", "build a new index and swap it in when complete");
  add_ingest_options(build);
  CLI::App* update = app.add_subcommand("update", "add or replace resources (by id) in the index");
  add_ingest_options(update);
  CLI::App* del = app.add_subcommand("delete", "remove resources by id");
  del->add_option("--db", opt.db, "index directory")->required();
  del->add_option("ids", opt.ids, "resource ids")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (*build) return run_ingest(opt, spro::IndexWriter::Mode::kRebuild);
  if (*update) return run_ingest(opt, spro::IndexWriter::Mode::kUpdate);
  return run_delete(opt);
}
