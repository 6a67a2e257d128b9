// Helpers shared by the WAL tests: write records to a log file and read them
// back with a chosen recovery mode.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "storage/io/file_system.h"
#include "storage/wal/log_reader.h"
#include "storage/wal/log_writer.h"

namespace strata::storage::testing {

struct LogContents {
  std::vector<std::string> records;
  std::vector<uint64_t> offsets;  // last_record_offset() of each
  Status status;
  bool torn_tail = false;
  uint64_t dropped_bytes = 0;
  uint64_t log_number = 0;
};

inline LogContents ReadLog(FileSystem* fs, const std::string& path,
                           wal::RecoveryMode mode = wal::RecoveryMode::kTolerateTornTail) {
  auto file = fs->NewSequentialFile(path);
  REQUIRE(file.ok());
  wal::LogReader::Options options;
  options.mode = mode;
  wal::LogReader reader(std::move(file).value(), path, options);
  LogContents out;
  Slice record;
  std::string scratch;
  while (reader.ReadRecord(&record, &scratch)) {
    out.records.emplace_back(record);
    out.offsets.push_back(reader.last_record_offset());
  }
  out.status = reader.status();
  out.torn_tail = reader.torn_tail();
  out.dropped_bytes = reader.dropped_bytes();
  out.log_number = reader.log_number();
  return out;
}

// Writes the records; returns the file size before each record was added.
inline std::vector<uint64_t> WriteLog(FileSystem* fs, const std::string& path,
                                      const std::vector<std::string>& records,
                                      uint64_t log_number = 7) {
  auto file = fs->NewWritableFile(path);
  REQUIRE(file.ok());
  wal::LogWriter writer(std::move(file).value(), log_number);
  std::vector<uint64_t> starts;
  for (const auto& r : records) {
    starts.push_back(writer.FileSize());
    REQUIRE(writer.AddRecord(r).ok());
  }
  REQUIRE(writer.Sync().ok());
  REQUIRE(writer.Close().ok());
  return starts;
}

}  // namespace strata::storage::testing
