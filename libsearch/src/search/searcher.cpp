#include "spro/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <tuple>
#include <set>

#include "index/document_builder.h"
#include "index/layout.h"
#include "index/schema.h"
#include "search/around.h"
#include "links/pathway.h"
#include "search/boolean_match.h"
#include "search/deadline.h"
#include "search/facets.h"
#include "search/grouping.h"
#include "search/id_order.h"
#include "search/interests.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/query_words.h"
#include "search/places.h"
#include "search/snippet.h"
#include "spro/territory.h"
#include "territory/territory.h"
#include "spro/thesaurus.h"

namespace spro {

namespace fs = std::filesystem;

namespace {

// One open Xapian database of one generation. Xapian handles must not be
// shared between threads, so each query borrows one from the pool.
// A replica's handle is never moved with reopen(): it is kept while its
// revision stamp is the live one, then dropped and a fresh one opened.
struct Handle {
  fs::path generation;
  Xapian::Database db;
  bool replica = false;
  std::string stamp;  // of the replica's revision, taken before opening
};

struct FacetSpec {
  const char* name;
  Xapian::valueno slot;
  std::string_view term_prefix = {};  // instead of a slot: the values are terms
  search::Column column() const { return term_prefix.empty() ? search::Column(slot) : search::Column::terms(term_prefix); }
};
// The interest centres of job sheets are their `interest` codes.
constexpr std::string_view kInterestTerms = "XCinterest:";
static_assert(schema::kCode == "XC");
const FacetSpec kFacets[] = {
    {"kind", schema::kSlotKind},       {"public", schema::kSlotPublics},
    {"level", schema::kSlotLevels},    {"territory", schema::kSlotDepartements},
    {"source", schema::kSlotSource},   {"interest", Xapian::BAD_VALUENO, kInterestTerms},
};

// Xapian reports a database changed under a reader (DatabaseModifiedError)
// or a generation removed by a later build (DatabaseOpeningError): both are
// cured by reopening, so a query is retried a few times before failing.
constexpr int kAttempts = 4;

// A table derived from one index revision, loaded on first use and shared
// by the queries on that revision until the index changes.
template <class T>
class PerRevision {
 public:
  template <class Load>
  std::shared_ptr<T> get(const Xapian::Database& db, Load load) const {
    std::string revision = db.get_uuid() + "@" + std::to_string(db.get_revision());
    std::lock_guard lock(mutex_);
    if (!table_ || revision != revision_) {
      table_ = load();
      revision_ = std::move(revision);
    }
    return table_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::string revision_;
  mutable std::shared_ptr<T> table_;
};

}  // namespace

struct Searcher::Impl {
  fs::path dir;
  SearcherOptions options;
  Analyzer analyzer;
  Thesaurus thesaurus;
  mutable std::mutex mutex;
  mutable std::vector<std::unique_ptr<Handle>> pool;
  // Tables of the index revision last searched, shared by queries: facet
  // values (loaded by the first faceted query) and the id order of ties.
  PerRevision<const search::FacetColumns> columns;
  PerRevision<search::IdOrder> id_order;

  std::shared_ptr<const search::FacetColumns> facet_columns(const Xapian::Database& db) const {
    return columns.get(db, [&] {
      std::vector<search::Column> columns{schema::kSlotCommunes};
      for (const FacetSpec& f : kFacets) columns.push_back(f.column());
      return search::FacetColumns::load(db, columns);
    });
  }

  // True when `h` no longer reads the live database: another generation,
  // or another revision of a replica.
  bool stale(const Handle& h) const {
    std::optional<layout::LiveDatabase> live = layout::live_database(dir);
    if (!live || live->path != h.generation) return true;
    return h.replica && (h.stamp.empty() || layout::revision_stamp(live->path) != h.stamp);
  }

