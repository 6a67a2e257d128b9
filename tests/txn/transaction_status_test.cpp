// Tests for the ReadyForQuery status bytes.
#include <catch2/catch.hpp>

#include "txn/transaction_status.h"

using strata::txn::TransactionStatus;

TEST_CASE("transaction status bytes are PostgreSQL's ReadyForQuery bytes") {
  CHECK(static_cast<char>(TransactionStatus::kIdle) == 'I');
  CHECK(static_cast<char>(TransactionStatus::kInBlock) == 'T');
  CHECK(static_cast<char>(TransactionStatus::kFailed) == 'E');
  CHECK(std::string(strata::txn::TransactionStatusName(TransactionStatus::kFailed)) ==
        "in failed transaction");
}
