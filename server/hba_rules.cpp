// Parsing and matching of hba rules (see hba_rules.h).
#include "server/hba_rules.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <sstream>

namespace strata::server {

namespace {

// One whitespace-separated field of a line: its comma-separated tokens.
using Field = std::vector<HbaToken>;

// Splits a logical line into fields. A comma ends a token and continues
// the field (also across whitespace after it, as PostgreSQL's next_token
// allows "a, b"); quotes protect commas, '#' and blanks.
bool SplitFields(const std::string& line, std::vector<Field>* fields, std::string* error) {
  size_t i = 0;
  const size_t n = line.size();
  bool continue_field = false;
  while (true) {
    while (i < n && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i >= n || line[i] == '#') break;
    HbaToken token;
    bool in_quote = false;
    bool comma = false;
    while (i < n) {
      const char c = line[i];
      if (c == '"') {
        in_quote = !in_quote;
        token.quoted = true;
        ++i;
        continue;
      }
      if (!in_quote && (std::isspace(static_cast<unsigned char>(c)) || c == '#')) break;
      if (!in_quote && c == ',') {
        comma = true;
        ++i;
        break;
      }
      token.text += c;
      ++i;
    }
    if (in_quote) {
      *error = "unterminated quoted string";
      return false;
    }
    if (continue_field && !fields->empty()) {
      fields->back().push_back(std::move(token));
    } else {
      fields->push_back(Field{std::move(token)});
    }
    continue_field = comma;
  }
  return true;
}

bool ParseType(const HbaToken& t, HbaConnectionType* type) {
  if (t.quoted) return false;
  if (t.text == "local") *type = HbaConnectionType::kLocal;
  else if (t.text == "host") *type = HbaConnectionType::kHost;
  else if (t.text == "hostssl") *type = HbaConnectionType::kHostSsl;
  else if (t.text == "hostnossl") *type = HbaConnectionType::kHostNoSsl;
  else if (t.text == "hostgssenc") *type = HbaConnectionType::kHostGssEnc;
  else if (t.text == "hostnogssenc") *type = HbaConnectionType::kHostNoGssEnc;
  else return false;
  return true;
}

bool ParseMethod(const std::string& name, HbaMethod* method) {
  if (name == "trust") *method = HbaMethod::kTrust;
  else if (name == "reject") *method = HbaMethod::kReject;
  else if (name == "password") *method = HbaMethod::kPassword;
  else if (name == "md5") *method = HbaMethod::kMd5;
  else if (name == "scram-sha-256") *method = HbaMethod::kScramSha256;
  else return false;
  return true;
}

bool IsKnownUnsupportedMethod(const std::string& name) {
  for (const char* m : {"ident", "peer", "gss", "sspi", "pam", "ldap", "radius", "cert", "bsd"}) {
    if (name == m) return true;
  }
  return false;
}

// Numeric address text -> family and bytes.
bool ParseNumericAddress(const std::string& text, int* family, std::array<uint8_t, 16>* bytes) {
  bytes->fill(0);
  if (::inet_pton(AF_INET, text.c_str(), bytes->data()) == 1) {
    *family = AF_INET;
    return true;
  }
  if (::inet_pton(AF_INET6, text.c_str(), bytes->data()) == 1) {
    *family = AF_INET6;
    return true;
  }
  return false;
}

int AddressLength(int family) { return family == AF_INET ? 4 : 16; }

bool MaskFromBits(int family, const std::string& bits_text, std::array<uint8_t, 16>* mask) {
  if (bits_text.empty() || bits_text.size() > 3) return false;
  for (char c : bits_text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  const int bits = std::atoi(bits_text.c_str());
  if (bits > AddressLength(family) * 8) return false;
  mask->fill(0);
  for (int i = 0; i < bits; ++i) (*mask)[i / 8] |= static_cast<uint8_t>(0x80 >> (i % 8));
  return true;
}

bool DatabaseMatches(const HbaRule& rule, const HbaConnection& c, const HbaMembership& is_member) {
  for (const HbaToken& t : rule.databases) {
    if (t.IsKeyword("all")) return true;
    if (t.IsKeyword("sameuser")) {
      if (c.database == c.user) return true;
    } else if (t.IsKeyword("samerole") || t.IsKeyword("samegroup")) {
      if (is_member(c.user, c.database)) return true;
    } else if (t.IsKeyword("replication")) {
      // Matches only replication connections, which stratad refuses.
    } else if (t.text == c.database) {
      return true;
    }
  }
  return false;
}

bool UserMatches(const HbaRule& rule, const HbaConnection& c, const HbaMembership& is_member) {
  for (const HbaToken& t : rule.users) {
    if (t.IsKeyword("all")) return true;
    if (!t.quoted && !t.text.empty() && t.text[0] == '+') {
      if (is_member(c.user, t.text.substr(1))) return true;
    } else if (t.text == c.user) {
      return true;
    }
  }
  return false;
}

bool AddressMatches(const HbaAddress& rule, const std::string& client) {
  if (rule.any) return true;
  int family = 0;
  std::array<uint8_t, 16> bytes{};
  if (!ParseNumericAddress(client, &family, &bytes)) return false;
  if (family == AF_INET6 && rule.family == AF_INET) {
    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is compared as IPv4.
    static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kMapped, kMapped + 12, bytes.begin())) {
      std::array<uint8_t, 16> v4{};
      std::copy(bytes.begin() + 12, bytes.end(), v4.begin());
      bytes = v4;
      family = AF_INET;
    }
  }
  if (family != rule.family) return false;
  for (int i = 0; i < AddressLength(family); ++i) {
    if ((bytes[i] & rule.mask[i]) != (rule.address[i] & rule.mask[i])) return false;
  }
  return true;
}

bool TypeMatches(HbaConnectionType type, const HbaConnection& c) {
  switch (type) {
    case HbaConnectionType::kLocal:
      return c.local;
    case HbaConnectionType::kHost:
      return !c.local;
    case HbaConnectionType::kHostSsl:
      return !c.local && c.ssl;
    case HbaConnectionType::kHostNoSsl:
      return !c.local && !c.ssl;
    case HbaConnectionType::kHostGssEnc:
      return false;  // no GSSAPI encryption
    case HbaConnectionType::kHostNoGssEnc:
      return !c.local;
  }
  return false;
}

// Parses one logical line into *rule; false with *error on a bad line.
bool ParseRule(const std::vector<Field>& fields, HbaRule* rule, std::string* error) {
  size_t f = 0;
  auto single = [&](const char* what, HbaToken* out) {
    if (f >= fields.size()) {
      *error = std::string("end-of-line before ") + what;
      return false;
    }
    if (fields[f].size() != 1) {
      *error = std::string("multiple values specified for ") + what;
      return false;
    }
    *out = fields[f++][0];
    return true;
  };
  HbaToken type_token;
  if (!single("connection type", &type_token)) return false;
  if (!ParseType(type_token, &rule->type)) {
    *error = "invalid connection type \"" + type_token.text + "\"";
    return false;
  }
  auto list = [&](const char* what, std::vector<HbaToken>* out) {
    if (f >= fields.size()) {
      *error = std::string("end-of-line before ") + what;
      return false;
    }
    for (const HbaToken& t : fields[f]) {
      if (!t.quoted && !t.text.empty() && t.text[0] == '@') {
        *error = "file inclusions (\"" + t.text + "\") are not supported";
        return false;
      }
      if (t.text.empty() && !t.quoted) {
        *error = std::string("empty name in ") + what;
        return false;
      }
    }
    *out = fields[f++];
    return true;
  };
  if (!list("database specification", &rule->databases)) return false;
  if (!list("role specification", &rule->users)) return false;
  if (rule->type != HbaConnectionType::kLocal) {
    HbaToken address;
    if (!single("IP address specification", &address)) return false;
    if (address.IsKeyword("all")) {
      rule->address.any = true;
    } else if (address.IsKeyword("samehost") || address.IsKeyword("samenet")) {
      *error = "address keyword \"" + address.text + "\" is not supported";
      return false;
    } else {
      const size_t slash = address.text.find('/');
      const std::string host = address.text.substr(0, slash);
      if (!ParseNumericAddress(host, &rule->address.family, &rule->address.address)) {
        *error = "invalid IP address \"" + host + "\" (host names are not supported)";
        return false;
      }
      if (slash != std::string::npos) {
        if (!MaskFromBits(rule->address.family, address.text.substr(slash + 1),
                          &rule->address.mask)) {
          *error = "invalid CIDR mask in address \"" + address.text + "\"";
          return false;
        }
      } else {
        HbaToken mask;
        if (!single("netmask", &mask)) {
          *error = "end-of-line before netmask specification";
          return false;
        }
        int mask_family = 0;
        if (!ParseNumericAddress(mask.text, &mask_family, &rule->address.mask)) {
          *error = "invalid IP mask \"" + mask.text + "\"";
          return false;
        }
        if (mask_family != rule->address.family) {
          *error = "IP address and mask do not match";
          return false;
        }
      }
    }
  }
  HbaToken method;
  if (!single("authentication method", &method)) return false;
  if (!ParseMethod(method.text, &rule->method)) {
    if (IsKnownUnsupportedMethod(method.text)) {
      *error = "authentication method \"" + method.text + "\" is not supported";
    } else {
      *error = "invalid authentication method \"" + method.text + "\"";
    }
    return false;
  }
  if (f < fields.size()) {
    *error = "authentication option \"" + fields[f][0].text + "\" is not supported";
    return false;
  }
  return true;
}

}  // namespace

