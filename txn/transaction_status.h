// TransactionStatus: where a session stands with respect to a transaction
// block, as reported in every ReadyForQuery message ('I', 'T', 'E').
#pragma once

namespace strata::txn {

// Values are the ReadyForQuery status bytes PostgreSQL sends: never renumber.
enum class TransactionStatus : char {
  kIdle = 'I',            // not in a transaction block
  kInBlock = 'T',         // in a transaction block
  kFailed = 'E',          // in a failed transaction block (queries rejected until end)
};

const char* TransactionStatusName(TransactionStatus status);

}  // namespace strata::txn
