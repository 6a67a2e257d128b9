// Settings parsing for stratad: config file text and postgres-style argv.
#include "server/server_config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>

#include "common/logging.h"

namespace strata::server {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::optional<std::string> ParseInt(const std::string& name, const std::string& value, int min,
                                    int max, int* out) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || ptr != value.data() + value.size()) {
    return "invalid value for parameter \"" + name + "\": \"" + value + "\"";
  }
  if (v < min || v > max) {
    return std::to_string(v) + " is outside the valid range for parameter \"" + name + "\" (" +
           std::to_string(min) + " .. " + std::to_string(max) + ")";
  }
  *out = v;
  return std::nullopt;
}

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

}  // namespace

std::optional<std::string> ServerConfig::Set(const std::string& raw_name, const std::string& value) {
  const std::string name = Lower(raw_name);
  if (name == "data_directory") {
    data_directory = value;
  } else if (name == "listen_addresses") {
    listen_addresses = value;
  } else if (name == "port") {
    return ParseInt(name, value, 1, 65535, &port);
  } else if (name == "unix_socket_directories") {
    unix_socket_directories = value;
  } else if (name == "max_connections") {
    return ParseInt(name, value, 1, 262143, &max_connections);
  } else if (name == "log_min_messages") {
    LogLevel level;
    if (!ParseLogLevel(value, &level)) {
      return "invalid value for parameter \"log_min_messages\": \"" + value + "\"";
    }
    log_min_messages = value;
  } else if (name == "password") {
    password = value;
  } else if (name == "max_message_size") {
    return ParseInt(name, value, 1024, 1 << 30, &max_message_size);
  } else if (name == "timezone") {
    timezone = value;
  } else {
    return "unrecognized configuration parameter \"" + raw_name + "\"";
  }
  return std::nullopt;
}

std::optional<std::string> ParseConfigText(const std::string& text, const std::string& file_name,
                                           ServerConfig* config) {
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    auto where = [&](const std::string& msg) {
      return file_name + ":" + std::to_string(line_no) + ": " + msg;
    };
    // Strip a comment that is not inside quotes.
    bool in_quote = false;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\'') in_quote = !in_quote;
      if (line[i] == '#' && !in_quote) {
        line.resize(i);
        break;
      }
    }
    line = Trim(line);
    if (line.empty()) continue;
    size_t eq = line.find('=');
    std::string name, value;
    if (eq == std::string::npos) {
      // postgresql.conf also allows "name value".
      size_t sp = line.find_first_of(" \t");
      if (sp == std::string::npos) return where("syntax error: expected \"name = value\"");
      name = Trim(line.substr(0, sp));
      value = Trim(line.substr(sp));
    } else {
      name = Trim(line.substr(0, eq));
      value = Trim(line.substr(eq + 1));
    }
    if (name.empty()) return where("syntax error: missing parameter name");
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
      std::string unquoted;
      for (size_t i = 1; i + 1 < value.size(); ++i) {
        if (value[i] == '\'' && i + 2 < value.size() && value[i + 1] == '\'') ++i;
        unquoted += value[i];
      }
      value = unquoted;
    } else if (!value.empty() && value.front() == '\'') {
      return where("syntax error: unterminated quoted string");
    }
    if (auto err = config->Set(name, value)) return where(*err);
  }
  return std::nullopt;
}

std::optional<std::string> ParseCommandLine(int argc, char** argv, CommandLine* out) {
  auto needs_value = [&](int& i, const std::string& flag) -> std::optional<std::string> {
    if (i + 1 >= argc) return std::nullopt;
    (void)flag;
    return std::string(argv[++i]);
  };
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-?") {
      out->show_help = true;
    } else if (arg == "--version" || arg == "-V") {
      out->show_version = true;
    } else if (arg.rfind("--", 0) == 0) {
      // --name=value, postgres's long form of -c; dashes in names become underscores.
      size_t eq = arg.find('=');
      std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      std::replace(name.begin(), name.end(), '-', '_');
      std::optional<std::string> value;
      if (eq != std::string::npos) {
        value = arg.substr(eq + 1);
      } else {
        value = needs_value(i, arg);
      }
      if (!value) return "--" + name + " requires a value";
      if (name == "data_directory") out->data_directory = *value;
      out->settings.emplace_back(name, *value);
    } else if (arg.size() >= 2 && arg[0] == '-') {
      char flag = arg[1];
      std::optional<std::string> value;
      if (arg.size() > 2) {
        value = arg.substr(2);  // -p5433
      } else {
        value = needs_value(i, arg);
      }
      if (!value) return "option requires an argument -- '" + std::string(1, flag) + "'";
      switch (flag) {
        case 'D':
          out->data_directory = *value;
          break;
        case 'p':
          out->settings.emplace_back("port", *value);
          break;
        case 'h':
          out->settings.emplace_back("listen_addresses", *value);
          break;
        case 'k':
          out->settings.emplace_back("unix_socket_directories", *value);
          break;
        case 'N':
          out->settings.emplace_back("max_connections", *value);
          break;
        case 'c': {
          size_t eq = value->find('=');
          if (eq == std::string::npos) return "-c " + *value + " requires a value";
          std::string name = value->substr(0, eq);
          std::replace(name.begin(), name.end(), '-', '_');
          if (name == "data_directory") out->data_directory = value->substr(eq + 1);
          out->settings.emplace_back(name, value->substr(eq + 1));
          break;
        }
        default:
          return "invalid option -- '" + std::string(1, flag) + "'";
      }
    } else {
      return "invalid command-line argument: \"" + arg + "\"";
    }
  }
  return std::nullopt;
}

}  // namespace strata::server
