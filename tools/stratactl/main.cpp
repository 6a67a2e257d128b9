// stratactl: StrataDB's admin CLI. See README.md for the commands.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tools/stratactl/backup_commands.h"
#include "tools/stratactl/inspect.h"
#include "tools/stratactl/server_commands.h"
#include "tools/stratactl/verify.h"

namespace {

constexpr const char* kUsage =
    "stratactl is the StrataDB administration tool.\n\n"
    "Usage:\n"
    "  stratactl verify -D DATADIR [-v]    check every checksum of every file (offline)\n"
    "  stratactl inspect wal|sst|manifest FILE\n"
    "                                      dump a file for debugging\n"
    "  stratactl status [CONNECTION]       a running server's state\n"
    "  stratactl checkpoint [CONNECTION]   flush every memtable to SSTables\n"
    "  stratactl compact [CONNECTION] [TABLE]\n"
    "                                      compact every tree, or one table's\n"
    "  stratactl backup [CONNECTION] -D BACKUPDIR [--incremental-from PREVBACKUP]\n"
    "                                      online backup by the running server\n"
    "  stratactl restore BACKUPDIR -D NEWDATADIR [--wal-archive DIR [--target-time TIME]]\n"
    "                                      check a backup, lay out a data directory;\n"
    "                                      replay archived WAL up to TIME\n\n"
    "Connection options (as psql; defaults from PGHOST, PGPORT, PGUSER, PGDATABASE):\n"
    "  -h HOST  -p PORT  -U USER  -d DBNAME\n\n"
    "Exit status: 0 success, 1 failure or corruption found, 2 usage or connection error.\n";

int Usage(const std::string& error) {
  std::fprintf(stderr, "stratactl: %s\nTry \"stratactl --help\" for more information.\n",
               error.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace strata::tools;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return Usage("no command given");
  const std::string command = args[0];
  if (command == "--help" || command == "-?" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  ConnectionOptions conn;
  std::string data_dir;
  bool verbose = false;
  std::string incremental_from;
  std::string wal_archive;
  std::string target_time;
  std::vector<std::string> positional;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) {
      if (a.size() > 2) {
        *out = a.substr(2);
        return true;
      }
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    bool ok = true;
    auto long_value = [&](const std::string& name, std::string* out) {
      if (a.rfind(name + "=", 0) == 0) {
        *out = a.substr(name.size() + 1);
        return true;
      }
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    if (a == "--incremental-from" || a.rfind("--incremental-from=", 0) == 0)
      ok = long_value("--incremental-from", &incremental_from);
    else if (a == "--wal-archive" || a.rfind("--wal-archive=", 0) == 0)
      ok = long_value("--wal-archive", &wal_archive);
    else if (a == "--target-time" || a.rfind("--target-time=", 0) == 0)
      ok = long_value("--target-time", &target_time);
    else if (a.rfind("-D", 0) == 0) ok = value(&data_dir);
    else if (a.rfind("-h", 0) == 0) ok = value(&conn.host);
    else if (a.rfind("-p", 0) == 0) ok = value(&conn.port);
    else if (a.rfind("-U", 0) == 0) ok = value(&conn.user);
    else if (a.rfind("-d", 0) == 0) ok = value(&conn.database);
    else if (a == "-v" || a == "--verbose") verbose = true;
    else if (a.size() > 1 && a[0] == '-') return Usage("invalid option \"" + a + "\"");
    else positional.push_back(a);
    if (!ok) return Usage("option " + a + " requires a value");
  }

  if (command == "verify") {
    if (data_dir.empty()) {
      if (const char* env = std::getenv("STRATADATA")) data_dir = env;
    }
    if (data_dir.empty()) return Usage("verify needs -D DATADIR (or STRATADATA)");
    VerifyReport report;
    VerifyOptions options;
    options.verbose = verbose;
    const std::string err = VerifyDataDirectory(data_dir, options, &report);
    if (!err.empty()) {
      std::fprintf(stderr, "stratactl: %s\n", err.c_str());
      return 2;
    }
    for (const auto& w : report.warnings) std::printf("WARNING: %s\n", w.c_str());
    for (const auto& e : report.errors) std::printf("CORRUPT: %s\n", e.c_str());
    std::printf("%d file(s), %llu bytes checked: %zu error(s), %zu warning(s)\n",
                report.files_checked, static_cast<unsigned long long>(report.bytes_checked),
                report.errors.size(), report.warnings.size());
    return report.errors.empty() ? 0 : 1;
  }
  if (command == "inspect") {
    if (positional.size() != 2) return Usage("usage: stratactl inspect wal|sst|manifest FILE");
    return InspectFile(positional[0], positional[1]);
  }
  if (command == "status") return RunStatus(conn);
  if (command == "checkpoint") return RunCheckpoint(conn);
  if (command == "compact") {
    if (positional.size() > 1) return Usage("compact takes at most one table name");
    return RunCompact(conn, positional.empty() ? "" : positional[0]);
  }
  if (command == "backup") {
    if (data_dir.empty()) return Usage("backup needs -D BACKUPDIR");
    if (!positional.empty()) return Usage("backup takes no positional arguments");
    return RunBackup(conn, data_dir, incremental_from);
  }
  if (command == "restore") {
    if (positional.size() != 1 || data_dir.empty()) {
      return Usage("usage: stratactl restore BACKUPDIR -D NEWDATADIR");
    }
    if (!target_time.empty() && wal_archive.empty()) {
      return Usage("--target-time needs --wal-archive DIR");
    }
    return RunRestore(positional[0], data_dir, wal_archive, target_time);
  }
  return Usage("unknown command \"" + command + "\"");
}
