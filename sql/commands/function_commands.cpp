// CREATE [OR REPLACE] FUNCTION and DROP FUNCTION (see function_commands.h).
//
// CREATE resolves the signature, then (with check_function_bodies on, as
// PostgreSQL's fmgr_sql_validator) parses the body and analyzes every
// statement against the catalog with the parameters typed, and checks the
// final statement's columns against the declared result
// (check_sql_fn_retval: assignment-coercible types, 42P13 otherwise).
// Errors inside a body written as a literal carry positions in the CREATE
// statement (PostgreSQL's function_parse_error_transpose).
#include "sql/commands/function_commands.h"

#include <algorithm>
#include <string>
#include <vector>

#include "sql/ast/position.h"
#include "sql/binder/function_params.h"
#include "sql/builtin/type_table.h"
#include "sql/types/composite_type.h"
#include "sql/commands/plpgsql_function.h"
#include "sql/commands/drop_cascade_notice.h"
#include "sql/commands/qualified_name.h"
#include "sql/expr/pg_function_names.h"
#include "sql/types/user_types.h"
#include "sql/commands/trigger_commands.h"
#include "sql/commands/user_function_call.h"
#include "sql/settings/session_settings.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

bool IsAllowedType(Oid type) { return IsSupportedType(type); }

// PostgreSQL's polymorphic pseudo-types (IsPolymorphicType).
bool IsPolymorphic(Oid type) {
  switch (type) {
    case 2283:  // anyelement
    case 2277:  // anyarray
    case 2776:  // anynonarray
    case 3500:  // anyenum
    case 3831:  // anyrange
    case 4537:  // anymultirange
    case 5077:  // anycompatible
    case 5078:  // anycompatiblearray
    case 5079:  // anycompatiblenonarray
    case 5080:  // anycompatiblerange
    case 4538:  // anycompatiblemultirange
      return true;
    default:
      return false;
  }
}

std::string Signature(const std::string& name, const std::vector<Oid>& types) {
  std::string out = name + "(";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) out += ", ";
    out += FormatTypeName(types[i]);
  }
  return out + ")";
}

// Moves an error's position from the body text into the CREATE statement
// (or drops it when the body's place in the statement is unknown).
[[noreturn]] void RethrowInBody(SqlError& e, const CommandContext& ctx,
                                const ast::CreateFunctionStatement& stmt) {
  SqlErrorFields& f = e.mutable_fields();
  if (f.position > 0) {
    f.position = stmt.body_location >= 0
                     ? f.position + ast::CharPosition(ctx.query, stmt.body_location) - 1
                     : 0;
  }
  throw e;
}

SqlError ReturnMismatch(const catalog::FunctionDesc& fn, const std::string& detail) {
  SqlError e(SqlState::kInvalidFunctionDefinition,
             "return type mismatch in function declared to return " +
                 FormatTypeName(fn.result_type));
  e.WithDetail(detail);
  e.mutable_fields().context = "SQL function \"" + fn.name + "\"";
  return e;
}

