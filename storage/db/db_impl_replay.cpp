// DBImpl::ReplayLoggedRecord: point-in-time restore's way of applying the
// records of archived WAL segments (storage/backup/point_in_time.h) to a
// restored engine, in log order, through the ordinary paths:
//   - a batch (count > 0) is written again as one new commit (Write), its
//     commit-time trailer left out; operations on trees this engine does
//     not have are left out, as recovery leaves out a dropped tree's
//     records (a write validated just before its tree was dropped; the
//     restore checks beforehand that every such tree was dropped);
//   - a logged tree creation creates the tree with its logged id, name and
//     options, so the catalog's references to tree ids stay right;
//   - a logged drop drops the tree (nothing when it is already gone: the
//     backup's manifest may have recorded the drop before the record);
//   - a logged ingestion ingests its rows again (IngestSortedRows), at the
//     same place among the commits.
// New sequence numbers are assigned as the records are applied; only the
// order matters, and it is the log's.
#include "storage/db/db_impl.h"
#include "storage/version/version_edit.h"

namespace strata::storage {

namespace {

// Splits a logged record into what ReplayLoggedRecord applies.
class ReplayCollector final : public WriteBatch::Handler {
 public:
  explicit ReplayCollector(const std::function<bool(TreeId)>& known) : known_(known) {}

  Status Put(SequenceNumber, uint32_t tree, Slice key, Slice value) override {
    if (known_(tree)) batch.Put(tree, key, value);
    return Status::OK();
  }
  Status Delete(SequenceNumber, uint32_t tree, Slice key) override {
    if (known_(tree)) batch.Delete(tree, key);
    return Status::OK();
  }
  Status DeleteRange(SequenceNumber, uint32_t tree, Slice begin, Slice end) override {
    if (known_(tree)) batch.DeleteRange(tree, begin, end);
    return Status::OK();
  }
  Status TreeEdit(Slice edit) override {
    tree_edits.emplace_back(edit);
    return Status::OK();
  }
  Status IngestedRows(uint32_t tree, uint32_t count, Slice rows) override {
    ingest_tree = tree;
    ingest_count = count;
    ingest_rows.assign(rows.data(), rows.size());
    has_ingest = true;
    return Status::OK();
  }

  WriteBatch batch;
  std::vector<std::string> tree_edits;
  bool has_ingest = false;
  uint32_t ingest_tree = 0;
  uint32_t ingest_count = 0;
  std::string ingest_rows;

 private:
  const std::function<bool(TreeId)>& known_;
};

}  // namespace

Status DBImpl::ReplayLoggedRecord(Slice record) {
  WriteBatch logged;
  STRATA_RETURN_IF_ERROR(logged.SetData(record));
  const std::function<bool(TreeId)> known = [this](TreeId id) {
    return FindTreeData(id) != nullptr;
  };
  ReplayCollector c(known);
  STRATA_RETURN_IF_ERROR(logged.Iterate(&c));

  if (logged.Count() > 0) {
    if (c.batch.Count() == 0) return Status::OK();  // only dropped trees' writes
    WriteOptions options;
    options.sync = false;  // the restore flushes everything at its end
    return Write(options, &c.batch);
  }
  for (const std::string& encoded : c.tree_edits) {
    STRATA_ASSIGN_OR_RETURN(VersionEdit edit, VersionEdit::Decode(encoded));
    for (const VersionEdit::TreeCreation& t : edit.created_trees()) {
      Result<TreeId> created = CreateTreeWithOptions(t.name, t.options, t.tree_id);
      if (!created.ok()) return created.status();
    }
    for (uint32_t id : edit.dropped_trees()) {
      if (FindTreeData(id) == nullptr) continue;
      STRATA_RETURN_IF_ERROR(DropTree(id));
    }
  }
  if (c.has_ingest) {
    if (FindTreeData(c.ingest_tree) == nullptr) return Status::OK();  // a dropped tree's
    std::vector<std::pair<std::string, std::string>> rows;
    STRATA_RETURN_IF_ERROR(WriteBatch::DecodeIngestedRows(c.ingest_rows, c.ingest_count, &rows));
    return IngestSortedRows(c.ingest_tree, rows);
  }
  return Status::OK();
}

}  // namespace strata::storage
