// MetricsEndpoint: the Prometheus scrape target, GET /metrics over plain HTTP/1.1 on a
// listener and a thread of its own (metrics_address, metrics_port). One request per
// connection (Connection: close). The thread serves up to kMaxPeers connections at once
// from one poll loop, never blocking on any of them: each must send its request (at most
// kMaxRequestBytes) and take its answer within kRequestTimeout or be closed, so a slow or
// hostile peer costs one slot for that long, and never touches the MySQL listeners.
// (daemon/)
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "common/status.h"
#include "net/listener.h"
#include "net/waker.h"

namespace porpoise::daemon {

// The whole HTTP response to one request head (the bytes up to the blank line): 200 with
// the page `render` makes for GET or HEAD /metrics (a query string is ignored), 404 for any
// other path, 405 for another method, 400 for anything that is not an HTTP/1.x request.
std::string MetricsHttpResponse(std::string_view request_head,
                                const std::function<std::string()>& render);

class MetricsEndpoint {
 public:
  static constexpr size_t kMaxRequestBytes = 8192;
  static constexpr std::chrono::milliseconds kRequestTimeout{5000};
  static constexpr size_t kMaxPeers = 16;

  // Binds `address` (as bind-address takes one) on `port` (0: any free port) and starts
  // serving. `render` is called on the endpoint's thread for each scrape; it must stay
  // valid until the endpoint is destroyed.
  static Result<std::unique_ptr<MetricsEndpoint>> Start(const std::string& address,
                                                        uint16_t port,
                                                        std::function<std::string()> render);
  // Stops the thread and closes the listener.
  ~MetricsEndpoint();
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  uint16_t port() const { return listener_.port(); }

 private:
  using Clock = std::chrono::steady_clock;
  // One connection being served.
  struct Peer {
    net::Socket socket;
    std::string request;  // what came so far
    std::string reply;    // once the request is whole (or too long)
    size_t sent = 0;      // of reply
    Clock::time_point deadline;
    bool done = false;    // answered, or gone
  };

  MetricsEndpoint(net::Listener listener, std::function<std::string()> render);
  void Run();
  // Reads or writes what `peer` is ready for, without blocking.
  void Advance(Peer& peer);

  net::Listener listener_;
  std::function<std::string()> render_;
  net::Waker stop_;
  std::thread thread_;
};

}  // namespace porpoise::daemon
