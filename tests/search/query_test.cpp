// What people type into the search box (issue 17): phrases with common
// words, codes, the words around the words, corrections only when
// confident, acronyms, words typed together, neutrality whatever the
// source's name, and a bounded cost whatever the query (issue 18).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "search/query_words.h"
#include "spro/index_writer.h"
#include "spro/searcher.h"
#include "test_util.h"

namespace spro {
namespace {

Resource make(std::string id, std::string kind, std::string title, std::string summary = "",
              std::string source = "onisep") {
  Resource r;
  r.id = std::move(id);
  r.kind = std::move(kind);
  r.title = std::move(title);
  r.summary = std::move(summary);
  r.source = std::move(source);
  r.territories = {"fr"};
  return r;
}

// Titles and codes as the partners write them (ROME, ONISEP, Certif Info,
// France services).
std::vector<Resource> resources() {
  std::vector<Resource> all = {
      make("rome:J1506", "metier", "Soins infirmiers spécialisés en bloc opératoire",
           "L'infirmier de bloc opératoire organise les soins.", "france-travail"),
      make("rome:J1505", "metier", "Soins infirmiers spécialisés en prévention",
           "Voir aussi J1506 pour le bloc opératoire.", "france-travail"),
      make("rome:K1706", "metier", "Sécurité publique", "Sapeur-pompier, pompier volontaire.", "france-travail"),
      make("rome:K1707", "metier", "Pompier / Pompière", "Lutte contre les incendies.", "france-travail"),
      make("rome:K2111", "metier", "Devenir formateur / formatrice d'adultes", "Former des adultes.", "france-travail"),
      make("rome:J1501", "metier", "Infirmier / Infirmière en soins généraux", "Soigner les patients.", "france-travail"),
      make("rome:I1604", "metier", "Mécanicien / Mécanicienne automobile", "Entretien et réparation des véhicules.",
           "france-travail"),
      make("rome:D1102", "metier", "Boulanger / Boulangère", "Fabrication du pain.", "france-travail"),
      make("rome:K1201", "metier", "Conseiller / Conseillère en insertion professionnelle",
           "Accompagner vers l'emploi.", "france-travail"),
      make("onisep:FOR.271", "formation", "BTS gestion des transports et logistique associée",
           "brevet de technicien supérieur, 2 ans."),
      make("onisep:FOR.1", "formation", "BTS Services informatiques aux organisations option A solutions "
           "d'infrastructure, systèmes et réseaux", "brevet de technicien supérieur, 2 ans."),
      make("onisep:FOR.2", "formation", "master mention métiers de l'enseignement, de l'éducation et de la "
           "formation - premier degré", "master, 2 ans."),
      make("onisep:FOR.3", "formation", "Validation des acquis de l'expérience",
           "La VAE permet d'obtenir une certification."),
      make("onisep:FOR.4", "formation", "CAP Cuisine", "Devenir cuisinier."),
      make("certifinfo:76575", "certification", "Titre professionnel plaquiste", "", "carif-oref"),
      make("lheo:1", "formation", "Formation aux métiers du bâtiment", "Plaquiste, peintre.", "carif-oref"),
      make("fs:1", "structure", "France services de Lyon", "Accueil pour les démarches.", "anct"),
      make("fs:2", "structure", "Maison des services publics", "Un accueil pour la France entière.", "anct"),
      make("fs:3", "structure", "Point d'accueil", "Les services de l'État en France.", "anct"),
      make("p:1", "structure", "Accueil", "Atelier numérique, espace dédié, plus tard.", "anct"),
      make("p:2", "structure", "Accueil", "Espace numérique, atelier dédié, plus tard.", "anct"),
      make("bourse:1", "aide", "Bourse au mérite", "Une bourse pour les étudiants.", "service-public"),
      make("aide:1", "aide", "Aide à domicile : financement", "Une aide pour les services à domicile.",
           "service-public"),
      make("aide:2", "aide", "Aide au domicile des seniors", "Services pour rester chez soi : aide ménagère.",
           "service-public"),
  };
  all[9].codes["rncp"] = {"35400"};
  all[0].codes["rome"] = {"J1506"};
  all[1].codes["rome"] = {"J1505"};
  all[1].codes["rome_related"] = {"J1506"};
  all[14].codes["certifinfo"] = {"76575"};
  all[15].codes["formacode"] = {"22403"};
  all[13].codes["rs"] = {"1234"};
  return all;
}

class QueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto w = IndexWriter::open(*dir_ / "db", IndexWriter::Mode::kRebuild);
    ASSERT_TRUE(w.ok());
    for (const auto& r : resources()) ASSERT_TRUE((*w)->add(r).ok()) << r.id;
    ASSERT_TRUE((*w)->commit().ok());
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override {
    auto s = Searcher::open(*dir_ / "db");
    ASSERT_TRUE(s.ok()) << s.status().message();
    searcher_ = std::move(*s);
  }

