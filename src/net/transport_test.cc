// Tests for Transport implementations (socketpair-backed SocketTransport, MemoryTransport)
// and Listener binding on 127.0.0.1 / ::1 / a unix socket in a temp dir. (net/)
#include "net/transport.h"

#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <thread>

#include "net/listener.h"
#include "net/waker.h"

namespace porpoise::net {
namespace {

std::pair<Socket, Socket> Pair() {
  int fds[2];
  EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
  return {Socket(fds[0]), Socket(fds[1])};
}

TEST(SocketTransportTest, ReadsWritesAndBuffers) {
  auto [left, right] = Pair();
  SocketTransport transport(std::move(left));
  ASSERT_EQ(::write(right.fd(), "hello", 5), 5);
  auto data = transport.Peek(Milliseconds(1000));
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*data, "hello");
  transport.Consume(2);
  EXPECT_EQ(transport.Peek(Milliseconds(0)).value(), "llo");
  transport.Consume(3);
  transport.output() = "world";
  ASSERT_TRUE(transport.Flush(Milliseconds(1000)).ok());
  char buffer[8] = {};
  ASSERT_EQ(::read(right.fd(), buffer, sizeof(buffer)), 5);
  EXPECT_STREQ(buffer, "world");
  EXPECT_TRUE(transport.output().empty());
}

TEST(SocketTransportTest, ReadTimesOut) {
  auto [left, right] = Pair();
  SocketTransport transport(std::move(left));
  auto data = transport.Peek(Milliseconds(30));
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), ER_NET_READ_INTERRUPTED);
}

TEST(SocketTransportTest, PeerCloseIsReadError) {
  auto [left, right] = Pair();
  SocketTransport transport(std::move(left));
  right.Close();
  auto data = transport.Peek(Milliseconds(1000));
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), ER_NET_READ_ERROR);
}

TEST(SocketTransportTest, ShutdownWakesABlockedReader) {
  auto [left, right] = Pair();
  SocketTransport transport(std::move(left));
  std::thread killer([&transport] {
    std::this_thread::sleep_for(Milliseconds(50));
    transport.Shutdown();
  });
  auto started = std::chrono::steady_clock::now();
  auto data = transport.Peek(Milliseconds(10000));
  killer.join();
  EXPECT_FALSE(data.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(SocketTransportTest, WriteTimesOutWhenPeerDoesNotRead) {
  auto [left, right] = Pair();
  SocketTransport transport(std::move(left));
  transport.output() = std::string(8 * 1024 * 1024, 'x');
  Status status = transport.Flush(Milliseconds(50));
  EXPECT_EQ(status.code(), ER_NET_WRITE_INTERRUPTED);
}

TEST(MemoryTransportTest, ChunksAreDeliveredOneAtATime) {
  MemoryTransport transport({"ab", "", "c"});
  EXPECT_EQ(transport.Peek(Milliseconds(0)).value(), "ab");
  transport.Consume(1);
  EXPECT_EQ(transport.Peek(Milliseconds(0)).value(), "b");
  transport.Consume(1);
  EXPECT_EQ(transport.Peek(Milliseconds(0)).value(), "c");
  transport.Consume(1);
  EXPECT_EQ(transport.Peek(Milliseconds(0)).status().code(), ER_NET_READ_ERROR);
  MemoryTransport idle({}, /*end_with_timeout=*/true);
  EXPECT_EQ(idle.Peek(Milliseconds(0)).status().code(), ER_NET_READ_INTERRUPTED);
}

TEST(ListenerTest, TcpPortZeroAndPeerDescription) {
  auto listener = Listener::BindTcp("127.0.0.1", 0, 16);
  ASSERT_TRUE(listener.ok()) << listener.status().ToString();
  ASSERT_NE(listener->port(), 0);
  Socket client(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(listener->port());
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(client.fd(), reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  Socket accepted;
  for (int attempt = 0; attempt < 100 && !accepted.valid(); ++attempt) {
    accepted = listener->Accept();
    if (!accepted.valid()) std::this_thread::sleep_for(Milliseconds(5));
  }
  ASSERT_TRUE(accepted.valid());
  PeerInfo peer = DescribePeer(accepted.fd());
  EXPECT_FALSE(peer.unix_socket);
  EXPECT_EQ(peer.ip, "127.0.0.1");
  EXPECT_NE(peer.port, 0);
}

TEST(ListenerTest, SamePortTwiceFailsWithErrnoText) {
  auto first = Listener::BindTcp("127.0.0.1", 0, 16);
  ASSERT_TRUE(first.ok());
  auto second = Listener::BindTcp("127.0.0.1", first->port(), 16);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), ER_IPSOCK_ERROR);
  EXPECT_NE(second.status().message().find("Address already in use"), std::string::npos);
}

TEST(ListenerTest, DualStackAcceptsIpv4MappedAsIpv4) {
  auto listener = Listener::BindTcp("::", 0, 16);
  if (!listener.ok()) GTEST_SKIP() << "no IPv6: " << listener.status().ToString();
  Socket client(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(listener->port());
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(client.fd(), reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  Socket accepted;
  for (int attempt = 0; attempt < 100 && !accepted.valid(); ++attempt) {
    accepted = listener->Accept();
    if (!accepted.valid()) std::this_thread::sleep_for(Milliseconds(5));
  }
  ASSERT_TRUE(accepted.valid());
  EXPECT_EQ(DescribePeer(accepted.fd()).ip, "127.0.0.1");
}

TEST(ListenerTest, UnixSocketReplacesStaleFileAndIsWorldWritable) {
  char directory[] = "/tmp/porpoise-net-XXXXXX";
  ASSERT_NE(::mkdtemp(directory), nullptr);
  std::string path = std::string(directory) + "/mysqld.sock";
  {
    auto first = Listener::BindUnix(path, 16);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    // A live server on the path is refused.
    auto second = Listener::BindUnix(path, 16);
    EXPECT_FALSE(second.ok());
  }
  // The destructor removed the file; leave a stale one behind on purpose.
  {
    Socket stale(::socket(AF_UNIX, SOCK_STREAM, 0));
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strcpy(address.sun_path, path.c_str());
    ASSERT_EQ(::bind(stale.fd(), reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  }
  auto listener = Listener::BindUnix(path, 16);
  ASSERT_TRUE(listener.ok()) << listener.status().ToString();
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0777u);
  Socket client(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strcpy(address.sun_path, path.c_str());
  ASSERT_EQ(::connect(client.fd(), reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  Socket accepted = listener->Accept();
  ASSERT_TRUE(accepted.valid());
  PeerInfo peer = DescribePeer(accepted.fd());
  EXPECT_TRUE(peer.unix_socket);
  ASSERT_TRUE(peer.uid.has_value());
  EXPECT_EQ(*peer.uid, ::getuid());
  EXPECT_EQ(peer.HostAndPort(), "localhost");
  listener = Listener::BindTcp("127.0.0.1", 0, 1).value();  // unlinks the socket file
  EXPECT_NE(::access(path.c_str(), F_OK), 0);
  ::rmdir(directory);
}

TEST(WakerTest, WakeMakesFdReadable) {
  Waker waker;
  ASSERT_GE(waker.fd(), 0);
  waker.Wake();
  pollfd poll_fd{waker.fd(), POLLIN, 0};
  EXPECT_EQ(::poll(&poll_fd, 1, 0), 1);
  waker.Drain();
  EXPECT_EQ(::poll(&poll_fd, 1, 0), 0);
}

}  // namespace
}  // namespace porpoise::net
