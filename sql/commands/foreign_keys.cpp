// FOREIGN KEY definition, validation and enforcement (foreign_keys.h).
#include "sql/system_relations/statement_catalog.h"
#include "sql/commands/foreign_keys.h"

#include <algorithm>

#include "sql/binder/coercion_rules.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/row_locks.h"
#include "sql/commands/table_rows.h"
#include "sql/executor/plan_node.h"
#include "sql/expr/cast_functions.h"
#include "sql/expr/text_quote.h"
#include "sql/stack_depth.h"
#include "sql/system_relations/synthetic_oids.h"
#include "sql/table/table_codec.h"
#include "sql/types/type_io.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

using catalog::ForeignKeyAction;
using catalog::ForeignKeyDesc;
using catalog::TableDesc;

constexpr size_t kMaxNameBytes = 63;  // NAMEDATALEN - 1

const catalog::ColumnDesc& Column(const TableDesc& t, int16_t attnum) {
  return t.columns[static_cast<size_t>(attnum - 1)];
}

// makeObjectName(): name1_name2_label, the longer of name1/name2 trimmed
// until it fits in NAMEDATALEN - 1 bytes.
std::string MakeObjectName(const std::string& name1, const std::string& name2,
                           const std::string& label) {
  size_t n1 = name1.size(), n2 = name2.size();
  const size_t overhead = label.size() + 1 + (name2.empty() ? 0 : 1);
  const size_t avail = kMaxNameBytes > overhead ? kMaxNameBytes - overhead : 0;
  while (n1 + n2 > avail) {
    if (n1 > n2) {
      --n1;
    } else {
      --n2;
    }
  }
  std::string out = name1.substr(0, n1);
  if (!name2.empty()) out += "_" + name2.substr(0, n2);
  return out + "_" + label;
}

// Every constraint name in use in a schema (ChooseConstraintName looks at
// pg_constraint by namespace).
void CollectConstraintNames(const CommandContext& ctx, Oid namespace_oid,
                            std::set<std::string>* names) {
  for (const TableDesc* t : ctx.catalog->TablesIn(namespace_oid)) {
    if (!t->primary_key_name.empty()) names->insert(t->primary_key_name);
    for (const catalog::CheckConstraint& c : t->checks) names->insert(c.name);
    for (const catalog::IndexDesc& ix : t->indexes) {
      if (ix.is_constraint) names->insert(ix.name);
    }
    for (const ForeignKeyDesc& fk : t->foreign_keys) names->insert(fk.name);
  }
}

// transformColumnNameList(): attnums of the named columns (42703).
std::vector<int16_t> ColumnAttnums(const TableDesc& table, const std::vector<std::string>& names) {
  static const char* const kSystemColumns[] = {"tableoid", "ctid", "xmin", "xmax", "cmin",
                                               "cmax"};
  std::vector<int16_t> out;
  for (const std::string& name : names) {
    for (const char* system : kSystemColumns) {
      if (name == system) {
        throw SqlError(SqlState::kInvalidForeignKey,
                       "system columns cannot be used in foreign keys");
      }
    }
    const int slot = table.FindColumn(name);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn,
                     "column \"" + name + "\" referenced in foreign key constraint does not exist");
    }
    out.push_back(static_cast<int16_t>(slot + 1));
  }
  return out;
}

