// Progress bar or plain progress lines (see progress.h).
#include "tools/stratactl/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace strata::tools {

std::string HumanBytes(uint64_t bytes) {
  static const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int unit = 0;
  while (v >= 1024 && unit < 4) {
    v /= 1024;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", v, kUnits[unit]);
}

Progress::Progress(std::string label, uint64_t total, bool force_plain)
    : label_(std::move(label)), total_(total), tty_(!force_plain && ::isatty(STDERR_FILENO)) {}

Progress::~Progress() { Finish(); }

void Progress::Update(uint64_t done, const std::string& item) {
  const int percent = total_ == 0 ? 100 : static_cast<int>(done * 100 / total_);
  if (tty_) {
    constexpr int kWidth = 30;
    const int filled = percent * kWidth / 100;
    std::fprintf(stderr, "\r%s [%s%s] %3d%%  %s / %s  %-24.24s", label_.c_str(),
                 std::string(filled, '#').c_str(), std::string(kWidth - filled, '-').c_str(),
                 percent, HumanBytes(done).c_str(), HumanBytes(total_).c_str(), item.c_str());
    std::fflush(stderr);
    return;
  }
  if (percent == last_percent_) return;
  last_percent_ = percent;
  std::fprintf(stderr, "%s: %d%% (%llu/%llu bytes) %s\n", label_.c_str(), percent,
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
               item.c_str());
}

void Progress::Finish() {
  if (finished_) return;
  finished_ = true;
  if (tty_) std::fputc('\n', stderr);
}

}  // namespace strata::tools