  SearchResponse search(const std::string& text) {
    SearchRequest req;
    req.text = text;
    req.detect_places = false;
    auto r = searcher_->search(req);
    EXPECT_TRUE(r.ok()) << text << ": " << r.status().message();
    return r.ok() ? *r : SearchResponse();
  }

  std::string first(const std::string& text) {
    SearchResponse r = search(text);
    return r.hits.empty() ? "" : r.hits[0].id;
  }

  static testing::TempDir* dir_;
  std::unique_ptr<Searcher> searcher_;
};
testing::TempDir* QueryTest::dir_ = nullptr;

// Regression test for issue 17: a quoted phrase holding a stopword, an
// elision or a word with several forms failed with Xapian's
// "OP_NEAR and OP_PHRASE only currently support leaf subqueries".
TEST_F(QueryTest, PhrasesWithStopwordsElisionsAndFormsWork) {
  EXPECT_EQ(first("\"conseiller en insertion\""), "rome:K1201");
  EXPECT_EQ(first("\"conseillere en insertion\""), "rome:K1201");  // feminine, no accent
  EXPECT_EQ(first("\"validation des acquis de l'experience\""), "onisep:FOR.3");
  EXPECT_EQ(first("\"Validation des acquis de l’expérience\""), "onisep:FOR.3");
  EXPECT_EQ(first("\"aide a domicile\""), "aide:1");
  // The apostrophe typed as a space: the elided "l" is no word of its own.
  EXPECT_EQ(first("\"validation des acquis de l experience\""), "onisep:FOR.3");
  EXPECT_EQ(search("\"acquis de l experience\"").total, 1u);
  search("\"de la\"");
  search("\"l'\"");
  search("-\"conseiller en insertion\" conseiller");
  // Words in another order are not the phrase.
  EXPECT_EQ(search("\"insertion conseiller\"").total, 0u);
  // A phrase's function words are matched, not marked: every text has "à".
  SearchResponse home = search("\"aide a domicile\"");
  ASSERT_FALSE(home.hits.empty());
  const std::string& snippet = home.hits[0].snippet;
  EXPECT_NE(snippet.find("<mark>domicile</mark>"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("<mark>à</mark>"), std::string::npos) << snippet;
}

TEST_F(QueryTest, CodesFindTheirResourceFirst) {
  EXPECT_EQ(first("J1506"), "rome:J1506");
  EXPECT_EQ(first("j1506"), "rome:J1506");
  EXPECT_EQ(first("rome:J1506"), "rome:J1506");
  EXPECT_EQ(first("RNCP35400"), "onisep:FOR.271");
  EXPECT_EQ(first("rncp 35400"), "onisep:FOR.271");
  EXPECT_EQ(first("RNCP 35400"), "onisep:FOR.271");
  EXPECT_EQ(first("rncp:35400"), "onisep:FOR.271");
  EXPECT_EQ(first("RS1234"), "onisep:FOR.4");
  EXPECT_EQ(first("onisep:FOR.271"), "onisep:FOR.271");  // an id as spro-search prints it
  EXPECT_EQ(first("certifinfo:76575"), "certifinfo:76575");
  EXPECT_EQ(first("76575"), "certifinfo:76575");
  EXPECT_EQ(first("22403"), "lheo:1");  // a Formacode
  // A code with words: the words still count.
  EXPECT_EQ(first("J1506 bloc"), "rome:J1506");
  // An unknown code is not a typo to correct.
  EXPECT_TRUE(search("RNCP99999").corrected_query.empty());
}

TEST_F(QueryTest, WordsAroundTheWordsDoNotMatchTitles) {
  SearchResponse r = search("devenir pompier");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "rome:K1707");
  for (const Hit& h : r.hits) EXPECT_NE(h.id, "rome:K2111") << "Devenir formateur";
  EXPECT_EQ(first("je veux devenir infirmier"), "rome:J1501");
  EXPECT_EQ(first("comment devenir boulanger"), "rome:D1102");
  EXPECT_EQ(first("boulanger pres de"), "rome:D1102");
  // Nothing but such words: they are the query.
  EXPECT_EQ(first("devenir"), "rome:K2111");
}

TEST_F(QueryTest, IntentWordsPreferAKindNeverASource) {
  // "devenir cuisinier": the CAP mentions "Devenir cuisinier"; without the
  // word "devenir" it still comes, as a formation (an intent kind).
  SearchResponse r = search("devenir cuisinier");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "onisep:FOR.4");
}

