// stratactl inspect wal|sst|manifest FILE: human-readable dumps for
// debugging. Keys and values print as escaped text (printable ASCII as is,
// other bytes as \xNN), values cut at 64 bytes.
//   wal:      one line per record: offset, sequence, count, then each
//             operation (PUT tree key => value, DEL, DELRANGE)
//   sst:      the properties, then every entry: user key @ sequence type
//   manifest: each version edit's DebugString
// Errors (corruption included) end the dump with the reader's message and
// a non-zero exit.
#pragma once

#include <string>
#include <string_view>

namespace strata::tools {

// Returns the process exit code; writes the dump to stdout, errors to stderr.
int InspectFile(const std::string& kind, const std::string& path);

// "abc\x00" style rendering of bytes, cut at `limit` bytes ("..." after).
std::string EscapeBytes(std::string_view bytes, size_t limit = 64);

}  // namespace strata::tools
