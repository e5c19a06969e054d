// Searching an index: ranked hits, filters, facets and snippets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spro/resource.h"
#include "spro/status.h"

namespace spro {

// How hits are ordered.
enum class SortOrder {
  kRelevance,  // best first; equal scores by id
  kUpdated,    // most recently updated first
  kStart,      // soonest start date first (sessions, events)
  kTitle,      // alphabetical, accents ignored
  kDistance,   // nearest to SearchRequest::near first; unlocated last
};

// What a user asked. Filters on the same field are OR-ed (publics {jeune,
// etudiant}: either), filters on different fields are AND-ed.
struct SearchRequest {
  // The query, in the search-box language: words (all required; a page
  // that fewer resources fill goes on with some, see relax_when_empty),
  // "a phrase", -excluded, a OR b, titre:word, metier:word, prefix*. Codes
  // (J1506, RNCP12345, a formacode) put the resources holding them first.
  // Empty: browse everything that matches the filters.
  std::string text;
  std::vector<std::string> territories;  // typed codes: "dep:13", "com:13055", "fr"
  std::vector<std::string> publics;
  std::vector<int> levels;  // 1..8; parse_level() reads "bac+2", "BTS", "V"...
  std::vector<std::string> kinds;
  std::vector<std::string> sources;
  // ROME interest centres (ids of interests(): "17"): the job sheets
  // carrying one of them.
  std::vector<std::string> interests;
  // Territory filters also match resources covering a wider area that
  // contains the territory (a regional aid, a national online service).
  // false keeps only resources located in the territory.
  // With one commune or arrondissement (and no `near`, relevance order),
  // located resources are looked for around it too: those located in it
  // that match come first, nearest first; when it holds none, the nearest
  // within 50 km do (with their distance_km), before wider resources. A
  // query that is only a place lists the nearest located resources first.
  bool include_wider_territories = true;
  // A place named in the text ("formation cuisine toulon", "cio 13001")
  // becomes a territory filter when it is unambiguous, or a suggestion
  // otherwise; the response says which (interpreted). Only when the request
  // has no territory filter. false reads every word as a word.
  bool detect_places = true;
  // A query saying a wish or a liking ("travailler avec les animaux",
  // "j'aime la cuisine") whose other words are those of ROME interest
  // centres becomes a filter on those centres, its words only ranking the
  // jobs; the response says which (interpreted["interests"]). Only when
  // the request has no interest filter and the centres have jobs that
  // match the other filters. false reads every word as a word.
  bool detect_interests = true;
  // Proximity: with `near`, hits carry their distance; with radius_km > 0,
  // only resources within that distance of `near` match. Resources without
  // coordinates are placed at the centre of their commune.
  std::optional<GeoPoint> near;
  double radius_km = 0;
  size_t offset = 0;
  size_t limit = 10;     // capped at SearcherOptions::max_limit
  bool facets = false;   // compute facet counts
  SortOrder sort = SortOrder::kRelevance;
  // A query with no result whose unknown words are close (1-2 edits) to
  // indexed words is run again with the corrected words; the response says
  // so (corrected_query, interpreted["corrected"]).
  bool typo_tolerance = true;
  // A query of several words with no resource holding them all returns the
  // resources holding most of them, ranked by relevance, and says so
  // (interpreted["relaxed"]); with fewer than `limit` holding them all (in
  // relevance order), the page goes on with those holding most of them
  // (interpreted["all_words"]: how many hold them all). false: only
  // resources with every word.
  bool relax_when_empty = true;
  // A query with no result in its territory (or only relaxed ones), and
  // resources with every word elsewhere, is run again on the territories
  // containing it, one step at a time (commune,
  // EPCI, département, région, France) until one has results; the response
  // says which (interpreted["widened_to"]). false: no result is no result.
  bool widen_when_empty = true;
  bool explain = false;  // fill Hit::matched
  // When the best hit is a job sheet, count its pathway for the request's
  // territory and publics (SearchResponse::pathway): "12 formations près de
  // Toulon, 3 aides, 4 lieux pour en parler". Costs a few posting lists.
  bool pathway_summary = false;
  // When > 0, no more than this many consecutive hits from one source
  // (for portals that want diversity); 0 keeps the pure relevance order.
  size_t max_consecutive_per_source = 0;
  // Resources of the same kind with the same title (accents and case
  // ignored) and the same territories (one certification published under
  // three codes) are shown as one hit carrying Hit::group_count and
  // Hit::group_ids; the page still holds `limit` hits. Grouping looks at the
  // first offset + 3 x limit matches (up to offset 1000). false: one hit
  // per resource. Totals and facets count resources either way.
  bool group_identical = true;
};

struct Hit {
  std::string id;
  double score = 0;
  std::string title;
  std::string kind;
  std::string source;
  // A short extract of the text with matched words wrapped in <mark></mark>;
  // the rest is HTML-escaped, so it can be inserted in a page as is.
  std::string snippet;
  Resource resource;  // every stored field but the body (Searcher::get() has it)
  // With SearchRequest::explain: the query words this resource matched, and
  // "exact title" or "code" when those ranked it first.
  std::vector<std::string> matched;
  // With SearchRequest::near: kilometres from it, when the resource has a
  // location.
  std::optional<double> distance_km;
  // With SearchRequest::group_identical: how many identical resources this
  // hit stands for (1: itself only), and their ids, this one first (empty
  // when 1).
  size_t group_count = 1;
  std::vector<std::string> group_ids;
};

// One autocompletion proposal.
struct Suggestion {
  std::string text;  // the title or job-title appellation to show
  std::string id;    // the resource it comes from
  std::string kind;
};

struct FacetValue {
  std::string value;
  size_t count = 0;
  std::string label;  // French, for interest values ("J'aime m'occuper des animaux")
};

// The counts of a job's pathway (spro/pathway.h), for a search whose best
// hit is that job.
struct PathwaySummary {
  std::string id;  // the job
  std::string title;
  // Section name -> total, in pathway order ("related_jobs", "trainings",
  // "certifications", "aids"); advice sections are summed under "advice".
  std::vector<std::pair<std::string, size_t>> counts;
  bool trainings_widened = false;  // none near the person: counted further away
};

struct SearchResponse {
  std::string query;
  // Number of matching resources: exact when total_exact, which it always
  // is with facets and otherwise up to SearcherOptions::exact_total_up_to;
  // beyond that, Xapian's estimate.
  size_t total = 0;
  bool total_exact = true;
  std::vector<Hit> hits;
  // Facet name ("kind", "public", "level", "territory", "source",
  // "interest") -> values
  // by decreasing count. Counts are exact, over the whole result set; a
  // resource with several values counts once for each. Facets are
  // disjunctive: the counts of a facet ignore the request's own filter on
  // that facet (select level 4 and still see how many exist at levels 3 and
  // 5); every other filter applies.
  std::map<std::string, std::vector<FacetValue>> facets;
  // (With a département selected, a "commune" facet counts its communes.)
  // A spelling correction of the query when some words are unknown
  // ("infirmeire" -> "infirmière"); empty when none.
  std::string corrected_query;
  // How the query was read, for the interface to show and undo:
  // "corrected" = "true" when the hits are those of corrected_query;
  // "relaxed" = "true" when no resource had every word and the hits have
  // only some of them; "all_words" = N when only N resources (fewer than a
  // page) have every word: they come first, then resources with some;
  // "territory", "territory_name", "territory_text" when a place in the
  // text became a filter (undo: detect_places = false); "suggested_territory",
  // "suggested_territory_name" when a place was only recognised;
  // "widened_to", "widened_to_name" when the territory had no result and
  // the hits are those of the wider territory named ("fr": the whole
  // country); "interests" (ids joined by ",") and "interests_names" (labels
  // joined by "; ") when the query was read as interest centres (undo:
  // detect_interests = false).
  std::map<std::string, std::string> interpreted;
  // Things the user may want to know: syntax read as plain words, a query
  // cut because too long, words or wildcards left out, a search stopped at
  // SearcherOptions::match_time_limit_ms.
  std::vector<std::string> notices;
  // With SearchRequest::pathway_summary, when the best hit is a job.
  std::optional<PathwaySummary> pathway;
};

struct PathwayRequest;  // spro/pathway.h
struct Pathway;

struct SearcherOptions {
  size_t max_limit = 100;        // largest page size a request may ask for
  size_t max_offset = 10000;     // deepest page a request may reach
  size_t snippet_bytes = 240;    // approximate length of a snippet
  // Without facets, matches are counted exactly up to this many; above it
  // the total is estimated (SearchResponse::total_exact is false), so that
  // a query on common words need not count them all. Facets always count
  // every match.
  size_t exact_total_up_to = 1000;
  // Query-time equivalences (BTS = brevet de technicien supérieur): the
  // built-in career-guidance thesaurus, plus administrators' files in the
  // same format (data/thesaurus/orientation.txt). Read by open().
  bool builtin_thesaurus = true;
  std::vector<std::string> thesaurus_files;
  // The match of one query stops after this many milliseconds and returns
  // the best hits found so far, with a notice (SearchResponse::notices) and
  // total_exact false; 0 for no limit. Wildcards and words are bounded
  // too, so a query of 1,000 bytes costs about as much as a plain one.
  double match_time_limit_ms = 500;
  // Ranking rules that bench/relevance turns off (--without) to measure
  // what each brings; a portal leaves them on. Adjacent query words found
  // side by side in a resource add weight (docs/search.md, Ranking); when
  // fewer than `complete_below` resources hold every word, the results go
  // on with those holding most of them (SearchRequest::relax_when_empty).
  // The bound does not depend on the page asked for, so pages of any size
  // list the same results.
  bool proximity_ranking = true;
  bool complete_short_pages = true;
  size_t complete_below = 10;
};

// What the live index is, for monitoring (spro-serve's /metrics).
struct IndexInfo {
  size_t resources = 0;
  uint64_t revision = 0;    // Xapian's revision of the live database: grows at each commit
  std::string generation;   // its folder: "gen-000042", or "replica_1" on a replica
  bool replica = false;     // kept by xapian-replicate (docs/deployment.md)
  uint64_t size_bytes = 0;  // on disk
  int64_t committed_at = 0; // Unix time it last changed on this host (a commit, or a
                            // changeset or copy received by a replica); 0 when unknown
};

// A Searcher is safe for concurrent use by multiple threads without
// external synchronisation. It sees a rebuilt or updated index from the
// next query on, without being reopened.
class Searcher {
 public:
  // Opens the index in `dir`. NotFound when there is no index there;
  // Incompatible when it was built by another version (rebuild it).
  static Result<std::unique_ptr<Searcher>> open(const std::string& dir,
                                                SearcherOptions options = {});
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Runs a request. InvalidArgument for an unknown filter value (a level
  // outside 1..8, a malformed territory code); never throws.
  Result<SearchResponse> search(const SearchRequest& request) const;

  // The resource with that id, or NotFound.
  Result<Resource> get(std::string_view id) const;

  // Autocompletion: titles and job-title appellations that start with, or
  // have a word starting with, what was typed ("infirm", "aide soi"),
  // accents and case ignored. Those starting with it come first, then
  // shorter ones. At most `limit` (capped at 50).
  Result<std::vector<Suggestion>> suggest(std::string_view prefix, size_t limit = 10) const;

  // Number of resources in the index.
  Result<size_t> size() const;

  // The pathway of a resource (include spro/pathway.h): from a job, the
  // same job elsewhere, related jobs, trainings (near the person first),
  // certifications, aids and where to get advice; from a training, the jobs
  // it leads to and its certification. NotFound for an unknown id,
  // InvalidArgument for a bad request value.
  Result<Pathway> pathway(std::string_view id, const PathwayRequest& request) const;

  // The live index's revision, folder, size and age. NotFound when there
  // is no index.
  Result<IndexInfo> info() const;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The response as one JSON object (the format of `spro-search --json`):
// {"query", "total", "total_exact", "hits": [{"id", "score", "title", "kind", "source",
// "snippet", "url", "summary", "territories", "publics", "levels", ...,
// "distance_km" (with near), "group_count" and "group_ids" (grouped hits)}],
// "facets": {"kind": {"formation": 12, ...}, ...}, "facet_labels":
// {"interest": {"17": "J'aime m'occuper des animaux"}} (values with a label),
// "corrected_query",
// "interpreted": {...}, "notices": [...], and with a pathway summary
// "pathway": {"id", "title", "counts": {...}, "trainings_widened"}}.
std::string to_json(const SearchResponse& response);

// Suggestions as a JSON array of {"text", "id", "kind"}.
std::string to_json(const std::vector<Suggestion>& suggestions);

// Parses a sort order name: "relevance", "updated", "start", "title",
// "distance".
std::optional<SortOrder> parse_sort_order(std::string_view name);

// Parses a qualification level as people and partners write it, to the
// 2019 nomenclature (1..8): "5", "niveau 5", "bac+2", "Bac + 5", the old
// levels "V" ... "I" (V = 3, I = 7), diplomas "CAP" (3), "bac" (4), "BTS"
// (5), "licence" (6), "master" (7), "doctorat" (8) and the other labels of
// data/vocabularies/levels.tsv; case, accents and spaces ignored.
// InvalidArgument naming the value for anything else. The one parser of
// spro-search, spro-serve and the search page.
Result<int> parse_level(std::string_view text);

}  // namespace spro