TEST_F(QueryTest, CorrectionsOnlyWhenConfident) {
  EXPECT_NE(search("infirmeire").corrected_query.find("infirmi"), std::string::npos);
  EXPECT_NE(search("boulenger").corrected_query.find("boulanger"), std::string::npos);
  EXPECT_NE(search("mecanitien").corrected_query, "");
  EXPECT_EQ(search("nurse training").corrected_query, "");
  EXPECT_EQ(search("how to become a nurse").corrected_query, "");
  SearchResponse z = search("zzqxw");
  EXPECT_EQ(z.corrected_query, "");
  EXPECT_EQ(z.total, 0u);
  // Short words are bent only one letter: "nurse" is two from "bourse".
  EXPECT_EQ(search("nurse").corrected_query, "");
  EXPECT_EQ(search("boursse").corrected_query, "bourse");
  EXPECT_EQ(search("soinz").corrected_query, "soins");
  // A correction must find something: "bourse" and "bloc" are both known,
  // but no resource holds them together.
  EXPECT_EQ(search("bourse blocc").corrected_query, "");
}

TEST_F(QueryTest, LastWordMayBeAPrefix) {
  EXPECT_EQ(first("mecanicien auto"), "rome:I1604");
  EXPECT_EQ(first("boulang"), "rome:D1102");
  // Typed to its end (a space after it), a word is a word.
  EXPECT_EQ(search("mecanicien autom").total, 1u);
  EXPECT_EQ(search("mecanicien autom ").interpreted.count("relaxed"), 1u);  // no resource with both
}

TEST_F(QueryTest, AcronymsOfDiplomaTitles) {
  EXPECT_EQ(first("bts sio"), "onisep:FOR.1");
  EXPECT_EQ(first("sisr"), "onisep:FOR.1");  // its option
  EXPECT_EQ(first("master meef"), "onisep:FOR.2");
  EXPECT_EQ(first("meef"), "onisep:FOR.2");
}

TEST_F(QueryTest, WordsTypedTogetherRankTogether) {
  // The same words, side by side in one, apart in the other (which wins
  // ties, by id).
  EXPECT_EQ(first("espace numerique"), "p:2");
  EXPECT_EQ(first("numerique espace"), "p:1");
  SearchResponse r = search("aide domicile");
  ASSERT_GE(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].id, "aide:1");
}

// Issue 18: the cost of a query is bounded whatever is typed.
TEST_F(QueryTest, HostileWildcardsAreBoundedAndAnswered) {
  SearchResponse r = search("a* b* c* d* e* f* g* h* i* l* m* n* o* p* r* s* t* v*");
  std::string many;
  for (char a = 'a'; a <= 'z'; ++a) {
    for (char b = 'a'; b <= 'h'; ++b) many += std::string(many.empty() ? "" : " OR ") + a + b + "*";
  }
  r = search(many);
  EXPECT_FALSE(r.notices.empty());
}

TEST_F(QueryTest, TimeLimitReturnsWhatWasFoundWithANotice) {
  SearcherOptions options;
  options.match_time_limit_ms = 1e-9;
  auto s = Searcher::open(*dir_ / "db", options);
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.text = "soin*";  // wildcards (or many words) run with the limit
  auto r = (*s)->search(req);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->total_exact);
  ASSERT_FALSE(r->notices.empty());
  EXPECT_NE(r->notices.back().find("too long"), std::string::npos);
  // Without a limit, the same search is complete.
  options.match_time_limit_ms = 0;
  s = Searcher::open(*dir_ / "db", options);
  r = (*s)->search(req);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->notices.empty());
  EXPECT_EQ(r->hits.size(), 3u);
  // A plain query of a few words is cheap by construction: no limit.
  options.match_time_limit_ms = 1e-9;
  s = Searcher::open(*dir_ / "db", options);
  req.text = "soins";
  r = (*s)->search(req);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->notices.empty());
}

