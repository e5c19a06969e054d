#include "spro/pathway.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "links/advice_rules.h"
#include "spro/index_writer.h"
#include "spro/searcher.h"
#include "test_util.h"

namespace spro {
namespace {

constexpr GeoPoint kToulon{43.1242, 5.928};
constexpr GeoPoint kLyon{45.758, 4.835};

Resource make(std::string id, std::string kind, std::string title, std::vector<std::string> territories,
              std::map<std::string, std::vector<std::string>> codes = {}, std::string source = "") {
  Resource r;
  r.id = std::move(id);
  r.kind = std::move(kind);
  r.title = std::move(title);
  r.territories = std::move(territories);
  r.codes = std::move(codes);
  r.source = std::move(source);
  return r;
}

const std::string kParamedical = "santé - social - sport/paramédical";

std::vector<Resource> fixtures() {
  std::vector<Resource> all = {
      make("rome:J1506", "metier", "Infirmier / Infirmière en soins généraux (IDE)", {"fr"},
           {{"rome", {"J1506"}}, {"rome_related", {"J1502"}}, {"interest", {"22"}}}, "france-travail"),
      make("rome:J1502", "metier", "Coordinateur / Coordinatrice de soins", {"fr"}, {{"rome", {"J1502"}}}, "france-travail"),
      make("rome:J1508", "metier", "Infirmier / Infirmière en pratique avancée", {"fr"},
           {{"rome", {"J1508"}}, {"rome_parent", {"J1506"}}}, "france-travail"),
      make("rome:K2110", "metier", "Éducateur / Éducatrice sportive", {"fr"}, {{"rome", {"K2110"}}, {"interest", {"22"}}},
           "france-travail"),
      make("rome:K1302", "metier", "Aide à domicile infirmier", {"fr"}, {{"rome", {"K1302"}}, {"interest", {"22"}}},
           "france-travail"),
      make("onisep:MET.1", "metier", "infirmier / infirmière", {"fr"}, {{"rome", {"J1506"}}, {"onisep_domain", {kParamedical}}},
           "onisep"),
      make("onisep:FOR.2378", "formation", "Diplôme d'Etat d'infirmier", {"fr"},
           {{"rncp", {"8940"}}, {"onisep_domain", {kParamedical}}}, "onisep"),
      make("onisep:FOR.9", "formation", "Diplôme d'Etat d'ergothérapeute", {"fr"}, {{"onisep_domain", {kParamedical}}}, "onisep"),
      make("lheo:toulon", "formation", "Préparation aux études d'infirmier", {"com:83137"}, {{"rome", {"J1506"}}},
           "carif-oref"),
      make("lheo:hyeres", "formation", "Remise à niveau soins infirmiers", {"com:83069"}, {{"rome", {"J1506"}}}, "carif-oref"),
      make("lheo:cuisine", "formation", "CAP Cuisine", {"com:83137"}, {{"rome", {"G1602"}}}, "carif-oref"),
      make("certifinfo:64144", "certification", "Diplôme d'État d'infirmier", {"fr"}, {{"certifinfo", {"64144"}}},
           "certif-info"),
      make("rncp:RNCP8940", "certification", "Infirmier diplômé d'État", {"fr"}, {{"rncp", {"RNCP8940"}}}, "france-competences"),
      make("aide:var", "aide", "Bourse régionale des formations sanitaires", {"reg:93"}, {}, "region"),
      make("aide:idf", "aide", "Bourse Île-de-France des formations sanitaires", {"reg:11"}, {}, "region"),
      make("aide:fr", "aide", "Compte personnel de formation", {"fr"}, {}, "service-public"),
      make("fs:toulon", "structure", "France services de Toulon", {"com:83137"}, {{"structure_type", {"france_services"}}}, "anct"),
      make("fs:lyon", "structure", "France services de Lyon 8e", {"com:69388"}, {{"structure_type", {"france_services"}}}, "anct"),
      make("ml:toulon", "structure", "Mission locale Toulon Provence Méditerranée", {"com:83137"}, {}, "mission-locale"),
      make("ml:lille", "structure", "Mission locale de Lille", {"com:59350"}, {}, "mission-locale"),
      make("vae:83", "structure", "Espace VAE du Var", {"dep:83"}, {}, "vae"),
  };
  for (Resource& r : all) {
    if (r.kind == "aide") r.publics = {r.id == "aide:fr" ? "tout_public" : "jeune"};
  }
  return all;
}

class PathwayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto w = IndexWriter::open(*dir_ / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    for (const Resource& r : fixtures()) ASSERT_TRUE((*w)->add(r).ok()) << r.id;
    ASSERT_TRUE((*w)->commit().ok());
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override {
    auto s = Searcher::open(*dir_ / "db");
    ASSERT_TRUE(s.ok()) << s.status().message();
    searcher_ = std::move(*s);
  }

  Pathway pathway(const std::string& id, const PathwayRequest& request = {}) {
    auto p = searcher_->pathway(id, request);
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? *p : Pathway{};
  }

  static const PathwaySection* section(const Pathway& p, std::string_view name, std::string_view rule = {}) {
    for (const auto& s : p.sections) {
      if (s.name == name && (rule.empty() || s.rule == rule)) return &s;
    }
    return nullptr;
  }
  // The section points into the pathway: a temporary would leave it dangling.
  static const PathwaySection* section(Pathway&& p, std::string_view name, std::string_view rule = {}) = delete;
  static std::vector<std::string> ids(const PathwaySection* s) {
    std::vector<std::string> out;
    if (s) for (const auto& h : s->hits) out.push_back(h.hit.id);
    return out;
  }
  static const PathwayHit* hit(const PathwaySection* s, std::string_view id) {
    if (!s) return nullptr;
    for (const auto& h : s->hits) if (h.hit.id == id) return &h;
    return nullptr;
  }
  static bool via(const PathwayHit* h, std::string_view source) {
    return h && std::find(h->via.begin(), h->via.end(), source) != h->via.end();
  }

  static testing::TempDir* dir_;
  std::unique_ptr<Searcher> searcher_;
};
testing::TempDir* PathwayTest::dir_ = nullptr;

TEST_F(PathwayTest, JobSectionHoldsTheJobAndTheSameJobFromOtherPublishers) {
  Pathway p = pathway("rome:J1506");
  EXPECT_EQ(p.origin.id, "rome:J1506");
  const PathwaySection* job = section(p, "job");
  ASSERT_NE(job, nullptr);
  EXPECT_EQ(ids(job), (std::vector<std::string>{"rome:J1506", "onisep:MET.1"}));
  EXPECT_TRUE(via(hit(job, "onisep:MET.1"), "rome"));
  EXPECT_EQ(job->total, 2u);
}

TEST_F(PathwayTest, RelatedJobsComeFromTheMobilityTableParentSheetsAndInterestCentres) {
  Pathway p = pathway("rome:J1506");
  const PathwaySection* related = section(p, "related_jobs");
  ASSERT_NE(related, nullptr);
  EXPECT_TRUE(via(hit(related, "rome:J1502"), "rome_related"));
  EXPECT_TRUE(via(hit(related, "rome:J1508"), "rome_parent"));  // a child sheet of J1506
  // An interest centre is shared by many jobs: only those sharing a word of
  // the job's titles are linked by it.
  EXPECT_TRUE(via(hit(related, "rome:K1302"), "interest"));
  EXPECT_EQ(hit(related, "rome:K2110"), nullptr);
  // Neither the job itself nor its other publishers' sheets.
  EXPECT_EQ(hit(related, "rome:J1506"), nullptr);
  EXPECT_EQ(hit(related, "onisep:MET.1"), nullptr);
  // Code links before the broader interest links.
  EXPECT_EQ(related->hits.back().hit.id, "rome:K1302");
}

TEST_F(PathwayTest, TrainingsOfAJobByRomeCodeAndByOnisepDomainNarrowedByWords) {
  Pathway p = pathway("rome:J1506");
  const PathwaySection* t = section(p, "trainings");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(via(hit(t, "lheo:toulon"), "rome"));
  EXPECT_TRUE(via(hit(t, "onisep:FOR.2378"), "onisep_domain"));  // through the ONISEP job sheet's domain
  EXPECT_EQ(hit(t, "onisep:FOR.9"), nullptr);   // same domain, another job
  EXPECT_EQ(hit(t, "lheo:cuisine"), nullptr);   // another ROME code
  EXPECT_EQ(t->total, 3u);
  EXPECT_FALSE(t->widened);
}

TEST_F(PathwayTest, CertificationsByCodeOrSameTitleAsALinkedTraining) {
  Pathway p = pathway("rome:J1506");
  const PathwaySection* c = section(p, "certifications");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(via(hit(c, "certifinfo:64144"), "same_title"));
  EXPECT_TRUE(via(hit(c, "rncp:RNCP8940"), "rncp"));  // "8940" on the programme, "RNCP8940" here
  EXPECT_EQ(c->total, 2u);
}

TEST_F(PathwayTest, TrainingsInTheTerritoryFirstNearestFirstThenNational) {
  PathwayRequest r;
  r.territories = {"com:83137"};  // Toulon
  r.radius_km = 30;
  Pathway p = pathway("rome:J1506", r);
  const PathwaySection* t = section(p, "trainings");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(ids(t), (std::vector<std::string>{"lheo:toulon", "lheo:hyeres", "onisep:FOR.2378"}));
  EXPECT_EQ(t->hits[0].reach, "local");
  EXPECT_EQ(t->hits[1].reach, "local");  // Hyères, within 30 km
  ASSERT_TRUE(t->hits[1].hit.distance_km);
  EXPECT_LT(*t->hits[0].hit.distance_km, *t->hits[1].hit.distance_km);
  EXPECT_EQ(t->hits[2].reach, "serves");
  EXPECT_FALSE(t->widened);
}

TEST_F(PathwayTest, NoLocalTrainingWidensAndSaysSo) {
  PathwayRequest r;
  r.near = kLyon;
  Pathway p = pathway("rome:J1506", r);
  const PathwaySection* t = section(p, "trainings");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->widened);
  EXPECT_EQ(t->widened_to, "nearest");  // nothing within 100 km of Lyon either
  ASSERT_GE(t->hits.size(), 2u);
  EXPECT_EQ(t->hits[0].reach, "nearest");
  EXPECT_EQ(t->hits.back().hit.id, "onisep:FOR.2378");
  EXPECT_EQ(t->hits.back().reach, "serves");

