// COPY ... FROM: one COPY's state between CopyData messages. It owns the
// COPY's single transaction: every row is parsed, converted (the column
// types' input functions with their typmods), given its defaults, checked
// and written into the transaction as its line arrives, so the data is held
// only once (in the write set); Finish() commits once. An error rolls back
// and carries PostgreSQL's CONTEXT ("COPY t, line 3, column b: \"x\"").
//
// Bulk path: when the table is empty in the COPY's snapshot (no existing row
// can clash, so the per-row lookup is moot), rows are kept encoded in a
// CopyBulkRows instead of the write set (duplicates in the input still fail
// at their line) and, if there are at least kBulkMinRows of them, committed
// as one ingested SSTable (txn::Transaction::CommitIngest), skipping the
// write set, the WAL and the memtable. Fewer rows go through the write set as
// usual. A key committed concurrently by another session fails the commit
// with the same 23505 as on the ordinary path.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/copy_statement.h"
#include "sql/commands/copy_bulk_rows.h"
#include "sql/commands/table_triggers.h"
#include "sql/commands/command_context.h"
#include "sql/commands/partition_routing.h"
#include "sql/commands/table_rows.h"
#include "sql/copy/copy_options.h"
#include "sql/copy/copy_reader.h"
#include "sql/statement_output.h"

namespace strata::sql {

class CopyFrom {
 public:
  // Begins the transaction, resolves the table and column list, validates
  // the options. Throws SqlError. LIFETIME: `db` outlives the CopyFrom.
  // Inside a transaction block `block` gives the block's transaction and
  // catalog: the rows go into that transaction and Finish() does not commit.
  CopyFrom(Database* db, std::string query, const ast::CopyStatement& stmt,
           const CommandContext* block = nullptr);
  ~CopyFrom();  // rolls back unless Finish() committed
  CopyFrom(const CopyFrom&) = delete;
  CopyFrom& operator=(const CopyFrom&) = delete;

  size_t column_count() const { return slots_.size(); }
  // More input. Throws SqlError (with CONTEXT); the COPY is then dead.
  void Feed(std::string_view data);
  // End of input: the last line, then one commit. Returns "COPY n".
  StatementOutput Finish();

 private:
  void ProcessLine(const std::string& line);
  // The bulk path's insert: encode, catch a duplicate within the input.
  void AddBulkRow(Row row);
  // The bulk path's commit (or the write set's, for a few rows).
  void CommitBulk();
  [[noreturn]] void RethrowWithContext(SqlError e, const std::string& context);
  std::string LineContext(const std::string& line) const;

  std::string query_;
  std::unique_ptr<txn::Transaction> txn_;  // own transaction (null inside a block)
  std::vector<SqlErrorFields> notices_;
  CommandContext ctx_;
  const catalog::TableDesc* table_ = nullptr;
  std::unique_ptr<TableWriter> writer_;
  std::unique_ptr<TableTriggers> triggers_;  // the table's INSERT triggers
  std::unique_ptr<PartitionedInsert> partitioned_;  // a partitioned table's routing
  CopyOptions options_;
  std::unique_ptr<CopyLineReader> reader_;
  std::vector<size_t> slots_;          // table slot of each input field
  std::vector<bool> force_not_null_;   // per input field
  std::vector<bool> force_null_;       // per input field
  std::vector<bool> set_;              // scratch: slots given by the input
  std::vector<CopyField> fields_;      // scratch
  uint64_t line_number_ = 0;
  uint64_t rows_ = 0;
  bool committed_ = false;
  bool bulk_ = false;  // rows go to bulk_rows_ (see the file comment)
  CopyBulkRows bulk_rows_;
};

// Fewer rows than this are not worth a table file of their own.
inline constexpr size_t kBulkMinRows = 1000;

// Commits a table statement's transaction (no retries): turns a lost
// primary-key race into the table's 23505 and a write conflict into 40001.
void CommitStatementTransaction(CommandContext& ctx);
// The SqlError for a failed commit or conflict check `s` of ctx.txn.
[[noreturn]] void ThrowCommitError(CommandContext& ctx, const Status& s);

// COPY ... TO: the formatted lines of a table or query result (its rows
// already computed in `rows`), one per row, header first if asked.
std::vector<std::string> FormatCopyOut(const CopyOptions& options,
                                       const std::vector<ResultColumn>& columns,
                                       const std::vector<Row>& rows,
                                       const std::vector<bool>& force_quote);

}  // namespace strata::sql
