// Path string helpers shared by the FileSystem implementations.
//
// Pure string functions: no file-system access, thread-safe. Paths use '/'
// separators; "." and ".." components are not resolved.
#pragma once

#include <string>
#include <string_view>

namespace strata::storage {

// Collapses repeated '/' and drops a trailing '/' ("a//b/" -> "a/b"); "/" stays "/".
std::string NormalizePath(std::string_view path);

// The directory part of path: "a/b" -> "a", "b" -> ".", "/b" -> "/".
std::string DirName(std::string_view path);

// The last component of path: "a/b" -> "b", "b" -> "b".
std::string BaseName(std::string_view path);

// dir + "/" + name without doubling the separator.
std::string JoinPath(std::string_view dir, std::string_view name);

}  // namespace strata::storage
