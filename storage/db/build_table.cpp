// BuildTable: memtables -> one durable SSTable (see build_table.h).
#include "storage/db/build_table.h"

#include "storage/cache/table_cache.h"
#include "storage/compaction/new_table_meta.h"
#include "storage/merging_iterator.h"
#include "storage/sstable/table_file_writer.h"

namespace strata::storage {

Result<std::optional<FileMetaData>> BuildTable(
    FileSystem* fs, const std::string& dir, const TableOptions& options, uint64_t file_number,
    const std::vector<std::shared_ptr<MemTable>>& memtables) {
  bool any = false;
  for (const auto& m : memtables) any = any || !m->empty();
  if (!any) return std::optional<FileMetaData>();

  auto writer = TableFileWriter::Create(fs, TableFileName(dir, file_number), options);
  if (!writer.ok()) return writer.status();
  TableBuilder* builder = (*writer)->builder();

  std::vector<std::unique_ptr<Iterator>> children;
  for (const auto& m : memtables) {
    if (m->num_range_deletes() > 0) {
      auto it = m->NewRangeTombstoneIterator();
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        ParsedInternalKey t;
        if (!ParseInternalKey(it->key(), &t))
          return Status::Corruption("memtable: malformed range tombstone");
        STRATA_RETURN_IF_ERROR(builder->AddRangeDeletion(t.user_key, it->value(), t.sequence));
      }
    }
    children.push_back(m->NewIterator());
  }
  std::unique_ptr<Iterator> input = NewMergingIterator(std::move(children));
  for (input->SeekToFirst(); input->Valid(); input->Next()) {
    STRATA_RETURN_IF_ERROR(builder->Add(input->key(), input->value()));
  }
  STRATA_RETURN_IF_ERROR(input->status());
  if (builder->num_entries() == 0 && builder->num_range_deletions() == 0) {
    return std::optional<FileMetaData>();  // only empty ranges: the writer deletes its temp file
  }

  auto props = (*writer)->Commit();
  if (!props.ok()) return props.status();
  FileMetaData meta = NewTableMeta(file_number, builder->file_size(), *props);
  return std::optional<FileMetaData>(std::move(meta));
}

}  // namespace strata::storage
