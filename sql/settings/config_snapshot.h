// ConfigSnapshot: the server-wide parameter values that come from the
// configuration file and the command line, as the last (re)load left them.
// Sessions take them as their reset values (SessionSettings::ApplyConfig):
// at session start and, after a SIGHUP reload, at their next message, for
// every parameter the session did not set itself (PostgreSQL's rule: SET and
// the startup packet outrank the file).
//
// Thread safety: a snapshot is immutable once installed; Install/Current
// swap a shared_ptr under a mutex, so readers never see a half-built one.
// The generation lets a session notice a reload with one atomic load.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace strata::sql {

struct ConfigSetting {
  std::string name;    // as written (case-insensitive)
  std::string value;   // as written, unquoted
  std::string source;  // pg_settings.source: "configuration file", "command line", "override"
  std::string file;    // for "configuration file": absolute path, else empty
  int line = 0;
};

struct ConfigSnapshot {
  // Later entries win for the same name (one entry per name after a load).
  std::vector<ConfigSetting> settings;
  // Restart-only (postmaster) parameters whose file value differs from the
  // running one: pg_settings.pending_restart. Lower-case names.
  std::set<std::string> pending_restart;
  uint64_t generation = 0;
};

// Makes `snapshot` current (its generation is assigned here).
void InstallConfigSnapshot(ConfigSnapshot snapshot);
// The current snapshot; null before the first Install (unit tests, tools).
std::shared_ptr<const ConfigSnapshot> CurrentConfigSnapshot();
// The current generation (0 before the first Install).
uint64_t ConfigGeneration();

}  // namespace strata::sql
