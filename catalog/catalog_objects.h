// Catalog objects: the in-memory descriptions of schemas (namespaces) and
// tables that the catalog persists (catalog_records.h) and caches
// (catalog.h). Plain values; an immutable CatalogSnapshot shares them between
// sessions.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "catalog/builtin_types.h"
#include "catalog/foreign_key_desc.h"
#include "catalog/partition_desc.h"
#include "catalog/trigger_desc.h"
#include "catalog/index_desc.h"
#include "catalog/role_desc.h"
#include "storage/tree_options.h"

namespace strata::catalog {

// PostgreSQL 15's OIDs of the namespaces initdb creates (pg_namespace.oid).
// Wire-visible: never change them.
inline constexpr Oid kPgCatalogNamespace = 11;
inline constexpr Oid kPublicNamespace = 2200;
inline constexpr Oid kInformationSchemaNamespace = 13207;
// PostgreSQL assigns user objects OIDs from FirstNormalObjectId on.
inline constexpr Oid kFirstNormalObjectId = 16384;

// pg_authid OID of the bootstrap superuser: the owner of objects made
// before owners were recorded (record version < 6).
inline constexpr Oid kBootstrapSuperuserOid = 10;

struct NamespaceDesc {
  Oid oid = 0;
  std::string name;
  // nspowner; 0: the owner initdb gives (the SQL layer knows it).
  Oid owner = 0;
};

struct ColumnDesc {
  std::string name;
  Oid type = 0;
  int32_t typmod = -1;
  int16_t attnum = 0;  // 1-based; never reused within a table
  bool not_null = false;
  // The DEFAULT expression as SQL text (re-parsed and bound when used).
  std::optional<std::string> default_expr;
  bool dropped = false;
  // PostgreSQL's attmissingval: what rows stored before ADD COLUMN ... DEFAULT
  // read in this column (nullopt: NULL), as opaque bytes the SQL layer
  // encodes (a one-column row of sql/storage_format/row_codec.h: independent
  // of DateStyle/TimeZone). Cleared when the table is rewritten (every row
  // then stores the column).
  std::optional<std::string> missing_value;
  // Table inheritance (pg_attribute.attinhcount / attislocal): how many
  // parents the column comes from, and whether the table defines it itself.
  // A column with inhcount > 0 cannot be dropped or renamed on its own.
  int16_t inhcount = 0;
  bool is_local = true;
  // pg_attribute.attidentity: 'a' GENERATED ALWAYS AS IDENTITY, 'd' BY
  // DEFAULT, '\0' none. An identity column's values come from its owned
  // sequence, kept as default_expr (nextval), which catalog views hide.
  char identity = '\0';
  // pg_attribute.attgenerated: 's' for GENERATED ALWAYS AS (expr) STORED,
  // whose expression is then default_expr (computed from the row's other
  // columns on every write, never given).
  char generated = '\0';
};

struct CheckConstraint {
  std::string name;  // "t_a_check"
  std::string expr;  // SQL text of the boolean expression
  // pg_constraint.conislocal / coninhcount / connoinherit.
  bool is_local = true;
  int16_t inhcount = 0;
  bool no_inherit = false;
  // pg_constraint.convalidated: false after ADD CHECK ... NOT VALID until
  // VALIDATE CONSTRAINT checked the existing rows.
  bool validated = true;
};

struct TableDesc {
  Oid oid = 0;
  Oid namespace_oid = 0;
  std::string name;
  // relowner (its indexes have the same owner, as in PostgreSQL).
  Oid owner = kBootstrapSuperuserOid;
  // Every attribute slot, in attnum order (columns[i].attnum == i + 1),
  // dropped ones included.
  std::vector<ColumnDesc> columns;
  // Primary key: attnums in key order; empty = hidden 8-byte row id.
  std::vector<int16_t> primary_key;
  std::string primary_key_name;  // "t_pkey"
  std::vector<CheckConstraint> checks;
  // The LSM tree holding the rows (replaced by TRUNCATE).
  storage::TreeId tree = 0;
  std::string tree_name;
  // Secondary indexes (catalog/index_desc.h), in creation order.
  std::vector<IndexDesc> indexes;
  // FOREIGN KEY constraints of this (referencing) table, in creation order.
  std::vector<ForeignKeyDesc> foreign_keys;
  // INHERITS: the parent tables in pg_inherits.inhseqno order (1-based
  // seqno = index + 1). Children are found by scanning (CatalogSnapshot).
  std::vector<Oid> parents;
  // Triggers (catalog/trigger_desc.h), in creation order; they fire in
  // name order.
  std::vector<TriggerDesc> triggers;
  // Declarative partitioning (catalog/partition_desc.h): a partitioned
  // table's key (relkind 'p'), and a partition's bound (relispartition;
  // its partitioned table is then parents[0]).
  std::optional<PartitionKey> partition_key;
  std::optional<PartitionBound> partition_bound;
  // pg_class.reloptions as "name=value" in the order set (ALTER TABLE SET
  // (...), CREATE TABLE ... WITH (...)): parallel_workers, fillfactor, ...
  std::vector<std::string> options;

