// AppendRowBytes / ReadRowBytes (see row_bytes.h).
//
//   row   := count:u32 value*
//   value := type:u32 tag:u8 payload
//   payload by tag: NULL none; bool u8; int i64; float f64 (float4 widened);
//   interval time:i64 day:i32 month:i32; string and text len:u32 bytes;
//   record count:u32 typmod:i32 value*; side index:u32
// Integers are in host byte order: the bytes never leave this process.
#include "sql/executor/row_bytes.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <variant>
#include <vector>

#include "common/sql_error.h"
#include "sql/storage_format/storage_type.h"
#include "sql/types/record_value.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

// Payload tags.
enum : uint8_t {
  kNull = 0,
  kBool = 1,
  kInt = 2,
  kFloat = 3,
  kString = 4,
  kText = 5,  // numeric, arrays: their text form, read back with InputValue
  kInterval = 6,
  kRecord = 7,  // a composite value: its field count, its record typmod, then each field
  kSide = 8,    // a value kept in the writer's side store: its index there
};

// Writes into *out through a raw cursor: the string's size runs up to 256
// bytes ahead of the cursor (one resize per that many bytes; its capacity
// grows geometrically as usual) and is cut to what was written at the end.
// Appending field by field cost a library call per few bytes, the larger
// part of writing a row.
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out), pos_(out->size()) {}
  ~Writer() { out_->resize(pos_); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  template <typename T>
  void Put(const T& v) {
    std::memcpy(Reserve(sizeof(T)), &v, sizeof(T));
  }
  void PutString(std::string_view s) {
    Put(static_cast<uint32_t>(s.size()));
    if (!s.empty()) std::memcpy(Reserve(s.size()), s.data(), s.size());
  }

 private:
  char* Reserve(size_t n) {
    if (pos_ + n > out_->size()) out_->resize(pos_ + n + 256);
    char* p = out_->data() + pos_;
    pos_ += n;
    return p;
  }

  std::string* out_;
  size_t pos_;
};

void PutValue(const Value& v, Writer& w, std::vector<Value>* side) {
  w.Put(v.type());
  if (v.is_null()) {
    w.Put(uint8_t{kNull});
    return;
  }
  // The payload a type's values carry is what the row codec stores;
  // composite values (anonymous records have no input function) go field by
  // field.
  const std::optional<StorageType> storage =
      v.is_record() ? std::nullopt : StorageTypeOf(v.type());
  if (storage) {
    switch (*storage) {
      case StorageType::kBool:
        w.Put(uint8_t{kBool});
        w.Put(static_cast<uint8_t>(v.bool_value() ? 1 : 0));
        return;
      case StorageType::kInt2:
      case StorageType::kInt4:
      case StorageType::kInt8:
        w.Put(uint8_t{kInt});
        w.Put(v.int_value());
        return;
      case StorageType::kFloat4:
      case StorageType::kFloat8:
        w.Put(uint8_t{kFloat});
        w.Put(v.float_value());
        return;
      case StorageType::kInterval: {
        w.Put(uint8_t{kInterval});
        const Interval& iv = v.interval_value();
        w.Put(iv.time);
        w.Put(iv.day);
        w.Put(iv.month);
        return;
      }
      case StorageType::kBytes:
        w.Put(uint8_t{kString});
        w.PutString(v.string_value());
        return;
      case StorageType::kNumeric:
      case StorageType::kArray:
      case StorageType::kRange:
        break;  // as text
    }
  } else if (v.is_record()) {
    w.Put(uint8_t{kRecord});
    const std::vector<Value>& fields = v.record_value().fields;
    w.Put(static_cast<uint32_t>(fields.size()));
    w.Put(v.record_value().typmod);
    for (const Value& field : fields) PutValue(field, w, side);
    return;
  } else {
    try {  // unknown-type literals and other string payloads
      const std::string& s = v.string_value();
      w.Put(uint8_t{kString});
      w.PutString(s);
      return;
    } catch (const std::bad_variant_access&) {
    }
  }
  if (side != nullptr) {
    w.Put(uint8_t{kSide});
    w.Put(static_cast<uint32_t>(side->size()));
    side->push_back(v);
    return;
  }
  w.Put(uint8_t{kText});
  w.PutString(OutputValue(v));
}

[[noreturn]] void Truncated() {
  throw SqlError(SqlState::kIoError, "could not read from temporary file: unexpected end");
}

template <typename T>
T Get(std::string_view* in) {
  if (in->size() < sizeof(T)) Truncated();
  T v;
  std::memcpy(&v, in->data(), sizeof(T));
  in->remove_prefix(sizeof(T));
  return v;
}

std::string_view GetString(std::string_view* in) {
  const auto n = Get<uint32_t>(in);
  if (in->size() < n) Truncated();
  std::string_view s = in->substr(0, n);
  in->remove_prefix(n);
  return s;
}

Value GetValue(std::string_view* in, const std::vector<Value>* side) {
  const auto type = Get<Oid>(in);
  switch (Get<uint8_t>(in)) {
    case kNull:
      return Value::Null(type);
    case kBool:
      return Value::Bool(Get<uint8_t>(in) != 0).Relabel(type);
    case kInt:
      return Value::Integer(type, Get<int64_t>(in));
    case kFloat:
      return Value::Float8(Get<double>(in)).Relabel(type);
    case kInterval: {
      Interval iv;
      iv.time = Get<decltype(iv.time)>(in);
      iv.day = Get<decltype(iv.day)>(in);
      iv.month = Get<decltype(iv.month)>(in);
      return Value::FromInterval(iv).Relabel(type);
    }
    case kString:
      return Value::String(type, std::string(GetString(in)));
    case kText:
      return InputValue(type, std::string(GetString(in)));
    case kRecord: {
      const auto n = Get<uint32_t>(in);
      const auto typmod = Get<int32_t>(in);
      std::vector<Value> fields;
      fields.reserve(n);
      for (uint32_t i = 0; i < n; ++i) fields.push_back(GetValue(in, side));
      return MakeRecord(std::move(fields), type, typmod);
    }
    case kSide: {
      const auto i = Get<uint32_t>(in);
      if (side == nullptr || i >= side->size()) break;
      return (*side)[i];
    }
    default:
      break;
  }
  throw SqlError(SqlState::kIoError, "could not read from temporary file: bad value");
}

}  // namespace

void AppendRowBytes(const Row& row, std::string* out, std::vector<Value>* side) {
  Writer w(out);
  w.Put(static_cast<uint32_t>(row.size()));
  for (const Value& v : row) PutValue(v, w, side);
}

void ReadRowBytesAt(std::string_view* in, Row* row, size_t at, const std::vector<Value>* side) {
  const auto n = Get<uint32_t>(in);
  row->resize(at + n);
  constexpr size_t kNullSize = sizeof(Oid) + 1;
  for (uint32_t i = 0; i < n; ++i) {
    Value& dst = (*row)[at + i];
    // A NULL over a NULL of its type (rows read one after another into one
    // Row, with the columns a statement does not read NULL in each) is left
    // as it is.
    if (in->size() >= kNullSize && static_cast<uint8_t>((*in)[sizeof(Oid)]) == kNull &&
        dst.is_null()) {
      Oid type;
      std::memcpy(&type, in->data(), sizeof(Oid));
      if (dst.type() == type) {
        in->remove_prefix(kNullSize);
        continue;
      }
    }
    dst = GetValue(in, side);
  }
}

void ReadRowBytes(std::string_view* in, Row* row, const std::vector<Value>* side) {
  ReadRowBytesAt(in, row, 0, side);
}

}  // namespace strata::sql