  // Borrows a handle on the live generation, opening one if needed.
  Result<std::unique_ptr<Handle>> acquire(int attempts_left = kAttempts) const {
    std::optional<layout::LiveDatabase> live_db = layout::live_database(dir);
    if (!live_db) return Status::not_found("no index in " + dir.string() + " (run spro-index build)");
    const fs::path* live = &live_db->path;
    // Taken before opening: a revision landing in between only costs one
    // more fresh handle on the next query.
    std::string stamp = live_db->replica ? layout::revision_stamp(*live) : std::string();
    std::unique_ptr<Handle> h;
    {
      std::lock_guard lock(mutex);
      // Handles of a replaced generation (or replica revision) are dropped
      // as they come up.
      std::erase_if(pool, [&](const auto& pooled) {
        return pooled->generation != *live || pooled->replica != live_db->replica ||
               (live_db->replica && (stamp.empty() || pooled->stamp != stamp));
      });
      if (!pool.empty()) {
        h = std::move(pool.back());
        pool.pop_back();
      }
    }
    if (h && h->replica) return h;
    if (h) {
      // An update commits into the live generation: move to its latest
      // revision (a cheap check when nothing changed).
      try {
        h->db.reopen();
        return h;
      } catch (const Xapian::Error&) {
        h.reset();  // a fresh handle is opened below
      }
    }
    try {
      h = std::make_unique<Handle>(Handle{*live, Xapian::Database(live->string()), live_db->replica, stamp});
      if (Status s = schema::check_versions(h->db, dir.string()); !s.ok()) return s;
      return h;
    } catch (const Xapian::DatabaseOpeningError& e) {
      // A replica's folder can be replaced between reading the stub and
      // opening it: open the new one.
      std::optional<layout::LiveDatabase> now = layout::live_database(dir);
      if (attempts_left > 1 && now && now->path != *live) return acquire(attempts_left - 1);
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
        if ((*h)->replica) continue;  // dropped: the next attempt opens the new revision
        try {
          (*h)->db.reopen();
          release(std::move(*h));
        } catch (const Xapian::Error&) {
          // Drop the handle; the next attempt opens a fresh one.
        }
      } catch (const Xapian::DatabaseOpeningError& e) {
        last_error = e.get_description();
      } catch (const Xapian::DatabaseError& e) {
        // A full copy replaces a replica's live folder and removes the old
        // one under its readers: an error reading a replaced database is
        // cured by the live one.
        if (!stale(**h)) return Status::internal("search failed: " + e.get_description());
        last_error = e.get_description();
      } catch (const Xapian::Error& e) {
        return Status::internal("search failed: " + e.get_description());
      }
    }
    return Status::io_error("index " + dir.string() + " kept changing during the query: " + last_error);
  }

  search::QueryStyle style() const {
    search::QueryStyle s;
    s.proximity = options.proximity_ranking;
    return s;
  }

  // A place named in the text becomes a filter (certain) or a suggestion.
  // `kept_place` is set to the byte range of a place only suggested: its
  // words are not "corrected" into other words (Orange is not a typo).
  static SearchRequest read_places(const SearchRequest& request, std::map<std::string, std::string>& interpreted,
                                   std::pair<size_t, size_t>& kept_place) {
    SearchRequest effective = request;
    if (!request.detect_places || !request.territories.empty()) return effective;
    auto d = search::detect_place(request.text);
    if (!d || search::follows_code_scheme(request.text, d->begin)) return effective;
    if (!d->certain) {
      interpreted["suggested_territory"] = d->place.code;
      interpreted["suggested_territory_name"] = d->place.name;
      kept_place = {d->begin, d->end};
      return effective;
    }
    interpreted["territory"] = d->place.code;
    interpreted["territory_name"] = d->place.name;
    interpreted["territory_text"] = request.text.substr(d->begin, d->end - d->begin);
    effective.text = request.text.substr(0, d->begin) + " " + request.text.substr(d->end);
    effective.territories = {d->place.code};
    return effective;
  }

  Result<SearchResponse> run(const SearchRequest& original, Xapian::Database& db) const {
    std::map<std::string, std::string> interpreted;
    std::pair<size_t, size_t> kept_place{0, 0};
    const SearchRequest request = read_places(original, interpreted, kept_place);
    search::BuiltQuery q = search::build_query(request, analyzer, thesaurus, db, style());
    SearchResponse response = execute_around(request, q, db, q.browse && interpreted.contains("territory_text"));
    response.query = original.text;
    response.interpreted = interpreted;
    if (q.truncated) response.notices.push_back("query cut to its first " + std::to_string(search::kMaxQueryBytes) + " bytes");
    if (q.degraded) response.notices.push_back("some query syntax could not be read and was taken as plain words");
    if (q.capped) response.notices.push_back("the query has too many words or wildcards: some were left out or expanded less");

    std::erase_if(q.unknown_words, [&](const search::UnknownWord& u) {
      return u.begin < kept_place.second && u.end > kept_place.first;
    });
    std::string corrected = correct(request.text, q.unknown_words, db);
    if (corrected.empty()) return relax(request, q, std::move(response), db);
    // A correction is proposed only when the corrected query finds something.
    SearchRequest retry = request;
    retry.text = corrected;
    search::BuiltQuery cq = search::build_query(retry, analyzer, thesaurus, db, style());
    SearchResponse second = execute_around(retry, cq, db);
    if (second.total == 0) return relax(request, q, std::move(response), db);
    if (response.total == 0 && request.typo_tolerance) {
      second.query = original.text;
      second.corrected_query = corrected;
      second.interpreted = std::move(response.interpreted);
      second.interpreted["corrected"] = "true";
      second.notices = std::move(response.notices);
      return second;
    }
    response.corrected_query = corrected;
    return relax(request, q, std::move(response), db);
  }

  // execute(), with located resources looked for around a commune
  // (search/around.h).
  SearchResponse execute_around(const SearchRequest& request, const search::BuiltQuery& q, Xapian::Database& db,
                                bool place_alone = false) const {
    return search::search_around(
        request, q, [&](const SearchRequest& r, const search::BuiltQuery& bq) { return execute(r, bq, db); },
        place_alone);
  }

