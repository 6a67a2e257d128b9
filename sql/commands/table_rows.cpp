// TableWriter: defaults, constraints and writes of table rows (see table_rows.h).
#include "sql/commands/table_rows.h"

#include "sql/commands/insert_lock_escalation.h"
#include "sql/commands/row_locks.h"
#include "sql/commands/foreign_keys.h"

#include <algorithm>

#include "sql/binder/column_use.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/column_privileges.h"
#include "sql/commands/deferred_constraints.h"
#include "sql/commands/row_locks.h"
#include "sql/commands/partition_routing.h"
#include "sql/commands/stored_expr.h"
#include "sql/parser/parser.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/types/type_io.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

std::string ValueText(const Value& v) { return v.is_null() ? "null" : OutputValue(v); }

}  // namespace

BindScope TableScope(const CommandContext& ctx, const catalog::TableDesc& table,
                     const std::string& alias) {
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(table.namespace_oid);
  return TableScope(table, ns != nullptr ? ns->name : "", alias);
}

BindScope TableScope(const catalog::TableDesc& table, const std::string& schema,
                     const std::string& alias) {
  BindScope scope;
  ScopeRelation rel;
  rel.schema = schema;
  rel.table_name = table.name;
  rel.alias = alias.empty() ? table.name : alias;
  rel.relation_oid = table.oid;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const catalog::ColumnDesc& c = table.columns[i];
    if (c.dropped) continue;
    rel.columns.push_back(
        {c.name, DataType{c.type, c.typmod}, static_cast<int>(i), false, table.oid, c.attnum});
  }
  scope.relations.push_back(std::move(rel));
  return scope;
}

BoundExprPtr CoerceToColumn(Binder& binder, BoundExprPtr expr, const catalog::ColumnDesc& column) {
  const Oid source = expr->type().oid;
  const int location = expr->location();
  if (!CanCoerceType(source, column.type, CoercionContext::kAssignment)) {
    throw binder
        .ErrorAt(SqlState::kDatatypeMismatch,
                 "column \"" + column.name + "\" is of type " + FormatTypeName(column.type) +
                     " but expression is of type " + FormatTypeName(source),
                 location)
        .WithHint("You will need to rewrite or cast the expression.");
  }
  return binder.CoerceToTargetType(std::move(expr), DataType{column.type, column.typmod},
                                   CoercionContext::kAssignment, false, location);
}

