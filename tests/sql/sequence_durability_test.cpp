// SequenceValues across a power loss (FaultInjectionFileSystem): nextval's
// log-ahead value records are written without sync, and SyncLogged (what a
// committing transaction that used nextval calls) makes them durable, so a
// value handed out before the sync is never handed out again.
#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <string>

#include "catalog/catalog_objects.h"
#include "sql/sequences/sequence_values.h"
#include "storage/engine.h"
#include "storage/io/fault_injection_file_system.h"
#include "storage/io/mem_file_system.h"

namespace strata::sql {
namespace {

constexpr char kDir[] = "/seq";

class PowerLossDisk {
 public:
  PowerLossDisk() : fs_(&base_) { options_.fs = &fs_; }

  std::unique_ptr<storage::Engine> Open() {
    auto opened = storage::Engine::Open(kDir, options_);
    REQUIRE(opened.ok());
    return std::move(opened).value();
  }

  // Everything not synced is gone, as after a power loss; the engine dies.
  void PowerLoss(std::unique_ptr<storage::Engine>* engine) {
    fs_.SetSpaceLimit(0);  // the dying engine writes nothing more
    REQUIRE(fs_.DropUnsyncedData().ok());
    (void)(*engine)->Close();
    engine->reset();
    REQUIRE(fs_.DropUnsyncedData().ok());
    fs_.SetSpaceLimit(std::nullopt);
  }

 private:
  storage::MemFileSystem base_;
  storage::FaultInjectionFileSystem fs_;
  storage::EngineOptions options_;
};

catalog::SequenceDesc Sequence() {
  catalog::SequenceDesc seq;
  seq.oid = 16400;
  seq.name = std::string(1, 's');
  return seq;
}

TEST_CASE("nextval's value records are durable once SyncLogged ran", "[sequence][crash]") {
  PowerLossDisk disk;
  std::unique_ptr<storage::Engine> engine = disk.Open();
  const catalog::SequenceDesc seq = Sequence();
  {
    SequenceValues values(engine.get(), "");
    for (int64_t i = 1; i <= 5; ++i) CHECK(values.Next(seq) == i);
    values.SyncLogged();
    values.SyncLogged();  // nothing left to sync: no effect
  }
  disk.PowerLoss(&engine);
  engine = disk.Open();
  SequenceValues values(engine.get(), "");
  // The record logged 32 values ahead survived: the sequence resumes after it.
  CHECK(values.Next(seq) == 1 + SequenceValues::kLogAhead + 1);
}

TEST_CASE("nextval alone does not sync its value record", "[sequence][crash]") {
  PowerLossDisk disk;
  std::unique_ptr<storage::Engine> engine = disk.Open();
  const catalog::SequenceDesc seq = Sequence();
  {
    SequenceValues values(engine.get(), "");
    for (int64_t i = 1; i <= 5; ++i) CHECK(values.Next(seq) == i);
  }
  disk.PowerLoss(&engine);
  engine = disk.Open();
  SequenceValues values(engine.get(), "");
  // No transaction committed, so no row can hold these values: starting
  // over is allowed (PostgreSQL does the same), and nothing synced per call.
  CHECK(values.Next(seq) == 1);
}

TEST_CASE("setval is synced at once", "[sequence][crash]") {
  PowerLossDisk disk;
  std::unique_ptr<storage::Engine> engine = disk.Open();
  const catalog::SequenceDesc seq = Sequence();
  {
    SequenceValues values(engine.get(), "");
    values.Set(seq, 100, /*is_called=*/true);
  }
  disk.PowerLoss(&engine);
  engine = disk.Open();
  SequenceValues values(engine.get(), "");
  CHECK(values.Next(seq) == 101);
}

}  // namespace
}  // namespace strata::sql
