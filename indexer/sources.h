// The source configuration: one YAML file listing what to index.
//
//   vocabularies: ../vocabularies      # optional: publics.tsv, levels.tsv
//   sources:
//     - name: rome                     # for reports
//       format: rome-csv               # see spro-index --help
//       path: partners/rome            # file, folder or glob, relative to this file
//       partner: france-travail        # `source` of the resources
//       kind: metier                   # optional default kind
//       encoding: auto                 # or windows-1252, ISO-8859-15...
//       delimiter: ";"                 # CSV, optional
//       defaults:                      # when a record does not say
//         territories: [fr]
//         publics: [tout_public]
//         levels: []
//       mapping: {id: "x:{col}", ...}  # CSV: field -> template
//       value_maps: {col: {a: b}}      # CSV
#pragma once

#include <string>
#include <vector>

#include "importer.h"
#include "spro/status.h"

namespace spro::indexer {

struct Source {
  SourceOptions options;
  std::vector<std::string> files;  // what `path` matched, sorted
};

struct SourceConfig {
  std::vector<Source> sources;
  std::string vocabularies;  // folder, or "" for the built-in vocabularies
};

// Reads and checks a configuration; a path or glob that matches nothing is
// an error naming the source.
Result<SourceConfig> load_sources(const std::string& path);

}  // namespace spro::indexer
