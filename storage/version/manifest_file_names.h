// Names of the files the version set owns in the data directory:
//   CURRENT            one line "MANIFEST-NNNNNN\n" naming the live manifest
//   MANIFEST-NNNNNN    the version-edit log (storage/docs/manifest_format.md)
// NNNNNN is a file number from the database's shared file-number space,
// zero-padded to at least six digits. Pure string functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/slice.h"

namespace strata::storage {

inline constexpr char kCurrentFileName[] = "CURRENT";

// "MANIFEST-000012"
std::string ManifestFileName(uint64_t number);

// Parses "MANIFEST-<digits>"; false for anything else.
bool ParseManifestFileName(Slice name, uint64_t* number);

}  // namespace strata::storage
