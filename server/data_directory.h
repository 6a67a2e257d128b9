// DataDirectory: prepares DATADIR for stratad and holds it exclusively.
//
// First start on a missing or empty directory initialises it (mode 0700,
// STRATA_VERSION marker, a commented stratad.conf). A non-empty directory
// without the marker is refused, so stratad never scribbles over someone
// else's files. While stratad runs it holds an flock on DATADIR/stratad.pid
// (which also records its PID), so a second stratad on the same directory
// refuses to start; the kernel drops the lock if the process dies.
#pragma once

#include <optional>
#include <string>

namespace strata::server {

class DataDirectory {
 public:
  DataDirectory() = default;
  DataDirectory(const DataDirectory&) = delete;
  DataDirectory& operator=(const DataDirectory&) = delete;
  ~DataDirectory();

  // Initialises the directory if needed and takes the lock. Returns an error
  // message (for a FATAL log line) on failure.
  std::optional<std::string> OpenAndLock(const std::string& path);

  const std::string& path() const { return path_; }
  std::string ConfigPath() const { return path_ + "/stratad.conf"; }

  // Format version of the directory layout, written to STRATA_VERSION.
  static constexpr int kLayoutVersion = 1;

 private:
  std::optional<std::string> Initialise();
  std::string path_;
  int lock_fd_ = -1;
};

}  // namespace strata::server