std::optional<HbaRules> HbaRules::Parse(const std::string& text, const std::string& file_name,
                                        std::string* error) {
  HbaRules out;
  std::istringstream in(text);
  std::string physical;
  int line_number = 0;
  while (std::getline(in, physical)) {
    ++line_number;
    const int first_line = line_number;
    std::string line = physical;
    // A backslash at the end continues the line.
    while (!line.empty() && line.back() == '\\') {
      line.pop_back();
      if (!std::getline(in, physical)) break;
      ++line_number;
      line += physical;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<Field> fields;
    std::string message;
    HbaRule rule;
    if (!SplitFields(line, &fields, &message) ||
        (!fields.empty() && !ParseRule(fields, &rule, &message))) {
      *error = file_name + ":" + std::to_string(first_line) + ": " + message;
      return std::nullopt;
    }
    if (fields.empty()) continue;
    rule.line_number = first_line;
    rule.raw_line = line;
    out.rules_.push_back(std::move(rule));
  }
  return out;
}

const HbaRule* HbaRules::Match(const HbaConnection& connection,
                               const HbaMembership& is_member) const {
  for (const HbaRule& rule : rules_) {
    if (!TypeMatches(rule.type, connection)) continue;
    if (!connection.local && !AddressMatches(rule.address, connection.client_address)) continue;
    if (!DatabaseMatches(rule, connection, is_member)) continue;
    if (!UserMatches(rule, connection, is_member)) continue;
    return &rule;
  }
  return nullptr;
}

const char* HbaMethodName(HbaMethod method) {
  switch (method) {
    case HbaMethod::kTrust:
      return "trust";
    case HbaMethod::kReject:
      return "reject";
    case HbaMethod::kPassword:
      return "password";
    case HbaMethod::kMd5:
      return "md5";
    case HbaMethod::kScramSha256:
      return "scram-sha-256";
  }
  return "";
}

std::string DefaultHbaText() {
  return R"(# StrataDB client authentication rules, in PostgreSQL's pg_hba.conf format.
# The hba_file setting names this file; it is re-read on SIGHUP
# (pg_ctl reload, SELECT pg_reload_conf()); a file with errors is not loaded
# and the rules in use stay.
#
# TYPE  DATABASE        USER            ADDRESS                 METHOD
#
# TYPE: local (Unix-domain socket), host, hostssl, hostnossl.
# DATABASE: all, sameuser, samerole, a name, or a comma list.
# USER: all, a role name, +role (its members), or a comma list.
# ADDRESS: all, an IPv4/IPv6 CIDR address, or an address and a mask.
# METHOD: trust, reject, password, md5, scram-sha-256.
# The first line that matches a connection decides; no match refuses it.
#
# As PostgreSQL's initdb without -A: trust for connections from this
# machine only. Change them to scram-sha-256 once roles have passwords.

# "local" is for Unix domain socket connections only
local   all             all                                     trust
# IPv4 local connections:
host    all             all             127.0.0.1/32            trust
# IPv6 local connections:
host    all             all             ::1/128                 trust
)";
}

}  // namespace strata::server
