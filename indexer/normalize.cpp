#include "normalize.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "spro/analyzer.h"
#include "spro/territory.h"

namespace spro::indexer {

// Xapian refuses terms over 245 bytes; a word is cut before, leaving room
// for the field prefixes and for stemming.
constexpr size_t kMaxWordBytes = 200;
constexpr size_t kMaxTitleBytes = 2000;

// Defined in the file CMake generates from data/vocabularies.
extern const char* const kBuiltinPublics;
extern const char* const kBuiltinLevels;

namespace {

// Calls fn(label, value, line number) for each "label<TAB>value" line.
template <typename Fn>
Status for_each_entry(std::string_view text, const std::string& name, Fn fn) {
  std::istringstream in{std::string(text)};
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) return Status::invalid_argument(name + ":" + std::to_string(n) + ": expected 'label<TAB>value'");
    if (Status s = fn(line.substr(0, tab), line.substr(tab + 1), n); !s.ok()) return s;
  }
  return Status();
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Length of the valid UTF-8 sequence at s[i], or 0 if there is none.
size_t utf8_sequence(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  // Overlong forms, surrogates and code points past U+10FFFF are invalid.
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return n;
}

// Where a text field breaks the model whatever its format: invalid UTF-8, a
// NUL byte. Empty when it is fine.
std::string text_problem(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\0') return "NUL byte at byte " + std::to_string(i + 1);
    size_t n = utf8_sequence(s, i);
    if (n == 0) return "invalid UTF-8 at byte " + std::to_string(i + 1);
    i += n;
  }
  return {};
}

// Cuts every word longer than kMaxWordBytes to its first kMaxWordBytes
// (at a character boundary): Xapian refuses terms over 245 bytes, prefix
// included. A "word" here is a run of characters the tokenizer may keep
// together (anything but spaces and hard punctuation). Returns how many
// words were cut.
size_t cut_long_words(std::string& s) {
  static const auto kBreaks = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view(" \t\r\n/,;!?()[]{}\"<>|+=*&#%")) table[c] = true;
    return table;
  }();
  // Most text has no long word: one pass to find out, nothing copied.
  size_t run = 0, longest = 0;
  for (unsigned char c : s) {
    run = kBreaks[c] ? 0 : run + 1;
    longest = std::max(longest, run);
  }
  if (longest <= kMaxWordBytes) return 0;
  size_t cut = 0;
  std::string out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && !kBreaks[static_cast<unsigned char>(s[i])]) continue;
    size_t length = i - start;
    if (length > kMaxWordBytes) {
      size_t keep = kMaxWordBytes;
      while (keep > 0 && (static_cast<unsigned char>(s[start + keep]) & 0xC0) == 0x80) --keep;
      if (out.empty()) out = s.substr(0, start);
      out.append(s, start, keep);
      ++cut;
    } else if (cut > 0) {
      out.append(s, start, length);
    }
    if (i < s.size() && cut > 0) out += s[i];
    start = i + 1;
  }
  if (cut > 0) s = std::move(out);
  return cut;
}

// The checks every format goes through before the model's own validation:
// text that Xapian and the JSON output can hold, fields within the limits
// of docs/resource-format.md, words within Xapian's term limit.
void check_text(ImportedRecord& rec) {
  Resource& r = *rec.resource;
  struct Field {
    const char* name;
    std::string* value;
    size_t max_bytes;
  };
  std::vector<Field> fields = {{"id", &r.id, 200},          {"title", &r.title, kMaxTitleBytes},
                               {"summary", &r.summary, 64 * 1024}, {"body", &r.body, 4 * 1024 * 1024},
                               {"source", &r.source, 200},  {"url", &r.url, 4000},
                               {"address", &r.address, 4000}};
  for (auto& k : r.keywords) fields.push_back({"keywords", &k, kMaxTitleBytes});
  for (auto& [scheme, values] : r.codes) {
    for (auto& v : values) fields.push_back({"codes", &v, 200});
  }
  for (const Field& f : fields) {
    if (std::string problem = text_problem(*f.value); !problem.empty()) {
      rec.errors.push_back({f.name, problem});
    } else if (f.value->size() > f.max_bytes) {
      rec.errors.push_back({f.name, "too long (" + std::to_string(f.value->size()) + " bytes, at most " +
                                        std::to_string(f.max_bytes) + ")"});
    }
  }
  if (!rec.errors.empty()) return;
  for (auto [name, value] : {std::pair{"title", &r.title}, std::pair{"summary", &r.summary},
                             std::pair{"body", &r.body}, std::pair{"address", &r.address}}) {
    if (size_t n = cut_long_words(*value)) {
      rec.warnings.push_back(std::string(name) + ": " + std::to_string(n) + " word(s) longer than " +
                             std::to_string(kMaxWordBytes) + " bytes (Xapian's term limit is 245): only their first " +
                             std::to_string(kMaxWordBytes) + " bytes are indexed");
    }
  }
  for (auto& k : r.keywords) {
    if (size_t n = cut_long_words(k)) {
      rec.warnings.push_back("keywords: " + std::to_string(n) + " word(s) longer than " + std::to_string(kMaxWordBytes) +
                             " bytes: only their first " + std::to_string(kMaxWordBytes) + " bytes are indexed");
    }
  }
}

