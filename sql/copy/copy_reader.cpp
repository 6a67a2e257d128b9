// COPY FROM text/CSV line splitting and field parsing (see copy_reader.h).
#include "sql/copy/copy_reader.h"

#include <cstring>

#include "common/hex_digit.h"
#include "common/sql_error.h"

namespace strata::sql {

namespace {

SqlError BadFormat(std::string message) {
  return SqlError(SqlState::kBadCopyFileFormat, std::move(message));
}

}  // namespace

bool CopyLineReader::NextLine(std::string* line, bool at_end) {
  if (end_marker_) return false;
  const size_t n = buffer_.size();
  const char* b = buffer_.data();
  bool in_quote = false;
  size_t i = pos_;
  if (!options_.csv && pos_ < n) {
    // Fast path for the usual text line: a newline and no backslash before
    // it. memchr scans many bytes per step; a line with a backslash (escape
    // or end marker) takes the byte loop below from its start.
    const void* nl = std::memchr(b + pos_, '\n', n - pos_);
    if (nl != nullptr) {
      const size_t at = static_cast<size_t>(static_cast<const char*>(nl) - b);
      if (std::memchr(b + pos_, '\\', at - pos_) == nullptr) i = at;
    }
  }
  while (i < n) {
    const char c = b[i];
    if (options_.csv) {
      if (in_quote) {
        if (c == options_.escape && options_.escape != options_.quote && i + 1 < n &&
            (b[i + 1] == options_.quote || b[i + 1] == options_.escape)) {
          i += 2;
          continue;
        }
        if (c == options_.quote) in_quote = false;
        ++i;
        continue;
      }
      if (c == options_.quote) {
        in_quote = true;
        ++i;
        continue;
      }
      if (c == '\\' && i == pos_ && i + 1 < n && b[i + 1] == '.') {
        // "\." alone on a line ends CSV data.
        const size_t after = i + 2;
        if (after == n && !at_end) return false;
        if (after == n || b[after] == '\n' || b[after] == '\r') {
          end_marker_ = true;
          return false;
        }
      }
    } else if (c == '\\') {
      if (i + 1 >= n) {
        if (!at_end) return false;  // the escaped byte has not arrived yet
        ++i;
        continue;
      }
      if (b[i + 1] == '.') {
        // PostgreSQL 15 treats "\." anywhere in a text line as the end marker.
        const size_t after = i + 2;
        if (after == n && !at_end) return false;
        size_t newline_len = 0;
        if (after < n && b[after] == '\n') newline_len = 1;
        if (after < n && b[after] == '\r') {
          if (after + 1 < n && b[after + 1] == '\n') {
            newline_len = 2;
          } else if (after + 1 == n && !at_end) {
            return false;
          } else {
            newline_len = 1;
          }
        }
        if (after < n && newline_len == 0) throw BadFormat("end-of-copy marker corrupt");
        end_marker_ = true;
        if (i > pos_) {
          line->assign(b + pos_, i - pos_);
          pos_ = n;
          return true;
        }
        pos_ = n;
        return false;
      }
      i += 2;
      continue;
    }
    if (c == '\n') {
      size_t end = i;
      if (end > pos_ && b[end - 1] == '\r') --end;
      line->assign(b + pos_, end - pos_);
      pos_ = i + 1;
      if (pos_ > (1 << 20) && pos_ * 2 > buffer_.size()) {
        buffer_.erase(0, pos_);
        pos_ = 0;
      }
      return true;
    }
    ++i;
  }
  if (at_end && pos_ < n) {
    size_t end = n;
    if (!in_quote && b[end - 1] == '\r') --end;
    line->assign(b + pos_, end - pos_);
    pos_ = n;
    return true;
  }
  if (pos_ > 0 && pos_ * 2 > buffer_.size()) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  return false;
}

void SplitTextFields(const CopyOptions& options, std::string_view line,
                     std::vector<CopyField>* fields) {
  // The entries (and their strings' capacity) are reused from line to line:
  // no allocation per field once the first lines have sized them.
  size_t count = 0;
  auto next_field = [&]() -> CopyField& {
    if (count == fields->size()) fields->emplace_back();
    CopyField& f = (*fields)[count++];
    f.quoted = false;
    return f;
  };
  auto set_value = [](CopyField& f, std::string_view v) {
    if (f.value) {
      f.value->assign(v.data(), v.size());
    } else {
      f.value.emplace(v);
    }
  };
  size_t start = 0;
  const size_t n = line.size();
  while (true) {
    // Find the end of this field: an unescaped delimiter or the line's end.
    size_t end = start;
    bool has_escape = false;
    // Usual case first: the next delimiter (or the line's end) with no
    // backslash before it, found with memchr; otherwise the byte loop.
    if (start < n) {
      const void* d = std::memchr(line.data() + start, options.delimiter, n - start);
      const size_t seg_end =
          d ? static_cast<size_t>(static_cast<const char*>(d) - line.data()) : n;
      if (std::memchr(line.data() + start, '\\', seg_end - start) == nullptr) end = seg_end;
    }
    while (end < n && line[end] != options.delimiter) {
      if (line[end] == '\\' && end + 1 < n) {
        has_escape = true;
        end += 2;
      } else {
        ++end;
      }
    }
    if (end > n) end = n;
    const std::string_view raw = line.substr(start, end - start);
    CopyField& field = next_field();
    if (raw == options.null_print) {
      field.value = std::nullopt;
    } else if (!has_escape) {
      set_value(field, raw);
    } else {
      std::string out;
      out.reserve(raw.size());
      for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c != '\\' || i + 1 >= raw.size()) {
          out += c;
          continue;
        }
        c = raw[++i];
        switch (c) {
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'v': out += '\v'; break;
          case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            int v = c - '0';
            for (int k = 0; k < 2 && i + 1 < raw.size() && raw[i + 1] >= '0' && raw[i + 1] <= '7';
                 ++k) {
              v = v * 8 + (raw[++i] - '0');
            }
            out += static_cast<char>(v & 0xff);
            break;
          }
          case 'x':
            if (i + 1 < raw.size() && HexDigitValue(raw[i + 1]) >= 0) {
              int v = HexDigitValue(raw[++i]);
              if (i + 1 < raw.size() && HexDigitValue(raw[i + 1]) >= 0) v = v * 16 + HexDigitValue(raw[++i]);
              out += static_cast<char>(v);
            } else {
              out += 'x';
            }
            break;
          default:
            out += c;
        }
      }
      field.value = std::move(out);
    }
    if (end >= n) break;
    start = end + 1;
  }
  fields->resize(count);
}

