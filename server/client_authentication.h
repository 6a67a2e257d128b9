// ClientAuthentication: what a connection must do to log in, decided as
// PostgreSQL 15's ClientAuthentication (auth.c) and InitializeSessionUserId
// decide it, apart from the wire exchange itself (session.cpp runs that).
//
//   1. The hba rules (hba_rules.h): the first matching line gives the
//      method; none, or `reject`: FATAL 28000 before any request.
//   2. The method against the startup user's role (pg_authid):
//        trust          no request;
//        password       cleartext, checked against the stored SCRAM
//                       verifier or md5 hash;
//        md5            an MD5 challenge when the role stores an md5 hash,
//                       else SCRAM-SHA-256 (PostgreSQL's fallback: a
//                       verifier cannot answer an MD5 challenge); with no
//                       usable password, the kind password_encryption names;
//        scram-sha-256  SCRAM against the stored verifier.
//      A role that does not exist, has no password or an expired one still
//      goes through the exchange (against a mock verifier), so a client
//      cannot tell the cases apart: all end in 28P01 "password authentication
//      failed for user", and the server log says which it was.
//   3. After authentication the role must exist and have LOGIN
//      (CheckLoginRole): FATAL 28000, sent after AuthenticationOk as
//      PostgreSQL sends it.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>

#include "common/sql_error.h"
#include "server/hba_rules.h"

namespace strata::sql {
class Database;
}

namespace strata::server {

class HbaStore;

// The exchange the session runs.
enum class AuthExchange { kRefuse, kTrust, kCleartext, kMd5, kScram };

struct AuthPlan {
  AuthExchange exchange = AuthExchange::kRefuse;
  SqlErrorFields error;  // kRefuse: the FATAL to send (and log)
  // kCleartext/kMd5: the role's usable rolpassword (nullopt: none, so the
  // check fails). kScram: a verifier to run the exchange against (a mock
  // one when the role has none usable: `scram_mock` is then true).
  std::optional<std::string> stored_password;
  bool scram_mock = false;
  // Why a password check cannot succeed, for the log's DETAIL line
  // ("Role \"x\" does not exist."); empty when it can.
  std::string failure_detail;
  // "Connection matched pg_hba.conf line N: \"...\"" for the log.
  std::string matched_line;
};

// Steps 1 and 2 for `connection` (its user and database filled in).
// `hba` may be null: then every connection is trusted (tests without a
// data directory).
AuthPlan PlanAuthentication(const HbaStore* hba, sql::Database* database,
                            const HbaConnection& connection);

// password: whether `given` is the password behind `stored` (a SCRAM
// verifier or "md5" + md5(password || user)).
bool CheckCleartextPassword(const std::string& stored, const std::string& user,
                            const std::string& given);

// md5: whether `response` ("md5" + md5(md5hex(password || user) || salt))
// answers `salt` for the stored md5 hash.
bool CheckMd5Response(const std::string& stored, const std::array<char, 4>& salt,
                      const std::string& response);

// A fresh random MD5 salt.
std::array<char, 4> NewMd5Salt();

// Step 3: nullopt when `user` exists and may log in, else the FATAL 28000.
std::optional<SqlErrorFields> CheckLoginRole(sql::Database* database, const std::string& user);

// rolconnlimit, checked once the session is counted in pg_stat_activity:
// nullopt when `user` is a superuser, has no limit or is within it, else
// FATAL 53300 "too many connections for role".
std::optional<SqlErrorFields> CheckRoleConnectionLimit(sql::Database* database,
                                                       const std::string& user);

// CheckMyDatabase's CONNECT check, after the role's: nullopt when `user`
// is a superuser or holds CONNECT on the database it asked for (a name
// pg_database does not list means the one database, postgres), else FATAL
// 42501 "permission denied for database" with PostgreSQL's DETAIL.
std::optional<SqlErrorFields> CheckDatabaseConnect(sql::Database* database,
                                                   const std::string& user,
                                                   const std::string& database_name);

// The message of every failed password check (28P01).
SqlErrorFields PasswordFailedError(const std::string& user);

}  // namespace strata::server
