// LoginGuard implementation. (server/)
#include "server/login_guard.h"

#include <algorithm>

namespace porpoise::server {

uint64_t LoginGuard::Counters::Get(const std::string& key) const {
  auto found = counts_.find(key);
  return found == counts_.end() ? 0 : found->second;
}

void LoginGuard::Counters::Add(const std::string& key) {
  auto found = counts_.find(key);
  if (found != counts_.end()) {
    ++found->second;
    return;
  }
  if (counts_.size() >= kMaxEntries && !order_.empty()) {
    counts_.erase(order_.front());
    order_.pop_front();
  }
  counts_.emplace(key, 1);
  order_.push_back(key);
}

void LoginGuard::Counters::Erase(const std::string& key) {
  if (counts_.erase(key) == 0) return;
  order_.remove(key);
}

void LoginGuard::Counters::Clear() {
  counts_.clear();
  order_.clear();
}

uint64_t LoginGuard::HostErrors(const std::string& address) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return host_errors_.Get(address);
}

void LoginGuard::CountHostError(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  host_errors_.Add(address);
}

void LoginGuard::ForgetHost(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  host_errors_.Erase(address);
}

void LoginGuard::FlushHosts() {
  std::lock_guard<std::mutex> lock(mutex_);
  host_errors_.Clear();
}

uint64_t LoginGuard::FailedLogins(const std::string& account) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failed_logins_.Get(account);
}

std::chrono::milliseconds LoginGuard::Delay(uint64_t failures, uint64_t failures_before_delay,
                                            std::chrono::milliseconds step,
                                            std::chrono::milliseconds longest) {
  if (failures_before_delay == 0 || failures < failures_before_delay) {
    return std::chrono::milliseconds(0);
  }
  // As the plugin: the first delayed attempt waits `step`, each later one `step` more.
  uint64_t steps = std::min<uint64_t>(failures - failures_before_delay + 1, 1u << 20);
  auto delay = step * static_cast<int64_t>(steps);
  return std::min(delay, longest);
}

void LoginGuard::RecordLogin(const std::string& account, bool succeeded) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (succeeded) {
    failed_logins_.Erase(account);
  } else {
    failed_logins_.Add(account);
  }
}

}  // namespace porpoise::server