  r.near = GeoPoint{43.5297, 5.4474};  // Aix-en-Provence: Toulon is about 65 km away
  Pathway from_aix = pathway("rome:J1506", r);
  t = section(from_aix, "trainings");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->widened);
  EXPECT_EQ(t->widened_to, "100 km");
  EXPECT_EQ(t->hits[0].reach, "widened");
}

TEST_F(PathwayTest, WideningWithoutAPointGoesToTheRegion) {
  PathwayRequest r;
  r.territories = {"dep:13"};  // nothing in the Bouches-du-Rhône; Toulon is in the same région
  Pathway p = pathway("rome:J1506", r);
  const PathwaySection* t = section(p, "trainings");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->widened);
  EXPECT_EQ(t->widened_to, "reg:93");
  EXPECT_EQ(t->hits[0].reach, "widened");
}

TEST_F(PathwayTest, AidsForThePublicAndTerritory) {
  PathwayRequest r;
  r.territories = {"com:83137"};
  r.publics = {"jeune"};
  Pathway p = pathway("rome:J1506", r);
  const PathwaySection* a = section(p, "aids");
  ASSERT_NE(a, nullptr);
  EXPECT_NE(hit(a, "aide:var"), nullptr);
  EXPECT_NE(hit(a, "aide:fr"), nullptr);  // for everyone, national
  EXPECT_EQ(hit(a, "aide:idf"), nullptr);
}

