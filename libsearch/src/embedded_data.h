// Data files compiled into the library (generated from data/ by CMake), so
// a portal needs no data path. Internal.
#pragma once

namespace spro::embedded {
extern const char* const kThesaurus;        // data/thesaurus/orientation.txt
extern const char* const kCommunes;         // data/territories/communes.tsv
extern const char* const kEpci;             // data/territories/epci.tsv
extern const char* const kRegions;          // data/territories/regions.tsv
extern const char* const kCommonWordNames;  // data/territories/common-word-names.txt
extern const char* const kLevels;           // data/vocabularies/levels.tsv
extern const char* const kInterests;        // data/vocabularies/interests.tsv
extern const char* const kQueryWords;       // data/query/around-words.txt
extern const char* const kAdviceRules;      // data/pathways/advice-rules.tsv
}  // namespace spro::embedded