bool SameColumnSet(std::vector<int16_t> a, std::vector<int16_t> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// The btree operator family a type's default opclass is in, for the types
// whose families hold cross-type equality (0: a family of its own).
int OperatorFamily(Oid type) {
  switch (type) {
    case type_oid::kInt2:
    case type_oid::kInt4:
    case type_oid::kInt8:
      return 1;
    case type_oid::kFloat4:
    case type_oid::kFloat8:
      return 2;
    case type_oid::kText:
    case type_oid::kVarchar:
      return 3;
    case type_oid::kDate:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
      return 4;
    default:
      return 0;
  }
}

// ATAddForeignKeyConstraint's test: an equality operator of the referenced
// column's opfamily takes both types, or the referencing type coerces
// implicitly to the referenced column's.
bool TypesCompatible(Oid fk_type, Oid pk_type) {
  if (fk_type == pk_type) return true;
  const int family = OperatorFamily(pk_type);
  if (family != 0 && family == OperatorFamily(fk_type)) return true;
  return CanCoerceType(fk_type, pk_type, CoercionContext::kImplicit);
}

// `v` as a value of `target` (NULL stays NULL); nullopt when it cannot be
// one (an int8 out of int4's range: no such key can exist).
std::optional<Value> ConvertTo(const Value& v, Oid target) {
  if (v.is_null()) return Value::Null(target);
  if (v.type() == target) return v;
  try {
    for (CastMethod m : {CastMethod::kRelabel, CastMethod::kFunction, CastMethod::kInOut}) {
      if (IsCastImplemented(v.type(), target, m)) return CastValue(v, target, m);
    }
  } catch (const SqlError&) {
    return std::nullopt;
  }
  return std::nullopt;
}

std::string KeyText(const std::vector<Value>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += values[i].is_null() ? "null" : OutputValue(values[i]);
  }
  return out;
}

std::string KeyNames(const TableDesc& table, const std::vector<int16_t>& attnums) {
  std::string out;
  for (size_t i = 0; i < attnums.size(); ++i) {
    if (i > 0) out += ", ";
    out += Column(table, attnums[i]).name;
  }
  return out;
}

std::vector<Value> KeyValues(const Row& row, const std::vector<int16_t>& attnums) {
  std::vector<Value> out;
  for (int16_t a : attnums) out.push_back(row[static_cast<size_t>(a - 1)]);
  return out;
}

void SetErrorObject(const CommandContext& ctx, SqlError* e, const TableDesc& table,
                    const std::string& constraint) {
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(table.namespace_oid);
  e->mutable_fields().schema_name = ns != nullptr ? ns->name : "";
  e->mutable_fields().table_name = table.name;
  e->mutable_fields().constraint_name = constraint;
}

SqlError NotPresentError(const CommandContext& ctx, const TableDesc& child,
                         const ForeignKeyDesc& fk, const TableDesc& parent, const Row& row) {
  SqlError e(SqlState::kForeignKeyViolation, "insert or update on table \"" + child.name +
                                                 "\" violates foreign key constraint \"" +
                                                 fk.name + "\"");
  e.WithDetail("Key (" + KeyNames(child, fk.columns) + ")=(" +
               KeyText(KeyValues(row, fk.columns)) + ") is not present in table \"" +
               parent.name + "\".");
  SetErrorObject(ctx, &e, child, fk.name);
  return e;
}

SqlError StillReferencedError(const CommandContext& ctx, const TableDesc& parent,
                              const TableDesc& child, const ForeignKeyDesc& fk,
                              const Row& old_row) {
  SqlError e(SqlState::kForeignKeyViolation,
             "update or delete on table \"" + parent.name +
                 "\" violates foreign key constraint \"" + fk.name + "\" on table \"" +
                 child.name + "\"");
  e.WithDetail("Key (" + KeyNames(parent, fk.referenced_columns) + ")=(" +
               KeyText(KeyValues(old_row, fk.referenced_columns)) +
               ") is still referenced from table \"" + child.name + "\".");
  SetErrorObject(ctx, &e, child, fk.name);
  return e;
}

// Whether `parent` holds a row whose `columns` equal `values` (already of
// the columns' types, none NULL). With `lock`, the row found is locked FOR
// KEY SHARE and a primary-key lookup reads the latest committed state, so a
// concurrent delete cannot slip past the check.
bool ParentKeyExists(const CommandContext& ctx, const TableDesc& parent,
                     const std::vector<int16_t>& columns, const std::vector<Value>& values,
                     bool lock) {
  TableCodec codec(parent);
  if (!parent.primary_key.empty() && SameColumnSet(parent.primary_key, columns)) {
    Row key_row;
    for (const catalog::ColumnDesc& c : parent.columns) key_row.push_back(Value::Null(c.type));
    for (size_t i = 0; i < columns.size(); ++i) {
      key_row[static_cast<size_t>(columns[i] - 1)] = values[i];
    }
    const std::string key = codec.EncodeKey(key_row);
    if (lock) LockTableRow(ctx, parent, key, txn::RowLockMode::kKeyShare);
    auto got = lock ? ctx.txn->GetLatest(parent.tree, key) : ctx.txn->Get(parent.tree, key);
    if (!got.ok()) ThrowStatus(got.status());
    return got.value().has_value();
  }
  SeqScan scan(ctx.txn, &codec);
  scan.Init();
  Row row;
  bool found = false;
  while (!found && scan.Next(&row)) {
    found = true;
    for (size_t i = 0; i < columns.size() && found; ++i) {
      const Value& v = row[static_cast<size_t>(columns[i] - 1)];
      found = !v.is_null() && CompareValues(v, values[i]) == 0;
    }
    if (found && lock) LockTableRow(ctx, parent, scan.current_key(), txn::RowLockMode::kKeyShare);
  }
  scan.Close();
  return found;
}

