// ALTER TABLE: the actions of one statement applied in order to a working
// copy of the table's catalog record, then written in the statement's
// transaction (one commit with everything else, see CommitStatementTransaction).
//
// Rows are read (once, into memory, aligned with the working record's slots)
// only when an action needs them: to validate (SET NOT NULL, ADD CHECK, a NOT
// NULL or volatile-default ADD COLUMN) or to rewrite. Metadata-only actions
// (RENAME, SET SCHEMA, SET/DROP DEFAULT, DROP NOT NULL, DROP COLUMN of a
// non-key column, ADD COLUMN with a constant DEFAULT) never touch a row:
//
// * ADD COLUMN ... DEFAULT c stores c as the column's missing value
//   (PostgreSQL's attmissingval): rows written before read it (row_codec).
// * DROP COLUMN marks the slot dropped; attnums are never reused.
//
// A rewrite (ALTER COLUMN TYPE, a primary key added or dropped, a volatile
// ADD COLUMN DEFAULT) writes every row into a new tree keyed by the final
// primary key (or fresh hidden row ids), like PostgreSQL's new relfilenode;
// the old tree is dropped after commit. Missing values are cleared then,
// since every row stores every column.
//
// Validation follows PostgreSQL's phase 3 (ATRewriteTable): per row, NOT NULL
// of the columns that gained it (23502 "column ... contains null values"),
// then the new CHECK constraints (23514 "... is violated by some row"); a new
// or rebuilt primary key reports duplicates as index creation does (23505
// "could not create unique index").
//
// Rows that must be read are held in memory for the statement (fine for the
// tables we see today; a spilling rewrite is future work).
//
// Inheritance (ExecuteAlterTable): the named table is altered first, then
// each action that recurses (ADD/DROP COLUMN, RENAME, TYPE, SET/DROP NOT
// NULL and DEFAULT, ADD/DROP CHECK) goes down the hierarchy one action at a
// time, each descendant altered by its own AlterTable in InheritedRun mode:
// an inherited column or CHECK it already has merges (inhcount + 1), one it
// has from another parent or locally is only counted down on DROP, and the
// children's copies keep the parent's constraint names. With ONLY, DROP
// COLUMN / DROP CONSTRAINT make the children's copies local instead, and
// what would leave children behind is refused (42P16), as PostgreSQL does.
#include <algorithm>
#include <set>

#include "sql/ast/alter_table_statement.h"
#include "sql/commands/table_options.h"
#include "sql/binder/coercion_rules.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/partition_attach.h"
#include "sql/commands/sequence_commands.h"
#include "sql/commands/index_commands.h"
#include "sql/commands/index_expressions.h"
#include "sql/commands/index_maintenance.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/expr_walk.h"
#include "sql/commands/foreign_keys.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_inheritance.h"
#include "sql/commands/table_rows.h"
#include "sql/executor/plan_node.h"
#include "sql/parser/parser.h"
#include "sql/commands/alter_view.h"
#include "sql/commands/index_predicate.h"
#include "sql/parser/rename_column_ref.h"
#include "sql/storage_format/storage_type.h"
#include "sql/types/composite_type.h"
#include "sql/types/type_io.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

namespace {

using Action = ast::AlterTableAction;

std::string ValueText(const Value& v) { return v.is_null() ? "null" : OutputValue(v); }

// PostgreSQL cooks ALTER TABLE's DEFAULT and CHECK expressions without the
// query text (AddRelationNewConstraints gets none), so their errors carry no
// position; USING expressions do have one.
template <typename Fn>
auto WithoutPosition(Fn&& fn) {
  try {
    return fn();
  } catch (SqlError& e) {
    e.mutable_fields().position = 0;
    throw;
  }
}

// PostgreSQL's system columns: no user column may take these names.
bool IsSystemColumn(const std::string& name) {
  for (const char* system : {"tableoid", "cmax", "xmax", "cmin", "xmin", "ctid"}) {
    if (name == system) return true;
  }
  return false;
}

void CheckNotSystemColumn(const std::string& name) {
  if (IsSystemColumn(name)) {
    throw SqlError(SqlState::kDuplicateColumn,
                   "column name \"" + name + "\" conflicts with a system column name");
  }
}

// How a statement's actions reach an inheritance descendant of the table it
// names (see ExecuteAlterTable).
struct InheritedRun {
  // true: this table is a descendant; its inhcount/islocal change instead
  // of some actions applying (PostgreSQL's recursing ATExec* paths).
  bool recursing = false;
  // The named table was ONLY: DROP COLUMN / DROP CONSTRAINT leave the
  // children's column or constraint, now local to them.
  bool only = false;
  std::vector<bool> skip;  // per action: it does not reach this table
  // Per action: the CHECK constraints it added to the named table, by name
  // (children keep the parent's names).
  std::vector<std::vector<std::string>> check_names;
};

class AlterTable {
 public:
  AlterTable(CommandContext& ctx, const ast::AlterTableStatement& stmt,
             const catalog::TableDesc& table, InheritedRun inherited = {})
      : ctx_(ctx), stmt_(stmt), original_(table), t_(table), inh_(std::move(inherited)) {
    check_names_.resize(stmt.actions.size());
    skip_below_ = inh_.skip;
    skip_below_.resize(stmt.actions.size(), false);
  }

  void Run() {
    if (NeedsRows()) LoadRows();
    for (action_ = 0; action_ < stmt_.actions.size(); ++action_) {
      if (action_ < inh_.skip.size() && inh_.skip[action_]) continue;
      const Action& a = stmt_.actions[action_];
      if (inh_.recursing && ApplyInherited(a)) continue;
      Apply(a);
    }
    Finish();
  }

  const std::vector<std::vector<std::string>>& check_names() const { return check_names_; }
  // Per action: whether it stops here (this table's column or constraint
  // stays, so the descendants' are not touched either).
  const std::vector<bool>& skip_below() const { return skip_below_; }

 private:
  // A parent's action on this descendant; false: apply it as to the named table.
  bool ApplyInherited(const Action& a) {
    switch (a.kind) {
      case Action::Kind::kAddColumn: {
        const int slot = t_.FindColumn(a.column.name);
        if (slot < 0) {
          AddColumn(a, /*with_key=*/false);
          t_.columns.back().inhcount = 1;
          t_.columns.back().is_local = false;
          return true;
        }
        catalog::ColumnDesc& col = t_.columns[static_cast<size_t>(slot)];
        const DataType type = Binder(ctx_.query).ResolveTypeName(a.column.type);
        if (type.oid != col.type || type.typmod != col.typmod) {
          throw SqlError(SqlState::kDatatypeMismatch, "child table \"" + t_.name +
                                                          "\" has different type for column \"" +
                                                          col.name + "\"");
        }
        ctx_.Notice(SqlState::kSuccessfulCompletion, "merging definition of column \"" +
                                                         col.name + "\" for child \"" + t_.name +
                                                         "\"");
        ++col.inhcount;
        skip_below_[action_] = true;
        for (size_t k = 0; k < a.column.checks.size(); ++k) {
          AddInheritedCheck(a.column.checks[k], inh_.check_names.at(action_).at(k),
                            a.column.name);
        }
        return true;
      }
      case Action::Kind::kDropColumn: {
        const int slot = t_.FindColumn(a.name);
        if (slot < 0) return true;
        catalog::ColumnDesc& col = t_.columns[static_cast<size_t>(slot)];
        if (inh_.only) {
          --col.inhcount;
          col.is_local = true;
          return true;
        }
        if (col.inhcount > 1 || col.is_local) {
          --col.inhcount;
          skip_below_[action_] = true;
          return true;
        }
        return false;
      }
      case Action::Kind::kAddCheck:
        if (!AddInheritedCheck(a.check, inh_.check_names.at(action_).at(0), "")) {
          skip_below_[action_] = true;
        }
        return true;
      case Action::Kind::kDropConstraint: {
        for (size_t i = 0; i < t_.checks.size(); ++i) {
          catalog::CheckConstraint& c = t_.checks[i];
          if (c.name != a.name) continue;
          if (inh_.only) {
            --c.inhcount;
            c.is_local = true;
          } else if (c.inhcount > 1 || c.is_local) {
            --c.inhcount;
            skip_below_[action_] = true;
          } else {
            validate_checks_.erase(a.name);
            t_.checks.erase(t_.checks.begin() + static_cast<std::ptrdiff_t>(i));
          }
          return true;
        }
        return true;  // primary keys, UNIQUE and foreign keys are not inherited
      }
      case Action::Kind::kRenameTable:
      case Action::Kind::kSetSchema:
      case Action::Kind::kAddPrimaryKey:
      case Action::Kind::kAddUnique:
      case Action::Kind::kAddForeignKey:
        return true;
      default:
        return false;
    }
  }

