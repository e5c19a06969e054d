// What spro-serve keeps of the text people type — queries without result,
// queries behind a "was it useful?" vote, comments — goes through one
// scrubber first, so that the zero-result report and the feedback store
// follow the same rules (docs/accessibility.md, examples/README.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace spro::serve {

// Removes from free text what could identify a person, before anything is
// kept:
//  - e-mail and web addresses;
//  - phone numbers (8 digits or more, with or without separators: "06 12
//    34 56 78", "+33 6…") and any run of 6 digits or more (a file number);
//    postal codes and département numbers stay;
//  - the name after a civility or an introduction ("M.", "Mme", "madame",
//    "je m'appelle", "nom:"): the next word, and the one after it when it
//    is capitalised ("Madame Sophie Leroy");
//  - name-like words (a capital then lower-case letters, "Dupont",
//    "Élodie") unless they name a French territory ("Toulon"). Phones
//    capitalise the first word of a sentence, so there it takes a second
//    name-like word to count ("Kevin Durand", not "Cordonnier alternance").
// Acronyms (BTS, CAP), codes (J1506) and lower-case words are kept, in
// order, separated by one space. Empty when nothing is left. A name typed
// in lower case without a civility cannot be told from a word: the
// aggregates' k-threshold protects it.
std::string scrub_personal(std::string_view text);

// `text` cut to at most `max_bytes`, at a UTF-8 character boundary, without
// trailing spaces: what is kept of a long text is bounded.
std::string cut_utf8(std::string text, size_t max_bytes);

}  // namespace spro::serve
