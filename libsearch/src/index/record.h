// How a Resource is kept in a Xapian document: every field but the body in
// value slot kSlotRecord, in a compact binary form that decodes by copying
// bytes; the body in value slot kSlotBody, read only when a snippet or
// Searcher::get() needs it. A page of hits decodes ten records per query:
// JSON parsing, and the zlib inflation Xapian applies to document data (not
// to values), cost more than the search itself. Internal.
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
