// AuditLog: the entries and their JSON. (daemon/)
#include "daemon/audit_log.h"

#include <cstdio>
#include <filesystem>

namespace porpoise::daemon {
namespace {

// `text` as a JSON string: quotes, backslashes and control characters escaped; the bytes of
// a statement that are not UTF-8 are kept as they are.
std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string Field(std::string_view name, std::string_view value) {
  return ",\"" + std::string(name) + "\":" + JsonString(value);
}

std::string Field(std::string_view name, uint64_t value) {
  return ",\"" + std::string(name) + "\":" + std::to_string(value);
}

}  // namespace

bool AuditLog::On() const { return globals_.GetBool("audit_log"); }

void AuditLog::Write(std::string_view event, const std::string& fields) {
  Result<std::string> name = globals_.Get("audit_log_file");
  if (!name.ok() || name->empty()) return;
  std::filesystem::path path(*name);
  if (path.is_relative()) path = std::filesystem::path(datadir_) / path;
  std::string line = "{\"time\":" + JsonString(FormatMicros(WallMicros(), true)) +
                     Field("event", event) + fields + "}\n";
  file_.Append(path.string(), line);
}

void AuditLog::Session(std::string_view event, const server::SessionIdentity& who) {
  if (!On()) return;
  std::string transport = who.over_unix_socket   ? "Socket"
                          : who.secure_transport ? "SSL/TLS"
                                                 : "TCP/IP";
  Write(event, Field("connection_id", who.connection_id) + Field("user", who.user) +
                   Field("host", who.client_host) +
                   Field("account", "'" + who.account_user + "'@'" + who.account_host + "'") +
                   Field("transport", transport));
}

void AuditLog::Connect(const server::SessionIdentity& who) { Session("connect", who); }

void AuditLog::Disconnect(const server::SessionIdentity& who) { Session("disconnect", who); }

void AuditLog::LoginRefused(const std::string& user, const std::string& host,
                            const Status& error) {
  if (!On()) return;
  Write("login_refused", Field("user", user) + Field("host", host) +
                             Field("code", error.code()) + Field("message", error.message()));
}

void AuditLog::Statement(const engine::ServerHooks::AuditedStatement& statement) {
  if (!On()) return;
  std::string fields = Field("connection_id", statement.connection_id) +
                       Field("user", statement.user) + Field("host", statement.host);
  if (statement.denied) {
    fields += Field("code", statement.status.code()) + Field("message", statement.status.message());
  }
  Write(statement.denied ? "denied" : "account_change", fields + Field("statement", statement.what));
}

}  // namespace porpoise::daemon