TableWriter::TableWriter(const CommandContext& ctx, const catalog::TableDesc& table)
    : ctx_(ctx),
      table_(table),
      codec_(table),
      scope_(TableScope(ctx, table)),
      indexes_(ctx, table),
      foreign_keys_(std::make_unique<ForeignKeyEvents>(ctx, table)) {
  defaults_.resize(table.columns.size());
  defaults_bound_.resize(table.columns.size(), false);
  // The constraints read columns the statement's user need not hold SELECT
  // on (column privileges, column_use.h).
  ScopedNoColumnUse no_column_use;
  for (size_t slot = 0; slot < table.columns.size(); ++slot) {
    const catalog::ColumnDesc& column = table.columns[slot];
    if (column.dropped || column.generated == 0 || !column.default_expr) continue;
    std::string query;
    const ast::Expr& expr = ParseStoredExpr(*column.default_expr, &parsed_, &query);
    Binder binder(query);
    binder.SetScope(&scope_);
    generated_.emplace_back(slot, CoerceToColumn(binder, binder.BindExpr(expr), column));
  }
  for (const catalog::CheckConstraint& check : table.checks) {
    std::string query;
    const ast::Expr& expr = ParseStoredExpr(check.expr, &parsed_, &query);
    Binder binder(query);
    binder.SetScope(&scope_);
    checks_.emplace_back(check.name, binder.CoerceToBoolean(binder.BindExpr(expr), "CHECK"));
  }
  std::sort(checks_.begin(), checks_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  if (table.partition_bound) {
    partition_check_ = std::make_unique<PartitionConstraintCheck>(ctx, table);
  }
}

bool TableWriter::MeetsPartitionConstraint(const Row& row) {
  return partition_check_ == nullptr || partition_check_->Satisfied(row);
}

Value TableWriter::EvaluateDefault(size_t slot) {
  const catalog::ColumnDesc& column = table_.columns[slot];
  // A generated column is computed from the row (CheckConstraints).
  if (column.generated != 0) return Value::Null(column.type);
  if (!defaults_bound_[slot]) {
    defaults_bound_[slot] = true;
    // Without a default of its own, a column of a domain type takes the
    // domain's (NULL if none), which must meet the domain's constraints.
    std::optional<std::string> text = column.default_expr;
    if (!text && column.type >= catalog::kFirstNormalObjectId && IsDomainType(column.type)) {
      auto domain = FindUserType(column.type);
      text = domain->default_expr ? *domain->default_expr : std::string("NULL");
    }
    if (text.has_value()) {
      std::string query;
      const ast::Expr& expr = ParseStoredExpr(*text, &parsed_, &query);
      Binder binder(query);
      defaults_[slot] = CoerceToColumn(binder, binder.BindExpr(expr), column);
    }
  }
  if (defaults_[slot] == nullptr) return Value::Null(column.type);
  eval_.SetRow(nullptr);
  return defaults_[slot]->Evaluate(eval_);
}

void TableWriter::SetObject(SqlError* e, const std::string& constraint) const {
  const catalog::NamespaceDesc* ns = ctx_.catalog->FindNamespace(table_.namespace_oid);
  e->mutable_fields().schema_name = ns != nullptr ? ns->name : "";
  e->mutable_fields().table_name = table_.name;
  e->mutable_fields().constraint_name = constraint;
}

std::string TableWriter::FailingRowDetail(const Row& row) const {
  const catalog::CatalogSnapshot& catalog = *ctx_.catalog;
  if (HasRelationPrivileges(catalog, table_.oid, table_.owner, catalog::kAclSelect)) {
    std::string detail = "Failing row contains (";
    bool first = true;
    for (size_t i = 0; i < table_.columns.size(); ++i) {
      if (table_.columns[i].dropped) continue;
      if (!first) detail += ", ";
      first = false;
      detail += ValueText(row[i]);
    }
    return detail + ").";
  }
  const catalog::Oid role = CheckingRole(catalog);
  std::string names, values;
  for (size_t i = 0; i < table_.columns.size(); ++i) {
    const catalog::ColumnDesc& c = table_.columns[i];
    if (c.dropped) continue;
    const bool modified = std::find(modified_.begin(), modified_.end(), c.attnum) != modified_.end();
    if (!modified &&
        ColumnAclMask(catalog, table_.oid, c.attnum, role, catalog::kAclSelect) == 0) {
      continue;
    }
    if (!names.empty()) {
      names += ", ";
      values += ", ";
    }
    names += c.name;
    values += ValueText(row[i]);
  }
  if (names.empty()) return "";
  return "Failing row contains (" + names + ") = (" + values + ").";
}

void TableWriter::CheckConstraints(Row& row) {
  for (const auto& [slot, expr] : generated_) {
    eval_.SetRow(&row);
    Value v = expr->Evaluate(eval_);
    row[slot] = std::move(v);
  }
  for (size_t i = 0; i < table_.columns.size(); ++i) {
    const catalog::ColumnDesc& c = table_.columns[i];
    if (c.dropped || !c.not_null || !row[i].is_null()) continue;
    SqlError e(SqlState::kNotNullViolation, "null value in column \"" + c.name +
                                                "\" of relation \"" + table_.name +
                                                "\" violates not-null constraint");
    if (std::string detail = FailingRowDetail(row); !detail.empty()) e.WithDetail(detail);
    SetObject(&e, "");
    e.mutable_fields().column_name = c.name;
    throw e;
  }
  for (const auto& [name, expr] : checks_) {
    eval_.SetRow(&row);
    const Value ok = expr->Evaluate(eval_);
    if (ok.is_null() || ok.bool_value()) continue;  // NULL passes a CHECK
    SqlError e(SqlState::kCheckViolation, "new row for relation \"" + table_.name +
                                              "\" violates check constraint \"" + name + "\"");
    if (std::string detail = FailingRowDetail(row); !detail.empty()) e.WithDetail(detail);
    SetObject(&e, name);
    throw e;
  }
  if (!MeetsPartitionConstraint(row)) {
    SqlError e(SqlState::kCheckViolation,
               "new row for relation \"" + table_.name + "\" violates partition constraint");
    if (std::string detail = FailingRowDetail(row); !detail.empty()) e.WithDetail(detail);
    SetObject(&e, "");
    throw e;
  }
}

SqlError TableWriter::DuplicateKeyError(const std::string& key) const {
  std::vector<Value> values = DecodeKey(codec_.key_columns(), key);
  std::string names, texts;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) {
      names += ", ";
      texts += ", ";
    }
    names += table_.columns[static_cast<size_t>(codec_.key_slots()[i])].name;
    texts += ValueText(values[i]);
  }
  SqlError e(SqlState::kUniqueViolation, "duplicate key value violates unique constraint \"" +
                                             table_.primary_key_name + "\"");
  // BuildIndexValueDescription: only to a role that may SELECT every key
  // column.
  if (MaySeeColumns(*ctx_.catalog, table_, table_.primary_key)) {
    e.WithDetail("Key (" + names + ")=(" + texts + ") already exists.");
  }
  SetObject(&e, table_.primary_key_name);
  return e;
}

