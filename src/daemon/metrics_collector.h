// What the metrics endpoint shows, read from the running server: the engine's SHOW GLOBAL
// STATUS (the very list SHOW GLOBAL STATUS prints, so the two always agree), a few numeric
// global variables and the latency histograms. Never a password, hash or statement text.
// (daemon/)
#pragma once

#include <string>

#include "common/latency_histogram.h"
#include "engine/engine.h"

namespace porpoise::daemon {

// The histograms kept outside the engine, by the session handlers.
struct SessionHistograms {
  // Each COM_QUERY and COM_STMT_EXECUTE, from the command's arrival to its last packet.
  LatencyHistogram statements = LatencyHistogram::ForStatements();
  // Each connection's session, from its login to its disconnection.
  LatencyHistogram connections = LatencyHistogram::ForConnections();
  // Each login that opened a session, from the greeting (or COM_CHANGE_USER) on: the
  // handshake, TLS, authentication and any connection_control delay.
  LatencyHistogram logins = LatencyHistogram::ForStatements();
};

// The page for one scrape. Thread-safe.
std::string RenderMetrics(engine::Engine& engine, const SessionHistograms& histograms);

}  // namespace porpoise::daemon
