// Fault-injecting, power-loss-simulating FileSystem wrapper
// (see fault_injection_file_system.h).
#include "storage/io/fault_injection_file_system.h"

#include <cerrno>
#include <thread>

#include "storage/io/path.h"

namespace strata::storage {

// Durability state of one file. Renames move the shared_ptr to the new name;
// hard links share it. Guarded by the file system's mu_.
struct FaultInjectionFileSystem::TrackedFile {
  uint64_t synced_size = 0;
};

// An open writer. `mu` serializes the writer's calls with DropUnsyncedData.
// Lock order: WriterState::mu before FaultInjectionFileSystem::mu_.
struct FaultInjectionFileSystem::WriterState {
  std::mutex mu;
  std::unique_ptr<WritableFile> base;
  std::shared_ptr<TrackedFile> tracked;
  std::string path;
  bool dead = false;  // the simulated machine lost power
};

class FaultInjectionFileSystem::FaultWritableFile final : public WritableFile {
 public:
  FaultWritableFile(FaultInjectionFileSystem* fs, std::shared_ptr<WriterState> state)
      : fs_(fs), st_(std::move(state)) {}

  Status Append(Slice data) override {
    std::lock_guard<std::mutex> l(st_->mu);
    STRATA_RETURN_IF_ERROR(CheckAlive());
    size_t allowed = 0;
    Status fault = fs_->BeforeAppend(st_->path, data.size(), &allowed);
    if (allowed > 0) STRATA_RETURN_IF_ERROR(st_->base->Append(data.substr(0, allowed)));
    return fault;
  }

  Status Flush() override {
    std::lock_guard<std::mutex> l(st_->mu);
    STRATA_RETURN_IF_ERROR(CheckAlive());
    return st_->base->Flush();
  }

  Status Sync() override {
    std::lock_guard<std::mutex> l(st_->mu);
    STRATA_RETURN_IF_ERROR(CheckAlive());
    STRATA_RETURN_IF_ERROR(fs_->BeforeSync());
    STRATA_RETURN_IF_ERROR(st_->base->Sync());
    fs_->AfterSync(st_->tracked.get(), st_->base->Size());
    return Status::OK();
  }

  Status Close() override {
    std::lock_guard<std::mutex> l(st_->mu);
    if (st_->dead) return Status::OK();
    return st_->base->Close();
  }

  uint64_t Size() const override {
    std::lock_guard<std::mutex> l(st_->mu);
    return st_->base->Size();
  }

 private:
  Status CheckAlive() const {
    if (st_->dead) return Status::IOError("write to " + st_->path + " after simulated power loss");
    return Status::OK();
  }

