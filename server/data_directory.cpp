// Data directory initialisation and the single-server lock (see data_directory.h).
#include "server/data_directory.h"
#include "server/describe_config.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/logging.h"

namespace strata::server {

namespace {

std::string ErrnoText() { return std::strerror(errno); }

// Whether path exists and holds anything besides files stratad itself
// creates during initialisation (so a crash mid-initialisation is retried).
bool HasForeignEntries(const std::string& path, bool* exists) {
  DIR* dir = opendir(path.c_str());
  if (dir == nullptr) {
    *exists = false;
    return false;
  }
  *exists = true;
  bool foreign = false;
  while (dirent* e = readdir(dir)) {
    std::string name = e->d_name;
    if (name == "." || name == ".." || name == "stratad.pid" || name == "stratad.conf" ||
        name == "stratad.conf.tmp" || name == "STRATA_VERSION.tmp") {
      continue;
    }
    foreign = true;
    break;
  }
  closedir(dir);
  return foreign;
}

bool WriteFileDurably(const std::string& path, const std::string& contents) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = ::write(fd, contents.data(), contents.size()) == static_cast<ssize_t>(contents.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  return ok && ::rename(tmp.c_str(), path.c_str()) == 0;
}

bool SyncDirectory(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

DataDirectory::~DataDirectory() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::optional<std::string> DataDirectory::Initialise() {
  const std::string marker = path_ + "/STRATA_VERSION";
  if (::access(marker.c_str(), F_OK) == 0) {
    std::ifstream in(marker);
    int version = 0;
    in >> version;
    if (version != kLayoutVersion) {
      return "data directory \"" + path_ + "\" has layout version " + std::to_string(version) +
             ", which is not compatible with this stratad (layout " +
             std::to_string(kLayoutVersion) + ")";
    }
    return std::nullopt;
  }
  STRATA_LOG_INFO("initialising new data directory \"{}\"", path_);
  // The marker goes last: a crash before it leaves a directory that the next
  // start still treats as fresh (only our own files can be in it).
  if (::access(ConfigPath().c_str(), F_OK) != 0 &&
      !WriteFileDurably(ConfigPath(), SampleConfigText())) {
    return "could not initialise data directory \"" + path_ + "\": " + ErrnoText();
  }
  if (!WriteFileDurably(marker, std::to_string(kLayoutVersion) + "\n") || !SyncDirectory(path_)) {
    return "could not initialise data directory \"" + path_ + "\": " + ErrnoText();
  }
  return std::nullopt;
}

std::optional<std::string> DataDirectory::OpenAndLock(const std::string& path) {
  path_ = path;
  while (path_.size() > 1 && path_.back() == '/') path_.pop_back();
  bool exists = false;
  if (HasForeignEntries(path_, &exists) &&
      ::access((path_ + "/STRATA_VERSION").c_str(), F_OK) != 0) {
    return "directory \"" + path_ +
           "\" exists but is not a StrataDB data directory (no STRATA_VERSION file)";
  }
  // Lock before initialising so two first starts cannot race.
  if (!exists && ::mkdir(path_.c_str(), 0700) != 0) {
    return "could not create data directory \"" + path_ + "\": " + ErrnoText();
  }
  const std::string lock_path = path_ + "/stratad.pid";
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0) return "could not open lock file \"" + lock_path + "\": " + ErrnoText();
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    char buf[32] = {};
    ssize_t n = ::pread(lock_fd_, buf, sizeof(buf) - 1, 0);
    std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "unknown";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    ::close(lock_fd_);
    lock_fd_ = -1;
    return "lock file \"" + lock_path + "\" is held by another stratad (PID " + pid +
           "); is another server running in data directory \"" + path_ + "\"?";
  }
  if (auto err = Initialise()) return err;
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(lock_fd_, 0) != 0 ||
      ::pwrite(lock_fd_, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    return "could not write lock file \"" + lock_path + "\": " + ErrnoText();
  }
  return std::nullopt;
}

}  // namespace strata::server