  // run(), and when a territory has no result, again with the wider
  // territories that contain it, until one has (search/around.h).
  Result<SearchResponse> run_widening(const SearchRequest& original, Xapian::Database& db) const {
    if (std::optional<SearchResponse> by_interest = run_interests(original, db)) return std::move(*by_interest);
    Result<SearchResponse> first = run(original, db);
    // Only some of the words in the territory (relaxed) is no result yet:
    // every word a little further away is better.
    const bool none = first.ok() && (first->total == 0 || first->interpreted.contains("relaxed"));
    if (!none || !original.widen_when_empty) return first;
    std::map<std::string, std::string> place_read;
    std::pair<size_t, size_t> kept_place{0, 0};
    SearchRequest effective = read_places(original, place_read, kept_place);
    if (effective.territories.size() != 1) return first;
    effective.detect_places = false;
    effective.relax_when_empty = false;
    // Nowhere at all: no territory will do.
    SearchRequest anywhere = effective;
    anywhere.territories.clear();
    Result<SearchResponse> everywhere = run(anywhere, db);
    if (!everywhere.ok() || everywhere->total == 0) return first;
    for (const std::string& wider : search::wider_territories(effective.territories[0])) {
      SearchRequest retry = effective;
      retry.territories.clear();
      if (wider != "fr") retry.territories.push_back(wider);
      Result<SearchResponse> widened = wider == "fr" ? std::move(everywhere) : run(retry, db);
      if (!widened.ok()) return widened;
      if (widened->total == 0) continue;
      widened->query = original.text;
      // How the place was read still holds; not how the words were.
      for (const auto& [key, value] : first->interpreted) {
        if (key != "relaxed" && key != "corrected") widened->interpreted.emplace(key, value);
      }
      widened->interpreted["widened_to"] = wider;
      if (auto place = find_territory(wider)) widened->interpreted["widened_to_name"] = place->name;
      return widened;
    }
    return first;
  }

  // A query read as ROME interest centres ("travailler avec les animaux",
  // search/interests.h): the centres' jobs, ranked by its other words, none
  // of them required. Nothing when it is not one, or when the centres have
  // no job meeting the other filters: then it is searched as words.
  std::optional<SearchResponse> run_interests(const SearchRequest& original, Xapian::Database& db) const {
    if (!original.detect_interests || !original.interests.empty()) return std::nullopt;
    std::map<std::string, std::string> interpreted;
    std::pair<size_t, size_t> kept_place{0, 0};
    SearchRequest request = read_places(original, interpreted, kept_place);
    std::optional<search::InterestReading> reading = search::InterestCentres::builtin().read(request.text, analyzer);
    if (!reading) return std::nullopt;
    request.interests = reading->codes;
    request.text = reading->words;
    search::QueryStyle any_word = style();
    any_word.any_word = true;
    search::BuiltQuery q = search::build_query(request, analyzer, thesaurus, db, any_word);
    if (!q.browse) {
      Xapian::Query every_job(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(std::string()), 0);
      q.text = Xapian::Query(Xapian::Query::OP_AND_MAYBE, every_job, q.text);
    }
    SearchResponse response = execute_around(request, q, db);
    if (response.total == 0) return std::nullopt;
    response.query = original.text;
    response.interpreted = std::move(interpreted);
    std::string codes, names;
    for (const std::string& code : reading->codes) {
      codes += (codes.empty() ? "" : ",") + code;
      names += (names.empty() ? "" : "; ") + label_of(interests(), code);
    }
    response.interpreted["interests"] = codes;
    response.interpreted["interests_names"] = names;
    return response;
  }

  // When no resource has every word, the resources with most of them:
  // "interpreted.relaxed" tells the interface to say so. When fewer than a
  // page have every word, the page goes on with those having most of them
  // (a user's own words for a job are seldom all in its sheet: "vendeuse en
  // meubles" finds one sheet with both words, and "Vendeur en ameublement"
  // after it); "interpreted.all_words" says how many have every word.
  SearchResponse relax(const SearchRequest& request, const search::BuiltQuery& strict, SearchResponse response,
                       Xapian::Database& db) const {
    // A query over its budget (many wildcards) is not run a second time.
    if (!request.relax_when_empty || strict.required_groups < 2 || strict.capped) return response;
    const size_t all_words = response.total;
    // Only a page in relevance order goes on: sorted by date, resources
    // with some words would mix with those with all; looked for around a
    // commune, those located in it come first, with some words or all.
    if (all_words > 0 && (!options.complete_short_pages || all_words >= options.complete_below ||
                          !response.total_exact || request.sort != SortOrder::kRelevance ||
                          search::around_centre(request))) {
      return response;
    }
    search::QueryStyle any_word = style();
    any_word.any_word = true;
    search::BuiltQuery any = search::build_query(request, analyzer, thesaurus, db, any_word);
    SearchResponse relaxed = execute_around(request, any, db);
    if (relaxed.total <= all_words) return response;
    relaxed.query = response.query;
    relaxed.corrected_query = std::move(response.corrected_query);
    relaxed.interpreted = std::move(response.interpreted);
    if (all_words == 0) {
      relaxed.interpreted["relaxed"] = "true";
    } else {
      relaxed.interpreted["all_words"] = std::to_string(all_words);
    }
    relaxed.notices = std::move(response.notices);
    return relaxed;
  }

