// nextval, currval, setval and lastval: the SQL functions over sequences.
// The sequence is named by a text argument ('s', 'sch.s', '"Odd"') parsed
// like PostgreSQL's regclass input: dot-separated identifiers, unquoted ones
// folded to lower case, then looked up as a relation.
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/database.h"
#include "sql/expr/sql_function.h"
#include "sql/sequences/sequence_names.h"
#include "sql/sequences/sequence_session.h"
#include "sql/sequences/sequence_values.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/reg_types.h"
#include "sql/transaction_block.h"

namespace strata::sql {

namespace {

thread_local SequenceSession* current_session = nullptr;

using Args = std::span<const Value>;

// The catalog the running statement sees.
std::shared_ptr<const catalog::CatalogSnapshot> StatementCatalog(const SequenceSession& session) {
  if (session.block != nullptr && session.block->private_catalog()) {
    return session.block->private_catalog();
  }
  return session.db->catalog()->Current();
}

struct Target {
  Database* db;
  catalog::SequenceDesc seq;
};

// Resolves the sequence and checks that the role holds one of `any_of`.
Target ResolveChecked(const Value& name, uint32_t any_of);

Target Resolve(const Value& name) {
  SequenceSession& session = CurrentSequenceSession();
  if (session.db == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "sequences need a database");
  }
  auto catalog = StatementCatalog(session);
  if (name.type() == type_oid::kRegclass) {  // nextval('s'::regclass): the OID itself
    const auto oid = static_cast<catalog::Oid>(name.int_value());
    if (const catalog::SequenceDesc* seq = catalog->FindSequence(oid)) {
      return Target{session.db, *seq};
    }
    std::string relname;
    if (const catalog::TableDesc* t = catalog->FindTable(oid)) relname = t->name;
    if (const catalog::ViewDesc* v = catalog->FindView(oid)) relname = v->name;
    if (relname.empty()) {
      throw SqlError(SqlState::kInternalError,
                     "could not open relation with OID " + std::to_string(oid));
    }
    throw SqlError(SqlState::kWrongObjectType, "\"" + relname + "\" is not a sequence");
  }
  return Target{session.db, ResolveSequenceName(*catalog, name.string_value())};
}

Target ResolveChecked(const Value& name, uint32_t any_of) {
  Target t = Resolve(name);
  CheckSequencePrivileges(*StatementCatalog(CurrentSequenceSession()), t.seq, any_of);
  return t;
}

void Remember(SequenceSession& session, catalog::Oid oid, int64_t value) {
  session.last_values[oid] = value;
  session.last_used = oid;
}

// Bind-time check of a literal name: what regclass input rejects (bad
// syntax, a missing schema or relation). "not a sequence" waits for the call.
void CheckRelationLiteral(const Value& name) {
  SequenceSession& session = CurrentSequenceSession();
  if (session.db == nullptr) return;
  auto catalog = StatementCatalog(session);
  try {
    ResolveSequenceName(*catalog, name.string_value());
  } catch (const SqlError& e) {
    if (e.fields().sqlstate != SqlState::kWrongObjectType) throw;
  }
}

Value NextVal(Args a) {
  Target t = ResolveChecked(a[0], catalog::kAclUsage | catalog::kAclUpdate);
  const int64_t v = t.db->sequence_values()->Next(t.seq);
  SequenceSession& session = CurrentSequenceSession();
  session.used_nextval = true;
  Remember(session, t.seq.oid, v);
  return Value::Int8(v);
}

Value CurrVal(Args a) {
  Target t = ResolveChecked(a[0], catalog::kAclSelect | catalog::kAclUsage);
  const SequenceSession& session = CurrentSequenceSession();
  auto it = session.last_values.find(t.seq.oid);
  if (it == session.last_values.end()) {
    throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                   "currval of sequence \"" + t.seq.name + "\" is not yet defined in this session");
  }
  return Value::Int8(it->second);
}

