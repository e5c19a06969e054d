// Turns a Resource into a Xapian document following the schema. Internal.
#pragma once

#include <xapian.h>

#include "spro/analyzer.h"
#include "spro/resource.h"

namespace spro::schema {

Xapian::Document build_document(const Resource& r, const Analyzer& analyzer);

// The resource stored in a document's data (canonical JSON).
Resource resource_of(const Xapian::Document& doc);

}  // namespace spro::schema