  // The query with each unknown word replaced by the indexed word closest
  // to it (Xapian's spelling data); "" when no word could be corrected.
  // Only confident corrections: words of at least 5 letters, one edit for
  // words of up to 7 letters and two beyond (a short word is too close to
  // too many others: "nurse" is two edits from "bourse"), and none in a
  // query holding a word of another language ("how to become a nurse").
  std::string correct(const std::string& text, const std::vector<search::UnknownWord>& unknown,
                      Xapian::Database& db) const {
    constexpr size_t kMinLetters = 5;
    constexpr size_t kOneEditUpTo = 7;
    constexpr size_t kMaxCorrectedWords = 8;  // each costs a look-up in the spelling table
    for (const Token& t : analyzer.analyze(text)) {
      if (search::QueryWords::builtin().is_foreign(Analyzer::fold(t.word))) return {};
    }
    std::string out;
    size_t pos = 0;
    bool any = false;
    size_t tried = 0;
    for (const auto& u : unknown) {
      if (u.begin < pos || u.end > text.size()) continue;
      std::string folded = Analyzer::fold(u.word);
      bool letters = std::all_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (folded.size() < kMinLetters || !letters || tried++ >= kMaxCorrectedWords) continue;
      std::string suggestion = db.get_spelling_suggestion(folded, folded.size() <= kOneEditUpTo ? 1 : 2);
      if (suggestion.empty()) continue;
      std::string key = std::string(schema::kAccentedForm) + suggestion;
      if (auto s = db.synonyms_begin(key); s != db.synonyms_end(key)) suggestion = *s;
      out += text.substr(pos, u.begin - pos) + suggestion;
      pos = u.end;
      any = true;
    }
    if (!any) return {};
    out += text.substr(pos);
    // A place taken out of the text leaves spaces behind.
    out.erase(0, out.find_first_not_of(' '));
    out.erase(out.find_last_not_of(' ') + 1);
    return out;
  }

  // Equal scores are ordered by id (search/id_order.h), in Xapian's one
  // pass. (Ordering the ties of a page by hand, and asking Xapian again
  // when a run went beyond the page, cost twice a one-word query at 1M
  // resources, where the best matches of a common word are often hundreds
  // of resources with the same text: one training offered in many towns.)
  // Returns that id order when the order uses it: the enquire borrows it,
  // so it must be kept until the matching is done. Other orders do not
  // load it.
  std::shared_ptr<search::IdOrder> set_order(Xapian::Enquire& enquire, const SearchRequest& request, bool browse,
                                             const Xapian::Database& db) const {
    switch (request.sort) {
      case SortOrder::kUpdated:
        enquire.set_sort_by_value_then_relevance(schema::kSlotUpdated, true);
        break;
      case SortOrder::kStart:
        enquire.set_sort_by_value_then_relevance(schema::kSlotStart, false);
        break;
      case SortOrder::kTitle:
        enquire.set_sort_by_value_then_relevance(schema::kSlotTitleSort, false);
        break;
      case SortOrder::kDistance:
        if (request.near) {
          Xapian::LatLongCoords centre(Xapian::LatLongCoord(request.near->lat, request.near->lon));
          // Resources without a position sort last.
          enquire.set_sort_by_key_then_relevance(
              (new Xapian::LatLongDistanceKeyMaker(schema::kSlotLocation, centre, Xapian::GreatCircleMetric(), 1e12))->release(),
              false);
          break;
        }
        [[fallthrough]];
      case SortOrder::kRelevance:
        if (browse) {
          enquire.set_sort_by_value_then_relevance(schema::kSlotTitleSort, false);
        } else {
          auto ties = id_order.get(db, [&] { return search::IdOrder::load(db, schema::kSlotId); });
          enquire.set_sort_by_relevance_then_key(ties.get(), false);
          return ties;
        }
        break;
    }
    return nullptr;
  }

  static Xapian::Query filtered(const Xapian::Query& text, const Xapian::Query& filter) {
    return filter.empty() ? text : Xapian::Query(Xapian::Query::OP_FILTER, text, filter);
  }

  SearchResponse execute(const SearchRequest& request, const search::BuiltQuery& q, Xapian::Database& db) const {
    const Xapian::doccount all = db.get_doccount();
    Xapian::Enquire enquire(db);
    const Xapian::Query query = filtered(q.text, search::filter_query(request));
    // The match stops at the time limit with the best hits found so far.
    auto expired = std::make_shared<std::atomic<bool>>(false);
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                        std::chrono::duration<double, std::milli>(options.match_time_limit_ms));
    auto bounded = [&](const Xapian::Query& unbounded) {
      if (options.match_time_limit_ms <= 0 || !q.costly) return unbounded;
      return filtered(unbounded, Xapian::Query((new search::Deadline(deadline, expired))->release()));
    };
    enquire.set_query(bounded(query));
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    const std::shared_ptr<search::IdOrder> ties = set_order(enquire, request, q.browse, db);

