// Names for TransactionStatus, used in logs.
#include "txn/transaction_status.h"

namespace strata::txn {

const char* TransactionStatusName(TransactionStatus status) {
  switch (status) {
    case TransactionStatus::kIdle: return "idle";
    case TransactionStatus::kInBlock: return "in transaction";
    case TransactionStatus::kFailed: return "in failed transaction";
  }
  return "unknown";
}

}  // namespace strata::txn
