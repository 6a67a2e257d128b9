// COPY ... FROM (see copy_from.h) and the COPY TO line formatting.
#include "sql/commands/relation_locks.h"
#include "sql/commands/copy_from.h"

#include <algorithm>

#include "sql/commands/column_privileges.h"
#include "sql/commands/deferred_constraints.h"
#include "sql/copy/copy_writer.h"
#include "sql/function_notices.h"
#include "sql/storage_format/key_codec.h"
#include "sql/expr/cast_functions.h"
#include "sql/sequences/sequence_session.h"
#include "sql/settings/session_settings.h"
#include "sql/types/type_io.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

namespace {

// PostgreSQL's limit_printout_length: at most 100 bytes of a line or value in
// a CONTEXT, cut at a UTF-8 character boundary, then "...".
std::string LimitPrintout(std::string_view s) {
  constexpr size_t kMax = 100;
  if (s.size() <= kMax) return std::string(s);
  size_t n = kMax;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "...";
}

// Column names of a COPY's list: each must exist and appear once.
std::vector<size_t> ResolveColumns(const catalog::TableDesc& table,
                                   const std::vector<ast::TargetColumn>& columns) {
  std::vector<size_t> slots;
  if (columns.empty()) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (!table.columns[i].dropped) slots.push_back(i);
    }
    return slots;
  }
  for (const ast::TargetColumn& c : columns) {
    const int slot = table.FindColumn(c.name);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn, "column \"" + c.name + "\" of relation \"" +
                                                     table.name + "\" does not exist");
    }
    if (std::find(slots.begin(), slots.end(), static_cast<size_t>(slot)) != slots.end()) {
      throw SqlError(SqlState::kDuplicateColumn, "column \"" + c.name + "\" specified more than once");
    }
    slots.push_back(static_cast<size_t>(slot));
  }
  return slots;
}

// Per input field: is the column named in `names` (FORCE_NOT_NULL etc.)?
std::vector<bool> ColumnFlags(const catalog::TableDesc& table, const std::vector<size_t>& slots,
                              const std::vector<std::string>& names, const char* option) {
  std::vector<bool> flags(slots.size(), false);
  for (const std::string& name : names) {
    const int slot = table.FindColumn(name);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn,
                     "column \"" + name + "\" of relation \"" + table.name + "\" does not exist");
    }
    auto it = std::find(slots.begin(), slots.end(), static_cast<size_t>(slot));
    if (it == slots.end()) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     std::string(option) + " column \"" + name + "\" not referenced by COPY");
    }
    flags[static_cast<size_t>(it - slots.begin())] = true;
  }
  return flags;
}

}  // namespace

void CommitStatementTransaction(CommandContext& ctx) {
  SyncNextvalLog();
  if (!ctx.txn->has_writes()) {
    // Rows a SELECT ... FOR UPDATE locked after a wait may have changed
    // since its snapshot: a conflict (READ COMMITTED re-runs the statement).
    Status checked = ctx.txn->CheckConflictsSince(txn::Transaction::Savepoint{});
    if (checked.ok()) {
      checked = ctx.txn->CommitWithoutWrites();  // SERIALIZABLE: its reads count
    } else {
      ctx.txn->Rollback();
    }
    if (!checked.ok()) ThrowCommitError(ctx, checked);
    return;
  }
  Status s = ctx.txn->Commit();
  if (s.ok()) return;
  ThrowCommitError(ctx, s);
}

void ThrowCommitError(CommandContext& ctx, const Status& s) {
  if (ctx.txn->serialization_failure()) {
    throw SqlError(SqlState::kTRSerializationFailure,
                   "could not serialize access due to read/write dependencies among transactions")
        .WithDetail("Reason code: Canceled on identification as a pivot, during commit attempt.")
        .WithHint("The transaction might succeed if retried.");
  }
  if (ctx.txn->write_conflict()) {
    throw SqlError(SqlState::kTRSerializationFailure,
                   ctx.txn->conflict_was_delete()
                       ? "could not serialize access due to concurrent delete"
                       : "could not serialize access due to concurrent update");
  }
  if (ctx.txn->unique_violation().has_value()) {
    const auto& v = *ctx.txn->unique_violation();
    const catalog::TableDesc* table = ctx.catalog->FindTableByTree(v.tree);
    if (table != nullptr) throw TableWriter(ctx, *table).DuplicateKeyError(v.key);
    const catalog::CatalogSnapshot::IndexRef index = ctx.catalog->FindIndexByTree(v.tree);
    if (index.index != nullptr) throw IndexDuplicateKeyError(ctx, *index.table, *index.index, v.key);
  }
  ThrowStatus(s);
}

