// Offline verification of a data directory: every checksum of every file.
//
//   MANIFEST (the one CURRENT names, and any other MANIFEST-*): every
//     physical record's checksum, every version edit decodes; replaying the
//     edits gives the live SSTables, each of which must exist with the size
//     the manifest recorded.
//   NNNNNN.sst: footer, index, filter, properties and range-deletion blocks
//     (TableReader::Open verifies them), then every data block (a full
//     scan; each block read is checksummed).
//   NNNNNN.wal: every physical record's checksum, every record decodes as a
//     WriteBatch. A torn tail (what a crash leaves at the end of the newest
//     segment) is a warning, damage before it is corruption.
// The server must not be running (its files change underneath); verify
// refuses when DATADIR/stratad.pid is locked. Findings name the file and
// the byte offset where the reader reports one.
#pragma once

#include <string>
#include <vector>

namespace strata::tools {

struct VerifyReport {
  int files_checked = 0;
  uint64_t bytes_checked = 0;
  std::vector<std::string> errors;    // corruption or missing files
  std::vector<std::string> warnings;  // torn WAL tail
};

struct VerifyOptions {
  bool verbose = false;      // one "ok" line per file on stdout
  bool plain_progress = false;
};

// Verifies `dir`. A returned error string means it could not run at all.
std::string VerifyDataDirectory(const std::string& dir, const VerifyOptions& options,
                                VerifyReport* report);

}  // namespace strata::tools
