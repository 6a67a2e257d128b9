// current_setting(name [, missing_ok]) and set_config(name, value, is_local)
// over the running session's SessionSettings; pg_reload_conf().
#include <cctype>
#include <functional>
#include <mutex>
#include <string>

#include "common/sql_error.h"
#include "sql/expr/sql_function.h"
#include "sql/settings/reload_handler.h"
#include "sql/settings/session_settings.h"

namespace strata::sql {

namespace {

using Args = std::span<const Value>;

Value CurrentSetting(Args a) {
  return Value::Text(CurrentSessionSettings().Show(a[0].string_value()));
}

Value CurrentSettingMissingOk(Args a) {
  SessionSettings& settings = CurrentSessionSettings();
  if (a[1].bool_value() && !settings.Exists(a[0].string_value())) {
    return Value::Null(type_oid::kText);
  }
  return Value::Text(settings.Show(a[0].string_value()));
}

Value SetConfig(Args a) {
  SessionSettings& settings = CurrentSessionSettings();
  // is_local: until the end of the transaction (the statement's own, outside
  // a block), without SET LOCAL's warning.
  std::string name = a[0].string_value();
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // SET ROLE / SET SESSION AUTHORIZATION check the role first
  // (sql_session.cpp); this path does not yet.
  if (name == "role" || name == "session_authorization") {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "set_config of \"" + name + "\" is not supported yet");
  }
  settings.Set(a[0].string_value(), a[1].string_value(), a[2].bool_value());
  return Value::Text(settings.Show(a[0].string_value()));
}

Value ReloadConf(Args) { return Value::Bool(RequestConfigReload()); }

std::mutex g_reload_mutex;
std::function<void()> g_reload_handler;

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kText = type_oid::kText;
constexpr Oid kBool = type_oid::kBool;

const SqlFunction kFunctions[] = {
    {"current_setting", {kText, k0, k0, k0, k0, k0, k0}, 1, kText,
     {"current_setting", CurrentSetting}},
    {"current_setting", {kText, kBool, k0, k0, k0, k0, k0}, 2, kText,
     {"current_setting", CurrentSettingMissingOk}},
    {"set_config", {kText, kText, kBool, k0, k0, k0, k0}, 3, kText, {"set_config", SetConfig}},
    {"pg_reload_conf", {k0, k0, k0, k0, k0, k0, k0}, 0, kBool, {"pg_reload_conf", ReloadConf}},
};

}  // namespace

std::span<const SqlFunction> SettingsSqlFunctions() { return kFunctions; }

void InstallReloadHandler(std::function<void()> handler) {
  std::lock_guard lock(g_reload_mutex);
  g_reload_handler = std::move(handler);
}

bool RequestConfigReload() {
  std::function<void()> handler;
  {
    std::lock_guard lock(g_reload_mutex);
    handler = g_reload_handler;
  }
  if (!handler) return false;
  handler();
  return true;
}

}  // namespace strata::sql
