// archive_command runner (see wal_archiver.h).
#include "server/wal_archiver.h"

#include <signal.h>
#include <spawn.h>
#include <strings.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "common/logging.h"
#include "sql/settings/config_snapshot.h"

extern char** environ;

namespace strata::server {

namespace {

std::string CurrentArchiveCommand() {
  std::shared_ptr<const sql::ConfigSnapshot> config = sql::CurrentConfigSnapshot();
  std::string command;
  if (config == nullptr) return command;
  for (const sql::ConfigSetting& s : config->settings) {
    if (strcasecmp(s.name.c_str(), "archive_command") == 0) command = s.value;
  }
  return command;
}

// Exit status of `/bin/sh -c command`, or -1 (errno) when it cannot start.
int RunShell(const std::string& command, int* wait_status) {
  const char* argv[] = {"sh", "-c", command.c_str(), nullptr};
  pid_t pid = 0;
  // The command starts with no blocked signals and default handlers,
  // whatever the server's threads block (as a postmaster child would).
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  const int err = posix_spawn(&pid, "/bin/sh", nullptr, &attr, const_cast<char**>(argv), environ);
  posix_spawnattr_destroy(&attr);
  if (err != 0) {
    errno = err;
    return -1;
  }
  while (waitpid(pid, wait_status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return 0;
}

void LogWithDetail(LogLevel level, const std::string& message, const std::string& detail) {
  LogRecord r;
  r.level = level;
  r.message = message;
  r.detail = detail;
  EmitLog(r);
}

}  // namespace

std::string ExpandArchiveCommand(const std::string& command, const std::string& path,
                                 const std::string& name) {
  std::string out;
  for (size_t i = 0; i < command.size(); ++i) {
    if (command[i] == '%' && i + 1 < command.size()) {
      const char c = command[i + 1];
      if (c == 'p') { out += path; ++i; continue; }
      if (c == 'f') { out += name; ++i; continue; }
      if (c == '%') { out += '%'; ++i; continue; }
    }
    out += command[i];
  }
  return out;
}

std::function<Status(const std::string&, const std::string&)> MakeWalArchiver() {
  // Consecutive failures of the segment being retried (one archiver thread).
  auto failures = std::make_shared<std::pair<std::string, int>>();
  return [failures](const std::string& path, const std::string& name) -> Status {
    const std::string command = CurrentArchiveCommand();
    if (command.empty()) {
      STRATA_LOG_WARNING("archive_mode enabled, yet archiving is not configured");
      return Status::Aborted("archive_command is not set");
    }
    const std::string expanded = ExpandArchiveCommand(command, path, name);
    int wait_status = 0;
    std::string failure;
    if (RunShell(expanded, &wait_status) != 0) {
      failure = std::string("could not execute archive command: ") + std::strerror(errno);
    } else if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0) {
      STRATA_LOG_DEBUG("archived write-ahead log file \"{}\"", name);
      *failures = {};
      return Status::OK();
    } else if (WIFSIGNALED(wait_status)) {
      failure = "archive command was terminated by signal " +
                std::to_string(WTERMSIG(wait_status)) + ": " + strsignal(WTERMSIG(wait_status));
    } else {
      failure = "archive command failed with exit code " + std::to_string(WEXITSTATUS(wait_status));
    }
    LogWithDetail(LogLevel::kInfo, failure, "The failed archive command was: " + expanded);
    if (failures->first != name) *failures = {name, 0};
    if (++failures->second == 3) {
      STRATA_LOG_WARNING(
          "archiving write-ahead log file \"{}\" failed too many times, will try again later", name);
      failures->second = 0;
    }
    return Status::IOError(failure);
  };
}

}  // namespace strata::server
