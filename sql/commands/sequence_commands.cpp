// CREATE SEQUENCE, ALTER SEQUENCE, DROP SEQUENCE and serial columns, with
// PostgreSQL's option rules (init_params in its sequence.c): defaults that
// follow the sign of INCREMENT and the AS type, and the same 22023 errors.
#include "sql/commands/default_privileges.h"
#include "sql/commands/sequence_commands.h"

#include <algorithm>
#include <limits>
#include <source_location>

#include "sql/builtin/type_table.h"
#include "sql/commands/table_commands.h"
#include "sql/sequences/sequence_names.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"

namespace strata::sql {

namespace {

using catalog::SequenceDesc;

std::pair<int64_t, int64_t> TypeRange(Oid type) {
  switch (type) {
    case type_oid::kInt2:
      return {std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()};
    case type_oid::kInt4:
      return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
    default:
      return {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  }
}

[[noreturn]] void BadParameter(const std::string& message) {
  throw SqlError(SqlState::kInvalidParameterValue, message);
}

std::string Str(int64_t v) { return std::to_string(v); }

// Applies `opt` to `seq` (a new sequence: `is_new`, else the current
// definition) and checks the result. `current_value` is the sequence's
// last value for ALTER's check of new bounds; the value RESTART asks for is
// returned in `*restart_value` (nullopt: no RESTART).
void ApplyOptions(CommandContext& ctx, const ast::SequenceOptions& opt, bool is_new,
                  SequenceDesc* seq, std::optional<int64_t> current_value,
                  std::optional<int64_t>* restart_value) {
  const Oid old_type = seq->type;
  if (opt.as_type.has_value()) {
    Binder binder = ctx.MakeBinder();
    const DataType t = binder.ResolveTypeName(*opt.as_type);
    if (t.oid != type_oid::kInt2 && t.oid != type_oid::kInt4 && t.oid != type_oid::kInt8) {
      BadParameter("sequence type must be smallint, integer, or bigint");
    }
    seq->type = t.oid;
  } else if (is_new) {
    seq->type = type_oid::kInt8;
  }
  const auto [old_min, old_max] = TypeRange(old_type);
  const auto [type_min, type_max] = TypeRange(seq->type);
  if (opt.increment.has_value()) {
    if (*opt.increment == 0) BadParameter("INCREMENT must not be zero");
    seq->increment = *opt.increment;
  } else if (is_new) {
    seq->increment = 1;
  }
  if (opt.cycle.has_value()) seq->cycle = *opt.cycle;
  const bool type_changed = !is_new && seq->type != old_type;
  // MAXVALUE, then MINVALUE: given, NO ..., new, or a changed type whose
  // old default bound was in use.
  if (opt.max_value.has_value() && !opt.max_value->is_default) {
    seq->max_value = opt.max_value->value;
  } else if (is_new || opt.max_value.has_value() ||
             (type_changed && (seq->max_value == old_max || seq->max_value > type_max))) {
    seq->max_value = seq->increment > 0 ? type_max : -1;
  }
  if (seq->max_value < type_min || seq->max_value > type_max) {
    BadParameter("MAXVALUE (" + Str(seq->max_value) + ") is out of range for sequence data type " +
                 FormatTypeName(seq->type));
  }
  if (opt.min_value.has_value() && !opt.min_value->is_default) {
    seq->min_value = opt.min_value->value;
  } else if (is_new || opt.min_value.has_value() ||
             (type_changed && (seq->min_value == old_min || seq->min_value < type_min))) {
    seq->min_value = seq->increment > 0 ? 1 : type_min;
  }
  if (seq->min_value < type_min || seq->min_value > type_max) {
    BadParameter("MINVALUE (" + Str(seq->min_value) + ") is out of range for sequence data type " +
                 FormatTypeName(seq->type));
  }
  if (seq->min_value >= seq->max_value) {
    BadParameter("MINVALUE (" + Str(seq->min_value) + ") must be less than MAXVALUE (" +
                 Str(seq->max_value) + ")");
  }
  if (opt.start.has_value()) {
    seq->start = *opt.start;
  } else if (is_new) {
    seq->start = seq->increment > 0 ? seq->min_value : seq->max_value;
  }
  if (seq->start < seq->min_value) {
    BadParameter("START value (" + Str(seq->start) + ") cannot be less than MINVALUE (" +
                 Str(seq->min_value) + ")");
  }
  if (seq->start > seq->max_value) {
    BadParameter("START value (" + Str(seq->start) + ") cannot be greater than MAXVALUE (" +
                 Str(seq->max_value) + ")");
  }
  // RESTART, or (ALTER) the current value against changed bounds.
  std::optional<int64_t> check;
  if (opt.restart) {
    check = opt.restart_value.value_or(seq->start);
    *restart_value = check;
  } else {
    check = current_value;
  }
  if (check.has_value() && *check < seq->min_value) {
    BadParameter("RESTART value (" + Str(*check) + ") cannot be less than MINVALUE (" +
                 Str(seq->min_value) + ")");
  }
  if (check.has_value() && *check > seq->max_value) {
    BadParameter("RESTART value (" + Str(*check) + ") cannot be greater than MAXVALUE (" +
                 Str(seq->max_value) + ")");
  }
  if (opt.cache.has_value()) {
    if (*opt.cache <= 0) {
      BadParameter("CACHE (" + Str(*opt.cache) + ") must be greater than zero");
    }
    seq->cache = *opt.cache;
  } else if (is_new) {
    seq->cache = 1;
  }
}

// OWNED BY table.column | NONE (PostgreSQL's process_owned_by).
void ApplyOwnedBy(CommandContext& ctx, const ast::SequenceOptions& opt, SequenceDesc* seq) {
  if (!opt.owned_by.has_value()) return;
  const std::vector<std::string>& names = *opt.owned_by;
  if (names.size() == 1) {
    if (names[0] != "none") {
      throw SqlError(SqlState::kInvalidParameterValue, "invalid OWNED BY option")
          .WithHint("Specify OWNED BY table.column or OWNED BY NONE.");
    }
    seq->owner_table = 0;
    seq->owner_attnum = 0;
    return;
  }
  ast::RangeVar rv;
  rv.name = names[names.size() - 2];
  if (names.size() >= 3) rv.schema = names[names.size() - 3];
  const catalog::TableDesc& table = LookupTable(ctx, rv);
  if (table.namespace_oid != seq->namespace_oid) {
    throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                   "sequence must be in same schema as table it is linked to");
  }
  const int slot = table.FindColumn(names.back());
  if (slot < 0) {
    throw SqlError(SqlState::kUndefinedColumn, "column \"" + names.back() + "\" of relation \"" +
                                                   table.name + "\" does not exist");
  }
  seq->owner_table = table.oid;
  seq->owner_attnum = table.columns[static_cast<size_t>(slot)].attnum;
}

const catalog::NamespaceDesc* SchemaOf(const CommandContext& ctx, const ast::RangeVar& rv) {
  return RelationSchema(ctx, rv);
}

// The default text a serial column gets: nextval of its sequence, named as
// nextval's text argument resolves it whatever the search_path.
std::string NextvalText(const std::string& schema, const std::string& sequence) {
  std::string arg = QuoteNamePart(schema) + "." + QuoteNamePart(sequence);
  std::string quoted;
  for (char c : arg) {
    if (c == '\'') quoted.push_back('\'');
    quoted.push_back(c);
  }
  return "nextval('" + quoted + "')";
}

void AddNotice(CommandContext& ctx, std::string message) {
  ctx.Notice(SqlState::kSuccessfulCompletion, std::move(message));
}

}  // namespace

std::optional<Oid> SerialColumnType(const ast::TypeName& type) {
  if (type.names.size() != 1 || !type.typmods.empty() || type.array_bounds != 0) {
    return std::nullopt;
  }
  const std::string& n = type.names[0];
  if (n == "serial" || n == "serial4") return type_oid::kInt4;
  if (n == "bigserial" || n == "serial8") return type_oid::kInt8;
  if (n == "smallserial" || n == "serial2") return type_oid::kInt2;
  return std::nullopt;
}

StatementOutput ExecuteCreateSequence(CommandContext& ctx,
                                      const ast::CreateSequenceStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE SEQUENCE";
  // PostgreSQL reports no position for the temporary-schema error here.
  ast::RangeVar target = stmt.sequence;
  target.location = -1;
  const catalog::NamespaceDesc ns = NewTableNamespace(ctx, target, stmt.temporary);
  if (ctx.catalog->RelationNameTaken(ns.oid, stmt.sequence.name)) {
    if (stmt.if_not_exists) {
      ctx.Notice(SqlState::kDuplicateTable,
                 "relation \"" + stmt.sequence.name + "\" already exists, skipping");
      return result;
    }
    throw SqlError(SqlState::kDuplicateTable,
                   "relation \"" + stmt.sequence.name + "\" already exists");
  }
  SequenceDesc seq;
  seq.namespace_oid = ns.oid;
  seq.name = stmt.sequence.name;
  seq.owner = CurrentUserOid(*ctx.catalog);
  std::optional<int64_t> restart;
  ApplyOptions(ctx, stmt.options, true, &seq, std::nullopt, &restart);
  ApplyOwnedBy(ctx, stmt.options, &seq);
  catalog::Catalog* catalog = ctx.db->catalog();
  seq.oid = catalog->AllocateOid(ctx.txn);
  catalog->PutSequence(ctx.txn, seq, true);
  ApplyDefaultPrivileges(ctx, 'S', seq.owner, seq.namespace_oid, seq.oid);
  return result;
}

StatementOutput ExecuteAlterSequence(CommandContext& ctx,
                                     const ast::AlterSequenceStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER SEQUENCE";
  const catalog::NamespaceDesc* ns = SchemaOf(ctx, stmt.sequence);
  const SequenceDesc* found =
      ns == nullptr ? nullptr : ctx.catalog->FindSequence(ns->oid, stmt.sequence.name);
  if (found == nullptr) {
    if (ns != nullptr && ctx.catalog->FindTable(ns->oid, stmt.sequence.name) != nullptr) {
      throw SqlError(SqlState::kWrongObjectType, "\"" + stmt.sequence.name + "\" is not a sequence");
    }
    if (ns == nullptr && !stmt.sequence.schema.empty() && !stmt.if_exists) {
      throw SqlError(SqlState::kUndefinedSchema,
                     "schema \"" + stmt.sequence.schema + "\" does not exist");
    }
    const std::string shown = stmt.sequence.schema.empty()
                                  ? stmt.sequence.name
                                  : stmt.sequence.schema + "." + stmt.sequence.name;
    if (stmt.if_exists) {
      AddNotice(ctx, "relation \"" + shown + "\" does not exist, skipping");
      return result;
    }
    throw SqlError(SqlState::kUndefinedTable, "relation \"" + shown + "\" does not exist");
  }
  CheckOwnership(*ctx.catalog, found->owner, "sequence", found->name);
  SequenceDesc seq = *found;
  SequenceValues* values = ctx.db->sequence_values();
  const int64_t current = values->Peek(seq).first;
  std::optional<int64_t> restart;
  ApplyOptions(ctx, stmt.options, false, &seq, current, &restart);
  ApplyOwnedBy(ctx, stmt.options, &seq);
  ctx.db->catalog()->PutSequence(ctx.txn, seq, false);
  // Like nextval, RESTART is not undone by a rollback.
  if (restart.has_value()) values->Set(seq, *restart, false);
  return result;
}

StatementOutput ExecuteDropSequence(CommandContext& ctx, const ast::DropSequenceStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP SEQUENCE";
  catalog::Catalog* catalog = ctx.db->catalog();
  std::vector<Oid> dropped;
  for (const ast::RangeVar& rv : stmt.sequences) {
    const catalog::NamespaceDesc* ns = SchemaOf(ctx, rv);
    if (ns == nullptr && !rv.schema.empty()) {
      if (stmt.if_exists) {
        AddNotice(ctx, "schema \"" + rv.schema + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedSchema, "schema \"" + rv.schema + "\" does not exist");
    }
    const SequenceDesc* seq = ns == nullptr ? nullptr : ctx.catalog->FindSequence(ns->oid, rv.name);
    if (seq == nullptr) {
      if (ns != nullptr && ctx.catalog->FindTable(ns->oid, rv.name) != nullptr) {
        throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not a sequence")
            .WithHint("Use DROP TABLE to remove a table.");
      }
      if (stmt.if_exists) {
        AddNotice(ctx, "sequence \"" + rv.name + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedTable, "sequence \"" + rv.name + "\" does not exist");
    }
    if (std::find(dropped.begin(), dropped.end(), seq->oid) != dropped.end()) continue;
    CheckOwnership(*ctx.catalog, seq->owner, "sequence", seq->name);
    dropped.push_back(seq->oid);
    // The DEFAULT of a serial column depends on its sequence.
    const catalog::TableDesc* owner =
        seq->owner_table != 0 ? ctx.catalog->FindTable(seq->owner_table) : nullptr;
    const catalog::ColumnDesc* column = nullptr;
    if (owner != nullptr && seq->owner_attnum >= 1 &&
        static_cast<size_t>(seq->owner_attnum) <= owner->columns.size()) {
      const catalog::ColumnDesc& c = owner->columns[static_cast<size_t>(seq->owner_attnum - 1)];
      const catalog::NamespaceDesc* seq_ns = ctx.catalog->FindNamespace(seq->namespace_oid);
      if (!c.dropped && seq_ns != nullptr && c.default_expr == NextvalText(seq_ns->name, seq->name)) {
        column = &c;
      }
    }
    if (column != nullptr) {
      const std::string dependent =
          "default value for column " + column->name + " of table " + owner->name;
      if (!stmt.cascade) {
        throw SqlError(SqlState::kDependentObjectsStillExist,
                       "cannot drop sequence " + seq->name + " because other objects depend on it")
            .WithDetail(dependent + " depends on sequence " + seq->name)
            .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      AddNotice(ctx, "drop cascades to " + dependent);
      catalog::TableDesc changed = *owner;
      changed.columns[static_cast<size_t>(seq->owner_attnum - 1)].default_expr.reset();
      catalog->PutTable(ctx.txn, changed);
    }
    catalog->DeleteSequence(ctx.txn, seq->oid);
  }
  return result;
}

std::string CreateSerialSequence(CommandContext& ctx, const catalog::NamespaceDesc& ns,
                                 const std::string& table, Oid table_oid, Oid type,
                                 const std::string& column, int16_t attnum,
                                 const ast::SequenceOptions* options) {
  SequenceDesc seq;
  seq.namespace_oid = ns.oid;
  seq.name = ChooseSequenceName(*ctx.catalog, ns.oid, table, column);
  ast::SequenceOptions given;
  if (options != nullptr) {
    if (options->as_type.has_value()) {
      BadParameter("identity column type must be smallint, integer, or bigint");
    }
    if (options->owned_by.has_value()) {
      throw SqlError(SqlState::kSyntaxError, "conflicting or redundant options");
    }
    given.increment = options->increment;
    given.min_value = options->min_value;
    given.max_value = options->max_value;
    given.start = options->start;
    given.cache = options->cache;
    given.cycle = options->cycle;
  }
  // AS the column's type: its range bounds the sequence (unless the
  // options bound it themselves).
  given.as_type = ast::TypeName();
  given.as_type->names = {"pg_catalog", std::string(FindPgType(type)->typname)};
  std::optional<int64_t> restart;
  ApplyOptions(ctx, given, true, &seq, std::nullopt, &restart);
  seq.owner_table = table_oid;
  seq.owner_attnum = attnum;
  seq.owner = CurrentUserOid(*ctx.catalog);  // the table's owner: whoever creates it
  catalog::Catalog* catalog = ctx.db->catalog();
  seq.oid = catalog->AllocateOid(ctx.txn);
  catalog->PutSequence(ctx.txn, seq, true);
  ApplyDefaultPrivileges(ctx, 'S', seq.owner, seq.namespace_oid, seq.oid);
  return NextvalText(ns.name, seq.name);
}

void DropOwnedSequences(CommandContext& ctx, Oid table_oid) {
  for (const SequenceDesc* seq : ctx.catalog->SequencesOwnedBy(table_oid)) {
    ctx.db->catalog()->DeleteSequence(ctx.txn, seq->oid);
  }
}

}  // namespace strata::sql