TableWriter::~TableWriter() {
  try {
    PublishCounts();
  } catch (...) {  // NOLINT: statistics never fail a statement
  }
}

void TableWriter::PublishCounts() {
  CountTableWrites(ctx_.txn, table_.oid, counts_);
  counts_ = TxnTableCounts{};
}

std::string TableWriter::Insert(Row row) {
  std::string key;
  if (codec_.has_primary_key()) {
    key = codec_.EncodeKey(row);
    // A concurrent inserter of this key makes us wait for its end: then
    // 23505 if it committed (at our commit-time check), none if it rolled
    // back -- as PostgreSQL's unique check waits for the other inserter.
    LockNewKeyForWrite(ctx_, table_, table_, key);
    auto existing = ctx_.txn->Get(table_.tree, key);
    if (!existing.ok()) ThrowStatus(existing.status());
    if (existing.value().has_value()) throw DuplicateKeyError(key);
  } else {
    key = NewRowIdKey();
  }
  if (!indexes_.empty()) indexes_.Insert(row, key);
  if (foreign_keys_->active()) foreign_keys_->RowInserted(row, key);
  std::string value = codec_.EncodeValue(row);
  if (codec_.has_primary_key()) {
    ctx_.txn->PutNew(table_.tree, key, std::move(value));
  } else {
    ctx_.txn->Put(table_.tree, key, std::move(value));
  }
  ++counts_.inserted;
  return key;
}

std::string TableWriter::NewRowIdKey() {
  auto id = ctx_.db->NextRowId(table_.tree);
  if (!id.ok()) ThrowStatus(id.status());
  std::string key;
  AppendRowIdKey(id.value(), &key);
  return key;
}

