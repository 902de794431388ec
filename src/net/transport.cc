// SocketTransport (reads under SO_RCVTIMEO, writes poll-based) and MemoryTransport. (net/)
#include "net/transport.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cassert>
#include <cerrno>

namespace porpoise::net {
namespace {

constexpr size_t kReadChunk = 16 * 1024;
// Buffers that grew past this for one large packet are given back afterwards.
constexpr size_t kKeepCapacity = 1024 * 1024;

using Clock = std::chrono::steady_clock;

// Waits for `events` on fd until `deadline`: 1 ready, 0 timeout, -1 error.
int WaitFor(int fd, short events, Clock::time_point deadline) {
  while (true) {
    auto left = std::chrono::duration_cast<Milliseconds>(deadline - Clock::now()).count();
    if (left < 0) left = 0;
    pollfd poll_fd{fd, events, 0};
    int rc = ::poll(&poll_fd, 1, static_cast<int>(std::min<long long>(left, 1 << 30)));
    if (rc >= 0) return rc > 0 ? 1 : 0;
    if (errno != EINTR) return -1;
  }
}

}  // namespace

SocketTransport::SocketTransport(Socket socket) : socket_(std::move(socket)) {
  SetBlocking(socket_.fd());
}

Result<std::string_view> SocketTransport::Peek(Milliseconds timeout) {
  if (input_begin_ < input_end_) {
    return std::string_view(input_).substr(input_begin_, input_end_ - input_begin_);
  }
  if (shut_down_.load(std::memory_order_relaxed)) return Status::Error(ER_NET_READ_ERROR);
  if (input_.capacity() > kKeepCapacity) std::string().swap(input_);
  if (input_.size() < kReadChunk) input_.resize(kReadChunk);
  input_begin_ = input_end_ = 0;
  Clock::time_point deadline = Clock::now() + timeout;
  long long left = timeout.count();  // the same each call from one place: no setsockopt
  while (true) {
    // SO_RCVTIMEO of zero would wait for ever: no time left is one look without waiting.
    int flags = left > 0 ? 0 : MSG_DONTWAIT;
    if (left > 0 && left != receive_timeout_ms_) {
      timeval wait{static_cast<time_t>(left / 1000), static_cast<suseconds_t>(left % 1000 * 1000)};
      if (::setsockopt(socket_.fd(), SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait)) != 0) {
        return Status::Error(ER_NET_READ_ERROR);
      }
      receive_timeout_ms_ = left;
    }
    ssize_t received = ::recv(socket_.fd(), input_.data(), input_.size(), flags);
    if (received > 0) {
      input_end_ = static_cast<size_t>(received);
      return std::string_view(input_).substr(0, input_end_);
    }
    if (received == 0) return Status::Error(ER_NET_READ_ERROR);
    if (errno == EINTR) {
      left = std::chrono::duration_cast<Milliseconds>(deadline - Clock::now()).count();
      continue;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Status::Error(ER_NET_READ_INTERRUPTED);
    return Status::Error(ER_NET_READ_ERROR);
  }
}

void SocketTransport::Consume(size_t count) {
  assert(count <= input_end_ - input_begin_);
  input_begin_ += count;
}

Status SocketTransport::Flush(Milliseconds timeout) {
  size_t sent_total = 0;
  Clock::time_point deadline = Clock::now() + timeout;
  Status status;
  while (sent_total < output_.size()) {
    if (shut_down_.load(std::memory_order_relaxed)) {
      status = Status::Error(ER_NET_ERROR_ON_WRITE);
      break;
    }
    ssize_t sent = ::send(socket_.fd(), output_.data() + sent_total, output_.size() - sent_total,
                          MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent > 0) {
      sent_total += static_cast<size_t>(sent);
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      int ready = WaitFor(socket_.fd(), POLLOUT, deadline);
      if (ready > 0) continue;
      status = Status::Error(ready == 0 ? ER_NET_WRITE_INTERRUPTED : ER_NET_ERROR_ON_WRITE);
      break;
    }
    status = Status::Error(ER_NET_ERROR_ON_WRITE);
    break;
  }
  output_.clear();
  if (output_.capacity() > kKeepCapacity) std::string().swap(output_);
  return status;
}

void SocketTransport::Shutdown() {
  shut_down_.store(true, std::memory_order_relaxed);
  ::shutdown(socket_.fd(), SHUT_RDWR);
}

Result<std::string_view> MemoryTransport::Peek(Milliseconds /*timeout*/) {
  while (chunk_index_ < chunks_.size() && chunk_offset_ == chunks_[chunk_index_].size()) {
    ++chunk_index_;
    chunk_offset_ = 0;
  }
  if (shut_down_ || chunk_index_ == chunks_.size()) {
    return Status::Error(end_with_timeout_ && !shut_down_ ? ER_NET_READ_INTERRUPTED
                                                          : ER_NET_READ_ERROR);
  }
  return std::string_view(chunks_[chunk_index_]).substr(chunk_offset_);
}

void MemoryTransport::Consume(size_t count) {
  assert(chunk_index_ < chunks_.size());
  chunk_offset_ += count;
}

Status MemoryTransport::Flush(Milliseconds /*timeout*/) {
  ++flush_count_;
  written_.append(output_);
  output_.clear();
  return Status::OK();
}

}  // namespace porpoise::net
