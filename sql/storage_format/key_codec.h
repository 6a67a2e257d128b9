// Key codec: memcomparable encodings of typed datums for the keys of table
// and index trees. Unsigned bytewise comparison (memcmp, then shorter first)
// of two encoded keys equals PostgreSQL's ORDER BY comparison of the tuples
// they encode, column by column, honoring each column's ASC/DESC and NULLS
// FIRST/LAST; text compares as in the C collation. Every column encoding is
// prefix-free (no encoding is a proper prefix of another), so a tuple prefix
// encodes exactly the keys that start with those values, and concatenating
// index columns and primary-key columns yields a valid key.
//
// Byte format (key format version 1, kKeyFormatVersion; written to disk: any
// change needs a new version, recorded per tree by the catalog):
//
//   key     := column*                 primary key, or index columns + primary key
//            | row_id                  tables without a primary key
//   row_id  := 8 bytes, unsigned big-endian
//   column  := marker value?           then, for a DESC column, every byte of
//                                      marker and value inverted (b ^ 0xFF)
//   marker  := 0x00 NULL that sorts below values (ASC NULLS FIRST, DESC NULLS LAST)
//            | 0x01 not NULL: a value follows
//            | 0x02 NULL that sorts above values (ASC NULLS LAST, DESC NULLS FIRST)
//   value, by storage type (storage_type.h):
//     bool         0x00 false, 0x01 true
//     int2/4/8     two's complement, big-endian, sign bit flipped (2/4/8 bytes)
//     float4/8     IEEE bits b, big-endian (4/8 bytes): b with the sign bit set
//                  if b's sign is clear, else ~b. -0 is written as +0 and every
//                  NaN as the canonical quiet NaN, so NaN sorts above +Infinity
//                  and -0 = 0, as PostgreSQL compares floats.
//     numeric      class byte: 0x08 -Infinity, 0x10 negative, 0x18 zero,
//                  0x20 positive, 0x28 +Infinity, 0x30 NaN (NaN sorts above
//                  everything, as in numeric_cmp); for positive values
//                    uint16 BE (weight + 0x8000), each base-10000 digit d as
//                    uint16 BE (d + 0x0100), then 0x00
//                  (weight, then digits most significant first; the 0x00 end
//                  byte is below every digit's first byte 0x01..0x28, so a
//                  digit string sorts below its extensions); negative values
//                  carry the same bytes for |x|, inverted. Display scale is not
//                  encoded: 1.5 and 1.50 are the same key, as they are equal.
//     text, varchar, bytea
//                  the bytes with each 0x00 written as 0x00 0xFF, then 0x00 0x01
//                  (the end mark sorts below any continuation, so a string
//                  sorts before its extensions; inverted it sorts after them).
//     ranges, multiranges (kRange; added within version 1, no older key
//                  held them)
//                  empty: 0x00; otherwise 0x01, lower bound, upper bound. A
//                  bound is the subtype's column encoding (marker + value),
//                  an infinite one the subtype's NULL marker (lower: 0x00,
//                  upper: 0x02); a finite bound is followed by 0x00 / 0x01:
//                  lower inclusive 0x00, exclusive 0x01; upper exclusive
//                  0x00, inclusive 0x01 (range_cmp_bounds' order). A
//                  multirange: 0x01 + range for each range, then 0x00.
//     composite    each field as an ascending column of its own type (marker,
//                  value; NULL fields after values, as record_cmp), then 0x00.
//                  Sort and group keys only: not decodable, not in trees.
//
// Decoding (KeyReader) returns values equal to the encoded ones under
// PostgreSQL's comparison but not always identical (see KeyDecodeIsExact):
// numerics come back with the smallest display scale that shows all their
// digits (1.50 -> 1.5; numrange bounds too) and float -0 as +0. Index-only
// scans that must return the exact datum keep such columns in the index
// value as well.
//
// Thread safety: pure functions; KeyReader is a cursor owned by one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sql/storage_format/storage_type.h"
#include "sql/types/value.h"

