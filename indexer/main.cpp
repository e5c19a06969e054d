// spro-index: builds and maintains a spro-search index from partner files.
//
//   spro-index build  --db DIR [--config sources.yaml] [--format F] [--report FILE] [INPUT...]
//   spro-index update --db DIR [--config sources.yaml] [--format F] [--report FILE] [INPUT...]
//   spro-index delete --db DIR ID...
//
// Exit codes: 0 everything indexed, 3 some records rejected (every good one
// is indexed), 2 usage error, 1 fatal error (the index is left unchanged).
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unordered_map>

#include "importer.h"
#include "normalize.h"
#include "report.h"
#include "sources.h"
#include "spro/index_writer.h"

namespace {

using namespace spro::indexer;

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRejected = 3;

struct Options {
  std::string db;
  std::string config;
  std::string format = "auto";
  std::string report;
  std::string vocabularies;
  bool quiet = false;
  size_t threads = 0;
  std::vector<std::string> inputs;
  std::vector<std::string> ids;
};

int fatal(const std::string& message) {
  std::cerr << "spro-index: " << message << " (index unchanged)\n";
  return kExitFatal;
}

// A one-line progress report on a terminal (rate and ETA by bytes read);
// silent when stderr is not a terminal.
class Progress {
 public:
  Progress(size_t total_bytes, bool enabled) : total_(total_bytes), enabled_(enabled && ::isatty(STDERR_FILENO)) {}
  void update(const std::string& source, size_t records, size_t bytes_done) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double rate = elapsed > 0 ? records / elapsed : 0;
    double fraction = total_ ? std::min(1.0, static_cast<double>(bytes_done) / total_) : 0;
    double eta = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : 0;
    std::fprintf(stderr, "\r\033[K%s: %3.0f%%  %zu records  %.0f/s  ETA %.0f s", source.c_str(), fraction * 100, records, rate, eta);
    shown_ = true;
  }
  void done() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  size_t total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

spro::Result<std::vector<Source>> sources_of(const Options& opt, std::string& vocabularies) {
  std::vector<Source> sources;
  if (!opt.config.empty()) {
    auto config = load_sources(opt.config);
    if (!config.ok()) return config.status();
    sources = std::move(config->sources);
    vocabularies = config->vocabularies;
  }
  if (!opt.inputs.empty()) {
    Source s;
    s.options.name = "command line";
    s.options.format = opt.format;
    for (const auto& in : opt.inputs) {
      if (in != "-" && !std::filesystem::exists(in)) return spro::Status::not_found(in + ": no such file");
      s.files.push_back(in);
    }
    sources.push_back(std::move(s));
  }
  if (!opt.vocabularies.empty()) vocabularies = opt.vocabularies;
  return sources;
}

// build and update: read every source, index every valid record.
int run_ingest(const Options& opt, spro::IndexWriter::Mode mode) {
  const auto started = std::chrono::steady_clock::now();
  std::string vocab_dir;
  // Sources are checked first: a missing file is a fatal error, and it is
  // better found before a long build than after.
  auto sources = sources_of(opt, vocab_dir);
  if (!sources.ok()) return fatal(sources.status().message());
  if (sources->empty()) {
    std::cerr << "spro-index: nothing to index: give INPUT files or --config\n";
    return kExitUsage;
  }
  Vocabularies vocabularies = Vocabularies::builtin();
  if (!vocab_dir.empty()) {
    auto loaded = Vocabularies::load(vocab_dir);
    if (!loaded.ok()) return fatal(loaded.status().message());
    vocabularies = std::move(*loaded);
  }
  Report report(opt.report);
  if (!report.ok()) return fatal("cannot write report " + opt.report);
  size_t total_bytes = 0;
  for (const auto& s : *sources) {
    for (const auto& f : s.files) {
      std::error_code ec;
      if (std::filesystem::is_regular_file(f, ec)) total_bytes += std::filesystem::file_size(f, ec);
    }
  }
  spro::IndexWriterOptions writer_options;
  writer_options.threads = opt.threads;
  auto writer = spro::IndexWriter::open(opt.db, mode, writer_options);
  if (!writer.ok()) return fatal(writer.status().message());

  Progress progress(total_bytes, !opt.quiet);
  size_t bytes_before = 0, records = 0;
  // Ids are unique across all sources of a run: the first record with an
  // id wins, a later one is rejected naming both places.
  std::unordered_map<std::string, std::string> first_seen;
  for (const Source& source : *sources) {
    const std::string& name = source.options.name;
    SourceCounts& counts = report.counts(name);
    for (const auto& path : source.files) {
      auto importer = open_importer(source.options, path);
      if (!importer.ok()) return fatal(name + ": " + importer.status().message());
      ImportedRecord rec;
      while ((*importer)->next(rec)) {
        ++counts.read;
        ++records;
        progress.update(name, records, bytes_before + (*importer)->bytes_read());
        normalize_record(rec, source.options, vocabularies);
        if (!rec.errors.empty()) {
          std::string reason;
          for (const auto& e : rec.errors) reason += (reason.empty() ? "" : "; ") + e.to_string();
          report.reject(name, rec.location, rec.id(), reason);
          continue;
        }
        auto [it, inserted] = first_seen.emplace(rec.resource->id, rec.location);
        if (!inserted) {
          report.reject(name, rec.location, rec.id(), "id: duplicate id '" + rec.id() + "' (first at " + it->second + ")");
          continue;
        }
        for (const auto& w : rec.warnings) report.warn(name, rec.location, rec.id(), w);
        spro::Status st = (*writer)->add(*rec.resource);
        if (st.code() == spro::Status::Code::kInvalidArgument) {
          report.reject(name, rec.location, rec.id(), st.message());
          continue;
        }
        if (!st.ok()) return fatal(st.message());
        ++counts.indexed;
      }
      if (!(*importer)->status().ok()) return fatal((*importer)->status().message());
      std::error_code ec;
      if (std::filesystem::is_regular_file(path, ec)) bytes_before += std::filesystem::file_size(path, ec);
    }
  }
  progress.done();
  auto count = (*writer)->commit();
  if (!count.ok()) return fatal(count.status().message());
  report.print_warning_overflow();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  size_t read = 0, indexed = 0;
  for (const auto& name : report.sources()) {
    const SourceCounts& c = report.counts(name);
    read += c.read;
    indexed += c.indexed;
    if (report.sources().size() > 1) {
      std::fprintf(stderr, "spro-index: %s: read %zu, indexed %zu, rejected %zu, warnings %zu\n", name.c_str(), c.read,
                   c.indexed, c.rejected, c.warnings);
    }
  }
  std::fprintf(stderr, "spro-index: read %zu, indexed %zu, rejected %zu in %.1f s; the index holds %zu resources\n",
               read, indexed, report.total_rejected(), seconds, *count);
  return report.total_rejected() > 0 ? kExitRejected : kExitOk;
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
  std::vector<std::string> formats = importer_formats();
  formats.push_back("auto");

  auto add_ingest_options = [&](CLI::App* cmd) {
    cmd->add_option("--db", opt.db, "index directory")->required();
    cmd->add_option("--config", opt.config, "source configuration (YAML) listing what to index");
    cmd->add_option("--format", opt.format, "format of the INPUT files (default: by extension and content)")
        ->check(CLI::IsMember(formats));
    cmd->add_option("--report", opt.report, "write every rejection and warning to FILE (JSON Lines)");
    cmd->add_option("--vocabularies", opt.vocabularies, "folder with publics.tsv and levels.tsv replacing the built-in ones");
    cmd->add_flag("--quiet", opt.quiet, "no progress line");
    cmd->add_option("inputs", opt.inputs, "input files ('-' for standard input)");
  };
  CLI::App* build = app.add_subcommand("build", "build a new index and swap it in when complete");
  add_ingest_options(build);
  build->add_option("--threads", opt.threads, "threads analysing and writing (default: one per core, at most 4)")
      ->check(CLI::Range(0, 64));
  CLI::App* update = app.add_subcommand("update", "add or replace resources (by id) in the index");
  add_ingest_options(update);
  CLI::App* del = app.add_subcommand("delete", "remove resources by id");
  del->add_option("--db", opt.db, "index directory")->required();
  del->add_option("ids", opt.ids, "resource ids")->required();
  std::string footer = "Formats:";
  for (const auto& f : importer_formats()) footer += " " + f;
  app.footer(footer);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  // An update or a deletion commits in place: Xapian keeps its changeset, so
  // that read hosts following this index with xapian-replicate receive it as
  // a changeset, not a full copy (docs/deployment.md). A rebuild is a new
  // database, copied whole. XAPIAN_MAX_CHANGESETS set by the caller wins.
  if (!*build) ::setenv("XAPIAN_MAX_CHANGESETS", "10", /*overwrite=*/0);
  if (*build || *update) {
    if (opt.config.empty() && opt.inputs.empty()) {
      std::cerr << "spro-index: give INPUT files or --config FILE\n";
      return kExitUsage;
    }
    return run_ingest(opt, *build ? spro::IndexWriter::Mode::kRebuild : spro::IndexWriter::Mode::kUpdate);
  }
  return run_delete(opt);
}
