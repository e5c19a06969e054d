#include "search/query_parser.h"

#include "util/strings.h"

namespace spro::search {
namespace {

bool is_space(unsigned char c) { return c <= 0x20 || c == 0x7F; }

// Control characters become spaces; the rest is kept (the analyzer reads
// invalid UTF-8 as U+FFFD).
std::string clean(std::string_view text, bool& truncated) {
  if (text.size() > kMaxQueryBytes) {
    text = text.substr(0, util::utf8_boundary_before(text, kMaxQueryBytes));
    truncated = true;
  }
  std::string out(text);
  for (char& c : out) {
    if (is_space(static_cast<unsigned char>(c))) c = ' ';
  }
  return out;
}

Clause::Field field_of(std::string_view name, bool& known) {
  known = true;
  if (name == "titre" || name == "title") return Clause::Field::kTitle;
  if (name == "metier" || name == "m\xC3\xA9tier") return Clause::Field::kJobTitle;
  known = false;
  return Clause::Field::kAny;
}

}  // namespace

ParsedQuery parse_query(std::string_view raw) {
  ParsedQuery q;
  std::string text = clean(raw, q.truncated);
  size_t i = 0;
  bool pending_or = false;
  bool pending_not = false;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) break;
    Clause c;
    if (text[i] == '-' && i + 1 < text.size() && text[i + 1] != ' ') {
      c.excluded = true;
      ++i;
    }
    // field:value
    size_t word_end = text.find_first_of(" \"", i);
    std::string_view head = std::string_view(text).substr(i, (word_end == std::string::npos ? text.size() : word_end) - i);
    if (size_t colon = head.find(':'); colon != std::string_view::npos && colon > 0 && colon + 1 <= head.size()) {
      bool known = false;
      Clause::Field f = field_of(head.substr(0, colon), known);
      if (known) {
        c.field = f;
        i += colon + 1;
      }
      // An unknown prefix ("http:", "10:30") stays part of the word.
    }
    if (i < text.size() && text[i] == '"') {
      size_t close = text.find('"', i + 1);
      if (close == std::string::npos) {
        // Unbalanced quote: the rest is plain words.
        q.degraded = true;
        ++i;
        continue;
      }
      c.text = text.substr(i + 1, close - i - 1);
      c.offset = i + 1;
      c.phrase = true;
      i = close + 1;
    } else {
      size_t end = text.find(' ', i);
      if (end == std::string::npos) end = text.size();
      c.text = text.substr(i, end - i);
      c.offset = i;
      i = end;
      const bool operator_word = !c.excluded && c.field == Clause::Field::kAny;
      if (operator_word && c.text == "OR") {
        if (q.clauses.empty() || pending_or || pending_not) {
          q.degraded = true;  // a lone or doubled OR is ignored
        } else {
          pending_or = true;
        }
        continue;
      }
      // "infirmier NOT bloc" as in other search boxes: "-bloc". "AND" is
      // what words do anyway.
      if (operator_word && c.text == "NOT") {
        if (pending_not || pending_or) q.degraded = true;
        pending_not = true;
        pending_or = false;
        continue;
      }
      if (operator_word && c.text == "AND") continue;
      if (c.text.size() > 1 && c.text.back() == '*') {
        c.wildcard = true;
        c.text.pop_back();
      } else if (c.text == "*") {
        q.degraded = true;
        continue;
      }
    }
    if (c.text.find_first_not_of(' ') == std::string::npos) continue;
    c.or_with_previous = pending_or;
    pending_or = false;
    c.excluded = c.excluded || pending_not;
    pending_not = false;
    q.clauses.push_back(std::move(c));
  }
  if (pending_or || pending_not) q.degraded = true;  // a trailing OR or NOT
  return q;
}

}  // namespace spro::search