    // Facets are counted in a pass of their own over every match
    // (count_matches()); the ranked pass then only looks for the page. That
    // pass leaves out the filters of the facets it counts, so it counts them
    // disjunctively too (FacetCountSpy). A territory selection is a filter
    // on terms, not on a facet column: its facet gets a pass without it.
    std::shared_ptr<const search::FacetColumns> columns;
    std::optional<search::FacetCountSpy> counter;
    std::vector<std::string> counted;  // facet names, in counter order
    std::vector<std::string_view> counted_sideways;  // those with a selection
    Xapian::Query count_query;
    if (request.facets) {
      columns = facet_columns(db);
      counter.emplace(*columns);
      for (const FacetSpec& f : kFacets) {
        if (f.name == std::string_view("territory") && !request.territories.empty()) continue;
        std::vector<std::string> selected = selection(request, f.name);
        if (!selected.empty()) counted_sideways.push_back(f.name);
        counter->add_facet(f.column(), selected);
        counted.push_back(f.name);
      }
      // With one département selected, its communes are a facet too.
      if (request.territories.size() == 1 && request.territories[0].starts_with("dep:")) {
        counter->add_facet(schema::kSlotCommunes);
        counted.push_back("commune");
      }
      count_query = filtered(q.text, search::filter_query(request, counted_sideways));
    }
    size_t limit = std::min(request.limit, options.max_limit);
    size_t offset = std::min(request.offset, options.max_offset);
    // Source diversity reorders within a window, and grouping merges
    // identical resources within one, so both fetch from the top.
    const bool diversify = request.max_consecutive_per_source > 0 && !q.browse;
    const bool group = request.group_identical && offset <= search::kMaxGroupedOffset && limit > 0;
    size_t fetch_from = diversify || group ? 0 : offset;
    size_t fetch_count = diversify || group ? offset + limit * search::kGroupWindow : limit;
    // Without facets, the total is exact up to a bound; with them, the
    // counting pass gives it. Asking the ranked pass to look at that many
    // matches (check_at_least) scores them all; when every posting of the
    // query is a match (one word, its synonyms and forms), counting them
    // costs a tenth of that. A conjunction may skip through many postings
    // to find each match, which Xapian's matcher does faster.
    std::optional<size_t> counted_up_to_bound;
    Xapian::doccount check_at_least = 0;
    if (!request.facets) {
      auto matcher = search::BooleanMatcher::compile(db, query);
      if (matcher && !matcher->conjunctive()) {
        size_t n = 0;
        while (n <= options.exact_total_up_to && matcher->next()) ++n;
        counted_up_to_bound = n;
      } else {
        check_at_least = static_cast<Xapian::doccount>(std::min<size_t>(all, options.exact_total_up_to + 1));
      }
    }
    Xapian::MSet mset = enquire.get_mset(fetch_from, fetch_count, check_at_least);
    std::vector<Xapian::MSetIterator> order = hits_of(mset);

    SearchResponse response;
    response.total = mset.get_matches_estimated();
    response.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    if (counted_up_to_bound && *counted_up_to_bound <= options.exact_total_up_to) {
      response.total = *counted_up_to_bound;
      response.total_exact = true;
    } else if (counted_up_to_bound) {
      response.total = std::max<size_t>(response.total, *counted_up_to_bound);
    }
    if (request.facets) {
      count_matches(db, count_query, *counter, bounded);
      response.total = counter->total();
      response.total_exact = true;
    }
    if (diversify) order = diversified(order, request.max_consecutive_per_source);
    if (group) {
      add_grouped_hits(order, offset, limit, q, request, enquire, response);
    } else {
      for (size_t i = diversify ? offset : 0; i < order.size() && response.hits.size() < limit; ++i) {
        response.hits.push_back(make_hit(order[i], q, request, enquire));
      }
    }
    for (size_t i = 0; i < counted.size(); ++i) {
      std::map<std::string, size_t> counts = counter->counts(i);
      if (counted[i] == "commune") {
        // Communes of the selected département only (not those of
        // resources that merely cover it).
        std::erase_if(counts, [&](const auto& c) {
          return territory::departement_of_commune(std::string_view(c.first).substr(4)) !=
                 std::string_view(request.territories[0]).substr(4);
        });
      }
      response.facets[counted[i]] = sorted(counts);
      if (counted[i] == "interest") {
        for (FacetValue& v : response.facets[counted[i]]) v.label = label_of(interests(), v.value);
      }
    }
    if (request.facets && !request.territories.empty()) {
      search::FacetCountSpy departements(*columns);
      departements.add_facet(schema::kSlotDepartements);
      count_matches(db, filtered(q.text, search::filter_query(request, {"territory"})), departements, bounded);
      response.facets["territory"] = sorted(departements.counts(0));
    }
    if (expired->load()) {
      response.total_exact = false;
      response.notices.push_back("the search took too long: these are the best results found in time");
    }
    return response;
  }

