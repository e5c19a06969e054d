#include "links/pathway.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <set>

#include "index/document_builder.h"
#include "index/schema.h"
#include "links/advice_rules.h"
#include "links/links.h"
#include "search/query_builder.h"
#include "spro/territory.h"
#include "territory/territory.h"

namespace spro::links {
namespace {

// Section totals are exact up to this many resources.
constexpr Xapian::doccount kCountBound = 100000;
// Nothing within the person's radius: first this far, then the nearest
// anywhere, as La bonne alternance does.
constexpr double kWideRadiusKm = 100;
constexpr size_t kNearestAnywhere = 5;
// Words of the origin used to rank and to narrow broad links (each is a
// posting list opened by every ranked part: a job's first appellations
// are enough).
constexpr size_t kMaxWordTerms = 24;
// A word in more than one resource in kCommonWordShare (and more than
// kMinCommonWord) is too common to narrow a broad link by itself.
constexpr Xapian::doccount kCommonWordShare = 100;
constexpr Xapian::doccount kMinCommonWord = 50;
// Resources whose own codes are followed in a second hop (the certifications
// of a job's best trainings), best first.
constexpr size_t kMaxFollowed = 50;
// ONISEP jobs of a training's domain whose ROME sheets are linked too.
constexpr size_t kMaxDomainJobsFollowed = 5;

// Orders by distance from a point, then by id, so that equal distances
// never follow the index order (which follows the order of the sources).
class DistanceThenId : public Xapian::KeyMaker {
 public:
  explicit DistanceThenId(GeoPoint from) : from_(from) {}
  std::string operator()(const Xapian::Document& doc) const override {
    double km = 1e8;  // unlocated last
    std::string value = doc.get_value(schema::kSlotLocation);
    if (!value.empty()) {
      Xapian::LatLongCoords coords;
      coords.unserialise(value);
      if (coords.begin() != coords.end()) {
        Xapian::LatLongCoord c = *coords.begin();
        km = distance_km(from_, GeoPoint{c.latitude, c.longitude});
      }
    }
    // Fixed width, so that the key sorts as the number and the id follows.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%015.3f", km);
    return buf + doc.get_value(schema::kSlotId);
  }