std::string TableWriter::Update(const std::string& old_key, Row row, const Row* old_row) {
  Row read_row;
  if ((!indexes_.empty() || foreign_keys_->active()) && old_row == nullptr) {
    auto existing = ctx_.txn->Get(table_.tree, old_key);
    if (!existing.ok()) ThrowStatus(existing.status());
    if (existing.value().has_value()) read_row = codec_.DecodeValue(*existing.value());
    old_row = &read_row;
  }
  if (codec_.has_primary_key()) {
    std::string key = codec_.EncodeKey(row);
    if (key != old_key) {
      // A key change takes FOR UPDATE on the old row, and the new key as an
      // insert does.
      LockRowForWrite(ctx_, table_, old_key, txn::RowLockMode::kUpdate);
      LockRowForWrite(ctx_, table_, key, txn::RowLockMode::kUpdate);
      ctx_.txn->DeleteExisting(table_.tree, old_key);
      auto existing = ctx_.txn->Get(table_.tree, key);
      if (!existing.ok()) ThrowStatus(existing.status());
      if (existing.value().has_value()) throw DuplicateKeyError(key);
      if (!indexes_.empty() && !old_row->empty()) indexes_.Update(*old_row, old_key, row, key);
      if (foreign_keys_->active() && !old_row->empty()) {
        foreign_keys_->RowUpdated(*old_row, row, key);
      }
      ctx_.txn->PutNew(table_.tree, key, codec_.EncodeValue(row));
      ++counts_.updated;
      return key;
    }
  }
  // Key columns unchanged: FOR NO KEY UPDATE, as PostgreSQL's UPDATE takes.
  LockRowForWrite(ctx_, table_, old_key, txn::RowLockMode::kNoKeyUpdate);
  if (codec_.has_primary_key()) {
    if (!indexes_.empty() && !old_row->empty()) indexes_.Update(*old_row, old_key, row, old_key);
    if (foreign_keys_->active() && !old_row->empty()) {
      foreign_keys_->RowUpdated(*old_row, row, old_key);
    }
    ctx_.txn->PutExisting(table_.tree, old_key, codec_.EncodeValue(row));
    ++counts_.updated;
    return old_key;
  }
  // No primary key: the new row version goes under a fresh row id, after
  // every row the table has, as PostgreSQL's heap puts an updated tuple
  // where there is room (at the end, once the pages are full): a seq scan
  // then lists updated rows after the untouched ones, in update order. The
  // old key is deleted as a write to an existing row (a concurrent change
  // of it is a conflict, as for PutExisting); MoveExisting records the move,
  // so a transaction that loses the race on the old key is told "concurrent
  // update", not "delete" (txn/moved_keys.h). Row ids are never reused, so
  // the old key cannot reappear.
  if (ctx_.txn->DeletesKey(table_.tree, old_key)) {
    // Moved or deleted since the statement read it: by a trigger (or a
    // function) the statement ran. Writing it again would duplicate the
    // row; PostgreSQL refuses the same (TM_SelfModified in ExecUpdate).
    throw SqlError(SqlState::kTriggeredDataChangeViolation,
                   "tuple to be updated was already modified by an operation triggered by the "
                   "current command")
        .WithHint("Consider using an AFTER trigger instead of a BEFORE trigger to propagate "
                  "changes to other rows.");
  }
  std::string key = NewRowIdKey();
  if (!indexes_.empty() && !old_row->empty()) indexes_.Update(*old_row, old_key, row, key);
  if (foreign_keys_->active() && !old_row->empty()) foreign_keys_->RowUpdated(*old_row, row, key);
  ctx_.txn->MoveExisting(table_.tree, old_key, key, codec_.EncodeValue(row));
  if (!table_.foreign_keys.empty()) {
    if (DeferredConstraints* deferred = CurrentDeferredConstraints()) {
      deferred->RowMoved(table_.oid, old_key, key);
    }
  }
  ++counts_.updated;
  return key;
}

void TableWriter::Delete(const std::string& key, const Row* old_row) {
  LockRowForWrite(ctx_, table_, key, txn::RowLockMode::kUpdate);
  Row read_row;
  if ((!indexes_.empty() || foreign_keys_->active()) && old_row == nullptr) {
    auto existing = ctx_.txn->Get(table_.tree, key);
    if (!existing.ok()) ThrowStatus(existing.status());
    if (existing.value().has_value()) read_row = codec_.DecodeValue(*existing.value());
    old_row = &read_row;
  }
  if (!indexes_.empty() && !old_row->empty()) indexes_.Delete(*old_row, key);
  if (foreign_keys_->active() && !old_row->empty()) foreign_keys_->RowDeleted(*old_row);
  ctx_.txn->DeleteExisting(table_.tree, key);
  ++counts_.deleted;
}

void TableWriter::FireForeignKeys() { foreign_keys_->Fire(); }

}  // namespace strata::sql
