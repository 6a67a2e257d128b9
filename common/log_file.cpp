// The logging collector's file output (see log_file.h).
#include "common/log_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>

namespace strata {

std::string LogFileName(const std::string& pattern, int64_t now_s, const std::string& suffix) {
  const time_t t = static_cast<time_t>(now_s);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[1024];
  const size_t n = std::strftime(buf, sizeof(buf), pattern.c_str(), &tm);
  std::string name(buf, n);
  if (!suffix.empty()) {
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".log") == 0) name.resize(name.size() - 4);
    name += suffix;
  }
  return name;
}

LogFile::~LogFile() {
  if (fd_ >= 0) ::close(fd_);
}

void LogFile::Configure(const Options& options) {
  std::lock_guard lock(mu_);
  const bool same_file = options.directory == options_.directory &&
                         options.filename_pattern == options_.filename_pattern &&
                         options.suffix == options_.suffix;
  options_ = options;
  if (!same_file && fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  next_rotation_s_ = 0;  // recomputed at the next write
}

void LogFile::Reopen() {
  std::lock_guard lock(mu_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::string LogFile::current_path() {
  std::lock_guard lock(mu_);
  return fd_ >= 0 ? path_ : "";
}

bool LogFile::OpenLocked(int64_t now_s) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::mkdir(options_.directory.c_str(), 0700);
  path_ = options_.directory + "/" + LogFileName(options_.filename_pattern, now_s, options_.suffix);
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) return false;
  struct stat st {};
  size_ = ::fstat(fd_, &st) == 0 ? st.st_size : 0;
  const int64_t age = options_.rotation_age_s;
  next_rotation_s_ = age > 0 ? (now_s / age + 1) * age : 0;
  return true;
}

bool LogFile::Write(const std::string& line) {
  std::lock_guard lock(mu_);
  const int64_t now_s = static_cast<int64_t>(::time(nullptr));
  bool rotate = fd_ < 0;
  if (!rotate && next_rotation_s_ > 0 && now_s >= next_rotation_s_) rotate = true;
  if (!rotate && options_.rotation_size_bytes > 0 && size_ >= options_.rotation_size_bytes) {
    rotate = true;
  }
  if (rotate && !OpenLocked(now_s)) return false;
  // Size rotation into a name the pattern repeats would append forever to
  // the same file: the size check then just restarts counting.
  if (rotate && options_.rotation_size_bytes > 0 && size_ >= options_.rotation_size_bytes) {
    size_ = 0;
  }
  const ssize_t n = ::write(fd_, line.data(), line.size());
  if (n > 0) size_ += n;
  return n == static_cast<ssize_t>(line.size());
}

}  // namespace strata
