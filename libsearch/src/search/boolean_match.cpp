#include "search/boolean_match.h"

#include <algorithm>
#include <vector>

namespace spro::search {

// A node of the query tree: the first of its documents at or after `d`, or
// 0 when none is left. Calls come with non-decreasing `d`.
class BooleanMatcher::Node {
 public:
  virtual ~Node() = default;
  virtual Xapian::docid advance_to(Xapian::docid d) = 0;
  // At least as many documents as it matches: a conjunction leapfrogs
  // fastest from its rarest part.
  Xapian::doccount estimate = 0;
  // Whether some document its posting lists hold may not match.
  bool conjunctive = false;
};

namespace {

using Node = BooleanMatcher::Node;
using Nodes = std::vector<std::unique_ptr<Node>>;

class TermNode : public Node {
 public:
  TermNode(const Xapian::Database& db, const std::string& term) : it_(db.postlist_begin(term)), end_(db.postlist_end(term)) {
    estimate = term.empty() ? db.get_doccount() : db.get_termfreq(term);
  }
  Xapian::docid advance_to(Xapian::docid d) override {
    if (it_ == end_) return 0;
    if (*it_ < d) it_.skip_to(d);
    return it_ == end_ ? 0 : *it_;
  }

 private:
  Xapian::PostingIterator it_, end_;
};

class NothingNode : public Node {
 public:
  Xapian::docid advance_to(Xapian::docid) override { return 0; }
};

class OrNode : public Node {
 public:
  explicit OrNode(Nodes children) : children_(std::move(children)) {
    for (const auto& c : children_) {
      estimate += c->estimate;
      conjunctive = conjunctive || c->conjunctive;
    }
  }
  Xapian::docid advance_to(Xapian::docid d) override {
    Xapian::docid first = 0;
    for (auto& c : children_) {
      Xapian::docid x = c->advance_to(d);
      if (x && (!first || x < first)) first = x;
    }
    return first;
  }

 private:
  Nodes children_;
};

class AndNode : public Node {
 public:
  explicit AndNode(Nodes children) : children_(std::move(children)) {
    std::stable_sort(children_.begin(), children_.end(), [](const auto& a, const auto& b) { return a->estimate < b->estimate; });
    estimate = children_.front()->estimate;
    conjunctive = children_.size() > 1 || children_.front()->conjunctive;
  }
  Xapian::docid advance_to(Xapian::docid d) override {
    // Each child in turn moves to the candidate; one that lands beyond it
    // makes its document the new candidate, until all agree.
    Xapian::docid candidate = children_[0]->advance_to(d);
    size_t agreeing = 1;
    for (size_t i = 1 % children_.size(); candidate && agreeing < children_.size(); i = (i + 1) % children_.size()) {
      Xapian::docid x = children_[i]->advance_to(candidate);
      if (x == candidate) {
        ++agreeing;
      } else {
        candidate = x;
        agreeing = 1;
      }
    }
    return candidate;
  }

 private:
  Nodes children_;
};

class AndNotNode : public Node {
 public:
  AndNotNode(std::unique_ptr<Node> left, std::unique_ptr<Node> right) : left_(std::move(left)), right_(std::move(right)) {
    estimate = left_->estimate;
    conjunctive = true;
  }
  Xapian::docid advance_to(Xapian::docid d) override {
    for (Xapian::docid c = left_->advance_to(d); c; c = left_->advance_to(c + 1)) {
      if (right_->advance_to(c) != c) return c;
    }
    return 0;
  }

 private:
  std::unique_ptr<Node> left_, right_;
};

std::unique_ptr<Node> compile_node(const Xapian::Database& db, const Xapian::Query& q) {
  Nodes children;
  const size_t n = q.get_num_subqueries();
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return std::make_unique<TermNode>(db, *q.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_ALL:
      return std::make_unique<TermNode>(db, std::string());  // every document
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return std::make_unique<NothingNode>();
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      break;
    default:
      return nullptr;
  }
  // AND_MAYBE's and SCALE_WEIGHT's other subqueries only add weight: they
  // need not be compiled (and may be posting sources).
  const bool first_only = q.get_type() == Xapian::Query::OP_AND_MAYBE || q.get_type() == Xapian::Query::OP_SCALE_WEIGHT;
  for (size_t i = 0; i < (first_only ? std::min<size_t>(n, 1) : n); ++i) {
    auto c = compile_node(db, q.get_subquery(i));
    if (!c) return nullptr;
    children.push_back(std::move(c));
  }
  if (children.empty()) return std::make_unique<NothingNode>();
  switch (q.get_type()) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      return std::make_unique<AndNode>(std::move(children));
    case Xapian::Query::OP_AND_NOT: {
      // The first subquery, without any of the others.
      std::unique_ptr<Node> left = std::move(children.front());
      children.erase(children.begin());
      if (children.empty()) return left;
      return std::make_unique<AndNotNode>(std::move(left), std::make_unique<OrNode>(std::move(children)));
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return std::move(children.front());
    default:
      return std::make_unique<OrNode>(std::move(children));
  }
}

}  // namespace

BooleanMatcher::BooleanMatcher(std::unique_ptr<Node> root) : root_(std::move(root)) {}
BooleanMatcher::~BooleanMatcher() = default;

std::unique_ptr<BooleanMatcher> BooleanMatcher::compile(const Xapian::Database& db, const Xapian::Query& query) {
  auto root = compile_node(db, query);
  if (!root) return nullptr;
  return std::unique_ptr<BooleanMatcher>(new BooleanMatcher(std::move(root)));
}

bool BooleanMatcher::conjunctive() const { return root_->conjunctive; }

Xapian::docid BooleanMatcher::next() {
  if (done_) return 0;
  Xapian::docid d = root_->advance_to(last_ + 1);
  done_ = d == 0;
  last_ = d;
  return d;
}

}  // namespace spro::search