// The referencing side: the key of `row` must be present in the referenced
// table (MATCH SIMPLE: a NULL anywhere in it = no check).
void CheckReferencingRow(const CommandContext& ctx, const TableDesc& child,
                         const ForeignKeyDesc& fk, const Row& row) {
  size_t nulls = 0;
  for (int16_t a : fk.columns) nulls += row[static_cast<size_t>(a - 1)].is_null() ? 1 : 0;
  if (nulls == fk.columns.size()) return;
  if (nulls > 0) {
    if (fk.match == catalog::ForeignKeyMatch::kSimple) return;
    SqlError e(SqlState::kForeignKeyViolation, "insert or update on table \"" + child.name +
                                                   "\" violates foreign key constraint \"" +
                                                   fk.name + "\"");
    e.WithDetail("MATCH FULL does not allow mixing of null and nonnull key values.");
    SetErrorObject(ctx, &e, child, fk.name);
    throw e;
  }
  const TableDesc* parent =
      fk.referenced_table == child.oid ? &child : ctx.catalog->FindTable(fk.referenced_table);
  if (parent == nullptr) return;
  std::vector<Value> values;
  for (size_t i = 0; i < fk.columns.size(); ++i) {
    std::optional<Value> v = ConvertTo(row[static_cast<size_t>(fk.columns[i] - 1)],
                                       Column(*parent, fk.referenced_columns[i]).type);
    if (!v) throw NotPresentError(ctx, child, fk, *parent, row);
    values.push_back(std::move(*v));
  }
  if (!ParentKeyExists(ctx, *parent, fk.referenced_columns, values, /*lock=*/true)) {
    throw NotPresentError(ctx, child, fk, *parent, row);
  }
}

bool KeyUnchanged(const std::vector<int16_t>& attnums, const Row& a, const Row& b) {
  for (int16_t attnum : attnums) {
    const Value& x = a[static_cast<size_t>(attnum - 1)];
    const Value& y = b[static_cast<size_t>(attnum - 1)];
    if (x.is_null() != y.is_null()) return false;
    if (!x.is_null() && CompareValues(x, y) != 0) return false;
  }
  return true;
}

