// The command phase's dispatch table (command byte -> HandleCom*) and the handlers: each
// decodes its packet, calls the SessionHandler or the registry, and encodes the reply.
// (server/)
#include <array>

#include "auth/privileges.h"
#include "protocol/capabilities.h"
#include "protocol/command_packets.h"
#include "server/connection.h"
#include "server/logger.h"
#include "server/result_writer.h"

namespace porpoise::server {

using protocol::ByteReader;
using protocol::Command;

namespace {

using Handler = Connection::Phase (Connection::*)(ByteReader&);

}  // namespace

Connection::Phase Connection::Dispatch(std::string_view packet) {
  struct Entry {
    Command command;
    Handler handler;
  };
  static constexpr Entry kTable[] = {
      {Command::kQuit, &Connection::HandleComQuit},
      {Command::kInitDb, &Connection::HandleComInitDb},
      {Command::kQuery, &Connection::HandleComQuery},
      {Command::kStatistics, &Connection::HandleComStatistics},
      {Command::kProcessKill, &Connection::HandleComProcessKill},
      {Command::kDebug, &Connection::HandleComDebug},
      {Command::kPing, &Connection::HandleComPing},
      {Command::kChangeUser, &Connection::HandleComChangeUser},
      {Command::kSetOption, &Connection::HandleComSetOption},
      {Command::kResetConnection, &Connection::HandleComResetConnection},
  };
  static constexpr std::array<Handler, 256> kHandlers = [] {
    std::array<Handler, 256> handlers{};
    for (const Entry& entry : kTable) handlers[static_cast<uint8_t>(entry.command)] = entry.handler;
    return handlers;
  }();
  if (packet.empty()) return CloseWithError(Status::Error(ER_MALFORMED_PACKET));
  Handler handler = kHandlers[static_cast<uint8_t>(packet[0])];
  if (handler == nullptr) {
    WriteError(Status::Error(ER_UNKNOWN_COM_ERROR));
    return Phase::kCommand;
  }
  ByteReader reader(packet.substr(1));
  return (this->*handler)(reader);
}

Connection::Phase Connection::HandleComQuit(ByteReader& /*reader*/) {
  quit_ = true;
  return Phase::kClosing;
}

Connection::Phase Connection::HandleComInitDb(ByteReader& reader) {
  std::string_view database = reader.ReadRest();
  entry_->SetCommand("Init DB", "");
  Status status = session_->ComInitDb(database);
  entry_->SetCommand("Sleep", "");
  if (!status.ok()) {
    WriteError(status);
    return Phase::kCommand;
  }
  entry_->SetDatabase(database);
  WriteOk();
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComQuery(ByteReader& reader) {
  std::string_view sql = reader.ReadRest();
  context_.registry.CountQuestion();
  entry_->SetCommand("Query", sql);
  ResultWriter writer(io_, capabilities_, *session_);
  session_->ComQuery(sql, multi_statements_, writer);
  entry_->SetCommand("Sleep", "");
  if (!writer.finished() && !io_.broken()) {
    Log(LogLevel::kError, "The session left a query unanswered: " + std::string(sql),
        connection_id_);
    WriteError(Status::Error(ER_UNKNOWN_ERROR));
  }
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComPing(ByteReader& /*reader*/) {
  WriteOk();
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComStatistics(ByteReader& /*reader*/) {
  std::string text = session_->ComStatistics();
  // The reply is a bare string, not an OK packet.
  io_.WritePacket([&](protocol::ByteWriter& writer) { writer.WriteBytes(text); });
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComProcessKill(ByteReader& reader) {
  Result<uint32_t> id = protocol::DecodeComProcessKill(reader);
  if (!id.ok()) return CloseWithError(id.status());
  std::string owner = context_.registry.UserOf(*id);
  bool is_super = (account_->global_privileges & auth::Bit(auth::Privilege::kSuper)) != 0;
  Status status;
  if (owner.empty() && *id != connection_id_) {
    status = Status::Error(ER_NO_SUCH_THREAD, *id);
  } else if (owner != account_->user && *id != connection_id_ && !is_super) {
    status = Status::Error(ER_KILL_DENIED_ERROR, *id);
  } else {
    status = context_.registry.Kill(*id, /*query_only=*/false);
  }
  if (status.ok()) {
    WriteOk();
  } else {
    WriteError(status);
  }
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComChangeUser(ByteReader& reader) {
  auto change = protocol::ComChangeUser::Decode(reader, capabilities_);
  if (!change.ok()) return CloseWithError(change.status());
  login_ = Login{};
  login_.user = std::move(change->user);
  login_.auth_response = std::move(change->auth_response);
  login_.client_plugin = std::move(change->client_plugin_name);
  login_.database = std::move(change->database);
  login_.collation = change->has_character_set ? change->character_set : 0;
  login_.change_user = true;
  entry_->SetCommand("Change user", "");
  return BeginLogin();
}

Connection::Phase Connection::HandleComResetConnection(ByteReader& /*reader*/) {
  session_->ComResetConnection();
  WriteOk();
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComSetOption(ByteReader& reader) {
  Result<uint16_t> option = protocol::DecodeComSetOption(reader);
  if (!option.ok()) return CloseWithError(option.status());
  if (*option == protocol::kMultiStatementsOn) {
    multi_statements_ = true;
  } else if (*option == protocol::kMultiStatementsOff) {
    multi_statements_ = false;
  } else {
    WriteError(Status::Error(ER_UNKNOWN_COM_ERROR));
    return Phase::kCommand;
  }
  WriteEofOrOk();
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComDebug(ByteReader& /*reader*/) {
  WriteEofOrOk();
  return Phase::kCommand;
}

}  // namespace porpoise::server
