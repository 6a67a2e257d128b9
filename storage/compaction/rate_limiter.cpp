// RateLimiter (see rate_limiter.h).
#include "storage/compaction/rate_limiter.h"

#include <chrono>
#include <thread>

namespace strata::storage {

namespace {

class SteadyClock final : public RateLimiter::Clock {
 public:
  int64_t NowMicros() override {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  void SleepForMicros(int64_t micros) override {
    if (micros > 0) std::this_thread::sleep_for(std::chrono::microseconds(micros));
  }
};

}  // namespace

RateLimiter::Clock* RateLimiter::RealClock() {
  static SteadyClock clock;
  return &clock;
}

RateLimiter::RateLimiter(int64_t bytes_per_second, int64_t burst_bytes, Clock* clock)
    : clock_(clock != nullptr ? clock : RealClock()),
      bytes_per_second_(bytes_per_second),
      burst_bytes_(burst_bytes > 0 ? burst_bytes : 0),
      paid_until_micros_(0) {}

void RateLimiter::Request(int64_t bytes) {
  if (bytes <= 0) return;
  double wait_micros = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++total_requests_;
    total_bytes_ += bytes;
    const int64_t rate = bytes_per_second_;
    if (rate <= 0) return;
    const double now = static_cast<double>(clock_->NowMicros());
    const int64_t burst = burst_bytes_ > 0 ? burst_bytes_ : rate / 10;
    const double burst_micros = static_cast<double>(burst) * 1e6 / static_cast<double>(rate);
    // An idle bucket holds at most `burst` tokens.
    if (!started_ || paid_until_micros_ < now - burst_micros) {
      paid_until_micros_ = now - burst_micros;
      started_ = true;
    }
    paid_until_micros_ += static_cast<double>(bytes) * 1e6 / static_cast<double>(rate);
    wait_micros = paid_until_micros_ - now;
  }
  if (wait_micros >= 1) clock_->SleepForMicros(static_cast<int64_t>(wait_micros));
}

void RateLimiter::SetBytesPerSecond(int64_t bytes_per_second) {
  std::lock_guard<std::mutex> lock(mu_);
  bytes_per_second_ = bytes_per_second;
}

int64_t RateLimiter::GetBytesPerSecond() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_per_second_;
}

int64_t RateLimiter::GetTotalBytesThrough() const {
  std::lock_guard<std::mutex> lock(mu_);
  return total_bytes_;
}

int64_t RateLimiter::GetTotalRequests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return total_requests_;
}

}  // namespace strata::storage
