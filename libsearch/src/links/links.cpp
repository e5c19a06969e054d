#include "links/links.h"

#include <algorithm>
#include <cctype>

#include "index/schema.h"

namespace spro::links {

std::vector<std::string> code_terms(std::string_view scheme, std::string_view value) {
  auto term = [&](std::string_view v) { return std::string(schema::kCode) + std::string(scheme) + ":" + std::string(v); };
  std::vector<std::string> terms{term(value)};
  if (scheme == "rncp") {
    std::string upper(value.substr(0, std::min<size_t>(4, value.size())));
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == "RNCP") {
      terms.push_back(term(value.substr(4)));
    } else {
      terms.push_back(term("RNCP" + std::string(value)));
    }
  }
  return terms;
}

void Links::add(const Codes& origin, const CodeLink& link, bool broad) {
  auto values = origin.find(std::string(link.from));
  if (values == origin.end()) return;
  for (const std::string& value : values->second) {
    for (std::string& t : code_terms(link.to, value)) {
      if (via_.contains(t)) continue;  // the first (strongest) source names it
      via_[t] = std::string(link.via);
      (broad ? broad_ : strict_).push_back(std::move(t));
    }
  }
}

void Links::add_term(const std::string& term, std::string_view via) {
  if (via_.emplace(term, std::string(via)).second) strict_.push_back(term);
}

Xapian::Query Links::query(const Xapian::Query& words) const {
  Xapian::Query strict(Xapian::Query::OP_OR, strict_.begin(), strict_.end());
  if (broad_.empty() || words.empty()) return strict;
  Xapian::Query broad(Xapian::Query::OP_AND, Xapian::Query(Xapian::Query::OP_OR, broad_.begin(), broad_.end()), words);
  return strict_.empty() ? broad : Xapian::Query(Xapian::Query::OP_OR, strict, broad);
}

}  // namespace spro::links