  FaultInjectionFileSystem* const fs_;
  std::shared_ptr<WriterState> st_;
};

FaultInjectionFileSystem::FaultInjectionFileSystem(FileSystem* base) : base_(base) {}
FaultInjectionFileSystem::~FaultInjectionFileSystem() = default;

// --- Faults -----------------------------------------------------------------

void FaultInjectionFileSystem::FailNthWrite(uint64_t n, Status error) {
  std::lock_guard<std::mutex> l(mu_);
  fail_write_countdown_ = n;
  write_error_ = std::move(error);
}

void FaultInjectionFileSystem::FailNthSync(uint64_t n, Status error) {
  std::lock_guard<std::mutex> l(mu_);
  fail_sync_countdown_ = n;
  sync_error_ = std::move(error);
}

void FaultInjectionFileSystem::SetSpaceLimit(std::optional<uint64_t> bytes) {
  std::lock_guard<std::mutex> l(mu_);
  space_left_ = bytes;
}

void FaultInjectionFileSystem::SetSyncDelay(std::chrono::microseconds delay) {
  std::lock_guard<std::mutex> l(mu_);
  sync_delay_ = delay;
}

Status FaultInjectionFileSystem::BeforeAppend(const std::string& path, size_t n, size_t* allowed) {
  std::lock_guard<std::mutex> l(mu_);
  ++writes_;
  *allowed = 0;
  if (fail_write_countdown_ > 0 && --fail_write_countdown_ == 0) return write_error_;
  if (space_left_.has_value()) {
    if (n > *space_left_) {
      *allowed = static_cast<size_t>(*space_left_);
      space_left_ = 0;
      return Status::FromErrno(ENOSPC, "append " + path);
    }
    *space_left_ -= n;
  }
  *allowed = n;
  return Status::OK();
}

Status FaultInjectionFileSystem::BeforeSync() {
  std::chrono::microseconds delay;
  {
    std::lock_guard<std::mutex> l(mu_);
    ++syncs_;
    if (fail_sync_countdown_ > 0 && --fail_sync_countdown_ == 0) return sync_error_;
    delay = sync_delay_;
  }
  if (delay.count() > 0) std::this_thread::sleep_for(delay);
  return Status::OK();
}

void FaultInjectionFileSystem::AfterSync(TrackedFile* file, uint64_t size) {
  std::lock_guard<std::mutex> l(mu_);
  file->synced_size = size;
}

// --- Counters -----------------------------------------------------------------

uint64_t FaultInjectionFileSystem::write_count() const {
  std::lock_guard<std::mutex> l(mu_);
  return writes_;
}
uint64_t FaultInjectionFileSystem::sync_count() const {
  std::lock_guard<std::mutex> l(mu_);
  return syncs_;
}
uint64_t FaultInjectionFileSystem::dir_sync_count() const {
  std::lock_guard<std::mutex> l(mu_);
  return dir_syncs_;
}

std::optional<uint64_t> FaultInjectionFileSystem::SyncedSize(const std::string& path) {
  const std::string p = NormalizePath(path);
  std::lock_guard<std::mutex> l(mu_);
  auto size = base_->GetFileSize(p);
  if (!size.ok()) return std::nullopt;
  auto it = tracked_.find(p);
  if (it == tracked_.end()) return *size;
  return std::min(*size, it->second->synced_size);
}

// --- Crash simulation -----------------------------------------------------------

std::optional<std::string> FaultInjectionFileSystem::DurableContents(const std::string& path) {
  auto contents = ReadFileToString(base_, path);
  if (!contents.ok()) return std::nullopt;
  auto it = tracked_.find(path);
  if (it != tracked_.end() && contents->size() > it->second->synced_size) {
    contents->resize(it->second->synced_size);
  }
  return std::move(*contents);
}

Status FaultInjectionFileSystem::RewriteFile(const std::string& path, Slice contents) {
  auto file = base_->NewWritableFile(path);
  if (!file.ok()) return file.status();
  Status s = (*file)->Append(contents);
  if (s.ok()) s = (*file)->Sync();
  Status c = (*file)->Close();
  return s.ok() ? c : s;
}

Status FaultInjectionFileSystem::DropUnsyncedData() {
  // 1. Power goes out: open writers stop. Closing their base files pushes any
  //    buffered bytes down so that step 2 sees and trims them.
  std::vector<std::shared_ptr<WriterState>> open;
  {
    std::lock_guard<std::mutex> l(mu_);
    for (auto& w : writers_) {
      if (auto sp = w.lock()) open.push_back(std::move(sp));
    }
    writers_.clear();
  }
  Status first;
  auto note = [&first](const Status& s) {
    if (!s.ok() && first.ok()) first = s;
  };
  for (auto& st : open) {
    std::lock_guard<std::mutex> wl(st->mu);
    if (!st->dead) {
      st->dead = true;
      (void)st->base->Close();  // errors here are part of the crash
    }
  }

  std::lock_guard<std::mutex> l(mu_);
  // 2. File data: trim every written file to its last synced size.
  for (const auto& [path, file] : tracked_) {
    auto size = base_->GetFileSize(path);
    if (!size.ok() || *size <= file->synced_size) continue;
    auto durable = DurableContents(path);
    if (durable.has_value()) note(RewriteFile(path, *durable));
  }
  // 3. Directory entries: undo what no SyncDir covered, newest first.
  for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) {
    switch (it->kind) {
      case DirOp::Kind::kCreate:
      case DirOp::Kind::kLink:
        if (base_->FileExists(it->path)) note(base_->DeleteFile(it->path));
        break;
      case DirOp::Kind::kRename:
        note(base_->RenameFile(it->path, it->from));
        if (it->saved.has_value()) note(RewriteFile(it->path, *it->saved));
        break;
      case DirOp::Kind::kDelete:
        if (it->saved.has_value()) note(RewriteFile(it->path, *it->saved));
        break;
    }
  }
  journal_.clear();
  tracked_.clear();  // everything left is durable now
  return first;
}

