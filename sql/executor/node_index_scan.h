// IndexScan: a table's rows found through one secondary index -- the index
// entries in one or more key ranges (in index order, or in table-key order
// as a bitmap scan), each entry's row read
// from the table tree by its table key. Both reads go through the same
// transaction (snapshot + own writes), so an entry and its row agree; an
// entry whose row is gone is skipped, and the caller's Filter re-checks the
// whole WHERE, so the result equals a SeqScan's with the same Filter.
//
// EXPLAIN prints it as PostgreSQL's "Index Scan using <index> on <table>"
// ("Index Scan Backward using ..." when it reads the ranges from the end:
// ScanPlanInfo::backward).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/executor/plan_node.h"
#include "sql/executor/scan_plan_info.h"

namespace strata::sql {

class IndexScan final : public PlanNode {
 public:
  // [lower, upper) bounds on index entry keys; either side open when unset.
  using Range = std::pair<std::optional<std::string>, std::optional<std::string>>;

  // LIFETIME: `txn` and `codec` outlive the node.
  // `index_oid`: the index's pg_class OID, for the statistics views.
  IndexScan(txn::Transaction* txn, const TableCodec* codec, storage::TreeId index_tree,
            std::vector<Range> ranges, uint32_t index_oid = 0)
      : txn_(txn),
        codec_(codec),
        index_tree_(index_tree),
        ranges_(std::move(ranges)),
        table_oid_(codec->table().oid),
        index_oid_(index_oid) {}
  // Publishes what the scan counted (scan_counts.h).
  ~IndexScan() override;
  void Init() override;
  bool Next(Row* row) override;
  void Close() override { iter_.reset(); }
  std::vector<std::string> Describe(ExplainWriter& w) const override;
  // For EXPLAIN: the index's name and the table's alias in the query.
  void set_names(std::string index_name, std::string alias) {
    index_name_ = std::move(index_name);
    alias_ = std::move(alias);
  }
  // What EXPLAIN shows of the planner's choice (scan_plan_info.h). With
  // `bitmap` set the scan first collects every matching table key, sorts
  // them and then fetches the rows in table-key order (PostgreSQL's bitmap
  // heap scan: rows in the table's order, each table block read once).
  void set_plan_info(ScanPlanInfo info) { plan_info_ = std::move(info); }
  // Index-only: rows are built from each entry's key columns (table slots
  // `slots`, encoded as `columns`) without reading the table; the other
  // columns read as NULL, so the caller asks only when the statement reads
  // nothing else and every such column decodes exactly (KeyDecodeIsExact).
  void set_index_only(std::vector<int> slots, std::vector<KeyColumn> columns) {
    index_only_slots_ = std::move(slots);
    index_only_columns_ = std::move(columns);
  }
  // New ranges for the next Init() (a parameterized rescan).
  void SetRanges(std::vector<Range> ranges) { ranges_ = std::move(ranges); }
  // The table key of the row the last Next() returned.
  const std::string& current_key() const { return key_; }

 private:
  txn::Transaction* txn_;
  const TableCodec* codec_;
  storage::TreeId index_tree_;
  std::vector<Range> ranges_;
  size_t range_ = 0;  // the range iter_ walks
  std::unique_ptr<txn::TxnIterator> iter_;
  bool started_ = false;
  std::string key_;
  uint32_t table_oid_;
  uint32_t index_oid_;
  std::string index_name_;
  std::string alias_;
  ScanCounts counts_;
  ScanPlanInfo plan_info_;
  // Bitmap mode: the collected table keys and the next one to fetch.
  std::vector<std::string> bitmap_keys_;
  size_t bitmap_next_ = 0;
  bool bitmap_collected_ = false;
  std::vector<int> index_only_slots_;
  std::vector<KeyColumn> index_only_columns_;
  bool FetchRow(Row* row);
  void DecodeEntry(std::string_view key, Row* row) const;
};

}  // namespace strata::sql
