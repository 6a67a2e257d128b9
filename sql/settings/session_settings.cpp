// The parameter table and the per-kind validation of SessionSettings; see
// session_settings.h. Texts follow PostgreSQL 15's guc.c, variable.c
// (check_datestyle, check_timezone, check_client_encoding).
#include <algorithm>
#include "sql/settings/session_settings.h"

#include <strings.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/types/timezone.h"

namespace strata::sql {

namespace {

enum class Kind { kBool, kInt, kReal, kEnum, kString, kDateStyle, kTimeZone, kClientEncoding,
                  kStandardConformingStrings };

}  // namespace

struct SessionSettings::Definition {
  std::string_view name;  // canonical spelling
  Kind kind;
  std::string_view boot;
  bool report;     // GUC_REPORT: send ParameterStatus on change
  bool read_only;  // PGC_INTERNAL
  bool list_quote;  // GUC_LIST_INPUT (quoted elements only for search_path)
  std::vector<std::string_view> enum_values;
  int min = 0;
  int max = 0;
  bool unit_ms = false;
  std::string_view description;
  bool unit_kb = false;  // GUC_UNIT_KB: memory sizes in kilobytes
  // For unit_ms parameters: the base unit in ms (1000 = GUC_UNIT_S, 60000 =
  // GUC_UNIT_MIN); values are stored and shown in it.
  int unit_base_ms = 1;
  // GUC_NO_SHOW_ALL: left out of SHOW ALL, pg_settings and the sample
  // configuration (role, session_authorization).
  bool no_show_all = false;
};

namespace {

using Definition = SessionSettings::Definition;

const std::vector<Definition>& Definitions() {
  static const std::vector<Definition> defs = {
      {"application_name", Kind::kString, "", true, false, false, {}, 0, 0, false,
       "Sets the application name to be reported in statistics and logs."},
      {"bytea_output", Kind::kEnum, "hex", false, false, false, {"escape", "hex"}, 0, 0, false,
       "Sets the output format for bytea."},
      {"check_function_bodies", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE."},
      {"client_encoding", Kind::kClientEncoding, "UTF8", true, false, false, {}, 0, 0, false,
       "Sets the client's character set encoding."},
      {"client_min_messages", Kind::kEnum, "notice", false, false, false,
       {"debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"},
       0, 0, false, "Sets the message levels that are sent to the client."},
      {"constraint_exclusion", Kind::kEnum, "partition", false, false, false,
       {"partition", "on", "off"}, 0, 0, false,
       "Enables the planner to use constraints to optimize queries."},
      {"DateStyle", Kind::kDateStyle, "ISO, MDY", true, false, true, {}, 0, 0, false,
       "Sets the display format for date and time values."},
      {"deadlock_timeout", Kind::kInt, "1s", false, false, false, {}, 1, 2147483647, true,
       "Sets the time to wait on a lock before checking for deadlock."},
      {"default_table_access_method", Kind::kString, "heap", false, false, false, {}, 0, 0,
       false, "Sets the default table access method for new tables."},
      {"default_tablespace", Kind::kString, "", false, false, false, {}, 0, 0, false,
       "Sets the default tablespace to create tables and indexes in."},
      {"default_toast_compression", Kind::kEnum, "pglz", false, false, false, {"pglz", "lz4"},
       0, 0, false, "Sets the default compression method for compressible values."},
      {"default_transaction_deferrable", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Sets the default deferrable status of new transactions."},
      {"default_transaction_isolation", Kind::kEnum, "read committed", false, false, false,
       {"serializable", "repeatable read", "read committed", "read uncommitted"}, 0, 0, false,
       "Sets the transaction isolation level of each new transaction."},
      {"default_transaction_read_only", Kind::kBool, "off", true, false, false, {}, 0, 0, false,
       "Sets the default read-only status of new transactions."},
      {"enable_async_append", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of async append plans."},
      {"enable_bitmapscan", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of bitmap-scan plans."},
      {"enable_gathermerge", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of gather merge plans."},
      {"enable_hashagg", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of hashed aggregation plans."},
      {"enable_hashjoin", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of hash join plans."},
      {"enable_incremental_sort", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of incremental sort steps."},
      {"enable_indexonlyscan", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of index-only-scan plans."},
      {"enable_indexscan", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of index-scan plans."},
      {"enable_material", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of materialization."},
      {"enable_memoize", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of memoization."},
      {"enable_mergejoin", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of merge join plans."},
      {"enable_nestloop", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of nested-loop join plans."},
      {"enable_parallel_append", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of parallel append plans."},
      {"enable_parallel_hash", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of parallel hash plans."},
      {"enable_partition_pruning", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables plan-time and execution-time partition pruning."},
      {"enable_partitionwise_aggregate", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Enables partitionwise aggregation and grouping."},
      {"enable_partitionwise_join", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Enables partitionwise join."},
      {"enable_seqscan", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of sequential-scan plans."},
      {"enable_sort", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of explicit sort steps."},
      {"enable_tidscan", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enables the planner's use of TID scan plans."},
      {"max_parallel_workers", Kind::kInt, "8", false, false, false, {}, 0, 1024, false,
       "Sets the maximum number of parallel workers that can be active at one time."},
      {"plan_cache_mode", Kind::kEnum, "auto", false, false, false, {"auto", "force_generic_plan", "force_custom_plan"}, 0, 0, false,
       "Controls the planner's selection of custom or generic plan."},
      {"track_io_timing", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Collects timing statistics for database I/O activity."},
      {"escape_string_warning", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Warn about backslash escapes in ordinary string literals."},
      {"extra_float_digits", Kind::kInt, "1", false, false, false, {}, -15, 3, false,
       "Sets the number of digits displayed for floating-point values."},
      {"force_parallel_mode", Kind::kEnum, "off", false, false, false, {"off", "on", "regress"},
       0, 0, false, "Forces use of parallel query facilities."},
      {"idle_in_transaction_session_timeout", Kind::kInt, "0", false, false, false, {}, 0,
       2147483647, true, "Sets the maximum allowed idle time between queries, when in a "
                         "transaction."},
      {"idle_session_timeout", Kind::kInt, "0", false, false, false, {}, 0, 2147483647, true,
       "Sets the maximum allowed idle time between queries, when not in a transaction."},
      {"in_hot_standby", Kind::kBool, "off", true, true, false, {}, 0, 0, false,
       "Shows whether hot standby is currently active."},
      {"integer_datetimes", Kind::kBool, "on", true, true, false, {}, 0, 0, false,
       "Shows whether datetimes are integer based."},
      {"IntervalStyle", Kind::kEnum, "postgres", true, false, false,
       {"postgres", "postgres_verbose", "sql_standard", "iso_8601"}, 0, 0, false,
       "Sets the display format for interval values."},
      {"is_superuser", Kind::kBool, "on", true, true, false, {}, 0, 0, false,
       "Shows whether the current user is a superuser."},
      {"jit", Kind::kBool, "on", false, false, false, {}, 0, 0, false, "Allow JIT compilation."},
      {"lock_timeout", Kind::kInt, "0", false, false, false, {}, 0, 2147483647, true,
       "Sets the maximum allowed duration of any wait for a lock."},
      {"maintenance_work_mem", Kind::kInt, "64MB", false, false, false, {}, 1024, 2147483647,
       false, "Sets the maximum memory to be used for maintenance operations.", true},
      {"max_identifier_length", Kind::kInt, "63", false, true, false, {}, 63, 63, false,
       "Shows the maximum identifier length."},
      // Parallel index builds (sql/commands/index_build.cpp): the workers
      // a CREATE INDEX may add to its leader; 0 builds serially.
      {"max_parallel_maintenance_workers", Kind::kInt, "2", false, false, false, {}, 0, 1024,
       false, "Sets the maximum number of parallel processes per maintenance operation."},
      {"max_parallel_workers_per_gather", Kind::kInt, "2", false, false, false, {}, 0, 1024,
       false, "Sets the maximum number of parallel processes per executor node."},
      {"parallel_leader_participation", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Controls whether Gather and Gather Merge also run subplans."},
      {"password_encryption", Kind::kEnum, "scram-sha-256", false, false, false,
       {"md5", "scram-sha-256"}, 0, 0, false, "Chooses the algorithm for encrypting passwords."},
      {"max_prepared_transactions", Kind::kInt, "0", false, true, false, {}, 0, 262143, false,
       "Sets the maximum number of simultaneously prepared transactions."},
      {"row_security", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enable row security."},
      // Only pg_dump sets it (off); StrataDB's scans never synchronize.
      {"synchronize_seqscans", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Enable synchronized sequential scans."},
      // SET ROLE / SET SESSION AUTHORIZATION: the command checks the role
      // (sql/commands/set_role.cpp) before the value lands here; the
      // session's current and session user follow these two values.
      {"role", Kind::kString, "none", false, false, false, {}, 0, 0, false,
       "Sets the current role.", false, 1, true},
      {"session_authorization", Kind::kString, "postgres", true, false, false, {}, 0, 0, false,
       "Sets the session user name.", false, 1, true},
      {"search_path", Kind::kString, "\"$user\", public", false, false, true, {}, 0, 0, false,
       "Sets the schema search order for names that are not schema-qualified."},
      {"server_encoding", Kind::kString, "UTF8", true, true, false, {}, 0, 0, false,
       "Shows the server (database) character set encoding."},
      {"server_version_num", Kind::kInt, "150000", false, true, false, {}, 150000, 150000, false,
       "Shows the server version as an integer."},
      {"session_replication_role", Kind::kEnum, "origin", false, false, false,
       {"origin", "replica", "local"}, 0, 0, false,
       "Sets the session's behavior for triggers and rewrite rules."},
      {"standard_conforming_strings", Kind::kStandardConformingStrings, "on", true, false, false,
       {}, 0, 0, false, "Causes '...' strings to treat backslashes literally."},
      {"statement_timeout", Kind::kInt, "0", false, false, false, {}, 0, 2147483647, true,
       "Sets the maximum allowed duration of any statement."},
      {"synchronous_commit", Kind::kEnum, "on", false, false, false,
       {"local", "remote_write", "remote_apply", "on", "off"}, 0, 0, false,
       "Sets the current transaction's synchronization level."},
      {"TimeZone", Kind::kTimeZone, "Etc/UTC", true, false, false, {}, 0, 0, false,
       "Sets the time zone for displaying and interpreting time stamps."},
      {"timezone_abbreviations", Kind::kString, "Default", false, false, false, {}, 0, 0, false,
       "Selects a file of time zone abbreviations."},
      {"transaction_isolation", Kind::kEnum, "read committed", false, false, false,
       {"serializable", "repeatable read", "read committed", "read uncommitted"}, 0, 0, false,
       "Sets the current transaction's isolation level."},
      {"work_mem", Kind::kInt, "4MB", false, false, false, {}, 64, 2147483647, false,
       "Sets the maximum memory to be used for query workspaces.", true},
      // Ours: a transaction whose write set grows past this spills it to
      // sorted runs on disk (txn/README.md, "Huge transactions").
      {"transaction_spill_threshold", Kind::kInt, "64MB", false, false, false, {}, 64,
       2147483647, false,
       "Sets the write-set size past which a transaction spills its writes to disk.", true},
      {"transaction_deferrable", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Whether to defer a read-only serializable transaction until it can be executed with no "
       "possible serialization failures."},
      {"transaction_read_only", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Sets the current transaction's read-only status."},
      // Planner cost and size parameters: accepted and shown, not used (no
      // cost-based planner reads them yet).
      {"cpu_index_tuple_cost", Kind::kReal, "0.005", false, false, false, {}, 0, 0, false,
       "Sets the planner's estimate of the cost of processing each index entry during an index "
       "scan."},
      {"cpu_operator_cost", Kind::kReal, "0.0025", false, false, false, {}, 0, 0, false,
       "Sets the planner's estimate of the cost of processing each operator or function call."},
      {"cpu_tuple_cost", Kind::kReal, "0.01", false, false, false, {}, 0, 0, false,
       "Sets the planner's estimate of the cost of processing each tuple (row)."},
      {"cursor_tuple_fraction", Kind::kReal, "0.1", false, false, false, {}, 0, 1, false,
       "Sets the planner's estimate of the fraction of a cursor's rows that will be retrieved."},
      {"effective_cache_size", Kind::kInt, "4GB", false, false, false, {}, 1, 2147483647, false,
       "Sets the planner's assumption about the total size of the data caches.", true},
      {"jit_above_cost", Kind::kReal, "100000", false, false, false, {}, -1, 0, false,
       "Perform JIT compilation if query is more expensive."},
      {"jit_inline_above_cost", Kind::kReal, "500000", false, false, false, {}, -1, 0, false,
       "Perform JIT inlining if query is more expensive."},
      {"jit_optimize_above_cost", Kind::kReal, "500000", false, false, false, {}, -1, 0, false,
       "Optimize JIT-compiled functions if query is more expensive."},
      {"min_parallel_index_scan_size", Kind::kInt, "512kB", false, false, false, {}, 0,
       715827882, false,
       "Sets the minimum amount of index data for a parallel scan.", true},
      {"min_parallel_table_scan_size", Kind::kInt, "8MB", false, false, false, {}, 0, 715827882,
       false, "Sets the minimum amount of table data for a parallel scan.", true},
      {"parallel_setup_cost", Kind::kReal, "1000", false, false, false, {}, 0, 0, false,
       "Sets the planner's estimate of the cost of starting up worker processes for parallel "
       "query."},
      {"parallel_tuple_cost", Kind::kReal, "0.1", false, false, false, {}, 0, 0, false,
       "Sets the planner's estimate of the cost of passing each tuple (row) from worker to "
       "leader backend."},
      {"random_page_cost", Kind::kReal, "4", false, false, false, {}, 0, 0, false,
       "Sets the planner's estimate of the cost of a nonsequentially fetched disk page."},
      {"seq_page_cost", Kind::kReal, "1", false, false, false, {}, 0, 0, false,
       "Sets the planner's estimate of the cost of a sequentially fetched disk page."},
      {"xmloption", Kind::kEnum, "content", false, false, false, {"content", "document"}, 0, 0,
       false, "Sets whether XML data in implicit parsing and serialization operations is to be "
              "considered as documents or content fragments."},
      // The server's own parameters (context postmaster or sighup, from
      // parameter_info.inc): set in stratad.conf or on the command line.
      {"data_directory", Kind::kString, "", false, false, false, {}, 0, 0, false,
       "Sets the server's data directory."},
      {"listen_addresses", Kind::kString, "localhost", false, false, false, {}, 0, 0, false,
       "Sets the host name or IP address(es) to listen to."},
      {"port", Kind::kInt, "5432", false, false, false, {}, 1, 65535, false,
       "Sets the TCP port the server listens on."},
      {"unix_socket_directories", Kind::kString, "/tmp", false, false, false, {}, 0, 0, false,
       "Sets the directories where Unix-domain sockets will be created."},
      {"max_connections", Kind::kInt, "100", false, false, false, {}, 1, 262143, false,
       "Sets the maximum number of concurrent connections."},
      {"ssl", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Enables SSL connections."},
      {"ssl_cert_file", Kind::kString, "server.crt", false, false, false, {}, 0, 0, false,
       "Location of the SSL server certificate file."},
      {"ssl_key_file", Kind::kString, "server.key", false, false, false, {}, 0, 0, false,
       "Location of the SSL server private key file."},
      {"ssl_ca_file", Kind::kString, "", false, false, false, {}, 0, 0, false,
       "Location of the SSL certificate authority file."},
      {"ssl_min_protocol_version", Kind::kEnum, "TLSv1.2", false, false, false,
       {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}, 0, 0, false,
       "Sets the minimum SSL/TLS protocol version to use."},
      {"password", Kind::kString, "", false, false, false, {}, 0, 0, false,
       "Sets the password every login must give (empty: no password)."},
      {"hba_file", Kind::kString, "", false, false, false, {}, 0, 0, false,
       "Sets the server's \"hba\" configuration file."},
      {"max_message_size", Kind::kInt, "1073741824", false, false, false, {}, 1024, 1073741824,
       false, "Sets the largest frontend message accepted, in bytes."},
      {"metrics_port", Kind::kInt, "0", false, false, false, {}, 0, 65535, false,
       "Sets the TCP port of the Prometheus metrics endpoint (0 turns it off)."},
      {"block_cache_size", Kind::kInt, "-1", false, false, false, {}, -1, 2147483647,
       false, "Sets the size of the storage engine's cache of uncompressed table and index "
              "blocks.", true},
      {"log_min_messages", Kind::kEnum, "warning", false, false, false,
       {"debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error",
        "log", "fatal", "panic"},
       0, 0, false, "Sets the message levels that are logged."},
      {"log_min_error_statement", Kind::kEnum, "error", false, false, false,
       {"debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error",
        "log", "fatal", "panic"},
       0, 0, false, "Causes all statements generating error at or above this level to be logged."},
      {"log_min_duration_statement", Kind::kInt, "-1", false, false, false, {}, -1, 2147483647,
       true, "Sets the minimum execution time above which all statements will be logged."},
      {"log_statement", Kind::kEnum, "none", false, false, false, {"none", "ddl", "mod", "all"},
       0, 0, false, "Sets the type of statements logged."},
      {"log_connections", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Logs each successful connection."},
      {"log_disconnections", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Logs end of a session, including duration."},
      {"log_lock_waits", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Logs long lock waits."},
      {"log_line_prefix", Kind::kString, "%m [%p] ", false, false, false, {}, 0, 0, false,
       "Controls information prefixed to each log line."},
      {"log_destination", Kind::kString, "stderr", false, false, false, {}, 0, 0, false,
       "Sets the destination for server log output."},
      {"logging_collector", Kind::kBool, "off", false, false, false, {}, 0, 0, false,
       "Start a subprocess to capture stderr, csvlog and/or jsonlog into log files."},
      {"log_directory", Kind::kString, "log", false, false, false, {}, 0, 0, false,
       "Sets the destination directory for log files."},
      {"log_filename", Kind::kString, "stratad-%Y-%m-%d_%H%M%S.log", false, false, false, {}, 0,
       0, false, "Sets the file name pattern for log files."},
      {"log_rotation_age", Kind::kInt, "1d", false, false, false, {}, 0, 35791394, true,
       "Sets the amount of time to wait before forcing log file rotation.", false, 60000},
      {"log_rotation_size", Kind::kInt, "10MB", false, false, false, {}, 0, 2097151, false,
       "Sets the maximum size a log file can reach before being rotated.", true},
      // The background analyzer (sql/autovacuum.h) reads these from the
      // server's configuration at each round.
      {"autovacuum", Kind::kBool, "on", false, false, false, {}, 0, 0, false,
       "Starts the autovacuum subprocess."},
      {"autovacuum_analyze_threshold", Kind::kInt, "50", false, false, false, {}, 0, 2147483647,
       false, "Minimum number of tuple inserts, updates, or deletes prior to analyze."},
      {"autovacuum_analyze_scale_factor", Kind::kReal, "0.1", false, false, false, {}, 0, 100,
       false,
       "Number of tuple inserts, updates, or deletes prior to analyze as a fraction of "
       "reltuples."},
      {"autovacuum_naptime", Kind::kInt, "1min", false, false, false, {}, 1, 2147483, true,
       "Time to sleep between autovacuum runs.", false, 1000},
      {"archive_mode", Kind::kEnum, "off", false, false, false, {"always", "on", "off"}, 0, 0,
       false, "Allows archiving of WAL files using archive_command."},
      {"archive_command", Kind::kString, "", false, false, false, {}, 0, 0, false,
       "Sets the shell command that will be called to archive a WAL file."},
  };
  return defs;
}

// PostgreSQL 15's context, group and extra description of each parameter.
struct ParameterInfo {
  std::string_view name, context, group, extra_desc;
};

const ParameterInfo kParameterInfo[] = {
#include "sql/settings/parameter_info.inc"
    // Ours (PostgreSQL has no such parameter).
    {"max_message_size", "postmaster", "Connections and Authentication / Connection Settings", ""},
    {"transaction_spill_threshold", "user", "Resource Usage / Memory",
     "A transaction whose uncommitted writes pass this size moves them to sorted runs in the "
     "data directory and commits them by ingestion."},
    {"block_cache_size", "postmaster", "Resource Usage / Memory",
     "Blocks read from SSTables are kept here uncompressed, shared by all sessions; the "
     "operating system's page cache holds their compressed form, so this cache plays the "
     "part that shared_buffers and the page cache together play for PostgreSQL. -1 (the "
     "default): a quarter of the memory stratad may use (physical memory, or its control "
     "group's limit), at least 64MB. Otherwise at least 1MB."},
    {"metrics_port", "postmaster", "Statistics / Monitoring",
     "Serves GET /metrics in Prometheus' text format on listen_addresses."},
    {"password", "postmaster", "Connections and Authentication / Authentication",
     "When set, every connection must authenticate: a SCRAM-SHA-256 verifier "
     "(SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey, as PostgreSQL stores it; "
     "stratad --scram-verifier makes one) asks for SCRAM-SHA-256, anything else is a "
     "cleartext password, whatever the user; hba_file and role passwords are then not used. "
     "Empty: they decide."},
};

const ParameterInfo* FindInfo(std::string_view name) {
  for (const ParameterInfo& info : kParameterInfo) {
    if (info.name.size() == name.size() &&
        strncasecmp(info.name.data(), name.data(), name.size()) == 0) {
      return &info;
    }
  }
  return nullptr;
}

// pg_settings.context of a definition; custom placeholders are "user".
std::string_view ContextOf(const Definition& def) {
  if (def.read_only) return "internal";
  if (def.description == "Custom placeholder parameter.") return "user";
  const ParameterInfo* info = FindInfo(def.name);
  return info != nullptr ? info->context : "user";
}

// The 55P02 error for changing `def` in a session (SET, RESET, set_config,
// or the startup packet when `at_startup`), or nothing if allowed. We have
// no roles yet: every session is a superuser.
void CheckSessionChange(const Definition& def, bool at_startup) {
  const std::string_view context = ContextOf(def);
  const std::string name(def.name);
  if (context == "internal") {
    throw SqlError(SqlState::kCantChangeRuntimeParam,
                   "parameter \"" + name + "\" cannot be changed");
  }
  if (context == "postmaster") {
    throw SqlError(SqlState::kCantChangeRuntimeParam,
                   "parameter \"" + name + "\" cannot be changed without restarting the server");
  }
  if (context == "sighup") {
    throw SqlError(SqlState::kCantChangeRuntimeParam,
                   "parameter \"" + name + "\" cannot be changed now");
  }
  if (!at_startup && (context == "backend" || context == "superuser-backend")) {
    throw SqlError(SqlState::kCantChangeRuntimeParam,
                   "parameter \"" + name + "\" cannot be set after connection start");
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

SqlError InvalidValue(const Definition& def, const std::string& value) {
  return SqlError(SqlState::kInvalidParameterValue, "invalid value for parameter \"" +
                                                        std::string(def.name) + "\": \"" + value +
                                                        "\"");
}

// parse_real and the range check of a real parameter: [min, max], where
// max 0 means no upper bound.
double ParseRealSetting(const Definition& def, const std::string& value) {
  const std::string v = Trim(value);
  const char* begin = v.c_str();
  char* end;
  errno = 0;
  const double d = std::strtod(begin, &end);
  if (end == begin || !Trim(end).empty() || errno == ERANGE || std::isnan(d)) {
    throw InvalidValue(def, value);
  }
  const double max = def.max == 0 ? 1.79769e+308 : def.max;
  if (d < def.min || d > max) {
    char buf[256];
    std::snprintf(buf, sizeof(buf), "%g is outside the valid range for parameter \"%s\" (%g .. %g)",
                  d, std::string(def.name).c_str(), static_cast<double>(def.min), max);
    throw SqlError(SqlState::kInvalidParameterValue, buf);
  }
  return d;
}

// parse_bool.
bool ParseBoolSetting(const Definition& def, const std::string& value) {
  const std::string v = Lower(Trim(value));
  auto prefix_of = [&](std::string_view word, size_t min_len) {
    return v.size() >= min_len && v.size() <= word.size() && word.substr(0, v.size()) == v;
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || v == "1") return true;
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || v == "0") {
    return false;
  }
  throw SqlError(SqlState::kInvalidParameterValue,
                 "parameter \"" + std::string(def.name) + "\" requires a Boolean value");
}

// pg_settings.unit of a time parameter.
std::string UnitName(const Definition& def) {
  return def.unit_base_ms == 60000 ? "min" : def.unit_base_ms == 1000 ? "s" : "ms";
}

// parse_int with PostgreSQL's time units (for GUC_UNIT_MS parameters).
int ParseIntSetting(const Definition& def, const std::string& value) {
  const std::string v = Trim(value);
  const char* begin = v.c_str();
  char* end;
  errno = 0;
  double d = std::strtod(begin, &end);
  if (end == begin || errno == ERANGE || std::isnan(d)) throw InvalidValue(def, value);
  std::string unit = Trim(end);
  if (!unit.empty()) {
    static const std::pair<std::string_view, double> kUnits[] = {
        {"us", 0.001}, {"ms", 1}, {"s", 1000}, {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
    static const std::pair<std::string_view, double> kMemoryUnits[] = {
        {"B", 1.0 / 1024}, {"kB", 1}, {"MB", 1024}, {"GB", 1024.0 * 1024},
        {"TB", 1024.0 * 1024 * 1024}};
    bool found = false;
    if (def.unit_ms) {
      for (const auto& [name, mult] : kUnits) {
        if (unit == name) {
          d *= mult / def.unit_base_ms;
          found = true;
        }
      }
    }
    if (def.unit_kb) {
      for (const auto& [name, mult] : kMemoryUnits) {
        if (unit == name) {
          d *= mult;
          found = true;
        }
      }
    }
    if (!found) {
      SqlError e = InvalidValue(def, value);
      if (def.unit_ms) {
        e.WithHint(
            "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and "
            "\"d\".");
      }
      if (def.unit_kb) {
        e.WithHint(
            "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
      }
      throw e;
    }
  }
  d = std::rint(d);
  if (d > 2147483647.0 || d < -2147483648.0) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "invalid value for parameter \"" + std::string(def.name) + "\": \"" + value +
                       "\"")
        .WithHint("Value exceeds integer range.");
  }
  const int n = static_cast<int>(d);
  if (n < def.min || n > def.max) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   std::to_string(n) + (def.unit_ms ? " " + UnitName(def) : def.unit_kb ? " kB" : "") +
                       " is outside the valid range for parameter \"" + std::string(def.name) +
                       "\" (" + std::to_string(def.min) + " .. " + std::to_string(def.max) + ")");
  }
  return n;
}

// _ShowOption for a time parameter stored in units of `base_ms`: the
// largest exact unit.
std::string ShowMs(int n, int base_ms = 1) {
  if (n <= 0) return std::to_string(n);
  const int64_t ms = static_cast<int64_t>(n) * base_ms;
  static const std::pair<std::string_view, int> kUnits[] = {
      {"d", 86400000}, {"h", 3600000}, {"min", 60000}, {"s", 1000}, {"ms", 1}};
  for (const auto& [name, mult] : kUnits) {
    if (mult >= base_ms && ms % mult == 0) return std::to_string(ms / mult) + std::string(name);
  }
  return std::to_string(n);
}

// _ShowOption for a kilobyte parameter: the largest exact unit.
std::string ShowKb(int n) {
  if (n <= 0) return std::to_string(n);  // _ShowOption: units only for positive values
  static const std::pair<std::string_view, int> kUnits[] = {
      {"TB", 1024 * 1024 * 1024}, {"GB", 1024 * 1024}, {"MB", 1024}, {"kB", 1}};
  for (const auto& [name, mult] : kUnits) {
    if (n % mult == 0) return std::to_string(n / mult) + std::string(name);
  }
  return std::to_string(n) + "kB";
}

// check_log_destination: a comma-separated list; we write stderr and jsonlog.
void CheckLogDestination(const Definition& def, const std::string& value) {
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    const std::string tok = Lower(Trim(std::string_view(value).substr(start, comma - start)));
    if (tok == "csvlog" || tok == "syslog" || tok == "eventlog") {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "log_destination \"" + tok + "\" is not supported; use stderr or jsonlog");
    }
    if (tok != "stderr" && tok != "jsonlog") {
      throw InvalidValue(def, value).WithDetail("Unrecognized key word: \"" + tok + "\".");
    }
    start = comma + 1;
  }
}

// check_datestyle, starting from the current style and order.
std::string CheckDateStyle(const Definition& def, const std::string& value, DateStyle* style,
                           DateOrder* order) {
  DateStyle new_style = *style;
  DateOrder new_order = *order;
  bool have_style = false, have_order = false, ok = true;
  std::string bad_token;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    std::string tok = Trim(std::string_view(value).substr(start, comma - start));
    if (tok.size() >= 2 && tok.front() == '"' && tok.back() == '"') {
      tok = tok.substr(1, tok.size() - 2);
    }
    const std::string t = Lower(tok);
    if (t == "iso" || t == "sql" || t == "postgres" || t == "german") {
      const DateStyle s = t == "iso"        ? DateStyle::kIso
                          : t == "sql"      ? DateStyle::kSql
                          : t == "postgres" ? DateStyle::kPostgres
                                            : DateStyle::kGerman;
      if (have_style && new_style != s) ok = false;
      new_style = s;
      have_style = true;
      if (s == DateStyle::kGerman && !have_order) new_order = DateOrder::kDmy;
    } else if (t == "ymd" || t == "dmy" || t == "euro" || t == "european" || t == "mdy" ||
               t == "us" || t == "noneuro" || t == "noneuropean") {
      const DateOrder o = t == "ymd"                                           ? DateOrder::kYmd
                          : (t == "dmy" || t == "euro" || t == "european") ? DateOrder::kDmy
                                                                               : DateOrder::kMdy;
      if (have_order && new_order != o) ok = false;
      new_order = o;
      have_order = true;
    } else if (t == "default") {
      if (!have_style) new_style = DateStyle::kIso;
      if (!have_order) new_order = DateOrder::kMdy;
      have_style = have_order = true;
    } else {
      throw InvalidValue(def, value).WithDetail("Unrecognized key word: \"" + tok + "\".");
    }
    if (comma == value.size()) break;
    start = comma + 1;
  }
  if (!ok) {
    throw InvalidValue(def, value).WithDetail("Conflicting \"datestyle\" specifications.");
  }
  *style = new_style;
  *order = new_order;
  std::string out;
  switch (new_style) {
    case DateStyle::kIso:
      out = "ISO";
      break;
    case DateStyle::kSql:
      out = "SQL";
      break;
    case DateStyle::kGerman:
      out = "German";
      break;
    case DateStyle::kPostgres:
      out = "Postgres";
      break;
  }
  switch (new_order) {
    case DateOrder::kYmd:
      return out + ", YMD";
    case DateOrder::kDmy:
      return out + ", DMY";
    case DateOrder::kMdy:
      return out + ", MDY";
  }
  return out;
}

// check_timezone: a number of hours, or a zone name / POSIX string.
std::shared_ptr<const TimeZone> CheckTimeZone(const Definition& def, const std::string& value) {
  if (strncasecmp(value.c_str(), "interval", 8) == 0) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "SET TIME ZONE with an interval value is not supported yet");
  }
  const char* begin = value.c_str();
  char* end;
  const double hours = std::strtod(begin, &end);
  if (end != begin && *end == '\0') {
    if (!(std::fabs(hours) <= 15.0 * 24)) {
      throw InvalidValue(def, value).WithDetail("UTC timezone offset is out of range.");
    }
    return TimeZone::FixedOffset(static_cast<int32_t>(std::lrint(hours * 3600)));
  }
  auto zone = LoadTimeZone(value);
  if (zone == nullptr) throw InvalidValue(def, value);
  return zone;
}

}  // namespace

namespace {

// The source of SessionSettings::generation() numbers (never reused).
uint64_t NextSettingsGeneration() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

SessionSettings::SessionSettings() : generation_(NextSettingsGeneration()) {
  for (const Definition& def : Definitions()) {
    Entry e{&def, std::string(def.boot), std::string(def.boot), std::string(def.boot)};
    auto it = entries_.emplace(Lower(def.name), std::move(e)).first;
    by_name_.emplace(it->first, &it->second);
  }
  // The boot zone is applied lazily from the file; fall back to UTC rules.
  auto zone = LoadTimeZone("Etc/UTC");
  datetime_.time_zone = zone ? zone : UtcTimeZone();
  // The server-wide values (stratad.conf, command line), if a server loaded them.
  ApplyConfig(CurrentConfigSnapshot());
  changed_reportable_.clear();
  for (auto& [key, entry] : entries_) entry.reported_value = entry.value;
}

SessionSettings::~SessionSettings() = default;

SessionSettings::Entry& SessionSettings::FindOrCreate(std::string_view name) {
  auto it = entries_.find(Lower(name));
  if (it != entries_.end() || name.find('.') == std::string_view::npos) return Find(name);
  custom_names_.push_back(std::make_unique<std::string>(Lower(name)));
  auto def = std::make_unique<Definition>(Definition{*custom_names_.back(), Kind::kString, "",
                                                     false, false, false, {}, 0, 0, false,
                                                     "Custom placeholder parameter."});
  Entry e{def.get(), "", "", ""};
  custom_definitions_.push_back(std::move(def));
  auto added = entries_.emplace(Lower(name), std::move(e)).first;
  by_name_.emplace(added->first, &added->second);
  generation_ = NextSettingsGeneration();  // Show() of the name now answers
  return added->second;
}

bool SessionSettings::Exists(std::string_view name) const {
  return entries_.count(Lower(name)) != 0;
}

SessionSettings::Entry& SessionSettings::Find(std::string_view name) {
  // Callers mostly pass the lower-case names the table uses; looking those
  // up as they are saves a string per lookup (several per statement).
  const bool lower = std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  const std::string lowered = lower ? std::string() : Lower(name);
  auto it = by_name_.find(lower ? name : std::string_view(lowered));
  if (it == by_name_.end()) {
    throw SqlError(SqlState::kUndefinedObject,
                   "unrecognized configuration parameter \"" + std::string(name) + "\"");
  }
  return *it->second;
}

const SessionSettings::Entry& SessionSettings::Find(std::string_view name) const {
  return const_cast<SessionSettings*>(this)->Find(name);
}

std::string SessionSettings::CanonicalName(std::string_view name) const {
  return std::string(Find(name).def->name);
}

bool SessionSettings::IsListInput(std::string_view name) const {
  auto it = entries_.find(Lower(name));
  return it != entries_.end() && it->second.def->list_quote;
}

bool SessionSettings::IsListQuoted(std::string_view name) const {
  auto it = entries_.find(Lower(name));
  return it != entries_.end() && it->second.def->list_quote && it->second.def->name != "DateStyle";
}

void SessionSettings::Assign(Entry& entry, const std::string& value, std::string_view given) {
  // Enum, bool and int errors name the parameter as the user spelled it;
  // check-hook errors (DateStyle, TimeZone, client_encoding) use the
  // canonical name, as PostgreSQL's guc.c does.
  Definition named = *entry.def;
  named.name = given;
  const Definition& def = *entry.def;
  std::string normalized;
  switch (def.kind) {
    case Kind::kBool:
      normalized = ParseBoolSetting(named, value) ? "on" : "off";
      break;
    case Kind::kStandardConformingStrings:
      if (!ParseBoolSetting(named, value)) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "standard_conforming_strings = off is not supported");
      }
      normalized = "on";
      break;
    case Kind::kReal: {
      // PostgreSQL prints real parameters with %g.
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%g", ParseRealSetting(named, value));
      normalized = buf;
      break;
    }
    case Kind::kInt: {
      const int n = ParseIntSetting(named, value);
      if (def.name == "extra_float_digits") datetime_.extra_float_digits = n;
      normalized = def.unit_ms   ? ShowMs(n, def.unit_base_ms)
                   : def.unit_kb ? ShowKb(n)
                                 : std::to_string(n);
      break;
    }
    case Kind::kEnum: {
      std::string v = Lower(Trim(value));
      // PostgreSQL's hidden alias in its message-level lists.
      if (v == "debug" && def.enum_values.size() > 4 && def.enum_values[3] == "debug2") {
        v = "debug2";
      }
      bool found = false;
      for (std::string_view option : def.enum_values) {
        if (option == v) {
          normalized = std::string(option);
          found = true;
        }
      }
      if (!found) {
        std::string options;
        for (std::string_view option : def.enum_values) {
          if (!options.empty()) options += ", ";
          options += option;
        }
        throw InvalidValue(named, value).WithHint("Available values: " + options + ".");
      }
      if (def.name == "IntervalStyle") {
        datetime_.interval_style = normalized == "postgres"           ? IntervalStyle::kPostgres
                                   : normalized == "postgres_verbose" ? IntervalStyle::kPostgresVerbose
                                   : normalized == "sql_standard"     ? IntervalStyle::kSqlStandard
                                                                      : IntervalStyle::kIso8601;
      }
      break;
    }
    case Kind::kString:
      normalized = value;
      if (def.name == "log_destination") CheckLogDestination(named, value);
      if (def.name == "default_table_access_method" && value != "heap") {
        // check_default_table_access_method: only heap exists.
        throw InvalidValue(named, value)
            .WithDetail(value.empty()
                            ? "default_table_access_method cannot be empty."
                            : "Table access method \"" + value + "\" does not exist.");
      }
      if (def.name == "application_name") {
        for (char& c : normalized) {
          const auto u = static_cast<unsigned char>(c);
          if (u < 32 || u > 126) c = '?';
        }
      }
      break;
    case Kind::kDateStyle:
      normalized = CheckDateStyle(def, value, &datetime_.date_style, &datetime_.date_order);
      break;
    case Kind::kTimeZone: {
      auto zone = CheckTimeZone(def, value);
      datetime_.time_zone = zone;
      normalized = zone->name();
      break;
    }
    case Kind::kClientEncoding: {
      std::string v = Lower(Trim(value));
      std::string compact;
      for (char c : v) {
        if (c != '-' && c != '_') compact += c;
      }
      if (compact != "utf8" && compact != "unicode") {
        static const char* kKnown[] = {"sqlascii", "latin1", "latin2", "latin9", "win1252",
                                       "euc_jp",   "eucjp",  "sjis",   "gbk",    "big5",
                                       "win1251",  "koi8r",  "iso88591"};
        for (const char* k : kKnown) {
          if (compact == k) {
            throw SqlError(SqlState::kFeatureNotSupported,
                           "client_encoding \"" + value + "\" is not supported yet");
          }
        }
        throw InvalidValue(def, value);
      }
      normalized = "UTF8";
      break;
    }
  }
  entry.value = normalized;
  generation_ = NextSettingsGeneration();
  if (def.report && entry.value != entry.reported_value) {
    bool listed = false;
    for (const std::string& n : changed_reportable_) listed |= n == def.name;
    if (!listed) changed_reportable_.emplace_back(def.name);
  }
}

void SessionSettings::Set(std::string_view name, const std::string& value, bool local) {
  Entry& entry = FindOrCreate(name);
  CheckSessionChange(*entry.def, /*at_startup=*/false);
  const SavedValue before{entry.value, entry.session_set};
  Assign(entry, value, name);  // validates first: a refused SET saves nothing
  SaveForNestLevel(entry, before, local);
  entry.session_set = true;
}

void SessionSettings::InitValue(std::string_view name, const std::string& value) {
  Entry& entry = FindOrCreate(name);
  CheckSessionChange(*entry.def, /*at_startup=*/true);
  Assign(entry, value, name);
  entry.reset_value = entry.value;
  entry.reported_value = entry.value;
  entry.reset_source = "client";
  entry.source_file.clear();
  entry.source_line = 0;
  entry.session_set = false;
  std::erase(changed_reportable_, std::string(entry.def->name));
}

std::string SessionSettings::ResetValue(std::string_view name) const {
  return Find(name).reset_value;
}

void SessionSettings::Reset(std::string_view name, bool local) {
  Entry& entry = Find(name);
  CheckSessionChange(*entry.def, /*at_startup=*/false);
  SaveForNestLevel(entry, SavedValue{entry.value, entry.session_set}, local);
  if (entry.def->kind == Kind::kDateStyle) {
    // The reset value is complete, so it does not depend on the current style.
    datetime_.date_style = DateStyle::kIso;
    datetime_.date_order = DateOrder::kMdy;
  }
  Assign(entry, entry.reset_value, entry.def->name);
  entry.session_set = false;
}

void SessionSettings::ResetAll() {
  for (auto& [key, entry] : entries_) {
    const std::string_view context = ContextOf(*entry.def);
    if (context != "user" && context != "superuser") continue;
    if (entry.def->no_show_all) continue;  // GUC_NO_RESET_ALL too (role, session_authorization)
    if (entry.value != entry.reset_value || entry.session_set) Reset(key);
  }
}

void SessionSettings::SaveForNestLevel(Entry& entry, const SavedValue& current, bool local) {
  if (nest_level_ == 0) return;
  if (!entry.stack.empty() && entry.stack.back().level == nest_level_) {
    // Already changed at this level: only the kind can change (guc.c's
    // push_old_value). A SET wins over an earlier SET LOCAL; a SET LOCAL
    // after a SET remembers the SET's value for the end of the transaction.
    NestFrame& frame = entry.stack.back();
    if (!local) {
      frame.state = NestState::kSet;
    } else if (frame.state == NestState::kSet) {
      frame.masked = current;
      frame.state = NestState::kSetLocal;
    }
    return;
  }
  if (entry.stack.empty()) stacked_.push_back(&entry);
  entry.stack.push_back(
      NestFrame{nest_level_, local ? NestState::kLocal : NestState::kSet, current, {}});
}

void SessionSettings::Restore(Entry& entry, const SavedValue& saved) {
  if (entry.value != saved.value) {
    if (entry.def->kind == Kind::kDateStyle) {
      datetime_.date_style = DateStyle::kIso;  // the saved value is complete
      datetime_.date_order = DateOrder::kMdy;
    }
    try {
      Assign(entry, saved.value, entry.def->name);
    } catch (const SqlError&) {
      // It was valid when it was set; keep what we have rather than fail
      // the end of a transaction.
    }
  }
  entry.session_set = saved.session_set;
}

void SessionSettings::BeginNestLevel() { ++nest_level_; }

void SessionSettings::EndNestLevel(bool commit) {
  const int level = nest_level_;
  --nest_level_;
  if (stacked_.empty()) return;
  // The same decisions as PostgreSQL's AtEOXact_GUC.
  std::vector<Entry*> still_stacked;
  for (Entry* entry : stacked_) {
    std::vector<NestFrame>& stack = entry->stack;
    while (!stack.empty() && stack.back().level >= level) {
      NestFrame* prev = stack.size() > 1 ? &stack[stack.size() - 2] : nullptr;
      if (commit && stack.back().level > 1 &&
          (prev == nullptr || prev->level < stack.back().level - 1)) {
        // RELEASE with nothing saved at the level below: the frame moves down.
        stack.back().level--;
        break;
      }
      NestFrame frame = std::move(stack.back());
      const SavedValue* restore = nullptr;
      if (!commit) {
        restore = &frame.prior;
      } else if (frame.level == 1) {
        // The transaction commits: SET stays, SET LOCAL goes.
        if (frame.state == NestState::kSetLocal) {
          restore = &frame.masked;
        } else if (frame.state == NestState::kLocal) {
          restore = &frame.prior;
        }
      } else {
        // RELEASE: merge into the level below's frame.
        switch (frame.state) {
          case NestState::kSet:
            prev->state = NestState::kSet;
            break;
          case NestState::kLocal:
            if (prev->state == NestState::kSet) {
              prev->masked = frame.prior;
              prev->state = NestState::kSetLocal;
            }
            break;
          case NestState::kSetLocal:
            prev->masked = frame.masked;
            prev->state = NestState::kSetLocal;
            break;
        }
      }
      stack.pop_back();
      if (restore != nullptr) Restore(*entry, *restore);
    }
    if (!stack.empty()) still_stacked.push_back(entry);
  }
  stacked_ = std::move(still_stacked);
}

void SessionSettings::ApplyConfig(std::shared_ptr<const ConfigSnapshot> snapshot) {
  if (snapshot == nullptr) return;
  config_generation_ = snapshot->generation;
  // The newest entry per parameter.
  std::map<std::string, const ConfigSetting*> wanted;
  for (const ConfigSetting& s : snapshot->settings) wanted[Lower(s.name)] = &s;
  auto set_from = [&](Entry& entry, const std::string& value, const std::string& source,
                      const std::string& file, int line) {
    const std::string current = entry.value;
    try {
      Assign(entry, value, entry.def->name);
    } catch (const SqlError&) {
      return;  // validated when the server loaded it; keep what we have
    }
    entry.reset_value = entry.value;
    entry.reset_source = source;
    entry.source_file = file;
    entry.source_line = line;
    // A value the session SET stays (and so do its side effects).
    if (entry.session_set && current != entry.value) Assign(entry, current, entry.def->name);
  };
  for (auto& [key, entry] : entries_) {
    if (entry.reset_source == "client" || entry.reset_source == "default") continue;
    if (wanted.count(key) != 0) continue;
    // Removed from the file: back to the boot value.
    set_from(entry, std::string(entry.def->boot), "default", "", 0);
  }
  for (const auto& [key, setting] : wanted) {
    Entry* entry = nullptr;
    try {
      entry = &FindOrCreate(setting->name);
    } catch (const SqlError&) {
      continue;
    }
    if (entry->reset_source == "client" || entry->def->read_only) continue;
    if (entry->reset_value == entry->value && !entry->session_set &&
        entry->reset_source == setting->source && entry->source_file == setting->file &&
        entry->source_line == setting->line && entry->value == setting->value) {
      continue;
    }
    set_from(*entry, setting->value, setting->source, setting->file, setting->line);
  }
  config_ = std::move(snapshot);
}

void SessionSettings::RefreshConfig() {
  if (ConfigGeneration() != config_generation_) ApplyConfig(CurrentConfigSnapshot());
}

std::optional<std::string> SessionSettings::ValidateParameter(std::string_view name,
                                                              const std::string& value,
                                                              std::string* normalized,
                                                              int64_t* int_value) {
  SessionSettings probe;
  try {
    Entry& entry = probe.FindOrCreate(name);
    if (entry.def->read_only) {
      return "parameter \"" + std::string(entry.def->name) + "\" cannot be changed";
    }
    probe.Assign(entry, value, name);
    if (normalized != nullptr) *normalized = entry.value;
    if (int_value != nullptr && entry.def->kind == Kind::kInt) *int_value = probe.IntValue(name);
  } catch (const SqlError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

std::string SessionSettings::ParameterContext(std::string_view name) {
  for (const Definition& def : Definitions()) {
    if (Lower(def.name) == Lower(name)) return std::string(ContextOf(def));
  }
  return "";
}

std::vector<SessionSettings::Description> SessionSettings::Describe() {
  std::vector<Description> out;
  for (const Definition& def : Definitions()) {
    if (def.read_only || def.no_show_all) continue;
    Description d;
    d.name = std::string(def.name);
    d.context = std::string(ContextOf(def));
    const ParameterInfo* info = FindInfo(def.name);
    d.group = info != nullptr ? std::string(info->group) : "Customized Options";
    d.extra_desc = info != nullptr ? std::string(info->extra_desc) : "";
    d.short_desc = std::string(def.description);
    d.boot_value = std::string(def.boot);
    d.reset_value = d.boot_value;
    switch (def.kind) {
      case Kind::kBool:
      case Kind::kStandardConformingStrings:
        d.vartype = "BOOLEAN";
        d.reset_value = ParseBoolSetting(def, d.boot_value) ? "TRUE" : "FALSE";
        break;
      case Kind::kInt:
        d.vartype = "INTEGER";
        d.reset_value = std::to_string(ParseIntSetting(def, d.boot_value));
        d.min = std::to_string(def.min);
        d.max = std::to_string(def.max);
        if (def.unit_ms) d.unit = UnitName(def);
        if (def.unit_kb) d.unit = "kB";
        break;
      case Kind::kReal: {
        d.vartype = "REAL";
        char buf[64];
        std::snprintf(buf, sizeof(buf), "%g", static_cast<double>(def.min));
        d.min = buf;
        std::snprintf(buf, sizeof(buf), "%g", def.max == 0 ? 1.79769e+308 : def.max);
        d.max = buf;
        break;
      }
      case Kind::kEnum:
        d.vartype = "ENUM";
        for (std::string_view v : def.enum_values) d.enumvals.emplace_back(v);
        break;
      default:
        d.vartype = "STRING";
        break;
    }
    out.push_back(std::move(d));
  }
  return out;
}

const std::string& SessionSettings::Show(std::string_view name) const { return Find(name).value; }

int64_t SessionSettings::IntValue(std::string_view name) const {
  const Entry& entry = Find(name);
  if (!entry.int_cached || entry.int_source != entry.value) {
    entry.int_value = ParseIntSetting(*entry.def, entry.value);
    entry.int_source = entry.value;
    entry.int_cached = true;
  }
  return entry.int_value;
}

std::vector<SessionSettings::ShowAllRow> SessionSettings::ShowAll() const {
  std::vector<ShowAllRow> rows;
  for (const auto& [key, entry] : entries_) {
    if (entry.def->no_show_all) continue;
    rows.push_back({std::string(entry.def->name), entry.value, std::string(entry.def->description)});
  }
  return rows;
}

std::vector<SessionSettings::PgSettingsRow> SessionSettings::PgSettingsRows() const {
  std::vector<PgSettingsRow> rows;
  for (const auto& [key, entry] : entries_) {
    const Definition& def = *entry.def;
    if (def.no_show_all) continue;
    PgSettingsRow row;
    row.name = std::string(def.name);
    row.setting = entry.value;
    row.short_desc = std::string(def.description);
    row.context = std::string(ContextOf(def));
    if (const ParameterInfo* info = FindInfo(def.name)) {
      row.category = std::string(info->group);
      row.extra_desc = std::string(info->extra_desc);
    } else {
      row.category = "Customized Options";
    }
    row.source = entry.session_set || entry.value != entry.reset_value ? "session"
                                                                        : entry.reset_source;
    if (row.source == "configuration file") {
      row.sourcefile = entry.source_file;
      row.sourceline = entry.source_line;
    }
    if (config_ != nullptr && config_->pending_restart.count(key) != 0) {
      row.pending_restart = true;
      // PostgreSQL still names where the running value came from.
    }
    row.boot_val = std::string(def.boot);
    row.reset_val = entry.reset_value;
    switch (def.kind) {
      case Kind::kBool:
        row.vartype = "bool";
        break;
      case Kind::kReal:
        row.vartype = "real";
        break;
      case Kind::kInt:
        row.vartype = "integer";
        row.min_val = def.min;
        row.max_val = def.max;
        if (def.unit_ms || def.unit_kb) {
          row.unit = def.unit_ms ? UnitName(def) : "kB";
          row.setting = std::to_string(IntValue(def.name));
          row.boot_val = std::to_string(ParseIntSetting(def, std::string(def.boot)));
          row.reset_val = std::to_string(ParseIntSetting(def, entry.reset_value));
        }
        break;
      case Kind::kEnum:
        row.vartype = "enum";
        for (std::string_view v : def.enum_values) row.enumvals.emplace_back(v);
        break;
      default:
        row.vartype = "string";
        break;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::pair<std::string, std::string>> SessionSettings::TakeReportedChanges() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& name : changed_reportable_) {
    Entry& entry = Find(name);
    if (entry.value == entry.reported_value) continue;
    entry.reported_value = entry.value;
    out.emplace_back(name, entry.value);
  }
  changed_reportable_.clear();
  return out;
}

namespace {
thread_local SessionSettings* current_settings = nullptr;
}  // namespace

SessionSettings& CurrentSessionSettings() {
  if (current_settings == nullptr) {
    throw SqlError(SqlState::kInternalError, "no session settings in this context");
  }
  return *current_settings;
}

const SessionSettings* CurrentSessionSettingsOrNull() { return current_settings; }

ScopedSessionSettings::ScopedSessionSettings(SessionSettings* settings)
    : previous_(current_settings) {
  current_settings = settings;
}

ScopedSessionSettings::~ScopedSessionSettings() { current_settings = previous_; }

}  // namespace strata::sql
