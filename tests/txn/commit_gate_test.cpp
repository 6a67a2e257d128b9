// CommitGate: shared committers pass together, an exclusive one passes alone,
// and a waiting exclusive committer holds back new shared ones.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "txn/commit_gate.h"

namespace strata::txn {
namespace {

using namespace std::chrono_literals;

TEST_CASE("shared committers are inside the gate at the same time", "[commit_gate]") {
  CommitGate gate;
  SharedCommitGate first(gate);
  std::atomic<bool> second_inside{false};
  std::thread t([&] {
    SharedCommitGate second(gate);
    second_inside = true;
  });
  t.join();  // would hang if shared entries excluded each other
  CHECK(second_inside);
}

TEST_CASE("an exclusive committer waits for the shared ones to leave", "[commit_gate]") {
  CommitGate gate;
  std::atomic<bool> exclusive_inside{false};
  std::thread t;
  {
    SharedCommitGate shared(gate);
    t = std::thread([&] {
      std::lock_guard<CommitGate> lock(gate);
      exclusive_inside = true;
    });
    std::this_thread::sleep_for(50ms);
    CHECK_FALSE(exclusive_inside);
  }
  t.join();
  CHECK(exclusive_inside);
}

TEST_CASE("a waiting exclusive committer holds back new shared ones", "[commit_gate]") {
  CommitGate gate;
  std::atomic<int> order{0};
  std::atomic<int> exclusive_at{-1}, late_shared_at{-1};
  std::thread exclusive, late_shared;
  {
    SharedCommitGate early(gate);
    exclusive = std::thread([&] {
      std::lock_guard<CommitGate> lock(gate);
      exclusive_at = order++;
      std::this_thread::sleep_for(20ms);
    });
    std::this_thread::sleep_for(50ms);  // the exclusive committer is waiting now
    late_shared = std::thread([&] {
      SharedCommitGate late(gate);
      late_shared_at = order++;
    });
    std::this_thread::sleep_for(50ms);
    CHECK(late_shared_at == -1);  // not let in past the waiting exclusive one
  }
  exclusive.join();
  late_shared.join();
  CHECK(exclusive_at == 0);
  CHECK(late_shared_at == 1);
}

}  // namespace
}  // namespace strata::txn
