// The transaction of the statement running on this thread, for the SQL
// functions that report on it (txid_current(), txid_current_if_assigned()):
// functions have no statement context. Installed by the statement runners
// (autocommit and transaction-block) for the statement's duration.
#pragma once

#include <functional>

#include "txn/transaction.h"

namespace strata::sql {

class ScopedCurrentTransaction {
 public:
  explicit ScopedCurrentTransaction(txn::Transaction* txn);
  // A transaction made only if a function asks for it (a SELECT without
  // FROM has none of its own). `make` may return null.
  explicit ScopedCurrentTransaction(std::function<txn::Transaction*()> make);
  ~ScopedCurrentTransaction();
  ScopedCurrentTransaction(const ScopedCurrentTransaction&) = delete;
  ScopedCurrentTransaction& operator=(const ScopedCurrentTransaction&) = delete;

 public:
  struct State {  // internal: what CurrentTransaction() reads
    txn::Transaction* txn = nullptr;
    std::function<txn::Transaction*()> make;
  };

 private:
  State state_;
  State* previous_;
};

// Null outside a statement over tables (SELECT without FROM in a session
// without an open transaction has none).
txn::Transaction* CurrentTransaction();

}  // namespace strata::sql
