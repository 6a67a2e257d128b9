// Result<T>: a value or a non-OK Status, for functions in storage/ and txn/
// that produce something. Access value() only after checking ok().
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "common/status.h"

namespace strata {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).ok() && "Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // REQUIRES: !ok()
  const Status& status() const { return std::get<Status>(data_); }
  // The status, OK when a value is held.
  Status ToStatus() const { return ok() ? Status::OK() : status(); }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

// Assigns the value of a Result expression to lhs or returns its error.
#define STRATA_CONCAT_INNER(a, b) a##b
#define STRATA_CONCAT(a, b) STRATA_CONCAT_INNER(a, b)
#define STRATA_ASSIGN_OR_RETURN(lhs, expr)                         \
  auto STRATA_CONCAT(_res_, __LINE__) = (expr);                    \
  if (!STRATA_CONCAT(_res_, __LINE__).ok())                        \
    return STRATA_CONCAT(_res_, __LINE__).status();                \
  lhs = std::move(STRATA_CONCAT(_res_, __LINE__)).value()

}  // namespace strata