// fmgr_sql_validator + check_sql_fn_retval.
void ValidateBody(CommandContext& ctx, const ast::CreateFunctionStatement& stmt,
                  const catalog::FunctionDesc& fn) {
  std::shared_ptr<const ParsedBody> body;
  try {
    body = ParseFunctionBody(fn.body);
  } catch (SqlError& e) {
    RethrowInBody(e, ctx, stmt);
  }
  std::vector<Oid> input_types = fn.InputTypes();
  FunctionParams params;
  params.function_name = fn.name;
  for (const catalog::FunctionArg& a : fn.args) {
    if (a.mode == 'o' || a.mode == 't') continue;
    params.names.push_back(a.name);
    params.types.push_back(a.type);
  }
  ScopedFunctionParams scope(&params);
  ParameterTypes types(ParameterTypes::Mode::kFixed, input_types);
  CommandContext analyze = NestedStatementContext(ctx, fn.body);
  analyze.params = &types;
  analyze.param_values = nullptr;
  analyze.analyze_only = true;
  analyze.txn = nullptr;
  StatementOutput last;
  for (const std::unique_ptr<ast::Statement>& s : *body) {
    try {
      last = RunBodyStatement(analyze, *s);
    } catch (SqlError& e) {
      RethrowInBody(e, ctx, stmt);
    }
  }
  if (fn.result_type == type_oid::kVoid) return;
  const bool returns_rows =
      !body->empty() && (body->back()->kind == ast::StatementKind::kSelect || last.returns_rows);
  if (!returns_rows) {
    throw ReturnMismatch(
        fn, "Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
  }
  const std::vector<FunctionColumn> expected = FunctionOutputColumns(fn);
  // A composite result: the final statement returns its fields (checked
  // below as columns) or one value of the type itself.
  const bool composite = IsNamedCompositeType(fn.result_type);
  if (composite && last.columns.size() == 1 && IsCompositeType(last.columns[0].type_oid)) {
    const Oid actual = last.columns[0].type_oid;
    if (actual != fn.result_type && actual != type_oid::kRecord) {
      throw ReturnMismatch(fn, "Actual return type is " + FormatTypeName(actual) + ".");
    }
    return;
  }
  if (expected.size() == 1 && !composite) {
    if (last.columns.size() != 1) {
      throw ReturnMismatch(fn, "Final statement must return exactly one column.");
    }
    const Oid actual = last.columns[0].type_oid;
    if (!CanCoerceType(actual, fn.result_type, CoercionContext::kAssignment)) {
      throw ReturnMismatch(fn, "Actual return type is " + FormatTypeName(actual) + ".");
    }
    return;
  }
  if (last.columns.size() > expected.size()) {
    throw ReturnMismatch(fn, "Final statement returns too many columns.");
  }
  if (last.columns.size() < expected.size()) {
    throw ReturnMismatch(fn, "Final statement returns too few columns.");
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    const Oid actual = last.columns[i].type_oid;
    if (!CanCoerceType(actual, expected[i].type.oid, CoercionContext::kAssignment)) {
      throw ReturnMismatch(fn, "Final statement returns " + FormatTypeName(actual) +
                                   " instead of " + FormatTypeName(expected[i].type.oid) +
                                   " at column " + std::to_string(i + 1) + ".");
    }
  }
}

const catalog::NamespaceDesc& FunctionSchema(const CommandContext& ctx,
                                             const std::vector<std::string>& name) {
  if (name.size() > 2) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "cross-database references are not implemented: " + name[0] + "." + name[1] +
                       "." + name[2]);
  }
  return ResolveSchema(ctx, name.size() == 2 ? name[0] : "");
}

}  // namespace

