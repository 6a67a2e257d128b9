// Status: the error value returned by storage/ and txn/ instead of throwing.
//
// An OK status holds no allocation, so returning it is as cheap as returning an
// int. Error statuses carry a code and a message. Codes are stable names used
// by callers to decide what to do (retry on Busy, report Corruption, ...);
// they are never written to disk.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace strata {

class [[nodiscard]] Status {
 public:
  enum class Code : unsigned char {
    kOk = 0,
    kNotFound,
    kCorruption,
    kNotSupported,
    kInvalidArgument,
    kIOError,
    kNoSpace,
    kBusy,
    kAborted,
    kTimedOut,
  };

  Status() = default;
  Status(const Status& other) { *this = other; }
  Status& operator=(const Status& other) {
    if (this != &other) {
      state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
    }
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }
  static Status NotFound(std::string_view msg = {}) { return Status(Code::kNotFound, msg); }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status NotSupported(std::string_view msg) { return Status(Code::kNotSupported, msg); }
  static Status InvalidArgument(std::string_view msg) { return Status(Code::kInvalidArgument, msg); }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  static Status NoSpace(std::string_view msg) { return Status(Code::kNoSpace, msg); }
  static Status Busy(std::string_view msg) { return Status(Code::kBusy, msg); }
  static Status Aborted(std::string_view msg) { return Status(Code::kAborted, msg); }
  static Status TimedOut(std::string_view msg) { return Status(Code::kTimedOut, msg); }
  // Maps an errno value from a failed system call to IOError / NoSpace.
  static Status FromErrno(int err, std::string_view context);

  bool ok() const { return state_ == nullptr; }
  Code code() const { return state_ ? state_->code : Code::kOk; }
  bool IsNotFound() const { return code() == Code::kNotFound; }
  bool IsCorruption() const { return code() == Code::kCorruption; }
  bool IsNotSupported() const { return code() == Code::kNotSupported; }
  bool IsInvalidArgument() const { return code() == Code::kInvalidArgument; }
  bool IsIOError() const { return code() == Code::kIOError; }
  bool IsNoSpace() const { return code() == Code::kNoSpace; }
  bool IsBusy() const { return code() == Code::kBusy; }
  bool IsAborted() const { return code() == Code::kAborted; }
  bool IsTimedOut() const { return code() == Code::kTimedOut; }

  const std::string& message() const;
  // "Corruption: bad block checksum in 000012.sst" or "OK".
  std::string ToString() const;

 private:
  struct State {
    Code code;
    std::string message;
  };
  Status(Code code, std::string_view msg)
      : state_(std::make_unique<State>(State{code, std::string(msg)})) {}

  std::unique_ptr<State> state_;
};

// Propagates a non-OK status to the caller.
#define STRATA_RETURN_IF_ERROR(expr)         \
  do {                                       \
    ::strata::Status _st = (expr);           \
    if (!_st.ok()) return _st;               \
  } while (0)

}  // namespace strata
