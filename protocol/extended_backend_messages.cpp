// Encoders for the extended query protocol's backend messages.
//
// Wire formats (PostgreSQL 15 "Message Formats"; Int32 length counts itself
// and the body, never the type byte):
//   ParseComplete        '1' len=4
//   BindComplete         '2' len=4
//   CloseComplete        '3' len=4
//   NoData               'n' len=4
//   PortalSuspended      's' len=4
//   ParameterDescription 't' Int16 n, n x Int32 type OID
// RowDescription and DataRow are shared with the simple protocol
// (backend_messages.cpp): RowDescription carries a format code per column
// (FieldDescription::format; zero when answering Describe of a statement,
// whose formats are not known yet), and DataRow values are bytes, so binary
// values from binary_values.h go in unchanged.
#include <cassert>

#include "common/coding.h"
#include "protocol/extended_messages.h"
#include "protocol/message_writer.h"

namespace strata::protocol {
namespace {

void AppendEmptyMessage(std::string* out, char type) { EndMessage(out, BeginMessage(out, type)); }

}  // namespace

void AppendParseComplete(std::string* out) { AppendEmptyMessage(out, '1'); }
void AppendBindComplete(std::string* out) { AppendEmptyMessage(out, '2'); }
void AppendCloseComplete(std::string* out) { AppendEmptyMessage(out, '3'); }
void AppendNoData(std::string* out) { AppendEmptyMessage(out, 'n'); }
void AppendPortalSuspended(std::string* out) { AppendEmptyMessage(out, 's'); }

void AppendParameterDescription(std::string* out, const std::vector<uint32_t>& type_oids) {
  assert(type_oids.size() <= 0xffff);
  const size_t start = BeginMessage(out, 't');
  PutBigEndian16(out, static_cast<uint16_t>(type_oids.size()));
  for (uint32_t oid : type_oids) PutBigEndian32(out, oid);
  EndMessage(out, start);
}

}  // namespace strata::protocol