  // The page [offset, offset + limit) of `order` (fetched from the top),
  // identical resources merged into their first hit (search/grouping.h).
  void add_grouped_hits(const std::vector<Xapian::MSetIterator>& order, size_t offset, size_t limit,
                        const search::BuiltQuery& q, const SearchRequest& request, const Xapian::Enquire& enquire,
                        SearchResponse& response) const {
    // The folded title is a value of its own: only resources whose title
    // comes twice in the window are decoded for the rest of their key.
    std::vector<std::string> keys;
    std::vector<std::string> ids(order.size());
    keys.reserve(order.size());
    std::map<std::string, size_t> title_count;
    for (const auto& it : order) {
      keys.push_back(it.get_document().get_value(schema::kSlotTitleSort));
      ++title_count[keys.back()];
    }
    for (size_t i = 0; i < order.size(); ++i) {
      if (title_count[keys[i]] < 2) {
        keys[i] = '\x1e' + std::to_string(i);  // alone: a key no resource has
        continue;
      }
      Resource r = schema::resource_of(order[i].get_document(), schema::Body::kWithout);
      keys[i] = search::identity_key(r);
      ids[i] = std::move(r.id);
    }
    std::vector<std::vector<size_t>> groups = search::group_by_key(keys);
    for (size_t g = offset; g < groups.size() && response.hits.size() < limit; ++g) {
      Hit hit = make_hit(order[groups[g].front()], q, request, enquire);
      hit.group_count = groups[g].size();
      if (hit.group_count > 1) {
        for (size_t i : groups[g]) hit.group_ids.push_back(ids[i]);
      }
      response.hits.push_back(std::move(hit));
    }
  }

  static std::vector<Xapian::MSetIterator> hits_of(const Xapian::MSet& mset) {
    std::vector<Xapian::MSetIterator> hits;
    for (auto it = mset.begin(); it != mset.end(); ++it) hits.push_back(it);
    return hits;
  }

