#include "index/record.h"

#include <cstdint>
#include <cstring>

namespace spro::schema {
namespace {

// Bump when the layout below changes (and kSchemaVersion with it).
constexpr char kRecordFormat = 1;

class Writer {
 public:
  void size(size_t n) {
    // LEB128: 7 bits per byte, high bit set on all but the last.
    while (n >= 0x80) {
      out += static_cast<char>((n & 0x7F) | 0x80);
      n >>= 7;
    }
    out += static_cast<char>(n);
  }
  void string(std::string_view s) {
    size(s.size());
    out += s;
  }
  void strings(const std::vector<std::string>& v) {
    size(v.size());
    for (const auto& s : v) string(s);
  }
  void number(double d) {
    char bytes[sizeof d];
    std::memcpy(bytes, &d, sizeof d);
    out.append(bytes, sizeof d);
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool size(size_t& n) {
    n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return false;
      auto byte = static_cast<unsigned char>(in_.front());
      in_.remove_prefix(1);
      n |= static_cast<size_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return true;
    }
    return false;
  }
  bool string(std::string& s) {
    size_t n;
    if (!size(n) || n > in_.size()) return false;
    s.assign(in_.substr(0, n));
    in_.remove_prefix(n);
    return true;
  }
  bool strings(std::vector<std::string>& v) {
    size_t n;
    if (!size(n) || n > in_.size()) return false;
    v.resize(n);
    for (auto& s : v) {
      if (!string(s)) return false;
    }
    return true;
  }
  bool number(double& d) {
    if (in_.size() < sizeof d) return false;
    std::memcpy(&d, in_.data(), sizeof d);
    in_.remove_prefix(sizeof d);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace

std::string encode_record(const Resource& r) {
  Writer w;
  w.out += kRecordFormat;
  for (const std::string* s : {&r.id, &r.kind, &r.title, &r.summary, &r.source, &r.url, &r.updated, &r.address,
                               &r.start, &r.end}) {
    w.string(*s);
  }
  for (const auto* v : {&r.keywords, &r.territories, &r.publics, &r.modalities}) w.strings(*v);
  w.size(r.levels.size());
  for (int l : r.levels) w.size(static_cast<size_t>(l));
  w.size(r.codes.size());
  for (const auto& [system, values] : r.codes) {
    w.string(system);
    w.strings(values);
  }
  w.size(r.location ? 1 : 0);
  if (r.location) {
    w.number(r.location->lat);
    w.number(r.location->lon);
  }
  return std::move(w.out);
}

bool decode_record(std::string_view data, Resource& out) {
  if (data.empty() || data.front() != kRecordFormat) return false;
  Reader in(data.substr(1));
  for (std::string* s : {&out.id, &out.kind, &out.title, &out.summary, &out.source, &out.url, &out.updated,
                         &out.address, &out.start, &out.end}) {
    if (!in.string(*s)) return false;
  }
  for (auto* v : {&out.keywords, &out.territories, &out.publics, &out.modalities}) {
    if (!in.strings(*v)) return false;
  }
  size_t n;
  if (!in.size(n) || n > data.size()) return false;
  out.levels.resize(n);
  for (int& l : out.levels) {
    size_t v;
    if (!in.size(v)) return false;
    l = static_cast<int>(v);
  }
  if (!in.size(n) || n > data.size()) return false;
  out.codes.clear();
  for (size_t i = 0; i < n; ++i) {
    std::string system;
    std::vector<std::string> values;
    if (!in.string(system) || !in.strings(values)) return false;
    out.codes.emplace(std::move(system), std::move(values));
  }
  if (!in.size(n)) return false;
  out.location.reset();
  if (n == 1) {
    GeoPoint p;
    if (!in.number(p.lat) || !in.number(p.lon)) return false;
    out.location = p;
  }
  return in.done();
}

}  // namespace spro::schema
