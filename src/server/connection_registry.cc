// ConnectionRegistry and ConnectionEntry. (server/)
#include "server/connection_registry.h"

#include <unistd.h>

#include "net/transport.h"
#include "server/session_handler.h"

namespace porpoise::server {

ConnectionEntry::ConnectionEntry(uint32_t id, std::string host, net::Transport* transport)
    : id_(id), host_(std::move(host)), since_(std::chrono::steady_clock::now()),
      transport_(transport) {}

void ConnectionEntry::SetUser(std::string_view user) {
  std::lock_guard<std::mutex> lock(mutex_);
  user_.assign(user);
}

void ConnectionEntry::SetLogin(Login login) {
  uint64_t thread = static_cast<uint64_t>(gettid());
  std::lock_guard<std::mutex> lock(mutex_);
  login_ = std::move(login);
  os_thread_id_ = thread;
}

void ConnectionEntry::SetDatabase(std::string_view database) {
  std::lock_guard<std::mutex> lock(mutex_);
  database_.assign(database);
}

void ConnectionEntry::SetCommand(const char* command, std::string_view info) {
  std::lock_guard<std::mutex> lock(mutex_);
  command_ = command;
  info_.assign(info);
  since_ = std::chrono::steady_clock::now();
}

void ConnectionEntry::SetHandler(SessionHandler* handler) {
  std::lock_guard<std::mutex> lock(mutex_);
  handler_ = handler;
}

ProcessInfo ConnectionEntry::Describe() const {
  std::lock_guard<std::mutex> lock(mutex_);
  ProcessInfo info;
  info.id = id_;
  info.user = user_.empty() && handler_ == nullptr ? "unauthenticated user" : user_;
  info.host = host_;
  info.db = database_;
  info.command = killed() ? "Killed" : command_;
  info.time_seconds = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - since_)
          .count());
  info.state = info_.empty() ? "" : "executing";
  info.info = info_;
  info.account_user = login_.account_user;
  info.account_host = login_.account_host;
  info.client_host = login_.client_host;
  info.attributes = login_.attributes;
  info.unix_socket = login_.unix_socket;
  info.os_thread_id = os_thread_id_;
  return info;
}

void ConnectionEntry::Interrupt(bool query_only) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (handler_ != nullptr) handler_->InterruptQuery();
  if (query_only) return;
  killed_.store(true, std::memory_order_relaxed);
  if (transport_ != nullptr) transport_->Shutdown();
}

uint32_t ConnectionRegistry::NextConnectionId() {
  connections_.fetch_add(1, std::memory_order_relaxed);
  return next_id_.fetch_add(1, std::memory_order_relaxed);
}

Result<std::shared_ptr<ConnectionEntry>> ConnectionRegistry::Add(uint32_t id, std::string host,
                                                                 net::Transport* transport,
                                                                 uint32_t max_connections,
                                                                 bool admin) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closing_) return Status::Error(ER_SERVER_SHUTDOWN);
  if (!admin && entries_.size() - admin_ids_.size() >= max_connections) {
    return Status::Error(ER_CON_COUNT_ERROR);
  }
  auto entry = std::make_shared<ConnectionEntry>(id, std::move(host), transport);
  entries_.emplace(id, entry);
  if (admin) admin_ids_.insert(id);
  if (entries_.size() > max_used_) max_used_ = entries_.size();
  return entry;
}

bool ConnectionRegistry::ClaimAccountSlot(const std::string& user, const std::string& host,
                                          uint64_t limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  uint64_t& count = account_slots_[{user, host}];
  if (limit != 0 && count >= limit) {
    if (count == 0) account_slots_.erase({user, host});
    return false;
  }
  ++count;
  return true;
}

void ConnectionRegistry::ReleaseAccountSlot(const std::string& user, const std::string& host) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = account_slots_.find({user, host});
  if (found == account_slots_.end()) return;
  if (--found->second == 0) account_slots_.erase(found);
}

void ConnectionRegistry::Remove(uint32_t id) {
  std::shared_ptr<ConnectionEntry> entry;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = entries_.find(id);
    if (found == entries_.end()) return;
    entry = std::move(found->second);
    entries_.erase(found);
    admin_ids_.erase(id);
  }
  // From here no Kill can reach the transport the connection is about to destroy.
  std::lock_guard<std::mutex> entry_lock(entry->mutex_);
  entry->transport_ = nullptr;
  entry->handler_ = nullptr;
}

Status ConnectionRegistry::Kill(uint32_t id, bool query_only) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = entries_.find(id);
  if (found == entries_.end()) return Status::Error(ER_NO_SUCH_THREAD, id);
  found->second->Interrupt(query_only);
  return Status::OK();
}

std::string ConnectionRegistry::UserOf(uint32_t id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = entries_.find(id);
  if (found == entries_.end()) return "";
  std::lock_guard<std::mutex> entry_lock(found->second->mutex_);
  return found->second->user_;
}

void ConnectionRegistry::CloseAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  closing_ = true;
  for (auto& [id, entry] : entries_) entry->Interrupt(/*query_only=*/false);
}

std::vector<ProcessInfo> ConnectionRegistry::Snapshot() const {
  std::vector<std::shared_ptr<ConnectionEntry>> entries;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    entries.reserve(entries_.size());
    for (const auto& [id, entry] : entries_) entries.push_back(entry);
  }
  std::vector<ProcessInfo> rows;
  rows.reserve(entries.size());
  for (const auto& entry : entries) rows.push_back(entry->Describe());
  return rows;
}

ServerCounters ConnectionRegistry::Counters() const {
  ServerCounters counters;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    counters.threads_connected = entries_.size();
    counters.max_used_connections = max_used_;
  }
  counters.connections = connections_.load(std::memory_order_relaxed);
  counters.aborted_connects = aborted_connects_.load(std::memory_order_relaxed);
  counters.refused_addresses = refused_addresses_.load(std::memory_order_relaxed);
  counters.aborted_clients = aborted_clients_.load(std::memory_order_relaxed);
  counters.questions = questions_.load(std::memory_order_relaxed);
  counters.bytes_received = bytes_received_.load(std::memory_order_relaxed);
  counters.bytes_sent = bytes_sent_.load(std::memory_order_relaxed);
  return counters;
}

bool ConnectionRegistry::closing() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return closing_;
}

size_t ConnectionRegistry::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

size_t ConnectionRegistry::regular_size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size() - admin_ids_.size();
}

}  // namespace porpoise::server
