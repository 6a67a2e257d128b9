// Loading and reloading the hba file (see hba_store.h).
#include "server/hba_store.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "common/logging.h"

namespace strata::server {

std::string DefaultHbaPath(const std::string& data_directory) {
  return data_directory + "/stratad_hba.conf";
}

HbaStore::HbaStore(std::string path, bool is_default)
    : path_(std::move(path)), is_default_(is_default) {}

std::optional<HbaRules> HbaStore::Read(std::string* error) const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    *error = "could not open file \"" + path_ + "\": No such file or directory";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return HbaRules::Parse(text.str(), path_, error);
}

std::optional<std::string> HbaStore::LoadAtStartup() {
  struct stat st;
  if (is_default_ && ::stat(path_.c_str(), &st) != 0) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << DefaultHbaText();
    out.close();
    if (!out) return "could not write \"" + path_ + "\"";
    ::chmod(path_.c_str(), 0600);
    STRATA_LOG_INFO("wrote the default client authentication rules to \"{}\"", path_);
  }
  std::string error;
  std::optional<HbaRules> rules = Read(&error);
  if (!rules) return error + "\ncould not load pg_hba.conf";
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::make_shared<const HbaRules>(std::move(*rules));
  return std::nullopt;
}

void HbaStore::Reload() {
  std::string error;
  std::optional<HbaRules> rules = Read(&error);
  if (!rules) {
    STRATA_LOG_INFO("{}", error);
    STRATA_LOG_INFO("pg_hba.conf was not reloaded");
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::make_shared<const HbaRules>(std::move(*rules));
}

std::shared_ptr<const HbaRules> HbaStore::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

}  // namespace strata::server
