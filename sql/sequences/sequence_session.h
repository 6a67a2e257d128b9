// The sequence functions' view of the running session: its Database and the
// values currval()/lastval() report (per session, as in PostgreSQL).
// SqlSession installs it for the statement running on this thread, like the
// session settings (settings/session_settings.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "catalog/catalog_objects.h"

namespace strata::sql {

class Database;
class TransactionBlock;

struct SequenceSession {
  Database* db = nullptr;  // null: a session without tables (sequences: 0A000)
  // The session's transaction block: inside one that did DDL, names resolve
  // in its own catalog (a sequence it created is visible to it).
  const TransactionBlock* block = nullptr;
  std::map<catalog::Oid, int64_t> last_values;  // currval() per sequence
  std::optional<catalog::Oid> last_used;        // lastval(): the last nextval'd
  // nextval ran since the last SyncNextvalLog(): a commit must make the value
  // records it relied on durable.
  bool used_nextval = false;
};

// Called before a transaction commits: if this session's nextval calls may
// rely on value records not yet synced, syncs them (SequenceValues::
// SyncLogged), so that no committed row holds a value the sequence could
// hand out again after a crash. Cheap when nextval was not called.
void SyncNextvalLog();

// REQUIRES: inside a ScopedSequenceSession (else SqlError XX000).
SequenceSession& CurrentSequenceSession();
// Null outside a ScopedSequenceSession.
SequenceSession* CurrentSequenceSessionOrNull();

class ScopedSequenceSession {
 public:
  explicit ScopedSequenceSession(SequenceSession* session);
  ~ScopedSequenceSession();
  ScopedSequenceSession(const ScopedSequenceSession&) = delete;
  ScopedSequenceSession& operator=(const ScopedSequenceSession&) = delete;

 private:
  SequenceSession* previous_;
};

}  // namespace strata::sql