namespace strata::sql {

// Version of the format above. Written to disk (the catalog records it per
// tree): never reuse a number.
inline constexpr uint8_t kKeyFormatVersion = 1;

// Marker bytes before each column, before DESC inversion. Written to disk:
// never renumber.
enum class KeyMarker : uint8_t {
  kNullLow = 0x00,
  kValue = 0x01,
  kNullHigh = 0x02,
};

// Class byte of a numeric value, before DESC inversion. Written to disk:
// never renumber (the gaps leave room for classes between these).
enum class NumericKeyClass : uint8_t {
  kNegInfinity = 0x08,
  kNegative = 0x10,
  kZero = 0x18,
  kPositive = 0x20,
  kPosInfinity = 0x28,
  kNaN = 0x30,
};

enum class SortDirection : uint8_t { kAscending, kDescending };
// kDefault is PostgreSQL's: NULLS LAST for ASC, NULLS FIRST for DESC.
enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

// One column of a key: its type and where its values and NULLs sort.
struct KeyColumn {
  // Throws SqlError 0A000 for a type keys cannot hold (StorageTypeOf()).
  explicit KeyColumn(Oid type, SortDirection direction = SortDirection::kAscending,
                     NullsOrder nulls = NullsOrder::kDefault);

  Oid type;
  StorageType storage;
  bool descending;
  bool nulls_first;
  // An enum column: rows hold the label (kBytes), keys its sort order as a
  // float4, so keys order as the enum does (user_types.h).
  bool is_enum = false;
};

// Whether KeyReader returns exactly the datum that was encoded for every value
// of this type (false for numeric and the float types; see above).
bool KeyDecodeIsExact(Oid type);

// Whether two values of this type are "=" exactly when their key encodings
// are equal, so that a hash table keyed by the encoding implements "=" (the
// hashed IN of subqueries and correlated lookups).
bool KeyEncodingDecidesEquality(Oid type);

// Appends the encoding of one column value. A varchar value may go into a
// text column and so on: only the payload is read.
// REQUIRES: value.is_null() or value's payload is the one column.storage reads.
void AppendKeyDatum(const KeyColumn& column, const Value& value, std::string* dst);

// Appends the encodings of values[i] as columns[i]. Fewer values than columns
// encode a prefix of the key (for range bounds).
// REQUIRES: values.size() <= columns.size(); each value as for AppendKeyDatum.
void AppendKey(std::span<const KeyColumn> columns, std::span<const Value> values, std::string* dst);

// AppendKey() into a new string.
std::string EncodeKey(std::span<const KeyColumn> columns, std::span<const Value> values);

// Appends only a column's marker byte: the common prefix of every key whose
// value in this column is NULL (is_null) or is not NULL (!is_null). With
// PrefixSuccessor() it bounds "col IS NULL" / "col IS NOT NULL" ranges and
// keeps one-sided ranges such as "col < 5" clear of the NULLs.
void AppendKeyMarker(const KeyColumn& column, bool is_null, std::string* dst);

// Reads column values back from the front of an encoded key.
// A malformed key throws SqlError XX001 (data_corrupted).
class KeyReader {
 public:
  // LIFETIME: `key` must outlive the reader.
  explicit KeyReader(std::string_view key) : in_(key) {}
  explicit KeyReader(std::string&& key) = delete;  // would dangle

  // Decodes the next column, which was encoded as `column`.
  Value Read(const KeyColumn& column);
  // Steps over the next column without building its value.
  void Skip(const KeyColumn& column);
  // Reads a hidden row id (AppendRowIdKey), e.g. the suffix of an index key
  // on a table without a primary key.
  uint64_t ReadRowId();

  bool empty() const { return in_.empty(); }
  // The bytes not read yet (e.g. the primary-key suffix of an index key).
  std::string_view remaining() const { return in_; }

 private:
  std::string_view in_;
};

// Decodes a whole key of exactly these columns; XX001 if bytes are left over.
std::vector<Value> DecodeKey(std::span<const KeyColumn> columns, std::string_view key);

// The smallest byte string greater than every string that starts with
// `prefix`: an exclusive upper bound for a range scan over that prefix
// (trailing 0xFF bytes are dropped and the last other byte incremented).
// nullopt when there is none (the prefix is empty or all 0xFF): scan to the end.
std::optional<std::string> PrefixSuccessor(std::string_view prefix);

// Hidden row ids of tables without a primary key.
inline constexpr size_t kRowIdKeySize = 8;
void AppendRowIdKey(uint64_t row_id, std::string* dst);
// The row id a table key holds; XX001 unless the key is exactly 8 bytes.
uint64_t DecodeRowIdKey(std::string_view key);

}  // namespace strata::sql
