// Named arguments of built-in functions: each known function's argument
// names and the defaults of its trailing arguments, as in pg_proc.
#include "sql/binder/named_arguments.h"

#include <array>
#include <string>
#include <string_view>

#include "common/sql_error.h"

namespace strata::sql {

namespace {

struct ArgSpec {
  std::string_view name;
  enum class Default : uint8_t { kNone, kEmptyJsonObject, kFalse } default_value;
};

struct FunctionArgs {
  std::string_view function;
  std::array<ArgSpec, 4> args;
  size_t nargs;
};

constexpr std::array<ArgSpec, 4> kPathArgs = {{{"target", ArgSpec::Default::kNone},
                                               {"path", ArgSpec::Default::kNone},
                                               {"vars", ArgSpec::Default::kEmptyJsonObject},
                                               {"silent", ArgSpec::Default::kFalse}}};

constexpr FunctionArgs kFunctions[] = {
    {"jsonb_path_exists", kPathArgs, 4},        {"jsonb_path_exists_tz", kPathArgs, 4},
    {"jsonb_path_match", kPathArgs, 4},         {"jsonb_path_match_tz", kPathArgs, 4},
    {"jsonb_path_query", kPathArgs, 4},         {"jsonb_path_query_tz", kPathArgs, 4},
    {"jsonb_path_query_array", kPathArgs, 4},   {"jsonb_path_query_array_tz", kPathArgs, 4},
    {"jsonb_path_query_first", kPathArgs, 4},   {"jsonb_path_query_first_tz", kPathArgs, 4},
};

ast::ExprPtr MakeDefault(ArgSpec::Default d, int location) {
  if (d == ArgSpec::Default::kFalse) {
    auto c = std::make_unique<ast::ConstantExpr>(ast::ConstantExpr::Kind::kBool, location);
    c->bval = false;
    return c;
  }
  auto c = std::make_unique<ast::ConstantExpr>(ast::ConstantExpr::Kind::kString, location);
  c->text = "{}";
  return c;
}

OrderedArguments Unmatched(const ast::FuncCallExpr& call) {
  OrderedArguments out;
  out.unmatched = true;
  for (const ast::ExprPtr& a : call.args) out.args.push_back(a.get());
  return out;
}

}  // namespace

OrderedArguments OrderArguments(const ast::FuncCallExpr& call) {
  OrderedArguments out;
  if (call.arg_names.empty()) {
    for (const ast::ExprPtr& a : call.args) out.args.push_back(a.get());
    return out;
  }
  const std::string& name = call.name.back();
  const FunctionArgs* spec = nullptr;
  for (const FunctionArgs& f : kFunctions) {
    if (f.function == name) spec = &f;
  }
  if (spec == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "named arguments in a call of " + name + " are not supported yet");
  }
  std::vector<const ast::Expr*> slots(spec->nargs, nullptr);
  for (size_t i = 0; i < call.args.size(); ++i) {
    size_t slot = i;
    if (!call.arg_names[i].empty()) {
      slot = spec->nargs;
      for (size_t j = 0; j < spec->nargs; ++j) {
        if (spec->args[j].name == call.arg_names[i]) slot = j;
      }
    }
    if (slot >= spec->nargs || slots[slot] != nullptr) return Unmatched(call);
    slots[slot] = call.args[i].get();
  }
  // Trailing unset arguments take their defaults; an unset one before a
  // given one does too.
  size_t used = 0;
  for (size_t j = 0; j < spec->nargs; ++j) {
    if (slots[j] != nullptr) used = j + 1;
  }
  for (size_t j = 0; j < used; ++j) {
    if (slots[j] == nullptr) {
      if (spec->args[j].default_value == ArgSpec::Default::kNone) return Unmatched(call);
      out.defaults.push_back(MakeDefault(spec->args[j].default_value, call.location));
      slots[j] = out.defaults.back().get();
    }
    out.args.push_back(slots[j]);
  }
  return out;
}

}  // namespace strata::sql
