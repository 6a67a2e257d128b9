// HbaRules: client authentication rules in pg_hba.conf's format, read from
// the hba_file (default DATADIR/stratad_hba.conf), and the first-match
// lookup a connection goes through before it authenticates.
//
// A line is `type database user [address [mask]] method`:
//   type      local | host | hostssl | hostnossl | hostgssenc | hostnogssenc
//   database  all | sameuser | samerole | samegroup | replication | a name,
//             or a comma list of them
//   user      all | a name | +role (members of role), or a comma list
//   address   (host* lines) all | CIDR (IPv4 or IPv6) | address + mask field
//   method    trust | reject | password | md5 | scram-sha-256
// '#' starts a comment, a double-quoted token is taken literally ("all" is
// then a name), a backslash at the end of a line continues it. What
// PostgreSQL accepts but StrataDB does not do (@file inclusions, host names,
// samehost/samenet, other methods, method options) is a load error naming
// the line, never a rule that silently matches differently.
//
// Thread safety: a loaded HbaRules is immutable; HbaStore (hba_store.h)
// swaps whole rule sets under a lock at SIGHUP.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace strata::server {

enum class HbaConnectionType { kLocal, kHost, kHostSsl, kHostNoSsl, kHostGssEnc, kHostNoGssEnc };

enum class HbaMethod { kTrust, kReject, kPassword, kMd5, kScramSha256 };

// One name of a database or user field; `quoted` keeps "all" a plain name.
struct HbaToken {
  std::string text;
  bool quoted = false;
  bool IsKeyword(const char* keyword) const { return !quoted && text == keyword; }
};

// An address (IPv4: 4 bytes, IPv6: 16) and its mask, same length.
struct HbaAddress {
  bool any = false;  // "all"
  int family = 0;    // AF_INET / AF_INET6
  std::array<uint8_t, 16> address{};
  std::array<uint8_t, 16> mask{};
};

struct HbaRule {
  int line_number = 0;
  std::string raw_line;  // for log details ("Connection matched ... line N: ...")
  HbaConnectionType type = HbaConnectionType::kLocal;
  std::vector<HbaToken> databases;
  std::vector<HbaToken> users;
  HbaAddress address;  // host* lines only
  HbaMethod method = HbaMethod::kTrust;
};

// What the rules look at in a connection.
struct HbaConnection {
  bool local = false;         // Unix-domain socket
  std::string client_address; // numeric IPv4/IPv6 text for TCP
  // The TLS flag: set once the connection runs over TLS (the TLS work plugs
  // in here). Until then every connection is unencrypted, so hostssl lines
  // never match and hostnossl lines always can.
  bool ssl = false;
  std::string user;
  std::string database;
};

// Whether `user` is a member of role `role`, directly or through other roles
// (PostgreSQL's is_member_of_role_nosuper, as "+role" uses it).
using HbaMembership = std::function<bool(const std::string& user, const std::string& role)>;

class HbaRules {
 public:
  // Parses the file's text. On error returns nullopt and *error is
  // "FILE:LINE: message" for the first bad line.
  static std::optional<HbaRules> Parse(const std::string& text, const std::string& file_name,
                                       std::string* error);

  // The first rule matching `connection`, or nullptr (no pg_hba.conf entry).
  const HbaRule* Match(const HbaConnection& connection, const HbaMembership& is_member) const;

  const std::vector<HbaRule>& rules() const { return rules_; }

 private:
  std::vector<HbaRule> rules_;
};

// The method's name as written in the file ("scram-sha-256").
const char* HbaMethodName(HbaMethod method);

// The rules DATADIR/stratad_hba.conf starts with: trust for the Unix socket
// and the loopback addresses, as PostgreSQL's initdb writes without -A.
std::string DefaultHbaText();

}  // namespace strata::server