  const catalog::TableDesc& ParentTable(const ast::RangeVar& rv) const {
    const catalog::TableDesc* parent = FindTable(ctx_, rv);
    if (parent == nullptr) {
      const std::string name = rv.schema.empty() ? rv.name : rv.schema + "." + rv.name;
      throw SqlError(SqlState::kUndefinedTable, "relation \"" + name + "\" does not exist");
    }
    return *parent;
  }

  // INHERIT parent (PostgreSQL's ATExecAddInherit): the table must already
  // have every parent column (same type, NOT NULL where the parent's is) and
  // CHECK constraint (same expression); they count one more parent.
  void Inherit(const ast::RangeVar& rv) {
    const catalog::TableDesc& parent = ParentTable(rv);
    if (parent.oid == t_.oid) {
      throw SqlError(SqlState::kDuplicateTable, "circular inheritance not allowed")
          .WithDetail("\"" + t_.name + "\" is already a child of \"" + t_.name + "\".");
    }
    for (const catalog::TableDesc* d : ctx_.catalog->WithDescendants(t_.oid)) {
      if (d->oid == parent.oid) {
        throw SqlError(SqlState::kDuplicateTable, "circular inheritance not allowed")
            .WithDetail("\"" + parent.name + "\" is already a child of \"" + t_.name + "\".");
      }
    }
    if (std::find(t_.parents.begin(), t_.parents.end(), parent.oid) != t_.parents.end()) {
      throw SqlError(SqlState::kDuplicateTable,
                     "relation \"" + parent.name + "\" would be inherited from more than once");
    }
    MergeIntoExistingChild(parent, &t_);
    t_.parents.push_back(parent.oid);
  }

  // NO INHERIT parent (RemoveInheritance): what came from the parent stays,
  // local to this table.
  void NoInherit(const ast::RangeVar& rv) {
    const catalog::TableDesc& parent = ParentTable(rv);
    auto it = std::find(t_.parents.begin(), t_.parents.end(), parent.oid);
    if (it == t_.parents.end()) {
      throw SqlError(SqlState::kUndefinedTable, "relation \"" + parent.name +
                                                    "\" is not a parent of relation \"" +
                                                    t_.name + "\"");
    }
    t_.parents.erase(it);
    for (const catalog::ColumnDesc& pc : parent.columns) {
      if (pc.dropped) continue;
      const int slot = t_.FindColumn(pc.name);
      if (slot < 0) continue;
      catalog::ColumnDesc& col = t_.columns[static_cast<size_t>(slot)];
      if (col.inhcount > 0) --col.inhcount;
      if (col.inhcount == 0) col.is_local = true;
    }
    for (catalog::CheckConstraint& c : t_.checks) {
      for (const catalog::CheckConstraint& pc : parent.checks) {
        if (pc.no_inherit || pc.name != c.name || c.inhcount == 0) continue;
        --c.inhcount;
        if (c.inhcount == 0) c.is_local = true;
      }
    }
  }

  // A parent's new CHECK constraint `name` on this descendant: merged into
  // one of the same name and expression (one more parent; false: the
  // descendants below have it already), else added as inherited (true).
  bool AddInheritedCheck(const ast::CheckDef& def, const std::string& name,
                         const std::string& column) {
    for (catalog::CheckConstraint& c : t_.checks) {
      if (c.name != name) continue;
      if (c.expr != def.expr_text) {
        throw SqlError(SqlState::kDuplicateObject,
                       "constraint \"" + name + "\" for relation \"" + t_.name + "\" already exists");
      }
      if (c.no_inherit) {
        throw SqlError(SqlState::kInvalidObjectDefinition,
                       "constraint \"" + name + "\" conflicts with non-inherited constraint on "
                       "relation \"" + t_.name + "\"");
      }
      ctx_.Notice(SqlState::kSuccessfulCompletion,
                  "merging constraint \"" + name + "\" with inherited definition");
      ++c.inhcount;
      return false;
    }
    AddCheck(def, column, &name);
    t_.checks.back().is_local = false;
    t_.checks.back().inhcount = 1;
    return true;
  }

  // Whether any action must see the rows.
  bool NeedsRows() const {
    for (const Action& a : stmt_.actions) {
      switch (a.kind) {
        case Action::Kind::kAddColumn:
          if (a.column.not_null || a.column.primary_key || !a.column.checks.empty() ||
              (a.column.default_expr != nullptr && CallsVolatileFunction(*a.column.default_expr))) {
            return true;
          }
          break;
        case Action::Kind::kSetNotNull:
        case Action::Kind::kAlterType:
        case Action::Kind::kAddCheck:
        case Action::Kind::kValidateConstraint:
        case Action::Kind::kAddPrimaryKey:
          return true;
        case Action::Kind::kDropColumn: {
          const int slot = original_.FindColumn(a.name);
          if (slot >= 0 && InPrimaryKey(original_, slot)) return true;
          break;
        }
        case Action::Kind::kDropConstraint:
          if (!original_.primary_key.empty() && a.name == original_.primary_key_name) return true;
          break;
        default:
          break;
      }
    }
    return false;
  }

  static bool InPrimaryKey(const catalog::TableDesc& t, int slot) {
    return std::find(t.primary_key.begin(), t.primary_key.end(), slot + 1) != t.primary_key.end();
  }

  void LoadRows() {
    TableCodec codec(original_);
    SeqScan scan(ctx_.txn, &codec);
    scan.Init();
    Row row;
    while (scan.Next(&row)) {
      rows_.push_back(std::move(row));
      row = Row();
    }
    scan.Close();
    rows_loaded_ = true;
  }

