// AclItem: one entry of an object's access control list, PostgreSQL's
// aclitem (pg_class.relacl, pg_namespace.nspacl, pg_database.datacl). An
// object without a stored list has its owner's defaults (PostgreSQL's NULL
// acl, acldefault()); the first GRANT or REVOKE stores the defaults with the
// change applied, and the list stays stored from then on, as in PostgreSQL.
#pragma once

#include <compare>
#include <cstdint>
#include <vector>

#include "catalog/builtin_types.h"

namespace strata::catalog {

// Privilege bits, PostgreSQL's ACL_* values (parsenodes.h). Stored in
// catalog records: never renumber.
inline constexpr uint32_t kAclInsert = 1u << 0;      // a
inline constexpr uint32_t kAclSelect = 1u << 1;      // r
inline constexpr uint32_t kAclUpdate = 1u << 2;      // w
inline constexpr uint32_t kAclDelete = 1u << 3;      // d
inline constexpr uint32_t kAclTruncate = 1u << 4;    // D
inline constexpr uint32_t kAclReferences = 1u << 5;  // x
inline constexpr uint32_t kAclTrigger = 1u << 6;     // t
inline constexpr uint32_t kAclUsage = 1u << 8;       // U
inline constexpr uint32_t kAclCreate = 1u << 9;      // C
// Every privilege a table or view can hold (arwdDxt), a schema (UC).
inline constexpr uint32_t kAclAllTable = 0x7F;
inline constexpr uint32_t kAclAllSchema = kAclUsage | kAclCreate;

// The grantee OID of PUBLIC (printed as an empty name).
inline constexpr Oid kAclPublic = 0;

struct AclItem {
  Oid grantee = kAclPublic;
  Oid grantor = 0;
  uint32_t privileges = 0;
  // The subset of `privileges` held WITH GRANT OPTION.
  uint32_t grant_options = 0;

  friend bool operator==(const AclItem&, const AclItem&) = default;
};

// ALTER DEFAULT PRIVILEGES' key (pg_default_acl): the creating role, the
// schema (0: every schema) and the kind of object ('r' tables and views,
// 'S' sequences).
struct DefaultAclKey {
  Oid role = 0;
  Oid namespace_oid = 0;
  char objtype = 'r';

  friend auto operator<=>(const DefaultAclKey&, const DefaultAclKey&) = default;
};

// Which object a stored list belongs to: its catalog (pg_class 1259,
// pg_namespace 2615 or pg_database 1262) and its OID there. A column's list
// (pg_attribute.attacl) has the table's target with the column's attnum as
// objsubid; 0 is the object itself. A column list is never filled with the
// owner's defaults: a column has no default privileges, only grants.
struct AclTarget {
  Oid classoid = 0;
  Oid objoid = 0;
  int32_t objsubid = 0;

  friend auto operator<=>(const AclTarget&, const AclTarget&) = default;
};

}  // namespace strata::catalog