StatementOutput ExecuteCreateFunction(CommandContext& ctx,
                                      const ast::CreateFunctionStatement& stmt) {
  StatementOutput result;
  result.command_tag = stmt.is_procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION";
  if (stmt.do_block) {
    result.command_tag = "DO";
    if (stmt.language != "plpgsql") {
      if (stmt.language == "sql") {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "language \"sql\" does not support inline code execution");
      }
      if (stmt.language == "c" || stmt.language == "internal") {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "language \"" + stmt.language + "\" does not support inline code execution");
      }
      throw SqlError(SqlState::kUndefinedObject,
                     "language \"" + stmt.language + "\" does not exist");
    }
    RunPlpgsqlDoBlock(ctx, stmt.body);
    return result;
  }
  if (stmt.is_procedure) {
    throw SqlError(SqlState::kFeatureNotSupported, "CREATE PROCEDURE is not supported yet");
  }
  if (stmt.language.empty()) {
    throw SqlError(SqlState::kInvalidFunctionDefinition, "no language specified");
  }
  if (stmt.language != "sql" && stmt.language != "plpgsql" && stmt.language != "internal") {
    if (stmt.language == "c") {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "LANGUAGE " + stmt.language + " functions are not supported yet");
    }
    throw SqlError(SqlState::kUndefinedObject,
                   "language \"" + stmt.language + "\" does not exist");
  }
  if (stmt.window) {
    throw SqlError(SqlState::kFeatureNotSupported, "WINDOW functions in SQL are not supported yet");
  }
  if (stmt.has_set) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "SET clauses of functions are not supported yet");
  }
  const catalog::NamespaceDesc& ns = FunctionSchema(ctx, stmt.name);
  Binder binder = ctx.MakeBinder();
  catalog::FunctionDesc fn;
  fn.namespace_oid = ns.oid;
  fn.name = stmt.name.back();
  fn.body = stmt.body;
  fn.language = stmt.language;
  bool seen_default = false;
  std::vector<Oid> out_types;
  if (stmt.sql_standard_body) {
    for (const ast::FunctionParam& p : stmt.params) {
      if (IsPolymorphic(binder.ResolveTypeName(p.type).oid)) {
        throw SqlError(SqlState::kInvalidFunctionDefinition,
                       "SQL function with unquoted function body cannot have polymorphic "
                       "arguments");
      }
    }
  }
  for (const ast::FunctionParam& p : stmt.params) {
    catalog::FunctionArg arg;
    arg.name = p.name;
    arg.mode = p.mode;
    arg.type = binder.ResolveTypeName(p.type).oid;
    if (IsShellType(arg.type)) {
      if (stmt.language == "sql") {
        throw SqlError(SqlState::kInvalidFunctionDefinition,
                       "SQL function cannot accept shell type " + TypeNameText(p.type));
      }
      ctx.Notice(SqlState::kWrongObjectType,
                 "argument type " + TypeNameText(p.type) + " is only a shell");
    } else if (stmt.language != "internal" && !IsAllowedType(arg.type)) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "functions with parameters of type " + FormatTypeName(arg.type) +
                         " are not supported yet")
          .WithPosition(ctx.Position(p.type.location));
    }
    const bool input = arg.mode == 'i' || arg.mode == 'b' || arg.mode == 'v';
    if (p.default_text.has_value()) {
      if (!input) {
        throw SqlError(SqlState::kInvalidFunctionDefinition,
                       "only input parameters can have default values");
      }
      arg.default_expr = p.default_text;
      seen_default = true;
    } else if (input && seen_default) {
      throw SqlError(SqlState::kInvalidFunctionDefinition,
                     "input parameters after one with a default value must also have defaults");
    }
    if (!input) out_types.push_back(arg.type);
    fn.args.push_back(std::move(arg));
  }
  // The result: RETURNS TABLE, RETURNS [SETOF] type, or the OUT parameters.
  if (stmt.returns_table) {
    fn.returns_set = true;
    fn.result_type = out_types.size() == 1 ? out_types[0] : type_oid::kRecord;
  } else if (stmt.return_type.has_value()) {
    const DataType t = binder.ResolveTypeName(*stmt.return_type);
    fn.returns_set = stmt.return_type->setof;
    fn.result_type = t.oid;
    const bool shell = IsShellType(t.oid);
    if (shell && stmt.language == "sql") {
      throw SqlError(SqlState::kInvalidFunctionDefinition,
                     "SQL function cannot return shell type " +
                         TypeNameText(*stmt.return_type));
    }
    if (shell) {
      ctx.Notice(SqlState::kWrongObjectType,
                 "return type " + TypeNameText(*stmt.return_type) + " is only a shell");
    }
    if (t.oid == type_oid::kRecord && out_types.size() < 2) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "functions returning record without OUT parameters are not supported yet");
    }
    if (t.oid == kTriggerTypeOid) {
      if (stmt.language == "sql") {
        throw SqlError(SqlState::kInvalidFunctionDefinition,
                       "SQL functions cannot return type trigger");
      }
      if (!fn.args.empty() || fn.returns_set) {
        SqlError e(SqlState::kInvalidFunctionDefinition,
                   "trigger functions cannot have declared arguments");
        e.WithHint("The arguments of the trigger can be accessed through TG_NARGS and "
                   "TG_ARGV instead.");
        e.mutable_fields().context =
            "compilation of PL/pgSQL function \"" + fn.name + "\" near line 1";
        throw e;
      }
    } else if (t.oid != type_oid::kVoid && t.oid != type_oid::kRecord && !shell &&
               stmt.language != "internal" && !IsAllowedType(t.oid)) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "functions returning type " + FormatTypeName(t.oid) +
                         " are not supported yet")
          .WithPosition(ctx.Position(stmt.return_type->location));
    }
  } else if (!out_types.empty()) {
    fn.result_type = out_types.size() == 1 ? out_types[0] : type_oid::kRecord;
  } else {
    throw SqlError(SqlState::kInvalidFunctionDefinition, "function result type must be specified");
  }
  fn.volatility = stmt.volatility;
  fn.parallel = stmt.parallel;
  fn.strict = stmt.strict.value_or(false);
  fn.security_definer = stmt.security_definer;
  fn.leakproof = stmt.leakproof;
  fn.cost = stmt.cost.value_or(100);
  if (stmt.cost.has_value() && *stmt.cost <= 0) {
    throw SqlError(SqlState::kInvalidParameterValue, "COST must be positive");
  }
  if (stmt.rows.has_value()) {
    if (!fn.returns_set) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "ROWS is not applicable when function does not return a set");
    }
    if (*stmt.rows <= 0) throw SqlError(SqlState::kInvalidParameterValue, "ROWS must be positive");
  }
  fn.rows = fn.returns_set ? stmt.rows.value_or(1000) : 0;

  // An existing function with the same input types: 42723, or replaced.
  const std::vector<Oid> inputs = fn.InputTypes();
  for (const catalog::FunctionDesc* existing : ctx.catalog->FindFunctions(ns.oid, fn.name)) {
    if (existing->InputTypes() != inputs) continue;
    if (!stmt.or_replace) {
      throw SqlError(SqlState::kDuplicateFunction,
                     "function \"" + fn.name + "\" already exists with same argument types");
    }
    if (existing->result_type != fn.result_type || existing->returns_set != fn.returns_set) {
      throw SqlError(SqlState::kInvalidFunctionDefinition,
                     "cannot change return type of existing function")
          .WithHint("Use DROP FUNCTION " + Signature(fn.name, inputs) + " first.");
    }
    fn.oid = existing->oid;
  }
  if (fn.language == "internal") {
    // fmgr_internal_validator: the body names a built-in function. Calls
    // bind to that function by name (binder/bind_user_operator.cpp).
    if (!IsPgBuiltinFunctionName(fn.body)) {
      throw SqlError(SqlState::kUndefinedFunction,
                     "there is no built-in function named \"" + fn.body + "\"");
    }
  }
  if (fn.oid == 0) fn.oid = ctx.db->catalog()->AllocateOid(ctx.txn);
  ctx.db->catalog()->PutFunction(ctx.txn, fn);
  if (fn.language == "internal") return result;
  const SessionSettings* settings = CurrentSessionSettingsOrNull();
  if (settings == nullptr || settings->Show("check_function_bodies") != "off") {
    // The body sees the function itself (a recursive call), as PostgreSQL
    // validates after inserting the pg_proc row; an error rolls it back.
    auto loaded = ctx.db->catalog()->LoadThrough(ctx.txn);
    if (!loaded.ok()) ThrowStatus(loaded.status());
    CommandContext with_function = ctx;
    with_function.catalog = std::move(loaded).value();
    if (fn.language == "plpgsql") {
      CompilePlpgsqlFunction(with_function, fn);
    } else {
      ValidateBody(with_function, stmt, fn);
    }
  }
  return result;
}

