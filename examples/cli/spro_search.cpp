// spro-search: searches a spro-search index from the command line.
//
//   spro-search --db DIR [--territory CODE]... [--public ID]... [--level N]...
//               [--kind K]... [--source S]... [--interest ID]... [--limit N]
//               [--offset N] [--near PLACE [--radius KM]] [--local]
//               [--no-places] [--no-interests]
//               [--facets] [--json] [--sort ORDER] [--explain] [QUERY...]
//   spro-search --db DIR --suggest PREFIX [--json]
//   spro-search --db DIR --pathway ID [--territory CODE]... [--near PLACE]
//               [--radius KM] [--public ID]... [--level N]... [--section NAME]...
//               [--limit N] [--offset N] [--json]
//
// Exit codes: 0 success (even with no result), 1 index error, 2 usage error.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

#include "spro/pathway.h"
#include "batch_request.h"
#include "spro/searcher.h"
#include "spro/territory.h"

namespace {

// Snippets mark matches with <mark>; a terminal shows them in bold, a pipe
// gets plain text. Entities are decoded back.
std::string snippet_for_terminal(std::string s, bool tty) {
  auto replace_all = [&](std::string_view from, std::string_view to) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  };
  replace_all("<mark>", tty ? "\033[1m" : "");
  replace_all("</mark>", tty ? "\033[0m" : "");
  replace_all("&lt;", "<");
  replace_all("&gt;", ">");
  replace_all("&quot;", "\"");
  replace_all("&#39;", "'");
  replace_all("&amp;", "&");
  return s;
}

void print_text(const spro::SearchResponse& r, size_t offset) {
  const bool tty = ::isatty(STDOUT_FILENO);
  std::cout << (r.total_exact ? "" : "about ") << r.total << (r.total == 1 ? " result" : " results");
  if (!r.query.empty()) std::cout << " for \"" << r.query << "\"";
  std::cout << "\n";
  if (!r.corrected_query.empty()) {
    std::cout << (r.interpreted.count("corrected") ? "Showing results for: " : "Did you mean: ") << r.corrected_query << "\n";
  }
  for (const auto& n : r.notices) std::cout << "Note: " << n << "\n";
  if (r.interpreted.count("relaxed")) std::cout << "No result has every word; these have most of them.\n";
  if (auto w = r.interpreted.find("widened_to"); w != r.interpreted.end()) {
    auto name = r.interpreted.find("widened_to_name");
    std::cout << "Nothing in the territory asked; results from " << (name != r.interpreted.end() ? name->second : w->second)
              << " (" << w->second << ")\n";
  }
  if (auto t = r.interpreted.find("territory_name"); t != r.interpreted.end()) {
    std::cout << "Place: " << t->second << " (" << r.interpreted.at("territory") << "); --no-places to search the words instead\n";
  } else if (auto s = r.interpreted.find("suggested_territory_name"); s != r.interpreted.end()) {
    std::cout << "Did you mean the place " << s->second << "? --territory " << r.interpreted.at("suggested_territory") << "\n";
  }
  if (auto i = r.interpreted.find("interests_names"); i != r.interpreted.end()) {
    std::string ids = r.interpreted.at("interests");
    for (size_t p = ids.find(','); p != std::string::npos; p = ids.find(',', p)) ids.replace(p, 1, " --interest ");
    std::cout << "Jobs for: " << i->second << " (--interest " << ids << "); --no-interests to search the words instead\n";
  }
  size_t rank = offset;
  for (const auto& h : r.hits) {
    std::cout << "\n" << ++rank << ". " << h.title << "  [" << h.kind;
    if (!h.source.empty()) std::cout << ", " << h.source;
    std::cout << "]  " << h.id << "\n";
    if (!h.snippet.empty()) std::cout << "   " << snippet_for_terminal(h.snippet, tty) << "\n";
    if (h.distance_km) std::cout << "   " << std::fixed << std::setprecision(1) << *h.distance_km << " km\n" << std::defaultfloat;
    if (h.group_count > 1) std::cout << "   and " << h.group_count - 1 << " identical (--no-grouping to list them)\n";
    if (!h.resource.url.empty()) std::cout << "   " << h.resource.url << "\n";
    if (!h.matched.empty()) {
      std::cout << "   matched:";
      for (const auto& m : h.matched) std::cout << " " << m << ";";
      std::cout << "\n";
    }
  }
  if (r.pathway) {
    std::cout << "\nPathway of " << r.pathway->title << " (--pathway " << r.pathway->id << "):";
    for (const auto& [name, count] : r.pathway->counts) std::cout << "  " << name << " " << count;
    std::cout << (r.pathway->trainings_widened ? "  (no training nearby: counted further away)" : "") << "\n";
  }
  for (const auto& [name, values] : r.facets) {
    std::cout << "\n" << name << ":";
    for (const auto& v : values) {
      std::cout << "  " << v.value << (v.label.empty() ? "" : " " + v.label) << " (" << v.count << ")";
    }
    std::cout << "\n";
  }
}

