#pragma once
// Result<T>: a value or an Error. Domain code returns these; one function (envelope/) maps an
// Error's kind to an HTTP status. No HTTP status codes inside domain rules.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace lsm {

enum class ErrorKind {
  kInvalidArgument,   // 400
  kUnauthenticated,   // 401
  kPermissionDenied,  // 403
  kNotFound,          // 404
  kMethodNotAllowed,  // 405
  kConflict,          // 409
  kPayloadTooLarge,   // 413
  kUnsupportedMedia,  // 415
  kInternal,          // 500
  kNotImplemented,    // 501
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  // Extra messages after the documented headline for this kind; for kInvalidArgument one per
  // violated field, each starting with the field's name ("title: must not be empty").
  std::vector<std::string> details;

  static Error invalid(std::string detail) {
    return {ErrorKind::kInvalidArgument, {std::move(detail)}};
  }
  static Error invalid(std::vector<std::string> details) {
    return {ErrorKind::kInvalidArgument, std::move(details)};
  }
  static Error unauthenticated(std::string detail = {}) {
    return make(ErrorKind::kUnauthenticated, std::move(detail));
  }
  static Error forbidden(std::string detail = {}) {
    return make(ErrorKind::kPermissionDenied, std::move(detail));
  }
  static Error notFound(std::string detail = {}) {
    return make(ErrorKind::kNotFound, std::move(detail));
  }
  static Error conflict(std::string detail = {}) {
    return make(ErrorKind::kConflict, std::move(detail));
  }
  static Error internal(std::string detail = {}) {
    return make(ErrorKind::kInternal, std::move(detail));
  }
  static Error tooLarge(std::string detail = {}) {
    return make(ErrorKind::kPayloadTooLarge, std::move(detail));
  }
  static Error unsupportedMedia(std::string detail = {}) {
    return make(ErrorKind::kUnsupportedMedia, std::move(detail));
  }

 private:
  static Error make(ErrorKind kind, std::string detail) {
    Error e{kind, {}};
    if (!detail.empty()) e.details.push_back(std::move(detail));
    return e;
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const Error& error() const { return std::get<Error>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> v_;
};

// For operations that produce no value.
struct Unit {};
using Status = Result<Unit>;
inline Status okStatus() {
  return Unit{};
}

}  // namespace lsm