// The referenced side: `old_row` of `parent` is deleted (new_row empty) or
// its key changed to new_row's; the rows of `child` referencing the old key
// get the constraint's action.
void ApplyReferencedAction(const CommandContext& ctx, const TableDesc& parent,
                           const TableDesc& child, const ForeignKeyDesc& fk, const Row& old_row,
                           const Row& new_row) {
  const std::vector<Value> old_key = KeyValues(old_row, fk.referenced_columns);
  for (const Value& v : old_key) {
    if (v.is_null()) return;  // no referencing row can match a NULL
  }
  const bool is_delete = new_row.empty();
  const ForeignKeyAction action = is_delete ? fk.on_delete : fk.on_update;
  // NO ACTION: fine if the key exists again (re-inserted by the statement).
  if (action == ForeignKeyAction::kNoAction &&
      ParentKeyExists(ctx, parent, fk.referenced_columns, old_key, /*lock=*/false)) {
    return;
  }
  // Whether `row` still references the old key (its FK columns converted
  // to the referenced columns' types).
  auto references_old_key = [&](const Row& row) {
    for (size_t i = 0; i < fk.columns.size(); ++i) {
      const Value& v = row[static_cast<size_t>(fk.columns[i] - 1)];
      std::optional<Value> as_parent =
          v.is_null() ? std::nullopt
                      : ConvertTo(v, Column(parent, fk.referenced_columns[i]).type);
      if (!as_parent.has_value() || CompareValues(*as_parent, old_key[i]) != 0) return false;
    }
    return true;
  };
  struct Match {
    std::string key;
    Row row;
  };
  std::vector<Match> matches;
  {
    // The LATEST committed rows merged with ours, not the statement's
    // snapshot: a referencing row another transaction committed after it
    // (having waited for our lock on the referenced row, or we for its FOR
    // KEY SHARE) must be seen, as PostgreSQL's RI queries see it.
    TableCodec codec(child);
    std::unique_ptr<txn::TxnIterator> it = ctx.txn->NewLatestIterator(child.tree);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      Row row = codec.DecodeValue(std::string_view(it->value().data(), it->value().size()));
      if (references_old_key(row)) {
        matches.push_back({std::string(it->key().data(), it->key().size()), std::move(row)});
      }
    }
    if (Status st = it->status(); !st.ok()) ThrowStatus(st);
  }
  if (matches.empty()) return;
  if (action == ForeignKeyAction::kNoAction || action == ForeignKeyAction::kRestrict) {
    throw StillReferencedError(ctx, parent, child, fk, old_row);
  }
  TableWriter writer(ctx, child);
  for (Match& m : matches) {
    if (action == ForeignKeyAction::kCascade && is_delete) {
      writer.Delete(m.key, &m.row);
      continue;
    }
    Row updated = m.row;
    if (action == ForeignKeyAction::kCascade) {
      for (size_t i = 0; i < fk.columns.size(); ++i) {
        const catalog::ColumnDesc& col = Column(child, fk.columns[i]);
        std::optional<Value> v =
            ConvertTo(new_row[static_cast<size_t>(fk.referenced_columns[i] - 1)], col.type);
        updated[static_cast<size_t>(fk.columns[i] - 1)] =
            v.has_value() ? std::move(*v) : Value::Null(col.type);
      }
    } else {
      const std::vector<int16_t>& set_columns =
          is_delete && !fk.delete_set_columns.empty() ? fk.delete_set_columns : fk.columns;
      for (int16_t a : set_columns) {
        const size_t slot = static_cast<size_t>(a - 1);
        updated[slot] = action == ForeignKeyAction::kSetNull ? Value::Null(child.columns[slot].type)
                                                             : writer.EvaluateDefault(slot);
      }
    }
    // SET DEFAULT to the very key that went away: the row's key did not
    // change, so no check of the referencing side would catch it; it is
    // still referenced unless the key exists again (PostgreSQL's
    // RI_FKey_setdefault re-runs the NO ACTION check for this).
    if (action == ForeignKeyAction::kSetDefault && references_old_key(updated) &&
        !ParentKeyExists(ctx, parent, fk.referenced_columns, old_key, /*lock=*/false)) {
      throw StillReferencedError(ctx, parent, child, fk, old_row);
    }
    writer.CheckConstraints(updated);
    writer.Update(m.key, std::move(updated), &m.row);
  }
  writer.FireForeignKeys();
}

}  // namespace