void print_pathway(const spro::Pathway& p) {
  std::cout << "Pathway of " << p.origin.title << "  [" << p.origin.kind << "]  " << p.origin.id << "\n";
  for (const auto& n : p.notices) std::cout << "Note: " << n << "\n";
  for (const auto& s : p.sections) {
    std::cout << "\n" << s.name;
    if (!s.label.empty()) std::cout << ": " << s.label;
    std::cout << " (" << s.total << ")";
    if (s.widened) std::cout << "  nothing near: widened" << (s.widened_to.empty() ? "" : " to " + s.widened_to);
    std::cout << "\n";
    for (const auto& h : s.hits) {
      std::cout << "  - " << h.hit.title << "  [" << h.hit.kind;
      if (!h.hit.source.empty()) std::cout << ", " << h.hit.source;
      std::cout << "]  " << h.hit.id;
      if (h.hit.distance_km) std::cout << "  " << std::fixed << std::setprecision(1) << *h.hit.distance_km << " km" << std::defaultfloat;
      if (!h.reach.empty()) std::cout << "  " << h.reach;
      if (!h.via.empty()) {
        std::cout << "  via";
        for (const auto& v : h.via) std::cout << " " << v;
      }
      std::cout << "\n";
    }
  }
}

// --batch: one request per input line, one JSON response per output line,
// so evaluations do not pay a process start per query. A line that cannot
// be read gets {"error": ...} on its own output line and the batch goes on:
// one malformed request must not kill a portal's worker.
int run_batch(const spro::Searcher& searcher, const spro::SearchRequest& defaults) {
  using Json = nlohmann::json;
  std::string line;
  while (std::getline(std::cin, line)) {
    auto req = spro::cli::batch_request_from(line, defaults);
    if (!req.ok()) {
      std::cout << Json{{"error", req.status().message()}}.dump(-1, ' ', false, Json::error_handler_t::replace) << std::endl;
      continue;
    }
    auto response = searcher.search(*req);
    if (response.ok()) {
      std::cout << spro::to_json(*response) << std::endl;
    } else {
      std::cout << Json{{"error", response.status().message()}}.dump(-1, ' ', false, Json::error_handler_t::replace) << std::endl;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"spro-search: searches a spro-search index"};
  std::string db;
  std::vector<std::string> words;
  spro::SearchRequest req;
  bool json = false;
  bool strict_local = false;
  app.add_option("--db", db, "index directory")->required();
  std::vector<std::string> territories;
  app.add_option("--territory", territories, "territory: code (dep:13, com:13055), name (Toulon, Bouches-du-Rhône) or postal code, repeatable")
      ->allow_extra_args(false);
  app.add_flag("--local", strict_local, "only resources located in the territory, not wider ones covering it");
  app.add_option("--public", req.publics, "public id (jeune, demandeur_emploi...), repeatable")
      ->allow_extra_args(false);
  std::vector<std::string> levels;
  app.add_option("--level", levels, "level: 1..8, \"niveau 5\", bac+2, V, CAP, BTS, licence, master..., repeatable")
      ->allow_extra_args(false);
  app.add_option("--kind", req.kinds, "kind (metier, formation...), repeatable")
      ->allow_extra_args(false);
  app.add_option("--source", req.sources, "partner source, repeatable")
      ->allow_extra_args(false);
  app.add_option("--interest", req.interests,
                 "ROME interest centre of jobs (17: J'aime m'occuper des animaux; --facets lists them), repeatable")
      ->allow_extra_args(false);
  // Negative is refused (size_t); above 1,000 capped, as spro-serve caps.
  app.add_option("--limit", req.limit, "results per page (at most 1000)")->check(CLI::NonNegativeNumber);
  app.add_option("--offset", req.offset, "first result (0-based)")->check(CLI::NonNegativeNumber);
  app.add_flag("--facets", req.facets, "print facet counts");
  app.add_flag("--json", json, "print one JSON object");
  std::string sort = "relevance";
  app.add_option("--sort", sort, "relevance, updated, start or title")
      ->check(CLI::IsMember({"relevance", "updated", "date", "start", "title", "distance"}));
  app.add_flag("--explain", req.explain, "show which query words each result matched");
  bool no_typo = false;
  app.add_flag("--no-typo-tolerance", no_typo, "do not retry a query without result with corrected words");
  app.add_option("--diversity", req.max_consecutive_per_source, "at most N consecutive results from one source");
  std::string near;
  app.add_option("--near", near, "place (name, postal code, code) or \"lat,lon\": distances, and with --radius a filter");
  app.add_option("--radius", req.radius_km, "with --near: only resources within KM kilometres")->check(CLI::Range(0.0, 20000.0));
  bool no_grouping = false;
  app.add_flag("--no-grouping", no_grouping, "one result per resource, even for identical ones (same kind, title, territories)");
  bool no_places = false;
  app.add_flag("--no-places", no_places, "do not read place names in the query as territory filters");
  bool no_interests = false;
  app.add_flag("--no-interests", no_interests,
               "do not read a liking in the query (\"j'aime la cuisine\") as ROME interest centres");
  std::string suggest;
  app.add_option("--suggest", suggest, "print autocompletions of PREFIX instead of searching");
  app.add_flag("--pathway-summary", req.pathway_summary, "when the best hit is a job, count its pathway (trainings, aids, advice places)");
  std::string pathway_id;
  app.add_option("--pathway", pathway_id, "print the pathway of resource ID (jobs, trainings, certifications, aids, advice)");
  std::vector<std::string> sections;
  app.add_option("--section", sections, "with --pathway: only this section (job, related_jobs, trainings...), repeatable")
      ->allow_extra_args(false);
  bool batch = false;
  app.add_flag("--batch", batch,
               "read one query per line on stdin (text, or a JSON object {\"q\", \"territory\", \"public\", \"level\", "
               "\"kind\", \"source\", \"limit\", \"offset\", \"facets\", \"sort\"}) and write one JSON response per line");
  app.add_option("query", words, "query words (none: browse)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  req.limit = std::min<size_t>(req.limit, 1000);
  req.include_wider_territories = !strict_local;
  req.sort = *spro::parse_sort_order(sort);
  req.typo_tolerance = !no_typo;
  req.detect_places = !no_places;
  req.detect_interests = !no_interests;
  req.group_identical = !no_grouping;
  for (const auto& l : levels) {
    auto level = spro::parse_level(l);
    if (!level.ok()) {
      // parse_level() names the parameter already ("level: 'x' is not...").
      std::string message = level.status().message();
      if (message.starts_with("level: ")) message.erase(0, 7);
      std::cerr << "spro-search: --level: " << message << "\n";
      return 2;
    }
    req.levels.push_back(*level);
  }
  // Names and postal codes are resolved here, so scripts can pass what a
  // person typed; ambiguous names are refused with the candidates.
  for (const auto& t : territories) {
    auto place = spro::resolve_territory(t);
    if (!place.ok()) {
      std::cerr << "spro-search: --territory: " << place.status().message() << "\n";
      return 2;
    }
    req.territories.push_back(place->code);
  }
  if (!near.empty()) {
    double lat = 0, lon = 0;
    char comma = 0;
    std::istringstream in(near);
    if (in >> lat >> comma >> lon && comma == ',' && in.eof()) {
      req.near = spro::GeoPoint{lat, lon};
    } else {
      auto place = spro::resolve_territory(near);
      if (!place.ok() || !place->center) {
        std::cerr << "spro-search: --near: " << (place.ok() ? place->name + " has no coordinates" : place.status().message()) << "\n";
        return 2;
      }
      req.near = place->center;
    }
  }
  for (const auto& w : words) req.text += (req.text.empty() ? "" : " ") + w;

  auto searcher = spro::Searcher::open(db);
  if (!searcher.ok()) {
    std::cerr << "spro-search: " << searcher.status().message() << "\n";
    return 1;
  }
  if (batch) return run_batch(**searcher, req);
  if (!pathway_id.empty()) {
    spro::PathwayRequest p;
    p.territories = req.territories;
    p.near = req.near;
    if (req.radius_km > 0) p.radius_km = req.radius_km;
    p.publics = req.publics;
    p.levels = req.levels;
    p.sections = sections;
    p.offset = req.offset;
    if (app.count("--limit")) p.limit = req.limit;
    auto pathway = (*searcher)->pathway(pathway_id, p);
    if (!pathway.ok()) {
      std::cerr << "spro-search: " << pathway.status().message() << "\n";
      return pathway.status().code() == spro::Status::Code::kInvalidArgument ? 2 : 1;
    }
    if (json) {
      std::cout << spro::to_json(*pathway) << "\n";
    } else {
      print_pathway(*pathway);
    }
    return 0;
  }
  if (!suggest.empty()) {
    auto suggestions = (*searcher)->suggest(suggest, req.limit);
    if (!suggestions.ok()) {
      std::cerr << "spro-search: " << suggestions.status().message() << "\n";
      return 1;
    }
    if (json) {
      std::cout << spro::to_json(*suggestions) << "\n";
    } else {
      for (const auto& s : *suggestions) std::cout << s.text << "  [" << s.kind << "]  " << s.id << "\n";
    }
    return 0;
  }
  auto response = (*searcher)->search(req);
  if (!response.ok()) {
    std::cerr << "spro-search: " << response.status().message() << "\n";
    return response.status().code() == spro::Status::Code::kInvalidArgument ? 2 : 1;
  }
  if (json) {
    std::cout << spro::to_json(*response) << "\n";
  } else {
    print_text(*response, req.offset);
  }
  return 0;
}
