// The metrics endpoint's listener, thread and minimal HTTP (metrics_endpoint.h). (daemon/)
#include "daemon/metrics_endpoint.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <vector>

#include "server/logger.h"

namespace porpoise::daemon {
namespace {

std::string Reply(std::string_view status, std::string_view content_type, std::string_view body,
                  bool with_body, std::string_view extra_headers = {}) {
  std::string out = "HTTP/1.1 " + std::string(status) + "\r\nContent-Type: " +
                    std::string(content_type) + "\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n" + std::string(extra_headers) +
                    "Connection: close\r\n\r\n";
  if (with_body) out += body;
  return out;
}

std::string TextReply(std::string_view status, std::string_view extra_headers = {}) {
  return Reply(status, "text/plain; charset=utf-8", std::string(status) + "\n", true,
               extra_headers);
}

bool HasWholeHead(const std::string& head) {
  return head.find("\r\n\r\n") != std::string::npos || head.find("\n\n") != std::string::npos;
}

}  // namespace

std::string MetricsHttpResponse(std::string_view request_head,
                                const std::function<std::string()>& render) {
  size_t line_end = request_head.find('\n');
  std::string_view line = request_head.substr(0, line_end);
  if (line.ends_with('\r')) line.remove_suffix(1);
  size_t first_space = line.find(' ');
  size_t second_space = line.find(' ', first_space == std::string_view::npos ? 0 : first_space + 1);
  if (first_space == std::string_view::npos || second_space == std::string_view::npos ||
      !line.substr(second_space + 1).starts_with("HTTP/1.")) {
    return TextReply("400 Bad Request");
  }
  std::string_view method = line.substr(0, first_space);
  std::string_view target = line.substr(first_space + 1, second_space - first_space - 1);
  target = target.substr(0, target.find('?'));
  if (target != "/metrics") return TextReply("404 Not Found");
  if (method != "GET" && method != "HEAD") {
    return TextReply("405 Method Not Allowed", "Allow: GET, HEAD\r\n");
  }
  return Reply("200 OK", "text/plain; version=0.0.4; charset=utf-8", render(), method == "GET");
}

Result<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    const std::string& address, uint16_t port, std::function<std::string()> render) {
  PORPOISE_ASSIGN_OR_RETURN(net::Listener listener, net::Listener::BindTcp(address, port, 16));
  std::unique_ptr<MetricsEndpoint> endpoint(
      new MetricsEndpoint(std::move(listener), std::move(render)));
  endpoint->thread_ = std::thread([raw = endpoint.get()] { raw->Run(); });
  return endpoint;
}

MetricsEndpoint::MetricsEndpoint(net::Listener listener, std::function<std::string()> render)
    : listener_(std::move(listener)), render_(std::move(render)) {}

MetricsEndpoint::~MetricsEndpoint() {
  stop_.Wake();
  if (thread_.joinable()) thread_.join();
}

void MetricsEndpoint::Run() {
  std::vector<Peer> peers;
  std::vector<pollfd> entries;
  // Out of file descriptors, a pending connection stays queued: the listener is left alone
  // for a moment rather than polled again at once.
  Clock::time_point accept_paused_until{};
  while (true) {
    entries.clear();
    entries.push_back({stop_.fd(), POLLIN, 0});
    // At kMaxPeers, new connections wait in the listen backlog until a slot frees.
    bool accepting = peers.size() < kMaxPeers && Clock::now() >= accept_paused_until;
    entries.push_back({accepting ? listener_.fd() : -1, POLLIN, 0});
    Clock::time_point next_deadline =
        accepting || peers.size() >= kMaxPeers ? Clock::time_point::max() : accept_paused_until;
    for (const Peer& peer : peers) {
      entries.push_back({peer.socket.fd(), static_cast<short>(peer.reply.empty() ? POLLIN : POLLOUT), 0});
      next_deadline = std::min(next_deadline, peer.deadline);
    }
    int timeout_ms = -1;
    if (next_deadline != Clock::time_point::max()) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(next_deadline - Clock::now());
      timeout_ms = static_cast<int>(std::max<int64_t>(0, left.count()));
    }
    int ready = ::poll(entries.data(), entries.size(), timeout_ms);
    if (ready < 0 && errno != EINTR) return;
    if (entries[0].revents != 0) return;  // stopping
    for (size_t index = 0; index < peers.size(); ++index) {
      if (ready > 0 && entries[index + 2].revents != 0) Advance(peers[index]);
    }
    const Clock::time_point now = Clock::now();
    std::erase_if(peers, [now](const Peer& peer) { return peer.done || now >= peer.deadline; });
    if (ready > 0 && entries[1].revents != 0) {
      while (peers.size() < kMaxPeers) {
        net::Socket socket = listener_.Accept();
        if (!socket.valid()) {
          if (errno == EMFILE || errno == ENFILE) {
            accept_paused_until = now + std::chrono::milliseconds(100);
          }
          break;
        }
        peers.push_back(Peer{std::move(socket), {}, {}, 0, now + kRequestTimeout, false});
      }
    }
  }
}

void MetricsEndpoint::Advance(Peer& peer) {
  const int fd = peer.socket.fd();
  if (peer.reply.empty()) {
    char buffer[2048];
    ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (got <= 0) {
      peer.done = true;  // gone half-way: nothing to answer
      return;
    }
    peer.request.append(buffer, static_cast<size_t>(got));
    if (HasWholeHead(peer.request)) {
      try {
        peer.reply = MetricsHttpResponse(peer.request, render_);
      } catch (const std::exception& error) {
        server::Log(server::LogLevel::kError,
                    std::string("The metrics endpoint failed to answer: ") + error.what());
        peer.reply = TextReply("500 Internal Server Error");
      }
    } else if (peer.request.size() >= kMaxRequestBytes) {
      peer.reply = TextReply("431 Request Header Fields Too Large");
    } else {
      return;
    }
  }
  ssize_t sent = ::send(fd, peer.reply.data() + peer.sent, peer.reply.size() - peer.sent,
                        MSG_NOSIGNAL);
  if (sent < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (sent <= 0) {
    peer.done = true;  // the peer left
    return;
  }
  peer.sent += static_cast<size_t>(sent);
  if (peer.sent == peer.reply.size()) {
    ::shutdown(fd, SHUT_WR);
    peer.done = true;
  }
}

}  // namespace porpoise::daemon
