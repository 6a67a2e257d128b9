// The statistics file kept across a clean shutdown (see saved_statistics.h).
#include "sql/saved_statistics.h"

#include <atomic>
#include <vector>

#include "common/coding.h"
#include "common/hash.h"
#include "common/logging.h"
#include "sql/stat_counters.h"
#include "sql/table_stats.h"
#include "storage/io/file_system.h"

namespace strata::sql {

namespace {

constexpr char kMagic[] = "STRATSTA";  // 8 bytes, without the NUL
constexpr size_t kMagicSize = 8;
constexpr uint32_t kVersion = 1;

// The server counters in file order. Appending is a new version.
std::vector<std::atomic<uint64_t>*> ServerCounters() {
  StatCounters& c = GlobalStatCounters();
  std::vector<std::atomic<uint64_t>*> v = {&c.connections_total, &c.statements_total,
                                          &c.statement_errors_total};
  for (auto& b : c.latency_buckets) v.push_back(&b);
  for (auto* p : {&c.latency_micros_sum, &c.xact_commit, &c.xact_rollback, &c.rows_returned,
                  &c.rows_inserted, &c.rows_updated, &c.rows_deleted}) {
    v.push_back(p);
  }
  return v;
}

// The fields of one table's / index's counters in file order.
std::vector<int64_t*> Fields(TableStatCounts* t) {
  return {&t->seq_scan,         &t->seq_tup_read,     &t->tup_ins,         &t->tup_upd,
          &t->tup_del,          &t->live_tup,         &t->dead_tup,        &t->mod_since_analyze,
          &t->ins_since_vacuum, &t->blks_read,        &t->blks_hit,        &t->last_vacuum,
          &t->last_analyze,     &t->last_autoanalyze, &t->vacuum_count,    &t->analyze_count,
          &t->autoanalyze_count};
}
std::vector<int64_t*> Fields(IndexStatCounts* i) {
  return {&i->idx_scan, &i->idx_tup_read, &i->idx_tup_fetch, &i->blks_read, &i->blks_hit};
}

template <typename Counts>
void PutEntries(std::string* out, std::unordered_map<Oid, Counts>* entries) {
  PutFixed32(out, static_cast<uint32_t>(entries->size()));
  for (auto& [oid, counts] : *entries) {
    const std::vector<int64_t*> fields = Fields(&counts);
    PutFixed32(out, oid);
    PutFixed32(out, static_cast<uint32_t>(fields.size()));
    for (int64_t* f : fields) PutFixed64(out, static_cast<uint64_t>(*f));
  }
}

template <typename Counts>
bool GetEntries(Slice* in, std::unordered_map<Oid, Counts>* entries) {
  uint32_t n = 0;
  if (!GetFixed32(in, &n)) return false;
  for (uint32_t e = 0; e < n; ++e) {
    uint32_t oid = 0;
    uint32_t field_count = 0;
    if (!GetFixed32(in, &oid) || !GetFixed32(in, &field_count)) return false;
    Counts counts;
    const std::vector<int64_t*> fields = Fields(&counts);
    if (field_count != fields.size()) return false;
    for (int64_t* f : fields) {
      uint64_t v = 0;
      if (!GetFixed64(in, &v)) return false;
      *f = static_cast<int64_t>(v);
    }
    (*entries)[oid] = counts;
  }
  return true;
}

}  // namespace

std::string SavedStatisticsPath(const std::string& data_dir) {
  return data_dir + "/pg_stat/pgstat.stat";
}

std::string EncodeStatistics() {
  std::string out(kMagic, kMagicSize);
  PutFixed32(&out, kVersion);
  const std::vector<std::atomic<uint64_t>*> counters = ServerCounters();
  PutFixed32(&out, static_cast<uint32_t>(counters.size()));
  for (const auto* c : counters) PutFixed64(&out, c->load(std::memory_order_relaxed));
  TableStats::Contents contents = GlobalTableStats().Export();
  PutEntries(&out, &contents.tables);
  PutEntries(&out, &contents.indexes);
  PutFixed64(&out, XxHash64(out));
  return out;
}

Status DecodeStatistics(Slice data) {
  const auto corrupt = [] { return Status::Corruption("corrupted statistics file"); };
  if (data.size() < kMagicSize + 4 + 8) return corrupt();
  const Slice body(data.data(), data.size() - 8);
  if (DecodeFixed64(data.data() + body.size()) != XxHash64(body)) return corrupt();
  if (Slice(data.data(), kMagicSize) != Slice(kMagic, kMagicSize)) return corrupt();
  Slice in(body.data() + kMagicSize, body.size() - kMagicSize);
  uint32_t version = 0;
  if (!GetFixed32(&in, &version) || version != kVersion) return corrupt();

  const std::vector<std::atomic<uint64_t>*> counters = ServerCounters();
  uint32_t n = 0;
  if (!GetFixed32(&in, &n) || n != counters.size()) return corrupt();
  std::vector<uint64_t> values(n);
  for (uint64_t& v : values) {
    if (!GetFixed64(&in, &v)) return corrupt();
  }
  TableStats::Contents contents;
  if (!GetEntries(&in, &contents.tables) || !GetEntries(&in, &contents.indexes) || !in.empty())
    return corrupt();

  for (size_t i = 0; i < counters.size(); ++i)
    counters[i]->store(values[i], std::memory_order_relaxed);
  GlobalTableStats().Import(std::move(contents));
  return Status::OK();
}

Status SaveStatistics(const std::string& data_dir) {
  storage::FileSystem* fs = storage::DefaultFileSystem();
  STRATA_RETURN_IF_ERROR(fs->CreateDirIfMissing(data_dir + "/pg_stat"));
  return storage::WriteFileAtomically(fs, SavedStatisticsPath(data_dir), EncodeStatistics());
}

Result<bool> LoadStatistics(const std::string& data_dir) {
  storage::FileSystem* fs = storage::DefaultFileSystem();
  const std::string path = SavedStatisticsPath(data_dir);
  if (!fs->FileExists(path)) return false;
  Result<std::string> data = storage::ReadFileToString(fs, path);
  if (!data.ok()) return data.status();
  const Status decoded = DecodeStatistics(*data);
  if (!decoded.ok()) STRATA_LOG_WARNING("corrupted statistics file \"{}\"", path);
  // Deleted either way: after a crash the counters must start from zero,
  // not from this file (see the header).
  STRATA_RETURN_IF_ERROR(fs->DeleteFile(path));
  return decoded.ok();
}

}  // namespace strata::sql
