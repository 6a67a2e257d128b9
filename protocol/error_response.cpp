// Encoders for ErrorResponse ('E') and NoticeResponse ('N').
//
// Body: a sequence of (Byte1 field code, String value), ended by one zero byte.
// Fields are written in PostgreSQL's order (elog.c send_message_to_frontend):
//   S severity (localized), V severity (never localized), C SQLSTATE, M message,
//   D detail, H hint, P cursor position (decimal, 1-based), W context,
//   s schema, t table, c column, d data type, n constraint name,
//   F source file, L source line (decimal), R source routine.
// S, V, C and M are always sent (the protocol promises them); the others only
// when set: non-empty text, position > 0, source_line > 0. We do not localize,
// so S and V carry the same text.
#include <string>

#include "protocol/message_writer.h"
#include "protocol/messages.h"

namespace strata::protocol {
namespace {

std::string_view SeverityName(ErrorSeverity severity) {
  switch (severity) {
    case ErrorSeverity::kError:
      return "ERROR";
    case ErrorSeverity::kFatal:
      return "FATAL";
    case ErrorSeverity::kPanic:
      return "PANIC";
    case ErrorSeverity::kWarning:
      return "WARNING";
    case ErrorSeverity::kInfo:
      return "INFO";
  }
  return "ERROR";
}

void PutField(std::string* out, char code, std::string_view value) {
  out->push_back(code);
  PutCString(out, value);
}

void PutOptionalField(std::string* out, char code, std::string_view value) {
  if (!value.empty()) PutField(out, code, value);
}

void AppendErrorOrNotice(std::string* out, char type, const SqlErrorFields& fields,
                         std::string_view severity) {
  const size_t start = BeginMessage(out, type);
  PutField(out, 'S', severity);
  PutField(out, 'V', severity);
  PutField(out, 'C', SqlStateCode(fields.sqlstate));
  PutField(out, 'M', fields.message);
  PutOptionalField(out, 'D', fields.detail);
  PutOptionalField(out, 'H', fields.hint);
  if (fields.position > 0) PutField(out, 'P', std::to_string(fields.position));
  PutOptionalField(out, 'W', fields.context);
  PutOptionalField(out, 's', fields.schema_name);
  PutOptionalField(out, 't', fields.table_name);
  PutOptionalField(out, 'c', fields.column_name);
  PutOptionalField(out, 'd', fields.datatype_name);
  PutOptionalField(out, 'n', fields.constraint_name);
  PutOptionalField(out, 'F', fields.source_file);
  if (fields.source_line > 0) PutField(out, 'L', std::to_string(fields.source_line));
  PutOptionalField(out, 'R', fields.source_function);
  out->push_back('\0');
  EndMessage(out, start);
}

}  // namespace

void AppendErrorResponse(std::string* out, const SqlErrorFields& error) {
  AppendErrorOrNotice(out, 'E', error, SeverityName(error.severity));
}

void AppendNoticeResponse(std::string* out, const SqlErrorFields& notice,
                          std::string_view severity) {
  const bool named = notice.severity == ErrorSeverity::kWarning ||
                     notice.severity == ErrorSeverity::kInfo;
  AppendErrorOrNotice(out, 'N', notice, named ? SeverityName(notice.severity) : severity);
}

}  // namespace strata::protocol
