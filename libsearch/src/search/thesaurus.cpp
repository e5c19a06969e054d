#include "spro/thesaurus.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "embedded_data.h"

namespace spro {


struct Thesaurus::Impl {
  std::vector<std::vector<Form>> groups;
  std::map<Form, std::vector<size_t>> groups_of_form;
  size_t longest_form = 0;
  // Forms of two words or more by their first term, for phrases_in().
  std::unordered_map<std::string, std::vector<Form>> phrases_by_first;

  void add_group(std::vector<Form> forms) {
    size_t id = groups.size();
    for (const Form& f : forms) {
      auto& same_group = groups_of_form[f];
      if (f.size() > 1 && same_group.empty()) phrases_by_first[f.front()].push_back(f);
      same_group.push_back(id);
      longest_form = std::max(longest_form, f.size());
    }
    groups.push_back(std::move(forms));
  }
};

namespace {

bool holds(const Token& t, const std::string& term) {
  return std::find(t.terms.begin(), t.terms.end(), term) != t.terms.end();
}

}  // namespace

Thesaurus::Thesaurus() : impl_(std::make_unique<Impl>()) {}
Thesaurus::~Thesaurus() = default;
Thesaurus::Thesaurus(Thesaurus&&) noexcept = default;
Thesaurus& Thesaurus::operator=(Thesaurus&&) noexcept = default;

const Thesaurus& Thesaurus::builtin() {
  static const Thesaurus t = [] {
    auto parsed = parse(embedded::kThesaurus, "builtin thesaurus");
    // The built-in file is checked by the test suite; a parse error is a bug.
    return parsed.ok() ? std::move(*parsed) : Thesaurus();
  }();
  return t;
}

Result<Thesaurus> Thesaurus::parse(std::string_view text, std::string_view name) {
  Analyzer analyzer;
  Thesaurus t;
  std::istringstream in{std::string(text)};
  std::string line;
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    std::vector<Form> forms;
    size_t start = 0;
    while (true) {
      size_t sep = line.find(" = ", start);
      std::string form_text = line.substr(start, sep == std::string::npos ? std::string::npos : sep - start);
      Form form;
      for (const Token& tok : analyzer.analyze(form_text)) form.push_back(tok.terms.front());
      if (form.empty()) {
        return Status::invalid_argument(std::string(name) + ":" + std::to_string(line_number) +
                                        ": empty form (groups are written 'a = b = c')");
      }
      forms.push_back(std::move(form));
      if (sep == std::string::npos) break;
      start = sep + 3;
    }
    if (forms.size() < 2) {
      return Status::invalid_argument(std::string(name) + ":" + std::to_string(line_number) +
                                      ": a group needs at least two forms separated by ' = '");
    }
    t.impl_->add_group(std::move(forms));
  }
  return t;
}

Result<Thesaurus> Thesaurus::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::not_found("cannot read thesaurus " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path);
}

void Thesaurus::merge(const Thesaurus& other) {
  for (const auto& g : other.impl_->groups) impl_->add_group(g);
}

std::vector<Thesaurus::Match> Thesaurus::find(const std::vector<Token>& tokens) const {
  std::vector<Match> matches;
  for (size_t i = 0; i < tokens.size();) {
    bool found = false;
    // No entry starts with a function word ("de" in "lecture de plan").
    if (tokens[i].stopword) {
      ++i;
      continue;
    }
    for (size_t len = std::min(impl_->longest_form, tokens.size() - i); len > 0 && !found; --len) {
      Form key;
      for (size_t k = i; k < i + len; ++k) key.push_back(tokens[k].terms.front());
      auto it = impl_->groups_of_form.find(key);
      if (it == impl_->groups_of_form.end()) continue;
      Match m{i, i + len, {}};
      for (size_t g : it->second) {
        for (const Form& f : impl_->groups[g]) {
          if (f != key && std::find(m.alternatives.begin(), m.alternatives.end(), f) == m.alternatives.end()) {
            m.alternatives.push_back(f);
          }
        }
      }
      matches.push_back(std::move(m));
      i += len;
      found = true;
    }
    if (!found) ++i;
  }
  return matches;
}

std::vector<Thesaurus::Form> Thesaurus::phrases_in(const std::vector<Token>& tokens) const {
  std::vector<Form> found;
  if (impl_->phrases_by_first.empty()) return found;
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (const std::string& first : tokens[i].terms) {
      auto it = impl_->phrases_by_first.find(first);
      if (it == impl_->phrases_by_first.end()) continue;
      for (const Form& form : it->second) {
        if (i + form.size() > tokens.size()) continue;
        bool match = true;
        for (size_t k = 1; k < form.size() && match; ++k) {
          const Token& t = tokens[i + k];
          match = t.position == tokens[i].position + k && holds(t, form[k]);
        }
        if (match) found.push_back(form);
      }
    }
  }
  return found;
}

std::vector<Thesaurus::Form> Thesaurus::phrases() const {
  std::vector<Form> all;
  for (const auto& [first, forms] : impl_->phrases_by_first) all.insert(all.end(), forms.begin(), forms.end());
  return all;
}

size_t Thesaurus::group_count() const { return impl_->groups.size(); }

}  // namespace spro
