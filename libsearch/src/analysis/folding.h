// Character-level normalisation used by the analyzer: case folding, accent
// and ligature folding. Internal to libsearch.
#pragma once

#include <string>
#include <string_view>

namespace spro::analysis {

// Full Unicode case folding (keeps accents), NFC. Invalid UTF-8 -> U+FFFD.
std::string lower(std::string_view utf8);

// Removes diacritics and expands ligatures (œ -> oe, æ -> ae) of an already
// lower-cased string. Characters without a decomposition are kept.
std::string strip_accents(std::string_view lower_utf8);

// True when the string holds a character strip_accents() would change.
bool has_accents(std::string_view lower_utf8);

}  // namespace spro::analysis
