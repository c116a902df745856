// Errors as values at module borders: a Result<T> holds either a T or an Error
// whose message is written for the user who has to act on it, and whose kind
// tells the caller (and the API layers) what sort of failure it was, so a
// missing series answers 404 and a locked database 503 without parsing text.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace nzbd {

enum class ErrorKind {
  Internal,  // the default: a fault nobody can fix by asking differently
  NotFound,  // the thing asked for does not exist
  Invalid,   // the request or input is wrong (bad value, failed validation)
  Conflict,  // it clashes with what is stored (a duplicate, a constraint)
  Busy,      // a resource is locked or in use right now; retrying may work
  Io,        // reading or writing the disk (or the network) failed
  Corrupt,   // stored data is damaged or not what it claims to be
};

// "not found", "invalid", ...: for logs and tests.
constexpr std::string_view kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::NotFound: return "not found";
    case ErrorKind::Invalid: return "invalid";
    case ErrorKind::Conflict: return "conflict";
    case ErrorKind::Busy: return "busy";
    case ErrorKind::Io: return "I/O";
    case ErrorKind::Corrupt: return "corrupt";
    case ErrorKind::Internal: break;
  }
  return "internal";
}

struct Error {
  std::string message;
  ErrorKind kind = ErrorKind::Internal;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

  const Error& error() const { return std::get<1>(v_); }
  const std::string& message() const { return error().message; }
  ErrorKind kind() const { return error().kind; }
  bool is(ErrorKind k) const { return !ok() && kind() == k; }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

inline Error make_error(std::string message, ErrorKind kind = ErrorKind::Internal) {
  return Error{std::move(message), kind};
}
inline Error not_found_error(std::string message) { return make_error(std::move(message), ErrorKind::NotFound); }
inline Error invalid_error(std::string message) { return make_error(std::move(message), ErrorKind::Invalid); }
inline Error io_error(std::string message) { return make_error(std::move(message), ErrorKind::Io); }
inline Error corrupt_error(std::string message) { return make_error(std::move(message), ErrorKind::Corrupt); }

// The same failure with context in front ("history: " + message), kind kept.
inline Error with_context(std::string_view context, const Error& e) {
  return Error{std::string(context) + e.message, e.kind};
}

}  // namespace nzbd
