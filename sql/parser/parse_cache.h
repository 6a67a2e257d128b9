// ParseCache: the last few query strings a session parsed, with their
// statements, so a string sent again (BEGIN, END, COMMIT, a fixed query an
// application repeats) is not parsed again.
//
// Parsing is a pure function of the text here (libpg_query parses with
// PostgreSQL's defaults whatever the session's settings are), and statements
// are immutable once parsed (prepared statements already run one tree many
// times), so a hit hands out the same trees. Only short strings are kept: a
// long one is unlikely to repeat exactly, and would hold memory.
//
// Not thread-safe: one per session.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sql/ast/statement.h"

namespace strata::sql {

class ParseCache {
 public:
  struct Entry {
    std::shared_ptr<const std::string> query;
    std::vector<std::shared_ptr<const ast::Statement>> statements;
  };

  // The entry for `query`, or null. A hit becomes the most recent entry.
  const Entry* Find(std::string_view query);
  // Remembers `query`'s statements (if the string is short enough), evicting
  // the least recently used entry beyond capacity. Returns the statements as
  // shared trees either way.
  Entry Remember(std::shared_ptr<const std::string> query,
                 std::vector<std::unique_ptr<ast::Statement>> statements);

  static constexpr size_t kCapacity = 32;
  static constexpr size_t kMaxQueryBytes = 256;

 private:
  std::list<Entry> entries_;  // most recent first
  // Keys view the strings the entries own.
  std::unordered_map<std::string_view, std::list<Entry>::iterator> by_query_;
};

}  // namespace strata::sql