 private:
  GeoPoint from_;
};

// Resources of one tier and one distance band of a section, in one order.
struct Part {
  Part(Xapian::Query q, std::optional<GeoPoint> distance_from = std::nullopt, std::string reached = {},
       size_t at_most = std::numeric_limits<size_t>::max())
      : query(std::move(q)), by_distance(distance_from), reach(std::move(reached)), cap(at_most) {}
  Xapian::Query query;  // boolean
  std::optional<GeoPoint> by_distance;  // else by relevance to the origin
  std::string reach;
  size_t cap;
};

struct Placed {
  std::vector<Part> parts;
  bool widened = false;
  std::string widened_to;
};

Xapian::Query all_of(std::vector<Xapian::Query> parts) {
  // An empty Query matches nothing inside an AND: empty parts mean "no
  // condition" here.
  std::erase_if(parts, [](const Xapian::Query& q) { return q.empty(); });
  if (parts.empty()) return Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query any_of(const std::vector<Xapian::Query>& parts) {
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query but_not(const Xapian::Query& q, const Xapian::Query& excluded) {
  if (q.empty() || excluded.empty()) return q;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, q, excluded);
}

Xapian::Query kind(std::string_view k) { return Xapian::Query(std::string(schema::kKind) + std::string(k)); }

class Builder {
 public:
  Builder(const Xapian::Database& db, const Analyzer& analyzer, const PathwayRequest& request, size_t max_limit)
      : db_(db), analyzer_(analyzer), request_(request), limit_(std::min(request.limit, max_limit)) {}

  Result<Pathway> build(std::string_view id) {
    std::string id_term = std::string(schema::kId) + std::string(id);
    Xapian::PostingIterator p = db_.postlist_begin(id_term);
    if (p == db_.postlist_end(id_term)) return Status::not_found("no resource with id '" + std::string(id) + "'");
    Pathway out;
    out.origin = schema::resource_of(db_.get_document(*p), schema::Body::kWithout);
    self_ = Xapian::Query(id_term);
    point_ = request_.near;
    if (!point_ && !request_.territories.empty()) {
      if (auto place = find_territory(request_.territories.front())) point_ = place->center;
    }
    const Resource& origin = out.origin;
    bool leads_to_certification = false;
    if (origin.kind == "metier") {
      leads_to_certification = job(origin, out);
    } else if (origin.kind == "formation") {
      leads_to_certification = training(origin, out);
    } else if (origin.kind == "certification") {
      leads_to_certification = certification(origin, out);
    } else {
      set_words(origin.title);
    }
    if (wanted("aids")) out.sections.push_back(aids());
    if (wanted("advice")) advice(leads_to_certification, out);
    if (wanted("advice") && request_.publics.empty()) {
      out.notices.push_back("no public given: only the advice for everyone is shown (give publics for the others)");
    }
    return out;
  }

 private:
  bool wanted(std::string_view section) const {
    return request_.sections.empty() ||
           std::find(request_.sections.begin(), request_.sections.end(), section) != request_.sections.end();
  }

  // The words of the origin: its title (weighted as a title, three times
  // other words) and `others` (a job's appellations) rank every section;
  // the rarer of them are the condition broad links add (a domain or an
  // interest centre shared, and a distinctive word: "infirmier", not
  // "diplôme").
  void set_words(const std::string& title, const std::vector<std::string>& others = {}) {
    std::set<std::string> seen;
    auto terms_of = [&](const std::string& text) {
      std::vector<std::string> terms;
      for (const Token& t : analyzer_.analyze(text)) {
        if (t.stopword || t.terms.empty() || seen.size() >= kMaxWordTerms) continue;
        if (seen.insert(t.terms.front()).second) terms.push_back(t.terms.front());
      }
      return terms;
    };
    std::vector<std::string> title_terms = terms_of(title), other_terms;
    for (const std::string& o : others) {
      for (std::string& t : terms_of(o)) other_terms.push_back(std::move(t));
    }
    Xapian::Query title_query(Xapian::Query::OP_OR, title_terms.begin(), title_terms.end());
    Xapian::Query other_query(Xapian::Query::OP_OR, other_terms.begin(), other_terms.end());
    if (!title_query.empty()) title_query = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title_query, 3);
    words_ = title_query.empty() ? other_query
             : other_query.empty() ? title_query
                                   : Xapian::Query(Xapian::Query::OP_OR, title_query, other_query);
    const Xapian::doccount common = std::max<Xapian::doccount>(kMinCommonWord, db_.get_doccount() / kCommonWordShare);
    // The rare words of the origin's own title, else of its other titles
    // (an ONISEP sheet's keywords name sectors: "les métiers de l'aide et du
    // soin à domicile" would bring "MC Aide à domicile" to a nurse), matched
    // in titles only (a programme whose description mentions nurses is not
    // a nurse's training).
    // When the title's words find nothing, the linked() callers try again
    // with every title's (wide_word_filter_).
    std::vector<std::string> rare;
    auto filter = [](const std::vector<std::string>& terms) {
      return terms.empty() ? Xapian::Query()
                           : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                           Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), 0);
    };
    for (const auto* terms : {&title_terms, &other_terms}) {
      if (terms == &other_terms) word_filter_ = filter(rare);
      for (const std::string& t : *terms) {
        if (db_.get_termfreq(t) <= common) rare.push_back(std::string(schema::kTitle) + t);
      }
    }
    wide_word_filter_ = filter(rare);
    if (word_filter_.empty()) word_filter_ = wide_word_filter_;
  }

  Xapian::Query levels() const {
    std::vector<Xapian::Query> terms;
    for (int l : request_.levels) terms.emplace_back(std::string(schema::kLevel) + std::to_string(l));
    return terms.empty() ? Xapian::Query() : any_of(terms);
  }

  Xapian::Query within(double km) const {
    SearchRequest r;
    r.near = point_;
    r.radius_km = km;
    return search::filter_query(r);
  }

  Xapian::Query in_territory(std::string_view code) const {
    SearchRequest r;
    r.territories = {std::string(code)};
    r.include_wider_territories = false;
    return search::filter_query(r);
  }

  bool any(const Xapian::Query& q) const {
    Xapian::Enquire e(db_);
    e.set_query(q);
    e.set_weighting_scheme(Xapian::BoolWeight());
    return !e.get_mset(0, 1).empty();
  }