  // Index into columns of a live column by name; -1 if none.
  int FindColumn(const std::string& column_name) const {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (!columns[i].dropped && columns[i].name == column_name) return static_cast<int>(i);
    }
    return -1;
  }
};

// A sequence (CREATE SEQUENCE, serial columns): its definition. The value
// it has reached is not part of it: nextval() changes that outside any
// transaction (sql/sequences/sequence_values.h), as in PostgreSQL.
struct SequenceDesc {
  Oid oid = 0;
  Oid namespace_oid = 0;
  std::string name;
  Oid owner = kBootstrapSuperuserOid;  // relowner
  Oid type = 20;  // int2 (21), int4 (23) or int8 (20): AS type
  int64_t start = 1;
  int64_t increment = 1;
  int64_t min_value = 1;
  int64_t max_value = std::numeric_limits<int64_t>::max();
  int64_t cache = 1;
  bool cycle = false;
  // OWNED BY table.column (serial columns): dropped with the table; 0 if none.
  Oid owner_table = 0;
  int16_t owner_attnum = 0;
};

// A view: its query as SQL text, re-parsed and bound (as a derived table)
// wherever the view is used, and the columns it had when created (the
// query's `*` may grow later; uses take only these columns).
struct ViewColumn {
  std::string name;
  Oid type = 0;
  int32_t typmod = -1;
  // ALTER VIEW ... ALTER COLUMN SET DEFAULT: SQL text, applied to INSERTs
  // through an automatically updatable view (pg_attrdef of the view).
  std::optional<std::string> default_expr;
};

struct ViewDesc {
  Oid oid = 0;
  Oid namespace_oid = 0;
  std::string name;
  Oid owner = kBootstrapSuperuserOid;  // relowner
  std::string query;
  std::vector<ViewColumn> columns;
  // The tables and views the query reads (pg_depend's normal dependencies):
  // DROP of one of them fails with 2BP01 unless CASCADE.
  std::vector<Oid> depends_on;
  // The schemas search_path listed when the view was created: its stored
  // query text resolves unqualified names in them, so that the view keeps
  // reading what it read then (PostgreSQL stores OIDs instead of text).
  // Empty for views stored before it was kept: the session's path applies.
  std::vector<Oid> search_path;
  // Triggers: INSTEAD OF row triggers and statement-level ones.
  std::vector<TriggerDesc> triggers;
  // pg_class.reloptions as "name=value" in the order set: check_option
  // (local | cascaded), security_barrier, security_invoker.
  std::vector<std::string> options;
};

// A user-defined function or procedure (CREATE FUNCTION, pg_proc): its
// signature, properties and body text. Only LANGUAGE sql bodies exist; the
// SQL layer re-parses `body` wherever the function is called.
struct FunctionArg {
  std::string name;  // empty if unnamed
  Oid type = 0;
  // PostgreSQL's proargmodes letters: 'i' IN, 'o' OUT, 'b' INOUT, 't' TABLE
  // (a column of RETURNS TABLE), 'v' VARIADIC.
  char mode = 'i';
  // DEFAULT expression as SQL text (IN arguments only).
  std::optional<std::string> default_expr;
};

