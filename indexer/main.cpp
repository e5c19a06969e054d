// spro-index: builds and maintains a spro-search index from partner files.
//
//   spro-index build  --db DIR [--config sources.yaml] [--format F] [--report FILE] [--allow-shrink] [INPUT...]
//   spro-index update --db DIR [--config sources.yaml] [--format F] [--report FILE] [INPUT...]
//   spro-index delete --db DIR ID...
//
// An INPUT may be a folder: it is walked and each file recognised by its
// content (importer.h); one line per file says what became of it.
//
// Exit codes: 0 everything indexed, 3 some records or files rejected (every
// good one is indexed), 2 usage error, 1 fatal error, or a rebuild that
// would empty or halve the live index (the index is left unchanged).
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
#include "text_reader.h"
#include "walker.h"
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
  std::string encoding;
  bool allow_shrink = false;
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
  // Clears the line before something else is printed.
  void clear() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
    shown_ = false;
  }
  void done() { clear(); }

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
      std::error_code ec;
      if (in != "-" && !std::filesystem::exists(std::filesystem::symlink_status(in, ec))) {
        return spro::Status::not_found(in + ": no such file");
      }
      s.files.push_back(in);
    }
    sources.push_back(std::move(s));
  }
  // --encoding overrides every source's for this run.
  if (!opt.encoding.empty()) {
    for (auto& s : sources) s.options.encoding = opt.encoding;
  }
  if (!opt.vocabularies.empty()) vocabularies = opt.vocabularies;
  return sources;
}

// One file (or folder) to index, or to report as skipped or rejected.
struct Input {
  const Source* source;
  FoundInput found;
};

// A source's paths as inputs: with format "auto", folders are walked and
// every file recognised; a format named by the user applies as it is.
std::vector<Input> inputs_of(const std::vector<Source>& sources) {
  std::vector<Input> inputs;
  for (const Source& source : sources) {
    const std::string& format = source.options.format;
    const bool automatic = format.empty() || format == "auto";
    const bool mapped = !source.options.mapping.empty();
    for (const auto& path : source.files) {
      if (automatic && !mapped && path != "-") {
        for (FoundInput& f : walk_inputs(path)) inputs.push_back({&source, std::move(f)});
        continue;
      }
      // A format named by the user applies as it is; a mapping without a
      // format makes a CSV; standard input is JSON Lines.
      FoundInput f;
      f.path = path;
      f.recognition = {Recognition::Verdict::kImport, !automatic ? format : mapped ? "csv" : "jsonl", ""};
      std::error_code ec;
      if (std::filesystem::is_regular_file(path, ec)) f.size = std::filesystem::file_size(path, ec);
      inputs.push_back({&source, std::move(f)});
    }
  }
  return inputs;
}

// Replaces every occurrence of `from` in `text` (a decompressed file's
// temporary name by the name the administrator knows).
void rename_in(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t p = text.find(from); p != std::string::npos; p = text.find(from, p + to.size())) text.replace(p, from.size(), to);
}

// A .gz input decompressed into a temporary folder, removed afterwards.
// The file keeps its inner name (F1234.json), from which documents take
// their id.
class Decompressed {
 public:
  static spro::Result<std::unique_ptr<Decompressed>> of(const std::string& path) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "spro-index-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return spro::Status::io_error("cannot create a temporary folder to decompress " + path);
    std::unique_ptr<Decompressed> d(new Decompressed());
    d->dir_ = tmpl;
    d->path_ = (std::filesystem::path(tmpl) / std::filesystem::path(path).stem()).string();
    spro::Status st = gunzip(path, d->path_, kMaxDecompressedBytes);
    if (!st.ok()) return st;
    return d;
  }
  ~Decompressed() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string& path() const { return path_; }

  // Larger partner exports are not known; more is taken for a bomb.
  static constexpr size_t kMaxDecompressedBytes = size_t{8} << 30;

 private:
  Decompressed() = default;
  std::string dir_, path_;
};

// A cheap fingerprint of a resource, to tell an identical repeat (the same
// aid as JSON Lines and as YAML) from a conflicting one.
uint64_t fingerprint(const spro::Resource& r) { return std::hash<std::string>{}(spro::to_json(r)); }

struct FirstSeen {
  std::string location;
  uint64_t fingerprint;
};

struct FileCounts {
  size_t read = 0, indexed = 0, rejected = 0, duplicates = 0;
};

