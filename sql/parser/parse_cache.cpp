// ParseCache (see parse_cache.h).
#include "sql/parser/parse_cache.h"

namespace strata::sql {

const ParseCache::Entry* ParseCache::Find(std::string_view query) {
  auto it = by_query_.find(query);
  if (it == by_query_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return &*it->second;
}

ParseCache::Entry ParseCache::Remember(std::shared_ptr<const std::string> query,
                                       std::vector<std::unique_ptr<ast::Statement>> statements) {
  Entry entry{std::move(query), {}};
  entry.statements.reserve(statements.size());
  for (auto& s : statements) entry.statements.emplace_back(std::move(s));
  if (entry.query->size() > kMaxQueryBytes || by_query_.count(*entry.query) != 0) return entry;
  entries_.push_front(entry);
  by_query_.emplace(*entries_.front().query, entries_.begin());
  if (entries_.size() > kCapacity) {
    by_query_.erase(*entries_.back().query);
    entries_.pop_back();
  }
  return entry;
}

}  // namespace strata::sql
