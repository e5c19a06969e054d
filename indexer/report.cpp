#include "report.h"

#include <iostream>

#include <nlohmann/json.hpp>

namespace spro::indexer {

Report::Report(const std::string& path) {
  if (!path.empty()) file_ = std::make_unique<std::ofstream>(path, std::ios::trunc);
}

void Report::reject(const std::string& location, const std::string& id, const std::string& reason) {
  ++rejected_;
  std::cerr << location << ": " << reason << "\n";
  if (file_) {
    nlohmann::json j = {{"location", location}, {"id", id}, {"error", reason}};
    *file_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
}

}  // namespace spro::indexer
