// Expected failures as values: a domain or storage function returns Result<T>, either the value
// or why not (not found, conflict, invalid fields, forbidden). Each door maps a failure to its
// own error format in one place; exceptions stay for the unexpected.
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace loket::common {

// One field that was refused: `name` as the caller sent it, a machine code and a reason.
struct FieldError {
  std::string name;
  std::string code;
  std::string reason;
  bool operator==(const FieldError&) const = default;
};

struct Failure {
  enum class Kind { NotFound, Conflict, Invalid, Forbidden };
  Kind kind = Kind::Invalid;
  std::string detail;
  std::vector<FieldError> fields;  // Invalid: each refused field
};

inline Failure not_found(std::string detail) {
  return {Failure::Kind::NotFound, std::move(detail), {}};
}
inline Failure conflict(std::string detail) {
  return {Failure::Kind::Conflict, std::move(detail), {}};
}
inline Failure forbidden(std::string detail) {
  return {Failure::Kind::Forbidden, std::move(detail), {}};
}
inline Failure invalid(std::vector<FieldError> fields, std::string detail = {}) {
  return {Failure::Kind::Invalid, std::move(detail), std::move(fields)};
}
inline Failure invalid(std::string name, std::string code, std::string reason) {
  return invalid({FieldError{std::move(name), std::move(code), std::move(reason)}});
}

// The value or the failure. Result<void> carries no value.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Failure failure) : v_(std::in_place_index<1>, std::move(failure)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Only when ok().
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // Only when !ok().
  const Failure& failure() const { return std::get<1>(v_); }

 private:
  std::variant<T, Failure> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Failure failure) : failure_(std::move(failure)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Failure& failure() const { return failure_; }

 private:
  Failure failure_;
  bool ok_ = true;
};

}  // namespace loket::common
