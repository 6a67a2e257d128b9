// Tests that built-in types carry PostgreSQL 15's OIDs and sizes.
#include <catch2/catch.hpp>

#include "catalog/builtin_types.h"

using namespace strata::catalog;

TEST_CASE("builtin types have PostgreSQL OIDs") {
  REQUIRE(FindBuiltinTypeByName("int4") != nullptr);
  CHECK(static_cast<Oid>(FindBuiltinTypeByName("int4")->oid) == 23);
  CHECK(static_cast<Oid>(FindBuiltinTypeByName("numeric")->oid) == 1700);
  CHECK(FindBuiltinType(16)->name == "bool");
  CHECK(FindBuiltinType(20)->length == 8);
  CHECK(FindBuiltinType(705)->length == -2);
  CHECK(FindBuiltinType(99999) == nullptr);
}
