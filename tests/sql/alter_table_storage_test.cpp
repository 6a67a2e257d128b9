// ALTER TABLE's storage side: a table version's TableCodec reads rows written
// by an older version (columns added with a missing value, columns dropped)
// without a rewrite, and stored CHECK text follows a column rename.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/parser/rename_column_ref.h"
#include "sql/table/table_codec.h"
#include "sql/types/numeric.h"
#include "sql/types/type_io.h"

namespace strata::sql {
namespace {

catalog::ColumnDesc Column(std::string name, Oid type, int16_t attnum) {
  catalog::ColumnDesc c;
  c.name = std::move(name);
  c.type = type;
  c.attnum = attnum;
  return c;
}

TEST_CASE("rows written before ADD/DROP COLUMN read with the new table version",
          "[alter_table]") {
  catalog::TableDesc v1;
  v1.columns = {Column("id", type_oid::kInt4, 1), Column("a", type_oid::kText, 2)};
  v1.primary_key = {1};
  const TableCodec old_codec(v1);
  const std::string old_row = old_codec.EncodeValue({Value::Int4(1), Value::Text("one")});

  // ADD COLUMN b int DEFAULT 42, ADD COLUMN c text (no default), DROP COLUMN a.
  catalog::TableDesc v2 = v1;
  v2.columns.push_back(Column("b", type_oid::kInt4, 3));
  v2.columns.back().missing_value = EncodeMissingValue(Value::Int4(42));
  v2.columns.push_back(Column("c", type_oid::kText, 4));
  v2.columns[1].dropped = true;
  const TableCodec codec(v2);
  const Row row = codec.DecodeValue(old_row);
  REQUIRE(row.size() == 4);
  CHECK(row[0].int_value() == 1);
  CHECK(row[1].is_null());  // dropped
  CHECK(row[2].int_value() == 42);
  CHECK(row[3].is_null());

  // A row written by v2 stores every column; its own values win.
  const std::string new_row = codec.EncodeValue(
      {Value::Int4(2), Value::Null(type_oid::kText), Value::Int4(7), Value::Text("c")});
  const Row back = codec.DecodeValue(new_row);
  CHECK(back[2].int_value() == 7);
  CHECK(back[3].string_value() == "c");
}

TEST_CASE("missing values keep their exact datum", "[alter_table]") {
  const Value n = InputValue(type_oid::kNumeric, "12.500");
  const Value back = DecodeMissingValue(type_oid::kNumeric, EncodeMissingValue(n));
  CHECK(OutputValue(back) == "12.500");
  const Value t = Value::Text("it's");
  CHECK(DecodeMissingValue(type_oid::kText, EncodeMissingValue(t)).string_value() == "it's");
}

TEST_CASE("column renames rewrite stored CHECK expressions", "[alter_table]") {
  CHECK(parser::RenameColumnInExpr("(a > 0)", "a", "b") == "b > 0");
  CHECK(parser::RenameColumnInExpr("((a + t.a) > 'a'::text)", "a", "z") ==
        "(z + t.z) > 'a'::text");
  CHECK(parser::RenameColumnInExpr("(lower(x) = ANY (ARRAY[a, 'a']))", "a", "q") ==
        "lower(x) = ANY(ARRAY[q, 'a'])");
  CHECK(parser::RenameColumnInExpr("(b IS NOT NULL)", "a", "c") == "b IS NOT NULL");
}

}  // namespace
}  // namespace strata::sql