namespace {

// The functions `ref` names: in its schema, or in the first schema of the
// search path that has one of that name (and, unless the argument list was
// left out, those argument types). *types gets the resolved argument types.
std::vector<const catalog::FunctionDesc*> FindReferencedFunctions(const CommandContext& ctx,
                                                                  Binder& binder,
                                                                  const ast::FunctionRef& ref,
                                                                  std::vector<Oid>* types) {
  std::vector<catalog::Oid> schemas;
  if (ref.name.size() == 1) {
    schemas = SearchPathNamespaces(*ctx.catalog);
  } else {
    schemas.push_back(FunctionSchema(ctx, ref.name).oid);
  }
  types->clear();
  for (const ast::TypeName& t : ref.arg_types) types->push_back(binder.ResolveTypeName(t).oid);
  std::vector<const catalog::FunctionDesc*> found;
  for (catalog::Oid ns : schemas) {
    for (const catalog::FunctionDesc* f : ctx.catalog->FindFunctions(ns, ref.name.back())) {
      if (ref.args_unspecified || f->InputTypes() == *types) found.push_back(f);
    }
    if (!found.empty()) break;
  }
  return found;
}

}  // namespace

const catalog::FunctionDesc& LookupOneFunction(const CommandContext& ctx,
                                               const ast::FunctionRef& ref) {
  Binder binder = ctx.MakeBinder();
  std::vector<Oid> types;
  const std::vector<const catalog::FunctionDesc*> found =
      FindReferencedFunctions(ctx, binder, ref, &types);
  const std::string& name = ref.name.back();
  if (found.empty()) {
    if (ref.args_unspecified) {
      throw SqlError(SqlState::kUndefinedFunction,
                     "could not find a function named \"" + name + "\"");
    }
    throw SqlError(SqlState::kUndefinedFunction,
                   "function " + Signature(name, types) + " does not exist");
  }
  if (found.size() > 1) {
    throw SqlError(SqlState::kAmbiguousFunction, "function name \"" + name + "\" is not unique")
        .WithHint("Specify the argument list to select the function unambiguously.");
  }
  return *found[0];
}