  // Slot of a live column, or 42703 `column "c" of relation "t" does not exist`.
  size_t ColumnSlot(const std::string& name) const {
    const int slot = t_.FindColumn(name);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn,
                     "column \"" + name + "\" of relation \"" + t_.name + "\" does not exist");
    }
    return static_cast<size_t>(slot);
  }

  std::set<std::string> ConstraintNames() const {
    std::set<std::string> names;
    for (const auto& c : t_.checks) names.insert(c.name);
    if (!t_.primary_key.empty()) names.insert(t_.primary_key_name);
    return names;
  }

  static std::string UniqueName(const std::string& base, std::set<std::string>* used) {
    std::string name = base;
    for (int i = 1; used->count(name) != 0; ++i) name = base + std::to_string(i);
    used->insert(name);
    return name;
  }

  // SET / DROP DEFAULT of an identity or generated column (ATExecColumnDefault).
  // (The hints come with DROP DEFAULT only.)
  void RejectIdentityOrGenerated(size_t slot, bool dropping) const {
    const catalog::ColumnDesc& c = t_.columns[slot];
    if (c.identity == 0 && c.generated == 0) return;
    SqlError e(SqlState::kSyntaxError, "column \"" + c.name + "\" of relation \"" + t_.name +
                                           (c.identity != 0 ? "\" is an identity column"
                                                            : "\" is a generated column"));
    if (dropping) {
      e.WithHint(c.identity != 0 ? "Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead."
                                 : "Use ALTER TABLE ... ALTER COLUMN ... DROP EXPRESSION instead.");
    }
    throw e;
  }

  // ALTER COLUMN ... ADD GENERATED / SET GENERATED / DROP IDENTITY, with
  // PostgreSQL's checks (ATExecAddIdentity, ATExecSetIdentity,
  // ATExecDropIdentity). The identity's sequence is made or dropped here.
  void AlterIdentity(const Action& a) {
    const size_t slot = ColumnSlot(a.name);
    catalog::ColumnDesc& c = t_.columns[slot];
    const std::string where = "column \"" + c.name + "\" of relation \"" + t_.name + "\"";
    switch (a.kind) {
      case Action::Kind::kAddIdentity: {
        if (c.type != type_oid::kInt2 && c.type != type_oid::kInt4 && c.type != type_oid::kInt8) {
          throw SqlError(SqlState::kInvalidParameterValue,
                         "identity column type must be smallint, integer, or bigint");
        }
        if (!c.not_null) {
          throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                         where + " must be declared NOT NULL before identity can be added");
        }
        if (c.identity != 0) {
          throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                         where + " is already an identity column");
        }
        if (c.default_expr) {
          throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                         where + " already has a default value");
        }
        const catalog::NamespaceDesc* ns = ctx_.catalog->FindNamespace(t_.namespace_oid);
        c.default_expr = CreateSerialSequence(ctx_, *ns, t_.name, t_.oid, c.type, c.name,
                                              c.attnum, a.identity_options.get());
        c.identity = a.identity;
        return;
      }
      case Action::Kind::kSetIdentity:
        if (c.identity == 0) {
          throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                         where + " is not an identity column");
        }
        if (a.identity != 0) c.identity = a.identity;
        return;
      default: {  // kDropIdentity
        if (c.identity == 0) {
          if (a.if_exists) {
            ctx_.Notice(SqlState::kSuccessfulCompletion,
                        where + " is not an identity column, skipping");
            return;
          }
          throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                         where + " is not an identity column");
        }
        for (const catalog::SequenceDesc* seq : ctx_.catalog->SequencesOwnedBy(t_.oid)) {
          if (seq->owner_attnum == c.attnum) ctx_.db->catalog()->DeleteSequence(ctx_.txn, seq->oid);
        }
        c.identity = 0;
        c.default_expr.reset();
        return;
      }
    }
  }

  void Apply(const Action& a) {
    switch (a.kind) {
      case Action::Kind::kAddColumn: return AddColumn(a, /*with_key=*/true);
      case Action::Kind::kDropColumn: return DropColumn(a);
      case Action::Kind::kRenameColumn: return RenameColumn(a);
      case Action::Kind::kRenameTable: return RenameTable(a);
      case Action::Kind::kSetSchema: return SetSchema(a);
      case Action::Kind::kSetDefault: {
        const size_t slot = ColumnSlot(a.name);
        RejectIdentityOrGenerated(slot, false);
        Binder binder(ctx_.query);
        binder.SetSubqueriesForbidden("cannot use subquery in DEFAULT expression");
        WithoutPosition(
            [&] { return CoerceToColumn(binder, binder.BindExpr(*a.expr), t_.columns[slot]); });
        t_.columns[slot].default_expr = a.expr_text;
        return;
      }
      case Action::Kind::kDropDefault:
        RejectIdentityOrGenerated(ColumnSlot(a.name), true);
        t_.columns[ColumnSlot(a.name)].default_expr.reset();
        return;
      case Action::Kind::kAddIdentity:
      case Action::Kind::kSetIdentity:
      case Action::Kind::kDropIdentity:
        return AlterIdentity(a);
      case Action::Kind::kSetNotNull: {
        const size_t slot = ColumnSlot(a.name);
        if (!t_.columns[slot].not_null) {
          t_.columns[slot].not_null = true;
          validate_not_null_.insert(slot);
        }
        return;
      }
      case Action::Kind::kDropNotNull: {
        const size_t slot = ColumnSlot(a.name);
        if (t_.columns[slot].identity != 0) {
          throw SqlError(SqlState::kSyntaxError,
                         "column \"" + a.name + "\" of relation \"" + t_.name +
                             "\" is an identity column");
        }
        if (InPrimaryKey(t_, static_cast<int>(slot))) {
          throw SqlError(SqlState::kInvalidTableDefinition,
                         "column \"" + a.name + "\" is in a primary key");
        }
        t_.columns[slot].not_null = false;
        return;
      }
      case Action::Kind::kAlterType: return AlterType(a);
      case Action::Kind::kAddCheck: return AddCheck(a.check, "");
      case Action::Kind::kAddPrimaryKey:
        if (!a.index_name.empty()) return PrimaryKeyUsingIndex(a);
        return AddPrimaryKey(a.keys, a.constraint_name);
      case Action::Kind::kDropConstraint: return DropConstraint(a);
      case Action::Kind::kAddForeignKey: {
        std::set<std::string> names = ConstraintNames();
        for (const catalog::IndexDesc& ix : t_.indexes) names.insert(ix.name);
        for (const catalog::ForeignKeyDesc& fk : t_.foreign_keys) names.insert(fk.name);
        t_.foreign_keys.push_back(DefineForeignKey(ctx_, t_, a.foreign_key, &names));
        // NOT VALID: the rows there are not checked (until VALIDATE
        // CONSTRAINT); new ones are.
        if (a.foreign_key.not_valid) {
          t_.foreign_keys.back().validated = false;
        } else {
          new_foreign_keys_.push_back(t_.foreign_keys.back().name);
        }
        return;
      }
      case Action::Kind::kValidateConstraint: return ValidateConstraint(a.name);
      case Action::Kind::kSetTriggerEnabled: {
        bool found = false;
        for (catalog::TriggerDesc& tg : t_.triggers) {
          if (!a.name.empty() && tg.name != a.name) continue;
          tg.enabled = a.trigger_enabled;
          found = true;
        }
        if (!found && !a.name.empty()) {
          throw SqlError(SqlState::kUndefinedObject, "trigger \"" + a.name + "\" for table \"" +
                                                         t_.name + "\" does not exist");
        }
        return;
      }
      case Action::Kind::kAddUnique: {
        if (!a.unique.index_name.empty()) return UniqueUsingIndex(a.unique);
        std::vector<std::string> taken;
        for (const catalog::IndexDesc& ix : t_.indexes) taken.push_back(ix.name);
        t_.indexes.push_back(NewUniqueConstraintIndex(ctx_, t_, a.unique, taken));
        new_indexes_.push_back(t_.indexes.back().oid);
        return;
      }
      case Action::Kind::kInherit: return Inherit(a.parent);
      case Action::Kind::kNoInherit: return NoInherit(a.parent);
      case Action::Kind::kAttachPartition:  // ExecuteAlterTable runs these alone
      case Action::Kind::kDetachPartition: return;
      case Action::Kind::kSetOptions:
      case Action::Kind::kResetOptions:  // storage parameters (table_options.h)
        return ApplyTableOptions(a.options, a.kind == Action::Kind::kResetOptions, &t_.options);
    }
  }

  // find_composite_type_dependencies: stored values of the table's row type
  // (columns of other tables) would not get a new column's non-NULL value.
  void CheckRowTypeUnused() {
    const Oid row_type = RelationRowTypeOid(t_.oid);
    for (const auto& [oid, other] : ctx_.catalog->tables()) {
      for (const catalog::ColumnDesc& c : other->columns) {
        if (c.dropped || (c.type != row_type && c.type != RelationRowArrayOid(t_.oid))) continue;
        throw SqlError(SqlState::kFeatureNotSupported,
                       "cannot alter table \"" + t_.name + "\" because column \"" +
                           other->name + "." + c.name + "\" uses its row type");
      }
    }
  }

  void AddColumn(const Action& a, bool with_key) {
    const ast::ColumnDef& def = a.column;
    CheckNotSystemColumn(def.name);
    if (t_.FindColumn(def.name) >= 0) {
      const std::string msg =
          "column \"" + def.name + "\" of relation \"" + t_.name + "\" already exists";
      if (a.if_not_exists) {
        ctx_.Notice(SqlState::kDuplicateColumn, msg + ", skipping");
        return;
      }
      throw SqlError(SqlState::kDuplicateColumn, msg);
    }
    Binder binder(ctx_.query);
    catalog::ColumnDesc col;
    col.name = def.name;
    const DataType type = binder.ResolveTypeName(def.type);
    if (!StorageTypeOf(type.oid).has_value()) {
      throw binder.ErrorAt(SqlState::kFeatureNotSupported,
                           "columns of type " + FormatTypeName(type.oid) + " are not supported yet",
                           def.type.location);
    }
    col.type = type.oid;
    col.typmod = type.typmod;
    col.attnum = static_cast<int16_t>(t_.columns.size() + 1);
    col.not_null = def.not_null;
    BoundExprPtr default_expr;
    if (def.default_expr != nullptr) {
      binder.SetSubqueriesForbidden("cannot use subquery in DEFAULT expression");
      default_expr = WithoutPosition(
          [&] { return CoerceToColumn(binder, binder.BindExpr(*def.default_expr), col); });
      col.default_expr = def.default_text;
    }
    const bool per_row = def.default_expr != nullptr && CallsVolatileFunction(*def.default_expr);
    EvalContext eval = ctx_.MakeEval();
    Value once = Value::Null(col.type);
    if (default_expr != nullptr && !per_row) {
      eval.SetRow(nullptr);
      once = default_expr->Evaluate(eval);
      if (!once.is_null()) col.missing_value = EncodeMissingValue(once);
    }
    if (per_row || !once.is_null()) CheckRowTypeUnused();
    if (per_row) rewrite_ = true;
    const size_t slot = t_.columns.size();
    t_.columns.push_back(std::move(col));
    if (rows_loaded_) {
      for (Row& row : rows_) {
        if (per_row) {
          eval.SetRow(nullptr);
          row.push_back(default_expr->Evaluate(eval));
        } else {
          row.push_back(once);
        }
      }
    }
    if (def.not_null) validate_not_null_.insert(slot);
    for (size_t k = 0; k < def.checks.size(); ++k) {
      if (inh_.recursing) {
        AddInheritedCheck(def.checks[k], inh_.check_names.at(action_).at(k), def.name);
      } else {
        AddCheck(def.checks[k], def.name);
      }
    }
    if (def.primary_key && with_key) {
      AddPrimaryKey({def.name}, a.constraint_name);
    }
  }

  void DropColumn(const Action& a) {
    if (IsSystemColumn(a.name)) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "cannot drop system column \"" + a.name + "\"");
    }
    const int found = t_.FindColumn(a.name);
    if (found < 0) {
      const std::string msg =
          "column \"" + a.name + "\" of relation \"" + t_.name + "\" does not exist";
      if (a.if_exists) {
        ctx_.Notice(SqlState::kSuccessfulCompletion, msg + ", skipping");
        return;
      }
      throw SqlError(SqlState::kUndefinedColumn, msg);
    }
    const size_t slot = static_cast<size_t>(found);
    const int16_t attnum = static_cast<int16_t>(found + 1);
    // A column other tables' foreign keys reference (not supported yet:
    // PostgreSQL refuses it without CASCADE and drops them with it).
    for (const ReferencingKey& ref : ReferencingKeys(ctx_, t_.oid)) {
      if (ref.table->oid == t_.oid) continue;
      const auto& cols = ref.fk->referenced_columns;
      if (std::find(cols.begin(), cols.end(), attnum) != cols.end()) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "dropping a column a foreign key references is not supported yet");
      }
    }
    // The table's own foreign keys on the column go with it (auto dependency),
    // as do those referencing it from this table.
    std::erase_if(t_.foreign_keys, [&](const catalog::ForeignKeyDesc& fk) {
      return std::find(fk.columns.begin(), fk.columns.end(), attnum) != fk.columns.end() ||
             (fk.referenced_table == t_.oid &&
              std::find(fk.referenced_columns.begin(), fk.referenced_columns.end(), attnum) !=
                  fk.referenced_columns.end());
    });
    // Constraints on the column go with it (auto dependencies), as the
    // primary key's index does.
    if (InPrimaryKey(t_, found)) DropPrimaryKey();
    std::vector<catalog::CheckConstraint> kept;
    for (catalog::CheckConstraint& c : t_.checks) {
      if (!CheckReads(c, a.name)) kept.push_back(std::move(c));
    }
    t_.checks = std::move(kept);
    DropIndexesUsing(&t_, static_cast<int16_t>(found + 1), ctx_.txn);
    catalog::ColumnDesc& col = t_.columns[slot];
    col.dropped = true;
    col.name = "........pg.dropped." + std::to_string(col.attnum) + "........";
    col.not_null = false;
    col.default_expr.reset();
    col.missing_value.reset();
    validate_not_null_.erase(slot);
    if (rows_loaded_) {
      for (Row& row : rows_) row[slot] = Value::Null(col.type);
    }
  }

  // Whether a stored CHECK expression names column `name`.
  static bool CheckReads(const catalog::CheckConstraint& c, const std::string& name) {
    const std::string query = "SELECT " + c.expr;
    std::vector<std::unique_ptr<ast::Statement>> parsed = ParseQuery(query);
    const auto& select = static_cast<const ast::SelectStatement&>(*parsed.at(0));
    std::set<std::string> columns;
    CollectColumns(*select.target_list.at(0).value, &columns);
    return columns.count(name) != 0;
  }

  // Views store their query as text naming columns and tables, so renaming
  // what a view reads would break it (PostgreSQL's views follow renames).
  void RefuseIfViewsDepend(const char* what) const {
    if (!ctx_.catalog->ViewsDependingOn(t_.oid).empty()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     std::string(what) + " of a table a view uses is not supported yet");
    }
  }

  void RenameColumn(const Action& a) {
    RefuseIfViewsDepend("ALTER TABLE ... RENAME COLUMN");
    if (IsSystemColumn(a.name)) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "cannot rename system column \"" + a.name + "\"");
    }
    const int slot = t_.FindColumn(a.name);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn, "column \"" + a.name + "\" does not exist");
    }
    CheckNotSystemColumn(a.new_name);
    if (t_.FindColumn(a.new_name) >= 0) {
      throw SqlError(SqlState::kDuplicateColumn, "column \"" + a.new_name + "\" of relation \"" +
                                                     t_.name + "\" already exists");
    }
    // CHECK expressions are stored as text: rename their references too.
    for (catalog::CheckConstraint& c : t_.checks) {
      if (CheckReads(c, a.name)) c.expr = parser::RenameColumnInExpr(c.expr, a.name, a.new_name);
    }
    // So are partial indexes' predicates and index expressions.
    for (catalog::IndexDesc& index : t_.indexes) {
      if (!index.predicate.empty() && PredicateColumns(index.predicate).count(a.name) != 0) {
        index.predicate = parser::RenameColumnInExpr(index.predicate, a.name, a.new_name);
      }
      for (catalog::IndexKeyColumn& k : index.keys) {
        if (k.is_expression() && PredicateColumns(k.expr).count(a.name) != 0) {
          k.expr = parser::RenameColumnInExpr(k.expr, a.name, a.new_name);
        }
      }
    }
    t_.columns[static_cast<size_t>(slot)].name = a.new_name;
  }

  void RenameTable(const Action& a) {
    RefuseIfViewsDepend("ALTER TABLE ... RENAME");
    if (ctx_.catalog->RelationNameTaken(t_.namespace_oid, a.new_name)) {
      throw SqlError(SqlState::kDuplicateTable, "relation \"" + a.new_name + "\" already exists");
    }
    // A partial index's predicate names columns by text; one qualified by
    // the table's name would no longer bind.
    for (const catalog::IndexDesc& index : t_.indexes) {
      bool qualified = index.predicate.find(t_.name + ".") != std::string::npos;
      for (const catalog::IndexKeyColumn& k : index.keys) {
        qualified = qualified || k.expr.find(t_.name + ".") != std::string::npos;
      }
      if (qualified) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "ALTER TABLE ... RENAME of a table whose index \"" + index.name +
                           "\" qualifies columns by the table's name is not supported yet");
      }
    }
    t_.name = a.new_name;
  }

  void SetSchema(const Action& a) {
    const catalog::NamespaceDesc* ns = ctx_.catalog->FindNamespace(a.new_name);
    if (ns == nullptr) {
      throw SqlError(SqlState::kUndefinedSchema, "schema \"" + a.new_name + "\" does not exist");
    }
    if (ns->oid == t_.namespace_oid) return;
    RefuseIfViewsDepend("ALTER TABLE ... SET SCHEMA");
    if (ctx_.catalog->RelationNameTaken(ns->oid, t_.name)) {
      throw SqlError(SqlState::kDuplicateTable,
                     "relation \"" + t_.name + "\" already exists in schema \"" + ns->name + "\"");
    }
    t_.namespace_oid = ns->oid;
  }

  void AlterType(const Action& a) {
    const size_t slot = ColumnSlot(a.name);
    catalog::ColumnDesc& col = t_.columns[slot];
    const int16_t attnum = col.attnum;
    auto in = [&](const std::vector<int16_t>& v) {
      return std::find(v.begin(), v.end(), attnum) != v.end();
    };
    bool in_foreign_key = false;
    for (const catalog::ForeignKeyDesc& fk : t_.foreign_keys) in_foreign_key |= in(fk.columns);
    for (const ReferencingKey& ref : ReferencingKeys(ctx_, t_.oid)) {
      in_foreign_key |= in(ref.fk->referenced_columns);
    }
    // Foreign keys on the column are checked again in Finish() (types, rows).
    if (in_foreign_key) retyped_foreign_key_columns_.push_back(attnum);
    // Dependencies are per table here, not per column: any view on the
    // table counts as using the column.
    if (auto views = ctx_.catalog->ViewsDependingOn(t_.oid); !views.empty()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "cannot alter type of a column used by a view or rule")
          .WithDetail("rule _RETURN on view " + views[0]->name + " depends on column \"" +
                      col.name + "\"");
    }
    Binder binder(ctx_.query);
    const DataType target = binder.ResolveTypeName(a.type);
    if (!StorageTypeOf(target.oid).has_value()) {
      throw binder.ErrorAt(SqlState::kFeatureNotSupported,
                           "columns of type " + FormatTypeName(target.oid) +
                               " are not supported yet",
                           a.type.location);
    }
    // The conversion, bound over the current row: USING expr, or the column.
    BindScope scope = TableScope(ctx_, t_);
    binder.SetScope(&scope);
    BoundExprPtr source;
    if (a.expr != nullptr) {
      source = binder.BindExpr(*a.expr);
    } else {
      source = std::make_unique<BoundColumnRef>(static_cast<int>(slot),
                                                DataType{col.type, col.typmod}, -1);
    }
    const Oid source_type = source->type().oid;
    BoundExprPtr convert;
    if (CanCoerceType(source_type, target.oid, CoercionContext::kAssignment)) {
      // The final coercion has no position in PostgreSQL (a literal's
      // input error included).
      convert = WithoutPosition([&] {
        return binder.CoerceToTargetType(std::move(source), target, CoercionContext::kAssignment,
                                         false, -1);
      });
    }
    if (convert == nullptr) {
      const std::string type_text = FormatType(target);
      if (a.expr != nullptr) {
        throw SqlError(SqlState::kDatatypeMismatch, "result of USING clause for column \"" +
                                                        col.name +
                                                        "\" cannot be cast automatically to type " +
                                                        type_text)
            .WithHint("You might need to add an explicit cast.");
      }
      throw SqlError(SqlState::kDatatypeMismatch,
                     "column \"" + col.name + "\" cannot be cast automatically to type " + type_text)
          .WithHint("You might need to specify \"USING " + col.name + "::" + type_text + "\".");
    }
    // The default must convert too (PostgreSQL re-coerces it).
    catalog::ColumnDesc changed = col;
    changed.type = target.oid;
    changed.typmod = target.typmod;
    if (col.default_expr.has_value()) {
      const std::string query = "SELECT " + *col.default_expr;
      std::vector<std::unique_ptr<ast::Statement>> parsed = ParseQuery(query);
      const auto& select = static_cast<const ast::SelectStatement&>(*parsed.at(0));
      Binder default_binder(query);
      BoundExprPtr d = default_binder.BindExpr(*select.target_list.at(0).value);
      if (!CanCoerceType(d->type().oid, target.oid, CoercionContext::kAssignment)) {
        throw SqlError(SqlState::kDatatypeMismatch, "default for column \"" + col.name +
                                                        "\" cannot be cast automatically to type " +
                                                        FormatType(target));
      }
    }
    EvalContext eval = ctx_.MakeEval();
    for (Row& row : rows_) {
      eval.SetRow(&row);
      Value v = convert->Evaluate(eval);
      row[slot] = std::move(v);
    }
    col = std::move(changed);
    col.missing_value.reset();
    // Index expressions over the column are bound again (PostgreSQL
    // re-creates such indexes): their key type may change, or they may no
    // longer bind. The rewrite rebuilds every index.
    for (catalog::IndexDesc& index : t_.indexes) {
      for (catalog::IndexKeyColumn& k : index.keys) {
        if (k.is_expression() && PredicateColumns(k.expr).count(col.name) != 0) {
          k.expr_type = CheckIndexExpression(t_, k.expr);
        }
      }
    }
    rewrite_ = true;
    recheck_all_ = true;
  }

  // `forced_name`: a descendant takes the name its parent gave the constraint.
  void AddCheck(const ast::CheckDef& c, const std::string& column,
                const std::string* forced_name = nullptr) {
    std::set<std::string> names = ConstraintNames();
    catalog::CheckConstraint check;
    if (forced_name != nullptr) {
      check.name = *forced_name;
    } else if (!c.name.empty()) {
      // A local constraint like an inherited one merges into it
      // (MergeWithExistingConstraint).
      for (catalog::CheckConstraint& have : t_.checks) {
        if (have.name != c.name || have.is_local || have.expr != c.expr_text) continue;
        if (c.no_inherit) {
          throw SqlError(SqlState::kInvalidObjectDefinition,
                         "constraint \"" + c.name + "\" conflicts with inherited constraint on "
                         "relation \"" + t_.name + "\"");
        }
        ctx_.Notice(SqlState::kSuccessfulCompletion,
                    "merging constraint \"" + c.name + "\" with inherited definition");
        have.is_local = true;
        check_names_[action_].push_back(c.name);
        skip_below_[action_] = true;  // nothing new for the children
        return;
      }
      if (names.count(c.name) != 0) {
        throw SqlError(SqlState::kDuplicateObject, "constraint \"" + c.name +
                                                       "\" for relation \"" + t_.name +
                                                       "\" already exists");
      }
      check.name = c.name;
    } else {
      std::set<std::string> columns;
      CollectColumns(*c.expr, &columns);
      if (columns.empty() && !column.empty()) columns.insert(column);
      const std::string base = columns.size() == 1 ? t_.name + "_" + *columns.begin() + "_check"
                                                   : t_.name + "_check";
      check.name = UniqueName(base, &names);
    }
    // Bind now: errors (42703, 42804) surface at ALTER time.
    Binder binder(ctx_.query);
    BindScope scope = TableScope(ctx_, t_);
    binder.SetScope(&scope);
    binder.SetSubqueriesForbidden("cannot use subquery in check constraint");
    WithoutPosition([&] { return binder.CoerceToBoolean(binder.BindExpr(*c.expr), "CHECK"); });
    check.expr = c.expr_text;
    check.no_inherit = c.no_inherit;
    check_names_[action_].push_back(check.name);
    // NOT VALID: the rows there are not checked (until VALIDATE CONSTRAINT).
    if (c.not_valid) {
      check.validated = false;
    } else {
      validate_checks_.insert(check.name);
    }
    t_.checks.push_back(std::move(check));
  }

  // VALIDATE CONSTRAINT name (ATExecValidateConstraint): a NOT VALID foreign
  // key or CHECK constraint checks the rows there and becomes valid; a
  // valid one is left alone.
  void ValidateConstraint(const std::string& name) {
    for (catalog::ForeignKeyDesc& fk : t_.foreign_keys) {
      if (fk.name != name) continue;
      if (!fk.validated) {
        fk.validated = true;
        new_foreign_keys_.push_back(fk.name);
      }
      return;
    }
    for (catalog::CheckConstraint& c : t_.checks) {
      if (c.name != name) continue;
      if (!c.validated) {
        c.validated = true;
        validate_checks_.insert(c.name);
      }
      return;
    }
    bool other = !t_.primary_key.empty() && t_.primary_key_name == name;
    for (const catalog::IndexDesc& ix : t_.indexes) other |= ix.is_constraint && ix.name == name;
    if (other) {
      throw SqlError(SqlState::kWrongObjectType,
                     "constraint \"" + name + "\" of relation \"" + t_.name +
                         "\" is not a foreign key or check constraint");
    }
    throw SqlError(SqlState::kUndefinedObject,
                   "constraint \"" + name + "\" of relation \"" + t_.name + "\" does not exist");
  }

  void AddPrimaryKey(const std::vector<std::string>& keys, const std::string& name) {
    if (!t_.primary_key.empty()) {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "multiple primary keys for table \"" + t_.name + "\" are not allowed");
    }
    std::vector<int16_t> attnums;
    for (const std::string& key : keys) {
      const int slot = t_.FindColumn(key);
      if (slot < 0) {
        throw SqlError(SqlState::kUndefinedColumn,
                       "column \"" + key + "\" of relation \"" + t_.name + "\" does not exist");
      }
      KeyColumn check_key_type(t_.columns[static_cast<size_t>(slot)].type);
      (void)check_key_type;
      attnums.push_back(static_cast<int16_t>(slot + 1));
    }
    std::set<std::string> names = ConstraintNames();
    if (!name.empty() && names.count(name) != 0) {
      throw SqlError(SqlState::kDuplicateTable, "relation \"" + name + "\" already exists");
    }
    for (const catalog::TableDesc* other : ctx_.catalog->TablesIn(t_.namespace_oid)) {
      names.insert(other->name);
    }
    t_.primary_key = std::move(attnums);
    t_.primary_key_name = name.empty() ? UniqueName(t_.name + "_pkey", &names) : name;
    for (int16_t attnum : t_.primary_key) {
      const size_t slot = static_cast<size_t>(attnum - 1);
      if (!t_.columns[slot].not_null) {
        t_.columns[slot].not_null = true;
        validate_not_null_.insert(slot);
      }
    }
    rewrite_ = true;
    check_key_ = true;
  }

  void DropPrimaryKey() {
    t_.primary_key.clear();
    t_.primary_key_name.clear();
    rewrite_ = true;
    check_key_ = false;
  }

  // The index `name` of ADD ... USING INDEX, after PostgreSQL's checks
  // (transformIndexConstraint): it exists, has no constraint yet, is this
  // table's, and is a plain unique b-tree -- no expressions, no predicate,
  // every column in the default order.
  std::vector<catalog::IndexDesc>::iterator IndexForConstraint(const std::string& name,
                                                               int location) {
    const int position = ctx_.Position(location);
    if (t_.partition_key) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "ALTER TABLE / ADD CONSTRAINT USING INDEX is not supported on partitioned "
                     "tables");
    }
    const std::string detail = "Cannot create a primary key or unique constraint using such an index.";
    auto it = std::find_if(t_.indexes.begin(), t_.indexes.end(),
                           [&](const catalog::IndexDesc& ix) { return ix.name == name; });
    if (it == t_.indexes.end()) {
      bool constraint = false;
      for (const catalog::TableDesc* other : ctx_.catalog->TablesIn(t_.namespace_oid)) {
        constraint = constraint || (!other->primary_key.empty() && other->primary_key_name == name);
      }
      const catalog::CatalogSnapshot::IndexRef other = ctx_.catalog->FindIndex(t_.namespace_oid, name);
      constraint = constraint || (other.index != nullptr && other.index->is_constraint);
      if (constraint) {
        throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                       "index \"" + name + "\" is already associated with a constraint")
            .WithPosition(position);
      }
      if (other.index != nullptr) {
        throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                       "index \"" + name + "\" does not belong to table \"" + t_.name + "\"")
            .WithPosition(position);
      }
      throw SqlError(SqlState::kUndefinedObject, "index \"" + name + "\" does not exist")
          .WithPosition(position);
    }
    if (it->is_constraint) {
      throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                     "index \"" + name + "\" is already associated with a constraint")
          .WithPosition(position);
    }
    if (!it->unique) {
      throw SqlError(SqlState::kWrongObjectType, "\"" + name + "\" is not a unique index")
          .WithDetail(detail)
          .WithPosition(position);
    }
    if (it->HasExpressions()) {
      throw SqlError(SqlState::kWrongObjectType, "index \"" + name + "\" contains expressions")
          .WithDetail(detail)
          .WithPosition(position);
    }
    if (!it->predicate.empty()) {
      throw SqlError(SqlState::kWrongObjectType, "\"" + name + "\" is a partial index")
          .WithDetail(detail)
          .WithPosition(position);
    }
    for (size_t i = 0; i < it->keys.size(); ++i) {
      if (it->keys[i].descending || it->keys[i].nulls_first) {
        throw SqlError(SqlState::kWrongObjectType,
                       "index \"" + name + "\" column number " + std::to_string(i + 1) +
                           " does not have default sorting behavior")
            .WithDetail(detail)
            .WithPosition(position);
      }
    }
    return it;
  }

  // The constraint name ADD ... USING INDEX gives the index: PostgreSQL
  // renames the index to it, with a NOTICE.
  void RenameIndexForConstraint(const catalog::IndexDesc& index, const std::string& name) {
    if (name.empty() || name == index.name) return;
    if (ctx_.catalog->RelationNameTaken(t_.namespace_oid, name)) {
      throw SqlError(SqlState::kDuplicateTable, "relation \"" + name + "\" already exists");
    }
    ctx_.Notice(SqlState::kSuccessfulCompletion,
                "ALTER TABLE / ADD CONSTRAINT USING INDEX will rename index \"" + index.name +
                    "\" to \"" + name + "\"");
  }

  // ADD [CONSTRAINT c] UNIQUE USING INDEX i: the unique index becomes the
  // constraint (renamed to c).
  void UniqueUsingIndex(const ast::UniqueDef& def) {
    auto it = IndexForConstraint(def.index_name, def.location);
    RenameIndexForConstraint(*it, def.name);
    if (!def.name.empty()) it->name = def.name;
    it->is_constraint = true;
  }

  // ADD [CONSTRAINT c] PRIMARY KEY USING INDEX i: the index's columns become
  // the primary key (NOT NULL set, checked on the rows) under the name c, or
  // i's. Our primary key is the table tree's own order, so the table is
  // rewritten in it and the secondary index's tree goes.
  void PrimaryKeyUsingIndex(const Action& a) {
    auto it = IndexForConstraint(a.index_name, a.location);
    if (!t_.primary_key.empty()) {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "multiple primary keys for table \"" + t_.name + "\" are not allowed");
    }
    if (!it->include.empty()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "PRIMARY KEY USING INDEX of an index with INCLUDE columns is not supported yet");
    }
    RenameIndexForConstraint(*it, a.constraint_name);
    const std::string name = a.constraint_name.empty() ? it->name : a.constraint_name;
    std::vector<std::string> keys;
    for (const catalog::IndexKeyColumn& k : it->keys) {
      keys.push_back(t_.columns[static_cast<size_t>(k.attnum - 1)].name);
    }
    ctx_.txn->DropTreeAfterCommit(it->tree);
    t_.indexes.erase(it);
    AddPrimaryKey(keys, name);
  }

  void DropConstraint(const Action& a) {
    for (size_t i = 0; i < t_.foreign_keys.size(); ++i) {
      if (t_.foreign_keys[i].name == a.name) {
        t_.foreign_keys.erase(t_.foreign_keys.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
    }
    if (!t_.primary_key.empty() && a.name == t_.primary_key_name) {
      DropReferencingKeys(t_.primary_key, a.name, a.cascade);
      DropPrimaryKey();
      return;
    }
    for (size_t i = 0; i < t_.indexes.size(); ++i) {
      if (t_.indexes[i].is_constraint && t_.indexes[i].name == a.name) {
        std::vector<int16_t> keys;
        for (const catalog::IndexKeyColumn& k : t_.indexes[i].keys) keys.push_back(k.attnum);
        DropReferencingKeys(keys, a.name, a.cascade);
        ctx_.txn->DropTreeAfterCommit(t_.indexes[i].tree);
        t_.indexes.erase(t_.indexes.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
    }
    for (size_t i = 0; i < t_.checks.size(); ++i) {
      if (t_.checks[i].name == a.name) {
        validate_checks_.erase(a.name);
        t_.checks.erase(t_.checks.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
    }
    const std::string msg =
        "constraint \"" + a.name + "\" of relation \"" + t_.name + "\" does not exist";
    if (a.if_exists) {
      ctx_.Notice(SqlState::kSuccessfulCompletion, msg + ", skipping");
      return;
    }
    throw SqlError(SqlState::kUndefinedObject, msg);
  }

  // Dropping the key (primary key or UNIQUE constraint `name` on `keys`)
  // foreign keys reference: 2BP01 without CASCADE; with it they go too.
  void DropReferencingKeys(std::vector<int16_t> keys, const std::string& name, bool cascade) {
    std::sort(keys.begin(), keys.end());
    auto uses_key = [&](const catalog::ForeignKeyDesc& fk) {
      std::vector<int16_t> cols = fk.referenced_columns;
      std::sort(cols.begin(), cols.end());
      return fk.referenced_table == t_.oid && cols == keys;
    };
    std::vector<std::pair<std::string, std::string>> dependents;  // (constraint, table)
    for (const catalog::ForeignKeyDesc& fk : t_.foreign_keys) {
      if (uses_key(fk)) dependents.emplace_back(fk.name, t_.name);
    }
    for (const ReferencingKey& ref : ReferencingKeys(ctx_, t_.oid)) {
      if (ref.table->oid != t_.oid && uses_key(*ref.fk)) {
        dependents.emplace_back(ref.fk->name, ref.table->name);
      }
    }
    if (dependents.empty()) return;
    if (!cascade) {
      std::string detail;
      for (const auto& [constraint, table] : dependents) {
        if (!detail.empty()) detail += "\n";
        detail += "constraint " + constraint + " on table " + table + " depends on index " + name;
      }
      throw SqlError(SqlState::kDependentObjectsStillExist,
                     "cannot drop constraint " + name + " on table " + t_.name +
                         " because other objects depend on it")
          .WithDetail(detail)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    std::vector<catalog::ForeignKeyDesc> kept;
    for (catalog::ForeignKeyDesc& fk : t_.foreign_keys) {
      if (!uses_key(fk)) kept.push_back(std::move(fk));
    }
    t_.foreign_keys = std::move(kept);
    for (const ReferencingKey& ref : ReferencingKeys(ctx_, t_.oid)) {
      if (ref.table->oid == t_.oid || !uses_key(*ref.fk)) continue;
      catalog::TableDesc other = *ref.table;
      std::erase_if(other.foreign_keys, [&](const catalog::ForeignKeyDesc& fk) {
        return fk.name == ref.fk->name;
      });
      ctx_.db->catalog()->PutTable(ctx_.txn, other);
    }
    for (const auto& [constraint, table] : dependents) {
      ctx_.Notice(SqlState::kSuccessfulCompletion,
                  "drop cascades to constraint " + constraint + " on table " + table);
    }
  }

  void SetObject(SqlError* e, const std::string& constraint, const std::string& column) const {
    const catalog::NamespaceDesc* ns = ctx_.catalog->FindNamespace(t_.namespace_oid);
    e->mutable_fields().schema_name = ns != nullptr ? ns->name : "";
    e->mutable_fields().table_name = t_.name;
    e->mutable_fields().constraint_name = constraint;
    e->mutable_fields().column_name = column;
  }

  void Finish() {
    if (rows_loaded_) {
      if (check_key_) CheckKeyUnique();
      Validate();
    }
    catalog::Catalog* catalog = ctx_.db->catalog();
    if (rewrite_ && !rows_loaded_) {
      // NeedsRows() decides from the statement before it runs; an action
      // sequence it did not foresee must not rewrite an empty set of rows.
      throw SqlError(SqlState::kFeatureNotSupported,
                     "this combination of ALTER TABLE actions is not supported yet");
    }
    if (rewrite_) {
      for (catalog::ColumnDesc& c : t_.columns) c.missing_value.reset();
      auto tree = catalog->CreateTableTree(ctx_.txn, t_.oid, &t_.tree_name);
      if (!tree.ok()) ThrowStatus(tree.status());
      t_.tree = tree.value();
      TableCodec codec(t_);
      for (const Row& row : rows_) {
        std::string key;
        if (codec.has_primary_key()) {
          key = codec.EncodeKey(row);
        } else {
          auto id = ctx_.db->NextRowId(t_.tree);
          if (!id.ok()) ThrowStatus(id.status());
          AppendRowIdKey(id.value(), &key);
        }
        ctx_.txn->Put(t_.tree, std::move(key), codec.EncodeValue(row));
      }
      RebuildIndexes(ctx_, &t_);
      ctx_.txn->DropTreeAfterCommit(original_.tree);
    } else {
      // New UNIQUE constraints of an unchanged table: built from its rows.
      for (const catalog::IndexDesc& ix : t_.indexes) {
        if (std::find(new_indexes_.begin(), new_indexes_.end(), ix.oid) != new_indexes_.end()) {
          BuildIndex(ctx_, t_, ix);
        }
      }
    }
    // New foreign keys, and those whose columns changed type: every row (as
    // rewritten) must satisfy them. Keys of other tables referencing a
    // retyped column must still have comparable types.
    auto retyped = [&](const std::vector<int16_t>& attnums) {
      for (int16_t a : attnums) {
        if (std::find(retyped_foreign_key_columns_.begin(), retyped_foreign_key_columns_.end(),
                      a) != retyped_foreign_key_columns_.end()) {
          return true;
        }
      }
      return false;
    };
    for (const ReferencingKey& ref : ReferencingKeys(ctx_, t_.oid)) {
      if (ref.table->oid != t_.oid && retyped(ref.fk->referenced_columns)) {
        CheckForeignKeyTypes(*ref.table, *ref.fk, t_);
      }
    }
    for (const catalog::ForeignKeyDesc& fk : t_.foreign_keys) {
      const bool changed =
          retyped(fk.columns) || (fk.referenced_table == t_.oid && retyped(fk.referenced_columns));
      if (changed) {
        const catalog::TableDesc* referenced =
            fk.referenced_table == t_.oid ? &t_ : ctx_.catalog->FindTable(fk.referenced_table);
        if (referenced != nullptr) CheckForeignKeyTypes(t_, fk, *referenced);
      }
      if (!changed && std::find(new_foreign_keys_.begin(), new_foreign_keys_.end(), fk.name) ==
                          new_foreign_keys_.end()) {
        continue;
      }
      const catalog::TableDesc* referenced =
          fk.referenced_table == t_.oid ? &t_ : ctx_.catalog->FindTable(fk.referenced_table);
      if (referenced != nullptr) ValidateForeignKey(ctx_, t_, fk, *referenced);
    }
    catalog->PutTable(ctx_.txn, t_);
  }

  // index_build's uniqueness check: 23505 "could not create unique index".
  void CheckKeyUnique() {
    if (t_.primary_key.empty()) return;
    TableCodec codec(t_);
    std::set<std::string> seen;
    for (const Row& row : rows_) {
      bool has_null = false;
      for (int slot : codec.key_slots()) has_null |= row[static_cast<size_t>(slot)].is_null();
      if (has_null) continue;  // NOT NULL reports it
      std::string key = codec.EncodeKey(row);
      if (seen.insert(key).second) continue;
      std::string names, texts;
      for (size_t i = 0; i < codec.key_slots().size(); ++i) {
        if (i > 0) {
          names += ", ";
          texts += ", ";
        }
        const size_t slot = static_cast<size_t>(codec.key_slots()[i]);
        names += t_.columns[slot].name;
        texts += ValueText(row[slot]);
      }
      SqlError e(SqlState::kUniqueViolation,
                 "could not create unique index \"" + t_.primary_key_name + "\"");
      e.WithDetail("Key (" + names + ")=(" + texts + ") is duplicated.");
      SetObject(&e, t_.primary_key_name, "");
      throw e;
    }
  }

  void Validate() {
    std::vector<std::pair<std::string, BoundExprPtr>> checks;
    std::vector<std::unique_ptr<ast::Statement>> keep;
    BindScope scope = TableScope(ctx_, t_);
    for (const catalog::CheckConstraint& c : t_.checks) {
      if (!recheck_all_ && validate_checks_.count(c.name) == 0) continue;
      const std::string query = "SELECT " + c.expr;
      keep.push_back(std::move(ParseQuery(query).at(0)));
      const auto& select = static_cast<const ast::SelectStatement&>(*keep.back());
      Binder binder(query);
      binder.SetScope(&scope);
      checks.emplace_back(c.name,
                          binder.CoerceToBoolean(binder.BindExpr(*select.target_list.at(0).value),
                                                 "CHECK"));
    }
    EvalContext eval = ctx_.MakeEval();
    for (const Row& row : rows_) {
      for (size_t slot : validate_not_null_) {
        if (!row[slot].is_null()) continue;
        SqlError e(SqlState::kNotNullViolation, "column \"" + t_.columns[slot].name +
                                                    "\" of relation \"" + t_.name +
                                                    "\" contains null values");
        SetObject(&e, "", t_.columns[slot].name);
        throw e;
      }
      for (const auto& [name, expr] : checks) {
        eval.SetRow(&row);
        const Value ok = expr->Evaluate(eval);
        if (ok.is_null() || ok.bool_value()) continue;
        SqlError e(SqlState::kCheckViolation, "check constraint \"" + name + "\" of relation \"" +
                                                  t_.name + "\" is violated by some row");
        SetObject(&e, name, "");
        throw e;
      }
    }
  }

  CommandContext& ctx_;
  const ast::AlterTableStatement& stmt_;
  const catalog::TableDesc& original_;
  catalog::TableDesc t_;  // the working copy
  bool rows_loaded_ = false;
  std::vector<Row> rows_;  // slots aligned with t_.columns
  bool rewrite_ = false;
  std::vector<catalog::Oid> new_indexes_;  // ADD CONSTRAINT ... UNIQUE, built in Finish()
  std::vector<std::string> new_foreign_keys_;  // ADD FOREIGN KEY, validated in Finish()
  std::vector<int16_t> retyped_foreign_key_columns_;  // ALTER TYPE of a key column
  bool check_key_ = false;
  bool recheck_all_ = false;
  std::set<size_t> validate_not_null_;
  std::set<std::string> validate_checks_;
  InheritedRun inh_;
  size_t action_ = 0;  // the action being applied
  std::vector<std::vector<std::string>> check_names_;
  std::vector<bool> skip_below_;
};

// PostgreSQL's refusals for the table the statement names, before anything
// changes: an inherited column or constraint cannot be dropped, renamed or
// retyped on its own (42P16), and ONLY cannot add a column or constraint, or
// rename or retype a column, that children would then lack.
void CheckInheritanceRules(const CommandContext& ctx, const ast::AlterTableStatement& stmt,
                           const catalog::TableDesc& table) {
  const bool has_children = !ctx.catalog->ChildrenOf(table.oid).empty();
  const bool only = !stmt.table.inh && has_children;
  auto inherited_column = [&](const std::string& name) {
    const int slot = table.FindColumn(name);
    return slot >= 0 && table.columns[static_cast<size_t>(slot)].inhcount > 0;
  };
  // A descendant whose column `name` also comes from a parent outside the
  // hierarchy (more parents than it has in it): renaming or retyping it
  // from here would split it (PostgreSQL counts find_all_inheritors'
  // numparents).
  auto inherited_from_outside = [&](const std::string& name) -> const catalog::TableDesc* {
    if (only) return nullptr;
    const std::vector<const catalog::TableDesc*> tree = ctx.catalog->WithDescendants(table.oid);
    for (const catalog::TableDesc* d : tree) {
      if (d == tree.front()) continue;
      int parents_inside = 0;
      for (Oid p : d->parents) {
        for (const catalog::TableDesc* t : tree) parents_inside += t->oid == p ? 1 : 0;
      }
      const int slot = d->FindColumn(name);
      if (slot >= 0 && d->columns[static_cast<size_t>(slot)].inhcount > parents_inside) return d;
    }
    return nullptr;
  };
  for (const Action& a : stmt.actions) {
    switch (a.kind) {
      case Action::Kind::kAddColumn:
        if (only) {
          throw SqlError(SqlState::kInvalidTableDefinition,
                         "column must be added to child tables too");
        }
        break;
      case Action::Kind::kAddCheck:
        if (only && !a.check.no_inherit) {
          throw SqlError(SqlState::kInvalidTableDefinition,
                         "constraint must be added to child tables too");
        }
        break;
      case Action::Kind::kDropColumn:
        if (inherited_column(a.name)) {
          throw SqlError(SqlState::kInvalidTableDefinition,
                         "cannot drop inherited column \"" + a.name + "\"");
        }
        break;
      case Action::Kind::kRenameColumn:
        // In renameatt_internal's order: ONLY's refusal first.
        if (only && table.FindColumn(a.name) >= 0) {
          throw SqlError(SqlState::kInvalidTableDefinition,
                         "inherited column \"" + a.name + "\" must be renamed in child tables too");
        }
        if (inherited_column(a.name)) {
          throw SqlError(SqlState::kInvalidTableDefinition,
                         "cannot rename inherited column \"" + a.name + "\"");
        }
        if (table.FindColumn(a.name) >= 0 && inherited_from_outside(a.name) != nullptr) {
          throw SqlError(SqlState::kInvalidTableDefinition,
                         "cannot rename inherited column \"" + a.name + "\"");
        }
        break;
      case Action::Kind::kAlterType:
        if (inherited_column(a.name)) {
          throw SqlError(SqlState::kInvalidTableDefinition,
                         "cannot alter inherited column \"" + a.name + "\"");
        }
        if (only && table.FindColumn(a.name) >= 0) {
          throw SqlError(SqlState::kInvalidTableDefinition,
                         "type of inherited column \"" + a.name +
                             "\" must be changed in child tables too");
        }
        if (table.FindColumn(a.name) >= 0) {
          if (const catalog::TableDesc* d = inherited_from_outside(a.name)) {
            throw SqlError(SqlState::kInvalidTableDefinition,
                           "cannot alter inherited column \"" + a.name + "\" of relation \"" +
                               d->name + "\"");
          }
        }
        break;
      case Action::Kind::kDropConstraint:
        for (const catalog::CheckConstraint& c : table.checks) {
          if (c.name == a.name && c.inhcount > 0) {
            throw SqlError(SqlState::kInvalidTableDefinition,
                           "cannot drop inherited constraint \"" + a.name + "\" of relation \"" +
                               table.name + "\"");
          }
        }
        break;
      case Action::Kind::kAddPrimaryKey:
      case Action::Kind::kAddUnique:
        if (has_children) {
          // PostgreSQL also makes the key columns NOT NULL in the children.
          throw SqlError(SqlState::kFeatureNotSupported,
                         "adding a primary key or unique constraint to a table with inheritance "
                         "children is not supported yet");
        }
        break;
      default:
        break;
    }
  }
}

// Whether an action on a table reaches its children: PostgreSQL's
// recursing ALTER TABLE subcommands; with ONLY just DROP COLUMN and DROP
// CONSTRAINT (they make the children's copies local).
bool ReachesChildren(const Action& a, bool only) {
  switch (a.kind) {
    case Action::Kind::kDropColumn:
    case Action::Kind::kDropConstraint:
      return true;
    case Action::Kind::kAddColumn:
    case Action::Kind::kRenameColumn:
    case Action::Kind::kAlterType:
    case Action::Kind::kSetNotNull:
    case Action::Kind::kDropNotNull:
    case Action::Kind::kSetDefault:
    case Action::Kind::kDropDefault:
      return !only;
    case Action::Kind::kAddCheck:
      return !only && !a.check.no_inherit;
    default:
      return false;
  }
}

bool AppliesOncePerTable(const Action& a) {
  switch (a.kind) {
    case Action::Kind::kAddColumn:
    case Action::Kind::kDropColumn:
    case Action::Kind::kAddCheck:
    case Action::Kind::kDropConstraint:
      return false;
    default:
      return true;
  }
}

// Applies the actions `run.skip` lets through to each child of `parent`
// (and, unless ONLY, on down). The catalog is re-read before each table so
// a table reached through two parents sees the first visit's changes
// (its inhcount then counts both).
void AlterChildren(CommandContext& ctx, const ast::AlterTableStatement& stmt, Oid parent,
                   const InheritedRun& run, std::set<Oid>* visited,
                   std::vector<std::shared_ptr<const catalog::CatalogSnapshot>>* keep) {
  if (std::find(run.skip.begin(), run.skip.end(), false) == run.skip.end()) return;
  auto refresh = [&] {
    auto snapshot = ctx.db->catalog()->LoadThrough(ctx.txn);
    if (!snapshot.ok()) ThrowStatus(snapshot.status());
    keep->push_back(ctx.catalog);
    ctx.catalog = snapshot.value();
  };
  refresh();
  std::vector<Oid> children;
  for (const catalog::TableDesc* child : ctx.catalog->ChildrenOf(parent)) {
    children.push_back(child->oid);
  }
  for (Oid oid : children) {
    refresh();
    const catalog::TableDesc* child = ctx.catalog->FindTable(oid);
    if (child == nullptr) continue;
    LockRelation(ctx, child->oid, child->name, txn::RelationLockMode::kAccessExclusive);
    // A table reached through a second parent: what counts parents (ADD /
    // DROP COLUMN and CHECK) applies again, the rest only once.
    InheritedRun mine = run;
    if (!visited->insert(oid).second) {
      for (size_t i = 0; i < stmt.actions.size(); ++i) {
        mine.skip[i] = mine.skip[i] || AppliesOncePerTable(stmt.actions[i]);
      }
    }
    if (std::find(mine.skip.begin(), mine.skip.end(), false) == mine.skip.end()) continue;
    AlterTable alter(ctx, stmt, *child, mine);
    alter.Run();
    if (run.only) continue;
    InheritedRun below = mine;
    below.skip = alter.skip_below();
    AlterChildren(ctx, stmt, oid, below, visited, keep);
  }
}

}  // namespace

StatementOutput ExecuteAlterTable(CommandContext& ctx, const ast::AlterTableStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER TABLE";
  const catalog::TableDesc* table = FindTable(ctx, stmt.table);
  if (table != nullptr && stmt.is_view) {
    throw SqlError(SqlState::kWrongObjectType, "\"" + stmt.table.name + "\" is not a view");
  }
  if (table == nullptr) {
    if (const catalog::ViewDesc* view = FindView(ctx, stmt.table)) {
      return ExecuteAlterView(ctx, stmt, *view);
    }
    if (stmt.if_exists) {
      ctx.Notice(SqlState::kSuccessfulCompletion,
                 "relation \"" + stmt.table.name + "\" does not exist, skipping");
      return result;
    }
    if (FindView(ctx, stmt.table) != nullptr) LookupTable(ctx, stmt.table);  // 0A000
    // No position: PostgreSQL reports ALTER TABLE's relation without one.
    const std::string name =
        stmt.table.schema.empty() ? stmt.table.name : stmt.table.schema + "." + stmt.table.name;
    throw SqlError(SqlState::kUndefinedTable, "relation \"" + name + "\" does not exist");
  }
  CheckOwnership(*ctx.catalog, table->owner, "table", table->name);
  LockRelation(ctx, table->oid, table->name, txn::RelationLockMode::kAccessExclusive);
  for (const Action& a : stmt.actions) {
    if (a.kind != Action::Kind::kAttachPartition && a.kind != Action::Kind::kDetachPartition) {
      continue;
    }
    if (stmt.actions.size() > 1) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "ATTACH / DETACH PARTITION together with other ALTER TABLE actions is not "
                     "supported yet");
    }
    if (a.kind == Action::Kind::kAttachPartition) {
      AttachPartition(ctx, *table, a);
    } else {
      DetachPartition(ctx, *table, a);
    }
    return result;
  }
  CheckInheritanceRules(ctx, stmt, *table);
  AlterTable alter(ctx, stmt, *table);
  alter.Run();
  if (!ctx.catalog->ChildrenOf(table->oid).empty()) {
    InheritedRun run;
    run.recursing = true;
    run.only = !stmt.table.inh;
    for (size_t i = 0; i < stmt.actions.size(); ++i) {
      run.skip.push_back(!ReachesChildren(stmt.actions[i], run.only) || alter.skip_below()[i]);
    }
    run.check_names = alter.check_names();
    // The statement's own snapshot comes back afterwards (callers may hold
    // pointers into it).
    const std::shared_ptr<const catalog::CatalogSnapshot> statement_catalog = ctx.catalog;
    std::vector<std::shared_ptr<const catalog::CatalogSnapshot>> keep;
    try {
      // One action at a time through the whole hierarchy, as PostgreSQL
      // recurses per subcommand (its NOTICEs come in that order).
      for (size_t i = 0; i < stmt.actions.size(); ++i) {
        if (run.skip[i]) continue;
        InheritedRun one = run;
        for (size_t k = 0; k < one.skip.size(); ++k) one.skip[k] = k != i;
        std::set<Oid> visited;
        AlterChildren(ctx, stmt, table->oid, one, &visited, &keep);
      }
    } catch (...) {
      ctx.catalog = statement_catalog;
      throw;
    }
    ctx.catalog = statement_catalog;
  }
  return result;
}

}  // namespace strata::sql
