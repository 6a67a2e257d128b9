// CREATE / ALTER / DROP OPERATOR (see operator_commands.h). PostgreSQL's
// rules: the function's argument types are the operator's; a commutator or
// negator that does not exist yet is created as a shell operator (no
// function) and linked both ways, filled in when it is itself created; an
// operator is its own commutator when named so, never its own negator.
// Restriction and join estimators are checked and kept by name; we never
// call them.
#include "sql/commands/operator_commands.h"
#include "sql/commands/qualified_name.h"

#include <algorithm>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/binder.h"
#include "sql/builtin/operator_table.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/base_type_commands.h"
#include "sql/expr/pg_function_names.h"
#include "sql/expr/sql_function.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

constexpr Oid kInternal = 2281;

using Kind = ast::DefinitionOption::ValueKind;

// op_signature_string(): "integer ###### bigint", "###### integer".
std::string OperatorSignature(const std::string& name, Oid left, Oid right) {
  std::string out;
  if (left != 0) out += FormatTypeName(left) + " ";
  return out + name + " " + FormatTypeName(right);
}

// A selectivity estimator: a user function with the estimator's argument
// types, or a built-in by name. Returns the name to keep; *oid gets a user
// function's OID (0 for a built-in).
std::string LookupEstimator(const CommandContext& ctx, const std::vector<std::string>& name,
                            bool join, Oid* oid) {
  const std::vector<Oid> args =
      join ? std::vector<Oid>{kInternal, type_oid::kOid, kInternal, type_oid::kInt2, kInternal}
           : std::vector<Oid>{kInternal, type_oid::kOid, kInternal, type_oid::kInt4};
  *oid = 0;
  if (const catalog::FunctionDesc* fn = FindFunctionBySignature(ctx, name, args)) {
    if (fn->result_type != type_oid::kFloat8) {
      throw SqlError(SqlState::kInvalidObjectDefinition,
                     std::string(join ? "join" : "restriction") + " estimator function " +
                         JoinQualifiedName(name) + " must return type double precision");
    }
    *oid = fn->oid;
    return fn->name;
  }
  const bool builtin = (name.size() == 1 || (name.size() == 2 && name[0] == "pg_catalog")) &&
                       IsPgBuiltinFunctionName(name.back()) &&
                       name.back().find("sel") != std::string::npos;
  if (!builtin) {
    throw SqlError(SqlState::kUndefinedFunction,
                   "function " + FunctionSignatureText(name, args) + " does not exist");
  }
  return name.back();
}

// The operator's function: a user-defined one with exactly the argument
// types, else a built-in one (its result type from our function tables).
struct OperatorFunction {
  Oid oid = 0;
  std::string builtin_name;
  Oid result = 0;
};

OperatorFunction LookupOperatorFunction(const CommandContext& ctx,
                                        const std::vector<std::string>& name, Oid left,
                                        Oid right) {
  std::vector<Oid> args;
  if (left != 0) args.push_back(left);
  args.push_back(right);
  if (const catalog::FunctionDesc* fn = FindFunctionBySignature(ctx, name, args)) {
    return {fn->oid, std::string(), fn->result_type};
  }
  if (name.size() == 1 || (name.size() == 2 && name[0] == "pg_catalog")) {
    for (const SqlFunction* f : FindSqlFunctions(name.back())) {
      if (f->nargs == args.size() && std::equal(args.begin(), args.end(), f->args.begin())) {
        return {0, name.back(), f->result};
      }
    }
    // Functions only our operator table names (path_inter for ##).
    for (const PgOperator& op : AllOperators()) {
      if (op.proname == name.back() && op.right == right && (left == 0 || op.left == left)) {
        return {0, name.back(), op.result};
      }
    }
  }
  throw SqlError(SqlState::kUndefinedFunction,
                 "function " + FunctionSignatureText(name, args) + " does not exist");
}

// The operator `name` (with `ns` the schema of an unqualified one) on these
// types, or nullptr.
const catalog::OperatorDesc* FindNamedOperator(const CommandContext& ctx,
                                               const std::vector<std::string>& name, Oid ns,
                                               Oid left, Oid right) {
  Oid schema = ns;
  if (name.size() == 2) {
    const catalog::NamespaceDesc* n = ctx.catalog->FindNamespace(name[0]);
    if (n == nullptr) {
      throw SqlError(SqlState::kInvalidSchemaName, "schema \"" + name[0] + "\" does not exist");
    }
    schema = n->oid;
  }
  return ctx.catalog->FindOperator(schema, name.back(), left, right);
}