CopyFrom::CopyFrom(Database* db, std::string query, const ast::CopyStatement& stmt,
                   const CommandContext* block)
    : query_(std::move(query)) {
  if (block != nullptr) {
    ctx_.db = block->db;
    ctx_.txn = block->txn;
    ctx_.catalog = block->catalog;
  } else {
    txn_ = db->txns()->Begin();
    // A huge COPY spills its write set (txn/README.md, "Huge transactions").
    if (const SessionSettings* settings = CurrentSessionSettingsOrNull()) {
      txn_->set_spill_threshold(
          static_cast<size_t>(settings->IntValue("transaction_spill_threshold")) * 1024);
    }
    ctx_.db = db;
    ctx_.txn = txn_.get();
    ctx_.catalog = db->catalog()->Current();
  }
  ctx_.query = query_;
  ctx_.notices = &notices_;
  // PostgreSQL opens COPY's relation without a parse state: its errors carry
  // no position, unlike the options' errors below.
  ast::RangeVar relation = stmt.table;
  relation.location = -1;
  table_ = &LookupTable(ctx_, relation);
  // INSERT on the table or on every column copied into.
  CheckColumnsPrivilege(*ctx_.catalog, table_->oid, table_->owner, 'r', table_->name,
                        catalog::kAclInsert, CopiedColumns(*table_, stmt.columns));
  LockRelation(ctx_, table_->oid, table_->name, txn::RelationLockMode::kRowExclusive);
  options_ = ProcessCopyOptions(stmt.options, true,
                                [&](int location) { return ctx_.Position(location); });
  slots_ = ResolveColumns(*table_, stmt.columns);
  force_not_null_ = ColumnFlags(*table_, slots_, options_.force_not_null, "FORCE_NOT_NULL");
  force_null_ = ColumnFlags(*table_, slots_, options_.force_null, "FORCE_NULL");
  writer_ = std::make_unique<TableWriter>(ctx_, *table_);
  triggers_ = std::make_unique<TableTriggers>(ctx_, *table_, catalog::kTriggerTypeInsert);
  reader_ = std::make_unique<CopyLineReader>(options_);
  set_.assign(table_->columns.size(), false);
  // The bulk path needs a COPY that is its own transaction (not in a
  // block) into a table with no row in our snapshot and no secondary index
  // (whose entries go through the write set with the rows).
  // Foreign keys are checked per row through the writer's events.
  // Rows with triggers go through the writer too, one by one.
  if (table_->partition_key) partitioned_ = std::make_unique<PartitionedInsert>(ctx_, *table_);
  if (txn_ != nullptr && table_->indexes.empty() && table_->foreign_keys.empty() &&
      table_->triggers.empty() && !table_->partition_key) {
    auto it = txn_->NewIterator(table_->tree);
    it->SeekToFirst();
    bulk_ = !it->Valid() && it->status().ok() && !txn_->has_writes();
  }
  triggers_->BeforeStatement();
}

void CopyFrom::AddBulkRow(Row row) {
  const TableCodec& codec = writer_->codec();
  std::string key;
  if (codec.has_primary_key()) {
    key = codec.EncodeKey(row);
  } else {
    auto id = ctx_.db->NextRowId(table_->tree);
    if (!id.ok()) ThrowStatus(id.status());
    AppendRowIdKey(id.value(), &key);
  }
  std::string value = codec.EncodeValue(row);
  if (!bulk_rows_.Add(key, std::move(value))) throw writer_->DuplicateKeyError(key);
}

void CopyFrom::CommitBulk() {
  std::vector<std::pair<std::string, std::string>> rows = bulk_rows_.TakeSorted();
  TxnTableCounts counted;
  counted.inserted = static_cast<int64_t>(rows.size());
  CountTableWrites(txn_.get(), table_->oid, counted);
  // (Other writes, e.g. of a default's side effects, need the write set too.)
  if (rows.size() < kBulkMinRows || txn_->has_writes()) {
    // Each key is new in our (empty) snapshot; PutNew re-checks at commit.
    const bool unique = writer_->codec().has_primary_key();
    for (auto& [key, value] : rows) {
      if (unique) {
        txn_->PutNew(table_->tree, std::move(key), std::move(value));
      } else {
        txn_->Put(table_->tree, std::move(key), std::move(value));
      }
    }
    CommitStatementTransaction(ctx_);
    return;
  }
  SyncNextvalLog();  // (an ingest does not sync the WAL)
  Status s = txn_->CommitIngest(table_->tree, rows);
  if (s.ok()) return;
  if (txn_->unique_violation().has_value()) {
    throw writer_->DuplicateKeyError(txn_->unique_violation()->key);
  }
  ThrowStatus(s);
}

