// Statements on user-defined types (PostgreSQL's CreateEnumStmt,
// CompositeTypeStmt, AlterEnumStmt and DropStmt of types): one statement kind, told apart by
// `action`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/ast/definition_option.h"
#include "sql/ast/statement.h"
#include "sql/ast/table_statements.h"
#include "sql/ast/type_name.h"

namespace strata::sql::ast {

struct TypeStatement : Statement {
  TypeStatement() : Statement(StatementKind::kTypeDdl) {}

  enum class Action {
    kCreateEnum,      // CREATE TYPE name AS ENUM (labels)
    kAddEnumValue,    // ALTER TYPE name ADD VALUE [IF NOT EXISTS] label [BEFORE|AFTER neighbor]
    kRenameEnumValue, // ALTER TYPE name RENAME VALUE old_label TO label
    kDrop,            // DROP TYPE [IF EXISTS] name, ... [CASCADE]
    kRename,          // ALTER TYPE name RENAME TO new_name
    kCreateDomain,    // CREATE DOMAIN name [AS] type [DEFAULT e] [NOT NULL | NULL | CHECK (e)]...
    // ALTER DOMAIN name SET DEFAULT e | DROP DEFAULT | SET / DROP NOT NULL |
    // ADD [CONSTRAINT c] CHECK (e) | DROP CONSTRAINT [IF EXISTS] c
    kAlterDomain,
    kCreateComposite,  // CREATE TYPE name AS (attr type, ...)
    kCreateShell,      // CREATE TYPE name
    kCreateBase,       // CREATE TYPE name (INPUT = f, OUTPUT = f, ...)
  };
  Action action = Action::kCreateEnum;
  // The type's name as written ([schema.]name); kDrop: names.
  std::vector<std::string> name;
  std::vector<std::vector<std::string>> names;
  std::vector<int> name_locations;  // kDrop: per name
  std::vector<std::string> labels;  // kCreateEnum
  std::string label;                // kAddEnumValue / kRenameEnumValue: the new label
  std::string old_label;            // kRenameEnumValue
  std::string new_name;             // kRename
  std::string neighbor;             // kAddEnumValue: BEFORE/AFTER this label (empty: at the end)
  bool after = false;
  bool if_not_exists = false;       // kAddEnumValue
  bool if_exists = false;           // kDrop
  bool cascade = false;             // kDrop
  bool is_domain = false;           // kDrop / kRename: DROP DOMAIN, ALTER DOMAIN

  // kCreateDomain.
  TypeName base_type;
  std::optional<std::string> default_text;  // also kAlterDomain's SET DEFAULT
  bool not_null = false;
  bool null_seen = false;  // an explicit NULL (conflicts with NOT NULL)
  std::vector<CheckDef> checks;  // also kAlterDomain's ADD (one)

  // kAlterDomain: what changes (PostgreSQL's AlterDomainStmt.subtype).
  enum class DomainChange { kDefault, kDropNotNull, kSetNotNull, kAddConstraint, kDropConstraint };
  DomainChange change = DomainChange::kDefault;
  std::string constraint_name;  // kDropConstraint

  // kCreateComposite: the attributes (name, type and location only).
  std::vector<ColumnDef> attributes;

  // kCreateBase: the definition list.
  std::vector<DefinitionOption> options;
};

}  // namespace strata::sql::ast