// --- FileSystem -------------------------------------------------------------------

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::NewWritableFile(
    const std::string& path, const FileOptions& options) {
  const std::string p = NormalizePath(path);
  std::lock_guard<std::mutex> l(mu_);
  const bool existed = base_->FileExists(p);
  auto file = base_->NewWritableFile(p, options);
  if (!file.ok()) return file.status();
  auto tracked = std::make_shared<TrackedFile>();
  tracked_[p] = tracked;
  if (!existed) journal_.push_back(DirOp{DirOp::Kind::kCreate, DirName(p), p, {}, {}});
  auto state = std::make_shared<WriterState>();
  state->base = std::move(file).value();
  state->tracked = std::move(tracked);
  state->path = p;
  writers_.push_back(state);
  return std::unique_ptr<WritableFile>(std::make_unique<FaultWritableFile>(this, std::move(state)));
}

Result<std::unique_ptr<SequentialFile>> FaultInjectionFileSystem::NewSequentialFile(
    const std::string& path) {
  return base_->NewSequentialFile(path);
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectionFileSystem::NewRandomAccessFile(
    const std::string& path, const FileOptions& options) {
  return base_->NewRandomAccessFile(path, options);
}

bool FaultInjectionFileSystem::FileExists(const std::string& path) {
  return base_->FileExists(path);
}

Result<uint64_t> FaultInjectionFileSystem::GetFileSize(const std::string& path) {
  return base_->GetFileSize(path);
}

Result<std::vector<std::string>> FaultInjectionFileSystem::GetChildren(const std::string& dir) {
  return base_->GetChildren(dir);
}

Status FaultInjectionFileSystem::CreateDirIfMissing(const std::string& dir) {
  return base_->CreateDirIfMissing(dir);
}

Status FaultInjectionFileSystem::DeleteFile(const std::string& path) {
  const std::string p = NormalizePath(path);
  std::lock_guard<std::mutex> l(mu_);
  std::optional<std::string> saved = DurableContents(p);
  STRATA_RETURN_IF_ERROR(base_->DeleteFile(p));
  journal_.push_back(DirOp{DirOp::Kind::kDelete, DirName(p), p, {}, std::move(saved)});
  tracked_.erase(p);
  return Status::OK();
}

Status FaultInjectionFileSystem::RenameFile(const std::string& from, const std::string& to) {
  const std::string f = NormalizePath(from);
  const std::string t = NormalizePath(to);
  std::lock_guard<std::mutex> l(mu_);
  std::optional<std::string> saved = base_->FileExists(t) ? DurableContents(t) : std::nullopt;
  STRATA_RETURN_IF_ERROR(base_->RenameFile(f, t));
  if (f == t) return Status::OK();
  auto it = tracked_.find(f);
  if (it != tracked_.end()) {
    tracked_[t] = it->second;
    tracked_.erase(it);
  } else {
    tracked_.erase(t);
  }
  journal_.push_back(DirOp{DirOp::Kind::kRename, DirName(t), t, f, std::move(saved)});
  return Status::OK();
}

Status FaultInjectionFileSystem::LinkFile(const std::string& from, const std::string& to) {
  const std::string f = NormalizePath(from);
  const std::string t = NormalizePath(to);
  std::lock_guard<std::mutex> l(mu_);
  STRATA_RETURN_IF_ERROR(base_->LinkFile(f, t));
  auto it = tracked_.find(f);
  if (it != tracked_.end()) tracked_[t] = it->second;
  journal_.push_back(DirOp{DirOp::Kind::kLink, DirName(t), t, {}, {}});
  return Status::OK();
}

Status FaultInjectionFileSystem::SyncDir(const std::string& dir) {
  const std::string d = NormalizePath(dir);
  std::lock_guard<std::mutex> l(mu_);
  ++dir_syncs_;
  STRATA_RETURN_IF_ERROR(base_->SyncDir(d));
  std::erase_if(journal_, [&d](const DirOp& op) { return op.dir == d; });
  return Status::OK();
}

Result<std::unique_ptr<FileLock>> FaultInjectionFileSystem::LockFile(const std::string& path) {
  return base_->LockFile(path);
}

}  // namespace strata::storage
