// Settings parsing for stratad: config file text and postgres-style argv.
#include "server/server_config.h"

#include <algorithm>
#include <cctype>

#include "common/system_memory.h"
#include "server/config_file.h"
#include "sql/settings/session_settings.h"

namespace strata::server {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::optional<std::string> ServerConfig::Set(const std::string& raw_name, const std::string& value) {
  std::string normalized;
  int64_t number = 0;  // an integer parameter's value in its unit
  if (auto err = sql::SessionSettings::ValidateParameter(raw_name, value, &normalized, &number)) {
    return err;
  }
  const std::string name = Lower(raw_name);
  if (name == "data_directory") {
    data_directory = normalized;
  } else if (name == "listen_addresses") {
    listen_addresses = normalized;
  } else if (name == "port") {
    port = std::stoi(normalized);
  } else if (name == "unix_socket_directories") {
    unix_socket_directories = normalized;
  } else if (name == "max_connections") {
    max_connections = std::stoi(normalized);
  } else if (name == "log_min_messages") {
    log_min_messages = normalized;
  } else if (name == "password") {
    password = normalized;
  } else if (name == "hba_file") {
    hba_file = normalized;
  } else if (name == "max_message_size") {
    max_message_size = std::stoi(normalized);
  } else if (name == "block_cache_size") {
    if (number >= 0 && number < 1024) {
      return "invalid value for parameter \"block_cache_size\": \"" + value +
             "\": must be -1 (automatic) or at least 1MB";
    }
    block_cache_kb = number;
  } else if (name == "metrics_port") {
    metrics_port = std::stoi(normalized);
  } else if (name == "archive_mode") {
    archive_mode = normalized;
  } else if (name == "ssl") {
    ssl = normalized == "on";
  } else if (name == "ssl_cert_file") {
    ssl_cert_file = normalized;
  } else if (name == "ssl_key_file") {
    ssl_key_file = normalized;
  } else if (name == "ssl_ca_file") {
    ssl_ca_file = normalized;
  } else if (name == "ssl_min_protocol_version") {
    ssl_min_protocol_version = normalized;
  } else if (name == "logging_collector") {
    logging_collector = normalized == "on";
  }
  return std::nullopt;
}

std::optional<std::string> ParseConfigText(const std::string& text, const std::string& file_name,
                                           ServerConfig* config) {
  std::vector<ConfigFileEntry> entries;
  if (auto err = ParseConfigEntries(text, file_name, &entries)) return err;
  for (const ConfigFileEntry& e : entries) {
    if (auto err = config->Set(e.name, e.value)) {
      return e.file + ":" + std::to_string(e.line) + ": " + *err;
    }
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
    } else if (arg == "--describe-config") {
      out->describe_config = true;
    } else if (arg == "--sample-config") {
      out->sample_config = true;
    } else if (arg == "--scram-verifier") {
      out->scram_verifier = true;
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

size_t BlockCacheBytes(const ServerConfig& config) {
  if (config.block_cache_kb >= 0) return static_cast<size_t>(config.block_cache_kb) * 1024;
  return static_cast<size_t>(std::max<uint64_t>(UsableMemoryBytes() / 4, uint64_t{64} << 20));
}

}  // namespace strata::server
