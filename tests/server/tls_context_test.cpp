// Tests for the server's TLS context (server/tls_context.h): PostgreSQL's
// rule for the private key file's mode, and the FATAL texts for files that
// are missing, named as configured (relative to the data directory).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "server/tls_context.h"

using namespace strata::server;

namespace {

std::string MakeTempDir() {
  char pattern[] = "/tmp/strata-tls-test-XXXXXX";
  REQUIRE(::mkdtemp(pattern) != nullptr);
  return pattern;
}

}  // namespace

TEST_CASE("key file permissions follow PostgreSQL's rule", "[tls]") {
  const std::string dir = MakeTempDir();
  const std::string key = dir + "/server.key";
  std::ofstream(key) << "not a key\n";

  ::chmod(key.c_str(), 0600);
  CHECK_FALSE(CheckKeyFilePermissions(key, "server.key").has_value());
  ::chmod(key.c_str(), 0400);
  CHECK_FALSE(CheckKeyFilePermissions(key, "server.key").has_value());

  ::chmod(key.c_str(), 0640);
  auto error = CheckKeyFilePermissions(key, "server.key");
  // Owned by the server's own user: 0600 or less, even when that user is
  // root (PostgreSQL tests the owner-is-us rule first).
  REQUIRE(error.has_value());
  CHECK(error->message == "private key file \"server.key\" has group or world access");
  ::chmod(key.c_str(), 0604);
  error = CheckKeyFilePermissions(key, "server.key");
  REQUIRE(error.has_value());
  CHECK(error->message == "private key file \"server.key\" has group or world access");
  CHECK(error->detail ==
        "File must have permissions u=rw (0600) or less if owned by the database user, or "
        "permissions u=rw,g=r (0640) or less if owned by root.");

  // Another owner (only root can give the file away).
  if (::geteuid() == 0 && ::chown(key.c_str(), 12345, 12345) == 0) {
    ::chmod(key.c_str(), 0600);
    error = CheckKeyFilePermissions(key, "server.key");
    REQUIRE(error.has_value());
    CHECK(error->message ==
          "private key file \"server.key\" must be owned by the database user or root");
  }

  error = CheckKeyFilePermissions(dir, "keydir");
  REQUIRE(error.has_value());
  CHECK(error->message == "private key file \"keydir\" is not a regular file");

  error = CheckKeyFilePermissions(dir + "/missing.key", "missing.key");
  REQUIRE(error.has_value());
  CHECK(error->message ==
        "could not access private key file \"missing.key\": No such file or directory");

  ::unlink(key.c_str());
  ::rmdir(dir.c_str());
}

TEST_CASE("a missing certificate is PostgreSQL's FATAL text", "[tls]") {
  const std::string dir = MakeTempDir();
  TlsSettings settings;
  settings.data_directory = dir;
  TlsError error;
  CHECK(TlsContext::Create(settings, &error) == nullptr);
  CHECK(error.message ==
        "could not load server certificate file \"server.crt\": No such file or directory");
  ::rmdir(dir.c_str());
}
