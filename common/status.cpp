// Status formatting and errno mapping.
#include "common/status.h"

#include <cerrno>
#include <cstring>

namespace strata {

namespace {
const std::string kEmpty;

const char* CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "OK";
    case Status::Code::kNotFound: return "NotFound";
    case Status::Code::kCorruption: return "Corruption";
    case Status::Code::kNotSupported: return "NotSupported";
    case Status::Code::kInvalidArgument: return "InvalidArgument";
    case Status::Code::kIOError: return "IOError";
    case Status::Code::kNoSpace: return "NoSpace";
    case Status::Code::kBusy: return "Busy";
    case Status::Code::kAborted: return "Aborted";
    case Status::Code::kTimedOut: return "TimedOut";
  }
  return "Unknown";
}
}  // namespace

Status Status::FromErrno(int err, std::string_view context) {
  std::string msg(context);
  msg += ": ";
  msg += std::strerror(err);
  if (err == ENOSPC || err == EDQUOT) return NoSpace(msg);
  return IOError(msg);
}

const std::string& Status::message() const { return state_ ? state_->message : kEmpty; }

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out = CodeName(state_->code);
  if (!state_->message.empty()) {
    out += ": ";
    out += state_->message;
  }
  return out;
}

}  // namespace strata
