// COPY option validation: PostgreSQL 15's ProcessCopyOptions
// (src/backend/commands/copy.c), check for check, in its order.
#include "sql/copy/copy_options.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "common/sql_error.h"

namespace strata::sql {

namespace {

using Kind = ast::CopyOption::ArgKind;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

SqlError Error(SqlState state, std::string message) { return SqlError(state, std::move(message)); }

// defGetString: the option's argument as text; 42601 "%s requires a parameter".
std::string GetString(const ast::CopyOption& o) {
  if (o.kind == Kind::kNone) {
    throw Error(SqlState::kSyntaxError, o.name + " requires a parameter");
  }
  if (o.kind == Kind::kStar) return "*";
  if (o.kind == Kind::kList) {
    std::string out;
    for (size_t i = 0; i < o.list.size(); ++i) out += (i ? ", " : "") + o.list[i];
    return out;
  }
  return o.value;
}

// defGetBoolean.
bool GetBoolean(const ast::CopyOption& o) {
  if (o.kind == Kind::kNone) return true;
  if (o.kind == Kind::kInteger) {
    if (o.value == "0") return false;
    if (o.value == "1") return true;
  } else if (o.kind == Kind::kBoolean || o.kind == Kind::kString) {
    const std::string v = Lower(o.value);
    if (v == "true" || v == "on") return true;
    if (v == "false" || v == "off") return false;
  }
  throw Error(SqlState::kSyntaxError, o.name + " requires a Boolean value");
}

}  // namespace

CopyOptions ProcessCopyOptionsImpl(const std::vector<ast::CopyOption>& options, bool is_from,
                                   const std::vector<int>& positions) {
  CopyOptions out;
  bool format_seen = false, freeze_seen = false, header_seen = false, binary = false;
  bool delim_seen = false, null_seen = false, quote_seen = false, escape_seen = false;
  bool force_quote_seen = false, fnn_seen = false, fn_seen = false, encoding_seen = false;
  std::string delim, quote, escape;
  for (size_t i = 0; i < options.size(); ++i) {
    const ast::CopyOption& o = options[i];
    auto conflict = [&](bool& seen) {
      if (seen) {
        throw Error(SqlState::kSyntaxError, "conflicting or redundant options")
            .WithPosition(positions[i]);
      }
      seen = true;
    };
    if (o.name == "format") {
      conflict(format_seen);
      const std::string fmt = GetString(o);
      if (fmt == "text") {
      } else if (fmt == "csv") {
        out.csv = true;
      } else if (fmt == "binary") {
        binary = true;
      } else {
        throw Error(SqlState::kInvalidParameterValue, "COPY format \"" + fmt + "\" not recognized")
            .WithPosition(positions[i]);
      }
    } else if (o.name == "freeze") {
      conflict(freeze_seen);
      (void)GetBoolean(o);
    } else if (o.name == "delimiter") {
      conflict(delim_seen);
      delim = GetString(o);
    } else if (o.name == "null") {
      conflict(null_seen);
      out.null_print = GetString(o);
    } else if (o.name == "header") {
      conflict(header_seen);
      // defGetCopyHeaderChoice.
      if (o.kind == Kind::kNone) {
        out.header = true;
      } else if (o.kind == Kind::kInteger && (o.value == "0" || o.value == "1")) {
        out.header = o.value == "1";
      } else if (o.kind == Kind::kBoolean || o.kind == Kind::kString) {
        const std::string v = Lower(o.value);
        if (v == "true" || v == "on") {
          out.header = true;
        } else if (v == "false" || v == "off") {
          out.header = false;
        } else if (v == "match" && o.kind == Kind::kString) {
          if (!is_from) {
            throw Error(SqlState::kFeatureNotSupported,
                        "cannot use \"match\" with HEADER in COPY TO");
          }
          out.header = out.header_match = true;
        } else {
          throw Error(SqlState::kSyntaxError, o.name + " requires a Boolean value or \"match\"");
        }
      } else {
        throw Error(SqlState::kSyntaxError, o.name + " requires a Boolean value or \"match\"");
      }
    } else if (o.name == "quote") {
      conflict(quote_seen);
      quote = GetString(o);
    } else if (o.name == "escape") {
      conflict(escape_seen);
      escape = GetString(o);
    } else if (o.name == "force_quote" || o.name == "force_not_null" || o.name == "force_null") {
      bool& seen = o.name == "force_quote" ? force_quote_seen
                   : o.name == "force_not_null" ? fnn_seen
                                                : fn_seen;
      conflict(seen);
      if (o.kind == Kind::kStar && o.name == "force_quote") {
        out.force_quote_all = true;
      } else if (o.kind == Kind::kList) {
        (o.name == "force_quote" ? out.force_quote
         : o.name == "force_not_null" ? out.force_not_null
                                      : out.force_null) = o.list;
      } else {
        throw Error(SqlState::kInvalidParameterValue,
                    "argument to option \"" + o.name + "\" must be a list of column names")
            .WithPosition(positions[i]);
      }
    } else if (o.name == "encoding") {
      conflict(encoding_seen);
      const std::string enc = Lower(GetString(o));
      if (enc != "utf8" && enc != "utf-8" && enc != "unicode" && enc != "sql_ascii") {
        throw Error(SqlState::kFeatureNotSupported,
                    "COPY ENCODING \"" + GetString(o) + "\" is not supported yet; use UTF8");
      }
    } else {
      throw Error(SqlState::kSyntaxError, "option \"" + o.name + "\" not recognized")
          .WithPosition(positions[i]);
    }
  }

  if (binary && delim_seen) {
    throw Error(SqlState::kSyntaxError, "cannot specify DELIMITER in BINARY mode");
  }
  if (binary && null_seen) throw Error(SqlState::kSyntaxError, "cannot specify NULL in BINARY mode");
  if (binary) {
    throw Error(SqlState::kFeatureNotSupported, "COPY in BINARY format is not supported yet");
  }
  if (!delim_seen) delim = out.csv ? "," : "\t";
  if (!null_seen) out.null_print = out.csv ? "" : "\\N";
  if (out.csv) {
    if (!quote_seen) quote = "\"";
    if (!escape_seen) escape = quote;
  }
  if (delim.size() != 1) {
    throw Error(SqlState::kFeatureNotSupported,
                "COPY delimiter must be a single one-byte character");
  }
  if (delim[0] == '\r' || delim[0] == '\n') {
    throw Error(SqlState::kInvalidParameterValue,
                "COPY delimiter cannot be newline or carriage return");
  }
  if (out.null_print.find_first_of("\r\n") != std::string::npos) {
    throw Error(SqlState::kInvalidParameterValue,
                "COPY null representation cannot use newline or carriage return");
  }
  if (!out.csv && std::strchr("\\.abcdefghijklmnopqrstuvwxyz0123456789", delim[0]) != nullptr) {
    throw Error(SqlState::kInvalidParameterValue, "COPY delimiter cannot be \"" + delim + "\"");
  }
  if (!out.csv && quote_seen) {
    throw Error(SqlState::kFeatureNotSupported, "COPY quote available only in CSV mode");
  }
  if (out.csv && quote.size() != 1) {
    throw Error(SqlState::kFeatureNotSupported, "COPY quote must be a single one-byte character");
  }
  if (out.csv && delim[0] == quote[0]) {
    throw Error(SqlState::kInvalidParameterValue, "COPY delimiter and quote must be different");
  }
  if (!out.csv && escape_seen) {
    throw Error(SqlState::kFeatureNotSupported, "COPY escape available only in CSV mode");
  }
  if (out.csv && escape.size() != 1) {
    throw Error(SqlState::kFeatureNotSupported, "COPY escape must be a single one-byte character");
  }
  const bool force_quote = force_quote_seen;
  if (!out.csv && force_quote) {
    throw Error(SqlState::kFeatureNotSupported, "COPY force quote available only in CSV mode");
  }
  if (force_quote && is_from) {
    throw Error(SqlState::kFeatureNotSupported, "COPY force quote only available using COPY TO");
  }
  if (!out.csv && fnn_seen) {
    throw Error(SqlState::kFeatureNotSupported, "COPY force not null available only in CSV mode");
  }
  if (fnn_seen && !is_from) {
    throw Error(SqlState::kFeatureNotSupported,
                "COPY force not null only available using COPY FROM");
  }
  if (!out.csv && fn_seen) {
    throw Error(SqlState::kFeatureNotSupported, "COPY force null available only in CSV mode");
  }
  if (fn_seen && !is_from) {
    throw Error(SqlState::kFeatureNotSupported, "COPY force null only available using COPY FROM");
  }
  if (out.null_print.find(delim[0]) != std::string::npos) {
    throw Error(SqlState::kInvalidParameterValue,
                "COPY delimiter must not appear in the NULL specification");
  }
  if (out.csv && out.null_print.find(quote[0]) != std::string::npos) {
    throw Error(SqlState::kInvalidParameterValue,
                "CSV quote character must not appear in the NULL specification");
  }
  out.delimiter = delim[0];
  if (out.csv) {
    out.quote = quote[0];
    out.escape = escape[0];
  }
  return out;
}

}  // namespace strata::sql