  // Shows every match of `query` to `counter`, without scoring them
  // (which costs less than scoring every match in the ranked pass): over
  // posting lists when the query is boolean enough, else through Xapian's
  // matcher with BoolWeight, within the time limit `bounded` adds.
  template <class Bound>
  static void count_matches(Xapian::Database& db, const Xapian::Query& query, search::FacetCountSpy& counter,
                            Bound bounded) {
    if (auto matcher = search::BooleanMatcher::compile(db, query)) {
      for (Xapian::docid did = matcher->next(); did != 0; did = matcher->next()) counter.add(did);
      return;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(bounded(query));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.add_matchspy(&counter);
    enquire.get_mset(0, 0, db.get_doccount());
  }

  // The values a request filters facet `facet` on; empty when none (and
  // for the territory facet, whose filter is not on its values).
  static std::vector<std::string> selection(const SearchRequest& r, std::string_view facet) {
    if (facet == "kind") return r.kinds;
    if (facet == "public") return r.publics;
    if (facet == "source") return r.sources;
    if (facet == "interest") return r.interests;
    std::vector<std::string> levels;
    if (facet == "level") {
      for (int l : r.levels) levels.push_back(std::to_string(l));
    }
    return levels;
  }

  static std::string label_of(const std::vector<VocabularyEntry>& vocabulary, std::string_view id) {
    for (const VocabularyEntry& e : vocabulary) {
      if (e.id == id) return std::string(e.label);
    }
    return {};
  }

  static std::vector<FacetValue> sorted(const std::map<std::string, size_t>& counts) {
    std::vector<FacetValue> values;
    for (const auto& [value, count] : counts) values.push_back({value, count, {}});
    std::stable_sort(values.begin(), values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    return values;
  }

  // Greedy: take the best hit whose source would not make the current run
  // of one source longer than `max_run`; if none, the best remaining.
  static std::vector<Xapian::MSetIterator> diversified(std::vector<Xapian::MSetIterator> pending, size_t max_run) {
    std::vector<Xapian::MSetIterator> out;
    std::string run_source;
    size_t run = 0;
    while (!pending.empty()) {
      size_t pick = 0;
      for (size_t i = 0; i < pending.size(); ++i) {
        if (run < max_run || pending[i].get_document().get_value(schema::kSlotSource) != run_source) {
          pick = i;
          break;
        }
      }
      std::string source = pending[pick].get_document().get_value(schema::kSlotSource);
      run = source == run_source ? run + 1 : 1;
      run_source = source;
      out.push_back(pending[pick]);
      pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    return out;
  }

  Hit make_hit(const Xapian::MSetIterator& it, const search::BuiltQuery& q, const SearchRequest& request,
               const Xapian::Enquire& enquire) const {
    Hit hit;
    const Xapian::Document doc = it.get_document();
    hit.resource = schema::resource_of(doc, schema::Body::kWithout);
    hit.id = hit.resource.id;
    hit.score = q.browse ? 0.0 : it.get_weight();
    hit.title = hit.resource.title;
    hit.kind = hit.resource.kind;
    hit.source = hit.resource.source;
    const Resource& r = hit.resource;
    std::string body;
    auto summary = [&] { return std::string_view(r.summary); };
    auto read_body = [&] {
      body = doc.get_value(schema::kSlotBody);
      return std::string_view(body);
    };
    auto title = [&] { return std::string_view(r.title); };
    hit.snippet = search::make_snippet_from({summary, read_body, title}, q.highlight_terms, analyzer, options.snippet_bytes,
                                       q.required_groups);
    if (request.near) {
      if (auto p = schema::position_of(r)) hit.distance_km = distance_km(*request.near, *p);
    }
    if (request.explain) {
      for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) {
        auto e = q.explanations.find(*t);
        if (e != q.explanations.end() &&
            std::find(hit.matched.begin(), hit.matched.end(), e->second) == hit.matched.end()) {
          hit.matched.push_back(e->second);
        }
      }
    }
    return hit;
  }

  Result<std::vector<Suggestion>> complete(std::string_view typed, size_t limit, Xapian::Database& db) const {
    std::vector<std::string> keys = schema::completion_keys(Analyzer::fold(typed));
    std::vector<Suggestion> out;
    if (keys.empty()) return out;
    // completion_keys() of the typed text: its first key is all its words.
    std::string wanted = keys.front();
    if (!typed.empty() && (typed.back() == ' ' || typed.back() == '-')) wanted += ' ';
    // Keys first (a B-tree range scan each), ranked: completions of the
    // whole title first, then shorter ones, then alphabetical. Only the
    // first resource of each key is read, so a keystroke reads about
    // `limit` documents however many resources share a title.
    struct Candidate {
      bool at_start;
      std::string key;
      std::string term;
    };
    std::vector<Candidate> candidates;
    constexpr size_t kMaxKeysScanned = 400;
    for (std::string_view prefix : {schema::kCompleteStart, schema::kCompleteInner}) {
      std::string start = std::string(prefix) + wanted;
      size_t scanned = 0;
      for (auto t = db.allterms_begin(start); t != db.allterms_end(start) && scanned < kMaxKeysScanned; ++t, ++scanned) {
        candidates.push_back({prefix == schema::kCompleteStart, (*t).substr(prefix.size()), *t});
      }
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      if (a.at_start != b.at_start) return a.at_start;
      if (a.key.size() != b.key.size()) return a.key.size() < b.key.size();
      return a.key < b.key;
    });
    // One suggestion per resource and per job title whatever its gender
    // (Aide-soignant, Aide-soignante), then the kinds mixed (below): a
    // prefix must not fill the list with one job's appellations.
    constexpr size_t kPostingsPerKey = 8;
    constexpr size_t kMaxDocumentsRead = 200;
    const size_t pool_size = limit * 3;
    std::vector<Suggestion> pool;
    std::vector<std::vector<std::vector<Token>>> pool_sides;
    std::set<std::string> used_ids;
    size_t read = 0;
    for (const Candidate& c : candidates) {
      if (pool.size() >= pool_size || read >= kMaxDocumentsRead) break;
      // Of the first resources this key came from, the one it names best:
      // one whose own title it is ("infirm" leads to the nurse's sheet
      // "Infirmier / infirmière", not to "Infirmier / infirmière
      // humanitaire", which lists "Infirmier" among its job titles), a job
      // sheet before a training or certification of the same name, then
      // the shortest title. Never the publisher.
      std::optional<Suggestion> chosen;
      std::tuple<bool, bool, size_t> chosen_rank;
      bool chosen_by_own_title = false;  // not by one of its job titles
      size_t tried = 0;
      for (auto posting = db.postlist_begin(c.term); posting != db.postlist_end(c.term) && tried < kPostingsPerKey;
           ++posting, ++tried) {
        ++read;
        Resource r = schema::resource_of(db.get_document(*posting), schema::Body::kWithout);
        if (used_ids.contains(r.id)) continue;
        // The shortest title or appellation this key came from, as written.
        const std::string* best = nullptr;
        const std::vector<std::string> titles = schema::completion_titles(r);
        for (const std::string& title : titles) {
          auto keys_of_title = schema::completion_keys(Analyzer::fold(title));
          bool from_here = std::find(keys_of_title.begin(), keys_of_title.end(), c.key) != keys_of_title.end() &&
                           (keys_of_title.front() == c.key) == c.at_start;
          if (from_here && (!best || title.size() < best->size())) best = &title;
        }
        if (!best) continue;
        bool own_title = is_title_or_side(*best, r.title);
        std::tuple<bool, bool, size_t> rank{!own_title, r.kind != "metier", r.title.size()};
        if (!chosen || rank < chosen_rank) {
          chosen = Suggestion{*best, r.id, r.kind};
          chosen_rank = rank;
          chosen_by_own_title = own_title;
        }
      }
      if (!chosen) continue;
      std::vector<std::vector<Token>> sides = title_sides(chosen->text);
      bool repeated = std::any_of(pool_sides.begin(), pool_sides.end(), [&](const auto& other) {
        return std::any_of(sides.begin(), sides.end(), [&](const std::vector<Token>& side) {
          return std::any_of(other.begin(), other.end(), [&](const std::vector<Token>& o) { return same_words(side, o); });
        });
      });
      // Its own title already offered (the other gender, another
      // publisher's sheet): this resource is offered with it. Only one of
      // its job titles: it may still come with its own title.
      if (!repeated || chosen_by_own_title) used_ids.insert(chosen->id);
      if (repeated) continue;
      pool.push_back(std::move(*chosen));
      pool_sides.push_back(std::move(sides));
    }
    return mixed_kinds(std::move(pool), limit);
  }

  // True when `text` is `title` or one of its sides ("Coiffeuse" of
  // "Coiffeur / Coiffeuse").
  static bool is_title_or_side(std::string_view text, std::string_view title) {
    if (text == title) return true;
    size_t start = 0;
    while (true) {
      size_t slash = title.find(" / ", start);
      if (title.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start) == text) return true;
      if (slash == std::string_view::npos) return false;
      start = slash + 3;
    }
  }

