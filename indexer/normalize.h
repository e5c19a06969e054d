// What every imported record goes through before indexing: places
// resolved, publics and levels mapped through the editable vocabularies
// (data/vocabularies), the source's defaults applied, the model validated.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "importer.h"
#include "spro/status.h"

namespace spro::indexer {

class Vocabularies {
 public:
  // The vocabularies compiled into spro-index (data/vocabularies).
  static Vocabularies builtin();
  // publics.tsv and levels.tsv from a folder, replacing the built-in ones.
  static Result<Vocabularies> load(const std::string& dir);

  std::optional<std::string> public_id(std::string_view label) const;
  std::optional<int> level(std::string_view label) const;

 private:
  Status add_publics(std::string_view text, const std::string& name);
  Status add_levels(std::string_view text, const std::string& name);
  std::unordered_map<std::string, std::string> publics_;
  std::unordered_map<std::string, int> levels_;
};

// Lower-case, accents folded, every run of other characters one space:
// "Demandeurs d'emploi " -> "demandeurs d emploi".
std::string normalize_label(std::string_view label);

// Completes and checks a record. On return, either record.resource is
// valid, or record.errors says why not. Unknown vocabulary values and
// unresolvable places become warnings and are dropped.
void normalize_record(ImportedRecord& record, const SourceOptions& source, const Vocabularies& vocabularies);

}  // namespace spro::indexer
