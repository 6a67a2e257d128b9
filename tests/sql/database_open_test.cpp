// Database::Open failing part way (after the engine opened, before the
// catalog loaded) returns its error; the half-built database closes what it
// has instead of dereferencing the catalog it never got.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "sql/database.h"

namespace strata::sql {
namespace {

TEST_CASE("Database::Open reports a failure after the engine opened", "[database]") {
  std::string tmpl = (std::filesystem::temp_directory_path() / "dbopen_XXXXXX").string();
  const std::string dir = mkdtemp(tmpl.data());
  // A file where the transaction spill directory must go: the spill area
  // cannot be swept, which Open reports after opening the engine.
  std::ofstream(dir + "/txn_spill") << "not a directory";
  auto db = Database::Open(dir);
  CHECK_FALSE(db.ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace strata::sql
