// BackupLabel encoding (see backup_label.h for the format).
#include "storage/backup/backup_label.h"

#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <sstream>

#include "common/hash.h"
#include "storage/io/path.h"

namespace strata::storage {

namespace {

std::string Hex16(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016" PRIx64, v);
  return buf;
}

bool ParseU64(const std::string& s, int base, uint64_t* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(s.c_str(), &end, base);
  if (errno != 0 || end == nullptr || *end != '\0') return false;
  *out = v;
  return true;
}

}  // namespace

std::string FormatBackupTime(int64_t unix_us) {
  const std::time_t secs = static_cast<std::time_t>(unix_us / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d.%06d+00", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(unix_us % 1000000));
  return buf;
}

std::string BackupLabel::Encode() const {
  std::ostringstream out;
  out << "strata_backup_label " << kBackupLabelFormat << "\n";
  out << "last_sequence " << last_sequence << "\n";
  out << "backup_time_us " << backup_time_us << "\n";
  out << "backup_time " << FormatBackupTime(backup_time_us) << "\n";
  out << "manifest " << manifest_name << "\n";
  out << "parent " << (parent.empty() ? "-" : parent) << "\n";
  for (const File& f : files) {
    out << "file " << f.name << " " << f.size << " " << Hex16(f.checksum) << " " << f.location
        << "\n";
  }
  std::string body = out.str();
  return body + "end " + Hex16(XxHash64(body)) + "\n";
}

Result<BackupLabel> BackupLabel::Decode(const std::string& text) {
  auto bad = [](const std::string& why) {
    return Status::Corruption("invalid backup label: " + why);
  };
  const size_t end_pos = text.rfind("end ");
  if (end_pos == std::string::npos || (end_pos != 0 && text[end_pos - 1] != '\n')) {
    return bad("no end line (truncated?)");
  }
  const std::string body = text.substr(0, end_pos);
  std::string end_hex = text.substr(end_pos + 4);
  while (!end_hex.empty() && (end_hex.back() == '\n' || end_hex.back() == '\r')) end_hex.pop_back();
  uint64_t checksum = 0;
  if (!ParseU64(end_hex, 16, &checksum) || checksum != XxHash64(body)) {
    return bad("checksum mismatch");
  }
  BackupLabel label;
  std::istringstream in(body);
  std::string line;
  bool saw_header = false;
  while (std::getline(in, line)) {
    const size_t sp = line.find(' ');
    const std::string key = line.substr(0, sp);
    const std::string value = sp == std::string::npos ? "" : line.substr(sp + 1);
    uint64_t n = 0;
    if (key == "strata_backup_label") {
      if (!ParseU64(value, 10, &n) || n != static_cast<uint64_t>(kBackupLabelFormat)) {
        return bad("unsupported format " + value);
      }
      saw_header = true;
    } else if (key == "last_sequence") {
      if (!ParseU64(value, 10, &n)) return bad(line);
      label.last_sequence = n;
    } else if (key == "backup_time_us") {
      if (!ParseU64(value, 10, &n)) return bad(line);
      label.backup_time_us = static_cast<int64_t>(n);
    } else if (key == "manifest") {
      label.manifest_name = value;
    } else if (key == "parent") {
      label.parent = value == "-" ? "" : value;
    } else if (key == "file") {
      std::istringstream fields(value);
      File f;
      std::string size, hex;
      fields >> f.name >> size >> hex;
      std::string location;
      std::getline(fields, location);
      if (!location.empty() && location[0] == ' ') location.erase(0, 1);
      if (f.name.empty() || location.empty() || !ParseU64(size, 10, &f.size) ||
          !ParseU64(hex, 16, &f.checksum) || f.name.find('/') != std::string::npos) {
        return bad(line);
      }
      f.location = location;
      label.files.push_back(std::move(f));
    }  // other keys: written by a newer stratactl, ignored
  }
  if (!saw_header) return bad("missing header");
  if (label.manifest_name.empty()) return bad("no manifest");
  return label;
}

std::string BackupLabel::FileDirectory(const std::string& backup_dir, const File& file) {
  return file.location == "." ? backup_dir : file.location;
}

Result<BackupLabel> ReadBackupLabel(FileSystem* fs, const std::string& backup_dir) {
  const std::string path = JoinPath(backup_dir, kBackupLabelFileName);
  if (!fs->FileExists(path)) {
    return Status::NotFound("\"" + backup_dir + "\" is not a StrataDB backup (no " +
                            kBackupLabelFileName + ")");
  }
  STRATA_ASSIGN_OR_RETURN(std::string text, ReadFileToString(fs, path));
  Result<BackupLabel> label = BackupLabel::Decode(text);
  if (!label.ok()) return Status::Corruption(path + ": " + label.status().message());
  return label;
}

Status WriteBackupLabel(FileSystem* fs, const std::string& backup_dir, const BackupLabel& label) {
  return WriteFileAtomically(fs, JoinPath(backup_dir, kBackupLabelFileName), label.Encode());
}

}  // namespace strata::storage
