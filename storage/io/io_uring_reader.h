// Positional reads through io_uring, with a pread fallback, used by
// PosixFileSystem's RandomAccessFile.
//
// Runtime detection: io_uring may be compiled in (liburing) yet unusable —
// old kernels (ENOSYS), seccomp-filtered containers (EPERM), sysctl
// kernel.io_uring_disabled, or memlock limits (ENOMEM). IoUringReader::
// Available() probes once per process (creates a ring and checks that
// IORING_OP_READ is supported); callers fall back to pread when it is false or
// when ReadAll reports that no ring could be created.
//
// Thread safety: ReadAll may be called concurrently from any number of
// threads. Each call borrows a ring from a process-wide pool (creating one
// when none is idle) and returns it afterwards, so a ring is never shared by
// two calls and no lock is held during I/O. At most RingPool::kMaxIdle idle
// rings are cached; short-lived threads reuse them instead of setting up
// their own.
// Invariant: ReadAll never returns while a submitted request is still in
// flight, so callers' buffers are not written after it returns.
#pragma once

#include <cstddef>
#include <cstdint>

namespace strata::storage {

// One positional read. Reads loop until `length` bytes, end of file, or error.
struct PositionalRead {
  uint64_t offset = 0;
  size_t length = 0;
  char* buf = nullptr;
  size_t bytes_read = 0;  // out: < length only at end of file or on error
  int error = 0;          // out: errno of the failure, 0 on success
};

// Completes every read with pread(2). With short_read_is_eof (O_DIRECT files,
// whose continuation offset would be unaligned) a short read ends a request.
void PreadAll(int fd, PositionalRead* reads, size_t n, bool short_read_is_eof);

class IoUringReader {
 public:
  // Entries per ring; a batch larger than this is submitted in waves.
  static constexpr unsigned kQueueDepth = 64;

  // Whether io_uring works in this process (probed once, then cached).
  static bool Available();

  // Submits all reads as one batch and waits for every completion. Returns
  // false, having done nothing, when io_uring is unavailable or no ring can
  // be created (e.g. memlock limits);
  // requests the kernel rejects as unsupported are completed with pread.
  static bool ReadAll(int fd, PositionalRead* reads, size_t n, bool short_read_is_eof);
};

}  // namespace strata::storage