TEST_F(PathwayTest, AdvicePlacesChosenByTheRulesForThePerson) {
  PathwayRequest r;
  r.territories = {"com:83137"};
  r.publics = {"jeune"};
  Pathway p = pathway("rome:J1506", r);
  const PathwaySection* ml = section(p, "advice", "mission_locale");
  ASSERT_NE(ml, nullptr);
  EXPECT_EQ(ml->label, "Mission locale");
  EXPECT_EQ(ids(ml), (std::vector<std::string>{"ml:toulon"}));  // found by its title
  EXPECT_EQ(ml->hits[0].reach, "local");
  const PathwaySection* fs = section(p, "advice", "france_services");
  ASSERT_NE(fs, nullptr);
  EXPECT_EQ(fs->hits.at(0).hit.id, "fs:toulon");
  // Rules for other publics do not apply.
  EXPECT_EQ(section(p, "advice", "france_travail"), nullptr);
  EXPECT_EQ(section(p, "advice", "vae"), nullptr);

  r.publics = {"salarie"};
  p = pathway("rome:J1506", r);
  EXPECT_EQ(section(p, "advice", "mission_locale"), nullptr);
  const PathwaySection* vae = section(p, "advice", "vae");  // the job leads to a certification
  ASSERT_NE(vae, nullptr);
  EXPECT_EQ(ids(vae), (std::vector<std::string>{"vae:83"}));
  EXPECT_EQ(vae->hits[0].reach, "serves");  // serves the whole département
}

