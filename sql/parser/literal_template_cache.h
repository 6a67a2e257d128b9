// LiteralTemplateCache: per session, the raw parse trees of recent query
// templates (literal_template.h), so that a query differing from an earlier
// one only in its integer literals skips libpg_query -- whose parse, protobuf
// packing and our unpacking were about a quarter of the server's CPU under
// pgbench, each statement a new string.
//
// On the first query of a template the raw tree is kept, together with the
// integer constants (A_Const) each literal became: at the literal's offset,
// or folded with a '-' before it at the minus sign's offset (gram.y's
// doNegate). A later query of the template writes its own values into those
// constants and runs the Transformer over the tree, as a fresh parse would:
// the raw tree of a query depends on an integer literal only through its
// A_Const (the test suite checks this by packing patched trees against fresh
// parses), and the Transformer then sees exactly what it would have seen.
// A template whose literals are not all found that way (a literal the
// grammar used as a plain number, FLOAT(24), array bounds) is remembered as
// not reusable, and its queries are parsed as always.
//
// Not thread-safe: one per session. Trees are patched in place, which is
// safe because nothing keeps a raw tree past TransformRawTree.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/parser/literal_template.h"

namespace strata::sql::parser {

class LiteralTemplateCache {
 public:
  LiteralTemplateCache();
  ~LiteralTemplateCache();
  LiteralTemplateCache(const LiteralTemplateCache&) = delete;
  LiteralTemplateCache& operator=(const LiteralTemplateCache&) = delete;

  // ParseQuery(query), through the cache when `query` has a template.
  std::vector<std::unique_ptr<ast::Statement>> Parse(std::string_view query);

  // Counters for tests: queries served from a kept tree, and trees kept.
  size_t hits() const { return hits_; }
  size_t size() const { return entries_.size(); }

  static constexpr size_t kCapacity = 32;  // each holds an arena of 16 KB or more
  static constexpr size_t kMaxQueryBytes = 4096;

  struct Entry;

 private:
  std::list<std::unique_ptr<Entry>> entries_;  // most recently used first
  std::unordered_map<std::string_view, std::list<std::unique_ptr<Entry>>::iterator> by_key_;
  size_t hits_ = 0;
};

// For tests: the raw tree of `query` with the values of `values_from`
// written into `query`'s template constants, packed -- equal to the packed
// fresh parse of `values_from` whenever the template is reusable. nullopt
// if the two queries do not share a reusable template.
std::optional<std::string> PackPatchedTree(std::string_view query, std::string_view values_from);
// The packed fresh parse of `query` (throws on a syntax error).
std::string PackFreshTree(std::string_view query);

}  // namespace strata::sql::parser
