// MetadataLocks (metadata_locks.h). (engine/)
#include "engine/metadata_locks.h"

#include <algorithm>

namespace porpoise::engine {

namespace {

// A waiter looks at its interrupt flag at least this often.
constexpr std::chrono::milliseconds kRecheck{500};

// Whether a lock on `a` and one on `b` are on the same thing (a database covers its tables).
bool Overlap(const MetadataLocks::Name& a, const MetadataLocks::Name& b) {
  if (a.database != b.database) return false;
  return a.table.empty() || b.table.empty() || a.table == b.table;
}

// Whether another session than `session` has a lock in `locks` on something `name` overlaps.
bool OthersOverlap(const std::map<uint32_t, std::vector<MetadataLocks::Name>>& locks,
                   uint32_t session, const MetadataLocks::Name& name) {
  for (const auto& [holder, names] : locks) {
    if (holder == session) continue;
    for (const MetadataLocks::Name& held : names) {
      if (Overlap(held, name)) return true;
    }
  }
  return false;
}

}  // namespace

bool MetadataLocks::ExclusiveBlocks(uint32_t session, const Name& name) const {
  return OthersOverlap(exclusive_, session, name);
}

bool MetadataLocks::PendingBlocks(uint32_t session, const Name& name) const {
  return OthersOverlap(pending_, session, name);
}

bool MetadataLocks::SharedBlocks(uint32_t session, const Name& name) const {
  for (const auto& [holder, names] : shared_) {
    if (holder == session) continue;
    if (name.table.empty()) {
      auto first = names.lower_bound(Name{name.database, ""});
      if (first != names.end() && first->database == name.database) return true;
    } else if (names.count(name) != 0 || names.count(Name{name.database, ""}) != 0) {
      return true;
    }
  }
  return false;
}

Status MetadataLocks::Wait(std::unique_lock<std::mutex>& lock, Clock::time_point deadline,
                           const std::atomic<bool>* interrupted) {
  if (interrupted != nullptr && interrupted->load()) return Status::Error(ER_QUERY_INTERRUPTED);
  Clock::time_point now = Clock::now();
  if (now >= deadline) return Status::Error(ER_LOCK_WAIT_TIMEOUT);
  changed_.wait_until(lock, std::min(deadline, now + kRecheck));
  return Status::OK();
}

Status MetadataLocks::Share(uint32_t session, const Name& name, bool holds_write_lock,
                            Clock::time_point deadline, const std::atomic<bool>* interrupted) {
  std::unique_lock<std::mutex> lock(mutex_);
  // A session that holds shared locks or the write lock may be what a waiting DDL waits for:
  // it is held back by a granted exclusive lock only.
  bool newcomer = !holds_write_lock && shared_.count(session) == 0;
  while (ExclusiveBlocks(session, name) || (newcomer && PendingBlocks(session, name))) {
    // The DDL takes the write lock after its exclusive lock: it would wait for this session.
    if (holds_write_lock) return Status::Error(ER_LOCK_DEADLOCK);
    PORPOISE_RETURN_IF_ERROR(Wait(lock, deadline, interrupted));
  }
  shared_[session].insert(name);
  return Status::OK();
}

void MetadataLocks::ReleaseShared(uint32_t session) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = shared_.find(session);
  if (found == shared_.end()) return;
  shared_.erase(found);
  changed_.notify_all();  // a DDL may be waiting for these
}

bool MetadataLocks::HoldsShared(uint32_t session) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return shared_.count(session) != 0;
}

Status MetadataLocks::Exclusive(uint32_t session, const std::vector<Name>& names,
                                Clock::time_point deadline, const std::atomic<bool>* interrupted) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto blocked = [&] {
    return std::any_of(names.begin(), names.end(), [&](const Name& name) {
      return ExclusiveBlocks(session, name) || SharedBlocks(session, name);
    });
  };
  if (blocked()) {
    // Waiting: newcomers to these names wait behind this request.
    std::vector<Name>& wanted = pending_[session];
    wanted.insert(wanted.end(), names.begin(), names.end());
    Status waited = Status::OK();
    while (waited.ok() && blocked()) waited = Wait(lock, deadline, interrupted);
    pending_.erase(session);
    changed_.notify_all();  // the newcomers held back by this request
    if (!waited.ok()) return waited;
  }
  std::vector<Name>& held = exclusive_[session];
  held.insert(held.end(), names.begin(), names.end());
  return Status::OK();
}

void MetadataLocks::ReleaseExclusive(uint32_t session) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (exclusive_.erase(session) != 0) changed_.notify_all();
}

void MetadataLocks::WakeAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  changed_.notify_all();
}

}  // namespace porpoise::engine
