// COPY FROM's input side for the text and CSV formats: CopyLineReader splits
// the byte stream (CopyData boundaries are arbitrary) into logical lines, as
// PostgreSQL 15's CopyReadLineText does -- a backslash quotes the next byte in
// text format, CSV quoted fields may span newlines, "\." ends the data -- and
// the Split*Fields functions cut one line into fields (CopyReadAttributesText
// / CopyReadAttributesCSV), de-escaping them and recognising NULL.
//
// Errors are SqlErrors 22P04 (bad_copy_file_format) with PostgreSQL's text;
// the caller adds the CONTEXT line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/copy/copy_options.h"

namespace strata::sql {

class CopyLineReader {
 public:
  explicit CopyLineReader(const CopyOptions& options) : options_(options) {}

  void Append(std::string_view data) { buffer_.append(data); }

  // Moves the next complete line (without its terminator) into *line. With
  // `at_end` (no more data will come) a final unterminated line counts too.
  // Returns false when no complete line is buffered or the end marker was
  // seen. Throws 22P04 "end-of-copy marker corrupt".
  bool NextLine(std::string* line, bool at_end);
  bool saw_end_marker() const { return end_marker_; }
  // Unconsumed bytes (the unterminated CSV quoted field at the end).
  std::string_view Rest() const { return std::string_view(buffer_).substr(pos_); }

 private:
  const CopyOptions& options_;
  std::string buffer_;
  size_t pos_ = 0;  // start of the next line in buffer_
  bool end_marker_ = false;
};

// One field of a line: nullopt = NULL; `quoted` (CSV) when any part of it was quoted.
struct CopyField {
  std::optional<std::string> value;
  bool quoted = false;
};

// Text format: splits on the delimiter, de-escapes (\b \f \n \r \t \v,
// \ooo octal, \xhh hex, \c = c) and maps a raw field equal to NULL to nullopt.
void SplitTextFields(const CopyOptions& options, std::string_view line,
                     std::vector<CopyField>* fields);
// CSV: quote/escape handling; an unquoted field equal to NULL is nullopt.
// Throws 22P04 "unterminated CSV quoted field".
void SplitCsvFields(const CopyOptions& options, std::string_view line,
                    std::vector<CopyField>* fields);

}  // namespace strata::sql
