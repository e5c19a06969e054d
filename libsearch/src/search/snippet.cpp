#include "search/snippet.h"

#include <algorithm>

namespace spro::search {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …
// How much text to show before the first match of the window.
constexpr size_t kLeadBytes = 60;

// Bytes of a field analysed for its snippet at most.
constexpr size_t kMaxAnalyzedBytes = 16 * 1024;

// The largest UTF-8 boundary at or before `n`.
size_t cut_point(std::string_view s, size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

bool matches(const Token& t, const std::set<std::string>& query_terms) {
  return std::any_of(t.terms.begin(), t.terms.end(),
                     [&](const std::string& term) { return query_terms.contains(term); });
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string make_snippet(const std::vector<std::string_view>& fields,
                         const std::set<std::string>& query_terms, const Analyzer& analyzer,
                         size_t max_bytes, size_t words_wanted) {
  std::string_view best_text;
  std::vector<Token> best_tokens;
  size_t best_distinct = 0;
  for (std::string_view field : fields) {
    if (field.empty()) continue;
    // A field that already shows every query word will not be beaten: the
    // others are not analysed (there is a snippet on every hit of a page).
    if (!best_text.empty() && words_wanted > 0 && best_distinct >= words_wanted) break;
    // Long bodies: the snippet comes from their first part.
    field = field.substr(0, cut_point(field, kMaxAnalyzedBytes));
    std::vector<Token> tokens = analyzer.analyze(field);
    // Distinct words matched, counted by their first term.
    std::set<std::string> seen;
    for (const Token& t : tokens) {
      if (matches(t, query_terms)) seen.insert(t.terms.front());
    }
    if (best_text.empty() || seen.size() > best_distinct) {
      best_text = field;
      best_tokens = std::move(tokens);
      best_distinct = seen.size();
    }
  }
  if (best_text.empty()) return {};

  // The window starts a little before the match that has the most other
  // matches within max_bytes after it.
  size_t window_begin = 0;
  size_t best_count = 0;
  for (size_t i = 0; i < best_tokens.size(); ++i) {
    if (!matches(best_tokens[i], query_terms)) continue;
    size_t count = 0;
    for (size_t j = i; j < best_tokens.size() && best_tokens[j].end - best_tokens[i].begin <= max_bytes; ++j) {
      count += matches(best_tokens[j], query_terms);
    }
    if (count > best_count) {
      best_count = count;
      size_t lead_from = best_tokens[i].begin > kLeadBytes ? best_tokens[i].begin - kLeadBytes : 0;
      // Start on a word boundary.
      size_t k = i;
      while (k > 0 && best_tokens[k - 1].begin >= lead_from) --k;
      window_begin = best_tokens[k].begin;
      if (k == 0) window_begin = 0;
    }
  }
  size_t window_end = std::min(best_text.size(), window_begin + max_bytes);
  // End on a word boundary.
  size_t cut = window_begin;
  for (const Token& t : best_tokens) {
    if (t.begin >= window_begin && t.end <= window_end) cut = t.end;
  }
  if (window_end < best_text.size()) window_end = cut;
  if (window_end <= window_begin) window_end = std::min(best_text.size(), window_begin + max_bytes);
  // Never cut inside a UTF-8 sequence.
  while (window_end < best_text.size() && window_end > window_begin &&
         (static_cast<unsigned char>(best_text[window_end]) & 0xC0) == 0x80) {
    --window_end;
  }

  std::string out;
  if (window_begin > 0) out += kEllipsis;
  size_t pos = window_begin;
  for (const Token& t : best_tokens) {
    if (t.begin < window_begin || t.end > window_end || !matches(t, query_terms)) continue;
    out += html_escape(best_text.substr(pos, t.begin - pos));
    out += "<mark>";
    out += html_escape(best_text.substr(t.begin, t.end - t.begin));
    out += "</mark>";
    pos = t.end;
  }
  out += html_escape(best_text.substr(pos, window_end - pos));
  if (window_end < best_text.size()) out += kEllipsis;
  return out;
}

}  // namespace spro::search
