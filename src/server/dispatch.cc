// The command phase's dispatch table (command byte -> HandleCom*) and the handlers: each
// decodes its packet, calls the SessionHandler or the registry, and encodes the reply.
// (server/)
#include <array>

#include "auth/privileges.h"
#include "protocol/capabilities.h"
#include "protocol/command_packets.h"
#include "protocol/response_packets.h"
#include "protocol/result_set_packets.h"
#include "protocol/statement_packets.h"
#include "server/connection.h"
#include "server/logger.h"
#include "server/result_writer.h"

namespace porpoise::server {

using protocol::ByteReader;
using protocol::Command;

namespace {

using Handler = Connection::Phase (Connection::*)(ByteReader&);

// Hands a command's query attributes to the session for as long as the command runs.
class QueryAttributesScope {
 public:
  QueryAttributesScope(SessionHandler& session, std::vector<QueryAttribute> attributes)
      : session_(session), any_(!attributes.empty()) {
    if (any_) session_.SetQueryAttributes(std::move(attributes));
  }
  ~QueryAttributesScope() {
    if (any_) session_.SetQueryAttributes({});
  }
  QueryAttributesScope(const QueryAttributesScope&) = delete;
  QueryAttributesScope& operator=(const QueryAttributesScope&) = delete;

 private:
  SessionHandler& session_;
  bool any_;
};

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
      {Command::kFieldList, &Connection::HandleComFieldList},
      {Command::kRefresh, &Connection::HandleComRefresh},
      {Command::kShutdown, &Connection::HandleComShutdown},
      {Command::kStmtPrepare, &Connection::HandleComStmtPrepare},
      {Command::kStmtExecute, &Connection::HandleComStmtExecute},
      {Command::kStmtSendLongData, &Connection::HandleComStmtSendLongData},
      {Command::kStmtClose, &Connection::HandleComStmtClose},
      {Command::kStmtReset, &Connection::HandleComStmtReset},
      {Command::kStmtFetch, &Connection::HandleComStmtFetch},
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
  WriteOk(0, session_->TakeStateChanges());
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComQuery(ByteReader& reader) {
  std::vector<QueryAttribute> attributes;
  if (capabilities_ & protocol::kClientQueryAttributes) {
    // The attribute prefix; a malformed one is answered with 1835, as MySQL answers it.
    Result<std::vector<QueryAttribute>> decoded = protocol::DecodeQueryAttributes(reader);
    if (!decoded.ok()) {
      WriteError(decoded.status());
      return Phase::kCommand;
    }
    attributes = std::move(decoded).value();
  }
  std::string_view sql = reader.ReadRest();
  QueryAttributesScope scope(*session_, std::move(attributes));
  context_.registry.CountQuestion();
  entry_->SetCommand("Query", sql);
  ResultWriter writer(io_, capabilities_, *session_);
  writer.set_read_timeout(Seconds(context_.options.net_read_timeout));
  session_->ComQuery(sql, multi_statements_, writer);
  entry_->SetCommand("Sleep", "");
  if (!writer.finished() && !io_.broken()) {
    Log(LogLevel::kError, "The session left a query unanswered: " + std::string(sql),
        connection_id_);
    WriteError(Status::Error(ER_UNKNOWN_ERROR));
  }
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComFieldList(ByteReader& reader) {
  Result<std::string_view> table = reader.ReadNulTerminatedString();
  if (!table.ok()) return CloseWithError(Status::Error(ER_MALFORMED_PACKET));
  std::string_view wildcard = reader.ReadRest();
  entry_->SetCommand("Field List", *table);
  Result<std::vector<ColumnInfo>> columns = session_->ComFieldList(*table, wildcard);
  entry_->SetCommand("Sleep", "");
  if (!columns.ok()) {
    WriteError(columns.status());
    return Phase::kCommand;
  }
  for (const ColumnInfo& column : *columns) {
    io_.WritePacket([&](protocol::ByteWriter& writer) {
      protocol::ColumnDefinition41::EncodeColumn(column, writer);
      writer.WriteNull();  // COM_FIELD_LIST's definitions end in the default value
    });
  }
  WriteEofOrOk();
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComRefresh(ByteReader& reader) {
  // COM_REFRESH (deprecated, still answered by MySQL 8.4): its flags as FLUSH's options,
  // run (and privilege-checked) as that statement.
  Result<uint8_t> flags = reader.ReadInt1();
  if (!flags.ok()) return CloseWithError(Status::Error(ER_MALFORMED_PACKET));
  static constexpr std::pair<uint8_t, const char*> kOptions[] = {
      {0x01, "PRIVILEGES"}, {0x02, "LOGS"}, {0x04, "TABLES"}, {0x08, "HOSTS"}, {0x10, "STATUS"}};
  std::string options;
  for (const auto& [bit, name] : kOptions) {
    if (*flags & bit) options += std::string(options.empty() ? "" : ", ") + name;
  }
  // REFRESH_THREADS and the replication flags have nothing to flush here.
  if (options.empty()) options = "STATUS";
  std::string sql = "FLUSH " + options;
  entry_->SetCommand("Refresh", "");
  ResultWriter writer(io_, capabilities_, *session_);
  session_->ComQuery(sql, false, writer);
  entry_->SetCommand("Sleep", "");
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComShutdown(ByteReader& /*reader*/) {
  // COM_SHUTDOWN (what mysql_shutdown() sends): the SHUTDOWN statement, whatever the level.
  entry_->SetCommand("Shutdown", "");
  ResultWriter writer(io_, capabilities_, *session_);
  session_->ComQuery("SHUTDOWN", false, writer);
  entry_->SetCommand("Sleep", "");
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
  Status status = session_->ComProcessKill(*id);
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
  login_.attributes = std::move(change->connect_attributes);
  login_.change_user = true;
  StartLoginDeadline();
  statements_.clear();
  entry_->SetCommand("Change user", "");
  return BeginLogin();
}

Connection::Phase Connection::HandleComResetConnection(ByteReader& /*reader*/) {
  session_->ComResetConnection();
  statements_.clear();
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
  // COM_DEBUG (mysql_dump_debug_info) writes nothing here, but answers as MySQL does: only
  // for an account with SUPER.
  if (Status status = session_->ComDebug(); !status.ok()) {
    WriteError(status);
    return Phase::kCommand;
  }
  WriteEofOrOk();
  return Phase::kCommand;
}

// ---- prepared statements (the binary protocol) ----

Connection::Phase Connection::HandleComStmtPrepare(ByteReader& reader) {
  std::string_view sql = reader.ReadRest();
  context_.registry.CountQuestion();
  entry_->SetCommand("Prepare", sql);
  Result<PreparedStatementInfo> prepared = session_->ComStmtPrepare(sql);
  entry_->SetCommand("Sleep", "");
  if (!prepared.ok()) {
    WriteError(prepared.status());
    return Phase::kCommand;
  }
  PreparedWireState& state = statements_[prepared->id];
  state.types.assign(prepared->parameter_count, 0xffff);
  state.long_data.assign(prepared->parameter_count, std::nullopt);
  protocol::StmtPrepareOk ok;
  ok.statement_id = prepared->id;
  ok.column_count = static_cast<uint16_t>(prepared->columns.size());
  ok.parameter_count = prepared->parameter_count;
  ok.warnings = session_->WarningCount();
  io_.WritePacket([&](protocol::ByteWriter& writer) { ok.Encode(writer); });
  auto definitions = [&](std::span<const ColumnInfo> columns) {
    if (columns.empty()) return;
    for (const ColumnInfo& column : columns) {
      io_.WritePacket([&](protocol::ByteWriter& writer) {
        protocol::ColumnDefinition41::EncodeColumn(column, writer);
      });
    }
    if (!(capabilities_ & protocol::kClientDeprecateEof)) {
      protocol::EofPacket eof{session_->WarningCount(), session_->ServerStatus()};
      io_.WritePacket([&](protocol::ByteWriter& writer) { eof.Encode(writer, capabilities_); });
    }
  };
  // A parameter is described as a binary string named "?" unless the session typed it
  // (a LIMIT count is a BIGINT, which drivers take as the hint to send an integer).
  std::vector<ColumnInfo> parameters(prepared->parameter_count);
  for (size_t i = 0; i < parameters.size(); ++i) {
    ColumnInfo& parameter = parameters[i];
    parameter.name = "?";
    parameter.collation = collation_id::kBinary;
    parameter.type = i < prepared->parameter_types.size() ? prepared->parameter_types[i]
                                                          : FieldType::kVarString;
    parameter.flags = column_flag::kBinary;
    if (parameter.type == FieldType::kLongLong) {
      parameter.flags |= column_flag::kNum;
      parameter.length = 21;
    }
  }
  definitions(parameters);
  definitions(prepared->columns);
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComStmtExecute(ByteReader& reader) {
  Result<uint32_t> id = protocol::DecodeStatementId(reader);
  if (!id.ok()) return CloseWithError(id.status());
  context_.registry.CountQuestion();
  auto found = statements_.find(*id);
  if (found == statements_.end()) {
    WriteError(Status::Error(ER_UNKNOWN_STMT_HANDLER, std::to_string(*id), "mysqld_stmt_execute"));
    return Phase::kCommand;
  }
  PreparedWireState& state = found->second;
  if (state.long_data_too_long) {  // until COM_STMT_RESET, as in MySQL
    state.long_data.assign(state.types.size(), std::nullopt);
    WriteError(Status::WithMessage(
        ER_UNKNOWN_ERROR,
        "Parameter of prepared statement which is set through mysql_send_long_data() is longer "
        "than 'max_allowed_packet' bytes"));
    return Phase::kCommand;
  }
  Result<protocol::StmtExecute> execute = protocol::DecodeStmtExecute(
      reader, state.types, state.long_data, (capabilities_ & protocol::kClientQueryAttributes) != 0);
  state.long_data.assign(state.types.size(), std::nullopt);
  if (!execute.ok()) {
    WriteError(execute.status());
    return Phase::kCommand;
  }
  entry_->SetCommand("Execute", "");
  state.cursor_open = false;
  state.cursor_rows.clear();
  state.cursor_next = 0;
  bool cursor = (execute->flags & protocol::kCursorTypeReadOnly) != 0;
  ResultWriter writer(io_, capabilities_, *session_,
                      cursor ? ResultWriter::Mode::kCursor : ResultWriter::Mode::kBinary);
  {
    QueryAttributesScope scope(*session_, std::move(execute->attributes));
    session_->ComStmtExecute(*id, execute->parameters, writer);
  }
  entry_->SetCommand("Sleep", "");
  if (writer.cursor_opened()) {
    state.cursor_open = true;
    state.cursor_rows = writer.TakeCursorRows();
  }
  if (!writer.finished() && !io_.broken()) {
    Log(LogLevel::kError, "The session left a prepared statement unanswered", connection_id_);
    WriteError(Status::Error(ER_UNKNOWN_ERROR));
  }
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComStmtSendLongData(ByteReader& reader) {
  // No reply, whatever happens: a bad statement or parameter shows at execution.
  Result<uint32_t> id = protocol::DecodeStatementId(reader);
  if (!id.ok()) return Phase::kCommand;
  Result<protocol::StmtLongData> data = protocol::DecodeStmtLongData(reader);
  if (!data.ok()) return Phase::kCommand;
  auto found = statements_.find(*id);
  if (found == statements_.end() || data->parameter >= found->second.long_data.size()) {
    return Phase::kCommand;
  }
  PreparedWireState& state = found->second;
  std::optional<std::string>& value = state.long_data[data->parameter];
  if (!value) value.emplace();
  if (state.long_data_too_long ||
      value->size() + data->data.size() >
          GlobalNumber("max_allowed_packet", context_.options.max_allowed_packet)) {
    state.long_data_too_long = true;
    std::string().swap(*value);  // the memory goes back now, not at the next execution
    return Phase::kCommand;
  }
  value->append(data->data);
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComStmtClose(ByteReader& reader) {
  // No reply.
  Result<uint32_t> id = protocol::DecodeStatementId(reader);
  if (!id.ok()) return Phase::kCommand;
  if (statements_.erase(*id) != 0) session_->ComStmtClose(*id);
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComStmtReset(ByteReader& reader) {
  Result<uint32_t> id = protocol::DecodeStatementId(reader);
  if (!id.ok()) return CloseWithError(id.status());
  auto found = statements_.find(*id);
  if (found == statements_.end()) {
    WriteError(Status::Error(ER_UNKNOWN_STMT_HANDLER, std::to_string(*id), "mysqld_stmt_reset"));
    return Phase::kCommand;
  }
  found->second.long_data.assign(found->second.types.size(), std::nullopt);
  found->second.long_data_too_long = false;
  found->second.cursor_open = false;
  found->second.cursor_rows.clear();
  session_->ComStmtReset(*id);
  WriteOk();
  return Phase::kCommand;
}

Connection::Phase Connection::HandleComStmtFetch(ByteReader& reader) {
  Result<uint32_t> id = protocol::DecodeStatementId(reader);
  if (!id.ok()) return CloseWithError(id.status());
  Result<uint32_t> count = protocol::DecodeStmtFetchRows(reader);
  if (!count.ok()) return CloseWithError(count.status());
  auto found = statements_.find(*id);
  if (found == statements_.end()) {
    WriteError(Status::Error(ER_UNKNOWN_STMT_HANDLER, std::to_string(*id), "mysqld_stmt_fetch"));
    return Phase::kCommand;
  }
  PreparedWireState& state = found->second;
  if (!state.cursor_open) {
    WriteError(Status::Error(ER_STMT_HAS_NO_OPEN_CURSOR, *id));
    return Phase::kCommand;
  }
  // Up to `count` rows; running out of rows closes the cursor (LAST_ROW_SENT), as MySQL's
  // materialized cursor does (a fetch that ends exactly on the last row learns it next time).
  uint32_t sent = 0;
  while (sent < *count && state.cursor_next < state.cursor_rows.size()) {
    const std::string& row = state.cursor_rows[state.cursor_next++];
    io_.WritePacket([&](protocol::ByteWriter& writer) { writer.WriteBytes(row); });
    ++sent;
    if (!io_.MaybeFlush().ok()) return Phase::kClosing;
  }
  bool exhausted = sent < *count;
  ResultWriter writer(io_, capabilities_, *session_, ResultWriter::Mode::kBinary);
  uint16_t status = session_->ServerStatus();
  if (exhausted) {
    status |= server_status::kLastRowSent;
    state.cursor_open = false;
    state.cursor_rows.clear();
    state.cursor_next = 0;
  } else {
    status |= server_status::kCursorExists;
  }
  writer.WriteEnd(status);
  return Phase::kCommand;
}

}  // namespace porpoise::server
