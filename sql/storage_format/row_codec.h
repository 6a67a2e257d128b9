// Row codec: the value stored under each key of a table tree. Compact, and
// column i is read in O(1) without decoding the others (RowView). Schema
// changes never rewrite rows: a row records how many columns it was written
// with; columns added since then read as their "missing default" (PostgreSQL's
// attmissingval: the ADD COLUMN ... DEFAULT value, or NULL), and dropped
// columns keep their slot, written as NULL and ignored by readers (attnums are
// never reused, so slot i always means attnum i + 1 with the same type).
//
// Byte format (row format version 1; integers little-endian):
//
//   row      := header null_bitmap fixed_area offsets var_data
//   header   := version:u8 (= kRowFormatVersion) flags:u8 column_count:u16
//   flags    := bit 0 (RowFlag::kWideOffsets): offsets are u32, else u16;
//               other bits 0
//   null_bitmap := ceil(column_count / 8) bytes; bit i % 8 of byte i / 8 is
//               set when column i is NULL (or dropped)
//   fixed_area := every fixed-width column among the first column_count, in
//               column order, FixedWidth() bytes each (zeros when NULL): a
//               column's offset is the sum of the widths of the fixed-width
//               columns before it, the same in every row that holds it
//   offsets  := for every variable-width column among the first column_count,
//               in column order, the offset in var_data where its bytes end;
//               each starts where the previous one ended (the first at 0), so
//               a NULL one is empty; the last entry equals var_data's size
//   var_data := the variable-width columns' bytes, back to back
//
//   fields:  bool 1 byte (0 or 1); int2/int4/int8 two's complement; float4 /
//            float8 IEEE 754 bits (NaN payloads and -0 kept); text, varchar,
//            bytea their bytes; numeric
//              kind:u8 (NumericRowKind), then for finite values
//              dscale:u16 weight:i16 digit:i16* (base 10000, most significant
//              first, no leading or trailing zero digits; none for zero)
//
// The row's column_count never exceeds the reader's layout: columns are only
// appended, and a snapshot that sees a row sees the catalog version that wrote
// it. A row claiming more columns is reported as corrupt.
//
// Thread safety: RowLayout is immutable after construction and may be shared;
// RowView is a read-only view, safe to share if its bytes do not change.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sql/storage_format/storage_type.h"
#include "sql/types/value.h"

namespace strata::sql {

// Written to disk (byte 0 of every row): never reuse a number.
inline constexpr uint8_t kRowFormatVersion = 1;

// Header flag bits. Written to disk: never renumber.
enum class RowFlag : uint8_t {
  kWideOffsets = 0x01,
};

// First byte of a numeric field. Written to disk: never renumber.
enum class NumericRowKind : uint8_t {
  kNonNegative = 0,
  kNegative = 1,
  kNaN = 2,
  kPosInfinity = 3,
  kNegInfinity = 4,
};

// Bytes before the null bitmap.
inline constexpr size_t kRowHeaderSize = 4;

// One attribute slot of a table (attnum = index + 1).
struct RowColumn {
  Oid type = type_oid::kInvalid;
  // Dropped columns keep their slot; their type still sizes it.
  bool dropped = false;
  // What rows written before the column existed read as: ADD COLUMN's
  // DEFAULT (evaluated once, at ALTER time) or NULL. Its payload must be the
  // one `type` stores.
  Value missing_default;
};

// A table's columns, with per-column offsets precomputed for RowView and
// AppendRow. Build one per table version and reuse it for every row.
class RowLayout {
 public:
  // Throws SqlError 0A000 for a type without a storage class, 54011 for more
  // columns than a row header can count.
  explicit RowLayout(std::vector<RowColumn> columns);

  size_t column_count() const { return columns_.size(); }
  const RowColumn& column(size_t i) const { return columns_[i]; }
  StorageType storage(size_t i) const { return slots_[i].storage; }
  bool is_fixed(size_t i) const { return FixedWidth(slots_[i].storage) != 0; }

 private:
  friend class RowView;
  friend void AppendRow(const RowLayout&, std::span<const Value>, std::string*);

  struct Slot {
    StorageType storage;
    // Byte offset in the fixed area (fixed-width columns) or index into the
    // offsets table (variable-width columns).
    uint32_t position;
  };

  std::vector<RowColumn> columns_;
  std::vector<Slot> slots_;
  // [n]: fixed-area bytes / variable-width columns among the first n columns.
  std::vector<uint32_t> fixed_bytes_;
  std::vector<uint32_t> var_columns_;
};

// Appends the row holding values[i] in column i. Values of dropped columns are
// ignored. Makes at most one allocation (none if *dst has the capacity).
// REQUIRES: values.size() == layout.column_count(); each value NULL or with the
// payload its column's type stores.
// Throws SqlError 54000 if the variable-width fields exceed 4 GB.
void AppendRow(const RowLayout& layout, std::span<const Value> values, std::string* dst);

// AppendRow() into a new string.
std::string EncodeRow(const RowLayout& layout, std::span<const Value> values);

// Read access to an encoded row. The constructor checks the header against
// the layout (O(1)); accessors check the bounds of what they read. Malformed
// bytes throw SqlError XX001 (data_corrupted).
// LIFETIME: `layout` and `bytes` must outlive the view, and the string_views
// it returns (which point into `bytes` or into the layout's missing defaults).
class RowView {
 public:
  RowView(const RowLayout& layout, std::string_view bytes);
  // A view of a temporary would dangle.
  RowView(const RowLayout&& layout, std::string_view bytes) = delete;
  RowView(const RowLayout& layout, std::string&& bytes) = delete;

  // Columns the row was written with (<= layout.column_count()).
  size_t stored_column_count() const { return count_; }

  // Whether column i reads as NULL: stored NULL, dropped, or missing with a
  // NULL missing default. REQUIRES: i < layout.column_count().
  bool IsNull(size_t i) const;

  // Typed reads, no allocation. REQUIRES: !IsNull(i) and the column's storage
  // type matches: bool; int2/int4/int8; float4/float8; text/varchar/bytea.
  bool GetBool(size_t i) const;
  int64_t GetInt(size_t i) const;
  double GetFloat(size_t i) const;
  std::string_view GetBytes(size_t i) const;
  // REQUIRES: !IsNull(i), a numeric column.
  Numeric GetNumeric(size_t i) const;
  Interval GetInterval(size_t i) const;  // interval columns

  // Column i as a Value of the column's type (NULL when IsNull(i)).
  Value Get(size_t i) const;

 private:
  // Whether column i is stored in this row (else its missing default applies).
  bool Stored(size_t i) const { return i < count_; }
  const char* Fixed(size_t i) const { return fixed_ + layout_->slots_[i].position; }
  std::string_view Var(size_t i) const;

  const RowLayout* layout_;
  size_t count_ = 0;
  const uint8_t* bitmap_ = nullptr;
  const char* fixed_ = nullptr;
  const char* offsets_ = nullptr;
  bool wide_offsets_ = false;
  std::string_view var_data_;
};

// Every column of a row as Values (dropped columns as NULL).
std::vector<Value> DecodeRow(const RowLayout& layout, std::string_view bytes);

// DecodeRow into *out, reusing its storage. With `decode` non-empty (one
// flag per layout column), a column whose flag is false is not read: it
// comes out NULL of its type.
void DecodeRowInto(const RowLayout& layout, std::string_view bytes,
                   const std::vector<bool>& decode, std::vector<Value>* out);

}  // namespace strata::sql
