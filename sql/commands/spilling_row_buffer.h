// SpillingRowBuffer: rows collected in order and read back once, kept in
// memory up to work_mem and in a SpillFile (spill_file.h) beyond it, so a
// statement that must see all of a query's rows before acting on them
// (INSERT ... SELECT: the source is complete before the first row goes in,
// so it never reads its own inserts) holds any number of them in bounded
// memory.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "sql/executor/spill_file.h"

namespace strata::sql {

class SpillingRowBuffer {
 public:
  // Adds a row at the end. REQUIRES: reading has not started.
  void Add(Row&& row);
  // The rows in the order added, one per call; false after the last.
  bool Next(Row* row);

 private:
  std::vector<Row> memory_;
  size_t memory_bytes_ = 0;
  std::unique_ptr<SpillFile> file_;  // set once memory_ outgrew work_mem
  bool reading_ = false;
  size_t next_ = 0;  // of memory_, while reading
};

}  // namespace strata::sql
