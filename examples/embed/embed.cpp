// The smallest program that embeds spro-search: open an index, search with
// a filter, print hits and one facet, handle errors.
// Build: g++ -std=c++20 embed.cpp $(pkg-config --cflags --libs spro-search)
#include <iostream>

#include "spro/searcher.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: embed INDEX_DIR QUERY [DEPARTEMENT]\n";
    return 2;
  }
  auto searcher = spro::Searcher::open(argv[1]);  // safe to share between threads
  if (!searcher.ok()) {
    std::cerr << "cannot open index: " << searcher.status().message() << "\n";
    return 1;
  }
  spro::SearchRequest request;
  request.text = argv[2];
  if (argc > 3) request.territories.push_back(std::string("dep:") + argv[3]);
  request.limit = 5;
  request.facets = true;

  auto response = (*searcher)->search(request);
  if (!response.ok()) {
    std::cerr << "search failed: " << response.status().message() << "\n";
    return 1;
  }
  std::cout << response->total << " results\n";
  for (const spro::Hit& hit : response->hits) {
    std::cout << "- " << hit.title << " (" << hit.kind << ", " << hit.id << ")\n";
  }
  for (const spro::FacetValue& v : response->facets["kind"]) {
    std::cout << "  kind " << v.value << ": " << v.count << "\n";
  }
  return 0;
}