// Property: whatever is typed in the search box, the answer is a result or
// a bad request, never an internal error. Queries are drawn from the
// search-box grammar over the index's words and junk, seeded.
TEST_F(QueryTest, AnyQueryIsAnsweredProperty) {
  std::vector<std::string> words;
  for (const auto& r : resources()) {
    std::string w;
    for (char c : r.title + " " + r.summary) {
      if (c == ' ' || c == ',' || c == '.' || c == ':') {
        if (!w.empty()) words.push_back(w);
        w.clear();
      } else {
        w += c;
      }
    }
  }
  const std::vector<std::string> extra = {
      "J1506", "rome:J1506", "RNCP35400", "rncp", "35400", "RS1234", "onisep:FOR.271", "22403", "76575",
      "marseille", "13008", "Lyon", "de", "la", "l'", "d'", "qu'", "é", "œuvre", "B.T.S.", "infirmier·ère",
      "aide-soignant", "\xff\xfe", "\xc3", "%", "&&", "||", "(", ")", "((((", "NEAR", "AND", "NOT", "OR",
      "titre:", "metier:", "métier:", "http:", "10:30", "*", "**", "-", "--", "\"", "'", "’", "…", "\t", "zzqxw"};
  words.insert(words.end(), extra.begin(), extra.end());
  std::mt19937 rng(20261202);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  auto word = [&] { return words[pick(words.size())]; };
  auto clause = [&]() -> std::string {
    switch (pick(9)) {
      case 0: {
        std::string p = "\"";
        for (size_t n = 1 + pick(4); n > 0; --n) p += word() + (n > 1 ? " " : "");
        return p + (pick(5) ? "\"" : "");  // sometimes unbalanced
      }
      case 1: return "-" + word();
      case 2: return word() + " OR " + word();
      case 3: return (pick(2) ? "titre:" : "metier:") + word();
      case 4: return word().substr(0, 1 + pick(3)) + "*";
      case 5: return "(" + word();
      case 6: return word() + ")";
      default: return word();
    }
  };
  size_t errors = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string q;
    for (size_t n = pick(7); n > 0; --n) q += clause() + (pick(6) ? " " : "");
    SearchRequest req;
    req.text = q;
    req.detect_places = pick(2);
    req.facets = pick(4) == 0;
    auto r = searcher_->search(req);
    if (!r.ok() && r.status().code() != Status::Code::kInvalidArgument) {
      ADD_FAILURE() << "query '" << q << "': " << r.status().message();
      if (++errors > 5) break;
    }
  }
}

// Neutrality (issue 17 item 12): the same resource published under each
// source name scores the same, whatever the name: a partner's name that is
// also a query word, or one that sorts first, wins nothing.
TEST(NeutralityOfSources, IdenticalResourcesTieWhateverTheSourceName) {
  const std::vector<std::string> sources = {
      "france-travail", "onisep", "carif-oref", "mission-locale", "crij", "service-public", "anct", "region",
      "aides-jeunes", "certifinfo", "rome", "lheo", "cuisine", "a", "zzz", "0", "cap-cuisine", "marseille"};
  testing::TempDir tmp;
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(w.ok());
  for (size_t i = 0; i < sources.size(); ++i) {
    Resource r = make("x:" + std::to_string(100 + i), "formation", "CAP Cuisine",
                      "Apprendre la cuisine en alternance à Marseille.", sources[i]);
    ASSERT_TRUE((*w)->add(r).ok());
  }
  ASSERT_TRUE((*w)->add(make("y:1", "formation", "Cuisine du monde", "", "onisep")).ok());
  ASSERT_TRUE((*w)->commit().ok());
  auto s = Searcher::open(tmp / "db");
  ASSERT_TRUE(s.ok());
  for (std::string text : {"cuisine", "cap cuisine", "cuisine alternance", "cuisine onisep", "apprendre cuisine marseille"}) {
    SearchRequest req;
    req.text = text;
    req.limit = 100;
    req.detect_places = false;
    req.group_identical = false;  // identical resources would be one grouped hit
    auto r = (*s)->search(req);
    ASSERT_TRUE(r.ok());
    std::vector<const Hit*> same;
    for (const Hit& h : r->hits) {
      if (h.id.starts_with("x:")) same.push_back(&h);
    }
    ASSERT_EQ(same.size(), sources.size()) << text;
    for (const Hit* h : same) EXPECT_DOUBLE_EQ(h->score, same[0]->score) << text << ": " << h->source;
    // Ties by id: the order of the ids, not of the sources.
    for (size_t i = 1; i < same.size(); ++i) EXPECT_LT(same[i - 1]->id, same[i]->id) << text;
  }
}

