// Routing rows to partitions and checking partition constraints (see
// partition_routing.h).
#include "sql/commands/partition_routing.h"

#include "sql/commands/table_rows.h"
#include "sql/executor/plan_node.h"
#include "sql/commands/table_triggers.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

std::string KeyText(const std::vector<Value>& key) {
  std::string out;
  for (size_t i = 0; i < key.size(); ++i) {
    if (i > 0) out += ", ";
    out += key[i].is_null() ? "null" : OutputValue(key[i]);
  }
  return out;
}

// The partition of one partitioned table a key goes to: the one whose
// bound accepts it, else the DEFAULT partition; nullptr if none.
const catalog::TableDesc* ChoosePartition(const std::vector<PartitionEntry>& partitions,
                                          const std::vector<Value>& key) {
  const catalog::TableDesc* fallback = nullptr;
  for (const PartitionEntry& p : partitions) {
    if (p.bound.is_default) {
      fallback = p.table;
    } else if (BoundAccepts(p.bound, key)) {
      return p.table;
    }
  }
  return fallback;
}

}  // namespace

bool AnyLeafRow(const CommandContext& ctx, const catalog::TableDesc& table,
                const std::function<bool(const catalog::TableDesc& leaf, const Row& row)>& test) {
  for (const catalog::TableDesc* leaf : ctx.catalog->WithDescendants(table.oid)) {
    if (leaf->partition_key) continue;
    TableCodec codec(*leaf);
    SeqScan scan(ctx.txn, &codec);
    scan.Init();
    Row row;
    bool found = false;
    while (!found && scan.Next(&row)) found = test(*leaf, row);
    scan.Close();
    if (found) return true;
  }
  return false;
}

Row MapRowByName(const catalog::TableDesc& from, const catalog::TableDesc& to, const Row& row) {
  Row out(to.columns.size());
  for (size_t i = 0; i < to.columns.size(); ++i) {
    const catalog::ColumnDesc& c = to.columns[i];
    const int slot = c.dropped ? -1 : from.FindColumn(c.name);
    out[i] = slot >= 0 ? row[static_cast<size_t>(slot)] : Value::Null(c.type);
  }
  return out;
}

struct PartitionRouter::Level {
  Level(const CommandContext& ctx, const catalog::TableDesc& table)
      : key(ctx, table, table), partitions(OrderedPartitions(ctx, table, key.types())) {}
  PartitionKeyEvaluator key;
  std::vector<PartitionEntry> partitions;
};

PartitionRouter::PartitionRouter(const CommandContext& ctx, const catalog::TableDesc& root)
    : ctx_(ctx), root_(root) {}

PartitionRouter::~PartitionRouter() = default;

PartitionRouter::Level& PartitionRouter::LevelOf(const catalog::TableDesc& partitioned) {
  std::unique_ptr<Level>& level = levels_[partitioned.oid];
  if (level == nullptr) level = std::make_unique<Level>(ctx_, partitioned);
  return *level;
}

const catalog::TableDesc& PartitionRouter::Route(const Row& row, Row* leaf_row) {
  const catalog::TableDesc* table = &root_;
  Row current = row;
  while (table->partition_key) {
    Level& level = LevelOf(*table);
    const std::vector<Value> key = level.key.Evaluate(current);
    const catalog::TableDesc* next = ChoosePartition(level.partitions, key);
    if (next == nullptr) {
      std::string names;
      for (const std::string& n : level.key.names()) names += (names.empty() ? "" : ", ") + n;
      SqlError e(SqlState::kCheckViolation,
                 "no partition of relation \"" + table->name + "\" found for row");
      e.WithDetail("Partition key of the failing row contains (" + names + ") = (" + KeyText(key) +
                   ").");
      const catalog::NamespaceDesc* ns = ctx_.catalog->FindNamespace(table->namespace_oid);
      e.mutable_fields().schema_name = ns != nullptr ? ns->name : "";
      e.mutable_fields().table_name = table->name;
      throw e;
    }
    current = MapRowByName(*table, *next, current);
    table = next;
  }
  *leaf_row = std::move(current);
  return *table;
}

struct PartitionConstraintCheck::Step {
  Step(const CommandContext& ctx, const catalog::TableDesc& parent, const catalog::TableDesc& member,
       const catalog::TableDesc& row_table)
      : key(ctx, parent, row_table) {
    const std::vector<PartitionEntry> all = OrderedPartitions(ctx, parent, key.types());
    for (const PartitionEntry& p : all) {
      if (p.table->oid == member.oid) {
        is_default = p.bound.is_default;
        own = p.bound;
      } else if (!p.bound.is_default) {
        siblings.push_back(p.bound);
      }
    }
  }
  PartitionKeyEvaluator key;
  bool is_default = false;
  BoundValues own;
  std::vector<BoundValues> siblings;  // a DEFAULT partition takes what none of them does
};

PartitionConstraintCheck::PartitionConstraintCheck(const CommandContext& ctx,
                                                   const catalog::TableDesc& table) {
  const catalog::TableDesc* member = &table;
  while (member->partition_bound && !member->parents.empty()) {
    const catalog::TableDesc* parent = ctx.catalog->FindTable(member->parents[0]);
    if (parent == nullptr || !parent->partition_key) break;
    steps_.push_back(std::make_unique<Step>(ctx, *parent, *member, table));
    member = parent;
  }
}

PartitionConstraintCheck::~PartitionConstraintCheck() = default;

bool PartitionConstraintCheck::Satisfied(const Row& row) {
  for (const std::unique_ptr<Step>& step : steps_) {
    const std::vector<Value> key = step->key.Evaluate(row);
    if (!step->is_default) {
      if (!BoundAccepts(step->own, key)) return false;
      continue;
    }
    for (const BoundValues& other : step->siblings) {
      if (BoundAccepts(other, key)) return false;
    }
  }
  return true;
}

}  // namespace strata::sql

namespace strata::sql {

struct PartitionedInsert::Leaf {
  Leaf(const CommandContext& ctx, const catalog::TableDesc& table)
      : writer(ctx, table), triggers(ctx, table, catalog::kTriggerTypeInsert) {}
  TableWriter writer;
  TableTriggers triggers;
};

PartitionedInsert::PartitionedInsert(const CommandContext& ctx, const catalog::TableDesc& root)
    : ctx_(ctx), root_(root), router_(ctx, root) {}

PartitionedInsert::~PartitionedInsert() = default;

PartitionedInsert::Target PartitionedInsert::Route(const Row& row, Row* leaf_row) {
  const catalog::TableDesc& leaf = router_.Route(row, leaf_row);
  std::unique_ptr<Leaf>& entry = leaves_[leaf.oid];
  if (entry == nullptr) entry = std::make_unique<Leaf>(ctx_, leaf);
  return Target{&leaf, &entry->writer, &entry->triggers};
}

bool PartitionedInsert::Insert(Row* row) {
  Row leaf_row;
  const Target target = Route(*row, &leaf_row);
  if (!target.triggers->BeforeRow(nullptr, &leaf_row)) return false;
  target.writer->CheckConstraints(leaf_row);
  target.writer->Insert(leaf_row);
  target.triggers->AfterRow(nullptr, &leaf_row);
  *row = MapRowByName(*target.table, root_, leaf_row);
  return true;
}

void PartitionedInsert::Finish() {
  for (auto& [oid, leaf] : leaves_) leaf->writer.FireForeignKeys();
  for (auto& [oid, leaf] : leaves_) leaf->triggers.FireQueuedRows();
}

}  // namespace strata::sql
