// txid_current() and txid_current_if_assigned(): the current transaction's
// id (txn::Transaction::AssignTxid), assigned on demand or at its first row
// write. Also current_transaction.h's thread-local.
#include "sql/backend_status.h"
#include "common/sql_error.h"
#include "sql/current_transaction.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

namespace {
thread_local ScopedCurrentTransaction::State* current_state = nullptr;
}

ScopedCurrentTransaction::ScopedCurrentTransaction(txn::Transaction* txn)
    : previous_(current_state) {
  state_.txn = txn;
  current_state = &state_;
}
ScopedCurrentTransaction::ScopedCurrentTransaction(std::function<txn::Transaction*()> make)
    : previous_(current_state) {
  state_.make = std::move(make);
  current_state = &state_;
}
ScopedCurrentTransaction::~ScopedCurrentTransaction() { current_state = previous_; }

txn::Transaction* CurrentTransaction() {
  ScopedCurrentTransaction::State* state = current_state;
  if (state == nullptr) return nullptr;
  if (state->txn == nullptr && state->make) state->txn = state->make();
  return state->txn;
}

namespace {

txn::Transaction* RequireTransaction() {
  txn::Transaction* txn = CurrentTransaction();
  if (txn == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "transaction ids are not available in this session");
  }
  return txn;
}

Value TxidCurrent(std::span<const Value>) {
  Result<uint64_t> id = RequireTransaction()->AssignTxid();
  if (!id.ok()) throw SqlError(SqlState::kIoError, id.status().ToString());
  if (BackendStatus* status = CurrentBackendStatus()) status->SetTransactionId(id.value());
  return Value::Int8(static_cast<int64_t>(id.value()));
}

Value TxidCurrentIfAssigned(std::span<const Value>) {
  const auto id = RequireTransaction()->assigned_txid();
  return id ? Value::Int8(static_cast<int64_t>(*id)) : Value::Null(type_oid::kInt8);
}

constexpr Oid k0 = type_oid::kInvalid;

const SqlFunction kFunctions[] = {
    {"txid_current", {k0, k0, k0, k0, k0, k0, k0}, 0, type_oid::kInt8,
     {"txid_current", TxidCurrent}},
    {"txid_current_if_assigned", {k0, k0, k0, k0, k0, k0, k0}, 0, type_oid::kInt8,
     {"txid_current_if_assigned", TxidCurrentIfAssigned}},
};

}  // namespace

std::span<const SqlFunction> TxidSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