  // The words that count of each side of a title ("Coiffeur / Coiffeuse":
  // two sides), with their terms.
  std::vector<std::vector<Token>> title_sides(std::string_view text) const {
    std::vector<std::vector<Token>> sides;
    while (true) {
      size_t slash = text.find(" / ");
      std::vector<Token> tokens = analyzer.analyze(text.substr(0, slash));
      std::erase_if(tokens, [](const Token& t) { return t.stopword; });
      sides.push_back(std::move(tokens));
      if (slash == std::string_view::npos) break;
      text.remove_prefix(slash + 3);
    }
    return sides;
  }

  // Two titles with the same words, each pair sharing a term: the masculine
  // and feminine of one job ("Coiffeur", "Coiffeuse"), accents or case apart.
  static bool same_words(const std::vector<Token>& a, const std::vector<Token>& b) {
    if (a.size() != b.size() || a.empty()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      bool shared = std::any_of(a[i].terms.begin(), a[i].terms.end(), [&](const std::string& t) {
        return std::find(b[i].terms.begin(), b[i].terms.end(), t) != b[i].terms.end();
      });
      if (!shared) return false;
    }
    return true;
  }

  // The first `limit` suggestions in rank order, after making room for the
  // best one of each kind present (a training or an aid beside job sheets).
  static std::vector<Suggestion> mixed_kinds(std::vector<Suggestion> ranked, size_t limit) {
    if (ranked.size() <= limit) return ranked;
    std::vector<bool> chosen(ranked.size(), false);
    std::set<std::string> kinds_seen;
    size_t count = 0;
    for (size_t i = 0; i < ranked.size() && count < limit; ++i) {
      if (kinds_seen.insert(ranked[i].kind).second) chosen[i] = true, ++count;
    }
    for (size_t i = 0; i < ranked.size() && count < limit; ++i) {
      if (!chosen[i]) chosen[i] = true, ++count;
    }
    std::vector<Suggestion> out;
    for (size_t i = 0; i < ranked.size(); ++i) {
      if (chosen[i]) out.push_back(std::move(ranked[i]));
    }
    return out;
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
  if (Status s = search::check_territories_exist(request); !s.ok()) return s;
  return impl_->with_database([&](Xapian::Database& db) {
    auto response = impl_->run_widening(request, db);
    if (response.ok()) links::add_pathway_summary(db, impl_->analyzer, request, *response);
    return response;
  });
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

Result<std::vector<Suggestion>> Searcher::suggest(std::string_view prefix, size_t limit) const {
  constexpr size_t kMaxSuggestions = 50;
  limit = std::min(limit, kMaxSuggestions);
  std::string typed(prefix.substr(0, std::min<size_t>(prefix.size(), 200)));
  return impl_->with_database([&](Xapian::Database& db) { return impl_->complete(typed, limit, db); });
}

Result<Pathway> Searcher::pathway(std::string_view id, const PathwayRequest& request) const {
  if (Status s = links::check_pathway_request(request); !s.ok()) return s;
  return impl_->with_database([&](Xapian::Database& db) {
    return links::build_pathway(db, impl_->analyzer, id, request, impl_->options.max_limit);
  });
}

Result<size_t> Searcher::size() const {
  return impl_->with_database([&](Xapian::Database& db) -> Result<size_t> { return static_cast<size_t>(db.get_doccount()); });
}

Result<IndexInfo> Searcher::info() const {
  return impl_->with_database([&](Xapian::Database& db) -> Result<IndexInfo> {
    IndexInfo info;
    info.resources = db.get_doccount();
    info.revision = db.get_revision();
    std::optional<layout::LiveDatabase> live = layout::live_database(impl_->dir);
    if (!live) return Status::not_found("no index in " + impl_->dir.string());
    info.generation = live->path.filename().string();
    info.replica = live->replica;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(live->path, ec)) {
      if (entry.is_regular_file(ec)) info.size_bytes += entry.file_size(ec);
    }
    // Glass rewrites its version file at every commit.
    auto written = fs::last_write_time(live->path / "iamglass", ec);
    if (!ec) {
      info.committed_at = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::file_clock::to_sys(written).time_since_epoch())
                              .count();
    }
    return info;
  });
}

}  // namespace spro
