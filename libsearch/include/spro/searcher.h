// Searching an index: ranked hits, filters, facets and snippets.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "spro/resource.h"
#include "spro/status.h"

namespace spro {

// What a user asked. Filters on the same field are OR-ed (publics {jeune,
// etudiant}: either), filters on different fields are AND-ed.
struct SearchRequest {
  std::string text;  // empty: browse everything that matches the filters
  std::vector<std::string> territories;  // typed codes: "dep:13", "com:13055", "fr"
  std::vector<std::string> publics;
  std::vector<int> levels;
  std::vector<std::string> kinds;
  std::vector<std::string> sources;
  // Territory filters also match resources covering a wider area that
  // contains the territory (a regional aid, a national online service).
  // false keeps only resources located in the territory.
  bool include_wider_territories = true;
  size_t offset = 0;
  size_t limit = 10;     // capped at SearcherOptions::max_limit
  bool facets = false;   // compute facet counts
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
  Resource resource;  // every stored field
};

struct FacetValue {
  std::string value;
  size_t count = 0;
};

struct SearchResponse {
  std::string query;
  size_t total = 0;  // exact number of matching resources
  std::vector<Hit> hits;
  // Facet name ("kind", "public", "level", "territory", "source") -> values
  // by decreasing count. Counts are exact, over the whole result set; a
  // resource with several values counts once for each.
  std::map<std::string, std::vector<FacetValue>> facets;
};

struct SearcherOptions {
  size_t max_limit = 100;        // largest page size a request may ask for
  size_t max_offset = 10000;     // deepest page a request may reach
  size_t snippet_bytes = 240;    // approximate length of a snippet
  // Query-time equivalences (BTS = brevet de technicien supérieur): the
  // built-in career-guidance thesaurus, plus administrators' files in the
  // same format (data/thesaurus/orientation.txt). Read by open().
  bool builtin_thesaurus = true;
  std::vector<std::string> thesaurus_files;
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

  // Number of resources in the index.
  Result<size_t> size() const;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The response as one JSON object (the format of `spro-search --json`):
// {"query", "total", "hits": [{"id", "score", "title", "kind", "source",
// "snippet", "url", "summary", "territories", "publics", "levels"}],
// "facets": {"kind": {"formation": 12, ...}, ...}}.
std::string to_json(const SearchResponse& response);

}  // namespace spro