catalog::ForeignKeyDesc DefineForeignKey(CommandContext& ctx, const catalog::TableDesc& table,
                                         const ast::ForeignKeyDef& def,
                                         std::set<std::string>* used_names) {
  // The referenced table: the new (or altered) table itself, or one in the catalog.
  const ast::RangeVar& rv = def.referenced_table;
  const TableDesc* parent = FindTable(ctx, rv);
  if (parent != nullptr && parent->oid == table.oid) parent = &table;
  if (parent == nullptr && rv.name == table.name) {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(table.namespace_oid);
    if (rv.schema.empty() || (ns != nullptr && ns->name == rv.schema)) parent = &table;
  }
  if (parent == nullptr) {
    const std::string shown = rv.schema.empty() ? rv.name : rv.schema + "." + rv.name;
    if (FindView(ctx, rv) != nullptr) {
      throw SqlError(SqlState::kWrongObjectType,
                     "referenced relation \"" + rv.name + "\" is not a table");
    }
    throw SqlError(SqlState::kUndefinedTable, "relation \"" + shown + "\" does not exist");
  }
  if (table.foreign_keys.size() >= kMaxForeignKeys) {
    // Their pg_constraint OIDs are numbered in a range of this size.
    throw SqlError(SqlState::kFeatureNotSupported,
                   "more than " + std::to_string(kMaxForeignKeys) +
                       " foreign keys on one table are not supported yet");
  }
  ForeignKeyDesc fk;
  fk.referenced_table = parent->oid;
  fk.columns = ColumnAttnums(table, def.columns);
  fk.delete_set_columns = ColumnAttnums(table, def.delete_set_columns);
  for (size_t i = 0; i < fk.delete_set_columns.size(); ++i) {
    if (std::find(fk.columns.begin(), fk.columns.end(), fk.delete_set_columns[i]) ==
        fk.columns.end()) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     "column \"" + def.delete_set_columns[i] +
                         "\" referenced in ON DELETE SET action must be part of foreign key");
    }
  }
  if (def.referenced_columns.empty()) {
    if (parent->primary_key.empty()) {
      throw SqlError(SqlState::kUndefinedObject,
                     "there is no primary key for referenced table \"" + parent->name + "\"");
    }
    fk.referenced_columns = parent->primary_key;
  } else {
    fk.referenced_columns = ColumnAttnums(*parent, def.referenced_columns);
    for (size_t i = 0; i < fk.referenced_columns.size(); ++i) {
      for (size_t j = i + 1; j < fk.referenced_columns.size(); ++j) {
        if (fk.referenced_columns[i] == fk.referenced_columns[j]) {
          throw SqlError(SqlState::kInvalidForeignKey,
                         "foreign key referenced-columns list must not contain duplicates");
        }
      }
    }
    bool unique = !parent->primary_key.empty() &&
                  SameColumnSet(parent->primary_key, fk.referenced_columns);
    for (const catalog::IndexDesc& ix : parent->indexes) {
      if (unique || !ix.unique || !ix.predicate.empty()) continue;
      std::vector<int16_t> keys;
      for (const catalog::IndexKeyColumn& k : ix.keys) keys.push_back(k.attnum);
      unique = SameColumnSet(keys, fk.referenced_columns);
    }
    if (!unique) {
      throw SqlError(SqlState::kInvalidForeignKey,
                     "there is no unique constraint matching given keys for referenced table \"" +
                         parent->name + "\"");
    }
  }
  if (fk.columns.size() != fk.referenced_columns.size()) {
    throw SqlError(SqlState::kInvalidForeignKey,
                   "number of referencing and referenced columns for foreign key disagree");
  }
  if (!def.name.empty()) {
    fk.name = def.name;
    for (const ForeignKeyDesc& other : table.foreign_keys) {
      if (other.name == def.name) {
        throw SqlError(SqlState::kDuplicateObject, "constraint \"" + def.name +
                                                       "\" for relation \"" + table.name +
                                                       "\" already exists");
      }
    }
  } else {
    std::set<std::string> taken = *used_names;
    CollectConstraintNames(ctx, table.namespace_oid, &taken);
    std::string columns;
    for (const std::string& c : def.columns) {
      if (columns.size() >= kMaxNameBytes) break;
      if (!columns.empty()) columns += "_";
      columns += c;
    }
    fk.name = MakeObjectName(table.name, columns, "fkey");
    for (int pass = 1; taken.count(fk.name) != 0; ++pass) {
      fk.name = MakeObjectName(table.name, columns, "fkey" + std::to_string(pass));
    }
  }
  used_names->insert(fk.name);
  CheckForeignKeyTypes(table, fk, *parent);
  fk.match = static_cast<catalog::ForeignKeyMatch>(def.match);
  fk.on_update = static_cast<ForeignKeyAction>(def.on_update);
  fk.on_delete = static_cast<ForeignKeyAction>(def.on_delete);
  fk.deferrable = def.deferrable;
  fk.initially_deferred = def.initially_deferred;
  return fk;
}

