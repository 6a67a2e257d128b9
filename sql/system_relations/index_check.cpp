// strata_index_check(regclass) -> bool: StrataDB's own consistency checker
// for secondary indexes (there is no PostgreSQL function of that name; the
// closest is amcheck's bt_index_check). For a table it checks each of its
// indexes, for an index that one: every row of the table, as the running
// statement's transaction sees it, must have exactly its entry (key and
// value) in the index tree, and every entry a row. The first difference
// raises XX002 (index_corrupted) naming the index and the problem; no
// difference returns true.
#include "sql/system_relations/index_catalog.h"

#include <algorithm>

#include "common/sql_error.h"
#include "sql/current_transaction.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/commands/index_expressions.h"
#include "sql/commands/index_predicate.h"
#include "sql/table/index_codec.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out = "\\x";
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

[[noreturn]] void Corrupted(const catalog::IndexDesc& index, const std::string& problem) {
  throw SqlError(SqlState::kIndexCorrupted,
                 "index \"" + index.name + "\" is inconsistent with its table: " + problem);
}

void CheckIndex(txn::Transaction* txn, const catalog::TableDesc& table,
                const catalog::IndexDesc& index) {
  TableCodec table_codec(table);
  IndexCodec codec(table, index);
  std::unique_ptr<IndexPredicate> predicate = MakeIndexPredicate(table, index);
  // Expression keys are computed from the row again (they are immutable).
  std::unique_ptr<IndexExpressions> expressions = MakeIndexExpressions(table, index);
  Entries expected;
  auto rows = txn->NewIterator(table.tree);
  for (rows->SeekToFirst(); rows->Valid(); rows->Next()) {
    const std::string key(rows->key().data(), rows->key().size());
    const Row row =
        table_codec.DecodeValue(std::string_view(rows->value().data(), rows->value().size()));
    if (predicate != nullptr && !predicate->Holds(row)) continue;  // a partial index
    Row scratch;
    const Row& keyed = IndexRow(expressions.get(), row, &scratch);
    expected.emplace_back(codec.EncodeKey(keyed, key), codec.EncodeValue(keyed, key));
  }
  if (Status s = rows->status(); !s.ok()) throw SqlError(SqlState::kInternalError, s.ToString());
  std::sort(expected.begin(), expected.end());
  for (size_t i = 1; i < expected.size(); ++i) {
    if (expected[i].first == expected[i - 1].first) {
      Corrupted(index, "two rows have the unique entry " + Hex(expected[i].first));
    }
  }
  auto entries = txn->NewIterator(index.tree);
  size_t i = 0;
  for (entries->SeekToFirst(); entries->Valid(); entries->Next(), ++i) {
    const std::string key(entries->key().data(), entries->key().size());
    const std::string value(entries->value().data(), entries->value().size());
    if (i == expected.size() || key < expected[i].first) {
      Corrupted(index, "entry " + Hex(key) + " has no row (table key " +
                           Hex(IndexCodec::TableKeyOf(value)) + ")");
    }
    if (key > expected[i].first) {
      Corrupted(index, "the row with table key " + Hex(IndexCodec::TableKeyOf(expected[i].second)) +
                           " has no entry " + Hex(expected[i].first));
    }
    if (value != expected[i].second) {
      Corrupted(index, "entry " + Hex(key) + " does not match its row (table key " +
                           Hex(IndexCodec::TableKeyOf(expected[i].second)) + ")");
    }
  }
  if (Status s = entries->status(); !s.ok()) {
    throw SqlError(SqlState::kInternalError, s.ToString());
  }
  if (i < expected.size()) {
    Corrupted(index, "the row with table key " + Hex(IndexCodec::TableKeyOf(expected[i].second)) +
                         " has no entry " + Hex(expected[i].first));
  }
}

}  // namespace

Value StrataIndexCheck(std::span<const Value> args) {
  auto catalog = CurrentStatementCatalog();
  txn::Transaction* txn = CurrentTransaction();
  if (catalog == nullptr || txn == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "strata_index_check needs a transaction");
  }
  const catalog::Oid oid = static_cast<catalog::Oid>(args[0].int_value());
  if (const catalog::TableDesc* table = catalog->FindTable(oid)) {
    for (const catalog::IndexDesc& index : table->indexes) CheckIndex(txn, *table, index);
    return Value::Bool(true);
  }
  const catalog::CatalogSnapshot::IndexRef ref = catalog->FindIndex(oid);
  if (ref.index != nullptr) {
    CheckIndex(txn, *ref.table, *ref.index);
    return Value::Bool(true);
  }
  RelationRef rel;
  if (FindRelationByOid(*catalog, oid, &rel) && rel.relkind == 'i') {
    return Value::Bool(true);  // a primary key: the table tree is its own index
  }
  throw SqlError(SqlState::kWrongObjectType,
                 "strata_index_check: relation with OID " + std::to_string(oid) +
                     " is not a table or an index");
}

}  // namespace strata::sql
