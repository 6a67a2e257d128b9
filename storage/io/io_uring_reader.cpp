// io_uring batched positional reads with pread fallback (see io_uring_reader.h).
#include "storage/io/io_uring_reader.h"

#include <liburing.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <mutex>
#include <vector>

namespace strata::storage {

namespace {

void PreadOne(int fd, PositionalRead* r, bool short_read_is_eof) {
  while (r->bytes_read < r->length) {
    ssize_t got = ::pread(fd, r->buf + r->bytes_read, r->length - r->bytes_read,
                          static_cast<off_t>(r->offset + r->bytes_read));
    if (got < 0) {
      if (errno == EINTR) continue;
      r->error = errno;
      return;
    }
    if (got == 0) return;  // end of file
    r->bytes_read += static_cast<size_t>(got);
    if (short_read_is_eof && r->bytes_read < r->length) return;
  }
}

// One ring, used by one reader at a time (see the header's thread-safety note).
struct Ring {
  io_uring ring{};
  bool ok = false;       // queue_init succeeded (the ring must be torn down)
  bool retired = false;  // stopped using it after an unexpected failure
  Ring() { ok = io_uring_queue_init(IoUringReader::kQueueDepth, &ring, 0) == 0; }
  ~Ring() {
    if (ok) io_uring_queue_exit(&ring);
  }
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;
};

// Idle rings, lent to one ReadAll call at a time. The mutex is held only to
// pop/push a pointer, never during I/O.
class RingPool {
 public:
  static constexpr size_t kMaxIdle = 32;

  // An idle ring, or a new one; nullptr if a new ring cannot be created.
  std::unique_ptr<Ring> Acquire() {
    {
      std::lock_guard<std::mutex> l(mu_);
      if (!idle_.empty()) {
        std::unique_ptr<Ring> r = std::move(idle_.back());
        idle_.pop_back();
        return r;
      }
    }
    auto r = std::make_unique<Ring>();
    return r->ok ? std::move(r) : nullptr;
  }

  void Release(std::unique_ptr<Ring> r) {
    if (r->retired) return;  // torn down here
    std::lock_guard<std::mutex> l(mu_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(r));
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<Ring>> idle_;
};

RingPool& Pool() {
  static RingPool pool;
  return pool;
}

// Returns the borrowed ring to the pool on scope exit.
class RingLease {
 public:
  RingLease() : ring_(Pool().Acquire()) {}
  ~RingLease() {
    if (ring_) Pool().Release(std::move(ring_));
  }
  RingLease(const RingLease&) = delete;
  RingLease& operator=(const RingLease&) = delete;
  Ring* get() const { return ring_.get(); }

 private:
  std::unique_ptr<Ring> ring_;
};

bool ProbeIoUring() {
  io_uring ring{};
  if (io_uring_queue_init(4, &ring, 0) != 0) return false;  // ENOSYS, EPERM, ENOMEM, ...
  bool ok = false;
  if (io_uring_probe* probe = io_uring_get_probe_ring(&ring)) {
    ok = io_uring_opcode_supported(probe, IORING_OP_READ);
    io_uring_free_probe(probe);
  }
  io_uring_queue_exit(&ring);
  return ok;
}

}  // namespace

void PreadAll(int fd, PositionalRead* reads, size_t n, bool short_read_is_eof) {
  for (size_t i = 0; i < n; ++i) PreadOne(fd, &reads[i], short_read_is_eof);
}

bool IoUringReader::Available() {
  static const bool available = ProbeIoUring();
  return available;
}

bool IoUringReader::ReadAll(int fd, PositionalRead* reads, size_t n, bool short_read_is_eof) {
  if (!Available()) return false;
  RingLease lease;
  if (lease.get() == nullptr) return false;
  Ring& tr = *lease.get();
  io_uring* ring = &tr.ring;

  std::vector<size_t> pending;
  pending.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (reads[i].length > reads[i].bytes_read) pending.push_back(i);
  }
  std::vector<size_t> again;
  while (!pending.empty()) {
    // Queue one wave of at most kQueueDepth requests.
    size_t wave = 0;
    while (wave < pending.size() && wave < kQueueDepth) {
      io_uring_sqe* sqe = io_uring_get_sqe(ring);
      if (sqe == nullptr) break;
      PositionalRead& r = reads[pending[wave]];
      io_uring_prep_read(sqe, fd, r.buf + r.bytes_read,
                         static_cast<unsigned>(r.length - r.bytes_read), r.offset + r.bytes_read);
      io_uring_sqe_set_data64(sqe, pending[wave]);
      ++wave;
    }
    int submitted;
    do {
      submitted = io_uring_submit(ring);
    } while (submitted == -EINTR || submitted == -EAGAIN);
    if (submitted < 0) submitted = 0;
    size_t inflight = static_cast<size_t>(submitted);
    // SQEs the kernel did not accept stay queued in the ring and would be
    // submitted by a later call with stale user data, so a partial submit
    // retires the ring: finish the wave with pread, then drop the ring.
    const bool retire_ring = inflight < wave;
    again.clear();
    for (size_t done = 0; done < inflight;) {
      io_uring_cqe* cqe = nullptr;
      int rc = io_uring_wait_cqe(ring, &cqe);
      if (rc == -EINTR || rc == -EAGAIN) continue;
      if (rc < 0) {
        // Cannot reap: the ring is unusable. Report the unfinished reads of
        // this wave as failed; not reachable with a healthy kernel.
        for (size_t j = 0; j < wave; ++j) {
          PositionalRead& r = reads[pending[j]];
          if (r.error == 0 && r.bytes_read < r.length) r.error = -rc;
        }
        tr.retired = true;
        return true;
      }
      size_t idx = static_cast<size_t>(io_uring_cqe_get_data64(cqe));
      int res = cqe->res;
      io_uring_cqe_seen(ring, cqe);
      ++done;
      PositionalRead& r = reads[idx];
      if (res == -EINTR || res == -EAGAIN) {
        again.push_back(idx);
      } else if (res == -EOPNOTSUPP || res == -ENOSYS) {
        PreadOne(fd, &r, short_read_is_eof);
      } else if (res < 0) {
        r.error = -res;
      } else if (res > 0) {
        r.bytes_read += static_cast<size_t>(res);
        // A short read continues (the next returns 0 at end of file); with
        // O_DIRECT a short read already is end of file and the unaligned
        // continuation would fail with EINVAL.
        if (r.bytes_read < r.length && !short_read_is_eof) again.push_back(idx);
      }
      // res == 0: end of file.
    }
    for (size_t j = wave; j < pending.size(); ++j) again.push_back(pending[j]);
    if (retire_ring) {
      tr.retired = true;
      for (size_t j = inflight; j < wave; ++j) PreadOne(fd, &reads[pending[j]], short_read_is_eof);
      for (size_t idx : again) PreadOne(fd, &reads[idx], short_read_is_eof);
      return true;
    }
    pending.swap(again);
  }
  return true;
}

}  // namespace strata::storage