// A commutator or negator named by CREATE OPERATOR: its OID, creating a
// shell operator for one that does not exist yet.
Oid LinkedOperator(CommandContext& ctx, const std::vector<std::string>& name, Oid ns, Oid left,
                   Oid right) {
  if (const catalog::OperatorDesc* op = FindNamedOperator(ctx, name, ns, left, right)) {
    return op->oid;
  }
  if (name.size() == 1 && left != 0 && FindOperatorExact(name[0], 'b', left, right) != nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "a built-in operator as commutator or negator is not supported yet");
  }
  catalog::OperatorDesc shell;
  shell.oid = ctx.db->catalog()->AllocateOid(ctx.txn);
  shell.namespace_oid = ns;
  if (name.size() == 2) shell.namespace_oid = ctx.catalog->FindNamespace(name[0])->oid;
  shell.name = name.back();
  shell.owner = CurrentUserOid(*ctx.catalog);
  shell.kind = left == 0 ? 'l' : 'b';
  shell.left = left;
  shell.right = right;
  ctx.db->catalog()->PutOperator(ctx.txn, shell);
  return shell.oid;
}

StatementOutput CreateOperator(CommandContext& ctx, const ast::OperatorStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE OPERATOR";
  const catalog::NamespaceDesc& ns = SchemaOfQualifiedName(ctx, stmt.name);
  CheckSchemaPrivileges(*ctx.catalog, ns, catalog::kAclCreate);
  const std::string& name = stmt.name.back();

  const ast::TypeName* left_name = nullptr;
  const ast::TypeName* right_name = nullptr;
  std::vector<std::string> function_name, commutator, negator, restrict_name, join_name;
  bool hashes = false, merges = false;
  for (const ast::DefinitionOption& o : stmt.options) {
    const std::string& key = o.name;
    if (key == "leftarg" || key == "rightarg") {
      if (o.kind != Kind::kTypeName || !o.type) {
        throw SqlError(SqlState::kSyntaxError, key + " requires a type name");
      }
      if (o.type->setof) {
        throw SqlError(SqlState::kInvalidFunctionDefinition,
                       "SETOF type not allowed for operator argument");
      }
      (key == "leftarg" ? left_name : right_name) = &*o.type;
    } else if (key == "function" || key == "procedure") {
      function_name = o.AsName();
    } else if (key == "commutator") {
      commutator = o.AsName();
    } else if (key == "negator") {
      negator = o.AsName();
    } else if (key == "restrict") {
      restrict_name = o.AsName();
    } else if (key == "join") {
      join_name = o.AsName();
    } else if (key == "hashes") {
      hashes = true;
    } else if (key == "merges" || key == "sort1" || key == "sort2" || key == "ltcmp" ||
               key == "gtcmp") {
      merges = true;  // the obsolete sort options imply MERGES
    } else {
      WarnAt(ctx, "operator attribute \"" + key + "\" not recognized", -1);
    }
  }
  if (function_name.empty()) {
    throw SqlError(SqlState::kInvalidFunctionDefinition, "operator function must be specified");
  }
  Binder binder = ctx.MakeBinder();
  const Oid left = left_name != nullptr ? binder.BindTypeName(*left_name).oid : 0;
  const Oid right = right_name != nullptr ? binder.BindTypeName(*right_name).oid : 0;
  if (left == 0 && right == 0) {
    throw SqlError(SqlState::kInvalidFunctionDefinition,
                   "operator argument types must be specified");
  }
  if (right == 0) {
    throw SqlError(SqlState::kInvalidFunctionDefinition,
                   "operator right argument type must be specified")
        .WithDetail("Postfix operators are not supported.");
  }
  const OperatorFunction fn = LookupOperatorFunction(ctx, function_name, left, right);

  catalog::OperatorDesc op;
  const catalog::OperatorDesc* existing = ctx.catalog->FindOperator(ns.oid, name, left, right);
  if (existing != nullptr && (existing->function != 0 || !existing->function_name.empty())) {
    throw SqlError(SqlState::kDuplicateFunction, "operator " + name + " already exists");
  }
  if (existing != nullptr) {
    op = *existing;  // a shell made as another operator's commutator or negator
  } else {
    op.oid = ctx.db->catalog()->AllocateOid(ctx.txn);
  }
  op.namespace_oid = ns.oid;
  op.name = name;
  op.owner = CurrentUserOid(*ctx.catalog);
  op.kind = left == 0 ? 'l' : 'b';
  op.left = left;
  op.right = right;
  op.result = fn.result;
  op.function = fn.oid;
  op.function_name = fn.builtin_name;
  op.can_hash = hashes;
  op.can_merge = merges;
  if (!restrict_name.empty()) op.restrict_name = LookupEstimator(ctx, restrict_name, false, &op.restrict_oid);
  if (!join_name.empty()) op.join_name = LookupEstimator(ctx, join_name, true, &op.join_oid);
  if (left == 0 && (!commutator.empty() || hashes || merges || !join_name.empty())) {
    throw SqlError(SqlState::kInvalidFunctionDefinition,
                   !commutator.empty() ? "only binary operators can have commutators"
                   : !join_name.empty() ? "only binary operators can have join selectivity"
                   : hashes            ? "only binary operators can hash"
                                       : "only binary operators can merge join");
  }
  if (!negator.empty() && negator.back() == name && (negator.size() == 1 || negator == stmt.name)) {
    throw SqlError(SqlState::kInvalidFunctionDefinition, "operator cannot be its own negator");
  }
  const bool self_commutator =
      commutator.size() == 1 && commutator[0] == name && left == right;
  if (self_commutator) {
    op.commutator = op.oid;
  } else if (!commutator.empty()) {
    op.commutator = LinkedOperator(ctx, commutator, ns.oid, right, left);
  }
  if (!negator.empty()) op.negator = LinkedOperator(ctx, negator, ns.oid, left, right);
  ctx.db->catalog()->PutOperator(ctx.txn, op);
  // Link the commutator and negator back (OperatorUpd), unless they already
  // name another operator.
  auto reloaded = ctx.db->catalog()->LoadThrough(ctx.txn);
  if (reloaded.ok()) {
    auto snapshot = std::move(reloaded).value();
    if (op.commutator != 0 && op.commutator != op.oid) {
      if (const catalog::OperatorDesc* c = snapshot->FindOperator(op.commutator)) {
        if (c->commutator == 0) {
          catalog::OperatorDesc changed = *c;
          changed.commutator = op.oid;
          ctx.db->catalog()->PutOperator(ctx.txn, changed);
        }
      }
    }
    if (op.negator != 0) {
      if (const catalog::OperatorDesc* n = snapshot->FindOperator(op.negator)) {
        if (n->negator == 0) {
          catalog::OperatorDesc changed = *n;
          changed.negator = op.oid;
          ctx.db->catalog()->PutOperator(ctx.txn, changed);
        }
      }
    }
  }
  return result;
}

