// Tests for Status, Result and the SQLSTATE table.
#include <catch2/catch.hpp>

#include <cerrno>

#include "common/result.h"
#include "common/sqlstate.h"
#include "common/status.h"

using namespace strata;

TEST_CASE("status codes and messages") {
  Status ok;
  CHECK(ok.ok());
  CHECK(ok.ToString() == "OK");
  Status c = Status::Corruption("bad block in 000012.sst");
  CHECK(c.IsCorruption());
  CHECK(c.ToString() == "Corruption: bad block in 000012.sst");
  Status copy = c;
  CHECK(copy.IsCorruption());
  CHECK(Status::FromErrno(ENOSPC, "write").IsNoSpace());
  CHECK(Status::FromErrno(EIO, "write").IsIOError());
}

TEST_CASE("result holds a value or an error") {
  Result<int> good(42);
  REQUIRE(good.ok());
  CHECK(*good == 42);
  Result<int> bad(Status::NotFound("k"));
  CHECK_FALSE(bad.ok());
  CHECK(bad.status().IsNotFound());
}

TEST_CASE("sqlstate table matches PostgreSQL codes") {
  CHECK(SqlStateCode(SqlState::kDivisionByZero) == "22012");
  CHECK(SqlStateCode(SqlState::kSyntaxError) == "42601");
  CHECK(SqlStateCode(SqlState::kFeatureNotSupported) == "0A000");
  CHECK(SqlStateCode(SqlState::kProtocolViolation) == "08P01");
  CHECK(SqlStateName(SqlState::kNumericValueOutOfRange) == "numeric_value_out_of_range");
}
