// Loading and reloading the configuration (see reload.h).
#include "server/reload.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "common/logging.h"
#include "server/config_file.h"
#include "server/hba_store.h"
#include "sql/settings/session_settings.h"

namespace strata::server {

namespace {

// Settings a reload cannot apply: PostgreSQL's postmaster ones, and the ssl
// ones (sighup in PostgreSQL, which rebuilds its TLS context on SIGHUP; the
// server's TlsContext is built once at start), so a change to them is
// reported as needing a restart instead of being silently ignored.
bool RestartOnly(const std::string& name) {
  if (sql::SessionSettings::ParameterContext(name) == "postmaster") return true;
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "ssl" || lower == "ssl_cert_file" || lower == "ssl_key_file" ||
         lower == "ssl_ca_file" || lower == "ssl_min_protocol_version";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The normalised boot value of every parameter, by lower-case name.
const std::map<std::string, std::string>& BootValues() {
  static const std::map<std::string, std::string> values = [] {
    std::map<std::string, std::string> out;
    for (const auto& d : sql::SessionSettings::Describe()) {
      std::string normalized;
      if (!sql::SessionSettings::ValidateParameter(d.name, d.boot_value, &normalized)) {
        out[Lower(d.name)] = normalized;
      }
    }
    return out;
  }();
  return values;
}

std::string BootValue(const std::string& lower_name) {
  auto it = BootValues().find(lower_name);
  return it == BootValues().end() ? "" : it->second;
}

// Keeps the last setting of each name, in the order of their last mention.
std::vector<sql::ConfigSetting> LastPerName(std::vector<sql::ConfigSetting> in) {
  std::vector<sql::ConfigSetting> out;
  for (auto it = in.rbegin(); it != in.rend(); ++it) {
    const std::string key = Lower(it->name);
    if (std::none_of(out.begin(), out.end(),
                     [&](const sql::ConfigSetting& s) { return Lower(s.name) == key; })) {
      out.push_back(std::move(*it));
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

ConfigLoader::ConfigLoader(std::string config_path, std::string data_directory,
                           std::vector<std::pair<std::string, std::string>> command_line)
    : config_path_(std::move(config_path)),
      data_directory_(std::move(data_directory)),
      command_line_(std::move(command_line)) {}

std::vector<sql::ConfigSetting> ConfigLoader::Collect(std::vector<std::string>* errors,
                                                      std::optional<std::string>* fatal) const {
  std::vector<sql::ConfigSetting> settings;
  // hba_file's default names the data directory's file (SHOW shows the
  // path, as PostgreSQL's does); a file or command-line value replaces it.
  settings.push_back({"hba_file", DefaultHbaPath(data_directory_), "override", "", 0});
  std::vector<ConfigFileEntry> entries;
  if (::access(config_path_.c_str(), F_OK) == 0) {
    if (auto err = ReadConfigFile(config_path_, &entries)) {
      *fatal = *err;
      return {};
    }
  }
  for (const ConfigFileEntry& e : entries) {
    if (Lower(e.name) == "data_directory") continue;  // -D decides; PostgreSQL's too at this point
    if (auto err = sql::SessionSettings::ValidateParameter(e.name, e.value)) {
      errors->push_back(e.file + ":" + std::to_string(e.line) + ": " + *err);
      continue;
    }
    settings.push_back({e.name, e.value, "configuration file", e.file, e.line});
  }
  for (const auto& [name, value] : command_line_) {
    if (Lower(name) == "data_directory") continue;
    if (auto err = sql::SessionSettings::ValidateParameter(name, value)) {
      errors->push_back(*err);
      continue;
    }
    settings.push_back({name, value, "command line", "", 0});
  }
  settings.push_back({"data_directory", data_directory_, "override", "", 0});
  return LastPerName(std::move(settings));
}

std::optional<std::string> ConfigLoader::LoadAtStartup(ServerConfig* config) {
  std::vector<std::string> errors;
  std::optional<std::string> fatal;
  std::vector<sql::ConfigSetting> settings = Collect(&errors, &fatal);
  if (fatal) return "configuration file error: " + *fatal;
  if (!errors.empty()) return errors.front();
  for (const sql::ConfigSetting& s : settings) {
    if (auto err = config->Set(s.name, s.value)) return *err;
    std::string normalized;
    (void)sql::SessionSettings::ValidateParameter(s.name, s.value, &normalized);
    const std::string key = Lower(s.name);
    applied_[key] = normalized;
    applied_settings_[key] = s;
    if (RestartOnly(s.name)) {
      running_restart_only_[key] = normalized;
    }
  }
  sql::ConfigSnapshot snapshot;
  snapshot.settings = std::move(settings);
  sql::InstallConfigSnapshot(snapshot);
  ApplyLogging(snapshot);
  return std::nullopt;
}

void ConfigLoader::Reload() {
  STRATA_LOG_INFO("received SIGHUP, reloading configuration files");
  std::vector<std::string> errors;
  std::optional<std::string> fatal;
  std::vector<sql::ConfigSetting> settings = Collect(&errors, &fatal);
  if (fatal) {
    STRATA_LOG_INFO("{}", *fatal);
    STRATA_LOG_INFO("configuration file \"{}\" contains errors; no changes were applied",
                    config_path_);
    return;
  }
  for (const std::string& e : errors) STRATA_LOG_INFO("{}", e);

  sql::ConfigSnapshot snapshot;
  std::map<std::string, std::string> applied;
  std::map<std::string, sql::ConfigSetting> applied_settings;
  auto restart_only = [](const std::string& name) { return RestartOnly(name); };
  auto keep_running = [&](const std::string& key) {
    // The running value stays in effect (and in pg_settings).
    auto it = applied_settings_.find(key);
    if (it != applied_settings_.end()) {
      snapshot.settings.push_back(it->second);
      applied[key] = applied_[key];
      applied_settings[key] = it->second;
    }
  };
  for (const sql::ConfigSetting& s : settings) {
    const std::string key = Lower(s.name);
    std::string normalized;
    (void)sql::SessionSettings::ValidateParameter(s.name, s.value, &normalized);
    if (restart_only(s.name)) {
      auto running = running_restart_only_.find(key);
      const std::string current =
          running != running_restart_only_.end() ? running->second : BootValue(key);
      if (normalized != current) {
        STRATA_LOG_INFO("parameter \"{}\" cannot be changed without restarting the server",
                        s.name);
        snapshot.pending_restart.insert(key);
        keep_running(key);
        continue;
      }
    } else {
      auto before = applied_.find(key);
      const std::string previous = before != applied_.end() ? before->second : BootValue(key);
      if (normalized != previous) {
        STRATA_LOG_INFO("parameter \"{}\" changed to \"{}\"", s.name, s.value);
      }
    }
    snapshot.settings.push_back(s);
    applied[key] = normalized;
    applied_settings[key] = s;
  }
  for (const auto& [key, setting] : applied_settings_) {
    if (applied_settings.count(key) != 0 || snapshot.pending_restart.count(key) != 0) continue;
    if (restart_only(setting.name)) {
      if (applied_[key] != BootValue(key)) {
        STRATA_LOG_INFO("parameter \"{}\" cannot be changed without restarting the server",
                        setting.name);
        snapshot.pending_restart.insert(key);
        keep_running(key);
      }
      continue;
    }
    STRATA_LOG_INFO("parameter \"{}\" removed from configuration file, reset to default",
                    setting.name);
  }
  applied_ = std::move(applied);
  applied_settings_ = std::move(applied_settings);
  sql::InstallConfigSnapshot(snapshot);
  ApplyLogging(snapshot);
  ReopenLogFiles();
  // PostgreSQL counts a restart-only change as an error of the file too.
  if (!errors.empty() || !snapshot.pending_restart.empty()) {
    STRATA_LOG_INFO("configuration file \"{}\" contains errors; unaffected changes were applied",
                    config_path_);
  }
}

void ConfigLoader::ApplyLogging(const sql::ConfigSnapshot&) const {
  // A session-less SessionSettings sees exactly the installed snapshot.
  sql::SessionSettings current;
  SetLogMinMessages(current.Show("log_min_messages"));
  LogSettings log;
  log.line_prefix = current.Show("log_line_prefix");
  const std::string dest = Lower(current.Show("log_destination"));
  log.json = dest.find("jsonlog") != std::string::npos;
  log.to_stderr = dest.find("stderr") != std::string::npos;
  log.collector = current.Show("logging_collector") == "on";
  std::string dir = current.Show("log_directory");
  if (dir.empty() || dir[0] != '/') dir = data_directory_ + "/" + dir;
  log.directory = dir;
  log.filename = current.Show("log_filename");
  log.rotation_age_s = current.IntValue("log_rotation_age") * 60;
  log.rotation_size_bytes = current.IntValue("log_rotation_size") * 1024;
  ConfigureLogging(log);
}

}  // namespace strata::server
