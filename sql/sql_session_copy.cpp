// SqlSession's COPY: COPY FROM STDIN (the session keeps the CopyFrom between
// CopyData messages), COPY FROM 'file' (the same, fed from the file), and
// COPY TO STDOUT / 'file' (the table or query runs as a SELECT would, then
// its rows are formatted as text or CSV lines).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "sql/ast/copy_statement.h"
#include "sql/ast/position.h"
#include "sql/commands/column_privileges.h"
#include "sql/commands/copy_from.h"
#include "sql/parsed_statement.h"
#include "sql/sql_session_impl.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/statement_output.h"

namespace strata::sql {

namespace {

// COPY names a view or a sequence: PostgreSQL's own refusals (BeginCopyTo,
// BeginCopyFrom), without a position.
void CheckCopyRelationKind(const CommandContext& ctx, const ast::RangeVar& rv, bool is_from) {
  if (FindTable(ctx, rv) != nullptr) return;
  if (FindView(ctx, rv) != nullptr) {
    if (is_from) {
      throw SqlError(SqlState::kWrongObjectType, "cannot copy to view \"" + rv.name + "\"")
          .WithHint("To enable copying to a view, provide an INSTEAD OF INSERT trigger.");
    }
    throw SqlError(SqlState::kWrongObjectType, "cannot copy from view \"" + rv.name + "\"")
        .WithHint("Try the COPY (SELECT ...) TO variant.");
  }
  const catalog::NamespaceDesc* ns = RelationSchema(ctx, rv);
  if (ns != nullptr && ctx.catalog->FindSequence(ns->oid, rv.name) != nullptr) {
    throw SqlError(SqlState::kWrongObjectType, std::string("cannot copy ") +
                                                   (is_from ? "to" : "from") + " sequence \"" +
                                                   rv.name + "\"");
  }
}

// errcode_for_file_access + PostgreSQL's message for a failed open.
[[noreturn]] void ThrowFileError(const std::string& path, const char* what, int err,
                                 const char* hint) {
  SqlState state = SqlState::kIoError;
  if (err == ENOENT) state = SqlState::kUndefinedFile;
  if (err == EACCES || err == EPERM) state = SqlState::kInsufficientPrivilege;
  SqlError e(state, "could not open file \"" + path + "\" for " + what + ": " +
                        std::strerror(err));
  e.WithHint(hint);
  throw e;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

bool SqlSession::copy_in_active() const { return impl_->copy_in != nullptr; }

void SqlSession::CopyInData(std::string_view data) {
  if (!impl_->copy_in) return;
  SettingsScope scope(*this);
  try {
    impl_->copy_in->Feed(data);
  } catch (...) {
    impl_->copy_in.reset();
    throw;
  }
}

StatementResult SqlSession::CopyInDone() {
  SettingsScope scope(*this);
  std::unique_ptr<CopyFrom> copy = std::move(impl_->copy_in);
  StatementResult result;
  if (!copy) return result;
  StatementOutput out = copy->Finish();
  result.command_tag = std::move(out.command_tag);
  result.notices = std::move(out.notices);
  return result;
}

void SqlSession::CopyInFail(const std::string& message) {
  impl_->copy_in.reset();
  throw SqlError(SqlState::kQueryCanceled, "COPY from stdin failed: " + message);
}

StatementOutput SqlSession::RunCopy(const ParsedStatement& statement) {
  const auto& parsed = static_cast<const ParsedStatementImpl&>(statement);
  const auto& copy = static_cast<const ast::CopyStatement&>(parsed.statement());
  if (impl_->db == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "tables are not available in this session");
  }
  if (!copy.filename.empty() && copy.filename[0] != '/' && !copy.is_from) {
    throw SqlError(SqlState::kInvalidName, "relative path not allowed for COPY to file");
  }

  if (copy.is_from) {
    std::unique_ptr<CopyFrom> state;
    if (impl_->block->active()) {
      // Inside a block the rows go into the block's transaction.
      CommandContext block_ctx;
      impl_->block->StartStatement(block_ctx, false);
      state = std::make_unique<CopyFrom>(impl_->db, parsed.query(), copy, &block_ctx);
    } else {
      state = std::make_unique<CopyFrom>(impl_->db, parsed.query(), copy);
    }
    if (copy.filename.empty()) {
      StatementOutput out;
      out.copy_mode = CopyMode::kIn;
      out.copy_columns = state->column_count();
      impl_->copy_in = std::move(state);
      return out;
    }
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(copy.filename.c_str(), "rb"));
    if (!file) {
      ThrowFileError(copy.filename, "reading", errno,
                     "COPY FROM instructs the PostgreSQL server process to read a file. You may "
                     "want a client-side facility such as psql's \\copy.");
    }
    std::string chunk(1 << 16, '\0');
    while (true) {
      const size_t n = std::fread(chunk.data(), 1, chunk.size(), file.get());
      if (n > 0) state->Feed(std::string_view(chunk.data(), n));
      if (n < chunk.size()) {
        if (std::ferror(file.get())) {
          throw SqlError(SqlState::kIoError, "could not read from COPY file: " +
                                                 std::string(std::strerror(errno)));
        }
        break;
      }
    }
    return state->Finish();
  }

