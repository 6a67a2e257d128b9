// CREATE CAST / DROP CAST (see operator_commands.h), with PostgreSQL 15's
// checks (functioncmds.c CreateCast): a cast function takes the source type
// and returns the target type; WITHOUT FUNCTION needs physically compatible
// types; a pair has at most one cast, built-in ones included.
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/binder.h"
#include "sql/builtin/cast_table.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/base_type_commands.h"
#include "sql/commands/qualified_name.h"
#include "sql/commands/operator_commands.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

std::string CastName(Oid source, Oid target) {
  return "cast from type " + FormatTypeName(source) + " to type " + FormatTypeName(target);
}

// typlen of the type's values as stored (a base type's storage type's).
int16_t PhysicalLength(Oid type) {
  const PgTypeInfo* info = FindPgType(RuntimeTypeOf(type));
  return info != nullptr ? info->typlen : -1;
}

}  // namespace

StatementOutput CreateCast(CommandContext& ctx, const ast::OperatorStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE CAST";
  Binder binder = ctx.MakeBinder();
  const Oid source = binder.BindTypeName(stmt.source).oid;
  const Oid target = binder.BindTypeName(stmt.target).oid;
  if (IsShellType(source) || IsShellType(target)) {
    throw SqlError(SqlState::kWrongObjectType,
                   std::string(IsShellType(source) ? "source" : "target") + " data type " +
                       FormatTypeName(IsShellType(source) ? source : target) +
                       " is a pseudo-type");
  }
  const auto user_source = FindUserType(source);
  const auto user_target = FindUserType(target);
  if (user_source == nullptr && user_target == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "CREATE CAST between built-in types is not supported yet");
  }
  const catalog::Oid owner = user_source != nullptr ? user_source->owner : user_target->owner;
  CheckOwnership(*ctx.catalog, owner, "type", FormatTypeName(user_source ? source : target));

  catalog::CastDesc cast;
  cast.source = source;
  cast.target = target;
  cast.context = stmt.cast_context;
  cast.method = stmt.cast_method;
  if (stmt.cast_method == 'f') {
    std::vector<Oid> args;
    for (const ast::TypeName& t : stmt.function_args) args.push_back(binder.BindTypeName(t).oid);
    const catalog::FunctionDesc* fn = FindFunctionBySignature(ctx, stmt.function_name, args);
    if (fn == nullptr) {
      throw SqlError(SqlState::kUndefinedFunction,
                     "function " + FunctionSignatureText(stmt.function_name, args) +
                         " does not exist");
    }
    if (args.empty() || args.size() > 3) {
      throw SqlError(SqlState::kInvalidObjectDefinition,
                     "cast function must take one to three arguments");
    }
    if (args[0] != source && RuntimeTypeOf(args[0]) != RuntimeTypeOf(source)) {
      throw SqlError(SqlState::kInvalidObjectDefinition,
                     "argument of cast function must match or be binary-coercible from source "
                     "data type");
    }
    if (fn->result_type != target && RuntimeTypeOf(fn->result_type) != RuntimeTypeOf(target)) {
      throw SqlError(SqlState::kInvalidObjectDefinition,
                     "return data type of cast function must match or be binary-coercible to "
                     "target data type");
    }
    if (args.size() > 1) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "cast functions with more than one argument are not supported yet");
    }
    cast.function = fn->oid;
  } else if (stmt.cast_method == 'b') {
    if (PhysicalLength(source) != PhysicalLength(target)) {
      throw SqlError(SqlState::kInvalidObjectDefinition,
                     "source and target data types are not physically compatible");
    }
  }
  if (source == target && stmt.cast_method != 'f') {
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "source data type and target data type are the same");
  }
  if (ctx.catalog->FindCast(source, target) != nullptr || FindCast(source, target) != nullptr) {
    throw SqlError(SqlState::kDuplicateObject, CastName(source, target) + " already exists");
  }
  cast.oid = ctx.db->catalog()->AllocateOid(ctx.txn);
  ctx.db->catalog()->PutCast(ctx.txn, cast);
  return result;
}

StatementOutput DropCast(CommandContext& ctx, const ast::OperatorStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP CAST";
  Binder binder = ctx.MakeBinder();
  const Oid source = binder.BindTypeName(stmt.source).oid;
  const Oid target = binder.BindTypeName(stmt.target).oid;
  const catalog::CastDesc* cast = ctx.catalog->FindCast(source, target);
  if (cast == nullptr) {
    if (FindCast(source, target) != nullptr) {
      throw SqlError(SqlState::kDependentObjectsStillExist,
                     "cannot drop " + CastName(source, target) +
                         " because it is required by the database system");
    }
    if (stmt.if_exists) {
      // This one names the types as written.
      ctx.Notice(SqlState::kSuccessfulCompletion,
                 "cast from type " + TypeNameText(stmt.source) + " to type " +
                     TypeNameText(stmt.target) + " does not exist, skipping");
      return result;
    }
    throw SqlError(SqlState::kUndefinedObject, CastName(source, target) + " does not exist");
  }
  const auto user_source = FindUserType(source);
  const auto user_target = FindUserType(target);
  const catalog::Oid owner = user_source != nullptr   ? user_source->owner
                             : user_target != nullptr ? user_target->owner
                                                      : catalog::kBootstrapSuperuserOid;
  CheckOwnership(*ctx.catalog, owner, "type", FormatTypeName(user_source ? source : target));
  ctx.db->catalog()->DeleteCast(ctx.txn, cast->oid);
  return result;
}

}  // namespace strata::sql