// "formation soudeur", "soudeur en alternance": the person wants trainings.
// Neither "formation" nor "alternance" is a word a welding training's title
// holds; required, they put first a diving job whose text happens to say
// "formation" and "soudure". Both still weigh where they are found.
// "formation" says what is wanted only first in the query: further on it
// is part of a name ("responsable de formation").
TEST(QueryWordsOfTraining, FormationAndAlternanceSayWhatIsWantedNotWordsToRequire) {
  testing::TempDir tmp;
  auto w = IndexWriter::open(tmp / "db", IndexWriter::Mode::kRebuild);
  ASSERT_TRUE(w.ok());
  std::vector<Resource> all = {
      make("rome:I1502", "metier", "Scaphandrier / Scaphandrière",
           "Des habilitations (soudeur, explosifs) peuvent être exigées. La formation PSC1 est requise.",
           "france-travail"),
      make("onisep:FOR.6952", "formation", "TP Soudeur assembleur industriel", "Titre professionnel, 1 an."),
      make("lheo:2", "formation", "TP Soudeur assembleur industriel", "Titre professionnel, 1 an.", "carif-oref"),
      make("x:organisme", "certification", "Organisme de protection sociale : dirigeant", "", "certifinfo"),
      make("x:of", "certification", "Qualité en organisme de formation", "", "certifinfo"),
      make("sp:location", "document", "Contrat de location", "", "service-public"),
      make("sp:alternance", "document", "Contrat en alternance", "", "service-public"),
  };
  all[2].modalities = {"presentiel", "alternance"};
  for (const Resource& r : all) ASSERT_TRUE((*w)->add(r).ok());
  ASSERT_TRUE((*w)->commit().ok());
  auto s = Searcher::open(tmp / "db");
  ASSERT_TRUE(s.ok());
  auto ids = [&](const std::string& text) {
    SearchRequest req;
    req.text = text;
    req.group_identical = false;
    auto r = (*s)->search(req);
    EXPECT_TRUE(r.ok()) << text;
    std::vector<std::string> out;
    if (r.ok()) {
      for (const Hit& h : r->hits) out.push_back(h.id);
    }
    return out;
  };
  for (std::string text : {"formation soudeur", "Formations soudeur", "soudeur en alternance", "formation à distance soudeur"}) {
    std::vector<std::string> got = ids(text);
    ASSERT_EQ(got.size(), 3u) << text;  // every resource with "soudeur", none required to say more
    EXPECT_EQ(got.back(), "rome:I1502") << text;
  }
  // Taught in alternance: that training before the same one taught otherwise.
  EXPECT_EQ(ids("soudeur en alternance").front(), "lheo:2");
  EXPECT_EQ(ids("soudeur alternance").front(), "lheo:2");
  // Not required, these words still weigh where a resource holds them.
  EXPECT_EQ(ids("formation organisme").front(), "x:of");
  // Further on, "formation" is part of a name: what holds it comes first
  // (the page then goes on with some words only).
  EXPECT_EQ(ids("organisme de formation").front(), "x:of");
  EXPECT_EQ(ids("soudeur formation").front(), "rome:I1502");
  EXPECT_EQ(ids("contrat alternance"), (std::vector<std::string>{"sp:alternance", "sp:location"}));
  // The word alone is the query.
  EXPECT_EQ(ids("formation").size(), 2u);
  EXPECT_EQ(ids("alternance"), std::vector<std::string>{"sp:alternance"});
}

TEST(QueryWords, BuiltinListParsesAndFindsLongestPhrases) {
  auto parsed = search::QueryWords::parse("[drop]\nje veux\nje\n[kind metier formation]\ndevenir\n[foreign]\nhow\n", "t");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  Analyzer analyzer;
  auto found = parsed->find(analyzer.analyze("Je veux devenir pompier"));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].end - found[0].begin, 2u);
  EXPECT_EQ(found[1].kinds, (std::vector<std::string>{"metier", "formation"}));
  EXPECT_TRUE(parsed->is_foreign("how"));
  EXPECT_FALSE(search::QueryWords::parse("je veux\n", "t").ok());
  EXPECT_FALSE(search::QueryWords::parse("[kind nothing]\n", "t").ok());
  auto bad_modality = search::QueryWords::parse("[drop]\nje\n[modality teleportation]\nen vol\n", "t");
  ASSERT_FALSE(bad_modality.ok());
  EXPECT_EQ(bad_modality.status().message(), "t:3: unknown modality 'teleportation'");
  EXPECT_FALSE(search::QueryWords::parse("[names]\nformation\n", "t").ok());
  // The built-in file parses (builtin() would silently be empty otherwise).
  auto text = testing::read_file(std::string(SPRO_SOURCE_DIR) + "/data/query/around-words.txt");
  ASSERT_FALSE(text.empty());
  auto builtin = search::QueryWords::parse(text, "around-words.txt");
  EXPECT_TRUE(builtin.ok()) << builtin.status().message();
  EXPECT_FALSE(search::QueryWords::builtin().find(analyzer.analyze("comment devenir")).empty());
}

}  // namespace
}  // namespace spro
