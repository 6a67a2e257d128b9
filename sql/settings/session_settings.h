// SessionSettings: the run-time configuration parameters (GUCs) of one
// session — SET / RESET / SHOW, set_config() / current_setting() — with
// PostgreSQL 15's names, value normalisation and validation errors:
//   42704 unrecognized configuration parameter "x"
//   22023 invalid value for parameter "TimeZone": "foo" (with PostgreSQL's
//         DETAIL/HINT), "parameter \"x\" requires a Boolean value", ...
//   55P02 parameter "x" cannot be changed (read-only parameters)
//
// Names with a dot ("myapp.user_id") are custom placeholder parameters, as
// in PostgreSQL: SET creates them (string-valued, not reported).
//
// Each parameter has a boot value, a reset value (the boot value unless the
// session start set it: InitValue) and a current value. Parameters that
// PostgreSQL marks GUC_REPORT (DateStyle, TimeZone, IntervalStyle,
// application_name, client_encoding, ...) are remembered when their value
// changes, so the server can send ParameterStatus (TakeReportedChanges).
//
// The date/time parameters also live decoded in a DatetimeContext that
// input/output functions read. Not thread-safe (one per session).
//
// The table in session_settings.cpp is the one list of every parameter, the
// server's own too (port, listen_addresses, log_*): each has PostgreSQL's
// context (parameter_info.inc), which decides who may change it. SET of a
// postmaster parameter fails with 55P02 "... cannot be changed without
// restarting the server", of a sighup one "... cannot be changed now". The
// server-wide values from the configuration file and the command line come
// in through ApplyConfig (config_snapshot.h); packaging/stratad.conf and
// `stratad --describe-config` are generated from Describe().
#pragma once

#include <map>
#include <memory>
#include <string>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sql/settings/config_snapshot.h"
#include "sql/types/datetime_context.h"

namespace strata::sql {

class SessionSettings {
 public:
  SessionSettings();
  ~SessionSettings();
  SessionSettings(const SessionSettings&) = delete;
  SessionSettings& operator=(const SessionSettings&) = delete;

  // Sets `name` for the session (`local`: SET LOCAL, until the transaction
  // ends). `value` is the flattened SET argument list. Throws SqlError as
  // PostgreSQL does.
  void Set(std::string_view name, const std::string& value, bool local = false);
  // Sets the value and makes it the reset value (startup packet options,
  // server configuration). Throws like Set.
  void InitValue(std::string_view name, const std::string& value);
  void Reset(std::string_view name, bool local = false);
  void ResetAll();
  // The value RESET goes back to (for session_authorization: the role the
  // session logged in as).
  std::string ResetValue(std::string_view name) const;

  // --- Transactions (PostgreSQL's GUC nesting). Level 1 is a transaction,
  // each savepoint inside it one more; 0 is outside any. A SET is undone when
  // the level that ran it aborts and kept when it commits; a SET LOCAL ends
  // with its transaction either way. RELEASE hands a savepoint's changes to
  // the level below, keeping each one's kind.
  void BeginNestLevel();
  // Ends the innermost level, committed or aborted. REQUIRES nest_level() > 0.
  void EndNestLevel(bool commit);
  int nest_level() const { return nest_level_; }

  // Takes the server-wide values of `snapshot` as reset values (source
  // "configuration file" / "command line"), and as current values where the
  // session did not SET them; parameters the previous snapshot set but this
  // one does not go back to their boot values. Invalid values are skipped
  // (the server validated them when it loaded the file).
  void ApplyConfig(std::shared_ptr<const ConfigSnapshot> snapshot);
  // ApplyConfig(CurrentConfigSnapshot()) if a reload happened since the last
  // call (one atomic load otherwise).
  void RefreshConfig();

  // Checks `value` for `name` as the configuration file would set it (no
  // context check). Returns the error message, nullopt if valid; *normalized
  // gets the value as SHOW would print it; for an integer parameter,
  // *int_value its number in the parameter's unit (kB for memory sizes).
  static std::optional<std::string> ValidateParameter(std::string_view name,
                                                      const std::string& value,
                                                      std::string* normalized = nullptr,
                                                      int64_t* int_value = nullptr);
  // The context of `name` as pg_settings.context spells it ("postmaster",
  // "sighup", "user", ...); empty for unknown names.
  static std::string ParameterContext(std::string_view name);

  // One parameter as `postgres --describe-config` and the sample
  // configuration file describe it.
  struct Description {
    std::string name;
    std::string context;
    std::string group;
    std::string vartype;  // BOOLEAN, INTEGER, REAL, STRING, ENUM
    std::string boot_value;  // as a config file writes it ("1s", "4MB", "on")
    std::string reset_value;  // describe-config's column: base units, TRUE/FALSE
    std::string min, max;     // integers and reals only
    std::string unit;         // "ms", "s", "min", "kB" or empty
    std::string short_desc;
    std::string extra_desc;
    std::vector<std::string> enumvals;
  };
  // Every parameter but the internal (read-only) ones, in table order.
  static std::vector<Description> Describe();

  // The value as SHOW prints it. Throws 42704 for unknown names.
  const std::string& Show(std::string_view name) const;
  // An integer setting's value in its base unit (ms for times, kB for
  // memory). REQUIRES: `name` is an integer setting.
  int64_t IntValue(std::string_view name) const;
  // The canonical spelling of a known parameter ("datestyle" -> "DateStyle");
  // throws 42704 for unknown names.
  std::string CanonicalName(std::string_view name) const;
  // True if SET accepts a list for the parameter (DateStyle, search_path),
  // and if its elements are quoted as identifiers (search_path).
  bool IsListInput(std::string_view name) const;
  bool IsListQuoted(std::string_view name) const;
  // Whether `name` is known.
  bool Exists(std::string_view name) const;

