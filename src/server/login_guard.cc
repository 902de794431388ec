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

namespace {

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

LoginGuard::HostEntry& LoginGuard::HostLocked(const std::string& address) {
  auto found = hosts_.find(address);
  if (found != hosts_.end()) {
    // The most recently used last, so that eviction takes the ones least used.
    host_order_.remove(address);
    host_order_.push_back(address);
    return found->second;
  }
  if (hosts_.size() >= kMaxEntries && !host_order_.empty()) {
    // An address with errors toward max_connect_errors goes last: evicting it would unblock it.
    auto victim = std::find_if(host_order_.begin(), host_order_.end(), [&](const std::string& key) {
      return hosts_.at(key).connect_errors == 0;
    });
    if (victim == host_order_.end()) victim = host_order_.begin();
    hosts_.erase(*victim);
    host_order_.erase(victim);
  }
  host_order_.push_back(address);
  HostEntry& entry = hosts_[address];
  entry.ip = address;
  entry.first_seen = entry.last_seen = Now();
  return entry;
}

void LoginGuard::SeeHost(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  HostLocked(address).last_seen = Now();
}

uint64_t LoginGuard::HostErrors(const std::string& address) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = hosts_.find(address);
  return found == hosts_.end() ? 0 : found->second.connect_errors;
}

void LoginGuard::CountHostError(const std::string& address, HostError kind) {
  std::lock_guard<std::mutex> lock(mutex_);
  HostEntry& entry = HostLocked(address);
  switch (kind) {
    case HostError::kHandshake:
      ++entry.connect_errors;
      ++entry.handshake_errors;
      break;
    case HostError::kBlocked: ++entry.blocked; break;
    case HostError::kAuthentication: ++entry.authentication_errors; break;
    case HostError::kHostAcl: ++entry.host_acl_errors; break;
  }
  entry.last_error_seen = Now();
  if (entry.first_error_seen == 0) entry.first_error_seen = entry.last_error_seen;
}

void LoginGuard::ForgetHost(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = hosts_.find(address);
  if (found != hosts_.end()) found->second.connect_errors = 0;
}

void LoginGuard::FlushHosts() {
  std::lock_guard<std::mutex> lock(mutex_);
  hosts_.clear();
  host_order_.clear();
}

std::vector<LoginGuard::HostEntry> LoginGuard::Hosts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<HostEntry> entries;
  for (const std::string& address : host_order_) entries.push_back(hosts_.at(address));
  return entries;
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
