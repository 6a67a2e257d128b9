// RoleDesc: a role of the cluster (CREATE ROLE / USER / GROUP), what
// PostgreSQL keeps in pg_authid, with its members (pg_auth_members rows
// whose roleid is this role). The bootstrap superuser (OID 10) and the
// predefined roles are not stored: the SQL layer knows them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/builtin_types.h"

namespace strata::catalog {

// One membership: `member` belongs to the role that holds this entry,
// granted by `grantor`, WITH ADMIN OPTION or not.
struct RoleMember {
  Oid member = 0;
  Oid grantor = 0;
  bool admin_option = false;
};

struct RoleDesc {
  Oid oid = 0;
  std::string name;
  bool superuser = false;
  bool inherit = true;
  bool create_role = false;
  bool create_db = false;
  bool can_login = false;
  bool replication = false;
  bool bypass_rls = false;
  int32_t connection_limit = -1;
  // rolpassword: a SCRAM-SHA-256 verifier or "md5..." hash; never a plain
  // password. nullopt: PASSWORD NULL / none.
  std::optional<std::string> password;
  // rolvaliduntil as PostgreSQL's timestamptz (microseconds since
  // 2000-01-01 UTC); nullopt: no limit.
  std::optional<int64_t> valid_until;
  // The roles that are members of this one, in grant order.
  std::vector<RoleMember> members;
};

}  // namespace strata::catalog
