// Shell and base types (see base_type_commands.h). A base type can only be
// made from LANGUAGE internal I/O functions naming a built-in type's input
// and output functions (int8in, textin, ...): its values are that type's
// (TypeDesc::storage_type), which is how PostgreSQL's regression tests
// build types (xfloat8 over int8, text_w_default over text).
#include "sql/commands/base_type_commands.h"
#include "sql/commands/qualified_name.h"

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"
#include "sql/expr/pg_function_names.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

constexpr Oid kCstring = 2275;

// The built-in type whose input function is `proname` (int8in -> int8), or 0.
Oid TypeOfInputFunction(const std::string& proname) {
  if (proname.size() < 3 || proname.compare(proname.size() - 2, 2, "in") != 0) return 0;
  const PgTypeInfo* t = FindPgTypeByName(proname.substr(0, proname.size() - 2));
  if (t == nullptr || !IsSupportedType(t->oid)) return 0;
  return t->oid;
}

}  // namespace

void WarnAt(const CommandContext& ctx, std::string message, int location) {
  if (ctx.notices == nullptr) return;
  SqlErrorFields f;
  f.severity = ErrorSeverity::kWarning;
  f.sqlstate = SqlState::kWarning;
  f.message = std::move(message);
  if (location >= 0) f.position = ctx.Position(location);
  ctx.notices->push_back(std::move(f));
}

std::string FunctionSignatureText(const std::vector<std::string>& name,
                                  const std::vector<catalog::Oid>& args) {
  std::string out = JoinQualifiedName(name) + "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ", ";
    out += FormatTypeName(args[i]);
  }
  return out + ")";
}

const catalog::FunctionDesc* FindFunctionBySignature(const CommandContext& ctx,
                                                     const std::vector<std::string>& name,
                                                     const std::vector<catalog::Oid>& args) {
  std::vector<catalog::Oid> schemas;
  if (name.size() == 2) {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(name[0]);
    if (ns == nullptr) {
      throw SqlError(SqlState::kInvalidSchemaName, "schema \"" + name[0] + "\" does not exist");
    }
    schemas.push_back(ns->oid);
  } else if (name.size() == 1) {
    schemas = SearchPathNamespaces(*ctx.catalog);
  } else {
    return nullptr;
  }
  for (catalog::Oid ns : schemas) {
    for (const catalog::FunctionDesc* fn : ctx.catalog->FindFunctions(ns, name.back())) {
      if (fn->InputTypes() == args && !fn->is_procedure) return fn;
    }
  }
  return nullptr;
}

StatementOutput CreateShellType(CommandContext& ctx, const ast::TypeStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE TYPE";
  const catalog::NamespaceDesc& ns = SchemaOfQualifiedName(ctx, stmt.name);
  CheckSchemaPrivileges(*ctx.catalog, ns, catalog::kAclCreate);
  const std::string& name = stmt.name.back();
  const bool builtin_clash =
      ns.oid == catalog::kPgCatalogNamespace && FindPgTypeByName(name) != nullptr;
  if (builtin_clash || ctx.catalog->FindType(ns.oid, name) != nullptr ||
      ctx.catalog->RelationNameTaken(ns.oid, name)) {
    throw SqlError(SqlState::kDuplicateObject, "type \"" + name + "\" already exists");
  }
  catalog::Catalog* catalog = ctx.db->catalog();
  catalog::TypeDesc type;
  type.oid = catalog->AllocateOid(ctx.txn);
  type.namespace_oid = ns.oid;
  type.name = name;
  type.owner = CurrentUserOid(*ctx.catalog);
  type.kind = 'p';
  type.category = 'P';
  type.internal_length = 4;
  type.by_value = true;
  catalog->PutType(ctx.txn, type);
  return result;
}

