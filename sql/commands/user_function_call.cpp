// Calls of user-defined LANGUAGE sql functions (see user_function_call.h).
#include "sql/commands/user_function_call.h"

#include <algorithm>
#include <utility>

#include "sql/ast/query_ddl_statements.h"
#include "sql/binder/function_params.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/plpgsql_function.h"
#include "sql/commands/trigger_commands.h"
#include "sql/commands/table_commands.h"
#include "sql/expr/sql_function.h"
#include "sql/parser/parser.h"
#include "sql/stack_depth.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/types/composite_type.h"
#include "sql/types/record_value.h"

namespace strata::sql {

namespace {

// The function's parameters as its body sees them ($1..$n: the call's inputs).
FunctionParams BodyParams(const catalog::FunctionDesc& fn) {
  FunctionParams params;
  params.function_name = fn.name;
  for (const catalog::FunctionArg& a : fn.args) {
    if (a.mode == 'o' || a.mode == 't') continue;
    params.names.push_back(a.name);
    params.types.push_back(a.type);
  }
  return params;
}

// The user functions a call's name reaches: qualified, that schema's;
// otherwise each schema of the search path in order (a signature found in
// an earlier schema hides the same one further on).
std::vector<std::shared_ptr<const catalog::FunctionDesc>> CandidatesByName(
    const CommandContext& ctx, const std::vector<std::string>& name) {
  std::vector<catalog::Oid> schemas;
  if (name.size() == 1) {
    schemas = SearchPathNamespaces(*ctx.catalog);
  } else if (name.size() == 2) {
    if (const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(name[0])) {
      schemas.push_back(ns->oid);
    }
  }
  std::vector<std::shared_ptr<const catalog::FunctionDesc>> out;
  for (catalog::Oid ns : schemas) {
    for (const catalog::FunctionDesc* f : ctx.catalog->FindFunctions(ns, name.back())) {
      if (f->is_procedure) continue;
      const std::vector<Oid> inputs = f->InputTypes();
      const bool hidden = std::any_of(out.begin(), out.end(), [&](const auto& g) {
        return g->InputTypes() == inputs;
      });
      if (!hidden) out.push_back(ctx.catalog->functions().at(f->oid));
    }
  }
  return out;
}

size_t DefaultCount(const catalog::FunctionDesc& fn) {
  size_t n = 0;
  for (const catalog::FunctionArg& a : fn.args) {
    if (a.default_expr.has_value()) ++n;
  }
  return n;
}

std::string CallSignature(const ast::FuncCallExpr& call, const std::vector<BoundExprPtr>& args) {
  std::string out;
  for (size_t i = 0; i < call.name.size(); ++i) out += (i > 0 ? "." : "") + call.name[i];
  out += "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ", ";
    out += FormatTypeName(args[i]->type().oid);
  }
  return out + ")";
}

// A DEFAULT expression's SQL text bound on its own, as the parameter's type.
BoundExprPtr BindDefault(const CommandContext& ctx, const catalog::FunctionArg& arg) {
  const std::string text = "SELECT " + *arg.default_expr;
  std::vector<std::unique_ptr<ast::Statement>> parsed = ParseQuery(text);
  if (parsed.size() != 1 || parsed[0]->kind != ast::StatementKind::kSelect) {
    throw SqlError(SqlState::kFeatureNotSupported, "this parameter default is not supported yet");
  }
  const auto& select = static_cast<const ast::SelectStatement&>(*parsed[0]);
  if (select.target_list.size() != 1) {
    throw SqlError(SqlState::kFeatureNotSupported, "this parameter default is not supported yet");
  }
  CommandContext bind_ctx = ctx;
  bind_ctx.query = text;
  bind_ctx.outer = nullptr;
  Binder binder = bind_ctx.MakeBinder();
  BoundExprPtr bound = binder.BindStandaloneExpr(*select.target_list[0].value);
  BoundExprPtr coerced = binder.CoerceForAssignment(std::move(bound), DataType{arg.type, -1});
  if (coerced == nullptr) {
    throw SqlError(SqlState::kDatatypeMismatch, "parameter default cannot be converted to type " +
                                                    FormatTypeName(arg.type));
  }
  return coerced;
}

}  // namespace

