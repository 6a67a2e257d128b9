// pg_reload_conf(): how SQL asks the server to reload its configuration.
// The server installs a handler (it signals itself SIGHUP); without one
// (unit tests, tools) pg_reload_conf() returns false, as PostgreSQL's does
// when it cannot signal the postmaster.
#pragma once

#include <functional>

namespace strata::sql {

// Installs (or, with nullptr, removes) the reload handler. Thread-safe.
void InstallReloadHandler(std::function<void()> handler);
// Runs the handler; false if none is installed.
bool RequestConfigReload();

}  // namespace strata::sql