CopyFrom::~CopyFrom() {
  // The rows counted so far belong to the transaction we may roll back.
  if (writer_) {
    try {
      writer_->PublishCounts();
    } catch (...) {  // NOLINT: statistics never fail a statement
    }
  }
  if (!committed_ && txn_) txn_->Rollback();
}

std::string CopyFrom::LineContext(const std::string& line) const {
  return "COPY " + table_->name + ", line " + std::to_string(line_number_) + ": \"" +
         LimitPrintout(line) + "\"";
}

void CopyFrom::RethrowWithContext(SqlError e, const std::string& context) {
  SqlErrorFields& f = e.mutable_fields();
  f.context = f.context.empty() ? context : f.context + "\n" + context;
  throw e;
}

void CopyFrom::Feed(std::string_view data) {
  // Trigger functions' RAISE NOTICEs go with COPY's own notices.
  ScopedFunctionNotices notice_scope(&notices_);
  reader_->Append(data);
  std::string line;
  while (true) {
    try {
      if (!reader_->NextLine(&line, false)) break;
    } catch (const SqlError& e) {
      RethrowWithContext(e, "COPY " + table_->name + ", line " + std::to_string(line_number_ + 1));
    }
    ProcessLine(line);
  }
}

StatementOutput CopyFrom::Finish() {
  ScopedFunctionNotices notice_scope(&notices_);
  std::string line;
  while (true) {
    try {
      if (!reader_->NextLine(&line, true)) break;
    } catch (const SqlError& e) {
      RethrowWithContext(e, "COPY " + table_->name + ", line " + std::to_string(line_number_ + 1));
    }
    ProcessLine(line);
  }
  writer_->FireForeignKeys();
  if (partitioned_) partitioned_->Finish();
  triggers_->FireQueuedRows();
  triggers_->AfterStatement();
  if (txn_) {
    // Our own transaction: its deferred foreign-key checks run before it
    // commits (in a block they wait for COMMIT).
    if (DeferredConstraints* deferred = CurrentDeferredConstraints()) {
      try {
        deferred->Fire(ctx_, /*all=*/true);
      } catch (...) {
        deferred->Clear();
        throw;
      }
    }
  }
  writer_->PublishCounts();  // before our commit ends the transaction
  if (bulk_) {
    CommitBulk();
  } else if (txn_) {
    CommitStatementTransaction(ctx_);
  }  // else the block commits
  committed_ = true;
  StatementOutput out;
  out.command_tag = "COPY " + std::to_string(rows_);
  out.notices = std::move(notices_);
  return out;
}