std::vector<FunctionColumn> FunctionOutputColumns(const catalog::FunctionDesc& fn) {
  std::vector<FunctionColumn> out;
  for (const catalog::FunctionArg& a : fn.args) {
    if (a.mode == 'o' || a.mode == 'b' || a.mode == 't') {
      out.push_back({a.name, DataType{a.type, -1}});
    }
  }
  if (out.empty() && IsNamedCompositeType(fn.result_type)) {
    // RETURNS [SETOF] t of a composite type: t's fields are the columns.
    for (const RecordField& f : RequireCompositeFields(DataType{fn.result_type, -1})) {
      out.push_back({f.name, f.type});
    }
    return out;
  }
  if (out.size() <= 1) {
    // One column: the function's scalar result, named after its OUT /
    // TABLE parameter if that has a name, else after the function.
    const std::string name = out.empty() || out[0].name.empty() ? fn.name : out[0].name;
    out.clear();
    out.push_back({name, DataType{fn.result_type, -1}});
  }
  return out;
}

std::shared_ptr<const ParsedBody> ParseFunctionBody(const std::string& body) {
  auto parsed = std::make_shared<ParsedBody>(ParseQuery(body));
  for (const std::unique_ptr<ast::Statement>& stmt : *parsed) {
    switch (stmt->kind) {
      case ast::StatementKind::kSelect:
      case ast::StatementKind::kInsert:
      case ast::StatementKind::kUpdate:
      case ast::StatementKind::kDelete:
      case ast::StatementKind::kMerge:
        break;
      case ast::StatementKind::kUnsupported:
        throw SqlError(static_cast<const ast::UnsupportedStatement&>(*stmt).error);
      default:
        throw SqlError(SqlState::kFeatureNotSupported,
                       stmt->command_name + " in a SQL function is not supported yet");
    }
  }
  return parsed;
}

StatementOutput RunBodyStatement(CommandContext& ctx, const ast::Statement& stmt) {
  switch (stmt.kind) {
    case ast::StatementKind::kSelect:
      return ExecuteTableSelect(ctx, static_cast<const ast::SelectStatement&>(stmt));
    case ast::StatementKind::kInsert:
      return ExecuteInsert(ctx, static_cast<const ast::InsertStatement&>(stmt));
    case ast::StatementKind::kUpdate:
      return ExecuteUpdate(ctx, static_cast<const ast::UpdateStatement&>(stmt));
    case ast::StatementKind::kDelete:
      return ExecuteDelete(ctx, static_cast<const ast::DeleteStatement&>(stmt));
    case ast::StatementKind::kMerge:
      return ExecuteMerge(ctx, static_cast<const ast::MergeStatement&>(stmt));
    default:
      throw SqlError(SqlState::kFeatureNotSupported,
                     stmt.command_name + " in a SQL function is not supported yet");
  }
}

BoundUserFunctionCall::BoundUserFunctionCall(const CommandContext& ctx,
                                             std::shared_ptr<const catalog::FunctionDesc> fn,
                                             std::vector<BoundExprPtr> args, DataType type,
                                             int location)
    : BoundExpr(BoundExprKind::kUserFunctionCall, type, location),
      ctx_(ctx),
      fn_(std::move(fn)),
      args_(std::move(args)),
      columns_(FunctionOutputColumns(*fn_)) {}

Value BoundUserFunctionCall::Evaluate(EvalContext& ctx) const {
  std::vector<Value> values;
  values.reserve(args_.size());
  for (const BoundExprPtr& a : args_) values.push_back(a->Evaluate(ctx));
  if (type().oid == type_oid::kVoid) {
    if (!fn_->strict || std::none_of(values.begin(), values.end(),
                                     [](const Value& v) { return v.is_null(); })) {
      Run(std::move(values));
    }
    return Value::String(type_oid::kVoid, "");
  }
  if (fn_->strict) {
    for (const Value& v : values) {
      if (v.is_null()) return Value::Null(type().oid);
    }
  }
  std::vector<Row> rows = Run(std::move(values));
  if (rows.empty() || rows[0].empty()) return Value::Null(type().oid);
  if (IsNamedCompositeType(type().oid)) return MakeRecord(std::move(rows[0]), type().oid);
  return std::move(rows[0][0]);
}