void CheckForeignKeyTypes(const catalog::TableDesc& table, const catalog::ForeignKeyDesc& fk,
                          const catalog::TableDesc& referenced) {
  for (size_t i = 0; i < fk.columns.size(); ++i) {
    const catalog::ColumnDesc& fk_col = Column(table, fk.columns[i]);
    const catalog::ColumnDesc& pk_col = Column(referenced, fk.referenced_columns[i]);
    if (!TypesCompatible(fk_col.type, pk_col.type)) {
      throw SqlError(SqlState::kDatatypeMismatch,
                     "foreign key constraint \"" + fk.name + "\" cannot be implemented")
          .WithDetail("Key columns \"" + fk_col.name + "\" and \"" + pk_col.name +
                      "\" are of incompatible types: " + FormatTypeName(fk_col.type) + " and " +
                      FormatTypeName(pk_col.type) + ".");
    }
  }
}

void ValidateForeignKey(CommandContext& ctx, const catalog::TableDesc& table,
                        const catalog::ForeignKeyDesc& fk, const catalog::TableDesc& referenced) {
  (void)referenced;
  TableCodec codec(table);
  SeqScan scan(ctx.txn, &codec);
  scan.Init();
  Row row;
  while (scan.Next(&row)) {
    CheckReferencingRow(ctx, table, fk, row);
    row = Row();
  }
  scan.Close();
}

void RunDeferredForeignKeyCheck(const CommandContext& ctx, const catalog::TableDesc& table,
                                const catalog::ForeignKeyDesc& fk, const DeferredCheck& check) {
  if (check.kind == DeferredCheck::Kind::kReferencing) {
    // The row as it is now: deleted, or its key changed by a later update
    // (which queued its own check), and there is nothing to check.
    auto got = ctx.txn->Get(table.tree, check.key);
    if (!got.ok()) ThrowStatus(got.status());
    if (!got.value().has_value()) return;
    TableCodec codec(table);
    const Row row = codec.DecodeValue(*got.value());
    if (row.size() != check.row.size() || !KeyUnchanged(fk.columns, check.row, row)) return;
    CheckReferencingRow(ctx, table, fk, row);
    return;
  }
  const TableDesc* parent =
      fk.referenced_table == table.oid ? &table : ctx.catalog->FindTable(fk.referenced_table);
  if (parent == nullptr) return;
  ApplyReferencedAction(ctx, *parent, table, fk, check.row, check.new_row);
}

std::vector<ReferencingKey> ReferencingKeys(const CommandContext& ctx, Oid table_oid) {
  std::vector<ReferencingKey> out;
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    for (const ForeignKeyDesc& fk : t->foreign_keys) {
      if (fk.referenced_table == table_oid) out.push_back({t.get(), &fk});
    }
  }
  return out;
}

bool HasForeignKeyRole(const CommandContext& ctx, const catalog::TableDesc& table) {
  return !table.foreign_keys.empty() || !ReferencingKeys(ctx, table.oid).empty();
}

std::string ForeignKeyDefinition(const catalog::CatalogSnapshot& catalog,
                                 const catalog::TableDesc& table,
                                 const catalog::ForeignKeyDesc& fk) {
  auto names = [](const TableDesc& t, const std::vector<int16_t>& attnums) {
    std::string out;
    for (int16_t a : attnums) {
      if (!out.empty()) out += ", ";
      out += QuoteIdentText(Column(t, a).name);
    }
    return out;
  };
  const TableDesc* parent = catalog.FindTable(fk.referenced_table);
  std::string out = "FOREIGN KEY (" + names(table, fk.columns) + ") REFERENCES ";
  if (parent == nullptr) return out + "-";
  // Qualified unless search_path reaches it (generate_relation_name).
  if (!RelationIsVisible(catalog, parent->oid)) {
    const catalog::NamespaceDesc* ns = catalog.FindNamespace(parent->namespace_oid);
    if (ns != nullptr) out += QuoteIdentText(ns->name) + ".";
  }
  out += QuoteIdentText(parent->name) + "(" + names(*parent, fk.referenced_columns) + ")";
  if (fk.match == catalog::ForeignKeyMatch::kFull) out += " MATCH FULL";
  auto action = [](ForeignKeyAction a) -> std::string {
    switch (a) {
      case ForeignKeyAction::kRestrict:
        return "RESTRICT";
      case ForeignKeyAction::kCascade:
        return "CASCADE";
      case ForeignKeyAction::kSetNull:
        return "SET NULL";
      case ForeignKeyAction::kSetDefault:
        return "SET DEFAULT";
      case ForeignKeyAction::kNoAction:
        break;
    }
    return "";
  };
  if (fk.on_update != ForeignKeyAction::kNoAction) out += " ON UPDATE " + action(fk.on_update);
  if (fk.on_delete != ForeignKeyAction::kNoAction) {
    out += " ON DELETE " + action(fk.on_delete);
    if (!fk.delete_set_columns.empty()) out += " (" + names(table, fk.delete_set_columns) + ")";
  }
  if (fk.deferrable) out += " DEFERRABLE";
  if (fk.initially_deferred) out += " INITIALLY DEFERRED";
  if (!fk.validated) out += " NOT VALID";
  return out;
}

