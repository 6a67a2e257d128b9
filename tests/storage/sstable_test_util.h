// Test helpers for the sstable/cache tests: an in-memory WritableFile sink,
// a RandomAccessFile over a string that counts reads, key generators and a
// reference model of internal-key order.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "storage/dbformat.h"
#include "storage/io/file_system.h"
#include "storage/sstable/table_builder.h"
#include "storage/sstable/table_reader.h"

namespace strata::storage::testing {

// Appends into a caller-owned string.
class StringSink final : public WritableFile {
 public:
  explicit StringSink(std::string* dst) : dst_(dst) {}
  Status Append(Slice data) override {
    dst_->append(data.data(), data.size());
    return Status::OK();
  }
  Status Flush() override { return Status::OK(); }
  Status Sync() override { return Status::OK(); }
  Status Close() override { return Status::OK(); }
  uint64_t Size() const override { return dst_->size(); }

 private:
  std::string* dst_;
};

// Reads from a string it shares with the test; counts calls so tests can see
// readahead batching and cache hits.
class StringSource final : public RandomAccessFile {
 public:
  explicit StringSource(std::shared_ptr<const std::string> data) : data_(std::move(data)) {}
  Status Read(uint64_t offset, size_t n, Slice* result, char* scratch) const override {
    reads_.fetch_add(1);
    return ReadUncounted(offset, n, result, scratch);
  }
  Status MultiRead(std::vector<ReadRequest>* requests) const override {
    multi_reads_.fetch_add(1);
    multi_read_requests_.fetch_add(requests->size());
    for (auto& r : *requests) r.status = ReadUncounted(r.offset, r.length, &r.result, r.scratch);
    return Status::OK();
  }
  uint64_t Size() const override { return data_->size(); }

  // Single reads (Read), batches (MultiRead) and requests in batches.
  uint64_t reads() const { return reads_.load(); }
  uint64_t multi_reads() const { return multi_reads_.load(); }
  uint64_t multi_read_requests() const { return multi_read_requests_.load(); }

 private:
  Status ReadUncounted(uint64_t offset, size_t n, Slice* result, char* scratch) const {
    if (offset > data_->size()) {
      *result = Slice();
      return Status::OK();
    }
    n = std::min<size_t>(n, data_->size() - offset);
    std::memcpy(scratch, data_->data() + offset, n);
    *result = Slice(scratch, n);
    return Status::OK();
  }

  std::shared_ptr<const std::string> data_;
  mutable std::atomic<uint64_t> reads_{0};
  mutable std::atomic<uint64_t> multi_reads_{0};
  mutable std::atomic<uint64_t> multi_read_requests_{0};
};

struct InternalKeyLess {
  bool operator()(const std::string& a, const std::string& b) const {
    return CompareInternalKeys(a, b) < 0;
  }
};
using InternalMap = std::map<std::string, std::string, InternalKeyLess>;

inline std::string UserKey(int i, int width = 8) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "key%0*d", width, i);
  return buf;
}

inline std::string RandomBytes(std::mt19937_64* rng, size_t n) {
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>((*rng)() & 0xff);
  return s;
}

// Builds a table from the model (and tombstones) into a string.
inline std::string BuildTable(const TableOptions& options, const InternalMap& entries,
                              const std::vector<TableRangeTombstone>& tombstones = {},
                              TableProperties* props_out = nullptr) {
  std::string file;
  StringSink sink(&file);
  TableBuilder builder(options, &sink);
  for (const auto& [k, v] : entries) {
    if (!builder.Add(k, v).ok()) return {};
  }
  for (const auto& t : tombstones) {
    if (!builder.AddRangeDeletion(t.start, t.end, t.seq).ok()) return {};
  }
  auto props = builder.Finish();
  if (!props.ok()) return {};
  if (props_out != nullptr) *props_out = *props;
  return file;
}

struct OpenedTable {
  std::shared_ptr<const std::string> bytes;
  StringSource* source = nullptr;  // owned by reader
  std::shared_ptr<TableReader> reader;
};

inline Result<OpenedTable> OpenTable(std::string bytes, uint64_t file_number = 7,
                                     BlockCache* cache = nullptr,
                                     const TableReaderOptions& options = {}) {
  OpenedTable t;
  t.bytes = std::make_shared<const std::string>(std::move(bytes));
  auto source = std::make_unique<StringSource>(t.bytes);
  t.source = source.get();
  auto reader = TableReader::Open(options, std::move(source), t.bytes->size(), file_number, cache);
  if (!reader.ok()) return reader.status();
  t.reader = std::move(reader).value();
  return t;
}

}  // namespace strata::storage::testing
