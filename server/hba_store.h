// HbaStore: the hba rules connections are checked against (hba_rules.h),
// loaded from the hba_file at startup and re-read on SIGHUP.
//
// Startup: a missing file at the default place (DATADIR/stratad_hba.conf,
// e.g. a data directory made before hba rules existed) is written with
// DefaultHbaText(); a missing file elsewhere or a bad line is fatal, as
// PostgreSQL's "could not load pg_hba.conf".
// Reload: a file that cannot be read or has a bad line leaves the rules in
// use unchanged and is logged with file:line ("pg_hba.conf was not
// reloaded"), as PostgreSQL does.
// Thread safety: Current() may be called from any thread; Load/Reload run on
// the server's control strand (or before the server starts).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "server/hba_rules.h"

namespace strata::server {

class HbaStore {
 public:
  // `path`: the hba_file; `is_default`: whether it is DATADIR's default one.
  HbaStore(std::string path, bool is_default);

  // Reads the file; an error message is fatal.
  std::optional<std::string> LoadAtStartup();
  // Re-reads the file (SIGHUP); logs and keeps the old rules on error.
  void Reload();

  std::shared_ptr<const HbaRules> Current() const;
  const std::string& path() const { return path_; }

 private:
  // The file's rules, or an error message.
  std::optional<HbaRules> Read(std::string* error) const;

  std::string path_;
  bool is_default_;
  mutable std::mutex mu_;
  std::shared_ptr<const HbaRules> current_;  // guarded by mu_
};

// The default hba_file of a data directory.
std::string DefaultHbaPath(const std::string& data_directory);

}  // namespace strata::server
