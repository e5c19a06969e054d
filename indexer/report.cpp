#include "report.h"

#include <iostream>

#include <nlohmann/json.hpp>

namespace spro::indexer {

Report::Report(const std::string& path) {
  if (!path.empty()) file_ = std::make_unique<std::ofstream>(path, std::ios::trunc);
}

SourceCounts& Report::counts(const std::string& source) {
  auto [it, inserted] = counts_.try_emplace(source);
  if (inserted) order_.push_back(source);
  return it->second;
}

void Report::write(const std::string& source, const std::string& location, const std::string& id, const char* key,
                   const std::string& message) {
  if (!file_) return;
  nlohmann::ordered_json j = {{"source", source}, {"location", location}, {"id", id}, {key, message}};
  *file_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void Report::reject(const std::string& source, const std::string& location, const std::string& id, const std::string& reason) {
  ++counts(source).rejected;
  std::cerr << location << ": " << reason << "\n";
  write(source, location, id, "error", reason);
}

void Report::warn(const std::string& source, const std::string& location, const std::string& id, const std::string& message) {
  size_t n = ++counts(source).warnings;
  if (n <= kWarningsShown) std::cerr << location << ": warning: " << message << "\n";
  write(source, location, id, "warning", message);
}

size_t Report::total_rejected() const {
  size_t n = 0;
  for (const auto& [name, c] : counts_) n += c.rejected;
  return n;
}

void Report::print_warning_overflow() const {
  for (const auto& name : order_) {
    const SourceCounts& c = counts_.at(name);
    if (c.warnings > kWarningsShown) {
      std::cerr << "spro-index: " << name << ": " << (c.warnings - kWarningsShown)
                << " more warnings (all are in --report FILE)\n";
    }
  }
}

}  // namespace spro::indexer