TEST_F(PathwayTest, FromATrainingTheJobsItLeadsToAndItsCertification) {
  Pathway p = pathway("onisep:FOR.2378");
  EXPECT_EQ(ids(section(p, "training")), (std::vector<std::string>{"onisep:FOR.2378"}));
  const PathwaySection* jobs = section(p, "jobs");
  ASSERT_NE(jobs, nullptr);
  EXPECT_TRUE(via(hit(jobs, "onisep:MET.1"), "onisep_domain"));
  EXPECT_TRUE(via(hit(jobs, "rome:J1506"), "onisep_domain"));  // the ROME sheet the ONISEP job cites
  EXPECT_EQ(hit(jobs, "rome:K2110"), nullptr);
  const PathwaySection* c = section(p, "certifications");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(via(hit(c, "rncp:RNCP8940"), "rncp"));
  EXPECT_TRUE(via(hit(c, "certifinfo:64144"), "same_title"));

  p = pathway("lheo:toulon");
  EXPECT_TRUE(via(hit(section(p, "jobs"), "rome:J1506"), "rome"));
}

TEST_F(PathwayTest, FromACertificationItsTrainingsAndJobs) {
  Pathway p = pathway("rncp:RNCP8940");
  EXPECT_TRUE(via(hit(section(p, "trainings"), "onisep:FOR.2378"), "rncp"));
}

TEST_F(PathwayTest, SectionsArePagedAndCounted) {
  PathwayRequest r;
  r.territories = {"com:83137"};
  r.sections = {"trainings"};
  r.limit = 1;
  std::vector<std::string> seen;
  for (size_t offset = 0; offset < 4; ++offset) {
    r.offset = offset;
    Pathway p = pathway("rome:J1506", r);
    ASSERT_EQ(p.sections.size(), 1u);
    EXPECT_EQ(p.sections[0].total, 3u);
    for (const auto& h : p.sections[0].hits) seen.push_back(h.hit.id);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"lheo:toulon", "lheo:hyeres", "onisep:FOR.2378"}));
}

