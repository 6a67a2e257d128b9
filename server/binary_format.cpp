// The per-type binary format table (see binary_format.h).
#include "server/binary_format.h"

#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <vector>

#include "common/sql_error.h"
#include "protocol/binary_array.h"
#include "protocol/binary_values.h"
#include "server/binary_bit.h"
#include "server/binary_range.h"
#include "server/binary_network.h"
#include "sql/builtin/type_table.h"
#include "sql/types/array_value.h"
#include "sql/types/geo_types.h"
#include "sql/types/numeric.h"
#include "sql/types/record_value.h"
#include "sql/types/type_io.h"
#include "sql/types/user_types.h"

namespace strata::server {

namespace {

using sql::Oid;
using sql::Value;
namespace type_oid = sql::type_oid;

[[noreturn]] void NoBinaryFormat(Oid type) {
  throw SqlError(SqlState::kFeatureNotSupported,
                 "binary format for type " + sql::FormatTypeName(type) + " is not supported yet");
}

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
// oid and the reg* types: an unsigned 32-bit word (oidsend/oidrecv).
void SendOid(const Value& v, std::string* out) {
  protocol::SendInt4(out, static_cast<int32_t>(static_cast<uint32_t>(v.int_value())));
}
Value RecvOid(std::string_view* in, Oid type) {
  return Value::Integer(type, static_cast<uint32_t>(protocol::RecvInt4(in)));
}
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

// namerecv: a name too long for NAMEDATALEN is an error, not clipped.
Value RecvEnumLabel(std::string_view* in, Oid type) {
  std::string label = protocol::RecvText(in);
  sql::CheckEnumLabel(type, label);
  return Value::String(type, std::move(label));
}

Value RecvName(std::string_view* in, Oid type) {
  std::string s = protocol::RecvText(in);
  if (s.size() >= sql::kNameDataLen) {
    throw SqlError(SqlState::kNameTooLong, "identifier too long")
        .WithDetail("Identifier must be less than " + std::to_string(sql::kNameDataLen) +
                    " characters.");
  }
  return Value::String(type, std::move(s));
}

void SendNumeric(const Value& v, std::string* out) {
  protocol::SendNumeric(out, v.numeric_value().ToString());
}
Value RecvNumeric(std::string_view* in, Oid) {
  return Value::FromNumeric(sql::Numeric::Parse(protocol::RecvNumeric(in)));
}

// bytea and uuid hold their raw bytes, which are also their binary forms.
void SendBytes(const Value& v, std::string* out) { protocol::SendBytea(out, v.string_value()); }
Value RecvBytes(std::string_view* in, Oid type) {
  return Value::String(type, protocol::RecvBytea(in));
}
void SendUuidValue(const Value& v, std::string* out) { out->append(v.string_value()); }
Value RecvUuidValue(std::string_view* in, Oid type) {
  const protocol::Uuid uuid = protocol::RecvUuid(in);
  return Value::String(type, std::string(uuid.begin(), uuid.end()));
}

// json's binary form is its text and jsonb's a version byte and its text; both
// are validated (and jsonb normalised) by the type's text input, as json_recv
// and jsonb_recv do.
Value RecvJsonText(std::string_view* in, Oid type) {
  return sql::InputValue(type, protocol::RecvText(in));
}
void SendJsonbValue(const Value& v, std::string* out) {
  protocol::SendJsonb(out, v.string_value());
}
Value RecvJsonbValue(std::string_view* in, Oid type) {
  return sql::InputValue(type, protocol::RecvJsonb(in));
}

// date, time, timestamp[tz] and interval: their Values hold what the binary
// forms carry (days / microseconds since 2000-01-01, microseconds since
// midnight, the three interval fields), infinities included; the protocol
// layer checks the ranges on receive.
void SendDateValue(const Value& v, std::string* out) { protocol::SendDate(out, v.date_value()); }
Value RecvDateValue(std::string_view* in, Oid) { return Value::Date(protocol::RecvDate(in)); }
void SendTimeValue(const Value& v, std::string* out) { protocol::SendTime(out, v.int_value()); }
Value RecvTimeValue(std::string_view* in, Oid) { return Value::Time(protocol::RecvTime(in)); }
void SendTimestampValue(const Value& v, std::string* out) {
  protocol::SendTimestamp(out, v.int_value());
}
Value RecvTimestampValue(std::string_view* in, Oid type) {
  return Value::Integer(type, protocol::RecvTimestamp(in));
}
void SendIntervalValue(const Value& v, std::string* out) {
  const sql::Interval& iv = v.interval_value();
  protocol::SendInterval(out, {iv.time, iv.day, iv.month});
}
Value RecvIntervalValue(std::string_view* in, Oid) {
  const protocol::Interval iv = protocol::RecvInterval(in);
  return Value::FromInterval({iv.microseconds, iv.days, iv.months});
}

// Arrays of any element type with a row here: array_send/array_recv framing
// around each element's own binary form.
void SendArrayValue(const Value& v, std::string* out) {
  const sql::ArrayValue& array = v.array_value();
  std::vector<std::optional<std::string>> elements;
  elements.reserve(array.elements.size());
  for (const Value& e : array.elements) {
    if (e.is_null()) {
      elements.emplace_back(std::nullopt);
    } else {
      elements.emplace_back(SendBinaryValue(e));
    }
  }
  protocol::SendArray(out, array.element_type, array.lower_bound, elements);
}

Value RecvArrayValue(std::string_view* in, Oid type) {
  const sql::PgTypeInfo* info = sql::FindPgType(type);
  const Oid element_type = info != nullptr ? info->typelem : type_oid::kInvalid;
  const protocol::RecvArrayResult received = protocol::RecvArray(in);
  if (received.element_oid != element_type) {
    throw SqlError(SqlState::kDatatypeMismatch,
                   "binary data has array element type " + std::to_string(received.element_oid) +
                       " (" + sql::FormatTypeName(received.element_oid) +
                       ") instead of expected " + std::to_string(element_type) + " (" +
                       sql::FormatTypeName(element_type) + ")");
  }
  const BinaryFormat* element_format = FindBinaryFormat(element_type);
  if (element_format == nullptr) NoBinaryFormat(element_type);
  std::vector<Value> elements;
  elements.reserve(received.elements.size());
  int number = 0;
  for (const std::optional<std::string_view>& bytes : received.elements) {
    ++number;
    if (!bytes) {
      elements.push_back(Value::Null(element_type));
      continue;
    }
    std::string_view rest = *bytes;
    elements.push_back(element_format->receive(&rest, element_type));
    if (!rest.empty()) {
      throw SqlError(SqlState::kInvalidBinaryRepresentation,
                     "improper binary format in array element " + std::to_string(number));
    }
  }
  return sql::MakeArray(type, element_type, std::move(elements), received.lower_bound);
}

// The geometric types: their float8 fields in PostgreSQL's order (point_send,
// box_send, ...); a path starts with a closed byte and an Int32 count, a
// polygon with the count. Receiving checks what PostgreSQL's *_recv check.
namespace geo = sql::geo;

[[noreturn]] void BadGeometric(const std::string& message) {
  throw SqlError(SqlState::kInvalidBinaryRepresentation, message);
}
void SendPoints(const std::vector<geo::Point>& points, std::string* out) {
  for (const geo::Point& p : points) {
    protocol::SendFloat8(out, p.x);
    protocol::SendFloat8(out, p.y);
  }
}
std::vector<geo::Point> RecvPoints(std::string_view* in, const char* type_name) {
  const int32_t n = protocol::RecvInt4(in);
  // PostgreSQL's bound: what fits in a varlena of 16-byte points.
  if (n <= 0 || n >= (0x7FFFFFFF - 32) / 16) {
    BadGeometric(std::string("invalid number of points in external \"") + type_name +
                 "\" value");
  }
  std::vector<geo::Point> points;
  for (int32_t i = 0; i < n; ++i) {
    const double x = protocol::RecvFloat8(in);
    points.push_back({x, protocol::RecvFloat8(in)});
  }
  return points;
}
void SendGeometric(const Value& v, std::string* out) {
  switch (v.type()) {
    case geo::kPath: {
      const geo::Path p = geo::GetPath(v);
      protocol::SendBool(out, p.closed);
      protocol::SendInt4(out, static_cast<int32_t>(p.points.size()));
      SendPoints(p.points, out);
      return;
    }
    case geo::kPolygon: {
      const geo::Polygon p = geo::GetPolygon(v);
      protocol::SendInt4(out, static_cast<int32_t>(p.points.size()));
      SendPoints(p.points, out);
      return;
    }
    default: {
      // The fixed-size types: the payload is their float8s in send order.
      const std::string& s = v.string_value();
      for (size_t i = 0; i + sizeof(double) <= s.size(); i += sizeof(double)) {
        double d;
        std::memcpy(&d, s.data() + i, sizeof(double));
        protocol::SendFloat8(out, d);
      }
    }
  }
}
Value RecvGeometric(std::string_view* in, Oid type) {
  auto f8 = [&] { return protocol::RecvFloat8(in); };
  switch (type) {
    case geo::kPoint: {
      const double x = f8();
      return geo::MakePoint({x, f8()});
    }
    case geo::kLseg: {
      geo::LSeg l;
      l.p[0].x = f8();
      l.p[0].y = f8();
      l.p[1].x = f8();
      l.p[1].y = f8();
      return geo::MakeLseg(l);
    }
    case geo::kBox: {
      geo::Box b;
      b.high.x = f8();
      b.high.y = f8();
      b.low.x = f8();
      b.low.y = f8();
      if (b.high.x < b.low.x) std::swap(b.high.x, b.low.x);
      if (b.high.y < b.low.y) std::swap(b.high.y, b.low.y);
      return geo::MakeBox(b);
    }
    case geo::kLine: {
      geo::Line l;
      l.a = f8();
      l.b = f8();
      l.c = f8();
      if (geo::FPzero(l.a) && geo::FPzero(l.b)) {
        BadGeometric("invalid line specification: A and B cannot both be zero");
      }
      return geo::MakeLine(l);
    }
    case geo::kCircle: {
      geo::Circle c;
      c.center.x = f8();
      c.center.y = f8();
      c.radius = f8();
      if (c.radius < 0) BadGeometric("invalid radius in external \"circle\" value");
      return geo::MakeCircle(c);
    }
    case geo::kPath: {
      geo::Path p;
      p.closed = protocol::RecvBool(in);
      p.points = RecvPoints(in, "path");
      return geo::MakePath(p);
    }
    default:
      return geo::MakePolygon(RecvPoints(in, "polygon"));
  }
}

// record_send: Int32 field count, then per field its type OID, Int32
// length (-1 for NULL) and its own binary form.
void SendRecordValue(const Value& v, std::string* out) {
  const std::vector<Value>& fields = v.record_value().fields;
  protocol::SendInt4(out, static_cast<int32_t>(fields.size()));
  for (const Value& field : fields) {
    protocol::SendInt4(out, static_cast<int32_t>(field.type()));
    if (field.is_null()) {
      protocol::SendInt4(out, -1);
      continue;
    }
    const std::string bytes = SendBinaryValue(field);
    protocol::SendInt4(out, static_cast<int32_t>(bytes.size()));
    out->append(bytes);
  }
}

// record_recv of type record: PostgreSQL cannot know the fields either.
Value RecvRecordValue(std::string_view*, Oid) {
  throw SqlError(SqlState::kFeatureNotSupported,
                 "input of anonymous composite types is not implemented");
}

const BinaryFormat kArrayFormat = {type_oid::kInvalid, SendArrayValue, RecvArrayValue};

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
    {type_oid::kBpchar, SendString, RecvString},
    {type_oid::kName, SendString, RecvName},
    {type_oid::kChar, SendString, RecvString},
    {type_oid::kBytea, SendBytes, RecvBytes},
    {type_oid::kUuid, SendUuidValue, RecvUuidValue},
    {869, SendInetValue, RecvInetValue},  // inet, cidr, macaddr, macaddr8: binary_network.h
    {650, SendInetValue, RecvInetValue},
    {829, SendMacValue, RecvMacaddrValue},
    {774, SendMacValue, RecvMacaddr8Value},
    {1560, SendBitValue, RecvBitValue},  // bit, varbit: binary_bit.h
    {1562, SendBitValue, RecvBitValue},
    {3904, SendRangeValue, RecvRangeValue},  // the range types: binary_range.h
    {3906, SendRangeValue, RecvRangeValue},
    {3908, SendRangeValue, RecvRangeValue},
    {3910, SendRangeValue, RecvRangeValue},
    {3912, SendRangeValue, RecvRangeValue},
    {3926, SendRangeValue, RecvRangeValue},
    {4451, SendMultirangeValue, RecvMultirangeValue},  // and their multiranges
    {4532, SendMultirangeValue, RecvMultirangeValue},
    {4533, SendMultirangeValue, RecvMultirangeValue},
    {4534, SendMultirangeValue, RecvMultirangeValue},
    {4535, SendMultirangeValue, RecvMultirangeValue},
    {4536, SendMultirangeValue, RecvMultirangeValue},
    {type_oid::kJson, SendString, RecvJsonText},
    {type_oid::kJsonb, SendJsonbValue, RecvJsonbValue},
    {type_oid::kOid, SendOid, RecvOid},
    {type_oid::kDate, SendDateValue, RecvDateValue},
    {type_oid::kTime, SendTimeValue, RecvTimeValue},
    {type_oid::kTimestamp, SendTimestampValue, RecvTimestampValue},
    {type_oid::kTimestampTz, SendTimestampValue, RecvTimestampValue},
    {type_oid::kInterval, SendIntervalValue, RecvIntervalValue},
    {24, SendOid, RecvOid},    // regproc
    {2205, SendOid, RecvOid},  // regclass
    {2206, SendOid, RecvOid},  // regtype
    {4089, SendOid, RecvOid},  // regnamespace
    {4096, SendOid, RecvOid},  // regrole
    {type_oid::kRecord, SendRecordValue, RecvRecordValue},
    {194, SendString, RecvString},  // pg_node_tree (the catalogs' expression texts)
    {sql::geo::kPoint, SendGeometric, RecvGeometric},
    {sql::geo::kLseg, SendGeometric, RecvGeometric},
    {sql::geo::kPath, SendGeometric, RecvGeometric},
    {sql::geo::kBox, SendGeometric, RecvGeometric},
    {sql::geo::kPolygon, SendGeometric, RecvGeometric},
    {sql::geo::kLine, SendGeometric, RecvGeometric},
    {sql::geo::kCircle, SendGeometric, RecvGeometric},
};

}  // namespace

const BinaryFormat* FindBinaryFormat(Oid type) {
  for (const BinaryFormat& f : kBinaryFormats) {
    if (f.type == type) return &f;
  }
  if (sql::IsArrayType(type)) return &kArrayFormat;
  if (type >= catalog::kFirstNormalObjectId) {
    // enum_send / enum_recv: the label's text. A domain: its base type's.
    static constexpr BinaryFormat kEnumFormat = {0, SendString, RecvEnumLabel};
    if (sql::IsEnumType(type)) return &kEnumFormat;
    if (sql::IsDomainType(type)) return FindBinaryFormat(sql::DomainBaseType(type).oid);
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
