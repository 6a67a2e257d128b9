// stratad: the StrataDB server process. Parses settings, opens the data
// directory, binds the listeners and serves until SIGINT/SIGTERM.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "common/logging.h"
#include "server/data_directory.h"
#include "server/hba_store.h"
#include "server/describe_config.h"
#include "server/scram_auth.h"
#include "server/reload.h"
#include "server/server.h"
#include "server/server_config.h"
#include "server/tls_context.h"
#include "server/wal_archiver.h"
#include "sql/database.h"
#include "sql/autovacuum.h"
#include "sql/saved_statistics.h"

namespace {

constexpr const char* kUsage =
    "stratad is the StrataDB server, compatible with PostgreSQL 15 clients.\n\n"
    "Usage:\n"
    "  stratad [OPTION]...\n\n"
    "Options:\n"
    "  -c NAME=VALUE      set run-time parameter\n"
    "  -D DATADIR         database directory (or $STRATADATA)\n"
    "  -h HOSTNAME        host name or IP address to listen on\n"
    "  -k DIRECTORY       Unix-domain socket location\n"
    "  -N MAX-CONNECT     maximum number of allowed connections\n"
    "  -p PORT            port number to listen on\n"
    "  -V, --version      output version information, then exit\n"
    "  --describe-config  describe configuration parameters, then exit\n"
    "  --sample-config    print a documented stratad.conf, then exit\n"
    "  --scram-verifier   read a password line on stdin, print its SCRAM-SHA-256\n"
    "                     verifier (a value for the password setting), then exit\n"
    "  --NAME=VALUE       set run-time parameter\n"
    "  -?, --help         show this help, then exit\n";

int Fail(const std::string& message) {
  strata::LogLine(strata::LogLevel::kFatal, message);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace strata::server;
  CommandLine cmd;
  if (auto err = ParseCommandLine(argc, argv, &cmd)) {
    std::fprintf(stderr, "stratad: %s\nTry \"stratad --help\" for more information.\n",
                 err->c_str());
    return 1;
  }
  if (cmd.show_help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (cmd.describe_config) {
    std::fputs(DescribeConfigText().c_str(), stdout);
    return 0;
  }
  if (cmd.sample_config) {
    std::fputs(SampleConfigText().c_str(), stdout);
    return 0;
  }
  if (cmd.scram_verifier) {
    std::string password;
    if (!std::getline(std::cin, password) || password.empty()) {
      std::fprintf(stderr, "stratad: --scram-verifier needs a non-empty password line on stdin\n");
      return 1;
    }
    std::printf("%s\n", MakeScramVerifier(password).c_str());
    return 0;
  }
  if (cmd.show_version) {
    std::printf("stratad (PostgreSQL) 15.0 (StrataDB %s)\n", STRATA_VERSION_STRING);
    return 0;
  }

  std::string data_dir = cmd.data_directory.value_or("");
  if (data_dir.empty()) {
    if (const char* env = std::getenv("STRATADATA")) data_dir = env;
  }
  if (data_dir.empty()) {
    std::fprintf(stderr,
                 "stratad does not know where to find the database system data.\n"
                 "You must specify the -D invocation option or set the STRATADATA "
                 "environment variable.\n");
    return 1;
  }

  // Command-line settings are checked before touching the disk, so a typo
  // never initialises a directory.
  {
    ServerConfig probe;
    for (const auto& [name, value] : cmd.settings) {
      if (auto err = probe.Set(name, value)) return Fail(*err);
    }
  }

  DataDirectory data_directory;
  if (auto err = data_directory.OpenAndLock(data_dir)) return Fail(*err);

  // stratad.conf, then the command line; SIGHUP reloads through the same loader.
  ServerConfig config;
  ConfigLoader loader(data_directory.ConfigPath(), data_directory.path(), cmd.settings);
  if (auto err = loader.LoadAtStartup(&config)) return Fail(*err);
  config.data_directory = data_directory.path();

  // Client authentication rules (hba_store.h); a relative hba_file is
  // relative to the data directory, as for PostgreSQL (which runs there).
  std::string hba_path = config.hba_file.empty()
                             ? strata::server::DefaultHbaPath(data_directory.path())
                             : config.hba_file;
  if (hba_path[0] != '/') hba_path = data_directory.path() + "/" + hba_path;
  const bool default_hba = hba_path == strata::server::DefaultHbaPath(data_directory.path());
  strata::server::HbaStore hba(hba_path, default_hba);
  if (auto err = hba.LoadAtStartup()) return Fail(*err);
  if (!config.password.empty()) {
    STRATA_LOG_WARNING(
        "the password setting is set: every login gives that password, whatever the user, and "
        "the rules in \"{}\" and role passwords are not used; unset it to use them",
        hba_path);
  }

  // With ssl=on a certificate and key that cannot be used stop the start, as
  // PostgreSQL's be_tls_init does at postmaster start.
  std::shared_ptr<strata::server::TlsContext> tls;
  if (config.ssl) {
    strata::server::TlsSettings settings;
    settings.data_directory = config.data_directory;
    settings.cert_file = config.ssl_cert_file;
    settings.key_file = config.ssl_key_file;
    settings.ca_file = config.ssl_ca_file;
    settings.min_protocol_version = config.ssl_min_protocol_version;
    strata::server::TlsError error;
    tls = strata::server::TlsContext::Create(settings, &error);
    if (!tls) {
      strata::LogRecord record;
      record.level = strata::LogLevel::kFatal;
      record.message = error.message;
      record.detail = error.detail;
      strata::EmitLog(record);
      return 1;
    }
  }

  // The engine's files live directly in DATADIR, beside stratad.conf.
  strata::storage::EngineOptions engine_options;
  engine_options.block_cache_bytes = strata::server::BlockCacheBytes(config);
  if (config.archive_mode != "off") engine_options.archive_wal = strata::server::MakeWalArchiver();
  auto database = strata::sql::Database::Open(data_directory.path(), engine_options);
  if (!database.ok()) {
    return Fail("could not open the database in \"" + data_directory.path() +
                "\": " + database.status().ToString());
  }
  // Statistics kept from the last clean shutdown; the file is gone once read,
  // so after a crash the counters start from zero (sql/saved_statistics.h).
  if (strata::Result<bool> loaded = strata::sql::LoadStatistics(data_directory.path());
      !loaded.ok()) {
    STRATA_LOG_WARNING("could not read the statistics file: {}", loaded.status().ToString());
  }
  int code = 0;
  {
    // The background analyzer runs while the server does; stopped before
    // the database closes.
    strata::sql::Autovacuum autovacuum(database.value().get());
    Server server(config, database.value().get());
    server.set_config_loader(&loader);
    server.set_hba_store(&hba);
    server.set_tls(std::move(tls));
    if (auto err = server.Listen()) return Fail(*err);
    autovacuum.Start();
    code = server.Run();
    autovacuum.Stop();
  }
  if (strata::Status s = database.value()->Close(); !s.ok()) {
    STRATA_LOG_ERROR("closing the database: {}", s.ToString());
    if (code == 0) code = 1;
  }
  // Only a clean shutdown keeps the statistics, as PostgreSQL's.
  if (code == 0) {
    if (strata::Status s = strata::sql::SaveStatistics(data_directory.path()); !s.ok()) {
      STRATA_LOG_WARNING("could not write the statistics file: {}", s.ToString());
    }
  }
  return code;
}
