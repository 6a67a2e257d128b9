// Table storage parameters (see table_options.h).
#include "sql/commands/table_options.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <set>

#include "common/sql_error.h"

namespace strata::sql {

namespace {

enum class OptionKind { kInt, kReal, kBool, kEnum };

struct OptionSpec {
  const char* name;
  OptionKind kind;
  double min, max;
};

// PostgreSQL 15's heap reloptions (the toast.* forms are not accepted).
constexpr OptionSpec kOptions[] = {
    {"fillfactor", OptionKind::kInt, 10, 100},
    {"toast_tuple_target", OptionKind::kInt, 128, 8160},
    {"parallel_workers", OptionKind::kInt, 0, 1024},
    {"autovacuum_enabled", OptionKind::kBool, 0, 0},
    {"autovacuum_vacuum_threshold", OptionKind::kInt, 0, INT_MAX},
    {"autovacuum_vacuum_insert_threshold", OptionKind::kInt, -1, INT_MAX},
    {"autovacuum_analyze_threshold", OptionKind::kInt, 0, INT_MAX},
    {"autovacuum_vacuum_cost_limit", OptionKind::kInt, 1, 10000},
    {"autovacuum_freeze_min_age", OptionKind::kInt, 0, 1000000000},
    {"autovacuum_freeze_max_age", OptionKind::kInt, 100000, 2000000000},
    {"autovacuum_freeze_table_age", OptionKind::kInt, 0, 2000000000},
    {"autovacuum_multixact_freeze_min_age", OptionKind::kInt, 0, 1000000000},
    {"autovacuum_multixact_freeze_max_age", OptionKind::kInt, 10000, 2000000000},
    {"autovacuum_multixact_freeze_table_age", OptionKind::kInt, 0, 2000000000},
    {"log_autovacuum_min_duration", OptionKind::kInt, -1, INT_MAX},
    {"autovacuum_vacuum_cost_delay", OptionKind::kReal, 0, 100},
    {"autovacuum_vacuum_scale_factor", OptionKind::kReal, 0, 100},
    {"autovacuum_vacuum_insert_scale_factor", OptionKind::kReal, 0, 100},
    {"autovacuum_analyze_scale_factor", OptionKind::kReal, 0, 100},
    {"user_catalog_table", OptionKind::kBool, 0, 0},
    {"vacuum_truncate", OptionKind::kBool, 0, 0},
    {"vacuum_index_cleanup", OptionKind::kEnum, 0, 0},
};

std::string FormatBound(double v, OptionKind kind) {
  if (kind == OptionKind::kInt) return std::to_string(static_cast<long long>(v));
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

void Validate(const OptionSpec& spec, const std::string& value) {
  const std::string name = spec.name;
  switch (spec.kind) {
    case OptionKind::kBool:
      if (!IsBoolText(value)) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "invalid value for boolean option \"" + name + "\": " + value);
      }
      return;
    case OptionKind::kEnum:
      if (value != "auto" && !IsBoolText(value)) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "invalid value for enum option \"" + name + "\": " + value)
            .WithDetail("Valid values are \"on\", \"off\", and \"auto\".");
      }
      return;
    case OptionKind::kInt:
    case OptionKind::kReal: {
      const bool integer = spec.kind == OptionKind::kInt;
      errno = 0;
      char* end = nullptr;
      double v = 0;
      if (integer) {
        const long long n = std::strtoll(value.c_str(), &end, 10);
        v = static_cast<double>(n);
      } else {
        v = std::strtod(value.c_str(), &end);
      }
      while (end != nullptr && *end == ' ') ++end;
      if (value.empty() || end == nullptr || *end != '\0' || errno == ERANGE ||
          (integer && (v < INT_MIN || v > INT_MAX))) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       std::string("invalid value for ") + (integer ? "integer" : "floating point") +
                           " option \"" + name + "\": " + value);
      }
      if (v < spec.min || v > spec.max) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "value " + value + " out of bounds for option \"" + name + "\"")
            .WithDetail("Valid values are between \"" + FormatBound(spec.min, spec.kind) +
                        "\" and \"" + FormatBound(spec.max, spec.kind) + "\".");
      }
      return;
    }
  }
}

}  // namespace

void ApplyTableOptions(const std::vector<std::pair<std::string, std::string>>& changes,
                       bool reset, std::vector<std::string>* options) {
  std::set<std::string> seen;
  for (const auto& [name, value] : changes) {
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& s : kOptions) {
      if (name == s.name) spec = &s;
    }
    if (!reset) {
      if (spec == nullptr) {
        throw SqlError(SqlState::kInvalidParameterValue, "unrecognized parameter \"" + name + "\"");
      }
      Validate(*spec, value);
      if (!seen.insert(name).second) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "parameter \"" + name + "\" specified more than once");
      }
    }
    const std::string prefix = name + "=";
    auto it = std::find_if(options->begin(), options->end(), [&](const std::string& o) {
      return o.compare(0, prefix.size(), prefix) == 0;
    });
    // A value set again moves to the end, as transformRelOptions keeps
    // the options not named and appends the new ones.
    if (it != options->end()) options->erase(it);
    if (!reset) options->push_back(prefix + value);
  }
}

std::optional<int> TableIntOption(const std::vector<std::string>& options,
                                  const std::string& name) {
  const std::string prefix = name + "=";
  for (const std::string& o : options) {
    if (o.compare(0, prefix.size(), prefix) == 0) return std::atoi(o.c_str() + prefix.size());
  }
  return std::nullopt;
}

// parse_bool: true/false/yes/no/on/off/1/0 and their unique prefixes.
bool IsBoolText(std::string v) {
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  if (v.empty()) return false;
  for (const char* word : {"true", "false", "yes", "no"}) {
    if (std::string(word).compare(0, v.size(), v) == 0) return true;
  }
  return v == "on" || v == "off" || v == "of" || v == "1" || v == "0";
}

}  // namespace strata::sql
