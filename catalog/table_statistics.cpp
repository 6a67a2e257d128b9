// Encoding and storage of ANALYZE's statistics records (format in the header).
#include "catalog/table_statistics.h"

#include <bit>

#include "common/coding.h"

namespace strata::catalog {

namespace {

void PutDouble(std::string* out, double v) { PutFixed64(out, std::bit_cast<uint64_t>(v)); }

bool GetDouble(Slice* in, double* v) {
  uint64_t bits;
  if (!GetFixed64(in, &bits)) return false;
  *v = std::bit_cast<double>(bits);
  return true;
}

bool GetString(Slice* in, std::string* out) {
  Slice s;
  if (!GetLengthPrefixedSlice(in, &s)) return false;
  out->assign(s.data(), s.size());
  return true;
}

}  // namespace

std::string TableStatisticsKey(Oid table) {
  std::string key(1, static_cast<char>(kStatisticsKeyPrefix));
  PutBigEndian32(&key, table);
  return key;
}

std::string EncodeTableStatistics(const TableStatistics& stats) {
  std::string out(1, static_cast<char>(kStatisticsRecordVersion));
  PutDouble(&out, stats.reltuples);
  PutVarint64(&out, stats.sample_rows);
  PutVarint32(&out, static_cast<uint32_t>(stats.columns.size()));
  for (const ColumnStatistics& c : stats.columns) {
    PutVarint32(&out, static_cast<uint32_t>(c.attnum));
    PutDouble(&out, c.null_frac);
    PutVarint32(&out, static_cast<uint32_t>(c.avg_width));
    PutDouble(&out, c.n_distinct);
    PutVarint32(&out, static_cast<uint32_t>(c.most_common_vals.size()));
    for (size_t i = 0; i < c.most_common_vals.size(); ++i) {
      PutLengthPrefixedSlice(&out, c.most_common_vals[i]);
      PutDouble(&out, i < c.most_common_freqs.size() ? c.most_common_freqs[i] : 0.0);
    }
    PutVarint32(&out, static_cast<uint32_t>(c.histogram_bounds.size()));
    for (const std::string& b : c.histogram_bounds) PutLengthPrefixedSlice(&out, b);
    out.push_back(c.correlation ? 1 : 0);
    if (c.correlation) PutDouble(&out, *c.correlation);
  }
  return out;
}

std::optional<TableStatistics> DecodeTableStatistics(Oid table, std::string_view bytes) {
  Slice in(bytes.data(), bytes.size());
  if (in.empty()) return std::nullopt;
  const uint8_t version = static_cast<uint8_t>(in[0]);
  if (version != 1 && version != kStatisticsRecordVersion) return std::nullopt;
  in.remove_prefix(1);
  TableStatistics stats;
  stats.table = table;
  uint32_t ncolumns;
  if (!GetDouble(&in, &stats.reltuples) || !GetVarint64(&in, &stats.sample_rows) ||
      !GetVarint32(&in, &ncolumns)) {
    return std::nullopt;
  }
  for (uint32_t i = 0; i < ncolumns; ++i) {
    ColumnStatistics c;
    uint32_t attnum, width, nmcv, nhist;
    if (!GetVarint32(&in, &attnum) || !GetDouble(&in, &c.null_frac) ||
        !GetVarint32(&in, &width) || !GetDouble(&in, &c.n_distinct) || !GetVarint32(&in, &nmcv)) {
      return std::nullopt;
    }
    c.attnum = static_cast<int>(attnum);
    c.avg_width = static_cast<int32_t>(width);
    for (uint32_t j = 0; j < nmcv; ++j) {
      std::string v;
      double f;
      if (!GetString(&in, &v) || !GetDouble(&in, &f)) return std::nullopt;
      c.most_common_vals.push_back(std::move(v));
      c.most_common_freqs.push_back(f);
    }
    if (!GetVarint32(&in, &nhist)) return std::nullopt;
    for (uint32_t j = 0; j < nhist; ++j) {
      std::string b;
      if (!GetString(&in, &b)) return std::nullopt;
      c.histogram_bounds.push_back(std::move(b));
    }
    if (version >= 2) {
      if (in.empty()) return std::nullopt;
      const uint8_t has_correlation = static_cast<uint8_t>(in[0]);
      in.remove_prefix(1);
      if (has_correlation > 1) return std::nullopt;
      if (has_correlation == 1) {
        double corr;
        if (!GetDouble(&in, &corr)) return std::nullopt;
        c.correlation = corr;
      }
    }
    stats.columns.push_back(std::move(c));
  }
  if (!in.empty()) return std::nullopt;
  return stats;
}

void PutTableStatistics(txn::Transaction* txn, std::string_view scope,
                        const TableStatistics& stats) {
  txn->Put(storage::kDefaultTree, std::string(scope) + TableStatisticsKey(stats.table),
           EncodeTableStatistics(stats));
}

void DeleteTableStatistics(txn::Transaction* txn, std::string_view scope, Oid table) {
  txn->Delete(storage::kDefaultTree, std::string(scope) + TableStatisticsKey(table));
}

Result<std::optional<TableStatistics>> ReadTableStatistics(txn::Transaction* txn,
                                                           std::string_view scope, Oid table) {
  auto bytes = txn->Get(storage::kDefaultTree, std::string(scope) + TableStatisticsKey(table));
  if (!bytes.ok()) return bytes.status();
  if (!bytes.value().has_value()) return std::optional<TableStatistics>();
  auto stats = DecodeTableStatistics(table, *bytes.value());
  if (!stats) return Status::Corruption("bad statistics catalog record");
  return std::optional<TableStatistics>(std::move(*stats));
}

}  // namespace strata::catalog
