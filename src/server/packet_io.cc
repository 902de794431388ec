// PacketIo implementation. (server/)
#include "server/packet_io.h"

namespace porpoise::server {
namespace {
constexpr size_t kFlushThreshold = 64 * 1024;
}  // namespace

Result<std::string> PacketIo::ReadPacket(std::chrono::milliseconds first_wait,
                                         std::chrono::milliseconds rest_wait) {
  while (true) {
    std::chrono::milliseconds wait = framer_.InsidePacket() ? rest_wait : first_wait;
    PORPOISE_ASSIGN_OR_RETURN(std::string_view input, transport_.Peek(wait));
    PORPOISE_ASSIGN_OR_RETURN(size_t consumed, framer_.Consume(input));
    transport_.Consume(consumed);
    bytes_received_ += consumed;
    if (framer_.HasPacket()) return framer_.TakePacket();
  }
}

Status PacketIo::Flush() {
  if (broken_) {
    transport_.output().clear();
    return Status::Error(ER_NET_ERROR_ON_WRITE);
  }
  if (transport_.output().empty()) return Status::OK();
  bytes_sent_ += transport_.output().size();
  Status status = transport_.Flush(write_timeout_);
  if (!status.ok()) broken_ = true;
  return status;
}

Status PacketIo::MaybeFlush() {
  if (transport_.output().size() < kFlushThreshold) return Status::OK();
  return Flush();
}

}  // namespace porpoise::server