ForeignKeyEvents::ForeignKeyEvents(const CommandContext& ctx, const catalog::TableDesc& table)
    : ctx_(ctx), table_(table), active_(ctx.catalog != nullptr && HasForeignKeyRole(ctx, table)) {}

void ForeignKeyEvents::RowInserted(const Row& row, const std::string& key) {
  if (active_ && !table_.foreign_keys.empty()) events_.push_back({Row(), row, key});
}

void ForeignKeyEvents::RowUpdated(const Row& old_row, const Row& new_row,
                                  const std::string& key) {
  if (active_) events_.push_back({old_row, new_row, key});
}

void ForeignKeyEvents::RowDeleted(const Row& old_row) {
  if (active_) events_.push_back({old_row, Row(), std::string()});
}

void ForeignKeyEvents::Fire() {
  if (events_.empty()) return;
  CheckStackDepth();
  std::vector<Event> events = std::move(events_);
  events_.clear();
  const std::vector<ReferencingKey> referencing = ReferencingKeys(ctx_, table_.oid);
  DeferredConstraints* deferred = CurrentDeferredConstraints();
  for (const Event& ev : events) {
    // PostgreSQL fires the referenced side's action triggers ("RI_..._a_")
    // before the referencing side's checks ("RI_..._c_"): by name.
    if (!ev.old_row.empty()) {
      for (const ReferencingKey& ref : referencing) {
        if (!ev.new_row.empty() &&
            KeyUnchanged(ref.fk->referenced_columns, ev.old_row, ev.new_row)) {
          continue;
        }
        // Only NO ACTION is deferrable (PostgreSQL makes the other actions'
        // triggers NOT DEFERRABLE whatever the constraint says).
        const ForeignKeyAction action = ev.new_row.empty() ? ref.fk->on_delete : ref.fk->on_update;
        if (action == ForeignKeyAction::kNoAction && deferred != nullptr &&
            deferred->IsDeferred(ref.table->oid, *ref.fk)) {
          DeferredCheck check;
          check.kind = DeferredCheck::Kind::kReferenced;
          check.table_oid = ref.table->oid;
          check.fk_name = ref.fk->name;
          check.row = ev.old_row;
          check.new_row = ev.new_row;
          deferred->Queue(std::move(check));
          continue;
        }
        ApplyReferencedAction(ctx_, table_, *ref.table, *ref.fk, ev.old_row, ev.new_row);
      }
    }
    if (!ev.new_row.empty()) {
      for (const ForeignKeyDesc& fk : table_.foreign_keys) {
        if (!ev.old_row.empty() && KeyUnchanged(fk.columns, ev.old_row, ev.new_row)) continue;
        if (deferred != nullptr && deferred->IsDeferred(table_.oid, fk)) {
          DeferredCheck check;
          check.kind = DeferredCheck::Kind::kReferencing;
          check.table_oid = table_.oid;
          check.fk_name = fk.name;
          check.key = ev.key;
          check.row = ev.new_row;
          deferred->Queue(std::move(check));
          continue;
        }
        CheckReferencingRow(ctx_, table_, fk, ev.new_row);
      }
    }
  }
}

}  // namespace strata::sql
