// WindowState: what the binder collects for window function calls
// (PostgreSQL's transformWindowFuncCall / transformWindowDefinitions). The
// window node (executor/node_window_agg.h) runs on top of the rows the query
// has at that point (the scan row, or the Agg node's output row in a grouped
// query) and appends one value per call:
//
//   slot base + j   the result of window call j
//
// where base is that input row's width; calls are bound with a placeholder
// slot which FinishWindowSlots() fixes once base is known (a grouped query
// keeps adding aggregates while its later clauses bind).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/binder/grouping.h"
#include "sql/expr/bound_expr.h"

namespace strata::sql {

// PostgreSQL's FRAMEOPTION_* bits (parsenodes.h), as libpg_query hands them over.
namespace frame {
inline constexpr int kNonDefault = 0x00001;
inline constexpr int kRange = 0x00002;
inline constexpr int kRows = 0x00004;
inline constexpr int kGroups = 0x00008;
inline constexpr int kStartUnboundedPreceding = 0x00020;
inline constexpr int kEndUnboundedFollowing = 0x00100;
inline constexpr int kStartCurrentRow = 0x00200;
inline constexpr int kEndCurrentRow = 0x00400;
inline constexpr int kStartOffsetPreceding = 0x00800;
inline constexpr int kEndOffsetPreceding = 0x01000;
inline constexpr int kStartOffsetFollowing = 0x02000;
inline constexpr int kEndOffsetFollowing = 0x04000;
inline constexpr int kExcludeCurrentRow = 0x08000;
inline constexpr int kExcludeGroup = 0x10000;
inline constexpr int kExcludeTies = 0x20000;
inline constexpr int kStartOffset = kStartOffsetPreceding | kStartOffsetFollowing;
inline constexpr int kEndOffset = kEndOffsetPreceding | kEndOffsetFollowing;
inline constexpr int kExclusion = kExcludeCurrentRow | kExcludeGroup | kExcludeTies;
// RANGE UNBOUNDED PRECEDING AND CURRENT ROW
inline constexpr int kDefaults = kRange | kStartUnboundedPreceding | kEndCurrentRow;
}  // namespace frame

enum class WindowFuncKind {
  kAggregate,
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
};

struct WindowOrderKey {
  BoundExprPtr expr;  // over the window's input row
  bool descending = false;
  int nulls = 0;  // as ast::WindowSortItem
};

// One resolved window (OVER clause with its WINDOW clause references applied).
struct BoundWindow {
  std::vector<BoundExprPtr> partition;
  std::vector<WindowOrderKey> order;
  int frame_options = frame::kDefaults;
  // ROWS/GROUPS: bigint offsets; RANGE: the offset in the in_range type.
  BoundExprPtr start_offset;
  BoundExprPtr end_offset;
  // RANGE with an offset: over the two-slot row [order value, offset], the
  // order value plus (add) and minus (sub) the offset, and over the one-slot
  // row [order value] the value as those results' type (compare).
  BoundExprPtr range_add;
  BoundExprPtr range_sub;
  BoundExprPtr range_compare;
  // OVER w (exactly a WINDOW clause entry): that entry's position; -1 for a
  // window written in the OVER clause. The planner orders windows by it as
  // PostgreSQL does (WINDOW clause entries first).
  int named_index = -1;
};

struct WindowCall {
  WindowFuncKind kind = WindowFuncKind::kRowNumber;
  AggregateCall agg;               // kAggregate: kind, argument, result type
  std::vector<BoundExprPtr> args;  // other kinds: the arguments
  BoundExprPtr filter;             // FILTER (WHERE ...) of an aggregate; may be null
  BoundWindow window;
  DataType type;
  BoundColumnRef* result = nullptr;  // the reference to patch (owned by the bound tree)
};

struct WindowState {
  // The WINDOW clause (may be null).
  const std::vector<std::shared_ptr<const ast::WindowDef>>* named = nullptr;
  std::vector<WindowCall> calls;
  // Non-null: window functions are not allowed here ("HAVING"): 42P20.
  const char* forbidden = nullptr;
  bool in_window_arg = false;  // binding a window call's arguments
  bool in_window_def = false;  // binding its PARTITION BY / ORDER BY / offsets
};

// Whether `name` is a window-only function (row_number, rank, lag, ...).
bool IsWindowOnlyName(const std::vector<std::string>& name);

// Gives window call j the slot base + j (see above).
void FinishWindowSlots(WindowState& state, int base);

}  // namespace strata::sql
