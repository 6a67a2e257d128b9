// The per-type binary format table (see binary_format.h).
#include "server/binary_format.h"

#include <iterator>

#include "common/sql_error.h"
#include "protocol/binary_values.h"
#include "sql/builtin/type_table.h"
#include "sql/types/numeric.h"
#include "sql/types/type_io.h"

namespace strata::server {

namespace {

using sql::Oid;
using sql::Value;
namespace type_oid = sql::type_oid;

void SendBool(const Value& v, std::string* out) { protocol::SendBool(out, v.bool_value()); }
Value RecvBool(std::string_view* in, Oid) { return Value::Bool(protocol::RecvBool(in)); }

void SendInt2(const Value& v, std::string* out) {
  protocol::SendInt2(out, static_cast<int16_t>(v.int_value()));
}
Value RecvInt2(std::string_view* in, Oid) { return Value::Int2(protocol::RecvInt2(in)); }
void SendInt4(const Value& v, std::string* out) {
  protocol::SendInt4(out, static_cast<int32_t>(v.int_value()));
}
Value RecvInt4(std::string_view* in, Oid) { return Value::Int4(protocol::RecvInt4(in)); }
void SendInt8(const Value& v, std::string* out) { protocol::SendInt8(out, v.int_value()); }
Value RecvInt8(std::string_view* in, Oid) { return Value::Int8(protocol::RecvInt8(in)); }

void SendFloat4(const Value& v, std::string* out) {
  protocol::SendFloat4(out, static_cast<float>(v.float_value()));
}
Value RecvFloat4(std::string_view* in, Oid) { return Value::Float4(protocol::RecvFloat4(in)); }
void SendFloat8(const Value& v, std::string* out) { protocol::SendFloat8(out, v.float_value()); }
Value RecvFloat8(std::string_view* in, Oid) { return Value::Float8(protocol::RecvFloat8(in)); }

// text and varchar (and any other type whose Value holds its UTF-8 string).
void SendString(const Value& v, std::string* out) { protocol::SendText(out, v.string_value()); }
Value RecvString(std::string_view* in, Oid type) {
  return Value::String(type, protocol::RecvText(in));
}

void SendNumeric(const Value& v, std::string* out) {
  protocol::SendNumeric(out, v.numeric_value().ToString());
}
Value RecvNumeric(std::string_view* in, Oid) {
  return Value::FromNumeric(sql::Numeric::Parse(protocol::RecvNumeric(in)));
}

// Add a row per type; keep the table sorted by nothing in particular -- it is
// searched linearly and is short.
constexpr BinaryFormat kBinaryFormats[] = {
    {type_oid::kBool, SendBool, RecvBool},
    {type_oid::kInt2, SendInt2, RecvInt2},
    {type_oid::kInt4, SendInt4, RecvInt4},
    {type_oid::kInt8, SendInt8, RecvInt8},
    {type_oid::kFloat4, SendFloat4, RecvFloat4},
    {type_oid::kFloat8, SendFloat8, RecvFloat8},
    {type_oid::kText, SendString, RecvString},
    {type_oid::kVarchar, SendString, RecvString},
    {type_oid::kNumeric, SendNumeric, RecvNumeric},
};

[[noreturn]] void NoBinaryFormat(Oid type) {
  throw SqlError(SqlState::kFeatureNotSupported,
                 "binary format for type " + sql::FormatTypeName(type) + " is not supported yet");
}

}  // namespace

const BinaryFormat* FindBinaryFormat(Oid type) {
  for (const BinaryFormat& f : kBinaryFormats) {
    if (f.type == type) return &f;
  }
  return nullptr;
}

std::string SendBinaryValue(const Value& value) {
  const BinaryFormat* format = FindBinaryFormat(value.type());
  if (format == nullptr) NoBinaryFormat(value.type());
  std::string out;
  format->send(value, &out);
  return out;
}

Value ReceiveBinaryParameter(Oid type, std::string_view bytes, int parameter_number) {
  const BinaryFormat* format = FindBinaryFormat(type);
  if (format == nullptr) NoBinaryFormat(type);
  Value value = format->receive(&bytes, type);
  protocol::CheckBinaryValueConsumed(bytes, parameter_number);
  return value;
}

}  // namespace strata::server
