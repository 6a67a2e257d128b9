// COPY TO's output side for the text and CSV formats: one field as
// PostgreSQL 15's CopyAttributeOutText / CopyAttributeOutCSV write it.
#pragma once

#include <string>
#include <string_view>

#include "sql/copy/copy_options.h"

namespace strata::sql {

// Text: backslash, the delimiter and control characters are backslash-escaped.
void AppendCopyTextField(const CopyOptions& options, std::string_view value, std::string* out);

// CSV: quoted when forced, when it contains the delimiter, quote, CR or LF,
// when it equals the NULL string, or when it is "\." alone on a line
// (`single_column`); inside quotes, quote and escape bytes are escaped.
void AppendCopyCsvField(const CopyOptions& options, std::string_view value, bool force_quote,
                        bool single_column, std::string* out);

}  // namespace strata::sql
