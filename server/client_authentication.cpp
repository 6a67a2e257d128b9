// Authentication decisions and password checks (see client_authentication.h).
#include "server/client_authentication.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <strings.h>

#include <chrono>

#include "catalog/catalog.h"
#include "common/scram_verifier.h"
#include "server/hba_store.h"
#include "sql/backend_status.h"
#include "sql/database.h"
#include "sql/expr/md5.h"
#include "sql/settings/config_snapshot.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::server {

namespace {

SqlErrorFields Fatal(SqlState state, std::string message) {
  SqlErrorFields f;
  f.severity = ErrorSeverity::kFatal;
  f.sqlstate = state;
  f.message = std::move(message);
  return f;
}

// PostgreSQL's timestamptz "now": microseconds since 2000-01-01 UTC.
int64_t NowPgMicros() {
  constexpr int64_t kUnixToPgEpochMicros = 946684800LL * 1000000;
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count() -
         kUnixToPgEpochMicros;
}

bool IsMd5Hash(const std::string& p) {
  if (p.size() != 35 || p.compare(0, 3, "md5") != 0) return false;
  for (size_t i = 3; i < p.size(); ++i) {
    const char c = p[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// A verifier no password matches: the exchange runs its course and fails.
const std::string& MockVerifier() {
  static const std::string verifier =
      scram::MakeScramVerifier(scram::Base64Encode(scram::RandomBytes(24)));
  return verifier;
}

// password_encryption as the configuration file and command line set it.
bool ServerPasswordEncryptionIsMd5() {
  std::shared_ptr<const sql::ConfigSnapshot> config = sql::CurrentConfigSnapshot();
  if (config == nullptr) return false;
  bool md5 = false;
  for (const sql::ConfigSetting& setting : config->settings) {
    if (strcasecmp(setting.name.c_str(), "password_encryption") == 0) {
      md5 = strcasecmp(setting.value.c_str(), "md5") == 0;
    }
  }
  return md5;
}

std::string HostText(const HbaConnection& c) { return c.local ? "[local]" : c.client_address; }

std::string ConnectionText(const HbaConnection& c) {
  return "host \"" + HostText(c) + "\", user \"" + c.user + "\", database \"" + c.database +
         "\", " + (c.ssl ? "SSL encryption" : "no encryption");
}

}  // namespace

SqlErrorFields PasswordFailedError(const std::string& user) {
  return Fatal(SqlState::kInvalidPassword,
               "password authentication failed for user \"" + user + "\"");
}

AuthPlan PlanAuthentication(const HbaStore* hba, sql::Database* database,
                            const HbaConnection& connection) {
  AuthPlan plan;
  if (hba == nullptr) {
    plan.exchange = AuthExchange::kTrust;
    return plan;
  }
  std::shared_ptr<const catalog::CatalogSnapshot> catalog;
  if (database != nullptr) catalog = database->catalog()->Current();
  auto is_member = [&](const std::string& user, const std::string& role) {
    if (catalog == nullptr) return user == role;
    const catalog::RoleDesc* u = sql::FindRoleByName(*catalog, user);
    const catalog::RoleDesc* r = sql::FindRoleByName(*catalog, role);
    return u != nullptr && r != nullptr && sql::IsMemberOfRoleNoSuper(*catalog, u->oid, r->oid);
  };
  std::shared_ptr<const HbaRules> rules = hba->Current();
  const HbaRule* rule = rules ? rules->Match(connection, is_member) : nullptr;
  if (rule == nullptr) {
    plan.error = Fatal(SqlState::kInvalidAuthorizationSpecification,
                       "no pg_hba.conf entry for " + ConnectionText(connection));
    return plan;
  }
  plan.matched_line = "Connection matched pg_hba.conf line " + std::to_string(rule->line_number) +
                      ": \"" + rule->raw_line + "\"";
  if (rule->method == HbaMethod::kReject) {
    plan.error = Fatal(SqlState::kInvalidAuthorizationSpecification,
                       "pg_hba.conf rejects connection for " + ConnectionText(connection));
    return plan;
  }
  if (rule->method == HbaMethod::kTrust) {
    plan.exchange = AuthExchange::kTrust;
    return plan;
  }

  // get_role_password: the stored password, if the role has a usable one.
  const catalog::RoleDesc* role =
      catalog ? sql::FindRoleByName(*catalog, connection.user) : nullptr;
  if (role == nullptr) {
    plan.failure_detail = "Role \"" + connection.user + "\" does not exist.";
  } else if (!role->password) {
    plan.failure_detail = "User \"" + connection.user + "\" has no password assigned.";
  } else if (role->valid_until && *role->valid_until < NowPgMicros()) {
    plan.failure_detail = "User \"" + connection.user + "\" has an expired password.";
  } else {
    plan.stored_password = role->password;
  }

  switch (rule->method) {
    case HbaMethod::kPassword:
      plan.exchange = AuthExchange::kCleartext;
      return plan;
    case HbaMethod::kMd5:
      // PostgreSQL's CheckPWChallengeAuth: MD5 for an md5 hash; SCRAM for a
      // verifier; with no usable password, the kind password_encryption
      // would store (the server's value: startup options come later).
      if (plan.stored_password ? IsMd5Hash(*plan.stored_password)
                               : ServerPasswordEncryptionIsMd5()) {
        plan.exchange = AuthExchange::kMd5;
        return plan;
      }
      [[fallthrough]];
    case HbaMethod::kScramSha256:
      plan.exchange = AuthExchange::kScram;
      if (!plan.stored_password || !scram::IsScramVerifier(*plan.stored_password)) {
        if (plan.stored_password) {
          plan.failure_detail =
              "User \"" + connection.user + "\" does not have a valid SCRAM secret.";
        }
        plan.stored_password = MockVerifier();
        plan.scram_mock = true;
      }
      return plan;
    default:
      break;
  }
  return plan;
}

bool CheckCleartextPassword(const std::string& stored, const std::string& user,
                            const std::string& given) {
  if (IsMd5Hash(stored)) return ConstantTimeEqual("md5" + sql::Md5Hex(given + user), stored);
  scram::ScramVerifier v;
  if (!scram::ParseScramVerifier(stored, &v)) return false;
  // SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, i); the server key
  // made from it must be the stored one (scram_verify_plain_password).
  std::string salted(scram::kKeyLength, '\0');
  if (PKCS5_PBKDF2_HMAC(given.data(), static_cast<int>(given.size()),
                        reinterpret_cast<const unsigned char*>(v.salt.data()),
                        static_cast<int>(v.salt.size()), v.iterations, EVP_sha256(),
                        static_cast<int>(salted.size()),
                        reinterpret_cast<unsigned char*>(salted.data())) != 1) {
    return false;
  }
  return ConstantTimeEqual(scram::HmacSha256(salted, "Server Key"), v.server_key);
}

bool CheckMd5Response(const std::string& stored, const std::array<char, 4>& salt,
                      const std::string& response) {
  if (!IsMd5Hash(stored)) return false;
  const std::string expected =
      "md5" + sql::Md5Hex(stored.substr(3) + std::string(salt.data(), salt.size()));
  return ConstantTimeEqual(expected, response);
}

std::array<char, 4> NewMd5Salt() {
  const std::string bytes = scram::RandomBytes(4);
  return {bytes[0], bytes[1], bytes[2], bytes[3]};
}

std::optional<SqlErrorFields> CheckLoginRole(sql::Database* database, const std::string& user) {
  if (database == nullptr) return std::nullopt;
  std::shared_ptr<const catalog::CatalogSnapshot> catalog = database->catalog()->Current();
  const catalog::RoleDesc* role = sql::FindRoleByName(*catalog, user);
  if (role == nullptr) {
    return Fatal(SqlState::kInvalidAuthorizationSpecification,
                 "role \"" + user + "\" does not exist");
  }
  if (!role->can_login) {
    return Fatal(SqlState::kInvalidAuthorizationSpecification,
                 "role \"" + user + "\" is not permitted to log in");
  }
  return std::nullopt;
}

std::optional<SqlErrorFields> CheckRoleConnectionLimit(sql::Database* database,
                                                       const std::string& user) {
  if (database == nullptr) return std::nullopt;
  std::shared_ptr<const catalog::CatalogSnapshot> catalog = database->catalog()->Current();
  const catalog::RoleDesc* role = sql::FindRoleByName(*catalog, user);
  if (role == nullptr || role->superuser || role->connection_limit < 0) return std::nullopt;
  int64_t sessions = 0;
  for (const sql::BackendActivity& b : sql::ListBackendActivity()) {
    if (b.usename == user) ++sessions;
  }
  if (sessions <= role->connection_limit) return std::nullopt;
  return Fatal(SqlState::kTooManyConnections, "too many connections for role \"" + user + "\"");
}

std::optional<SqlErrorFields> CheckDatabaseConnect(sql::Database* database,
                                                   const std::string& user,
                                                   const std::string& database_name) {
  if (database == nullptr) return std::nullopt;
  std::shared_ptr<const catalog::CatalogSnapshot> catalog = database->catalog()->Current();
  const catalog::RoleDesc* role = sql::FindRoleByName(*catalog, user);
  if (role == nullptr || role->superuser) return std::nullopt;
  const std::optional<catalog::Oid> db = sql::FindDatabaseOid(*catalog, database_name);
  if (!db) return std::nullopt;  // the caller reports 3D000
  if (sql::RoleHasDatabasePrivileges(*catalog, role->oid, *db, sql::kAclConnect)) {
    return std::nullopt;
  }
  SqlErrorFields f = Fatal(SqlState::kInsufficientPrivilege,
                           "permission denied for database \"" + database_name + "\"");
  f.detail = "User does not have CONNECT privilege.";
  return f;
}

}  // namespace strata::server
