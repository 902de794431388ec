// MetricsHttpResponse: which requests get the page, and what the others get. (daemon/)
#include "daemon/metrics_endpoint.h"

#include <gtest/gtest.h>

namespace porpoise::daemon {
namespace {

std::string Answer(std::string_view head) {
  return MetricsHttpResponse(head, [] { return std::string("mysql_up 1\n"); });
}

TEST(MetricsEndpointTest, GetMetricsIsThePage) {
  std::string reply = Answer("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 200 OK\r\n"));
  EXPECT_NE(reply.find("Content-Type: text/plain; version=0.0.4"), std::string::npos);
  EXPECT_NE(reply.find("Content-Length: 11\r\n"), std::string::npos);
  EXPECT_NE(reply.find("Connection: close\r\n"), std::string::npos);
  EXPECT_TRUE(reply.ends_with("\r\n\r\nmysql_up 1\n"));
}

TEST(MetricsEndpointTest, QueryStringIsIgnoredAndHeadHasNoBody) {
  EXPECT_TRUE(Answer("GET /metrics?x=1 HTTP/1.0\r\n\r\n").starts_with("HTTP/1.1 200 OK"));
  std::string head = Answer("HEAD /metrics HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK"));
  EXPECT_TRUE(head.ends_with("\r\n\r\n"));
}

TEST(MetricsEndpointTest, OtherPathsAndMethodsAreRefused) {
  EXPECT_TRUE(Answer("GET / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404 "));
  EXPECT_TRUE(Answer("GET /metricsx HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404 "));
  std::string post = Answer("POST /metrics HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(post.starts_with("HTTP/1.1 405 "));
  EXPECT_NE(post.find("Allow: GET, HEAD\r\n"), std::string::npos);
}

TEST(MetricsEndpointTest, GarbageIsABadRequest) {
  EXPECT_TRUE(Answer("\r\n\r\n").starts_with("HTTP/1.1 400 "));
  EXPECT_TRUE(Answer("GET\r\n\r\n").starts_with("HTTP/1.1 400 "));
  EXPECT_TRUE(Answer("GET /metrics SPDY/3\r\n\r\n").starts_with("HTTP/1.1 400 "));
  EXPECT_TRUE(Answer(std::string("\x16\x03\x01\x02\x00 x y\n\n", 12)).starts_with("HTTP/1.1 400 "));
}

}  // namespace
}  // namespace porpoise::daemon