StatementOutput ExecuteAlterFunction(CommandContext& ctx,
                                     const ast::AlterFunctionStatement& stmt) {
  StatementOutput result;
  result.command_tag = stmt.is_procedure ? "ALTER PROCEDURE" : "ALTER FUNCTION";
  catalog::FunctionDesc fn = LookupOneFunction(ctx, stmt.function);
  if (stmt.owner_to) {
    // Every object belongs to the bootstrap superuser: OWNER TO it (or to
    // the current or session user, which is it) changes nothing; another
    // owner cannot be recorded yet.
    const std::string owner = !stmt.owner_special.empty()
                                  ? (stmt.owner_special == "session_user" ? SessionUserName()
                                                                          : CurrentUserName())
                                  : stmt.new_owner;
    const catalog::RoleDesc* role = FindRoleByName(*ctx.catalog, owner);
    if (role == nullptr) {
      throw SqlError(SqlState::kUndefinedObject, "role \"" + owner + "\" does not exist");
    }
    if (role->oid != kBootstrapRoleOid) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "changing the owner of a function is not supported yet");
    }
    return result;
  }
  if (stmt.has_set) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "SET clauses of functions are not supported yet");
  }
  if (!stmt.new_name.empty()) {
    for (const catalog::FunctionDesc* other :
         ctx.catalog->FindFunctions(fn.namespace_oid, stmt.new_name)) {
      if (other->InputTypes() == fn.InputTypes()) {
        const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(fn.namespace_oid);
        throw SqlError(SqlState::kDuplicateFunction,
                       "function " + Signature(stmt.new_name, fn.InputTypes()) +
                           " already exists in schema \"" + (ns != nullptr ? ns->name : "") +
                           "\"");
      }
    }
    fn.name = stmt.new_name;
  }
  if (stmt.volatility) fn.volatility = *stmt.volatility;
  if (stmt.parallel) fn.parallel = *stmt.parallel;
  if (stmt.strict) fn.strict = *stmt.strict;
  if (stmt.security_definer) fn.security_definer = *stmt.security_definer;
  if (stmt.leakproof) fn.leakproof = *stmt.leakproof;
  if (stmt.cost) {
    if (*stmt.cost <= 0) throw SqlError(SqlState::kInvalidParameterValue, "COST must be positive");
    fn.cost = *stmt.cost;
  }
  if (stmt.rows) {
    if (*stmt.rows <= 0) throw SqlError(SqlState::kInvalidParameterValue, "ROWS must be positive");
    if (!fn.returns_set) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "ROWS is not applicable when function does not return a set");
    }
    fn.rows = *stmt.rows;
  }
  ctx.db->catalog()->PutFunction(ctx.txn, fn);
  return result;
}