// The N of "niveau N (...)" or of a bare number, whatever its range.
std::optional<long> level_number(std::string_view label) {
  std::string n = normalize_label(label);
  std::string_view rest = n;
  if (rest.starts_with("niveau ")) rest.remove_prefix(7);
  size_t digits = 0;
  while (digits < rest.size() && digits < 9 && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
  if (digits == 0 || (digits < rest.size() && rest[digits] != ' ')) return std::nullopt;
  return std::stol(std::string(rest.substr(0, digits)));
}

}  // namespace

std::string normalize_label(std::string_view label) {
  std::string folded = Analyzer::fold(label);
  std::string out;
  bool space = false;
  for (char c : folded) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80 || c == ':' || c == '_') {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    } else {
      space = true;
    }
  }
  return out;
}

Status Vocabularies::add_publics(std::string_view text, const std::string& name) {
  return for_each_entry(text, name, [&](const std::string& label, const std::string& id, size_t n) {
    if (!in_vocabulary(publics(), id)) return Status::invalid_argument(name + ":" + std::to_string(n) + ": unknown public id '" + id + "'");
    publics_[normalize_label(label)] = id;
    return Status();
  });
}

Status Vocabularies::add_levels(std::string_view text, const std::string& name) {
  return for_each_entry(text, name, [&](const std::string& label, const std::string& value, size_t n) {
    int level = std::atoi(value.c_str());
    if (level < 0 || level > 8) return Status::invalid_argument(name + ":" + std::to_string(n) + ": level must be 0..8");
    levels_[normalize_label(label)] = level;
    return Status();
  });
}

Vocabularies Vocabularies::builtin() {
  static const Vocabularies v = [] {
    Vocabularies out;
    // Checked by the test suite; a failure here is a bug in data/vocabularies.
    (void)out.add_publics(kBuiltinPublics, "publics.tsv");
    (void)out.add_levels(kBuiltinLevels, "levels.tsv");
    return out;
  }();
  return v;
}

Result<Vocabularies> Vocabularies::load(const std::string& dir) {
  Vocabularies out;
  for (const char* file : {"publics.tsv", "levels.tsv"}) {
    std::string path = dir + "/" + file;
    if (!std::ifstream(path)) return Status::not_found("cannot read vocabulary " + path);
  }
  if (Status s = out.add_publics(read_all(dir + "/publics.tsv"), dir + "/publics.tsv"); !s.ok()) return s;
  if (Status s = out.add_levels(read_all(dir + "/levels.tsv"), dir + "/levels.tsv"); !s.ok()) return s;
  return out;
}

std::optional<std::string> Vocabularies::public_id(std::string_view label) const {
  if (in_vocabulary(publics(), label)) return std::string(label);
  auto it = publics_.find(normalize_label(label));
  if (it == publics_.end()) return std::nullopt;
  return it->second;
}

