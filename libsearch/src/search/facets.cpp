#include "search/facets.h"

#include "index/schema.h"

namespace spro::search {

void ListCountSpy::operator()(const Xapian::Document& doc, double) {
  std::string joined = doc.get_value(slot_);
  for (std::string_view v : schema::split_list(joined)) {
    if (!v.empty()) ++counts_[std::string(v)];
  }
}

}  // namespace spro::search