  struct ShowAllRow {
    std::string name;
    std::string setting;
    std::string description;
  };
  std::vector<ShowAllRow> ShowAll() const;

  // The pg_settings view's row of each parameter (sql/system_relations/):
  // integers in their base unit, as PostgreSQL's `setting` column has them.
  struct PgSettingsRow {
    std::string name;
    std::string setting;
    std::string unit;  // "ms", "kB" or empty
    std::string vartype;  // bool, integer, enum, string
    std::string context;  // user, superuser, sighup, postmaster, internal, ...
    std::string source;   // default, configuration file, command line, client, session
    std::string category;
    std::string short_desc;
    std::string extra_desc;
    std::string sourcefile;  // for source "configuration file"
    std::optional<int> sourceline;
    bool pending_restart = false;
    std::vector<std::string> enumvals;
    std::optional<int> min_val;
    std::optional<int> max_val;
    std::string boot_val;
    std::string reset_val;
  };
  std::vector<PgSettingsRow> PgSettingsRows() const;

  // Reportable parameters whose value changed since the last call, with their
  // new values, in the order they changed (each name once).
  std::vector<std::pair<std::string, std::string>> TakeReportedChanges();

  // A number that changes whenever a value Show() returns may have changed,
  // unique across all SessionSettings objects (a fresh one gets a new
  // number too): a cache of values parsed from these settings is valid
  // while the number it was made under is current.
  uint64_t generation() const { return generation_; }

  const DatetimeContext& datetime() const { return datetime_; }
  DatetimeContext& mutable_datetime() { return datetime_; }

  struct Definition;  // see session_settings.cpp

 private:
  // What a SET changes, saved to be put back.
  struct SavedValue {
    std::string value;
    bool session_set = false;
  };
  // One nesting level's change of a parameter (guc.c's GucStack): kSet keeps
  // at commit; kLocal returns to `prior` at the end of the transaction;
  // kSetLocal (SET, then SET LOCAL) returns to `masked`, the SET's value.
  enum class NestState { kSet, kLocal, kSetLocal };
  struct NestFrame {
    int level;
    NestState state;
    SavedValue prior;   // the value before this level changed it
    SavedValue masked;  // kSetLocal only
  };

  struct Entry {
    const Definition* def;
    std::string reset_value;
    std::string value;
    std::string reported_value;  // what the client was last told
    // Where reset_value came from: "default", "configuration file",
    // "command line", "override", "client" (startup packet).
    std::string reset_source = "default";
    std::string source_file{};
    int source_line = 0;
    bool session_set = false;  // SET since the last reset: the file does not override it
    std::vector<NestFrame> stack{};  // innermost level last
    // IntValue()'s parse of `value`, valid while int_source == value (several
    // integer settings are read at every statement).
    mutable std::string int_source{};
    mutable int64_t int_value = 0;
    mutable bool int_cached = false;
  };

  Entry& Find(std::string_view name);
  const Entry& Find(std::string_view name) const;
  // Validates and normalises `value`, then applies it. `given` is the name
  // as the user wrote it (some errors quote it).
  void Assign(Entry& entry, const std::string& value, std::string_view given);

  // Find() that creates a custom placeholder for an unknown dotted name.
  Entry& FindOrCreate(std::string_view name);
  // Records `current`, `entry`'s value before a SET (local or not) at the
  // current nesting level changed it; nothing outside a transaction.
  void SaveForNestLevel(Entry& entry, const SavedValue& current, bool local);
  void Restore(Entry& entry, const SavedValue& saved);

  std::map<std::string, Entry, std::less<>> entries_;  // by lower-case name
  // The same entries hashed by their lower-case name (keys view entries_'s
  // keys, which never move): Find() runs several times per statement.
  std::unordered_map<std::string_view, Entry*> by_name_;
  // Definitions of custom placeholders (entries_ point at them).
  std::vector<std::unique_ptr<Definition>> custom_definitions_;
  std::vector<std::unique_ptr<std::string>> custom_names_;
  std::vector<std::string> changed_reportable_;
  DatetimeContext datetime_;
  std::shared_ptr<const ConfigSnapshot> config_;  // the last one applied
  uint64_t config_generation_ = 0;
  uint64_t generation_;  // see generation(); renewed by every Assign()
  int nest_level_ = 0;
  std::vector<Entry*> stacked_;  // entries with a non-empty stack
};

// The settings of the session whose statement runs on this thread (for
// current_setting()/set_config()), installed by SqlSession::Execute.
// REQUIRES for CurrentSessionSettings(): inside a ScopedSessionSettings.
SessionSettings& CurrentSessionSettings();
// Null outside a session.
const SessionSettings* CurrentSessionSettingsOrNull();
class ScopedSessionSettings {
 public:
  explicit ScopedSessionSettings(SessionSettings* settings);
  ~ScopedSessionSettings();
  ScopedSessionSettings(const ScopedSessionSettings&) = delete;
  ScopedSessionSettings& operator=(const ScopedSessionSettings&) = delete;

 private:
  SessionSettings* previous_;
};

}  // namespace strata::sql
