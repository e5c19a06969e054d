#include "text_aggregate.h"

#include <algorithm>
#include <array>

#include "spro/territory.h"

namespace spro::serve {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

// Capital letters of Latin-1 with an accent (UTF-8 "\xC3\x80".."\xC3\x9E"):
// names like "Élodie" start with one.
bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  if (is_upper_ascii(w[0])) return true;
  return w.size() >= 2 && static_cast<unsigned char>(w[0]) == 0xC3 && static_cast<unsigned char>(w[1]) >= 0x80 &&
         static_cast<unsigned char>(w[1]) <= 0x9E && static_cast<unsigned char>(w[1]) != 0x97;
}

// "Dupont", "Élodie": a capital then some lower case. "BTS", "CAP" (all
// capitals) are acronyms, not names.
bool looks_capitalised(std::string_view w) {
  if (!starts_upper(w)) return false;
  return std::any_of(w.begin() + 1, w.end(), [](char c) { return is_lower_ascii(c); });
}

std::string ascii_lower(std::string_view w) {
  std::string out(w);
  for (char& c : out) {
    if (is_upper_ascii(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Titles after which the next word is a person's name.
bool is_civility(std::string_view w) {
  static const std::array<std::string_view, 14> kCivilities = {
      "m", "m.", "mr", "mr.", "mme", "mme.", "mlle", "monsieur", "madame", "mademoiselle", "dr", "dr.", "docteur", "maitre"};
  std::string lower = ascii_lower(w);
  return std::find(kCivilities.begin(), kCivilities.end(), lower) != kCivilities.end();
}

// Digits, and the separators of phone numbers: "06.12.34.56.78", "+33".
bool is_number_part(std::string_view w) {
  bool digit = false;
  for (char c : w) {
    if (is_digit(c)) {
      digit = true;
    } else if (c != '.' && c != '-' && c != '+' && c != '(' && c != ')' && c != '/') {
      return false;
    }
  }
  return digit;
}

size_t longest_digit_run(std::string_view w) {
  size_t best = 0, run = 0;
  for (char c : w) {
    run = is_digit(c) ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

size_t digit_count(std::string_view w) { return std::count_if(w.begin(), w.end(), is_digit); }

bool is_known_place(std::string_view w) {
  auto place = resolve_territory(w);
  return place.ok() || !territory_candidates(w).empty();
}

std::string cut_utf8(std::string s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // not inside a character
  s.resize(end);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

std::string scrub_text(std::string_view text) {
  std::vector<std::string_view> words;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && static_cast<unsigned char>(text[i]) <= ' ') ++i;
    size_t begin = i;
    while (i < text.size() && static_cast<unsigned char>(text[i]) > ' ') ++i;
    if (i > begin) words.push_back(text.substr(begin, i - begin));
  }
  std::vector<bool> drop(words.size(), false);
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    if (w.find('@') != std::string_view::npos) drop[i] = true;        // e-mail address
    if (longest_digit_run(w) >= 6) drop[i] = true;                     // long number, glued phone
    if (is_civility(w)) {                                               // "Mme Martin", "m. dupont"
      drop[i] = true;
      if (i + 1 < words.size()) drop[i + 1] = true;
      if (i + 2 < words.size() && looks_capitalised(words[i + 2])) drop[i + 2] = true;
    }
    // "Dupont", not "Marseille". Phones capitalise the first word of what
    // is typed: there it takes a second capitalised word ("Jean Dupont").
    const bool name_like = i > 0 || (i + 1 < words.size() && looks_capitalised(words[i + 1]));
    if (name_like && looks_capitalised(w) && !is_known_place(w)) drop[i] = true;
  }
  // Numbers split by spaces: "06 12 34 56 78" is one phone number.
  for (size_t i = 0; i < words.size();) {
    if (!is_number_part(words[i])) {
      ++i;
      continue;
    }
    size_t j = i, digits = 0;
    while (j < words.size() && is_number_part(words[j])) digits += digit_count(words[j++]);
    if (digits >= 6) std::fill(drop.begin() + i, drop.begin() + j, true);
    i = j;
  }
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (drop[i]) continue;
    if (!out.empty()) out += ' ';
    out += ascii_lower(words[i]);
  }
  return out;
}

void TextAggregate::add(std::string_view text) {
  std::string key = cut_utf8(scrub_text(text), options_.max_text_bytes);
  if (key.empty()) return;
  std::lock_guard lock(mutex_);
  if (auto it = counts_.find(key); it != counts_.end()) {
    ++it->second;
    return;
  }
  if (counts_.size() >= options_.max_entries) {
    // Full: forget the texts seen once (a flood of distinct texts must not
    // lock out the next frequent one); if none, the new text is not kept.
    std::erase_if(counts_, [](const auto& entry) { return entry.second <= 1; });
    if (counts_.size() >= options_.max_entries) return;
  }
  counts_.emplace(std::move(key), 1);
}

std::vector<AggregateEntry> TextAggregate::top(size_t n) const {
  std::vector<AggregateEntry> out;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [text, count] : counts_) {
      if (count >= options_.min_count) out.push_back({text, count});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.text < b.text;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

size_t TextAggregate::size() const {
  std::lock_guard lock(mutex_);
  return counts_.size();
}

}  // namespace spro::serve