  // COPY TO: run the rows as a SELECT.
  std::shared_ptr<const ast::Statement> select;
  if (copy.query) {
    select = std::shared_ptr<const ast::Statement>(parsed.statement_ptr(), copy.query.get());
  } else {
    auto s = std::make_shared<ast::SelectStatement>();
    ast::FromItem item;
    item.table = copy.table;
    s->from.push_back(std::move(item));
    if (copy.columns.empty()) {
      auto star = std::make_unique<ast::ColumnRefExpr>(-1);
      star->fields.push_back("*");
      s->target_list.push_back({"", std::move(star), -1});
    } else {
      for (const ast::TargetColumn& c : copy.columns) {
        auto ref = std::make_unique<ast::ColumnRefExpr>(-1);
        ref->fields.push_back(c.name);
        s->target_list.push_back({"", std::move(ref), -1});
      }
    }
    select = std::move(s);
  }
  // PostgreSQL validates the options before running anything.
  const std::string& query = parsed.query();
  const CopyOptions options = ProcessCopyOptions(copy.options, false, [&](int location) {
    return location < 0 ? 0 : ast::CharPosition(query, location);
  });
  if (!copy.query) {
    // The table and its column list (42P01, 42703) before anything runs.
    CommandContext ctx;
    ctx.db = impl_->db;
    ctx.catalog = impl_->block->private_catalog() ? impl_->block->private_catalog()
                                                  : impl_->db->catalog()->Current();
    ctx.query = query;
    // PostgreSQL opens COPY's relation without a parse state: its errors
    // carry no position (no LINE line).
    ast::RangeVar relation = copy.table;
    relation.location = -1;
    CheckCopyRelationKind(ctx, relation, copy.is_from);
    const catalog::TableDesc& table = LookupTable(ctx, relation);
    auto check = [&](const std::string& name) {
      if (table.FindColumn(name) < 0) {
        throw SqlError(SqlState::kUndefinedColumn, "column \"" + name + "\" of relation \"" +
                                                       table.name + "\" does not exist");
      }
    };
    for (const ast::TargetColumn& c : copy.columns) check(c.name);
    for (const std::string& name : options.force_quote) check(name);
    // DoCopy: INSERT to copy into the table, SELECT to copy out of it, on
    // the table or on every column copied (all of them without a list).
    CheckColumnsPrivilege(*ctx.catalog, table.oid, table.owner, 'r', table.name,
                          copy.is_from ? catalog::kAclInsert : catalog::kAclSelect,
                          CopiedColumns(table, copy.columns));
  }
  if (!copy.columns.empty()) {
    for (size_t i = 0; i < copy.columns.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (copy.columns[i].name == copy.columns[j].name) {
          throw SqlError(SqlState::kDuplicateColumn,
                         "column \"" + copy.columns[i].name + "\" specified more than once");
        }
      }
    }
  }
  ParsedStatementImpl select_parsed(parsed.query_ptr(), select);
  StatementOutput rows = Run(select_parsed, {}, {});
  std::vector<bool> force_quote(rows.columns.size(), false);
  for (const std::string& name : options.force_quote) {
    bool found = false;
    for (size_t i = 0; i < rows.columns.size(); ++i) {
      if (rows.columns[i].name == name) {
        force_quote[i] = found = true;
      }
    }
    if (!found) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     "FORCE_QUOTE column \"" + name + "\" not referenced by COPY");
    }
  }
  StatementOutput out;
  out.notices = std::move(rows.notices);
  out.copy_columns = rows.columns.size();
  out.command_tag = "COPY " + std::to_string(rows.rows.size());
  std::vector<std::string> lines = FormatCopyOut(options, rows.columns, rows.rows, force_quote);
  rows.rows.clear();
  if (copy.filename.empty()) {
    out.copy_mode = CopyMode::kOut;
    out.copy_data = std::move(lines);
    return out;
  }
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(copy.filename.c_str(), "wb"));
  if (!file) {
    ThrowFileError(copy.filename, "writing", errno,
                   "COPY TO instructs the PostgreSQL server process to write a file. You may "
                   "want a client-side facility such as psql's \\copy.");
  }
  for (const std::string& line : lines) {
    if (std::fwrite(line.data(), 1, line.size(), file.get()) != line.size()) {
      throw SqlError(SqlState::kIoError,
                     "could not write to COPY file: " + std::string(std::strerror(errno)));
    }
  }
  if (std::fclose(file.release()) != 0) {
    throw SqlError(SqlState::kIoError,
                   "could not write to COPY file: " + std::string(std::strerror(errno)));
  }
  return out;
}

}  // namespace strata::sql
