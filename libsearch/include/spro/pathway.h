// Pathways: from a job to the trainings, certifications, aids and advice
// places that lead there; from a training to the jobs it leads to and its
// certification. See docs/pathways.md for the links, their sources and the
// advice rules.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "spro/resource.h"
#include "spro/searcher.h"

namespace spro {

// Who asks, and where. Searcher::pathway() validates it like a
// SearchRequest (InvalidArgument names the bad value).
struct PathwayRequest {
  // Where the person is: typed territory codes ("com:83137", "dep:13").
  std::vector<std::string> territories;
  // Or a point; with territories too, distances are measured from it. A
  // commune territory without `near` is measured from the commune's centre.
  std::optional<GeoPoint> near;
  // What counts as near: trainings and places within this distance of the
  // point come first; with none, the search widens (docs/pathways.md).
  double radius_km = 30;
  // Who the person is (ids from publics()): chooses the aids and the advice
  // rules. Trainings are not filtered by public.
  std::vector<std::string> publics;
  // Levels of the trainings and certifications wanted (1..8); empty: all.
  std::vector<int> levels;
  // Sections to compute, by name ("jobs", "trainings"...); empty: all of
  // those that apply to the resource's kind. With `offset`, pages through one.
  std::vector<std::string> sections;
  size_t offset = 0;  // first hit of every section computed
  size_t limit = 5;   // hits per section, capped at SearcherOptions::max_limit
};

// One linked resource.
struct PathwayHit {
  // The resource as a search hit: id, title, kind, source, resource (no
  // body), relevance score to the origin, distance_km when measured. No
  // snippet.
  Hit hit;
  // Where the link comes from: the code schemes shared with the origin
  // ("rome", "rome_related", "rome_parent", "onisep_domain", "formacode",
  // "rncp", "certifinfo", "interest"), "same_title" (a certification whose
  // title equals a linked training's), "territory" (aids chosen by
  // territory and public only) or "advice_rule".
  std::vector<std::string> via;
  // For trainings and places, where it is from the person: "local" (in the
  // territory or within radius_km), "widened" (nothing local: within a wider
  // radius or area), "nearest" (the nearest anywhere), "distance" (a
  // training followed at a distance, Resource::modalities, wherever it is
  // from), "serves" (covers the person's area: regional, national,
  // online). Empty without a place.
  std::string reach;
};

// One section of a pathway, ranked, counted and paged.
struct PathwaySection {
  // "job", "training", "certification" (the origin itself and the same
  // resource from other publishers), "related_jobs", "jobs", "trainings",
  // "certifications", "aids", "advice".
  std::string name;
  size_t total = 0;  // linked resources in the section (exact)
  std::vector<PathwayHit> hits;  // from PathwayRequest::offset, at most limit
  // Nothing was found near the person: the hits come from further away
  // ("100 km", "nearest", a wider territory code such as "reg:93").
  bool widened = false;
  std::string widened_to;
  // Advice sections: the rule that chose them (data/pathways/advice-rules.tsv)
  // and what to call the places ("Mission locale").
  std::string rule;
  std::string label;
};

struct Pathway {
  Resource origin;  // without its body
  std::vector<PathwaySection> sections;
  std::vector<std::string> notices;  // e.g. a public without an advice rule
};

// {"origin": {...resource...}, "sections": [{"name", "total", "hits": [{"id",
// "title", "kind", "source", "score", "distance_km", "via", "reach",
// "url", "summary", "territories", "codes", ...}], "widened",
// "widened_to", "rule", "label"}], "notices": [...]}.
std::string to_json(const Pathway& pathway);

// {"id", "title", "counts": {"trainings": 12, ...}, "trainings_widened"}.
std::string to_json(const PathwaySummary& summary);

// What a search's pathway summary counts (SearchRequest::pathway_summary),
// for a page that asks for it by itself: the search's territories (or the
// place read in its text), near point, publics and levels; every section
// but the job itself; counts only (limit 0).
PathwayRequest pathway_summary_request(const SearchRequest& request, const SearchResponse& response);

}  // namespace spro
