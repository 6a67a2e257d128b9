// A table's storage parameters (pg_class.reloptions): ALTER TABLE SET /
// RESET (...) and CREATE TABLE ... WITH (...), validated as PostgreSQL 15's
// heap reloptions (reloptions.c) and kept as "name=value" strings in the
// catalog record (catalog::TableDesc::options). The planner reads
// parallel_workers (plan_parallel.h); the others are kept and shown only.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace strata::sql {

// Applies SET (`reset` false) or RESET of `changes` to `options`: 22023
// for an unknown name, a bad or out-of-range value, a name given twice, or
// a value given to RESET.
void ApplyTableOptions(const std::vector<std::pair<std::string, std::string>>& changes,
                       bool reset, std::vector<std::string>* options);

// Whether an option value is a boolean as PostgreSQL's parse_bool takes
// it (true/false/yes/no/on/off/1/0 and unique prefixes; no surrounding
// blanks, unlike boolin). View options use it too.
bool IsBoolText(std::string v);

// The integer value of option `name` in `options`, if set.
std::optional<int> TableIntOption(const std::vector<std::string>& options, const std::string& name);

}  // namespace strata::sql
