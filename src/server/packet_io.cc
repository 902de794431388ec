// PacketIo implementation. (server/)
#include "server/packet_io.h"

#include <algorithm>

namespace porpoise::server {
namespace {
constexpr size_t kFlushThreshold = 64 * 1024;
}  // namespace

Result<std::string> PacketIo::ReadPacket(std::chrono::milliseconds first_wait,
                                         std::chrono::milliseconds rest_wait,
                                         std::chrono::steady_clock::time_point deadline) {
  using Clock = std::chrono::steady_clock;
  while (true) {
    std::chrono::milliseconds wait = InsidePacket() ? rest_wait : first_wait;
    if (deadline != Clock::time_point::max()) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left <= std::chrono::milliseconds(0)) return Status::Error(ER_NET_READ_INTERRUPTED);
      wait = std::min(wait, left);
    }
    if (compress_) {
      if (plain_read_ == plain_input_.size()) {
        plain_input_.clear();
        plain_read_ = 0;
        PORPOISE_RETURN_IF_ERROR(ReadCompressed(wait));
      }
      PORPOISE_ASSIGN_OR_RETURN(size_t consumed,
                                framer_.Consume(std::string_view(plain_input_).substr(plain_read_)));
      plain_read_ += consumed;
      if (framer_.HasPacket()) return framer_.TakePacket();
      continue;
    }
    PORPOISE_ASSIGN_OR_RETURN(std::string_view input, transport_->Peek(wait));
    PORPOISE_ASSIGN_OR_RETURN(size_t consumed, framer_.Consume(input));
    transport_->Consume(consumed);
    bytes_received_ += consumed;
    if (framer_.HasPacket()) return framer_.TakePacket();
  }
}

Status PacketIo::ReadCompressed(std::chrono::milliseconds wait) {
  while (plain_input_.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(size_t used, compression_.Consume(compressed_input_, plain_input_));
    compressed_input_.erase(0, used);
    if (!plain_input_.empty()) return Status::OK();
    PORPOISE_ASSIGN_OR_RETURN(std::string_view input, transport_->Peek(wait));
    compressed_input_.append(input);
    transport_->Consume(input.size());
    bytes_received_ += input.size();
  }
  return Status::OK();
}

Status PacketIo::Flush() {
  if (compress_ && !plain_output_.empty()) {
    if (!broken_) compression_.Compress(plain_output_, transport_->output());
    plain_output_.clear();
  }
  if (broken_) {
    transport_->output().clear();
    return Status::Error(ER_NET_ERROR_ON_WRITE);
  }
  if (transport_->output().empty()) return Status::OK();
  bytes_sent_ += transport_->output().size();
  Status status = transport_->Flush(write_timeout_);
  if (!status.ok()) broken_ = true;
  return status;
}

Status PacketIo::MaybeFlush() {
  size_t pending = compress_ ? plain_output_.size() : transport_->output().size();
  if (pending < kFlushThreshold) return Status::OK();
  return Flush();
}

}  // namespace porpoise::server