namespace {

// The triggers that call functions being dropped (pg_depend's normal
// dependency of a trigger on its function): 2BP01 without CASCADE, else
// dropped with a NOTICE.
void DropDependentTriggers(CommandContext& ctx, const std::vector<catalog::Oid>& functions,
                           bool cascade) {
  std::vector<std::string> dependents, details;
  std::vector<catalog::TableDesc> changed;
  for (const auto& [oid, table] : ctx.catalog->tables()) {
    catalog::TableDesc copy = *table;
    const size_t before = copy.triggers.size();
    std::erase_if(copy.triggers, [&](const catalog::TriggerDesc& tg) {
      if (std::find(functions.begin(), functions.end(), tg.function) == functions.end()) {
        return false;
      }
      const catalog::FunctionDesc* fn = ctx.catalog->FindFunction(tg.function);
      const std::string what = "trigger " + tg.name + " on table " + table->name;
      dependents.push_back(what);
      details.push_back(what + " depends on function " +
                        (fn != nullptr ? Signature(fn->name, fn->InputTypes()) : "?"));
      return true;
    });
    if (copy.triggers.size() != before) changed.push_back(std::move(copy));
  }
  if (dependents.empty()) return;
  if (!cascade) {
    const catalog::FunctionDesc* fn = ctx.catalog->FindFunction(functions[0]);
    std::string detail;
    for (const std::string& d : details) detail += (detail.empty() ? "" : "\n") + d;
    throw SqlError(SqlState::kDependentObjectsStillExist,
                   "cannot drop function " +
                       (fn != nullptr ? Signature(fn->name, fn->InputTypes()) : "") +
                       " because other objects depend on it")
        .WithDetail(detail)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  NoticeDropCascades(ctx, dependents);
  for (const catalog::TableDesc& t : changed) ctx.db->catalog()->PutTable(ctx.txn, t);
}

}  // namespace

StatementOutput ExecuteDropFunction(CommandContext& ctx, const ast::DropFunctionStatement& stmt) {
  StatementOutput result;
  result.command_tag = stmt.is_procedure ? "DROP PROCEDURE" : "DROP FUNCTION";
  Binder binder = ctx.MakeBinder();
  std::vector<catalog::Oid> drop;
  for (const ast::FunctionRef& ref : stmt.functions) {
    std::vector<Oid> types;
    const std::vector<const catalog::FunctionDesc*> found =
        FindReferencedFunctions(ctx, binder, ref, &types);
    const std::string& name = ref.name.back();
    if (found.empty()) {
      const std::string signature = Signature(name, types);
      if (stmt.if_exists) {
        // PostgreSQL prints the argument types here as the grammar spelled
        // them (TypeNameListToString: "pg_catalog.int4").
        std::string written = name + "(";
        for (size_t i = 0; i < ref.arg_types.size(); ++i) {
          if (i > 0) written += ",";
          const ast::TypeName& t = ref.arg_types[i];
          for (size_t j = 0; j < t.names.size(); ++j) written += (j > 0 ? "." : "") + t.names[j];
          for (int k = 0; k < t.array_bounds; ++k) written += "[]";
        }
        written += ")";
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "function " + written + " does not exist, skipping");
        continue;
      }
      if (ref.args_unspecified) {
        throw SqlError(SqlState::kUndefinedFunction,
                       "could not find a function named \"" + name + "\"");
      }
      throw SqlError(SqlState::kUndefinedFunction, "function " + signature + " does not exist");
    }
    if (found.size() > 1) {
      throw SqlError(SqlState::kAmbiguousFunction, "function name \"" + name + "\" is not unique")
          .WithHint("Specify the argument list to select the function unambiguously.");
    }
    if (std::find(drop.begin(), drop.end(), found[0]->oid) == drop.end()) {
      drop.push_back(found[0]->oid);
    }
  }
  DropDependentTriggers(ctx, drop, stmt.cascade);
  for (catalog::Oid oid : drop) ctx.db->catalog()->DeleteFunction(ctx.txn, oid);
  return result;
}

}  // namespace strata::sql
