// stratactl inspect (see inspect.h).
#include "tools/stratactl/inspect.h"

#include <fmt/format.h>

#include <cstdio>

#include "storage/backup/backup_label.h"
#include "storage/dbformat.h"
#include "storage/io/file_system.h"
#include "storage/sstable/table_reader.h"
#include "storage/version/version_edit.h"
#include "storage/wal/log_reader.h"
#include "storage/write_batch.h"

namespace strata::tools {

namespace {

using storage::DefaultFileSystem;

class PrintHandler : public storage::WriteBatch::Handler {
 public:
  Status Put(storage::SequenceNumber seq, uint32_t tree, Slice key, Slice value) override {
    std::printf("  @%llu PUT tree=%u %s => %s\n", static_cast<unsigned long long>(seq), tree,
                EscapeBytes(key).c_str(), EscapeBytes(value).c_str());
    return Status::OK();
  }
  Status Delete(storage::SequenceNumber seq, uint32_t tree, Slice key) override {
    std::printf("  @%llu DEL tree=%u %s\n", static_cast<unsigned long long>(seq), tree,
                EscapeBytes(key).c_str());
    return Status::OK();
  }
  Status DeleteRange(storage::SequenceNumber seq, uint32_t tree, Slice begin, Slice end) override {
    std::printf("  @%llu DELRANGE tree=%u [%s, %s)\n", static_cast<unsigned long long>(seq), tree,
                EscapeBytes(begin).c_str(), EscapeBytes(end).c_str());
    return Status::OK();
  }
  Status CommitTime(int64_t unix_us) override {
    std::printf("  commit time %s\n", storage::FormatBackupTime(unix_us).c_str());
    return Status::OK();
  }
  Status TreeEdit(Slice encoded) override {
    auto edit = storage::VersionEdit::Decode(encoded);
    if (!edit.ok()) return edit.status();
    std::printf("  logged tree edit: %s\n", edit.value().DebugString().c_str());
    return Status::OK();
  }
  Status IngestedRows(uint32_t tree, uint32_t count, Slice) override {
    std::printf("  logged ingestion: tree=%u, %u row(s)\n", tree, count);
    return Status::OK();
  }
};

int Fail(const std::string& message) {
  std::fprintf(stderr, "stratactl: %s\n", message.c_str());
  return 1;
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

int InspectLog(const std::string& path, bool manifest) {
  auto file = DefaultFileSystem()->NewSequentialFile(path);
  if (!file.ok()) return Fail(file.status().ToString());
  storage::wal::LogReader reader(std::move(file.value()), BaseName(path));
  Slice record;
  std::string scratch;
  uint64_t records = 0;
  while (reader.ReadRecord(&record, &scratch)) {
    ++records;
    const unsigned long long offset = reader.last_record_offset();
    if (manifest) {
      auto edit = storage::VersionEdit::Decode(record);
      if (!edit.ok()) return Fail(fmt::format("offset {}: {}", offset, edit.status().ToString()));
      std::printf("edit at offset %llu:\n%s\n", offset, edit.value().DebugString().c_str());
      continue;
    }
    storage::WriteBatch batch;
    Status s = batch.SetData(record);
    if (!s.ok()) return Fail(fmt::format("offset {}: {}", offset, s.ToString()));
    std::printf("record at offset %llu: sequence %llu, %u operation(s), %zu bytes\n", offset,
                static_cast<unsigned long long>(batch.Sequence()), batch.Count(), record.size());
    PrintHandler handler;
    s = batch.Iterate(&handler);
    if (!s.ok()) return Fail(fmt::format("offset {}: {}", offset, s.ToString()));
  }
  if (!reader.status().ok()) return Fail(reader.status().ToString());
  std::printf("%llu record(s), log number %llu, format version %u%s\n",
              static_cast<unsigned long long>(records),
              static_cast<unsigned long long>(reader.log_number()), reader.format_version(),
              reader.torn_tail() ? ", torn tail" : "");
  return 0;
}

int InspectTable(const std::string& path) {
  auto size = DefaultFileSystem()->GetFileSize(path);
  if (!size.ok()) return Fail(size.status().ToString());
  auto file = DefaultFileSystem()->NewRandomAccessFile(path);
  if (!file.ok()) return Fail(file.status().ToString());
  uint64_t number = 0;
  for (char c : BaseName(path)) {
    if (c < '0' || c > '9') break;
    number = number * 10 + static_cast<uint64_t>(c - '0');
  }
  auto table = storage::TableReader::Open(storage::TableReaderOptions{}, std::move(file.value()),
                                          size.value(), number, nullptr);
  if (!table.ok()) return Fail(table.status().ToString());
  std::printf("%s: %llu bytes\nproperties: %s\n", BaseName(path).c_str(),
              static_cast<unsigned long long>(size.value()),
              table.value()->properties().ToString().c_str());
  storage::TableReadOptions read;
  read.fill_cache = false;
  auto it = table.value()->NewIterator(read);
  uint64_t entries = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    storage::ParsedInternalKey key;
    if (!storage::ParseInternalKey(it->key(), &key)) return Fail("malformed internal key");
    const char* type = key.type == storage::ValueType::kValue      ? "PUT"
                       : key.type == storage::ValueType::kDeletion ? "DEL"
                                                                   : "RANGE";
    std::printf("%s @%llu %s", EscapeBytes(key.user_key).c_str(),
                static_cast<unsigned long long>(key.sequence), type);
    if (key.type == storage::ValueType::kValue) {
      std::printf(" => %s", EscapeBytes(it->value()).c_str());
    }
    std::printf("\n");
    ++entries;
  }
  if (!it->status().ok()) return Fail(it->status().ToString());
  auto tombstones = table.value()->NewRangeTombstoneIterator();
  uint64_t ranges = 0;
  for (tombstones->SeekToFirst(); tombstones->Valid(); tombstones->Next()) {
    storage::ParsedInternalKey key;
    if (!storage::ParseInternalKey(tombstones->key(), &key)) return Fail("malformed tombstone");
    std::printf("DELRANGE [%s, %s) @%llu\n", EscapeBytes(key.user_key).c_str(),
                EscapeBytes(tombstones->value()).c_str(),
                static_cast<unsigned long long>(key.sequence));
    ++ranges;
  }
  if (!tombstones->status().ok()) return Fail(tombstones->status().ToString());
  std::printf("%llu entries, %llu range tombstone(s)\n", static_cast<unsigned long long>(entries),
              static_cast<unsigned long long>(ranges));
  return 0;
}

}  // namespace

std::string EscapeBytes(std::string_view bytes, size_t limit) {
  std::string out;
  const size_t n = std::min(bytes.size(), limit);
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  if (bytes.size() > limit) out += "...";
  return out;
}

int InspectFile(const std::string& kind, const std::string& path) {
  if (kind == "wal") return InspectLog(path, false);
  if (kind == "manifest") return InspectLog(path, true);
  if (kind == "sst") return InspectTable(path);
  return Fail("inspect: unknown file kind \"" + kind + "\" (wal, sst or manifest)");
}

}  // namespace strata::tools
