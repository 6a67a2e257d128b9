// stratactl backup: asks the server to run strata_backup(dir [, parent])
// (sql/expr/admin_functions.cpp -> storage/backup/online_backup.h) and shows
// the elapsed time while it runs.
#include <libpq-fe.h>
#include <unistd.h>

#include <climits>
#include <cstdio>

#include "tools/stratactl/backup_commands.h"

namespace strata::tools {

std::string AbsolutePath(const std::string& dir) {
  if (!dir.empty() && dir[0] == '/') return dir;
  char cwd[PATH_MAX];
  if (::getcwd(cwd, sizeof(cwd)) == nullptr) return dir;
  std::string base = cwd;
  if (dir.empty() || dir == ".") return base;
  return base + "/" + (dir.rfind("./", 0) == 0 ? dir.substr(2) : dir);
}

int RunBackup(const ConnectionOptions& options, const std::string& backup_dir,
              const std::string& incremental_from) {
  std::vector<std::string> params = {AbsolutePath(backup_dir)};
  std::string sql = "select strata_backup($1)";
  if (!incremental_from.empty()) {
    params.push_back(AbsolutePath(incremental_from));
    sql = "select strata_backup($1, $2)";
  }
  std::string summary;
  const int rc = RunServerQuery(options, "backup", sql, params, &summary);
  if (rc != 0) return rc;
  std::printf("%s\nbackup complete: %s\n", summary.c_str(), params[0].c_str());
  return 0;
}

}  // namespace strata::tools
