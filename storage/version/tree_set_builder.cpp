// TreeSetBuilder (see tree_set_builder.h).
#include "storage/version/tree_set_builder.h"

#include <algorithm>

namespace strata::storage {

TreeSetBuilder::TreeSetBuilder(const TreeMap& base) {
  for (const auto& [id, state] : base) trees_.emplace(id, Entry{state, nullptr});
}

VersionBuilder& TreeSetBuilder::BuilderFor(uint32_t tree_id, Entry& entry) {
  if (!entry.builder) entry.builder = std::make_unique<VersionBuilder>(tree_id, entry.state.current.get());
  return *entry.builder;
}

Result<TreeSetBuilder::Entry*> TreeSetBuilder::Find(uint32_t tree_id, const char* what) {
  auto it = trees_.find(tree_id);
  if (it == trees_.end()) {
    return Status::Corruption(std::string(what) + " for unknown tree " + std::to_string(tree_id));
  }
  return &it->second;
}

Status TreeSetBuilder::Apply(const VersionEdit& edit) {
  for (const auto& c : edit.created_trees()) {
    if (trees_.count(c.tree_id) != 0) {
      return Status::Corruption("tree " + std::to_string(c.tree_id) + " created while it exists");
    }
    Entry& e = trees_[c.tree_id];
    e.state.name = c.name;
    e.state.options = c.options;
    e.builder = std::make_unique<VersionBuilder>(c.tree_id, nullptr);
  }
  for (const auto& d : edit.deleted_files()) {
    STRATA_ASSIGN_OR_RETURN(Entry * e, Find(d.tree_id, "file deletion"));
    STRATA_RETURN_IF_ERROR(BuilderFor(d.tree_id, *e).DeleteFile(d.level, d.number));
  }
  for (const auto& f : edit.new_files()) {
    STRATA_ASSIGN_OR_RETURN(Entry * e, Find(f.tree_id, "file addition"));
    STRATA_RETURN_IF_ERROR(BuilderFor(f.tree_id, *e).AddFile(f.level, f.meta));
  }
  for (const auto& t : edit.tree_log_numbers()) {
    STRATA_ASSIGN_OR_RETURN(Entry * e, Find(t.tree_id, "log number"));
    if (t.log_number < e->state.log_number) {
      return Status::Corruption("tree " + std::to_string(t.tree_id) + " log number goes back from " +
                                std::to_string(e->state.log_number) + " to " + std::to_string(t.log_number));
    }
    e->state.log_number = t.log_number;
  }
  for (uint32_t id : edit.dropped_trees()) {
    if (trees_.erase(id) == 0) return Status::Corruption("drop of unknown tree " + std::to_string(id));
  }
  return Status::OK();
}

Status TreeSetBuilder::Check() const {
  for (const auto& [id, e] : trees_) {
    if (!e.builder) continue;
    auto v = e.builder->Finish(0, nullptr);
    if (!v.ok()) return v.status();
  }
  return Status::OK();
}

Result<TreeMap> TreeSetBuilder::Finish(uint64_t* next_version_number,
                                       const std::shared_ptr<LiveFileTracker>& tracker) const {
  TreeMap out;
  for (const auto& [id, e] : trees_) {
    TreeState state = e.state;
    if (e.builder) {
      STRATA_ASSIGN_OR_RETURN(state.current, e.builder->Finish((*next_version_number)++, tracker));
    }
    out.emplace(id, std::move(state));
  }
  return out;
}

uint64_t TreeSetBuilder::MaxFileNumber() const {
  uint64_t max = 0;
  for (const auto& [id, e] : trees_) {
    if (e.builder) max = std::max(max, e.builder->MaxFileNumber());
  }
  return max;
}

}  // namespace strata::storage
