// Turns a Resource into a Xapian document following the schema. Internal.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "spro/analyzer.h"
#include "spro/resource.h"

namespace spro::schema {

// `spelling`, when given, receives the words of the resource worth
// proposing as spelling corrections: those of its title, keywords and
// summary (lower-case, accents kept), with repeats, collected as the text
// is analysed for the document.
Xapian::Document build_document(const Resource& r, const Analyzer& analyzer, std::vector<std::string>* spelling = nullptr);

// Writes a valid resource into `db`, replacing any resource with the same
// id, with its spelling data. Throws Xapian::Error.
void write_resource(Xapian::WritableDatabase& db, const Resource& r, const Analyzer& analyzer);

// write_resource() in its two steps: the analysis, which needs no
// database, then the writing (Xapian's own work). The bench times them
// apart.
struct BuiltResource {
  std::string id_term;
  Xapian::Document document;
  std::vector<std::string> spelling;  // as build_document() collects them
};
BuiltResource build_resource(const Resource& r, const Analyzer& analyzer);
void write_built(Xapian::WritableDatabase& db, const BuiltResource& built, const Analyzer& analyzer);

// Removes the resource with that id and its spelling data; false when there
// is none. Throws Xapian::Error.
bool erase_resource(Xapian::WritableDatabase& db, std::string_view id, const Analyzer& analyzer);

// The resource stored in a document (index/record.h); the body is only read
// when asked for.
enum class Body { kWith, kWithout };
Resource resource_of(const Xapian::Document& doc, Body body = Body::kWith);

}  // namespace spro::schema
