// TableFileWriter: writes an SSTable durably under its final name.
//
// Protocol: the table is built in "<path>.tmp"; Commit() finishes the table,
// Sync()s and Close()s the file, renames it to <path> and syncs the
// directory, so a crash leaves either no file at <path> or a complete one.
// Destroying an uncommitted writer abandons the table and deletes the temp
// file. Engines that manage names themselves can use TableBuilder directly
// and follow the same steps.
//
// Thread safety: one thread per writer.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "storage/io/file_system.h"
#include "storage/sstable/table_builder.h"

namespace strata::storage {

class TableFileWriter {
 private:
  struct PrivateTag {};

 public:
  static Result<std::unique_ptr<TableFileWriter>> Create(FileSystem* fs, const std::string& path,
                                                         const TableOptions& options);

  TableFileWriter(PrivateTag, FileSystem* fs, std::string path, std::unique_ptr<WritableFile> file,
                  const TableOptions& options);
  TableFileWriter(const TableFileWriter&) = delete;
  TableFileWriter& operator=(const TableFileWriter&) = delete;
  ~TableFileWriter();

  // Add entries through the builder; do not call its Finish().
  TableBuilder* builder() { return builder_.get(); }

  // Finishes, syncs and publishes the table; returns its properties.
  Result<TableProperties> Commit();

 private:
  FileSystem* const fs_;
  const std::string path_;
  const std::string temp_path_;
  std::unique_ptr<WritableFile> file_;
  std::unique_ptr<TableBuilder> builder_;
  bool committed_ = false;
};

}  // namespace strata::storage