StatementOutput AlterOperator(CommandContext& ctx, const ast::OperatorStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER OPERATOR";
  bool builtin = false;
  const catalog::OperatorDesc* found = LookupOperator(ctx, stmt.operators[0], false, &builtin);
  std::optional<std::string> restrict_name, join_name;
  Oid restrict_oid = 0, join_oid = 0;
  for (const ast::DefinitionOption& o : stmt.options) {
    const std::string& key = o.name;
    // `= NONE` comes as a missing value.
    const bool none = o.kind == Kind::kNone || (o.kind == Kind::kString && o.text == "none");
    if (key == "restrict") {
      restrict_name = none ? std::string() : LookupEstimator(ctx, o.AsName(), false, &restrict_oid);
    } else if (key == "join") {
      join_name = none ? std::string() : LookupEstimator(ctx, o.AsName(), true, &join_oid);
    } else if (key == "leftarg" || key == "rightarg" || key == "function" ||
               key == "procedure" || key == "commutator" || key == "negator" ||
               key == "hashes" || key == "merges") {
      throw SqlError(SqlState::kSyntaxError,
                     "operator attribute \"" + key + "\" cannot be changed");
    } else {
      throw SqlError(SqlState::kSyntaxError, "operator attribute \"" + key + "\" not recognized");
    }
  }
  if (builtin) {
    throw SqlError(SqlState::kFeatureNotSupported, "ALTER OPERATOR of a built-in operator is not supported yet");
  }
  CheckOwnership(*ctx.catalog, found->owner, "operator", found->name);
  catalog::OperatorDesc changed = *found;
  if (restrict_name) {
    changed.restrict_name = *restrict_name;
    changed.restrict_oid = restrict_oid;
  }
  if (join_name) {
    changed.join_name = *join_name;
    changed.join_oid = join_oid;
  }
  ctx.db->catalog()->PutOperator(ctx.txn, changed);
  return result;
}