  // A located section (trainings, advice places): in the person's territory
  // or within radius_km, nearest first; with none, widened; then distance
  // learning; then what serves the person's area from further (regional,
  // national, online).
  // Only trainings have a distance tier (`distance_learning`).
  Placed placed(const Xapian::Query& base, bool distance_learning) const {
    Placed out;
    if (base.empty()) return out;  // nothing linked
    if (!point_ && request_.territories.empty()) {
      out.parts.push_back({base, std::nullopt, ""});
      return out;
    }
    std::vector<Xapian::Query> near;
    for (const auto& code : request_.territories) near.push_back(in_territory(code));
    if (point_) near.push_back(within(request_.radius_km));
    Xapian::Query local = all_of({base, any_of(near)});
    out.parts.push_back({local, point_, "local"});
    if (!any(local)) {
      out.widened = true;
      if (point_) {
        Xapian::Query wide = all_of({base, within(kWideRadiusKm)});
        if (request_.radius_km < kWideRadiusKm && any(wide)) {
          out.parts.push_back({wide, point_, "widened"});
          out.widened_to = std::to_string(static_cast<int>(kWideRadiusKm)) + " km";
        } else {
          Xapian::Query located = all_of({base, within(20000)});
          if (any(located)) {
            out.parts.push_back({located, point_, "nearest", kNearestAnywhere});
            out.widened_to = "nearest";
          }
        }
      } else {
        // No point to measure from (a département, a région): the
        // territories containing it, up to the région.
        for (const auto& code : territory::with_ancestors(request_.territories.front())) {
          if (code == request_.territories.front() || code == "fr") continue;
          Xapian::Query wide = all_of({base, in_territory(code)});
          if (any(wide)) {
            out.parts.push_back({wide, std::nullopt, "widened"});
            out.widened_to = code;
            break;
          }
        }
      }
    }
    // Distance learning, wherever its organisation is, before what only
    // covers the area (a national catalogue): it can be followed from home.
    if (distance_learning) {
      out.parts.push_back({all_of({base, Xapian::Query(std::string(schema::kModality) + "distance")}), std::nullopt,
                           "distance"});
    }
    std::vector<Xapian::Query> serving;
    for (const auto& code : request_.territories) {
      for (const auto& t : territory::with_ancestors(code)) serving.emplace_back(std::string(schema::kCovers) + t);
    }
    if (serving.empty()) serving.emplace_back(std::string(schema::kCovers) + "fr");
    out.parts.push_back({all_of({base, any_of(serving)}), std::nullopt, "serves"});
    return out;
  }

  PathwayHit make_hit(const Xapian::MSetIterator& it, const Xapian::Enquire& e, const Part& part,
                      const std::map<std::string, std::string>& sources) const {
    PathwayHit h;
    const Xapian::Document doc = it.get_document();
    Hit& hit = h.hit;
    hit.resource = schema::resource_of(doc, schema::Body::kWithout);
    hit.id = hit.resource.id;
    hit.title = hit.resource.title;
    hit.kind = hit.resource.kind;
    hit.source = hit.resource.source;
    hit.score = it.get_weight();
    if (point_) {
      if (auto p = schema::position_of(hit.resource)) hit.distance_km = distance_km(*point_, *p);
    }
    for (auto t = e.get_matching_terms_begin(it); t != e.get_matching_terms_end(it); ++t) {
      auto s = sources.find(*t);
      if (s != sources.end() && std::find(h.via.begin(), h.via.end(), s->second) == h.via.end()) h.via.push_back(s->second);
    }
    h.reach = part.reach;
    return h;
  }

