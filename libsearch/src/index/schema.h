// The index schema: the one place that says how a Resource is laid out in a
// Xapian document (term prefixes, value slots, document data). Internal.
//
// Bump kSchemaVersion whenever this layout changes: an index records the
// schema and analyzer versions it was built with, and opening one built with
// other versions fails with a message asking for a rebuild.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spro/analyzer.h"
#include "spro/resource.h"

namespace spro::schema {

constexpr int kSchemaVersion = 2;  // 2: binary records in value slots, grid cell terms

// Boolean (filter) term prefixes.
inline constexpr std::string_view kId = "Q";         // Qrome:J1506
inline constexpr std::string_view kKind = "K";       // Kformation
inline constexpr std::string_view kSource = "XS";    // XSonisep
inline constexpr std::string_view kPublic = "XP";    // XPjeune
inline constexpr std::string_view kLevel = "XL";     // XL4
// A resource located in or belonging to territory T carries "XT" + T and the
// same for every territory containing T. A resource serving the whole of T
// (a regional aid, a national online service) carries "XU" + T: a filter on a
// place inside T matches it too. See docs/resource-format.md.
inline constexpr std::string_view kInside = "XT";
inline constexpr std::string_view kCovers = "XU";
inline constexpr std::string_view kCode = "XC";      // XCrome:J1506 (code type:value)
// How a resource is followed (Resource::modalities): a pathway lists
// distance-learning trainings as a tier of their own. Indexes built before
// have no such terms (the tier is then empty): rebuild to get them.
inline constexpr std::string_view kModality = "XM";  // XMdistance

// Free-text term prefixes; unprefixed terms hold every field.
inline constexpr std::string_view kTitle = "XA";     // title words
// The whole title, or one side of "Masculin / Féminin", as its
// accent-folded words joined by spaces: an exact-title query ranks such
// resources first. Words, not stems: "cuisine" must not be the exact title
// "Cuisiniste". A job's other titles (its appellations) carry kExactJobTitle
// instead, ranked after: "infirmier" is the nurse's sheet before the sheets
// that list "Infirmier" among their job titles.
inline constexpr std::string_view kExactTitle = "XE";
inline constexpr std::string_view kExactJobTitle = "XF";
// Autocompletion keys: folded words of a title or appellation joined by
// spaces, from its first word (kCompleteStart) or from a later word
// (kCompleteInner), so "aide soi" and "soign" both complete Aide-soignant.
inline constexpr std::string_view kCompleteStart = "XK0";
inline constexpr std::string_view kCompleteInner = "XK1";
// Synonym-table key prefix: "XF" + folded word -> its accented form(s), to
// show spelling corrections with their accents.
inline constexpr std::string_view kAccentedForm = "XF";
// A resource with a position carries the term of its cell of a 0.25° grid
// (about 28 × 20 km in France): a radius query then measures distances only
// for the resources of the cells its circle overlaps, not for every one.
inline constexpr std::string_view kGridCell = "XG";  // XG181:21
// A multi-word form of the built-in thesaurus found in a field ("certificat
// d'aptitude professionnelle"), as its terms joined by spaces: the query
// "cap" then reads one posting list instead of running a phrase, which
// costs ten times a word query. Indexes record which forms every document
// was analysed for (kMetaPhrase); other forms stay phrases.
inline constexpr std::string_view kPhrase = "XW";  // XWcertificat aptitud professionnel
// Acronyms of diploma and programme titles from the first letters of their
// words ("BTS Services informatiques aux organisations": XYsio, XYbsio),
// for formations and certifications: "bts sio" finds it.
inline constexpr std::string_view kAcronym = "XY";
// Terms are limited to 245 bytes in Xapian; keys are cut before. What
// people type in a search box before picking a completion is short, so
// completion keys stop earlier (fewer, shorter terms to index).
constexpr size_t kMaxKeyBytes = 200;
constexpr size_t kMaxCompletionKeyBytes = 80;

// Weights of free-text fields, as within-document frequency increments:
// a title word counts as three body words.
constexpr Xapian::termcount kTitleWeight = 3;
constexpr Xapian::termcount kKeywordWeight = 2;
constexpr Xapian::termcount kTextWeight = 1;

// Value slots. List-valued slots hold the values joined by '\n'.
enum Slot : Xapian::valueno {
  kSlotKind = 0,
  kSlotSource = 1,
  kSlotPublics = 2,
  kSlotLevels = 3,
  kSlotDepartements = 4,
  kSlotUpdated = 5,
  kSlotTitleSort = 6,
  kSlotId = 7,
  kSlotStart = 8,
  kSlotLocation = 9,   // Xapian::LatLongCoords, serialised
  kSlotCommunes = 10,  // the communes a resource is in (com:NNNNN)
  kSlotRecord = 11,    // the resource but its body (index/record.h)
  kSlotBody = 12,      // the body
};

// Metadata keys.
inline constexpr std::string_view kMetaSchema = "spro.schema";
inline constexpr std::string_view kMetaAnalyzer = "spro.analyzer";
inline constexpr std::string_view kMetaPhrase = "spro.phrase:";  // + form: its kPhrase term is complete

// Records the schema and analyzer versions an index is built with.
void write_versions(Xapian::WritableDatabase& db);
// Incompatible (naming `where` and the versions found) unless `db` was
// built with this schema and analyzer; the writer and the searcher share it.
Status check_versions(const Xapian::Database& db, std::string_view where);

// The kPhrase term of a thesaurus form.
std::string phrase_term(const std::vector<std::string>& form);
// Records which forms have complete kPhrase terms: every built-in one when
// `fresh` (every document was written by this build), else those already
// recorded that the built-in thesaurus still has (older documents were
// analysed for the recorded ones, newer ones for the built-in ones).
void write_phrase_forms(Xapian::WritableDatabase& db, bool fresh);
// True when every document holding the phrase `form` holds its kPhrase term.
bool phrase_form_indexed(const Xapian::Database& db, const std::vector<std::string>& form);

std::string join_list(const std::vector<std::string>& values);
std::vector<std::string_view> split_list(std::string_view joined);

// The titles a resource can be found by exactly, and completed to: its
// title, the sides of a "Masculin / Féminin" title, and for job sheets
// their appellations (keywords).
std::vector<std::string> completion_titles(const Resource& r);

// The exact-title key of analysed words (see kExactTitle); empty if none.
std::string exact_key(const std::vector<Token>& tokens);

// The completion keys of a title: folded words from each word on.
std::vector<std::string> completion_keys(std::string_view folded_title);

// The territory terms a resource carries (kInside / kCovers, with ancestors).
std::vector<std::string> territory_terms(const Resource& r);

// The terms matched by a filter on one territory code (see kInside).
std::vector<std::string> territory_filter_terms(std::string_view code, bool include_wider);

// The départements a resource is in or covers, for the territory facet.
std::vector<std::string> departements_of(const Resource& r);
// The communes a resource is in (an arrondissement counts for its commune
// too), for the commune facet.
std::vector<std::string> communes_of(const Resource& r);
// Where a resource is: its location, or else the centre of its first commune.
std::optional<GeoPoint> position_of(const Resource& r);

// The grid cell term of a position (kGridCell).
std::string grid_cell_term(const GeoPoint& p);
// The terms of every cell a circle overlaps; empty when there would be too
// many of them (a radius of hundreds of km) or near a pole: then the
// distance alone filters.
std::vector<std::string> grid_cell_terms(const GeoPoint& centre, double radius_km);

}  // namespace spro::schema
