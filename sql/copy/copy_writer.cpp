// COPY TO field formatting (see copy_writer.h).
#include "sql/copy/copy_writer.h"

namespace strata::sql {

void AppendCopyTextField(const CopyOptions& options, std::string_view value, std::string* out) {
  size_t run = 0;  // start of the pending run of bytes needing no escape
  for (size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    char escaped = 0;
    if (c < 0x20) {
      switch (c) {
        case '\b': escaped = 'b'; break;
        case '\f': escaped = 'f'; break;
        case '\n': escaped = 'n'; break;
        case '\r': escaped = 'r'; break;
        case '\t': escaped = 't'; break;
        case '\v': escaped = 'v'; break;
        default:
          // Other control bytes go out as they are, unless one is the delimiter.
          if (c == static_cast<unsigned char>(options.delimiter)) escaped = static_cast<char>(c);
      }
    } else if (c == '\\' || c == static_cast<unsigned char>(options.delimiter)) {
      escaped = static_cast<char>(c);
    }
    if (escaped == 0) continue;
    out->append(value.data() + run, i - run);
    out->push_back('\\');
    out->push_back(escaped);
    run = i + 1;
  }
  out->append(value.data() + run, value.size() - run);
}

void AppendCopyCsvField(const CopyOptions& options, std::string_view value, bool force_quote,
                        bool single_column, std::string* out) {
  bool quote = force_quote || value == options.null_print;
  if (!quote) {
    if (single_column && value == "\\.") {
      quote = true;
    } else {
      for (char c : value) {
        if (c == options.delimiter || c == options.quote || c == '\n' || c == '\r') {
          quote = true;
          break;
        }
      }
    }
  }
  if (!quote) {
    out->append(value);
    return;
  }
  out->push_back(options.quote);
  for (char c : value) {
    if (c == options.quote || c == options.escape) out->push_back(options.escape);
    out->push_back(c);
  }
  out->push_back(options.quote);
}

}  // namespace strata::sql