std::vector<Row> BoundUserFunctionCall::EvaluateRows(EvalContext& ctx) const {
  std::vector<Value> values;
  values.reserve(args_.size());
  for (const BoundExprPtr& a : args_) values.push_back(a->Evaluate(ctx));
  if (fn_->strict) {
    for (const Value& v : values) {
      if (v.is_null()) {
        if (fn_->returns_set) return {};
        return {Row(columns_.size(), Value::Null(columns_[0].type.oid))};
      }
    }
  }
  std::vector<Row> rows = Run(std::move(values));
  for (Row& row : rows) {
    // A NULL composite result (an empty row): its columns are NULL.
    for (size_t i = row.size(); i < columns_.size(); ++i) {
      row.push_back(Value::Null(columns_[i].type.oid));
    }
  }
  if (!fn_->returns_set) {
    // A scalar function in FROM: exactly one row (NULLs without a result).
    if (rows.empty()) {
      Row nulls;
      for (const FunctionColumn& c : columns_) nulls.push_back(Value::Null(c.type.oid));
      rows.push_back(std::move(nulls));
    }
    rows.resize(1);
  }
  return rows;
}

CommandContext NestedStatementContext(const CommandContext& ctx, const std::string& query) {
  CommandContext run = ctx;
  run.query = query;
  run.outer = nullptr;
  run.ctes = nullptr;
  run.explain = nullptr;
  run.analyze_only = false;
  run.rerun_after_lock_wait = false;
  return run;
}

std::vector<Row> BoundUserFunctionCall::Run(std::vector<Value> args) const {
  CheckStackDepth();
  if (fn_->result_type == kTriggerTypeOid) {
    SqlError e(SqlState::kFeatureNotSupported, "trigger functions can only be called as triggers");
    e.mutable_fields().context =
        "compilation of PL/pgSQL function \"" + fn_->name + "\" near line 1";
    throw e;
  }
  if (fn_->language == "plpgsql") return RunPlpgsqlFunction(ctx_, *fn_, &plpgsql_, std::move(args));
  if (body_ == nullptr) body_ = ParseFunctionBody(fn_->body);
  const FunctionParams params = BodyParams(*fn_);
  ScopedFunctionParams scope(&params);
  ParameterTypes types(ParameterTypes::Mode::kFixed, params.types);
  CommandContext run = NestedStatementContext(ctx_, fn_->body);
  run.params = &types;
  run.param_values = &args;
  StatementOutput out;
  for (const std::unique_ptr<ast::Statement>& stmt : *body_) out = RunBodyStatement(run, *stmt);
  if (fn_->result_type == type_oid::kVoid || out.columns.empty()) return {};
  if (out.columns.size() == 1 && IsNamedCompositeType(fn_->result_type) &&
      IsCompositeType(out.columns[0].type_oid)) {
    // The body returns the composite value itself (SELECT ROW(...)::t,
    // SELECT t FROM t): its fields are the result's columns.
    for (Row& row : out.rows) {
      if (row[0].is_null()) {
        Row nulls;
        for (const FunctionColumn& c : columns_) nulls.push_back(Value::Null(c.type.oid));
        row = std::move(nulls);
      } else {
        // Copied out first: assigning to `row` releases row[0]'s record,
        // which owns the fields being copied.
        Row fields = row[0].record_value().fields;
        row = std::move(fields);
      }
    }
    return std::move(out.rows);
  }
  for (Row& row : out.rows) {
    row.resize(std::min(row.size(), columns_.size()));
    for (size_t i = 0; i < row.size(); ++i) {
      const DataType from{out.columns[i].type_oid, out.columns[i].type_modifier};
      if (from.oid != columns_[i].type.oid) row[i] = CoerceResult(row[i], from, columns_[i].type);
    }
  }
  return std::move(out.rows);
}

Value BoundUserFunctionCall::CoerceResult(const Value& v, const DataType& from,
                                          const DataType& to) const {
  if (v.is_null()) return Value::Null(to.oid);
  Binder binder(fn_->body);
  BoundExprPtr coerced =
      binder.CoerceForAssignment(std::make_unique<BoundParam>(1, from, -1), to);
  if (coerced == nullptr) {
    throw SqlError(SqlState::kInvalidFunctionDefinition,
                   "return type mismatch in function declared to return " +
                       FormatTypeName(fn_->result_type))
        .WithDetail("Actual return type is " + FormatTypeName(from.oid) + ".");
  }
  const std::vector<Value> param{v};
  EvalContext eval(&param);
  return coerced->Evaluate(eval);
}