  // Ranks, counts and pages the parts, one after the other; a resource
  // found by an earlier part is not repeated.
  PathwaySection run(std::string name, const std::vector<Part>& parts, const std::map<std::string, std::string>& sources,
                     std::string_view default_via = {}, bool by_words = true) const {
    PathwaySection s;
    s.name = std::move(name);
    size_t skip = request_.offset;
    Xapian::Query seen;
    for (const Part& part : parts) {
      if (part.query.empty()) continue;
      Xapian::Query q = but_not(part.query, seen);
      seen = seen.empty() ? part.query : Xapian::Query(Xapian::Query::OP_OR, seen, part.query);
      Xapian::Enquire e(db_);
      // Only the origin's words score: the link terms filter. Parts ordered
      // by distance, and places, are not ranked by words.
      Xapian::Query scored = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0);
      const bool ranked = by_words && !part.by_distance && !words_.empty();
      e.set_query(ranked ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, scored, words_) : scored);
      e.set_weighting_scheme(Xapian::BM25Weight());
      std::unique_ptr<DistanceThenId> by_distance;
      if (part.by_distance) {
        by_distance = std::make_unique<DistanceThenId>(*part.by_distance);
        e.set_sort_by_key(by_distance.get(), false);
      } else {
        e.set_sort_by_relevance_then_value(schema::kSlotId, false);
      }
      size_t room = limit_ - std::min(limit_, s.hits.size());
      size_t fetch = std::min(room, part.cap > skip ? part.cap - skip : 0);
      Xapian::MSet mset = e.get_mset(static_cast<Xapian::doccount>(skip), static_cast<Xapian::doccount>(fetch), kCountBound);
      size_t count = std::min<size_t>(mset.get_matches_estimated(), part.cap);
      s.total += count;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        s.hits.push_back(make_hit(it, e, part, sources));
        if (s.hits.back().via.empty() && !default_via.empty()) s.hits.back().via.push_back(std::string(default_via));
      }
      skip -= std::min(skip, count);
    }
    return s;
  }

  PathwaySection run_placed(std::string name, const Xapian::Query& base, bool distance_learning,
                            const std::map<std::string, std::string>& sources, std::string_view default_via = {},
                            bool by_words = true) const {
    Placed p = placed(base, distance_learning);
    PathwaySection s = run(std::move(name), p.parts, sources, default_via, by_words);
    s.widened = p.widened;
    s.widened_to = p.widened_to;
    return s;
  }

  // The best resources of `q` (by the origin's words), for a second hop.
  std::vector<Resource> best(const Xapian::Query& q, size_t n) const {
    std::vector<Resource> out;
    if (q.empty()) return out;
    Xapian::Enquire e(db_);
    Xapian::Query scored(Xapian::Query::OP_SCALE_WEIGHT, q, 0);
    e.set_query(words_.empty() ? scored : Xapian::Query(Xapian::Query::OP_AND_MAYBE, scored, words_));
    e.set_sort_by_relevance_then_value(schema::kSlotId, false);
    Xapian::MSet mset = e.get_mset(0, static_cast<Xapian::doccount>(n));
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(schema::resource_of(it.get_document(), schema::Body::kWithout));
    return out;
  }

  std::string exact_title_term(const std::string& title) const {
    std::string key = schema::exact_key(analyzer_.analyze(title));
    return key.empty() ? std::string() : std::string(schema::kExactTitle) + key;
  }

  // A training's certification: by RNCP or Certif Info code, or the same
  // title (a programme called like the diploma it prepares).
  void add_certifications_of(const Resource& training, Links& into) const {
    into.add(training.codes, kCertificationCodes);
    if (std::string t = exact_title_term(training.title); !t.empty()) into.add_term(t, "same_title");
  }

  // Resources of kind `k` linked to the origin, broad links narrowed by the
  // words of its title; when those find none, by the words of all its titles.
  Xapian::Query linked(std::string_view k, const Links& links, std::vector<Xapian::Query> more = {}) const {
    if (links.empty()) return Xapian::Query();
    more.push_back(kind(k));
    auto with = [&](const Xapian::Query& words) {
      std::vector<Xapian::Query> all = more;
      all.push_back(links.query(words));
      return but_not(all_of(std::move(all)), self_);
    };
    Xapian::Query narrow = with(word_filter_);
    if (any(narrow)) return narrow;
    return with(wide_word_filter_);
  }

  // Returns whether the job leads to a certification.
  bool job(const Resource& origin, Pathway& out) {
    Links same;
    same.add(origin.codes, kSameJob);
    Xapian::Query equivalents = linked("metier", same);
    // The same job from other publishers brings its codes (an ONISEP sheet
    // its domains) and its titles.
    Codes codes = origin.codes;
    set_words(origin.title, origin.keywords);
    for (const Resource& r : best(equivalents, kMaxFollowed)) {
      for (const auto& [scheme, values] : r.codes) {
        auto& merged = codes[scheme];
        for (const auto& v : values) {
          if (std::find(merged.begin(), merged.end(), v) == merged.end()) merged.push_back(v);
        }
      }
    }
    // A ROME 4.0 child sheet (J1508) is cited by no ONISEP sheet; those of
    // its parent (J1506) lend it their domains, narrowed by its own words.
    Links parent;
    parent.add(origin.codes, CodeLink{"rome_parent", "rome", "rome_parent"});
    for (const Resource& r : best(linked("metier", parent), kMaxFollowed)) {
      if (auto domains = r.codes.find("onisep_domain"); domains != r.codes.end()) {
        auto& merged = codes["onisep_domain"];
        for (const auto& v : domains->second) {
          if (std::find(merged.begin(), merged.end(), v) == merged.end()) merged.push_back(v);
        }
      }
    }
    if (wanted("job")) out.sections.push_back(run("job", {{self_}, {equivalents}}, same.sources()));

    if (wanted("related_jobs")) {
      Links related, interests;
      related.add(codes, kRelatedJobs);
      interests.add(codes, kJobsOfInterest, /*broad=*/true);
      Xapian::Query mine = equivalents.empty() ? self_ : Xapian::Query(Xapian::Query::OP_OR, self_, equivalents);
      std::map<std::string, std::string> sources = related.sources();
      sources.insert(interests.sources().begin(), interests.sources().end());
      out.sections.push_back(run("related_jobs",
                                 {{but_not(linked("metier", related), mine)}, {but_not(linked("metier", interests), mine)}},
                                 sources));
    }

    Links trainings;
    trainings.add(codes, kTrainingsOfJob);
    trainings.add(codes, kTrainingsOfJobBroad, /*broad=*/true);
    trainings.add(codes, kTrainingsOfParentJob);
    Xapian::Query training_query = linked("formation", trainings, {levels()});
    if (wanted("trainings")) {
      out.sections.push_back(run_placed("trainings", training_query, /*distance_learning=*/true, trainings.sources()));
    }

    Links certifications;
    certifications.add(codes, kCertificationsOfJob);
    for (const Resource& t : best(training_query, kMaxFollowed)) add_certifications_of(t, certifications);
    Xapian::Query certification_query = linked("certification", certifications, {levels()});
    if (wanted("certifications")) {
      out.sections.push_back(run("certifications", {{certification_query}}, certifications.sources()));
      return out.sections.back().total > 0;
    }
    return !certification_query.empty() && any(certification_query);
  }

  bool training(const Resource& origin, Pathway& out) {
    set_words(origin.title);
    if (wanted("training")) out.sections.push_back(run("training", {{self_}}, {}));
    if (wanted("jobs")) {
      Links jobs;
      jobs.add(origin.codes, kJobsOfTraining);
      jobs.add(origin.codes, kJobsOfTrainingBroad, /*broad=*/true);
      // The ROME sheets of the domain's ONISEP jobs that share its words.
      Links domain_only;
      domain_only.add(origin.codes, kJobsOfTrainingBroad, /*broad=*/true);
      for (const Resource& r : best(linked("metier", domain_only), kMaxDomainJobsFollowed)) {
        jobs.add(r.codes, CodeLink{"rome", "rome", "onisep_domain"});
      }
      out.sections.push_back(run("jobs", {{linked("metier", jobs)}}, jobs.sources()));
    }
    Links certifications;
    add_certifications_of(origin, certifications);
    Xapian::Query certification_query = linked("certification", certifications);
    bool has = !certification_query.empty() && any(certification_query);
    if (wanted("certifications")) out.sections.push_back(run("certifications", {{certification_query}}, certifications.sources()));
    return has || origin.codes.contains("rncp");
  }

  bool certification(const Resource& origin, Pathway& out) {
    set_words(origin.title);
    if (wanted("certification")) out.sections.push_back(run("certification", {{self_}}, {}));
    Links trainings;
    add_certifications_of(origin, trainings);  // the same codes and title on trainings
    trainings.add(origin.codes, kTrainingsOfJob);
    Xapian::Query training_query = linked("formation", trainings, {levels()});
    if (wanted("trainings")) {
      out.sections.push_back(run_placed("trainings", training_query, /*distance_learning=*/true, trainings.sources()));
    }
    if (wanted("jobs")) {
      Links jobs;
      jobs.add(origin.codes, kJobsOfTraining);
      for (const Resource& t : best(training_query, kMaxFollowed)) jobs.add(t.codes, kJobsOfTraining);
      out.sections.push_back(run("jobs", {{linked("metier", jobs)}}, jobs.sources()));
    }
    return true;
  }

  // Aids for the person's public and territory: no code links them to a
  // job; ranked by the origin's words.
  PathwaySection aids() const {
    SearchRequest r;
    r.kinds = {"aide"};
    r.territories = request_.territories;
    if (!request_.publics.empty()) {
      r.publics = request_.publics;
      r.publics.push_back("tout_public");
    }
    return run("aids", {{search::filter_query(r)}}, {}, "territory");
  }

  void advice(bool leads_to_certification, Pathway& out) const {
    for (const AdviceRule& rule : builtin_advice_rules()) {
      if (!rule.applies_to(request_.publics)) continue;
      if (rule.needs_certification && !leads_to_certification) continue;
      std::vector<Xapian::Query> designated;
      for (const auto& [scheme, value] : rule.codes) {
        for (const auto& t : code_terms(scheme, value)) designated.emplace_back(t);
      }
      for (const std::string& words : rule.titles) {
        std::vector<Xapian::Query> title_words;
        for (const Token& t : analyzer_.analyze(words)) {
          if (!t.stopword && !t.terms.empty()) title_words.emplace_back(std::string(schema::kTitle) + t.terms.front());
        }
        if (!title_words.empty()) designated.emplace_back(Xapian::Query::OP_AND, title_words.begin(), title_words.end());
      }
      // Places are not ranked by the job's words: nearest first, then by id.
      PathwaySection s = run_placed("advice", all_of({kind("structure"), any_of(designated)}), false, {}, "advice_rule",
                                    /*by_words=*/false);
      s.rule = rule.id;
      s.label = rule.label;
      out.sections.push_back(std::move(s));
    }
  }

  const Xapian::Database& db_;
  const Analyzer& analyzer_;
  const PathwayRequest& request_;
  size_t limit_;
  Xapian::Query self_;
  std::optional<GeoPoint> point_;
  Xapian::Query words_;        // the origin's words, scored (BM25)
  Xapian::Query word_filter_;  // the same, unscored: rare words of the title
  Xapian::Query wide_word_filter_;  // rare words of every title
};

}  // namespace