StatementOutput CreateBaseType(CommandContext& ctx, const ast::TypeStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE TYPE";
  const catalog::NamespaceDesc& ns = SchemaOfQualifiedName(ctx, stmt.name);
  CheckSchemaPrivileges(*ctx.catalog, ns, catalog::kAclCreate);
  const std::string& name = stmt.name.back();
  const catalog::TypeDesc* shell = ctx.catalog->FindType(ns.oid, name);
  if (shell == nullptr) {
    // PostgreSQL reports this with 42710.
    throw SqlError(SqlState::kDuplicateObject, "type \"" + name + "\" does not exist")
        .WithHint(
            "Create the type as a shell type, then create its I/O functions, then do a full "
            "CREATE TYPE.");
  }
  if (shell->kind != 'p') {
    throw SqlError(SqlState::kDuplicateObject, "type \"" + name + "\" already exists");
  }
  CheckOwnership(*ctx.catalog, shell->owner, "type", shell->name);

  catalog::TypeDesc type = *shell;
  type.kind = 'b';
  type.category = 'U';
  type.internal_length = -1;
  type.by_value = false;
  type.alignment = 'i';
  type.storage = 'p';
  std::vector<std::string> input_name, output_name;
  Binder binder = ctx.MakeBinder();
  for (const ast::DefinitionOption& o : stmt.options) {
    const std::string& key = o.name;
    if (key == "input") {
      input_name = o.AsName();
    } else if (key == "output") {
      output_name = o.AsName();
    } else if (key == "internallength") {
      const std::vector<std::string> v = o.AsName();
      type.internal_length =
          v.size() == 1 && v[0] == "variable" ? -1 : static_cast<int16_t>(std::stoi(o.text));
    } else if (key == "like") {
      if (!o.type) throw SqlError(SqlState::kSyntaxError, "like requires a type name");
      const PgTypeInfo* like = FindPgType(binder.BindTypeName(*o.type).oid);
      if (like != nullptr) {
        type.internal_length = like->typlen;
        type.by_value = like->typlen > 0 && like->typlen <= 8;
      }
    } else if (key == "passedbyvalue") {
      type.by_value = true;
    } else if (key == "alignment") {
      const std::string a = o.AsName().back();
      type.alignment = a == "double" || a == "float8" || a == "pg_catalog.float8" ? 'd'
                       : a == "int4" || a == "integer"                             ? 'i'
                       : a == "int2" || a == "smallint"                            ? 's'
                                                                                   : 'c';
    } else if (key == "storage") {
      const std::string a = o.AsName().back();
      type.storage = a.empty() ? 'p' : a[0] == 'e' && a.size() > 2 && a[1] == 'x' && a[2] == 't'
                                           ? (a == "extended" ? 'x' : 'e')
                                           : a[0];
    } else if (key == "category") {
      type.category = o.text.empty() ? 'U' : o.text[0];
    } else if (key == "preferred") {
      type.preferred = o.kind == ast::DefinitionOption::ValueKind::kNone || o.text == "true";
    } else if (key == "default") {
      type.default_expr = o.kind == ast::DefinitionOption::ValueKind::kTypeName && o.type
                              ? JoinQualifiedName(o.type->names)
                              : o.text;
    } else if (key == "receive" || key == "send" || key == "typmod_in" || key == "typmod_out" ||
               key == "analyze" || key == "subscript" || key == "element" ||
               key == "delimiter" || key == "collatable") {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "CREATE TYPE attribute \"" + key + "\" is not supported yet");
    } else {
      WarnAt(ctx, "type attribute \"" + key + "\" not recognized", o.location);
    }
  }
  if (input_name.empty()) {
    throw SqlError(SqlState::kInvalidObjectDefinition, "type input function must be specified");
  }
  if (output_name.empty()) {
    throw SqlError(SqlState::kInvalidObjectDefinition, "type output function must be specified");
  }
  const catalog::FunctionDesc* input = FindFunctionBySignature(ctx, input_name, {kCstring});
  if (input == nullptr) {
    input = FindFunctionBySignature(ctx, input_name, {kCstring, type_oid::kOid, type_oid::kInt4});
  }
  if (input == nullptr) {
    if (input_name.size() == 1 && IsPgBuiltinFunctionName(input_name[0])) {
      throw SqlError(SqlState::kInvalidObjectDefinition,
                     "type input function " + input_name[0] + " must return type " + name);
    }
    throw SqlError(SqlState::kUndefinedFunction,
                   "function " + FunctionSignatureText(input_name, {kCstring}) +
                       " does not exist");
  }
  if (input->result_type != type.oid) {
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "type input function " + input->name + " must return type " + name);
  }
  const catalog::FunctionDesc* output = FindFunctionBySignature(ctx, output_name, {type.oid});
  if (output == nullptr) {
    throw SqlError(SqlState::kUndefinedFunction,
                   "function " + FunctionSignatureText(output_name, {type.oid}) +
                       " does not exist");
  }
  if (output->result_type != kCstring) {
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "type output function " + output->name + " must return type cstring");
  }
  const Oid storage = input->language == "internal" ? TypeOfInputFunction(input->body) : 0;
  if (storage == 0) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "base types whose input function is not a built-in type's input function "
                   "are not supported yet");
  }
  type.input_function = input->oid;
  type.output_function = output->oid;
  type.storage_type = storage;
  catalog::Catalog* catalog = ctx.db->catalog();
  type.array_oid = catalog->AllocateOid(ctx.txn);
  catalog->PutType(ctx.txn, type);
  return result;
}

}  // namespace strata::sql