TEST_F(PathwayTest, BadRequestsAreRefused) {
  auto missing = searcher_->pathway("rome:Z9999", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  PathwayRequest r;
  r.sections = {"jobz"};
  EXPECT_EQ(searcher_->pathway("rome:J1506", r).status().code(), Status::Code::kInvalidArgument);
  r = {};
  r.territories = {"Toulon"};
  EXPECT_EQ(searcher_->pathway("rome:J1506", r).status().code(), Status::Code::kInvalidArgument);
  r = {};
  r.publics = {"martien"};
  EXPECT_EQ(searcher_->pathway("rome:J1506", r).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(PathwayTest, JsonNamesSectionsLinksAndReach) {
  PathwayRequest r;
  r.territories = {"com:83137"};
  r.publics = {"jeune"};
  auto j = nlohmann::json::parse(to_json(pathway("rome:J1506", r)));
  EXPECT_EQ(j["origin"]["id"], "rome:J1506");
  bool trainings = false;
  for (const auto& s : j["sections"]) {
    if (s["name"] != "trainings") continue;
    trainings = true;
    EXPECT_EQ(s["total"], 3);
    EXPECT_EQ(s["hits"][0]["reach"], "local");
    EXPECT_EQ(s["hits"][0]["via"][0], "rome");
    EXPECT_TRUE(s["hits"][0].contains("distance_km"));
  }
  EXPECT_TRUE(trainings);
}

TEST_F(PathwayTest, SearchWhoseBestHitIsAJobCarriesItsPathwayCounts) {
  SearchRequest r;
  r.text = "infirmier soins generaux toulon";  // the place becomes the territory
  r.pathway_summary = true;
  auto response = searcher_->search(r);
  ASSERT_TRUE(response.ok()) << response.status().message();
  ASSERT_FALSE(response->hits.empty());
  ASSERT_EQ(response->hits[0].id, "rome:J1506");
  ASSERT_TRUE(response->pathway);
  EXPECT_EQ(response->pathway->id, "rome:J1506");
  std::map<std::string, size_t> counts(response->pathway->counts.begin(), response->pathway->counts.end());
  EXPECT_EQ(counts["trainings"], 3u);
  EXPECT_EQ(counts["certifications"], 2u);
  EXPECT_EQ(counts["aids"], 2u);     // the Var's and the national one, not Île-de-France's
  EXPECT_EQ(counts["advice"], 1u);   // France services de Toulon (no public: the rule for everyone)
  EXPECT_FALSE(response->pathway->trainings_widened);
  EXPECT_TRUE(nlohmann::json::parse(to_json(*response))["pathway"]["counts"].contains("trainings"));

  r.pathway_summary = false;
  EXPECT_FALSE(searcher_->search(r)->pathway);
  r.pathway_summary = true;
  r.text = "cap cuisine";  // best hit: a training
  response = searcher_->search(r);
  ASSERT_TRUE(response.ok());
  EXPECT_FALSE(response->pathway);
}

// Neutrality: a pathway ranks by relevance and distance, never by publisher.
// The same training published by two networks scores the same and is
// ordered by id, whichever network is which.
TEST(PathwayNeutrality, SameTrainingFromTwoSourcesRanksTheSame) {
  for (bool swapped : {false, true}) {
    testing::TempDir tmp;
    auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    Resource job = make("rome:D1102", "metier", "Boulanger / Boulangère", {"fr"}, {{"rome", {"D1102"}}}, "france-travail");
    Resource a = make("x:1", "formation", "CAP Boulanger", {"com:69123"}, {{"rome", {"D1102"}}}, swapped ? "carif-oref" : "onisep");
    a.location = kLyon;
    Resource b = a;
    b.id = "x:2";
    b.source = swapped ? "onisep" : "carif-oref";
    Resource c = make("x:3", "formation", "CAP Boulanger", {"fr"}, {{"rome", {"D1102"}}}, "onisep");
    for (const Resource& r : {job, b, c, a}) ASSERT_TRUE((*w)->add(r).ok());
    ASSERT_TRUE((*w)->commit().ok());
    auto s = Searcher::open(tmp / "db");
    ASSERT_TRUE(s.ok());
    for (bool located : {false, true}) {
      PathwayRequest r;
      if (located) r.near = kLyon;
      r.sections = {"trainings"};
      auto p = (*s)->pathway("rome:D1102", r);
      ASSERT_TRUE(p.ok()) << p.status().message();
      const auto& hits = p->sections.at(0).hits;
      ASSERT_EQ(hits.size(), 3u);
      EXPECT_DOUBLE_EQ(hits[0].hit.score, hits[1].hit.score);
      EXPECT_EQ(hits[0].hit.id, "x:1") << "swapped " << swapped << " located " << located;
      EXPECT_EQ(hits[1].hit.id, "x:2");
      if (!located) {
        EXPECT_DOUBLE_EQ(hits[1].hit.score, hits[2].hit.score);  // national or local: the same words
      }
    }
  }
}

// After the located tiers, trainings followed at a distance come as their
// own tier, whatever their organisation's town, before the national
// catalogue; one that is also near the person stays local.
TEST(PathwayDistanceLearning, DistanceTrainingsAreATierBeforeTheNationalCatalogue) {
  testing::TempDir tmp;
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(w.ok());
  const std::map<std::string, std::vector<std::string>> rome = {{"rome", {"D1102"}}};
  Resource job = make("rome:D1102", "metier", "Boulanger / Boulangère", {"fr"}, rome, "france-travail");
  Resource local = make("t:lyon", "formation", "CAP Boulanger", {"com:69123"}, rome, "carif-oref");
  Resource local_online = make("t:lyon-online", "formation", "CAP Boulanger en ligne", {"com:69123"}, rome, "carif-oref");
  local_online.modalities = {"distance"};
  Resource far_online = make("t:lille-online", "formation", "CAP Boulanger à distance", {"com:59350"}, rome, "cned");
  far_online.modalities = {"distance", "presentiel"};
  Resource far = make("t:lille", "formation", "CAP Boulanger", {"com:59350"}, rome, "carif-oref");
  Resource national = make("t:fr", "formation", "CAP Boulanger", {"fr"}, rome, "onisep");
  for (const Resource& r : {job, local, local_online, far_online, far, national}) ASSERT_TRUE((*w)->add(r).ok());
  ASSERT_TRUE((*w)->commit().ok());
  auto s = Searcher::open(tmp / "db");
  ASSERT_TRUE(s.ok());
  PathwayRequest r;
  r.territories = {"com:69123"};  // Lyon
  r.sections = {"trainings"};
  auto p = (*s)->pathway("rome:D1102", r);
  ASSERT_TRUE(p.ok()) << p.status().message();
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& h : p->sections.at(0).hits) got.emplace_back(h.hit.id, h.reach);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"t:lyon", "local"}, {"t:lyon-online", "local"}, {"t:lille-online", "distance"}, {"t:fr", "serves"}};
  EXPECT_EQ(got, want);  // the classroom course in Lille is too far to list
  EXPECT_EQ(p->sections.at(0).total, 4u);

  // Nothing in the Bouches-du-Rhône nor its région: both distance courses,
  // then the national catalogue.
  r.territories = {"dep:13"};
  p = (*s)->pathway("rome:D1102", r);
  ASSERT_TRUE(p.ok());
  got.clear();
  for (const auto& h : p->sections.at(0).hits) got.emplace_back(h.hit.id, h.reach);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].second, "distance");
  EXPECT_EQ(got[1].second, "distance");
  EXPECT_EQ(got[2], (std::pair<std::string, std::string>{"t:fr", "serves"}));
}

