// Reading stratad.conf: postgresql.conf's syntax, with its include
// directives, into a flat list of (name, value, file, line) entries.
//
// Syntax (PostgreSQL's guc-file.l): one `name = value` (or `name value`)
// per line; '#' starts a comment outside quotes; a value is a bare word or
// number (with a unit: 8MB, 1s) or a single-quoted string ('' or \' for a
// quote inside, \n \t \\ escapes). Directives:
//   include 'file'            another file; a relative path is taken from
//                             the directory of the file that includes it
//   include_if_exists 'file'  the same, silently skipped when missing
//   include_dir 'dir'         every *.conf in dir not starting with '.',
//                             in C-locale name order
// Includes nest at most 10 deep. Entries come in file order with includes
// expanded in place, so a later entry for a name wins. Errors carry
// "file:line: " (for a missing top-level file, just the message).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace strata::server {

struct ConfigFileEntry {
  std::string name;
  std::string value;  // unquoted
  std::string file;   // absolute path of the file the line is in
  int line = 0;
};

// Parses `text` as the content of `file_name` (directives resolve relative
// to its directory). Appends entries to *out. `depth` is the include depth
// of this file (0 for the top level). Returns the first error.
std::optional<std::string> ParseConfigEntries(const std::string& text,
                                              const std::string& file_name,
                                              std::vector<ConfigFileEntry>* out, int depth = 0);

// Reads and parses the file at `path` (made absolute first).
std::optional<std::string> ReadConfigFile(const std::string& path,
                                          std::vector<ConfigFileEntry>* out, int depth = 0);

}  // namespace strata::server
