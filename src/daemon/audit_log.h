// AuditLog: who came in, who was turned away, who changed accounts or privileges, and which
// statements were refused for want of a privilege, one JSON object per line in
// audit_log_file (relative: in the datadir) while audit_log is ON. Entries:
//   {"time":"2026-12-03T10:00:00.000000Z","event":"connect","connection_id":7,
//    "user":"app","host":"10.0.0.5","account":"'app'@'%'","transport":"SSL/TLS"}
//   "disconnect" (the same fields), "login_refused" (user, host, code, message),
//   "account_change" (connection_id, user, host, statement: the statement's kind and the
//   accounts it named, never a password), "denied" (connection_id, user, host, code,
//   message, statement: its text, at most 1024 bytes, or for an account statement only its
//   kind and accounts).
// The file is opened again after a rotation, FLUSH LOGS or SIGHUP. Thread-safe. (daemon/)
#pragma once

#include <string>

#include "common/status.h"
#include "daemon/log_file.h"
#include "engine/engine.h"
#include "engine/variables.h"
#include "server/session_handler.h"

namespace porpoise::daemon {

class AuditLog {
 public:
  AuditLog(const engine::GlobalVariables& globals, std::string datadir)
      : globals_(globals), datadir_(std::move(datadir)) {}

  bool On() const;
  void Connect(const server::SessionIdentity& who);
  void Disconnect(const server::SessionIdentity& who);
  void LoginRefused(const std::string& user, const std::string& host, const Status& error);
  void Statement(const engine::ServerHooks::AuditedStatement& statement);
  void Reopen() { file_.Reopen(); }

 private:
  void Session(std::string_view event, const server::SessionIdentity& who);
  // Writes one entry: {"time":...,"event":<event>,<fields>}.
  void Write(std::string_view event, const std::string& fields);

  const engine::GlobalVariables& globals_;
  const std::string datadir_;
  LogFile file_;
};

}  // namespace porpoise::daemon
