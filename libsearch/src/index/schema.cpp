#include "index/schema.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <set>

#include "spro/analyzer.h"
#include "spro/territory.h"
#include "spro/thesaurus.h"
#include "territory/territory.h"

namespace spro::schema {

void write_versions(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(kMetaSchema), std::to_string(kSchemaVersion));
  db.set_metadata(std::string(kMetaAnalyzer), std::to_string(Analyzer::kVersion));
}

std::string phrase_term(const std::vector<std::string>& form) {
  std::string term(kPhrase);
  for (size_t i = 0; i < form.size(); ++i) term += (i ? " " : "") + form[i];
  return term;
}

void write_phrase_forms(Xapian::WritableDatabase& db, bool fresh) {
  std::set<std::string> builtin;
  for (const auto& form : Thesaurus::builtin().phrases()) {
    if (std::string term = phrase_term(form); term.size() <= kMaxKeyBytes) builtin.insert(std::string(kMetaPhrase) + term);
  }
  std::vector<std::string> recorded;
  for (auto k = db.metadata_keys_begin(std::string(kMetaPhrase)); k != db.metadata_keys_end(std::string(kMetaPhrase)); ++k) {
    recorded.push_back(*k);
  }
  for (const auto& key : recorded) {
    if (!builtin.contains(key)) db.set_metadata(key, "");  // removes it
  }
  if (fresh) {
    for (const auto& key : builtin) db.set_metadata(key, "1");
  }
}

bool phrase_form_indexed(const Xapian::Database& db, const std::vector<std::string>& form) {
  return !db.get_metadata(std::string(kMetaPhrase) + phrase_term(form)).empty();
}

Status check_versions(const Xapian::Database& db, std::string_view where) {
  std::string s = db.get_metadata(std::string(kMetaSchema));
  std::string a = db.get_metadata(std::string(kMetaAnalyzer));
  if (s != std::to_string(kSchemaVersion) || a != std::to_string(Analyzer::kVersion)) {
    return Status::incompatible("index " + std::string(where) + " was built by another version of spro-search (schema " +
                                (s.empty() ? "?" : s) + ", analyzer " + (a.empty() ? "?" : a) +
                                "); rebuild it with spro-index build");
  }
  return Status();
}

std::string join_list(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += '\n';
    out += v;
  }
  return out;
}

std::vector<std::string_view> split_list(std::string_view joined) {
  std::vector<std::string_view> out;
  while (!joined.empty()) {
    size_t nl = joined.find('\n');
    out.push_back(joined.substr(0, nl));
    if (nl == std::string_view::npos) break;
    joined.remove_prefix(nl + 1);
  }
  return out;
}

std::vector<std::string> completion_titles(const Resource& r) {
  std::vector<std::string> titles{r.title};
  if (r.kind == "metier") titles.insert(titles.end(), r.keywords.begin(), r.keywords.end());
  std::vector<std::string> out;
  for (const auto& t : titles) {
    out.push_back(t);
    // "Coiffeur / Coiffeuse": each side is a title of its own.
    size_t start = 0;
    std::vector<std::string> sides;
    for (size_t slash = t.find(" / "); slash != std::string::npos; slash = t.find(" / ", start)) {
      sides.push_back(t.substr(start, slash - start));
      start = slash + 3;
    }
    if (start == 0) continue;
    sides.push_back(t.substr(start));
    // ROME writes the words after the job once, on the last side:
    // "Infirmier / Infirmière scolaire" is "Infirmier scolaire" too.
    const std::string& last = sides.back();
    size_t words_before = 0;
    for (size_t i = 0; i + 1 < sides.size(); ++i) {
      words_before = std::max<size_t>(words_before, 1 + std::count(sides[i].begin(), sides[i].end(), ' '));
    }
    size_t cut = 0;
    for (size_t w = 0; w < words_before && cut != std::string::npos; ++w) cut = last.find(' ', cut + (w > 0));
    std::string rest = cut == std::string::npos ? std::string() : last.substr(cut);
    for (size_t i = 0; i + 1 < sides.size(); ++i) {
      bool has_rest = !rest.empty() && 1 + std::count(sides[i].begin(), sides[i].end(), ' ') == static_cast<long>(words_before);
      out.push_back(has_rest ? sides[i] + rest : sides[i]);
    }
    out.push_back(last);
  }
  return out;
}

std::string exact_key(const std::vector<Token>& tokens) {
  std::string key;
  for (const Token& token : tokens) {
    std::string t = Analyzer::fold(token.word);
    if (key.size() + t.size() + 1 > kMaxKeyBytes) break;
    if (!key.empty()) key += ' ';
    key += t;
  }
  return key;
}

