// RateLimiter: exact accounting with a fake clock, and a real multi-threaded
// throughput bound.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "storage/compaction/rate_limiter.h"

namespace strata::storage {
namespace {

class FakeClock final : public RateLimiter::Clock {
 public:
  int64_t NowMicros() override { return now_.load(); }
  void SleepForMicros(int64_t micros) override {
    slept_ += micros;
    now_ += micros;
  }
  void Advance(int64_t micros) { now_ += micros; }
  int64_t slept() const { return slept_.load(); }

 private:
  std::atomic<int64_t> now_{1'000'000};
  std::atomic<int64_t> slept_{0};
};

TEST_CASE("RateLimiter paces requests at the configured rate", "[rate_limiter]") {
  FakeClock clock;
  RateLimiter limiter(/*bytes_per_second=*/1000, /*burst_bytes=*/100, &clock);
  // The first 100 bytes are the burst; every further byte costs 1 ms.
  limiter.Request(100);
  CHECK(clock.slept() == 0);
  limiter.Request(100);
  CHECK(clock.slept() == 100'000);
  for (int i = 0; i < 8; ++i) limiter.Request(100);
  CHECK(clock.slept() == 900'000);
  CHECK(limiter.GetTotalBytesThrough() == 1000);
  CHECK(limiter.GetTotalRequests() == 10);

  // After an idle second the bucket is full again, but only to the burst.
  clock.Advance(1'000'000);
  limiter.Request(100);
  CHECK(clock.slept() == 900'000);
  limiter.Request(50);
  CHECK(clock.slept() == 950'000);

  // A request larger than the burst waits for the difference.
  clock.Advance(10'000'000);
  limiter.Request(600);
  CHECK(clock.slept() == 950'000 + 500'000);
}

TEST_CASE("RateLimiter rate changes and unlimited mode", "[rate_limiter]") {
  FakeClock clock;
  RateLimiter limiter(0, 0, &clock);
  limiter.Request(1 << 30);
  CHECK(clock.slept() == 0);
  limiter.SetBytesPerSecond(2000);
  CHECK(limiter.GetBytesPerSecond() == 2000);
  limiter.Request(200);  // burst = 2000/10 = 200 bytes
  CHECK(clock.slept() == 0);
  limiter.Request(200);
  CHECK(clock.slept() == 100'000);
  limiter.Request(0);
  limiter.Request(-5);
  CHECK(limiter.GetTotalRequests() == 3);
}

TEST_CASE("RateLimiter bounds real throughput across threads", "[rate_limiter]") {
  // 1 MB/s with a 10 KB burst; 4 threads x 50 x 1 KB = 200 KB need >= ~190 ms.
  RateLimiter limiter(1 << 20, 10 << 10);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) limiter.Request(1 << 10);
    });
  }
  for (auto& th : threads) th.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(limiter.GetTotalBytesThrough() == 200 << 10);
  CHECK(seconds >= 0.18);
  CHECK(seconds < 2.0);
}

}  // namespace
}  // namespace strata::storage
