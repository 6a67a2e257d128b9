// ConfigLoader: loads stratad.conf and the command line into the running
// configuration, at startup and on every SIGHUP (or pg_reload_conf()).
//
// Startup: any error (syntax, unknown parameter, bad value) is fatal.
// Reload, as PostgreSQL's ProcessConfigFile:
//   * a file that cannot be read or parsed changes nothing ("configuration
//     file ... contains errors; no changes were applied");
//   * a bad value is logged and skipped, the rest applies ("... contains
//     errors; unaffected changes were applied");
//   * a restart-only (postmaster) parameter whose value changed keeps its
//     running value, is logged as "parameter \"port\" cannot be changed
//     without restarting the server" and shows pending_restart in
//     pg_settings;
//   * every other changed value is logged "parameter \"x\" changed to \"v\"";
//     one removed from the file goes back to its default ("parameter \"x\"
//     removed from configuration file, reset to default").
// Command-line settings outrank the file, at startup and after a reload.
// The result is installed as the ConfigSnapshot sessions read
// (sql/settings/config_snapshot.h), and the log settings are applied.
// Thread safety: Reload() runs on the server's control strand only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/server_config.h"
#include "sql/settings/config_snapshot.h"

namespace strata::server {

class ConfigLoader {
 public:
  // `command_line`: name/value pairs in the order given.
  ConfigLoader(std::string config_path, std::string data_directory,
               std::vector<std::pair<std::string, std::string>> command_line);

  // Reads everything and fills *config; an error message is fatal.
  std::optional<std::string> LoadAtStartup(ServerConfig* config);
  // Re-reads the file (SIGHUP). Logs what changed; never fails.
  void Reload();

  const std::string& config_path() const { return config_path_; }

 private:
  // The settings of the file and the command line, validated; bad ones are
  // reported through `errors` (with "file:line: " for file entries).
  std::vector<sql::ConfigSetting> Collect(std::vector<std::string>* errors,
                                          std::optional<std::string>* fatal) const;
  // Applies the log_* settings of `snapshot` to common/logging.
  void ApplyLogging(const sql::ConfigSnapshot& snapshot) const;

  std::string config_path_;
  std::string data_directory_;
  std::vector<std::pair<std::string, std::string>> command_line_;
  // The value each restart-only parameter runs with (lower-case name ->
  // normalised value) and the setting it came from.
  std::map<std::string, std::string> running_restart_only_;
  // The last installed settings by lower-case name: normalised value.
  std::map<std::string, std::string> applied_;
  std::map<std::string, sql::ConfigSetting> applied_settings_;
};

}  // namespace strata::server
