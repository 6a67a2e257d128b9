// Catalog records: how catalog objects are stored in the engine's default
// tree (tree 0). Pure encode/decode functions; catalog.h decides when.
//
// Key layout in tree 0 (written to disk: never renumber a prefix):
//
//   0x10 "next_oid"          -> u32 BE: the next user OID to hand out
//   0x20 <namespace oid:u32 BE> -> namespace record
//   0x30 <table oid:u32 BE>     -> table record
//   0x50 <sequence oid:u32 BE>  -> sequence record (the definition)
//   0x51 <sequence oid:u32 BE>  -> sequence value record (written by nextval
//                                  and setval outside transactions)
//   0x60 <view oid:u32 BE>      -> view record
//   0x70 <function oid:u32 BE>  -> function record
//   0x74 <type oid:u32 BE>      -> type record
//   0x78 <operator oid:u32 BE>  -> operator record (CREATE OPERATOR)
//   0x7C <cast oid:u32 BE>      -> cast record (CREATE CAST)
//   0x90 <table oid:u32 BE>     -> statistics record (catalog/table_statistics.h)
//   0xA0 <classoid:u32 BE> <objoid:u32 BE> <objsubid:u32 BE>
//                               -> comment record (COMMENT ON; pg_description)
//   0xB0 <classoid:u32 BE> <objoid:u32 BE>
//                               -> acl record (GRANT/REVOKE; relacl, nspacl)
//   0xB8 <role:u32 BE> <namespace:u32 BE> <objtype:u8>
//                               -> default acl record (ALTER DEFAULT
//                                  PRIVILEGES; pg_default_acl; acl format)
//   0xC0 <database oid:u32 BE>  -> database record (CREATE DATABASE)
//   0xC4 <database oid:u32 BE> <role oid:u32 BE>
//                               -> settings record (ALTER ROLE / DATABASE ...
//                                  SET; pg_db_role_setting; 0 = any)
//   0xC8 <database oid:u32 BE> <key>
//                               -> a record of a database other than
//                                  "postgres": any key above except the
//                                  shared ones, scoped to that database
//
// Shared by all databases (never scoped): next_oid, roles, database records,
// settings records,
// and the acl and comment records of databases and roles (classoid
// pg_database 1262, pg_authid 1260). Everything else belongs to one database:
// unscoped for "postgres" (the only database before version 7, so its keys
// stay where they were), scoped under 0xC8 for every other.
//
// Prefixes leave gaps for the kinds to come (0x40 indexes, 0x50 sequences,
// 0x60 views, ...). Every record value starts with a format version byte
// (kCatalogRecordVersion); fields follow as varints and length-prefixed
// strings (common/coding.h):
//
//   namespace := version:u8 name:lpstr [version >= 6] owner:v32 (0: initdb's)
//   table     := version:u8 namespace:v32 name:lpstr tree:v32 tree_name:lpstr
//                ncolumns:v32 column* npk:v32 pk_attnum:v32* pk_name:lpstr
//                nchecks:v32 (check_name:lpstr check_expr:lpstr)*
//                [version >= 3] nindexes:v32 index*
//                [version >= 4] nfkeys:v32 fkey*
//                [version >= 5] nparents:v32 parent_oid:v32*
//                               (inhcount:v32 local:u8)            per column
//                               (inhcount:v32 flags:u8)            per check
//                               (check flags bit0 local, bit1 NO INHERIT)
//                [version >= 6] owner:v32
//                [version >= 8] ntriggers:v32 trigger*
//                [version >= 11] noptions:v32 option:lpstr* (has_default:u8 [default:lpstr])*ncolumns
//   trigger   := oid:v32 name:lpstr function:v32 tgtype:v32 tgenabled:u8
//                nargs:v32 arg:lpstr* nattr:v32 attnum:v32* has_when:u8
//                [when:lpstr] old_table:lpstr new_table:lpstr
//   fkey      := name:lpstr ncols:v32 attnum:v32* ref_table:v32
//                nrefcols:v32 attnum:v32* on_update:u8 on_delete:u8 match:u8
//                flags:u8 (bit0 DEFERRABLE, bit1 INITIALLY DEFERRED)
//                nsetcols:v32 attnum:v32*
//                (actions and match as pg_constraint's letters)
//   index     := oid:v32 name:lpstr nkeys:v32
//                (attnum:v32 keyflags:u8 [expr:lpstr expr_type:v32])*
//                ninclude:v32 attnum:v32* flags:u8 predicate:lpstr
//                tree:v32 tree_name:lpstr
//                (keyflags bit0 DESC, bit1 NULLS FIRST, bit2 expression key
//                [version >= 12: attnum 0, its text and type follow]; flags bit0 unique,
//                bit1 NULLS NOT DISTINCT, bit2 UNIQUE constraint)
//   sequence  := version:u8 namespace:v32 name:lpstr type:v32 start:v64
//                increment:v64 min:v64 max:v64 cache:v64 (int64 as u64)
//                cycle:u8 owner_table:v32 owner_attnum:v32 [version >= 6] owner:v32
//   seq value := version:u8 last_value:v64 (int64 as u64) is_called:u8
//   column    := name:lpstr type:v32 typmod:v32(as u32) attnum:v32
//                flags:u8 (bit0 not_null, bit1 dropped, bit2 has_default,
//                bit3 has_missing [version >= 2], bit4 identity always,
//                bit5 identity by default, bit6 generated stored)
//                [default:lpstr] [missing:lpstr]
//   view      := version:u8 namespace:v32 name:lpstr query:lpstr
//                ncolumns:v32 (name:lpstr type:v32 typmod:v32(as u32))*
//                ndeps:v32 dep_oid:v32* [nsearch:v32 ns_oid:v32*]
//                [version >= 6] owner:v32 (search path then always written)
//                [version >= 8] ntriggers:v32 trigger*
//                [version >= 11] noptions:v32 option:lpstr* (has_default:u8 [default:lpstr])*ncolumns
//   function  := version:u8 namespace:v32 name:lpstr nargs:v32
//                (name:lpstr type:v32 mode:u8 has_default:u8 [default:lpstr])*
//                result:v32 flags:u8 (bit0 returns_set, bit1 procedure,
//                bit2 strict, bit3 security definer, bit4 leakproof)
//                volatility:u8 parallel:u8 cost:lpstr rows:lpstr
//                language:lpstr body:lpstr
//                (cost and rows as decimal text)
//   type      := version:u8 namespace:v32 name:lpstr owner:v32 kind:u8
//                array_oid:v32 nlabels:v32 (oid:v32 sort_order:lpstr label:lpstr)*
//                last_created_label:v32 base_type:v32 base_typmod:v32(as u32)
//                flags:u8 (bit0 not_null, bit1 has_default) [default:lpstr]
//                nchecks:v32 (oid:v32 name:lpstr expr:lpstr)*
//                [version >= 10] relid:v32 nattrs:v32
//                  (name:lpstr type:v32 typmod:v32(as u32) dropped:u8)*
//                [version >= 11] input:v32 output:v32 storage_type:v32
//                  internal_length:v32(as u32) alignment:u8 storage:u8
//                  flags:u8 (bit0 by_value, bit1 preferred) category:u8
//                (types exist from version 7 on; sort_order as decimal text;
//                attributes are those of a composite type, kind 'c'; the
//                version 11 fields those of a base type, kind 'b')
//   operator  := version:u8 namespace:v32 name:lpstr owner:v32 kind:u8
//                left:v32 right:v32 result:v32 function:v32 function_name:lpstr
//                commutator:v32 negator:v32 restrict:lpstr restrict_oid:v32
//                join:lpstr join_oid:v32 flags:u8 (bit0 hashes, bit1 merges)
//                (operators exist from version 11 on)
//   cast      := version:u8 source:v32 target:v32 function:v32 context:u8
//                method:u8 (casts exist from version 11 on)
//   comment   := version:u8 text:lpstr
//   role      := version:u8 name:lpstr flags:u8 (bit0 superuser, bit1 inherit,
//                bit2 createrole, bit3 createdb, bit4 login, bit5 replication,
//                bit6 bypassrls, bit7 has_password) connlimit:v32(as u32)
//                [password:lpstr] has_valid_until:u8 [valid_until:v64 (as u64)]
//                nmembers:v32 (member:v32 grantor:v32 admin_option:u8)*
//                (roles exist from version 4 on)
//   database  := version:u8 name:lpstr owner:v32 flags:u8 (bit0 is_template,
//                bit1 allow_connections) connlimit:v32(as u32)
//                (databases exist from version 7 on)
//   settings  := version:u8 n:v32 ("name=value":lpstr)*
//   acl       := version:u8 nitems:v32
//                (grantee:v32 grantor:v32 privileges:v32 grant_options:v32)*
//                (catalog/acl_item.h; acl records exist from version 5 on)
//
// Versions: 1 = as above without bit3; 2 adds the missing value (ADD COLUMN
// ... DEFAULT); 3 adds a table's secondary indexes (catalog/index_desc.h); 4 its foreign keys
// (catalog/foreign_key_desc.h); 5 its inheritance (parents, attinhcount/attislocal,
// conislocal/coninhcount/connoinherit); 6 the owner (owner:v32 appended to namespace, table,
// sequence and view records; older records read as owned by the bootstrap superuser,
// namespaces as owned by initdb's owner); 7 database records and scoped keys;
// 8 triggers (catalog/trigger_desc.h), appended to table and view records; 9 a table's
// partition key and bound (catalog/partition_desc.h); 10 composite types' attributes;
// 11 shell and base types' fields, operator and cast records, and a view's reloptions
// (n:v32 option:lpstr*) and column defaults (per column has_default:u8 [text:lpstr])
// appended to view records; 12 index expression keys (keyflags bit2); 13 a table's
// reloptions (n:v32 option:lpstr*) appended to table records. Writers write the
// newest; readers accept every older one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/acl_item.h"
#include "catalog/catalog_objects.h"