// Indexes one input's records. Returns a fatal error (the index cannot be
// written) or OK; whatever is wrong with the file itself is a rejection.
spro::Status index_input(const Input& input, spro::IndexWriter& writer, const Vocabularies& vocabularies, Report& report,
                         std::unordered_map<std::string, FirstSeen>& first_seen, Progress& progress, size_t bytes_before,
                         size_t& records, FileCounts& counts, std::string& file_error) {
  const SourceOptions& options = input.source->options;
  const std::string& name = options.name;
  SourceCounts& source_counts = report.counts(name);
  std::string path = input.found.path;
  std::unique_ptr<Decompressed> decompressed;
  if (input.found.compressed) {
    auto d = Decompressed::of(path);
    if (!d.ok()) {
      file_error = d.status().message();
      return spro::Status();
    }
    decompressed = std::move(*d);
  }
  const std::string& read_path = decompressed ? decompressed->path() : path;
  SourceOptions file_options = options;
  file_options.format = input.found.recognition.format;
  auto importer = open_importer(file_options, read_path);
  if (!importer.ok()) {
    file_error = importer.status().message();
    if (decompressed) rename_in(file_error, read_path, path);
    return spro::Status();
  }
  ImportedRecord rec;
  while ((*importer)->next(rec)) {
    if (decompressed) rename_in(rec.location, read_path, path);
    ++source_counts.read;
    ++counts.read;
    ++records;
    progress.update(path, records, bytes_before + (*importer)->bytes_read());
    normalize_record(rec, file_options, vocabularies);
    if (!rec.errors.empty()) {
      std::string reason;
      for (const auto& e : rec.errors) reason += (reason.empty() ? "" : "; ") + e.to_string();
      report.reject(name, rec.location, rec.id(), reason);
      ++counts.rejected;
      continue;
    }
    uint64_t print = fingerprint(*rec.resource);
    auto [it, inserted] = first_seen.try_emplace(rec.resource->id, FirstSeen{rec.location, print});
    if (!inserted) {
      if (it->second.fingerprint == print) {
        ++counts.duplicates;  // the same resource twice: nothing to say
        continue;
      }
      report.reject(name, rec.location, rec.id(),
                    "id: duplicate id '" + rec.id() + "' (first at " + it->second.location + ")");
      ++counts.rejected;
      continue;
    }
    for (const auto& w : rec.warnings) report.warn(name, rec.location, rec.id(), w);
    spro::Status st = writer.add(*rec.resource);
    if (st.code() == spro::Status::Code::kInvalidArgument) {
      report.reject(name, rec.location, rec.id(), st.message());
      ++counts.rejected;
      continue;
    }
    if (!st.ok()) return st;
    ++source_counts.indexed;
    ++counts.indexed;
  }
  if (spro::Status st = (*importer)->status(); !st.ok()) {
    // The records read before the error are kept: a file cut short loses
    // only what is missing.
    file_error = st.message();
    if (decompressed) rename_in(file_error, read_path, path);
    if (!file_error.starts_with(path)) file_error = path + ": " + file_error;
  }
  return spro::Status();
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
  std::vector<Input> inputs = inputs_of(*sources);
  size_t total_bytes = 0;
  for (const auto& in : inputs) total_bytes += in.found.size;
  spro::IndexWriterOptions writer_options;
  writer_options.threads = opt.threads;
  writer_options.refuse_shrink = !opt.allow_shrink;
  // Whether there is a live index that --allow-shrink would replace (its
  // `current` link, spro/index_writer.h), looked at before the build makes one.
  std::error_code link_ec;
  const bool had_live_index = std::filesystem::is_symlink(std::filesystem::path(opt.db) / "current", link_ec);
  auto writer = spro::IndexWriter::open(opt.db, mode, writer_options);
  if (!writer.ok()) return fatal(writer.status().message());

  Progress progress(total_bytes, !opt.quiet);
  size_t bytes_before = 0, records = 0, duplicates = 0;
  // What the inputs held, to explain a build that comes out empty.
  size_t files_imported = 0, files_skipped = 0, files_rejected = 0, records_read = 0, records_indexed = 0;
  // Ids are unique across all sources of a run: the first record with an
  // id wins; a later different one is rejected naming both places, an
  // identical one is counted as a duplicate.
  std::unordered_map<std::string, FirstSeen> first_seen;
  for (const Input& input : inputs) {
    const std::string& path = input.found.path;
    const Recognition& recognition = input.found.recognition;
    const std::string shown = printable(path == "-" ? "<stdin>" : path, Report::kMessageBytes);
    if (recognition.verdict == Recognition::Verdict::kSkip) {
      progress.clear();
      std::fprintf(stderr, "spro-index: %s: skipped: %s\n", shown.c_str(), recognition.reason.c_str());
      report.skip_file(path, recognition.reason);
      ++files_skipped;
      continue;
    }
    if (recognition.verdict == Recognition::Verdict::kReject) {
      progress.clear();
      std::fprintf(stderr, "spro-index: %s: rejected: %s\n", shown.c_str(),
                   printable(recognition.reason, Report::kMessageBytes).c_str());
      report.reject_file(input.source->options.name, path, recognition.reason);
      ++files_rejected;
      continue;
    }
    FileCounts counts;
    std::string file_error;
    spro::Status st = index_input(input, **writer, vocabularies, report, first_seen, progress, bytes_before, records,
                                  counts, file_error);
    if (!st.ok()) return fatal(st.message());
    bytes_before += input.found.size;
    duplicates += counts.duplicates;
    // A file refused before any record (not of its format, unreadable) held none.
    ++(!file_error.empty() && counts.read == 0 ? files_rejected : files_imported);
    records_read += counts.read;
    records_indexed += counts.indexed;
    std::string format = recognition.format.empty() || recognition.format == "auto" ? "auto" : recognition.format;
    std::string line = "spro-index: " + shown + ": " + format + ": read " + std::to_string(counts.read) + ", indexed " +
                       std::to_string(counts.indexed) + ", rejected " + std::to_string(counts.rejected);
    if (counts.duplicates) line += ", identical duplicates " + std::to_string(counts.duplicates);
    if (!file_error.empty()) {
      report.reject_file(input.source->options.name, path, file_error);
      line += "; file rejected: " + printable(file_error, Report::kMessageBytes);
    }
    progress.clear();
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  progress.done();
  auto count = (*writer)->commit();
  if (!count.ok()) {
    std::string message = count.status().message();
    if (count.status().code() == spro::Status::Code::kInvalidArgument) {
      // An empty build is first a matter of the input: say what it held.
      if (records_indexed == 0) {
        auto files = [](size_t n) { return std::to_string(n) + (n == 1 ? " file" : " files"); };
        std::string others = files(files_skipped) + " skipped, " + files(files_rejected) + " rejected";
        if (files_imported == 0 && files_skipped + files_rejected == 0) {
          message = "the input held no file; " + message;
        } else if (files_imported == 0) {
          message = "the input held no readable partner file (" + others + ", see above); " + message;
        } else if (records_read == 0) {
          message = "the input held no record (" + files(files_imported) + " read, " + others + "); " + message;
        } else {
          message = "no record of the input could be indexed (" + std::to_string(records_read) + " read, see above); " +
                    message;
        }
      }
      if (had_live_index) message += " (--allow-shrink to swap it in anyway)";
    }
    return fatal(message);
  }
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
  std::string dup = duplicates ? ", identical duplicates " + std::to_string(duplicates) : "";
  std::fprintf(stderr, "spro-index: read %zu, indexed %zu, rejected %zu%s in %.1f s; the index holds %zu resources\n",
               read, indexed, report.total_rejected(), dup.c_str(), seconds, *count);
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
    cmd->add_option("--encoding", opt.encoding,
                    "encoding of every input for this run (windows-1252, ISO-8859-15, UTF-16...), instead of "
                    "detecting it; a byte order mark or an XML declaration still wins");
    cmd->add_option("--vocabularies", opt.vocabularies, "folder with publics.tsv and levels.tsv replacing the built-in ones");
    cmd->add_flag("--quiet", opt.quiet, "no progress line");
    cmd->add_option("inputs", opt.inputs, "input files or folders ('-' for standard input)");
  };
  CLI::App* build = app.add_subcommand("build", "build a new index and swap it in when complete");
  add_ingest_options(build);
  build->add_flag("--allow-shrink", opt.allow_shrink,
                  "swap the new index in even if it is empty or holds fewer than half the live index's resources");
  build->add_option("--threads", opt.threads, "threads analysing and writing (default: one per core, at most 4)")
      ->check(CLI::Range(0, 64));
  CLI::App* update = app.add_subcommand("update", "add or replace resources (by id) in the index");
  add_ingest_options(update);
  CLI::App* del = app.add_subcommand("delete", "remove resources by id");
  del->add_option("--db", opt.db, "index directory")->required();
  del->add_option("ids", opt.ids, "resource ids")->required();
  CLI::App* compact = app.add_subcommand("compact", "rewrite the index compactly, reclaiming the space updates leave");
  compact->add_option("--db", opt.db, "index directory")->required();
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
    if (!opt.encoding.empty() && !is_known_encoding(opt.encoding)) {
      std::cerr << "spro-index: --encoding: unknown encoding '" << opt.encoding << "'\n";
      return kExitUsage;
    }
    if (opt.config.empty() && opt.inputs.empty()) {
      std::cerr << "spro-index: give INPUT files or --config FILE\n";
      return kExitUsage;
    }
    return run_ingest(opt, *build ? spro::IndexWriter::Mode::kRebuild : spro::IndexWriter::Mode::kUpdate);
  }
  if (*compact) {
    auto stats = spro::IndexWriter::compact(opt.db);
    if (!stats.ok()) return fatal(stats.status().message());
    std::fprintf(stderr, "spro-index: compacted %s: %zu bytes -> %zu bytes\n", opt.db.c_str(), stats->bytes_before,
                 stats->bytes_after);
    return kExitOk;
  }
  return run_delete(opt);
}