std::vector<std::string> completion_keys(std::string_view folded) {
  // Words: runs of letters and digits; everything else separates.
  std::vector<std::string> words;
  std::string cur;
  for (char c : folded) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      cur += c;
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  std::vector<std::string> keys;
  for (size_t i = 0; i < words.size(); ++i) {
    // Nobody starts typing at "de" or "d": inner keys start at real words.
    if (i > 0 && (words[i].size() < 3 || Analyzer::is_stopword(words[i]))) continue;
    std::string key;
    for (size_t k = i; k < words.size() && key.size() + words[k].size() + 1 <= kMaxCompletionKeyBytes; ++k) {
      if (!key.empty()) key += ' ';
      key += words[k];
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

std::vector<std::string> territory_terms(const Resource& r) {
  std::set<std::string> terms;
  for (const auto& code : r.territories) {
    // A resource belongs to its territory and, through it, to every
    // territory containing it; and it serves all of its own territory.
    for (const auto& t : territory::with_ancestors(code)) terms.insert(std::string(kInside) + t);
    terms.insert(std::string(kCovers) + code);
  }
  return {terms.begin(), terms.end()};
}

std::vector<std::string> territory_filter_terms(std::string_view code, bool include_wider) {
  std::vector<std::string> terms{std::string(kInside) + std::string(code)};
  if (include_wider) {
    for (const auto& t : territory::with_ancestors(code)) terms.push_back(std::string(kCovers) + t);
  }
  return terms;
}

std::vector<std::string> communes_of(const Resource& r) {
  std::set<std::string> communes;
  for (const auto& code : r.territories) {
    if (!code.starts_with("com:")) continue;
    for (const auto& t : territory::with_ancestors(code)) {
      if (t.starts_with("com:")) communes.insert(t);
    }
  }
  return {communes.begin(), communes.end()};
}

std::optional<GeoPoint> position_of(const Resource& r) {
  if (r.location) return r.location;
  for (const auto& code : r.territories) {
    if (!code.starts_with("com:")) continue;
    if (auto p = find_territory(code); p && p->center) return p->center;
  }
  return std::nullopt;
}

namespace {

constexpr double kCellDegrees = 0.25;
constexpr int kCellsPerTurn = 1440;  // 360 / kCellDegrees
constexpr size_t kMaxQueryCells = 1024;

std::string cell_term(long row, long column) {
  // Longitude wraps around the antimeridian.
  column = ((column + kCellsPerTurn / 2) % kCellsPerTurn + kCellsPerTurn) % kCellsPerTurn - kCellsPerTurn / 2;
  return std::string(kGridCell) + std::to_string(row) + ":" + std::to_string(column);
}

long cell_of(double degrees) { return static_cast<long>(std::floor(degrees / kCellDegrees)); }

}  // namespace

std::string grid_cell_term(const GeoPoint& p) { return cell_term(cell_of(p.lat), cell_of(p.lon)); }

std::vector<std::string> grid_cell_terms(const GeoPoint& centre, double radius_km) {
  // Kilometres per degree of latitude, on the smallest sphere Xapian's or
  // our distance use, so the box always contains the circle.
  constexpr double kKmPerDegree = 6371.0 * M_PI / 180;
  const double dlat = radius_km / kKmPerDegree * 1.01;
  if (std::abs(centre.lat) + dlat >= 89) return {};
  const double widest = std::cos((std::abs(centre.lat) + dlat) * M_PI / 180);
  const double dlon = radius_km / (kKmPerDegree * widest) * 1.01;
  if (dlon >= 180) return {};
  const long row0 = cell_of(centre.lat - dlat), row1 = cell_of(centre.lat + dlat);
  const long col0 = cell_of(centre.lon - dlon), col1 = cell_of(centre.lon + dlon);
  if (static_cast<size_t>((row1 - row0 + 1) * (col1 - col0 + 1)) > kMaxQueryCells) return {};
  std::vector<std::string> terms;
  for (long row = row0; row <= row1; ++row) {
    for (long col = col0; col <= col1; ++col) terms.push_back(cell_term(row, col));
  }
  return terms;
}

std::vector<std::string> departements_of(const Resource& r) {
  std::set<std::string> deps;
  for (const auto& code : r.territories) {
    for (const auto& t : territory::with_ancestors(code)) {
      if (t.starts_with("dep:")) deps.insert(t);
    }
  }
  return {deps.begin(), deps.end()};
}

}  // namespace spro::schema
