// StartupOptions: the "options" startup parameter (PGOPTIONS), which carries
// command-line switches for the session as PostgreSQL's backend reads them
// (pg_split_opts + process_postgres_switches): words separated by
// whitespace, a backslash taking the next character literally; `-c
// name=value`, `-cname=value` and `--name=value` set run-time parameters
// (dashes in the name become underscores).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata::server {

// The (name, value) settings the options ask for, in order. Throws SqlError:
// 42601 "-c NAME requires a value" / "--NAME requires a value" as
// PostgreSQL; 08P01 "invalid command-line argument for server process: X"
// for a word that is not a switch; 0A000 for a switch PostgreSQL accepts
// that we do not implement (-B, -d, -e, -F, ...).
std::vector<std::pair<std::string, std::string>> ParseStartupOptions(std::string_view options);

}  // namespace strata::server
