// Per-query statistics for pg_stat_statements (see stat_statements.h).
#include "sql/stat_statements.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace strata::sql {

namespace {

constexpr size_t kMaxEntries = 5000;

std::mutex g_mutex;
std::unordered_map<std::string, StatStatementsEntry>& Entries() {
  static auto* entries = new std::unordered_map<std::string, StatStatementsEntry>();
  return *entries;
}

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::string NormalizeQueryText(std::string_view q) {
  std::string out;
  int param = 0;
  size_t i = 0;
  while (i < q.size()) {
    const char c = q[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      while (i < q.size() && std::isspace(static_cast<unsigned char>(q[i]))) ++i;
      if (!out.empty()) out += ' ';
      continue;
    }
    if (c == '\'') {  // string literal ('' inside)
      ++i;
      while (i < q.size()) {
        if (q[i] == '\'' && i + 1 < q.size() && q[i + 1] == '\'') {
          i += 2;
        } else if (q[i] == '\'') {
          ++i;
          break;
        } else {
          ++i;
        }
      }
      out += "$" + std::to_string(++param);
      continue;
    }
    if (c == '"') {  // quoted identifier: kept
      const size_t start = i++;
      while (i < q.size() && q[i] != '"') ++i;
      if (i < q.size()) ++i;
      out.append(q.substr(start, i - start));
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) && (out.empty() || !IsIdentChar(out.back()))) {
      while (i < q.size() && (std::isalnum(static_cast<unsigned char>(q[i])) || q[i] == '.')) ++i;
      out += "$" + std::to_string(++param);
      continue;
    }
    out += c;
    ++i;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';')) out.pop_back();
  return out;
}

void RecordStatStatement(std::string_view query, double ms, uint64_t rows) {
  std::string normalized = NormalizeQueryText(query);
  if (normalized.empty()) return;
  std::lock_guard lock(g_mutex);
  auto& entries = Entries();
  auto it = entries.find(normalized);
  if (it == entries.end()) {
    if (entries.size() >= kMaxEntries) {
      auto least = std::min_element(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.second.calls < b.second.calls;
      });
      entries.erase(least);
    }
    StatStatementsEntry e;
    // A stable 63-bit id of the normalised text (PostgreSQL's is a hash of the tree).
    e.queryid = std::hash<std::string>{}(normalized) & 0x7fffffffffffffffULL;
    e.query = normalized;
    e.min_ms = ms;
    e.max_ms = ms;
    it = entries.emplace(std::move(normalized), std::move(e)).first;
  }
  StatStatementsEntry& e = it->second;
  ++e.calls;
  e.total_ms += ms;
  e.sum_sq_ms += ms * ms;
  e.min_ms = std::min(e.min_ms, ms);
  e.max_ms = std::max(e.max_ms, ms);
  e.rows += rows;
}

std::vector<StatStatementsEntry> StatStatementsSnapshot() {
  std::lock_guard lock(g_mutex);
  std::vector<StatStatementsEntry> out;
  out.reserve(Entries().size());
  for (const auto& [text, e] : Entries()) out.push_back(e);
  return out;
}

}  // namespace strata::sql
