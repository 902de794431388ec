// LoginGuard: what the server remembers about failed logins, server-wide. Per client address,
// the handshakes that ended in an error (max_connect_errors blocks the address: 1129, until a
// login from it succeeds or FLUSH HOSTS); per 'user'@'address', the logins that failed in a
// row, which delay the next attempts as MySQL's connection_control plugin does. Both maps are
// bounded (the oldest entry goes when one is full), so a flood of addresses costs little.
// (server/)
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace porpoise::server {

// Thread-safe.
class LoginGuard {
 public:
  static constexpr size_t kMaxEntries = 4096;  // per map

  // The host cache (performance_schema.host_cache), per client address over TCP other than
  // loopback: when it was seen and its errors. The handshake errors in a row count toward
  // max_connect_errors.
  enum class HostError { kHandshake, kBlocked, kAuthentication, kHostAcl };
  struct HostEntry {
    std::string ip;
    uint64_t connect_errors = 0, blocked = 0, handshake_errors = 0, authentication_errors = 0,
             host_acl_errors = 0;
    int64_t first_seen = 0, last_seen = 0, first_error_seen = 0, last_error_seen = 0;
  };
  void SeeHost(const std::string& address);  // a connection from it
  uint64_t HostErrors(const std::string& address) const;
  void CountHostError(const std::string& address, HostError kind = HostError::kHandshake);
  void ForgetHost(const std::string& address);  // a login from it succeeded: errors in a row
  void FlushHosts();
  std::vector<HostEntry> Hosts() const;

  // connection_control: the failed logins in a row of `account` ('user'@'address'), and how
  // long to hold back the answer to its next login after that many: nothing below
  // `failures_before_delay` (or when it is zero), then `step`, growing by `step` per failure
  // beyond, at most `longest`.
  uint64_t FailedLogins(const std::string& account) const;
  static std::chrono::milliseconds Delay(uint64_t failures, uint64_t failures_before_delay,
                                         std::chrono::milliseconds step,
                                         std::chrono::milliseconds longest);
  void RecordLogin(const std::string& account, bool succeeded);
  // Connection_control_delay_generated.
  void CountDelay() { delays_.fetch_add(1, std::memory_order_relaxed); }
  uint64_t delays() const { return delays_.load(std::memory_order_relaxed); }

 private:
  // A bounded counter map: the oldest key goes when a new one does not fit.
  class Counters {
   public:
    uint64_t Get(const std::string& key) const;
    void Add(const std::string& key);
    void Erase(const std::string& key);

   private:
    std::unordered_map<std::string, uint64_t> counts_;
    std::list<std::string> order_;  // keys, oldest first
  };

  HostEntry& HostLocked(const std::string& address);  // REQUIRES: mutex_ held

  mutable std::mutex mutex_;
  std::unordered_map<std::string, HostEntry> hosts_;  // GUARDED_BY(mutex_)
  std::list<std::string> host_order_;                 // GUARDED_BY(mutex_); oldest first
  Counters failed_logins_;   // GUARDED_BY(mutex_)
  std::atomic<uint64_t> delays_{0};
};

}  // namespace porpoise::server