std::optional<int> Vocabularies::level(std::string_view label) const {
  std::string n = normalize_label(label);
  if (auto it = levels_.find(n); it != levels_.end()) return it->second;
  // "3", "niveau 3", "niveau 3 (niveau CAP)", "Niveau 5 (bac + 2)".
  std::string_view rest = n;
  if (rest.starts_with("niveau ")) rest.remove_prefix(7);
  if (!rest.empty() && rest[0] >= '1' && rest[0] <= '8' && (rest.size() == 1 || rest[1] == ' ')) return rest[0] - '0';
  return std::nullopt;
}

void normalize_record(ImportedRecord& rec, const SourceOptions& source, const Vocabularies& vocab) {
  if (!rec.errors.empty() || !rec.resource) {
    if (rec.errors.empty()) rec.errors.push_back({"", "unreadable record"});
    return;
  }
  check_text(rec);
  if (!rec.errors.empty()) return;
  Resource& r = *rec.resource;
  auto add_unique = [](auto& list, auto value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
  };
  // Source defaults fill what the record does not say.
  std::vector<std::string> territories = rec.raw_territories;
  if (r.territories.empty() && territories.empty()) territories = source.default_territories;
  // Nothing says where: a job sheet, a certification, a national fiche or
  // catalogue serves the whole country, and must stay found when a person
  // gives a place. (Territories given but unknown are dropped with a
  // warning below, not turned into national ones.)
  if (r.territories.empty() && territories.empty()) territories = {"fr"};
  std::vector<std::string> pubs = rec.raw_publics;
  if (r.publics.empty() && pubs.empty()) pubs = source.default_publics;
  std::vector<std::string> levels = rec.raw_levels;
  if (r.levels.empty() && levels.empty()) levels = source.default_levels;
  if (r.source.empty()) r.source = source.partner;
  if (r.kind.empty()) r.kind = source.kind;
  // A bad optional field is dropped with a warning rather than losing the
  // record: "www.onisep.fr/..." gets its scheme, a malformed date goes.
  if (!r.url.empty() && !r.url.starts_with("http://") && !r.url.starts_with("https://")) {
    // "www.onisep.fr/x", "lyceedekerneuzec.fr": a host name without scheme.
    size_t slash = r.url.find('/');
    std::string host = r.url.substr(0, slash);
    bool looks_like_host = host.find('.') != std::string::npos && host.find(' ') == std::string::npos &&
                           std::all_of(host.begin(), host.end(), [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-'; });
    if (looks_like_host) {
      r.url = "https://" + r.url;
    } else {
      rec.warnings.push_back("url: '" + r.url + "' is not a web address (dropped)");
      r.url.clear();
    }
  }
  for (auto [name, field] : {std::pair{"updated", &r.updated}, std::pair{"start", &r.start}, std::pair{"end", &r.end}}) {
    Resource probe;
    probe.id = "x";
    probe.kind = "document";
    probe.title = "x";
    probe.updated = *field;
    if (!field->empty() && !validate(probe).empty()) {
      rec.warnings.push_back(std::string(name) + ": '" + *field + "' is not a date YYYY-MM-DD (dropped)");
      field->clear();
    }
  }

  for (const auto& t : territories) {
    if (t.find_first_not_of(" \t") == std::string::npos) continue;
    auto place = resolve_territory(t);
    if (place.ok()) {
      add_unique(r.territories, place->code);
    } else {
      rec.warnings.push_back("territory: " + place.status().message() + " (dropped)");
    }
  }
  for (const auto& p : pubs) {
    if (p.find_first_not_of(" \t") == std::string::npos) continue;
    if (auto id = vocab.public_id(p)) {
      add_unique(r.publics, *id);
    } else {
      rec.warnings.push_back("publics: unknown public '" + p + "' (dropped; add it to publics.tsv)");
    }
  }
  for (const auto& l : levels) {
    if (l.find_first_not_of(" \t") == std::string::npos) continue;
    if (auto level = vocab.level(l)) {
      if (*level > 0) add_unique(r.levels, *level);  // 0: known, but no level
    } else if (auto number = level_number(l); number && (*number < 1 || *number > 8)) {
      rec.warnings.push_back("levels: '" + l + "' is not a level between 1 and 8 (dropped)");
    } else {
      rec.warnings.push_back("levels: unknown level '" + l + "' (dropped; add it to levels.tsv)");
    }
  }
  rec.errors = validate(r);
}

}  // namespace spro::indexer