namespace strata::catalog {

inline constexpr uint8_t kCatalogRecordVersion = 13;
// The oldest record version readers still accept.
inline constexpr uint8_t kOldestCatalogRecordVersion = 1;

// Key prefixes (first byte of every catalog key). Written to disk.
enum class CatalogKeyKind : uint8_t {
  kCounter = 0x10,
  kNamespace = 0x20,
  kTable = 0x30,
  kView = 0x60,
  kSequence = 0x50,
  kSequenceValue = 0x51,
  kFunction = 0x70,
  kType = 0x74,
  kOperator = 0x78,
  kCast = 0x7C,
  kComment = 0xA0,
  kRole = 0x80,
  kAcl = 0xB0,
  kDefaultAcl = 0xB8,
  kDatabase = 0xC0,
  kRoleSetting = 0xC4,
  kDatabaseScope = 0xC8,
};

// The key prefix of `database`'s own records: empty for "postgres", else
// 0xC8 <oid>. Prepend it to a key of a non-shared kind.
std::string DatabaseKeyScope(Oid database);
// Whether an acl or comment record on an object of catalog `classoid` is
// shared by all databases (databases and roles).
bool IsSharedObjectClass(Oid classoid);

// The persisted state of a sequence: the last value handed out (or, before
// the first nextval, the one the first nextval returns: is_called false).
struct SequenceValueRecord {
  int64_t last_value = 0;
  bool is_called = false;
};

std::string NextOidKey();
std::string NamespaceKey(Oid oid);
std::string TableKey(Oid oid);
std::string SequenceKey(Oid oid);
std::string SequenceValueKey(Oid oid);
std::string ViewKey(Oid oid);
std::string FunctionKey(Oid oid);
std::string TypeKey(Oid oid);
std::string OperatorKey(Oid oid);
std::string CastKey(Oid oid);
std::string CommentKey(const CommentTarget& target);
// The target in a comment key; nullopt if the key is malformed.
std::optional<CommentTarget> CommentTargetFromKey(std::string_view key);
std::string RoleKey(Oid oid);
std::string DatabaseKey(Oid oid);
std::string DefaultAclRecordKey(const DefaultAclKey& key);
std::optional<DefaultAclKey> DefaultAclFromKey(std::string_view key);
std::string RoleSettingKey(Oid database, Oid role);
// The (database, role) of a settings key; nullopt if malformed.
std::optional<std::pair<Oid, Oid>> RoleSettingFromKey(std::string_view key);
std::string AclKey(const AclTarget& target);
// The target in an acl key; nullopt if the key is malformed.
std::optional<AclTarget> AclTargetFromKey(std::string_view key);
// [KindPrefix(kind), KindPrefix(kind) + 1): every key of one kind.
std::string KindPrefix(CatalogKeyKind kind);

std::string EncodeNamespace(const NamespaceDesc& ns);
std::string EncodeTable(const TableDesc& table);
std::string EncodeView(const ViewDesc& view);
std::string EncodeFunction(const FunctionDesc& fn);
std::string EncodeType(const TypeDesc& type);
std::string EncodeOperator(const OperatorDesc& op);
std::string EncodeCast(const CastDesc& cast);
std::string EncodeComment(const std::string& text);
std::string EncodeRole(const RoleDesc& role);
std::string EncodeDatabase(const DatabaseDesc& db);
std::string EncodeRoleSetting(const std::vector<std::string>& settings);
std::string EncodeAcl(const std::vector<AclItem>& acl);
std::string EncodeOidCounter(Oid next);
std::string EncodeSequence(const SequenceDesc& seq);
std::string EncodeSequenceValue(const SequenceValueRecord& value);

// Decoders return nullopt for malformed bytes or an unknown version; `oid`
// comes from the key.
std::optional<NamespaceDesc> DecodeNamespace(Oid oid, std::string_view bytes);
std::optional<TableDesc> DecodeTable(Oid oid, std::string_view bytes);
std::optional<ViewDesc> DecodeView(Oid oid, std::string_view bytes);
std::optional<FunctionDesc> DecodeFunction(Oid oid, std::string_view bytes);
std::optional<TypeDesc> DecodeType(Oid oid, std::string_view bytes);
std::optional<OperatorDesc> DecodeOperator(Oid oid, std::string_view bytes);
std::optional<CastDesc> DecodeCast(Oid oid, std::string_view bytes);
std::optional<std::string> DecodeComment(std::string_view bytes);
std::optional<RoleDesc> DecodeRole(Oid oid, std::string_view bytes);
std::optional<DatabaseDesc> DecodeDatabase(Oid oid, std::string_view bytes);
std::optional<std::vector<std::string>> DecodeRoleSetting(std::string_view bytes);
std::optional<std::vector<AclItem>> DecodeAcl(std::string_view bytes);
std::optional<Oid> DecodeOidCounter(std::string_view bytes);
std::optional<SequenceDesc> DecodeSequence(Oid oid, std::string_view bytes);
std::optional<SequenceValueRecord> DecodeSequenceValue(std::string_view bytes);
// The OID in a namespace or table key; nullopt if the key is malformed.
std::optional<Oid> OidFromKey(std::string_view key);

}  // namespace strata::catalog
