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
  };
  // `null_types`: each parent slot's type, for the NULLs of unmapped slots.
  InheritanceAppend(std::vector<Member> members, std::vector<Oid> null_types)
      : members_(std::move(members)), null_types_(std::move(null_types)) {}
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
  size_t current_ = 0;
  Row member_row_;
};

}  // namespace strata::sql
