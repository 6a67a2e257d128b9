// array_send/array_recv framing, checked against PostgreSQL 15's array_send
// output (select array_send(array[1,null,3]) and friends).
#include "protocol/binary_array.h"

#include <catch2/catch.hpp>
#include <string>

#include "common/sql_error.h"
#include "protocol/binary_values.h"

namespace strata::protocol {
namespace {

std::string FromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::optional<std::string> Int4(int32_t v) {
  std::string s;
  SendInt4(&s, v);
  return s;
}

TEST_CASE("arrays send as PostgreSQL 15's array_send", "[binary_array]") {
  std::string out;
  const std::optional<std::string> ints[] = {Int4(1), std::nullopt, Int4(3)};
  SendArray(&out, 23, 1, ints);
  CHECK(out == FromHex("00000001000000010000001700000003000000010000000400000001ffffffff"
                       "0000000400000003"));
  out.clear();
  SendArray(&out, 23, 1, {});
  CHECK(out == FromHex("000000000000000000000017"));
  out.clear();
  const std::optional<std::string> texts[] = {std::string("a"), std::string("b")};
  SendArray(&out, 25, 0, texts);
  CHECK(out == FromHex("000000010000000000000019000000020000000000000001610000000162"));
}

TEST_CASE("arrays receive with PostgreSQL's checks", "[binary_array]") {
  const std::string bytes = FromHex(
      "00000001000000010000001700000003000000010000000400000001ffffffff0000000400000003");
  std::string_view in = bytes;
  const RecvArrayResult r = RecvArray(&in);
  CHECK(in.empty());
  CHECK(r.element_oid == 23);
  CHECK(r.lower_bound == 1);
  REQUIRE(r.elements.size() == 3);
  CHECK_FALSE(r.elements[1].has_value());
  std::string_view third = *r.elements[2];
  CHECK(RecvInt4(&third) == 3);

  auto error = [](const std::string& hex) {
    const std::string b = FromHex(hex);
    std::string_view v = b;
    try {
      RecvArray(&v);
    } catch (const SqlError& e) {
      CHECK(v.size() == b.size());  // unchanged on a throw
      return e.fields().message;
    }
    return std::string("no error");
  };
  CHECK(error("ffffffff0000000000000017") == "invalid number of dimensions: -1");
  CHECK(error("00000007") == "number of array dimensions (7) exceeds the maximum allowed (6)");
  CHECK(error("000000000000000200000017") == "invalid array flags");
  CHECK(error("0000000100000000000000170000000100000001000000050000") ==
        "insufficient data left in message");
  CHECK(error("000000010000000000000017000000010000000100000002") ==
        "insufficient data left in message");
}

}  // namespace
}  // namespace strata::protocol