BoundExprPtr BindUserFunctionCall(const CommandContext& ctx, Binder& binder,
                                  const ast::FuncCallExpr& call, std::vector<BoundExprPtr>& args,
                                  bool set_returning_allowed) {
  if (ctx.catalog == nullptr || ctx.catalog->functions().empty()) return nullptr;
  const auto candidates = CandidatesByName(ctx, call.name);
  if (candidates.empty()) return nullptr;
  // func_get_detail() over the user functions: arity (with DEFAULTs), then
  // an exact match, else the implicitly coercible ones with the most
  // exactly matching argument types.
  std::vector<std::shared_ptr<const catalog::FunctionDesc>> exact, coercible;
  for (const auto& f : candidates) {
    const std::vector<Oid> inputs = f->InputTypes();
    if (args.size() > inputs.size() || args.size() + DefaultCount(*f) < inputs.size()) continue;
    bool is_exact = true, ok = true;
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i]->type().oid != inputs[i]) is_exact = false;
      if (!CanCoerceType(args[i]->type().oid, inputs[i], CoercionContext::kImplicit)) ok = false;
    }
    if (is_exact) exact.push_back(f);
    if (ok) coercible.push_back(f);
  }
  std::vector<std::shared_ptr<const catalog::FunctionDesc>> chosen = exact;
  if (chosen.empty() && !coercible.empty()) {
    size_t best = 0;
    for (const auto& f : coercible) {
      const std::vector<Oid> inputs = f->InputTypes();
      size_t n = 0;
      for (size_t i = 0; i < args.size(); ++i) n += args[i]->type().oid == inputs[i] ? 1 : 0;
      if (n > best || chosen.empty()) {
        if (n > best) chosen.clear();
        best = n;
      }
      if (n == best) chosen.push_back(f);
    }
  }
  // Unknown-type arguments (string literals): the string category wins,
  // then the category's preferred type (func_select_candidate's last step).
  for (size_t i = 0; i < args.size() && chosen.size() > 1; ++i) {
    if (args[i]->type().oid != type_oid::kUnknown) continue;
    const auto input_at = [i](const auto& f) { return f->InputTypes()[i]; };
    for (int pass = 0; pass < 2; ++pass) {
      const auto keep = [&](const auto& f) {
        const Oid t = input_at(f);
        return pass == 0 ? TypeCategory(t) == type_category::kString
                         : IsPreferredType(TypeCategory(t), t);
      };
      if (std::any_of(chosen.begin(), chosen.end(), keep)) {
        std::erase_if(chosen, [&](const auto& f) { return !keep(f); });
      }
    }
  }
  const std::string signature = CallSignature(call, args);
  if (chosen.empty()) {
    // Leave the name to the built-ins when they have it.
    if (!FindSqlFunctions(call.name.back()).empty()) return nullptr;
    throw binder.ErrorAt(SqlState::kUndefinedFunction,
                         "function " + signature + " does not exist", call.location)
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  if (chosen.size() > 1) {
    throw binder.ErrorAt(SqlState::kAmbiguousFunction, "function " + signature + " is not unique",
                         call.location)
        .WithHint(
            "Could not choose a best candidate function. You might need to add explicit type "
            "casts.");
  }
  std::shared_ptr<const catalog::FunctionDesc> fn = chosen[0];
  if (fn->returns_set && !set_returning_allowed) {
    throw binder.ErrorAt(SqlState::kFeatureNotSupported,
                         "set-returning function " + fn->name +
                             "() is only supported as a FROM item yet",
                         call.location);
  }
  if (fn->result_type == type_oid::kRecord && !set_returning_allowed) {
    throw binder.ErrorAt(SqlState::kFeatureNotSupported,
                         "function " + fn->name +
                             "() returning a record is only supported as a FROM item yet",
                         call.location);
  }
  const std::vector<Oid> inputs = fn->InputTypes();
  std::vector<BoundExprPtr> bound;
  for (size_t i = 0; i < args.size(); ++i) {
    const int location = args[i]->location();
    bound.push_back(
        binder.CoerceType(std::move(args[i]), inputs[i], CoercionContext::kImplicit, location));
  }
  // The missing trailing arguments from their DEFAULTs.
  size_t input = 0;
  for (const catalog::FunctionArg& a : fn->args) {
    if (a.mode == 'o' || a.mode == 't') continue;
    if (input++ < args.size()) continue;
    bound.push_back(BindDefault(ctx, a));
  }
  return std::make_unique<BoundUserFunctionCall>(ctx, fn, std::move(bound),
                                                 DataType{fn->result_type, -1}, call.location);
}

}  // namespace strata::sql
