// Progress: how long stratactl operations report how far they are. On a
// terminal (stderr is a tty) a bar redrawn in place:
//   verify [##########----------]  52%  1.2 GiB / 2.3 GiB  000123.sst
// otherwise one plain line per step (logs, pipes, CI):
//   verify: 52% (1234567/2345678 bytes) 000123.sst
// Plain lines are rate-limited to one per percent. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace strata::tools {

class Progress {
 public:
  // `force_plain` for tests; otherwise decided by isatty(stderr).
  Progress(std::string label, uint64_t total, bool force_plain = false);
  ~Progress();
  // Reports that `done` of `total` units are finished, working on `item`.
  void Update(uint64_t done, const std::string& item);
  // Ends the bar (a newline on a terminal).
  void Finish();

 private:
  std::string label_;
  uint64_t total_;
  bool tty_;
  int last_percent_ = -1;
  bool finished_ = false;
};

// "1.2 GiB", "340 KiB", "12 B".
std::string HumanBytes(uint64_t bytes);

}  // namespace strata::tools