TEST(AdviceRules, BuiltInFileParsesAndCoversEveryone) {
  auto parsed = links::parse_advice_rules(
      testing::read_file(SPRO_SOURCE_DIR "/data/pathways/advice-rules.tsv"), "advice-rules.tsv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->size(), links::builtin_advice_rules().size());
  auto everyone = std::find_if(parsed->begin(), parsed->end(), [](const auto& r) { return r.publics.empty(); });
  ASSERT_NE(everyone, parsed->end());
  EXPECT_EQ(everyone->id, "france_services");
  for (const char* id : {"mission_locale", "france_travail", "cap_emploi", "cep", "vae", "cio"}) {
    EXPECT_TRUE(std::any_of(parsed->begin(), parsed->end(), [&](const auto& r) { return r.id == id; })) << id;
  }
}

TEST(AdviceRules, ErrorsNameTheLine) {
  auto bad = links::parse_advice_rules("# comment\nml\tjeune\t-\tMission locale\n", "rules.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("rules.tsv:2:"), std::string::npos) << bad.status().message();
  bad = links::parse_advice_rules("ml\tmartien\t-\tMission locale\ttitle:mission locale\n", "rules.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown public 'martien'"), std::string::npos);
  bad = links::parse_advice_rules("ml\tjeune\tsometimes\tMission locale\ttitle:mission locale\n", "rules.tsv");
  EXPECT_FALSE(bad.ok());
  bad = links::parse_advice_rules("ml\tjeune\t-\tMission locale\tmission\n", "rules.tsv");
  EXPECT_FALSE(bad.ok());
}

}  // namespace
}  // namespace spro
