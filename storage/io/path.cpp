// Path string helpers (see path.h).
#include "storage/io/path.h"

namespace strata::storage {

std::string NormalizePath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string DirName(std::string_view path) {
  std::string p = NormalizePath(path);
  auto pos = p.rfind('/');
  if (pos == std::string::npos) return ".";
  if (pos == 0) return "/";
  return p.substr(0, pos);
}

std::string BaseName(std::string_view path) {
  std::string p = NormalizePath(path);
  auto pos = p.rfind('/');
  if (pos == std::string::npos || p == "/") return p;
  return p.substr(pos + 1);
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (!out.empty() && out.back() != '/') out.push_back('/');
  out.append(name);
  return out;
}

}  // namespace strata::storage
