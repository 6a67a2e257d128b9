// Append over an inheritance hierarchy (PostgreSQL's Append of the member
// tables' scans): the rows of each member table in turn, each rearranged
// into the parent's row layout -- the parent's attribute slots (a child
// column of the same name; NULL for a dropped parent column) followed by one
// slot holding the oid of the table the row came from (tableoid).
#pragma once

#include <string>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class InheritanceAppend final : public PlanNode {
 public:
  struct Member {
    PlanNodePtr scan;
    // For each parent slot: the member row's slot, or -1 (NULL of null_types).
    std::vector<int> slots;
    Oid table_oid = 0;
    std::string table_name;  // for EXPLAIN: "Seq Scan on <table_name> <alias>_<n>"
  };
  // `null_types`: each parent slot's type, for the NULLs of unmapped slots.
  // `alias`: how the statement names the parent (EXPLAIN numbers it per
  // member, as PostgreSQL's set_rtable_names does for child relations).
  InheritanceAppend(std::vector<Member> members, std::vector<Oid> null_types, std::string alias)
      : members_(std::move(members)), null_types_(std::move(null_types)), alias_(std::move(alias)) {}
  // Keeps only the members `keep` says (partition pruning).
  void KeepMembers(const std::function<bool(Oid)>& keep);
  // WHERE applied to each member's rows (in the parent's layout) as they
  // come, shown under each member's scan as PostgreSQL pushes the quals
  // down to the child relations. LIFETIME: both outlive the node.
  void SetFilter(const BoundExpr* predicate, const std::vector<Value>* params) {
    filter_ = predicate;
    params_ = params;
  }
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override {
    for (Member& m : members_) fn(m.scan);
  }

 private:
  std::vector<Member> members_;
  std::vector<Oid> null_types_;
  std::string alias_;
  const BoundExpr* filter_ = nullptr;
  const std::vector<Value>* params_ = nullptr;
  size_t current_ = 0;
  Row member_row_;
};

}  // namespace strata::sql
