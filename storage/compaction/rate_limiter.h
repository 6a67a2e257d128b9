// RateLimiter: a token bucket that caps the bytes per second background work
// (compaction and flush output) writes, so foreground I/O keeps its share of
// the device.
//
// Model: tokens accrue at bytes_per_second up to a capacity of burst_bytes.
// Request(n) takes n tokens, waiting (sleeping, outside any lock) until the
// bucket has paid for them; a request larger than the burst simply waits
// longer. Reservations are granted in arrival order, so a large request is
// not starved by a stream of small ones. Internally the bucket is kept as a
// "paid-up-to" time, which makes the arithmetic exact and lock hold times
// tiny.
//
// bytes_per_second <= 0 means unlimited (Request never waits).
// Thread safety: all methods are thread-safe.
#pragma once

#include <cstdint>
#include <mutex>

namespace strata::storage {

class RateLimiter {
 public:
  // Time source; tests substitute a fake one.
  class Clock {
   public:
    virtual ~Clock() = default;
    virtual int64_t NowMicros() = 0;
    virtual void SleepForMicros(int64_t micros) = 0;
  };
  // steady_clock and real sleeps.
  static Clock* RealClock();

  // burst_bytes <= 0 means bytes_per_second / 10 (100 ms worth). clock may be
  // null (RealClock()); not owned, must outlive the limiter.
  explicit RateLimiter(int64_t bytes_per_second, int64_t burst_bytes = 0, Clock* clock = nullptr);
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Blocks until `bytes` may be written. bytes <= 0 returns at once.
  void Request(int64_t bytes);

  // Takes effect for requests made after the call.
  void SetBytesPerSecond(int64_t bytes_per_second);
  int64_t GetBytesPerSecond() const;

  int64_t GetTotalBytesThrough() const;
  int64_t GetTotalRequests() const;

 private:
  Clock* const clock_;
  mutable std::mutex mu_;
  int64_t bytes_per_second_;    // guarded by mu_
  int64_t burst_bytes_;         // guarded by mu_; 0 = derive from the rate
  double paid_until_micros_;    // guarded by mu_; time at which all granted tokens are accrued
  bool started_ = false;        // guarded by mu_
  int64_t total_bytes_ = 0;     // guarded by mu_
  int64_t total_requests_ = 0;  // guarded by mu_
};

}  // namespace strata::storage
