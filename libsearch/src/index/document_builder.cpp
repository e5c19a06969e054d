#include "index/document_builder.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "index/record.h"
#include "index/schema.h"
#include "spro/thesaurus.h"

namespace spro::schema {
namespace {

// Positions of successive fields are kept apart so a phrase never matches
// across two fields ("... infirmier" + "Diplôme ...").
constexpr Xapian::termpos kFieldGap = 100;

// A word worth proposing as a spelling correction.
bool is_spelling_word(const Token& t) {
  bool has_letter = std::any_of(t.word.begin(), t.word.end(), [](char c) { return !std::isdigit(static_cast<unsigned char>(c)); });
  return !t.stopword && has_letter && t.word.size() >= 3;
}

// Acronyms of a diploma or programme title from the first letters of its
// words: "BTS Services informatiques aux organisations option A solutions
// d'infrastructure, systèmes et réseaux" gives bsi, bsio, sio (and sis,
// sisr for its option), "Master métiers de l'enseignement, de l'éducation
// et de la formation" gives meef. The title is cut into parts at brackets,
// colons, " - ", and before option, mention, parcours, spécialité; each
// part gives the prefixes (3 to 8 letters) of its initials, from its first
// word and from its second (after the diploma type). Stopwords and numbers
// have no letter.
std::vector<std::string> title_acronyms(std::string_view title, const std::vector<Token>& tokens) {
  constexpr size_t kMin = 3;
  constexpr size_t kMax = 8;
  std::vector<std::string> out;
  auto emit = [&](const std::string& initials) {
    for (size_t start = 0; start < 2 && start + kMin <= initials.size(); ++start) {
      for (size_t n = kMin; start + n <= initials.size() && n <= kMax; ++n) {
        std::string a = initials.substr(start, n);
        if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(std::move(a));
      }
    }
  };
  std::string initials;
  size_t previous_end = 0;
  for (const Token& t : tokens) {
    std::string_view between = title.substr(std::min(previous_end, title.size()),
                                            t.begin > previous_end ? t.begin - previous_end : 0);
    previous_end = t.end;
    std::string folded = Analyzer::fold(t.word);
    bool cut = between.find_first_of("():/") != std::string_view::npos || between.find(" - ") != std::string_view::npos;
    bool part_word = folded == "option" || folded == "mention" || folded == "parcours" || folded == "specialite";
    if (cut || part_word) {
      emit(initials);
      initials.clear();
    }
    if (part_word || t.stopword || folded.empty() || folded[0] < 'a' || folded[0] > 'z') continue;
    initials += folded[0];
  }
  emit(initials);
  return out;
}

class TextIndexer {
 public:
  TextIndexer(Xapian::Document& doc, const Analyzer& analyzer) : doc_(doc), analyzer_(analyzer) {}

  // Indexes one field; its spelling words go to `spelling` when given.
  void index(std::string_view text, Xapian::termcount weight, std::string_view prefix = {},
             std::vector<std::string>* spelling = nullptr) {
    if (text.empty()) return;
    auto tokens = analyzer_.analyze(text, next_position_);
    for (const Token& t : tokens) {
      for (const std::string& term : t.terms) {
        doc_.add_posting(term, t.position + 1, weight);
        if (!prefix.empty()) doc_.add_term(std::string(prefix) + term, weight);
      }
      if (spelling && is_spelling_word(t)) spelling->push_back(t.word);
      next_position_ = t.position + 1;
    }
    for (const auto& form : Thesaurus::builtin().phrases_in(tokens)) {
      if (std::string term = phrase_term(form); term.size() <= kMaxKeyBytes) doc_.add_term(term, weight);
    }
    next_position_ += kFieldGap;
  }

