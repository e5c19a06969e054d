// Word segmentation for French text. Internal to libsearch.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace spro::analysis {

// A word as found in the text, lower-cased with accents kept, after elision
// (l'orientation -> orientation), acronym joining (B.T.S. -> bts) and with
// inclusive endings dropped (infirmier·ère -> infirmier).
struct RawWord {
  std::string text;
  size_t begin = 0;  // byte offsets in the original text
  size_t end = 0;
  // True when the word follows the previous one across a single hyphen
  // (aide-soignant): the analyzer then also emits the joined compound.
  bool hyphen_joined = false;
};

// Splits text into words using ICU's word break rules. Never throws; invalid
// UTF-8 is read as U+FFFD. Thread-safe.
std::vector<RawWord> split_words(std::string_view text);

// True for a word that is only written elided before another ("l", "qu",
// "jusqu"; folded), and so is never indexed on its own. Not "d", "c", "s"...
// which also stand alone ("permis C", "permis D").
bool is_elided_word(std::string_view folded_word);

}  // namespace spro::analysis