void CopyFrom::ProcessLine(const std::string& line) {
  ++line_number_;
  try {
    if (options_.csv) {
      SplitCsvFields(options_, line, &fields_);
    } else {
      SplitTextFields(options_, line, &fields_);
    }
  } catch (const SqlError& e) {
    RethrowWithContext(e, LineContext(line));
  }
  if (line_number_ == 1 && options_.header) {
    if (options_.header_match) {
      if (fields_.size() != slots_.size()) {
        RethrowWithContext(SqlError(SqlState::kBadCopyFileFormat,
                                    "wrong number of fields in header line: got " +
                                        std::to_string(fields_.size()) + ", expected " +
                                        std::to_string(slots_.size())),
                           LineContext(line));
      }
      for (size_t i = 0; i < slots_.size(); ++i) {
        const std::string& expected = table_->columns[slots_[i]].name;
        const std::string n = std::to_string(i + 1);
        if (!fields_[i].value) {
          RethrowWithContext(
              SqlError(SqlState::kBadCopyFileFormat,
                       "column name mismatch in header line field " + n + ": got null value (\"" +
                           options_.null_print + "\"), expected \"" + expected + "\""),
              LineContext(line));
        }
        if (*fields_[i].value != expected) {
          RethrowWithContext(SqlError(SqlState::kBadCopyFileFormat,
                                      "column name mismatch in header line field " + n +
                                          ": got \"" + *fields_[i].value + "\", expected \"" +
                                          expected + "\""),
                             LineContext(line));
        }
      }
    }
    return;
  }
  // A table without columns takes empty lines (PostgreSQL's special case).
  if (slots_.empty() && fields_.size() == 1 && fields_[0].value && fields_[0].value->empty()) {
    fields_.clear();
  }
  if (fields_.size() > slots_.size()) {
    RethrowWithContext(
        SqlError(SqlState::kBadCopyFileFormat, "extra data after last expected column"),
        LineContext(line));
  }
  Row row(table_->columns.size());
  std::fill(set_.begin(), set_.end(), false);
  // Fields are converted in column order and a missing one is reported when
  // its column is reached, as PostgreSQL does: "1x" into (int, text) is a
  // bad integer, not missing data.
  for (size_t i = 0; i < slots_.size(); ++i) {
    const size_t slot = slots_[i];
    const catalog::ColumnDesc& column = table_->columns[slot];
    if (i >= fields_.size()) {
      RethrowWithContext(SqlError(SqlState::kBadCopyFileFormat,
                                  "missing data for column \"" + column.name + "\""),
                         LineContext(line));
    }
    CopyField& field = fields_[i];
    if (options_.csv) {
      // An unquoted field matched NULL, so its text was the NULL string.
      if (!field.value && force_not_null_[i]) field.value = options_.null_print;
      if (field.value && field.quoted && force_null_[i] && *field.value == options_.null_print) {
        field.value.reset();
      }
    }
    set_[slot] = true;
    if (!field.value) {
      row[slot] = Value::Null(column.type);
      continue;
    }
    try {
      Value v = InputValue(column.type, *field.value);
      if (column.typmod >= 0 && HasTypmodCoercion(column.type)) {
        v = ApplyTypmod(v, column.typmod, false);
      }
      row[slot] = std::move(v);
    } catch (const SqlError& e) {
      RethrowWithContext(e, "COPY " + table_->name + ", line " + std::to_string(line_number_) +
                                ", column " + column.name + ": \"" +
                                LimitPrintout(*field.value) + "\"");
    }
  }
  for (size_t s = 0; s < row.size(); ++s) {
    if (set_[s]) continue;
    row[s] = table_->columns[s].dropped ? Value::Null(table_->columns[s].type)
                                        : writer_->EvaluateDefault(s);
  }
  try {
    if (!triggers_->BeforeRow(nullptr, &row)) return;
    if (partitioned_) {
      // Routed and written with the line's text in errors, as
      // PostgreSQL's per-row routing reports them.
      if (!partitioned_->Insert(&row)) return;
      triggers_->AfterRow(nullptr, &row);
      ++rows_;
      return;
    }
    writer_->CheckConstraints(row);
  } catch (const SqlError& e) {
    RethrowWithContext(e, LineContext(line));
  }
  try {
    if (bulk_) {
      AddBulkRow(std::move(row));
    } else if (triggers_->wants_rows()) {
      writer_->Insert(row);
      triggers_->AfterRow(nullptr, &row);
    } else {
      writer_->Insert(std::move(row));
    }
  } catch (const SqlError& e) {
    // PostgreSQL reports index insertions from its buffered flush: no line text.
    RethrowWithContext(e, "COPY " + table_->name + ", line " + std::to_string(line_number_));
  }
  ++rows_;
}

std::vector<std::string> FormatCopyOut(const CopyOptions& options,
                                       const std::vector<ResultColumn>& columns,
                                       const std::vector<Row>& rows,
                                       const std::vector<bool>& force_quote) {
  std::vector<std::string> lines;
  lines.reserve(rows.size() + 1);
  const bool single = columns.size() == 1;
  auto field = [&](std::string_view value, bool quote, std::string* out) {
    if (options.csv) {
      AppendCopyCsvField(options, value, quote, single, out);
    } else {
      AppendCopyTextField(options, value, out);
    }
  };
  if (options.header) {
    std::string line;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) line += options.delimiter;
      field(columns[i].name, false, &line);
    }
    line += '\n';
    lines.push_back(std::move(line));
  }
  for (const Row& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += options.delimiter;
      if (row[i].is_null()) {
        line += options.null_print;
      } else {
        field(OutputValue(row[i]), options.force_quote_all || force_quote[i], &line);
      }
    }
    line += '\n';
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace strata::sql