void SplitCsvFields(const CopyOptions& options, std::string_view line,
                    std::vector<CopyField>* fields) {
  fields->clear();
  const size_t n = line.size();
  size_t i = 0;
  while (true) {
    const size_t start = i;
    CopyField field;
    std::string out;
    bool quoted = false;
    while (i < n && line[i] != options.delimiter) {
      if (line[i] != options.quote) {
        out += line[i++];
        continue;
      }
      // A quoted section.
      quoted = true;
      ++i;
      bool closed = false;
      while (i < n) {
        const char c = line[i];
        if (c == options.escape && i + 1 < n &&
            (line[i + 1] == options.quote || line[i + 1] == options.escape) &&
            (options.escape != options.quote || line[i + 1] == options.quote)) {
          out += line[i + 1];
          i += 2;
          continue;
        }
        if (c == options.quote) {
          closed = true;
          ++i;
          break;
        }
        out += c;
        ++i;
      }
      if (!closed) throw BadFormat("unterminated CSV quoted field");
    }
    const std::string_view raw = line.substr(start, i - start);
    field.quoted = quoted;
    if (!quoted && raw == options.null_print) {
      field.value = std::nullopt;
    } else {
      field.value = std::move(out);
    }
    fields->push_back(std::move(field));
    if (i >= n) break;
    ++i;  // the delimiter
  }
}

}  // namespace strata::sql
