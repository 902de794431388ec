// Transport: a connected byte stream with buffered reads and gathered writes, both with
// timeouts; SocketTransport runs it over a socket with poll(), MemoryTransport over scripted
// chunks for tests (split frames, short reads, disconnects). (net/)
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "net/socket.h"

namespace porpoise::net {

using Milliseconds = std::chrono::milliseconds;

// Thread-safety: one owning thread uses everything except Shutdown(), which any thread may
// call while the transport is alive (the connection registry does, for KILL and shutdown).
class Transport {
 public:
  virtual ~Transport() = default;

  // Unread input: never empty on success. Waits up to `timeout` when nothing is buffered.
  // Errors: ER_NET_READ_INTERRUPTED (timeout), ER_NET_READ_ERROR (end of stream, reset,
  // Shutdown).
  virtual Result<std::string_view> Peek(Milliseconds timeout) = 0;
  // Marks `count` bytes of the last Peek as read. REQUIRES: count <= that view's size.
  virtual void Consume(size_t count) = 0;

  // Pending output: append bytes here, then Flush.
  std::string& output() { return output_; }
  // Sends all pending output. Errors: ER_NET_WRITE_INTERRUPTED (timeout),
  // ER_NET_ERROR_ON_WRITE.
  virtual Status Flush(Milliseconds timeout) = 0;

  // Makes blocked and future reads and writes fail promptly.
  virtual void Shutdown() = 0;

 protected:
  std::string output_;
};

class SocketTransport final : public Transport {
 public:
  // Takes ownership of a connected socket. Reads block in recv() under SO_RCVTIMEO (one
  // system call for a packet that is not there yet, where a non-blocking read then poll()
  // then read made three); writes never block (MSG_DONTWAIT, then poll() for room).
  explicit SocketTransport(Socket socket);

  Result<std::string_view> Peek(Milliseconds timeout) override;
  void Consume(size_t count) override;
  Status Flush(Milliseconds timeout) override;
  void Shutdown() override;

  int fd() const { return socket_.fd(); }

 private:
  Socket socket_;
  std::string input_;         // bytes [input_begin_, input_end_) are unread
  size_t input_begin_ = 0;
  size_t input_end_ = 0;
  std::atomic<bool> shut_down_{false};
  long long receive_timeout_ms_ = -1;  // the socket's SO_RCVTIMEO (-1: not set yet)
};

// Input comes from `chunks`, one chunk per Peek at most (so a test controls how bytes are
// split); after the last chunk Peek fails like a closed socket, or like a timeout when
// `end_with_timeout` is set. Flushed output accumulates in written().
class MemoryTransport final : public Transport {
 public:
  explicit MemoryTransport(std::vector<std::string> chunks, bool end_with_timeout = false)
      : chunks_(std::move(chunks)), end_with_timeout_(end_with_timeout) {}

  Result<std::string_view> Peek(Milliseconds timeout) override;
  void Consume(size_t count) override;
  Status Flush(Milliseconds timeout) override;
  void Shutdown() override { shut_down_ = true; }

  const std::string& written() const { return written_; }
  int flush_count() const { return flush_count_; }
  bool shut_down() const { return shut_down_; }

 private:
  std::vector<std::string> chunks_;
  size_t chunk_index_ = 0;
  size_t chunk_offset_ = 0;
  bool end_with_timeout_;
  std::string written_;
  int flush_count_ = 0;
  std::atomic<bool> shut_down_{false};
};

}  // namespace porpoise::net