StatementOutput DropOperators(CommandContext& ctx, const ast::OperatorStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP OPERATOR";
  std::vector<const catalog::OperatorDesc*> targets;
  for (const ast::OperatorRef& ref : stmt.operators) {
    bool builtin = false;
    const catalog::OperatorDesc* op = LookupOperator(ctx, ref, stmt.if_exists, &builtin);
    if (builtin) {
      throw SqlError(SqlState::kDependentObjectsStillExist,
                     "cannot drop operator " + ref.name.back() +
                         " because it is required by the database system");
    }
    if (op == nullptr) {
      ctx.Notice(SqlState::kSuccessfulCompletion,
                 "operator " + JoinQualifiedName(ref.name) + " does not exist, skipping");
      continue;
    }
    CheckOwnership(*ctx.catalog, op->owner, "operator", op->name);
    targets.push_back(op);
  }
  for (const catalog::OperatorDesc* op : targets) {
    ctx.db->catalog()->DeleteOperator(ctx.txn, op->oid);
    // Other operators naming it as commutator or negator lose the link.
    for (const auto& [oid, other] : ctx.catalog->operators()) {
      if (oid == op->oid) continue;
      if (other->commutator != op->oid && other->negator != op->oid) continue;
      if (std::any_of(targets.begin(), targets.end(), [&](auto* t) { return t->oid == oid; })) {
        continue;
      }
      catalog::OperatorDesc changed = *other;
      if (changed.commutator == op->oid) changed.commutator = 0;
      if (changed.negator == op->oid) changed.negator = 0;
      ctx.db->catalog()->PutOperator(ctx.txn, changed);
    }
  }
  return result;
}

}  // namespace

const catalog::OperatorDesc* LookupOperator(const CommandContext& ctx, const ast::OperatorRef& ref,
                                            bool missing_ok, bool* builtin) {
  if (builtin != nullptr) *builtin = false;
  if (!ref.right) {
    throw SqlError(SqlState::kSyntaxError, "postfix operators are not supported");
  }
  Binder binder = ctx.MakeBinder();
  const Oid left = ref.left ? binder.BindTypeName(*ref.left).oid : 0;
  const Oid right = binder.BindTypeName(*ref.right).oid;
  const std::string& name = ref.name.back();
  if (ref.name.size() == 2) {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(ref.name[0]);
    if (ns == nullptr) {
      throw SqlError(SqlState::kInvalidSchemaName, "schema \"" + ref.name[0] + "\" does not exist");
    }
    if (const catalog::OperatorDesc* op = ctx.catalog->FindOperator(ns->oid, name, left, right)) {
      return op;
    }
  } else {
    for (catalog::Oid ns : SearchPathNamespaces(*ctx.catalog)) {
      if (const catalog::OperatorDesc* op = ctx.catalog->FindOperator(ns, name, left, right)) {
        return op;
      }
    }
  }
  if ((ref.name.size() == 1 || ref.name[0] == "pg_catalog") &&
      FindOperatorExact(name, left == 0 ? 'l' : 'b', left, right) != nullptr) {
    if (builtin != nullptr) *builtin = true;
    return nullptr;
  }
  if (missing_ok) return nullptr;
  throw SqlError(SqlState::kUndefinedFunction,
                 "operator does not exist: " + OperatorSignature(JoinQualifiedName(ref.name), left, right));
}

StatementOutput ExecuteOperatorStatement(CommandContext& ctx, const ast::OperatorStatement& stmt) {
  using Action = ast::OperatorStatement::Action;
  switch (stmt.action) {
    case Action::kCreateOperator:
      return CreateOperator(ctx, stmt);
    case Action::kAlterOperator:
      return AlterOperator(ctx, stmt);
    case Action::kDropOperator:
      return DropOperators(ctx, stmt);
    case Action::kCreateCast:
      return CreateCast(ctx, stmt);
    case Action::kDropCast:
      return DropCast(ctx, stmt);
  }
  throw SqlError(SqlState::kInternalError, "unknown operator statement");
}

}  // namespace strata::sql
