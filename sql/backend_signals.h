// BackendSignals: how SQL functions reach other sessions of this server
// (pg_cancel_backend, pg_terminate_backend). The server installs its
// session registry once at startup; sql/ cannot depend on server/.
#pragma once

#include <cstdint>

namespace strata::sql {

class BackendSignals {
 public:
  virtual ~BackendSignals() = default;
  // false if no session has that backend pid.
  virtual bool CancelBackend(int32_t pid) = 0;
  virtual bool TerminateBackend(int32_t pid) = 0;
  virtual bool BackendExists(int32_t pid) const = 0;
};

// Process-wide; null uninstalls. Not thread-safe against concurrent calls
// of the functions below: install before sessions start, uninstall after.
void InstallBackendSignals(BackendSignals* signals);
BackendSignals* InstalledBackendSignals();

}  // namespace strata::sql