struct FunctionDesc {
  Oid oid = 0;
  Oid namespace_oid = 0;
  std::string name;
  // Every declared parameter in order, OUT and TABLE ones included; the
  // call signature is the 'i', 'b' and 'v' ones.
  std::vector<FunctionArg> args;
  Oid result_type = 0;  // 2249 record for TABLE / several OUT, 2278 void
  bool returns_set = false;
  bool is_procedure = false;
  std::string language = "sql";
  std::string body;         // prosrc
  char volatility = 'v';    // 'i' immutable, 's' stable, 'v' volatile
  char parallel = 'u';      // 's' safe, 'r' restricted, 'u' unsafe
  bool strict = false;
  bool security_definer = false;
  bool leakproof = false;
  double cost = 100;
  double rows = 0;  // 1000 for set-returning functions unless ROWS says

  // The argument types a call matches (proargtypes): IN, INOUT, VARIADIC.
  std::vector<Oid> InputTypes() const {
    std::vector<Oid> out;
    for (const FunctionArg& a : args) {
      if (a.mode == 'i' || a.mode == 'b' || a.mode == 'v') out.push_back(a.type);
    }
    return out;
  }
};

// A user-defined type (pg_type row of CREATE TYPE / CREATE DOMAIN): enums
// (typtype 'e'), domains ('d') and composite types ('c', CREATE TYPE ... AS
// (...)); each has an array type (typarray, named "_" + name) whose OID is
// allocated with it.
struct EnumLabel {
  Oid oid = 0;             // pg_enum.oid
  float sort_order = 0;    // pg_enum.enumsortorder: labels order by it
  std::string label;       // pg_enum.enumlabel

  friend bool operator==(const EnumLabel&, const EnumLabel&) = default;
};

// A CHECK constraint of a domain (pg_constraint with contypid): its
// expression as SQL text, reading the value as VALUE.
struct DomainCheck {
  Oid oid = 0;       // pg_constraint.oid
  std::string name;  // "d_check"
  std::string expr;

  friend bool operator==(const DomainCheck&, const DomainCheck&) = default;
};

struct TypeDesc {
  Oid oid = 0;
  Oid namespace_oid = 0;
  std::string name;
  Oid owner = kBootstrapSuperuserOid;
  char kind = 'e';  // pg_type.typtype
  Oid array_oid = 0;
  std::vector<EnumLabel> labels;  // in sort order (ascending sort_order)
  // The highest pg_enum OID CREATE TYPE gave (labels added later by ALTER
  // TYPE have higher ones): PostgreSQL lets a transaction use the labels of
  // a type it created, but not labels it added, before the commit.
  Oid last_created_label = 0;

  // Domains (kind 'd', CREATE DOMAIN): the base type as declared (it may be
  // another domain, whose constraints then apply too), NOT NULL, DEFAULT
  // (SQL text) and CHECKs.
  Oid base_type = 0;
  int32_t base_typmod = -1;
  bool not_null = false;
  std::optional<std::string> default_expr;
  std::vector<DomainCheck> checks;

  // Composite types (kind 'c'): the pg_class row of relkind 'c' that holds
  // the attributes (typrelid), and the attributes in attnum order
  // (attributes[i].attnum == i + 1; only name, type, typmod, attnum and
  // dropped are used).
  Oid relid = 0;
  std::vector<ColumnDesc> attributes;

  // Shell types (kind 'p', CREATE TYPE name;) have none of the above: a
  // name that I/O functions can mention before the type is defined.
  // Base types (kind 'b', CREATE TYPE name (INPUT = ..., OUTPUT = ...)):
  // their input and output functions (LANGUAGE internal functions, pg_proc
  // OIDs of catalog functions) and `storage_type`, the built-in type whose
  // text I/O those functions name: values are held, stored and printed as
  // that type's (sql/types/user_types.h). typlen, typalign, typstorage,
  // typbyval, typcategory and typispreferred as CREATE TYPE gave them;
  // default_expr above is typdefault.
  Oid input_function = 0;
  Oid output_function = 0;
  Oid storage_type = 0;
  int16_t internal_length = -1;
  char alignment = 'i';
  char storage = 'p';
  bool by_value = false;
  char category = 'U';
  bool preferred = false;
};

