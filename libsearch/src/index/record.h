// How a Resource is kept in a Xapian document: every field but the body in
// the document data, in a compact binary form that decodes by copying bytes
// (a page of hits decodes ten of them per query; JSON parsing and Xapian's
// zlib compression of large data cost more than the search); the body in
// value slot kSlotBody, read only when a snippet or Searcher::get() needs it.
// Internal.
#pragma once

#include <string>
#include <string_view>

#include "spro/resource.h"

namespace spro::schema {

// The record of `r` without its body.
std::string encode_record(const Resource& r);

// Fills every field but the body from encode_record()'s output; false when
// `data` is not such a record (then `out` is unspecified).
bool decode_record(std::string_view data, Resource& out);

}  // namespace spro::schema