Value LastVal(Args) {
  SequenceSession& session = CurrentSequenceSession();
  if (!session.last_used.has_value() || session.db == nullptr) {
    throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                   "lastval is not yet defined in this session");
  }
  auto catalog = StatementCatalog(session);
  const catalog::SequenceDesc* seq = catalog->FindSequence(*session.last_used);
  if (seq == nullptr) {
    throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                   "lastval is not yet defined in this session");
  }
  CheckSequencePrivileges(*catalog, *seq, catalog::kAclSelect | catalog::kAclUsage);
  return Value::Int8(session.last_values.at(seq->oid));
}

Value SetVal(const Value& name, int64_t value, bool is_called) {
  Target t = ResolveChecked(name, catalog::kAclUpdate);
  if (value < t.seq.min_value || value > t.seq.max_value) {
    throw SqlError(SqlState::kNumericValueOutOfRange,
                   "setval: value " + std::to_string(value) + " is out of bounds for sequence \"" +
                       t.seq.name + "\" (" + std::to_string(t.seq.min_value) + ".." +
                       std::to_string(t.seq.max_value) + ")");
  }
  t.db->sequence_values()->Set(t.seq, value, is_called);
  // Like PostgreSQL, setval with is_called true also sets currval.
  if (is_called) Remember(CurrentSequenceSession(), t.seq.oid, value);
  return Value::Int8(value);
}

Value SetVal2(Args a) { return SetVal(a[0], a[1].int_value(), true); }
Value SetVal3(Args a) { return SetVal(a[0], a[1].int_value(), a[2].bool_value()); }

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kText = type_oid::kText;
constexpr Oid kInt8 = type_oid::kInt8;
constexpr Oid kBool = type_oid::kBool;
constexpr Oid kRegclass = type_oid::kRegclass;

// PostgreSQL declares the first argument regclass; an unknown literal
// ('s') resolves to the text forms, which accept the same literals and
// check them at bind time.
const SqlFunction kFunctions[] = {
    {"nextval", {kText, k0, k0, k0, k0, k0, k0}, 1, kInt8, {"nextval", NextVal}, false, CheckRelationLiteral},
    {"currval", {kText, k0, k0, k0, k0, k0, k0}, 1, kInt8, {"currval", CurrVal}, false, CheckRelationLiteral},
    {"lastval", {k0, k0, k0, k0, k0, k0, k0}, 0, kInt8, {"lastval", LastVal}},
    {"setval", {kText, kInt8, k0, k0, k0, k0, k0}, 2, kInt8, {"setval", SetVal2}, false, CheckRelationLiteral},
    {"setval", {kText, kInt8, kBool, k0, k0, k0, k0}, 3, kInt8, {"setval", SetVal3}, false, CheckRelationLiteral},
    // The regclass forms PostgreSQL declares (pg_dump writes nextval('s'::regclass)).
    {"nextval", {kRegclass, k0, k0, k0, k0, k0, k0}, 1, kInt8, {"nextval", NextVal}},
    {"currval", {kRegclass, k0, k0, k0, k0, k0, k0}, 1, kInt8, {"currval", CurrVal}},
    {"setval", {kRegclass, kInt8, k0, k0, k0, k0, k0}, 2, kInt8, {"setval", SetVal2}},
    {"setval", {kRegclass, kInt8, kBool, k0, k0, k0, k0}, 3, kInt8, {"setval", SetVal3}},
};

}  // namespace

std::span<const SqlFunction> SequenceSqlFunctions() { return kFunctions; }

SequenceSession& CurrentSequenceSession() {
  if (current_session == nullptr) {
    throw SqlError(SqlState::kInternalError, "no session for sequence functions in this context");
  }
  return *current_session;
}

SequenceSession* CurrentSequenceSessionOrNull() { return current_session; }

void SyncNextvalLog() {
  SequenceSession* session = current_session;
  if (session == nullptr || !session->used_nextval || session->db == nullptr) return;
  session->db->sequence_values()->SyncLogged();
  session->used_nextval = false;
}

ScopedSequenceSession::ScopedSequenceSession(SequenceSession* session)
    : previous_(current_session) {
  current_session = session;
}

ScopedSequenceSession::~ScopedSequenceSession() { current_session = previous_; }

}  // namespace strata::sql