// A user-defined operator (CREATE OPERATOR, pg_operator). `function` is the
// pg_proc OID of oprcode: a user function's, or a built-in function's with
// its name in function_name (built-ins are bound by name). Restriction and
// join estimators are kept by name only (regproc output); we never call
// them. commutator / negator are operator OIDs (0: none); PostgreSQL
// creates a shell operator row for a named one that does not exist yet,
// and so do we (a shell has function == 0 and function_name empty).
struct OperatorDesc {
  Oid oid = 0;
  Oid namespace_oid = 0;
  std::string name;
  Oid owner = kBootstrapSuperuserOid;
  char kind = 'b';  // 'b' infix, 'l' prefix
  Oid left = 0;     // 0 for a prefix operator
  Oid right = 0;
  Oid result = 0;
  Oid function = 0;
  std::string function_name;
  Oid commutator = 0;
  Oid negator = 0;
  std::string restrict_name;  // oprrest ("" = none)
  Oid restrict_oid = 0;       // its pg_proc OID when known (0 otherwise)
  std::string join_name;      // oprjoin
  Oid join_oid = 0;
  bool can_hash = false;
  bool can_merge = false;
};

// A user-defined cast (CREATE CAST, pg_cast). method 'f' calls `function`
// (a pg_proc OID; see OperatorDesc for built-ins), 'b' is binary coercible
// (WITHOUT FUNCTION), 'i' goes through text I/O (WITH INOUT); context 'e'
// explicit, 'a' assignment, 'i' implicit.
struct CastDesc {
  Oid oid = 0;
  Oid source = 0;
  Oid target = 0;
  Oid function = 0;
  char context = 'e';
  char method = 'f';
};

// What a COMMENT ON describes, as pg_description names it: the catalog the
// object lives in (pg_class 1259, pg_namespace 2615, pg_proc 1255,
// pg_constraint 2606, pg_database 1262, ...), its OID there, and a column's
// attnum for comments on columns (0 otherwise).
// The catalogs' own OIDs (pg_class.oid of pg_class, ...): the classoid of
// a pg_description row.
inline constexpr Oid kPgClassOid = 1259;
inline constexpr Oid kPgProcOid = 1255;
inline constexpr Oid kPgNamespaceOid = 2615;
inline constexpr Oid kPgConstraintOid = 2606;
inline constexpr Oid kPgDatabaseOid = 1262;
inline constexpr Oid kPgTypeOid = 1247;
inline constexpr Oid kPgTriggerOid = 2620;
inline constexpr Oid kPgOperatorOid = 2617;
inline constexpr Oid kPgCastOid = 2605;

inline constexpr Oid kPgAuthidOid = 1260;

// The databases initdb creates, with PostgreSQL's OIDs. They are not stored:
// every catalog lists them (CatalogSnapshot::databases()).
inline constexpr Oid kTemplate1DatabaseOid = 1;
inline constexpr Oid kTemplate0DatabaseOid = 4;
inline constexpr Oid kPostgresDatabaseOid = 5;

// A database (pg_database). Its objects live in the catalog under its own
// key scope (catalog_records.h); roles, databases and their ACLs are shared
// by every database, as PostgreSQL's shared catalogs are.
struct DatabaseDesc {
  Oid oid = 0;
  std::string name;
  Oid owner = kBootstrapSuperuserOid;
  bool is_template = false;
  bool allow_connections = true;
  int32_t connection_limit = -1;
};

struct CommentTarget {
  Oid classoid = 0;
  Oid objoid = 0;
  int32_t objsubid = 0;

  friend auto operator<=>(const CommentTarget&, const CommentTarget&) = default;
};

}  // namespace strata::catalog
