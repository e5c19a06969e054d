#include "feedback.h"

#include <algorithm>
#include <set>

#include "spro/analyzer.h"
#include "spro/territory.h"

namespace spro::serve {
namespace {

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
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

// Words after which people write their name ("Mme Durand", "je
// m'appelle Léa", "nom : Durand"); `folded` is the word folded, `bare_folded`
// the same without the punctuation around it.
bool introduces_name(std::string_view folded, std::string_view bare_folded) {
  static const std::set<std::string, std::less<>> kTitles = {
      "m", "mr", "mme", "mlle", "monsieur", "madame", "mademoiselle", "dr", "docteur", "pr", "professeur"};
  return kTitles.contains(bare_folded) || bare_folded.ends_with("appelle") || folded == "nom:" || folded == "prenom:" ||
         folded == "nom :" || bare_folded == "signe";
}

void cut_utf8(std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  s.resize(end);
  while (!s.empty() && s.back() == ' ') s.pop_back();
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
  size_t name_words_left = 0;
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
      name_words_left = 2;
      continue;
    }
    if (name_words_left > 0) {
      --name_words_left;
      bool alphabetic = !b.empty() && digit_count(b) == 0;
      if (alphabetic && !Analyzer::is_stopword(folded)) {
        drop[i] = true;
        continue;
      }
    }
    if (name_like(b)) {
      // A capitalised first word of a sentence is usually not a name,
      // unless another name-like word follows ("Paul Martin"; not
      // "Infirmière Toulon").
      bool pair = i + 1 < words.size() && name_like(bare(words[i + 1])) &&
                  territory_candidates(bare(words[i + 1])).empty();
      if ((!was_start || pair) && territory_candidates(b).empty()) drop[i] = true;
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

FeedbackStore::FeedbackStore(FeedbackOptions options) : options_(options) {}

std::string FeedbackStore::normalize_query(std::string_view query) {
  std::string folded = Analyzer::fold(scrub_personal(query));
  std::string out;
  for (const std::string& w : split_words(folded)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  cut_utf8(out, 200);
  return out;
}

FeedbackStore::Counts* FeedbackStore::slot(const std::string& query, std::string_view resource_id) {
  auto key = std::make_pair(query, std::string(resource_id));
  auto it = counts_.find(key);
  if (it != counts_.end()) return &it->second;
  if (counts_.size() >= options_.max_aggregates) return nullptr;
  return &counts_[key];
}

bool FeedbackStore::vote(std::string_view query, std::string_view resource_id, bool useful) {
  std::string q = normalize_query(query);
  if (q.empty()) return false;
  std::lock_guard lock(mutex_);
  Counts* c = slot(q, resource_id);
  if (!c) return false;
  ++(useful ? c->yes : c->no);
  return true;
}

bool FeedbackStore::comment(std::string_view query, std::string_view resource_id, std::string_view text) {
  std::string q = normalize_query(query);
  std::string kept = scrub_personal(text);
  cut_utf8(kept, options_.max_comment_bytes);
  if (q.empty() || kept.empty()) return false;
  std::lock_guard lock(mutex_);
  Counts* c = slot(q, resource_id);
  if (!c || c->comments.size() >= options_.max_comments) return false;
  // Sorted, so the order of the comments says nothing of when they came.
  c->comments.insert(std::lower_bound(c->comments.begin(), c->comments.end(), kept), kept);
  return true;
}

std::vector<FeedbackAggregate> FeedbackStore::aggregates() const {
  std::lock_guard lock(mutex_);
  std::vector<FeedbackAggregate> out;
  for (const auto& [key, c] : counts_) {
    if (c.yes + c.no < options_.k) continue;
    out.push_back({key.first, key.second, c.yes, c.no, c.comments});
  }
  return out;
}

std::string FeedbackStore::relevance_judgments() const {
  std::map<std::string, std::vector<std::string>> useful;
  for (const FeedbackAggregate& a : aggregates()) {
    if (a.resource_id.empty() || a.yes <= a.no) continue;
    // bench/relevance splits on tabs and commas.
    if (a.resource_id.find_first_of(",\t\n") != std::string::npos || a.query.find_first_of("\t\n") != std::string::npos) continue;
    useful[a.query].push_back(a.resource_id);
  }
  std::string out;
  for (const auto& [query, ids] : useful) {
    out += query + '\t';
    for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + ids[i];
    out += '\n';
  }
  return out;
}

}  // namespace spro::serve
