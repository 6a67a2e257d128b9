// LogFile: the logging collector's file output — log_directory +
// log_filename (a strftime pattern, UTC), rotated by age (log_rotation_age,
// at multiples of it since the epoch, as PostgreSQL does) or size
// (log_rotation_size), reopened on demand (SIGHUP). A rotation that yields
// the same file name appends to that file.
// Thread-safe: one mutex around open/rotate/write.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

namespace strata {

class LogFile {
 public:
  LogFile() = default;
  ~LogFile();
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;

  struct Options {
    std::string directory;  // absolute
    std::string filename_pattern;
    std::string suffix;       // "" or ".json": replaces a ".log" ending
    int64_t rotation_age_s = 0;     // 0: never by age
    int64_t rotation_size_bytes = 0;  // 0: never by size
  };
  // Takes new options; the file is (re)opened at the next Write.
  void Configure(const Options& options);
  // Closes the file so the next Write opens it again (SIGHUP, logrotate).
  void Reopen();
  // Writes one whole line. Returns false if the file could not be opened
  // (the caller falls back to stderr).
  bool Write(const std::string& line);
  // The file being written, "" if none yet.
  std::string current_path();

 private:
  bool OpenLocked(int64_t now_s);

  std::mutex mu_;
  Options options_;
  int fd_ = -1;
  std::string path_;
  int64_t size_ = 0;
  int64_t next_rotation_s_ = 0;
};

// The file name for `pattern` at time `now_s` (UTC), with `suffix`.
std::string LogFileName(const std::string& pattern, int64_t now_s, const std::string& suffix);

}  // namespace strata
