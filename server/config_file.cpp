// postgresql.conf-style parsing with include directives (see config_file.h).
#include "server/config_file.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace strata::server {

namespace {

constexpr int kMaxIncludeDepth = 10;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::string DirectoryOf(const std::string& file) {
  const size_t slash = file.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return file.substr(0, slash);
}

std::string Absolute(const std::string& path, const std::string& base_dir) {
  if (!path.empty() && path[0] == '/') return path;
  return base_dir + "/" + path;
}

// Scans one line: a name, an optional '=', a value, an optional comment.
struct LineScanner {
  const std::string& line;
  size_t pos = 0;

  void SkipSpace() {
    while (pos < line.size() && std::isspace(static_cast<unsigned char>(line[pos]))) ++pos;
  }
  bool AtEndOrComment() {
    SkipSpace();
    return pos >= line.size() || line[pos] == '#';
  }
  // A bare token: name, number with unit, or unquoted word.
  std::string Word() {
    const size_t start = pos;
    while (pos < line.size() && !std::isspace(static_cast<unsigned char>(line[pos])) &&
           line[pos] != '#' && line[pos] != '=' && line[pos] != '\'') {
      ++pos;
    }
    return line.substr(start, pos - start);
  }
  // A single-quoted string starting at pos; nullopt if unterminated.
  std::optional<std::string> Quoted() {
    std::string out;
    ++pos;  // opening quote
    while (pos < line.size()) {
      const char c = line[pos];
      if (c == '\'') {
        if (pos + 1 < line.size() && line[pos + 1] == '\'') {
          out += '\'';
          pos += 2;
          continue;
        }
        ++pos;
        return out;
      }
      if (c == '\\' && pos + 1 < line.size()) {
        const char e = line[pos + 1];
        pos += 2;
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          default: out += e; break;
        }
        continue;
      }
      out += c;
      ++pos;
    }
    return std::nullopt;
  }
};

std::optional<std::string> IncludeDirectory(const std::string& dir, const std::string& where,
                                            std::vector<ConfigFileEntry>* out, int depth) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    return where + "could not open configuration directory \"" + dir + "\": " +
           std::strerror(errno);
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name.empty() || name[0] == '.') continue;
    if (name.size() < 5 || name.compare(name.size() - 5, 5, ".conf") != 0) continue;
    struct stat st {};
    if (::stat((dir + "/" + name).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());  // byte order = C locale
  for (const std::string& name : names) {
    if (auto err = ReadConfigFile(dir + "/" + name, out, depth + 1)) return err;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ReadConfigFile(const std::string& path,
                                          std::vector<ConfigFileEntry>* out, int depth) {
  std::string absolute = path;
  if (absolute.empty() || absolute[0] != '/') {
    char cwd[4096];
    if (::getcwd(cwd, sizeof(cwd)) != nullptr) absolute = Absolute(path, cwd);
  }
  if (depth > kMaxIncludeDepth) {
    return "could not open configuration file \"" + absolute +
           "\": maximum nesting depth exceeded";
  }
  std::ifstream in(absolute);
  if (!in) {
    return "could not open configuration file \"" + absolute + "\": " + std::strerror(errno);
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseConfigEntries(text.str(), absolute, out, depth);
}

std::optional<std::string> ParseConfigEntries(const std::string& text,
                                              const std::string& file_name,
                                              std::vector<ConfigFileEntry>* out, int depth) {
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = file_name + ":" + std::to_string(line_no) + ": ";
    LineScanner scan{line};
    if (scan.AtEndOrComment()) continue;
    const std::string name = scan.Word();
    if (name.empty() || !std::all_of(name.begin(), name.end(), IsNameChar)) {
      return where + "syntax error: expected \"name = value\"";
    }
    scan.SkipSpace();
    if (scan.pos < line.size() && line[scan.pos] == '=') {
      ++scan.pos;
      scan.SkipSpace();
    }
    std::string value;
    if (scan.pos < line.size() && line[scan.pos] == '\'') {
      auto q = scan.Quoted();
      if (!q) return where + "syntax error: unterminated quoted string";
      value = *q;
    } else {
      value = scan.Word();
      if (value.empty()) return where + "syntax error: missing value for \"" + name + "\"";
    }
    if (!scan.AtEndOrComment()) {
      return where + "syntax error near \"" + line.substr(scan.pos) + "\"";
    }
    const std::string lower = Lower(name);
    const std::string base_dir = DirectoryOf(file_name);
    if (lower == "include" || lower == "include_if_exists") {
      const std::string target = Absolute(value, base_dir);
      if (lower == "include_if_exists" && ::access(target.c_str(), F_OK) != 0) continue;
      if (::access(target.c_str(), F_OK) != 0) {
        return where + "could not open configuration file \"" + target +
               "\": No such file or directory";
      }
      if (auto err = ReadConfigFile(target, out, depth + 1)) {
        // Errors inside the included file already carry its name and line;
        // one about opening it is this line's.
        return err->rfind("could not open", 0) == 0 ? where + *err : *err;
      }
      continue;
    }
    if (lower == "include_dir") {
      if (auto err = IncludeDirectory(Absolute(value, base_dir), where, out, depth)) return err;
      continue;
    }
    out->push_back(ConfigFileEntry{name, value, file_name, line_no});
  }
  return std::nullopt;
}

}  // namespace strata::server
