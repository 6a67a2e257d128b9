// hba rules: pg_hba.conf's line format, first-match lookup by connection
// type, database, user and address (IPv4 and IPv6, CIDR and address + mask),
// and load errors that name the file and line.
#include <catch2/catch.hpp>

#include "common/scram_verifier.h"
#include "server/client_authentication.h"
#include "server/hba_rules.h"

namespace strata::server {
namespace {

HbaRules MustParse(const std::string& text) {
  std::string error;
  auto rules = HbaRules::Parse(text, "hba.conf", &error);
  INFO(error);
  REQUIRE(rules.has_value());
  return *rules;
}

std::string ParseError(const std::string& text) {
  std::string error;
  auto rules = HbaRules::Parse(text, "hba.conf", &error);
  return rules ? "ok" : error;
}

HbaConnection Tcp(const std::string& address, const std::string& user,
                  const std::string& database) {
  HbaConnection c;
  c.client_address = address;
  c.user = user;
  c.database = database;
  return c;
}

// The line number of the matching rule, 0 for none. Role "m" is a member of
// "grp", nobody else of anything.
int MatchLine(const HbaRules& rules, const HbaConnection& c) {
  const HbaRule* rule = rules.Match(c, [](const std::string& user, const std::string& role) {
    return user == role || (user == "m" && role == "grp");
  });
  return rule == nullptr ? 0 : rule->line_number;
}

TEST_CASE("the first matching line wins", "[hba]") {
  const HbaRules rules = MustParse(
      "# comment\n"
      "local all all trust\n"                               // 2
      "host db1,db2 u1 127.0.0.1/32 reject\n"               // 3
      "host all u1 127.0.0.1/32 md5  # trailing comment\n"  // 4
      "host sameuser all 10.0.0.0/8 trust\n"                // 5
      "host all +grp 192.168.1.0 255.255.255.0 password\n"  // 6
      "host all all ::1/128 scram-sha-256\n"                // 7
      "host all \"all\" 0.0.0.0/0 trust\n"                  // 8
      "hostssl all all all trust\n"                         // 9
      "hostnossl all x all trust\n");                       // 10
  HbaConnection local;
  local.local = true;
  local.user = "anyone";
  local.database = "d";
  CHECK(MatchLine(rules, local) == 2);
  CHECK(MatchLine(rules, Tcp("127.0.0.1", "u1", "db2")) == 3);
  CHECK(MatchLine(rules, Tcp("127.0.0.1", "u1", "other")) == 4);
  CHECK(rules.rules()[2].method == HbaMethod::kMd5);
  CHECK(MatchLine(rules, Tcp("10.1.2.3", "zed", "zed")) == 5);
  CHECK(MatchLine(rules, Tcp("10.1.2.3", "zed", "d")) == 0);
  CHECK(MatchLine(rules, Tcp("192.168.1.77", "m", "d")) == 6);
  CHECK(MatchLine(rules, Tcp("192.168.2.77", "m", "d")) == 0);
  CHECK(MatchLine(rules, Tcp("::1", "anyone", "d")) == 7);
  CHECK(MatchLine(rules, Tcp("::2", "anyone", "d")) == 0);
  // A quoted "all" is a role named all.
  CHECK(MatchLine(rules, Tcp("1.2.3.4", "all", "d")) == 8);
  // No TLS yet: hostssl never matches, hostnossl does.
  CHECK(MatchLine(rules, Tcp("1.2.3.4", "x", "d")) == 10);
  HbaConnection tls = Tcp("1.2.3.4", "x", "d");
  tls.ssl = true;
  CHECK(MatchLine(rules, tls) == 9);
}

TEST_CASE("IPv6 CIDR and IPv4-mapped addresses", "[hba]") {
  const HbaRules rules = MustParse(
      "host all all fe80::/10 trust\n"
      "host all all 127.0.0.0/8 reject\n"
      "host all all 2001:db8:: ffff:ffff:: md5\n");
  CHECK(MatchLine(rules, Tcp("fe80::1", "u", "d")) == 1);
  CHECK(MatchLine(rules, Tcp("::ffff:127.0.0.5", "u", "d")) == 2);
  CHECK(MatchLine(rules, Tcp("2001:db8:1::5", "u", "d")) == 3);
  CHECK(MatchLine(rules, Tcp("2001:db9::5", "u", "d")) == 0);
}

TEST_CASE("continuation lines and comma lists", "[hba]") {
  const HbaRules rules = MustParse("host a, b \\\n  u1,u2 127.0.0.1/32 trust\n");
  REQUIRE(rules.rules().size() == 1);
  CHECK(rules.rules()[0].databases.size() == 2);
  CHECK(MatchLine(rules, Tcp("127.0.0.1", "u2", "b")) == 1);
}

TEST_CASE("bad lines are reported with file:line", "[hba]") {
  CHECK(ParseError("local all all trust\nhost all all 127.0.0.1/32 frob\n") ==
        "hba.conf:2: invalid authentication method \"frob\"");
  CHECK(ParseError("hots all all 127.0.0.1/32 trust\n") ==
        "hba.conf:1: invalid connection type \"hots\"");
  CHECK(ParseError("host all all 127.0.0.1/33 trust\n") ==
        "hba.conf:1: invalid CIDR mask in address \"127.0.0.1/33\"");
  CHECK(ParseError("host all all 127.0.0.1 trust\n") ==
        "hba.conf:1: invalid IP mask \"trust\"");
  CHECK(ParseError("host all all\n") == "hba.conf:1: end-of-line before IP address specification");
  CHECK(ParseError("host all all myhost.example trust\n").find("host names are not supported") !=
        std::string::npos);
  CHECK(ParseError("local all all peer\n") ==
        "hba.conf:1: authentication method \"peer\" is not supported");
  CHECK(ParseError("local @dbs all trust\n").find("not supported") != std::string::npos);
  CHECK(ParseError("local all all md5 clientcert=verify-full\n") ==
        "hba.conf:1: authentication option \"clientcert=verify-full\" is not supported");
  CHECK(ParseError("local \"all all trust\n") == "hba.conf:1: unterminated quoted string");
}

TEST_CASE("the default rules trust local and loopback connections only", "[hba]") {
  const HbaRules rules = MustParse(DefaultHbaText());
  HbaConnection local;
  local.local = true;
  local.user = "postgres";
  local.database = "postgres";
  CHECK(MatchLine(rules, local) != 0);
  CHECK(MatchLine(rules, Tcp("127.0.0.1", "postgres", "postgres")) != 0);
  CHECK(MatchLine(rules, Tcp("::1", "postgres", "postgres")) != 0);
  CHECK(MatchLine(rules, Tcp("192.168.0.1", "postgres", "postgres")) == 0);
  for (const HbaRule& r : rules.rules()) CHECK(r.method == HbaMethod::kTrust);
}

TEST_CASE("password checks against stored hashes", "[hba]") {
  // "md5" || md5(password || user), as PostgreSQL stores it: md5("pwu").
  const std::string md5 = "md5b350798a23d7544eb353a6f8dca231c2";
  CHECK(CheckCleartextPassword(md5, "u", "pw"));
  CHECK_FALSE(CheckCleartextPassword(md5, "v", "pw"));
  CHECK_FALSE(CheckCleartextPassword(md5, "u", "pW"));
  // The MD5 challenge answer: "md5" || md5(hex || salt).
  const std::array<char, 4> salt = {'a', 'b', 'c', 'd'};
  CHECK(CheckMd5Response(md5, salt, "md5f53705f070ba672cf558be39f3c59b15"));
  CHECK_FALSE(CheckMd5Response(md5, {'a', 'b', 'c', 'e'}, "md5f53705f070ba672cf558be39f3c59b15"));
  const std::string scram = scram::MakeScramVerifier("s3cret");
  CHECK(CheckCleartextPassword(scram, "u", "s3cret"));
  CHECK_FALSE(CheckCleartextPassword(scram, "u", "s3cret "));
  CHECK_FALSE(CheckCleartextPassword("plain", "u", "plain"));
  CHECK_FALSE(CheckMd5Response(scram, salt, "md5f53705f070ba672cf558be39f3c59b15"));
}

}  // namespace
}  // namespace strata::server
