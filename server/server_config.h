// ServerConfig: the restart-only (postmaster) settings stratad runs with,
// read from defaults, then DATADIR/stratad.conf (config_file.h), then the
// command line (postgres's own flags), later sources winning.
//
// Every parameter is declared once, in sql/settings/session_settings.cpp
// (name, type, default, range, context); Set() validates through it and keeps
// the typed copy of the ones the server itself needs. Reloadable settings
// are not copied here: see reload.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::server {

struct ServerConfig {
  std::string data_directory;
  std::string listen_addresses = "localhost";  // comma-separated; '*' = all
  int port = 5432;
  std::string unix_socket_directories = "/tmp";  // comma-separated; empty = none
  int max_connections = 100;
  std::string log_min_messages = "info";
  // The server-wide password of old: when set, every login must give it
  // (cleartext, or SCRAM against a verifier) whatever the user, and the hba
  // rules and role passwords are not used. Empty (the default): hba_file
  // and pg_authid decide (client_authentication.h).
  std::string password;
  // The client authentication rules; empty = DATADIR/stratad_hba.conf.
  std::string hba_file;
  // Largest frontend message accepted, in bytes (larger: 08P01, connection closed).
  int max_message_size = 1 << 30;
  // TLS (server/tls_context.h); file names relative to the data directory.
  bool ssl = false;
  std::string ssl_cert_file = "server.crt";
  std::string ssl_key_file = "server.key";
  std::string ssl_ca_file;
  std::string ssl_min_protocol_version = "TLSv1.2";
  int metrics_port = 0;  // 0 = no metrics endpoint
  // The storage engine's block cache in kB (block_cache_size); -1: automatic,
  // see BlockCacheBytes().
  int64_t block_cache_kb = -1;
  bool logging_collector = false;
  // off / on / always (always = on: there are no standbys). archive_command
  // (sighup) is read by the archiver at each segment (wal_archiver.h).
  std::string archive_mode = "off";

  // Applies one `name = value` setting: any parameter is validated (session
  // ones such as work_mem too); the server's own are kept. Returns an error
  // message on an unknown name or a bad value, nullopt on success. Names are
  // case-insensitive.
  std::optional<std::string> Set(const std::string& name, const std::string& value);
};

// The block cache's size in bytes: block_cache_kb, or when it is -1 a quarter
// of the memory the server may use (common/system_memory.h), at least 64 MB.
size_t BlockCacheBytes(const ServerConfig& config);

// What the command line asked for besides settings.
struct CommandLine {
  bool show_help = false;
  bool show_version = false;
  bool describe_config = false;  // --describe-config
  bool sample_config = false;    // --sample-config
  bool scram_verifier = false;   // --scram-verifier: password on stdin -> verifier
  // name -> value, in the order given (applied after the config file).
  std::vector<std::pair<std::string, std::string>> settings;
  std::optional<std::string> data_directory;
};

// Parses argv the way postgres does: -D DIR, -p PORT, -h ADDRESSES,
// -k SOCKETDIR, -N MAXCONN, -c name=value, --name=value, --help, --version.
// Returns an error message on bad usage.
std::optional<std::string> ParseCommandLine(int argc, char** argv, CommandLine* out);

// Parses postgresql.conf-style text into settings on *config. Returns the
// first error as "file:line: message".
std::optional<std::string> ParseConfigText(const std::string& text, const std::string& file_name,
                                           ServerConfig* config);

}  // namespace strata::server
