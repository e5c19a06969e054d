// Status and Result<T>: how spro-search reports expected failures.
//
// Bad input, a missing index or an unreadable file are not exceptions in this
// library: functions return a Status (or a Result<T> when they produce a value)
// and callers decide what to do. Exceptions from Xapian and ICU never cross the
// public API.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace spro {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // the caller's input is wrong (bad record, bad request)
    kNotFound,         // no index, no such resource, no such file
    kIoError,          // the file system or the index failed
    kIncompatible,     // index built by an incompatible version: rebuild it
    kInternal,         // a bug or an unexpected backend failure
  };

  // An OK status. Cheap: no allocation.
  Status() = default;

  static Status ok_status() { return Status(); }
  static Status invalid_argument(std::string msg) { return {Code::kInvalidArgument, std::move(msg)}; }
  static Status not_found(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status io_error(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status incompatible(std::string msg) { return {Code::kIncompatible, std::move(msg)}; }
  static Status internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  // Returns true iff the status indicates success.
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // A human-readable message, empty when ok().
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a non-OK Status (like C++23 std::expected).
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "a Result built from a Status must carry an error");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // Preconditions: ok().
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace spro
