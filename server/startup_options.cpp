// Splitting and reading the "options" startup parameter (see startup_options.h).
#include "server/startup_options.h"

#include "common/sql_error.h"

namespace strata::server {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// pg_split_opts: whitespace separates words; a backslash escapes the next byte.
std::vector<std::string> SplitWords(std::string_view options) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < options.size()) {
    while (i < options.size() && IsSpace(options[i])) ++i;
    if (i >= options.size()) break;
    std::string word;
    while (i < options.size() && !IsSpace(options[i])) {
      if (options[i] == '\\' && i + 1 < options.size()) ++i;
      word += options[i++];
    }
    words.push_back(std::move(word));
  }
  return words;
}

// ParseLongOption: "name=value" -> (name with '-' as '_', value); no '='
// leaves the value empty and `has_value` false.
std::pair<std::string, std::string> SplitSetting(const std::string& text, bool* has_value) {
  const size_t eq = text.find('=');
  std::string name = text.substr(0, eq);
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  *has_value = eq != std::string::npos;
  return {std::move(name), *has_value ? text.substr(eq + 1) : std::string()};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ParseStartupOptions(std::string_view options) {
  const std::vector<std::string> words = SplitWords(options);
  std::vector<std::pair<std::string, std::string>> settings;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.size() < 2 || word[0] != '-') {
      throw SqlError(SqlState::kProtocolViolation,
                     "invalid command-line argument for server process: " + word)
          .WithHint("Try \"postgres --help\" for more information.");
    }
    std::string setting;
    bool long_form = false;
    if (word[1] == '-') {
      long_form = true;
      setting = word.substr(2);
    } else if (word[1] == 'c') {
      if (word.size() > 2) {
        setting = word.substr(2);
      } else if (i + 1 < words.size()) {
        setting = words[++i];
      } else {
        throw SqlError(SqlState::kProtocolViolation,
                       "invalid command-line argument for server process: " + word)
            .WithHint("Try \"postgres --help\" for more information.");
      }
    } else {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "command-line switch \"" + word.substr(0, 2) +
                         "\" in the options startup parameter is not supported yet; use -c "
                         "name=value");
    }
    bool has_value = false;
    auto [name, value] = SplitSetting(setting, &has_value);
    if (!has_value) {
      throw SqlError(SqlState::kSyntaxError,
                     (long_form ? "--" : "-c ") + setting + " requires a value");
    }
    settings.emplace_back(std::move(name), std::move(value));
  }
  return settings;
}

}  // namespace strata::server