Status check_pathway_request(const PathwayRequest& request) {
  SearchRequest r;
  r.territories = request.territories;
  r.publics = request.publics;
  r.levels = request.levels;
  r.near = request.near;
  if (Status s = search::check_filters(r); !s.ok()) return s;
  if (!(request.radius_km > 0 && request.radius_km <= 1000)) {
    return Status::invalid_argument("radius: must be more than 0 and at most 1000 km");
  }
  static const std::set<std::string_view> kSections = {"job", "training", "certification", "related_jobs", "jobs",
                                                       "trainings", "certifications", "aids", "advice"};
  for (const auto& s : request.sections) {
    if (!kSections.contains(s)) {
      return Status::invalid_argument("section: unknown section '" + s +
                                      "' (job, training, certification, related_jobs, jobs, trainings, certifications, aids, advice)");
    }
  }
  return Status();
}

Result<Pathway> build_pathway(const Xapian::Database& db, const Analyzer& analyzer, std::string_view id,
                              const PathwayRequest& request, size_t max_limit) {
  return Builder(db, analyzer, request, max_limit).build(id);
}

void add_pathway_summary(const Xapian::Database& db, const Analyzer& analyzer, const SearchRequest& request,
                         SearchResponse& response) {
  if (!request.pathway_summary || response.hits.empty() || response.hits.front().kind != "metier") return;
  PathwayRequest p = pathway_summary_request(request, response);
  auto pathway = build_pathway(db, analyzer, response.hits.front().id, p, 0);
  if (!pathway.ok()) return;
  PathwaySummary summary;
  summary.id = pathway->origin.id;
  summary.title = pathway->origin.title;
  size_t advice = 0;
  for (const PathwaySection& s : pathway->sections) {
    if (s.name == "advice") {
      advice += s.total;
      continue;
    }
    summary.counts.emplace_back(s.name, s.total);
    if (s.name == "trainings") summary.trainings_widened = s.widened;
  }
  summary.counts.emplace_back("advice", advice);
  response.pathway = std::move(summary);
}

}  // namespace spro::links

namespace spro {

PathwayRequest pathway_summary_request(const SearchRequest& request, const SearchResponse& response) {
  PathwayRequest p;
  p.territories = request.territories;
  if (auto t = response.interpreted.find("territory"); p.territories.empty() && t != response.interpreted.end()) {
    p.territories = {t->second};
  }
  p.near = request.near;
  if (request.radius_km > 0 && request.radius_km <= 1000) p.radius_km = request.radius_km;
  p.publics = request.publics;
  p.levels = request.levels;
  p.sections = {"related_jobs", "trainings", "certifications", "aids", "advice"};
  p.limit = 0;  // counts only
  return p;
}

}  // namespace spro