 private:
  Xapian::Document& doc_;
  const Analyzer& analyzer_;
  Xapian::termpos next_position_ = 0;
};

}  // namespace

Xapian::Document build_document(const Resource& r, const Analyzer& analyzer, std::vector<std::string>* spelling) {
  Xapian::Document doc;
  doc.add_value(kSlotRecord, encode_record(r));
  if (!r.body.empty()) doc.add_value(kSlotBody, r.body);

  doc.add_boolean_term(std::string(kId) + r.id);
  doc.add_boolean_term(std::string(kKind) + r.kind);
  if (!r.source.empty()) doc.add_boolean_term(std::string(kSource) + r.source);
  for (const auto& p : r.publics) doc.add_boolean_term(std::string(kPublic) + p);
  for (int l : r.levels) doc.add_boolean_term(std::string(kLevel) + std::to_string(l));
  for (const auto& m : r.modalities) doc.add_boolean_term(std::string(kModality) + m);
  for (const auto& t : territory_terms(r)) doc.add_boolean_term(t);
  for (const auto& [type, values] : r.codes) {
    for (const auto& v : values) doc.add_boolean_term(std::string(kCode) + type + ":" + v);
  }

  TextIndexer text(doc, analyzer);
  text.index(r.title, kTitleWeight, kTitle, spelling);
  if (r.kind == "formation" || r.kind == "certification") {
    for (const std::string& a : title_acronyms(r.title, analyzer.analyze(r.title))) {
      doc.add_term(std::string(kAcronym) + a, kTitleWeight);
    }
  }
  for (const auto& k : r.keywords) text.index(k, kKeywordWeight, {}, spelling);
  text.index(r.summary, kTextWeight, {}, spelling);
  text.index(r.body, kTextWeight);
  text.index(r.address, kTextWeight);
  // Codes are searchable as words too: typing "J1506" finds the sheet.
  for (const auto& [type, values] : r.codes) {
    for (const auto& v : values) text.index(v, kTextWeight);
  }

  Resource own_title;
  own_title.title = r.title;
  const std::vector<std::string> own_titles = completion_titles(own_title);  // the title and its sides
  for (const std::string& title : completion_titles(r)) {
    bool own = std::find(own_titles.begin(), own_titles.end(), title) != own_titles.end();
    if (std::string key = exact_key(analyzer.analyze(title)); !key.empty()) {
      doc.add_boolean_term(std::string(own ? kExactTitle : kExactJobTitle) + key);
    }
    auto keys = completion_keys(Analyzer::fold(title));
    for (size_t i = 0; i < keys.size(); ++i) {
      doc.add_boolean_term(std::string(i == 0 ? kCompleteStart : kCompleteInner) + keys[i]);
    }
  }

  std::vector<std::string> levels;
  for (int l : r.levels) levels.push_back(std::to_string(l));
  doc.add_value(kSlotKind, r.kind);
  doc.add_value(kSlotSource, r.source);
  doc.add_value(kSlotPublics, join_list(r.publics));
  doc.add_value(kSlotLevels, join_list(levels));
  doc.add_value(kSlotDepartements, join_list(departements_of(r)));
  doc.add_value(kSlotUpdated, r.updated);
  doc.add_value(kSlotTitleSort, Analyzer::fold(r.title));
  doc.add_value(kSlotId, r.id);
  doc.add_value(kSlotStart, r.start);
  doc.add_value(kSlotCommunes, join_list(communes_of(r)));
  if (auto p = position_of(r)) {
    doc.add_value(kSlotLocation, Xapian::LatLongCoords(Xapian::LatLongCoord(p->lat, p->lon)).serialise());
    doc.add_boolean_term(grid_cell_term(*p));
  }
  return doc;
}

namespace {

// The spelling words build_document() collects, without building the
// document (for a resource about to be replaced or removed).
std::vector<std::string> spelling_words(const Resource& r, const Analyzer& analyzer) {
  std::vector<std::string> words;
  auto collect = [&](std::string_view text) {
    for (const Token& t : analyzer.analyze(text)) {
      if (is_spelling_word(t)) words.push_back(t.word);
    }
  };
  collect(r.title);
  for (const auto& k : r.keywords) collect(k);
  collect(r.summary);
  return words;
}

// Spelling suggestions come from a frequency table: a replaced or removed
// resource takes its words back out, so corrections never propose a word
// the index no longer holds.
void forget_spelling(Xapian::WritableDatabase& db, const std::string& id_term, const Analyzer& analyzer) {
  Xapian::PostingIterator p = db.postlist_begin(id_term);
  if (p == db.postlist_end(id_term)) return;
  Resource old = resource_of(db.get_document(*p), Body::kWithout);
  for (const auto& w : spelling_words(old, analyzer)) db.remove_spelling(Analyzer::fold(w));
}

}  // namespace

BuiltResource build_resource(const Resource& r, const Analyzer& analyzer) {
  BuiltResource built;
  built.id_term = std::string(kId) + r.id;
  built.document = build_document(r, analyzer, &built.spelling);
  return built;
}

void write_built(Xapian::WritableDatabase& db, const BuiltResource& built, const Analyzer& analyzer) {
  forget_spelling(db, built.id_term, analyzer);
  db.replace_document(built.id_term, built.document);
  for (const auto& w : built.spelling) {
    // Spelling data holds folded words, so a correction is found whatever
    // the accents; the synonym table remembers the accented form to show.
    std::string folded = Analyzer::fold(w);
    db.add_spelling(folded);
    if (folded != w) db.add_synonym(std::string(kAccentedForm) + folded, w);
  }
}

void write_resource(Xapian::WritableDatabase& db, const Resource& r, const Analyzer& analyzer) {
  write_built(db, build_resource(r, analyzer), analyzer);
}

bool erase_resource(Xapian::WritableDatabase& db, std::string_view id, const Analyzer& analyzer) {
  std::string term = std::string(kId) + std::string(id);
  if (db.get_termfreq(term) == 0) return false;
  forget_spelling(db, term, analyzer);
  db.delete_document(term);
  return true;
}

Resource resource_of(const Xapian::Document& doc, Body body) {
  Resource r;
  // The data was written by encode_record() of a valid resource, in an index
  // whose schema version was checked when it was opened.
  if (!decode_record(doc.get_value(kSlotRecord), r)) return Resource{};
  if (body == Body::kWith) r.body = doc.get_value(kSlotBody);
  return r;
}

}  // namespace spro::schema
