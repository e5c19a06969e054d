#include "report.h"

#include <iostream>

#include <nlohmann/json.hpp>

namespace spro::indexer {

std::string printable(std::string_view in, size_t max_bytes) {
  std::string out;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  auto escape = [&](unsigned char c) {
    static const char* kHex = "0123456789ABCDEF";
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
  };
  for (size_t i = 0; i < n;) {
    if (out.size() >= max_bytes) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    unsigned char c = p[i];
    if (c < 0x20 || c == 0x7F) {
      escape(c);
      ++i;
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // A well-formed UTF-8 sequence is kept whole; any other byte escaped.
    size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
    if (ok && len == 3) ok = !(c == 0xE0 && p[i + 1] < 0xA0) && !(c == 0xED && p[i + 1] >= 0xA0);
    if (ok && len == 4) ok = !(c == 0xF0 && p[i + 1] < 0x90) && !(c == 0xF4 && p[i + 1] >= 0x90);
    // C1 control characters (U+0080-U+009F) are escaped too.
    if (ok && c == 0xC2 && p[i + 1] < 0xA0) ok = false;
    if (!ok) {
      escape(c);
      ++i;
      continue;
    }
    out.append(in.substr(i, len));
    i += len;
  }
  return out;
}

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
  nlohmann::ordered_json j = {{"source", source}, {"location", location}, {"id", id}, {key, printable(message, kMessageBytes)}};
  *file_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void Report::reject(const std::string& source, const std::string& location, const std::string& id, const std::string& reason) {
  ++counts(source).rejected;
  std::cerr << printable(location, kMessageBytes) << ": " << printable(reason, kMessageBytes) << "\n";
  write(source, location, id, "error", reason);
}

void Report::reject_file(const std::string& source, const std::string& path, const std::string& reason) {
  ++counts(source).rejected;
  write(source, path, "", "error", reason);
}

void Report::skip_file(const std::string& path, const std::string& reason) {
  if (!file_) return;
  nlohmann::ordered_json j = {{"location", path}, {"skipped", reason}};
  *file_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void Report::warn(const std::string& source, const std::string& location, const std::string& id, const std::string& message) {
  size_t n = ++counts(source).warnings;
  if (n <= kWarningsShown) {
    std::cerr << printable(location, kMessageBytes) << ": warning: " << printable(message, kMessageBytes) << "\n";
  }
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
      // Without a report file the rest are nowhere: say how to get them.
      std::cerr << "spro-index: " << name << ": " << (c.warnings - kWarningsShown) << " more warnings"
                << (file_ ? " (all are in --report FILE)\n" : " (rerun with --report FILE to see them all)\n");
    }
  }
}

}  // namespace spro::indexer
