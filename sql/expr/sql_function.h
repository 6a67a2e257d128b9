// SQL-callable built-in functions (pg_proc entries called by name: now(),
// date_part(text, timestamp), make_date(int4, int4, int4), ...) with their
// declared argument and result types, for the binder's function resolution.
// All are strict (NULL in, NULL out) and immutable tables.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "sql/expr/builtin_function.h"
#include "sql/types/data_type.h"

namespace strata::sql {

// The rows of one call of a set-returning function, produced lazily.
class SetGenerator {
 public:
  virtual ~SetGenerator() = default;
  // The next value into *out; false when the set is exhausted.
  virtual bool Next(Value* out) = 0;
};

struct SqlFunction {
  std::string_view name;  // as called (lower case)
  std::array<Oid, 7> args;
  size_t nargs;
  Oid result;
  BuiltinFunction impl;
  // Only reachable through SQL syntax (CURRENT_DATE), not by a call.
  bool internal = false;
  // Checks a constant first argument when the call is bound, throwing its
  // SqlError there (with the constant's position) rather than when it runs:
  // PostgreSQL converts such literals while parsing (nextval('s') resolves
  // 's' as a regclass). May be null.
  void (*check_constant_arg)(const Value& arg) = nullptr;
  // Set-returning functions (generate_series): starts the rows of a call,
  // one value each; `impl` only reports misuse. Callable only where the
  // binder allows them (a function in FROM). Null for scalar functions.
  std::unique_ptr<SetGenerator> (*set_generator)(std::span<const Value> args) = nullptr;
};

// All functions called `name` (any number of arguments).
std::vector<const SqlFunction*> FindSqlFunctions(std::string_view name);

// The name a call of `impl` is written with: the SQL name of the
// SqlFunction it implements (random for drandom, generate_series for
// generate_series_int4), else its own pg_proc name. REQUIRES: impl != null.
std::string_view SqlFunctionName(const BuiltinFunction* impl);

// The per-family tables.
std::span<const SqlFunction> DatetimeSqlFunctions();
std::span<const SqlFunction> ToCharSqlFunctions();  // expr/datetime_to_char.cpp
std::span<const SqlFunction> FromCharSqlFunctions();  // expr/datetime_from_char.cpp
std::span<const SqlFunction> SettingsSqlFunctions();  // settings/settings_functions.cpp
std::span<const SqlFunction> OperatorSqlFunctions();  // operators' functions (sql_function.cpp)
std::span<const SqlFunction> SequenceSqlFunctions();
std::span<const SqlFunction> SetReturningSqlFunctions();  // expr/set_returning_functions.cpp
// The set-returning function whose `impl` a bound call points at, or nullptr.
const SqlFunction* FindSetReturningFunction(const BuiltinFunction* impl);
std::span<const SqlFunction> MathSqlFunctions();    // expr/math_sql_functions.cpp
std::span<const SqlFunction> StringSqlFunctions();  // expr/string_sql_functions.cpp
std::span<const SqlFunction> LikeSqlFunctions();    // expr/like_functions.cpp
std::span<const SqlFunction> RegexpSqlFunctions();  // expr/regexp_functions.cpp
std::span<const SqlFunction> SleepSqlFunctions();   // expr/sleep_function.cpp
std::span<const SqlFunction> StatSqlFunctions();    // expr/stat_functions.cpp
std::span<const SqlFunction> BackendSqlFunctions();  // expr/backend_functions.cpp
std::span<const SqlFunction> AdminSqlFunctions();  // expr/admin_functions.cpp
class Database;
// The database strata_checkpoint() / strata_compact() work on (the server's);
// nullptr to remove. LIFETIME: outlives its installation.
void InstallAdminDatabase(Database* database);
std::span<const SqlFunction> TxidSqlFunctions();     // expr/txid_functions.cpp
// format_type, pg_table_is_visible, ... (system_relations/catalog_functions.cpp)
std::span<const SqlFunction> CatalogSqlFunctions();
// pg_get_partkeydef, ... (system_relations/pg_catalog_partitions.cpp)
std::span<const SqlFunction> PartitionSqlFunctions();

}  // namespace strata::sql
