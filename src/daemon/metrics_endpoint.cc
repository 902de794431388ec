// The metrics endpoint's listener, thread and minimal HTTP (metrics_endpoint.h). (daemon/)
#include "daemon/metrics_endpoint.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <exception>

#include "server/logger.h"

namespace porpoise::daemon {
namespace {

using Clock = std::chrono::steady_clock;

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

// Milliseconds left until `deadline`, at least 0.
int MillisLeft(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Waits for `events` on `fd` until `deadline`; false on timeout, error or hang-up.
bool WaitFor(int fd, short events, Clock::time_point deadline) {
  while (true) {
    pollfd entry{fd, events, 0};
    int ready = ::poll(&entry, 1, MillisLeft(deadline));
    if (ready < 0 && errno == EINTR) continue;
    return ready > 0 && (entry.revents & events) != 0;
  }
}

bool HasWholeHead(const std::string& head) {
  return head.find("\r\n\r\n") != std::string::npos || head.find("\n\n") != std::string::npos;
}

// Reads until the request head is whole, the peer stops (closes, or is still sending at
// `deadline`) or `limit` bytes came without a whole head; returns what came.
std::string ReadRequestHead(int fd, size_t limit, Clock::time_point deadline) {
  std::string head;
  char buffer[2048];
  while (!HasWholeHead(head) && head.size() < limit && WaitFor(fd, POLLIN, deadline)) {
    ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (got <= 0) break;
    head.append(buffer, static_cast<size_t>(got));
  }
  return head;
}

void WriteAll(int fd, std::string_view data, Clock::time_point deadline) {
  while (!data.empty()) {
    ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      data.remove_prefix(static_cast<size_t>(sent));
    } else if (sent < 0 && errno == EINTR) {
      continue;
    } else if (sent < 0 && errno == EAGAIN && WaitFor(fd, POLLOUT, deadline)) {
      continue;
    } else {
      return;  // the peer left, or is not reading
    }
  }
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
  while (true) {
    pollfd entries[2] = {{listener_.fd(), POLLIN, 0}, {stop_.fd(), POLLIN, 0}};
    int ready = ::poll(entries, 2, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0 || entries[1].revents != 0) return;
    net::Socket client = listener_.Accept();
    if (!client.valid()) continue;
    try {
      Serve(client.fd());
    } catch (const std::exception& error) {
      server::Log(server::LogLevel::kError,
                  std::string("The metrics endpoint failed to answer a request: ") + error.what());
    }
  }
}

void MetricsEndpoint::Serve(int fd) {
  const Clock::time_point deadline = Clock::now() + kRequestTimeout;
  std::string head = ReadRequestHead(fd, kMaxRequestBytes, deadline);
  if (HasWholeHead(head)) {
    WriteAll(fd, MetricsHttpResponse(head, render_), deadline);
  } else if (head.size() >= kMaxRequestBytes) {
    WriteAll(fd, TextReply("431 Request Header Fields Too Large"), deadline);
  } else {
    return;  // closed or timed out half-way: nothing to answer
  }
  ::shutdown(fd, SHUT_WR);
}

}  // namespace porpoise::daemon
