#include "scrub.h"

#include <algorithm>
#include <set>
#include <vector>

#include "spro/analyzer.h"
#include "spro/territory.h"

namespace spro::serve {
namespace {

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= ' ') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t digit_count(std::string_view w) { return std::count_if(w.begin(), w.end(), is_digit); }

size_t longest_digit_run(std::string_view w) {
  size_t best = 0, run = 0;
  for (char c : w) {
    run = is_digit(c) ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

// A piece of a phone number: digits and the separators people put in them.
bool phone_piece(std::string_view w) {
  if (digit_count(w) == 0) return false;
  return std::all_of(w.begin(), w.end(), [](char c) {
    return is_digit(c) || c == '+' || c == '.' || c == '-' || c == '(' || c == ')' || c == '/';
  });
}

// The word without the punctuation around it.
std::string_view bare(std::string_view w) {
  auto punct = [](char c) { return std::string_view(",;:!?.()[]{}\"'«»").find(c) != std::string_view::npos; };
  while (!w.empty() && punct(w.front())) w.remove_prefix(1);
  while (!w.empty() && punct(w.back())) w.remove_suffix(1);
  return w;
}

size_t utf8_length(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

// "Dupont", "Élodie": a capital letter then lower-case letters only.
// Acronyms (BTS, CAP) and lower-case words are not name-like.
bool name_like(std::string_view w) {
  if (w.empty() || is_digit(w.front())) return false;
  size_t first = std::min(w.size(), utf8_length(static_cast<unsigned char>(w.front())));
  std::string_view head = w.substr(0, first), rest = w.substr(first);
  if (rest.empty() || Analyzer::lower(head) == head) return false;
  if (Analyzer::lower(rest) != rest) return false;  // BTS, McDonald: not a plain name
  return std::any_of(rest.begin(), rest.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c & 0x80); });
}

// "Toulon", not "Martin" (which only starts Martin-Église): the word is
// the whole name of a place.
bool names_a_place(std::string_view w) {
  std::string word = Analyzer::fold(w);
  for (const Place& p : territory_candidates(w)) {
    if (Analyzer::fold(p.name) == word) return true;
  }
  return false;
}

// Words after which people write a name ("Mme Durand", "je m'appelle Léa",
// "nom: Durand"); `folded` is the word folded, `bare_folded` the same
// without the punctuation around it.
bool introduces_name(std::string_view folded, std::string_view bare_folded) {
  static const std::set<std::string, std::less<>> kTitles = {
      "m", "mr", "mme", "mlle", "monsieur", "madame", "mademoiselle", "dr", "docteur", "pr", "professeur", "maitre"};
  return kTitles.contains(bare_folded) || bare_folded.ends_with("appelle") || folded == "nom:" ||
         folded == "prenom:" || bare_folded == "signe";
}

}  // namespace

std::string scrub_personal(std::string_view text) {
  std::vector<std::string> words = split_words(text);
  std::vector<bool> drop(words.size(), false);
  // Phone numbers are often written in pieces ("06 12 34 56 78"): a run of
  // number pieces with 8 digits or more goes as a whole.
  for (size_t i = 0; i < words.size();) {
    size_t j = i, digits = 0;
    while (j < words.size() && phone_piece(words[j])) digits += digit_count(words[j++]);
    if (digits >= 8) std::fill(drop.begin() + i, drop.begin() + j, true);
    i = j > i ? j : i + 1;
  }
  bool sentence_start = true;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    std::string_view b = bare(w);
    bool was_start = sentence_start;
    sentence_start = !w.empty() && std::string_view(".!?").find(w.back()) != std::string_view::npos;
    if (drop[i]) continue;
    std::string folded = Analyzer::fold(b);
    if (w.find('@') != std::string::npos || w.find("://") != std::string::npos || folded.starts_with("www.") ||
        longest_digit_run(w) >= 6) {
      drop[i] = true;
      continue;
    }
    if (introduces_name(Analyzer::fold(w), folded)) {
      drop[i] = true;
      // The name: the next word (written in lower case too: "mme durand"),
      // and a second one when it looks like a name ("Sophie Leroy").
      size_t next = i + 1;
      if (next < words.size() && digit_count(words[next]) == 0 && !Analyzer::is_stopword(Analyzer::fold(bare(words[next])))) {
        drop[next] = true;
        if (next + 1 < words.size() && name_like(bare(words[next + 1]))) drop[next + 1] = true;
      }
      continue;
    }
    if (name_like(b)) {
      // A capitalised first word of a sentence is usually not a name,
      // unless another name-like word follows ("Paul Martin"; not
      // "Infirmière Toulon").
      bool pair = i + 1 < words.size() && name_like(bare(words[i + 1])) && !names_a_place(bare(words[i + 1]));
      if ((!was_start || pair) && !names_a_place(b)) drop[i] = true;
      if (pair) drop[i + 1] = true;
    }
  }
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (drop[i]) continue;
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::string cut_utf8(std::string text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // not inside a character
  text.resize(end);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace spro::serve
