#include "spro/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <optional>

#include "index/document_builder.h"
#include "index/layout.h"
#include "index/schema.h"
#include "search/facets.h"
#include "search/query_builder.h"
#include "search/snippet.h"
#include "spro/thesaurus.h"

namespace spro {

namespace fs = std::filesystem;

namespace {

// One open Xapian database of one generation. Xapian handles must not be
// shared between threads, so each query borrows one from the pool.
struct Handle {
  fs::path generation;
  Xapian::Database db;
};

struct FacetSpec {
  const char* name;
  Xapian::valueno slot;
};
constexpr FacetSpec kFacets[] = {
    {"kind", schema::kSlotKind},       {"public", schema::kSlotPublics},
    {"level", schema::kSlotLevels},    {"territory", schema::kSlotDepartements},
    {"source", schema::kSlotSource},
};

// Xapian reports a database changed under a reader (DatabaseModifiedError)
// or a generation removed by a later build (DatabaseOpeningError): both are
// cured by reopening, so a query is retried a few times before failing.
constexpr int kAttempts = 4;

}  // namespace

struct Searcher::Impl {
  fs::path dir;
  SearcherOptions options;
  Analyzer analyzer;
  Thesaurus thesaurus;
  mutable std::mutex mutex;
  mutable std::vector<std::unique_ptr<Handle>> pool;

  // Borrows a handle on the live generation, opening one if needed.
  Result<std::unique_ptr<Handle>> acquire() const {
    std::optional<fs::path> live = layout::live_generation(dir);
    if (!live) return Status::not_found("no index in " + dir.string() + " (run spro-index build)");
    {
      std::lock_guard lock(mutex);
      // Handles of a replaced generation are dropped as they come up.
      std::erase_if(pool, [&](const auto& h) { return h->generation != *live; });
      if (!pool.empty()) {
        auto h = std::move(pool.back());
        pool.pop_back();
        return h;
      }
    }
    try {
      auto h = std::make_unique<Handle>(Handle{*live, Xapian::Database(live->string())});
      std::string schema = h->db.get_metadata(std::string(schema::kMetaSchema));
      std::string analyzer_version = h->db.get_metadata(std::string(schema::kMetaAnalyzer));
      if (schema != std::to_string(schema::kSchemaVersion) || analyzer_version != std::to_string(Analyzer::kVersion)) {
        return Status::incompatible("index " + dir.string() + " was built by another version of spro-search; rebuild it with spro-index build");
      }
      return h;
    } catch (const Xapian::DatabaseOpeningError& e) {
      return Status::io_error("cannot open index " + dir.string() + ": " + e.get_description());
    }
  }

  void release(std::unique_ptr<Handle> h) const {
    std::lock_guard lock(mutex);
    pool.push_back(std::move(h));
  }

  // Runs fn(db) with a borrowed handle, retrying on the errors a concurrent
  // rebuild or update causes. fn returns a Result.
  template <typename Fn>
  auto with_database(Fn fn) const -> decltype(fn(std::declval<Xapian::Database&>())) {
    std::string last_error;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      auto h = acquire();
      if (!h.ok()) return h.status();
      try {
        auto result = fn((*h)->db);
        release(std::move(*h));
        return result;
      } catch (const Xapian::DatabaseModifiedError& e) {
        last_error = e.get_description();
        try {
          (*h)->db.reopen();
          release(std::move(*h));
        } catch (const Xapian::Error&) {
          // Drop the handle; the next attempt opens a fresh one.
        }
      } catch (const Xapian::DatabaseOpeningError& e) {
        last_error = e.get_description();
      } catch (const Xapian::Error& e) {
        return Status::internal("search failed: " + e.get_description());
      }
    }
    return Status::io_error("index " + dir.string() + " kept changing during the query: " + last_error);
  }

  Result<SearchResponse> run(const SearchRequest& request, Xapian::Database& db) const {
    search::BuiltQuery q = search::build_query(request, analyzer, thesaurus, db);
    Xapian::Query query = q.filter.empty() ? q.text : Xapian::Query(Xapian::Query::OP_FILTER, q.text, q.filter);

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    if (q.browse) {
      enquire.set_sort_by_value_then_relevance(schema::kSlotTitleSort, false);
    } else {
      // Equal scores are ordered by id, so pages are stable across rebuilds.
      enquire.set_sort_by_relevance_then_value(schema::kSlotId, false);
    }
    std::vector<std::unique_ptr<search::ListCountSpy>> spies;
    if (request.facets) {
      for (const FacetSpec& f : kFacets) {
        spies.push_back(std::make_unique<search::ListCountSpy>(f.slot));
        enquire.add_matchspy(spies.back().get());
      }
    }
    size_t limit = std::min(request.limit, options.max_limit);
    size_t offset = std::min(request.offset, options.max_offset);
    // Asking Xapian to check every document makes the total and the facet
    // counts exact rather than estimated.
    Xapian::MSet mset = enquire.get_mset(offset, limit, db.get_doccount());

    SearchResponse response;
    response.query = request.text;
    response.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.resource = schema::resource_of(it.get_document());
      hit.id = hit.resource.id;
      hit.score = q.browse ? 0.0 : it.get_weight();
      hit.title = hit.resource.title;
      hit.kind = hit.resource.kind;
      hit.source = hit.resource.source;
      const Resource& r = hit.resource;
      hit.snippet = search::make_snippet({r.summary, r.body, r.title}, q.highlight_terms, analyzer,
                                         options.snippet_bytes);
      response.hits.push_back(std::move(hit));
    }
    for (size_t i = 0; i < spies.size(); ++i) {
      std::vector<FacetValue> values;
      for (const auto& [value, count] : spies[i]->counts()) values.push_back({value, count});
      std::stable_sort(values.begin(), values.end(),
                       [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
      response.facets[kFacets[i].name] = std::move(values);
    }
    return response;
  }
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::open(const std::string& dir, SearcherOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->options = options;
  if (options.builtin_thesaurus) impl->thesaurus.merge(Thesaurus::builtin());
  for (const auto& path : options.thesaurus_files) {
    auto extra = Thesaurus::load(path);
    if (!extra.ok()) return extra.status();
    impl->thesaurus.merge(*extra);
  }
  // Open one handle now so a missing or incompatible index is reported here.
  auto h = impl->acquire();
  if (!h.ok()) return h.status();
  impl->release(std::move(*h));
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

Result<SearchResponse> Searcher::search(const SearchRequest& request) const {
  if (Status s = search::check_filters(request); !s.ok()) return s;
  return impl_->with_database([&](Xapian::Database& db) { return impl_->run(request, db); });
}

Result<Resource> Searcher::get(std::string_view id) const {
  return impl_->with_database([&](Xapian::Database& db) -> Result<Resource> {
    Xapian::PostingIterator p = db.postlist_begin(std::string(schema::kId) + std::string(id));
    if (p == db.postlist_end(std::string(schema::kId) + std::string(id))) {
      return Status::not_found("no resource with id '" + std::string(id) + "'");
    }
    return schema::resource_of(db.get_document(*p));
  });
}

Result<size_t> Searcher::size() const {
  return impl_->with_database([&](Xapian::Database& db) -> Result<size_t> { return static_cast<size_t>(db.get_doccount()); });
}

}  // namespace spro
