// Fuzz target: the command phase as a logged-in client drives it, one packet after another,
// through every COM_* decoder in protocol/ with the state server/dispatch.cc keeps between
// them: a prepared statement's parameter types as last bound (a COM_STMT_EXECUTE may bind
// none and reuse them) and its COM_STMT_SEND_LONG_DATA values, which the next execute takes
// instead of the packet's. packet_decode_fuzzer decodes each packet on its own; this target
// is where a decoder meets what earlier packets left behind. (protocol/fuzz)
//
// Input: byte 0 is the negotiated capabilities that change command decoding (bit 0
// CLIENT_QUERY_ATTRIBUTES, bit 1 CLIENT_SECURE_CONNECTION, bit 2 CLIENT_PLUGIN_AUTH, bit 3
// CLIENT_CONNECT_ATTRS); the rest is the client's byte stream, packets framed as on the wire
// (each command restarts the sequence at 0). Bytes that do not frame are one last packet.
// COM_STMT_PREPARE succeeds for any text, with one parameter per '?', and its statements are
// numbered from 1, as a session numbers them.
//
// Checked: whatever COM_QUERY's attribute prefix or COM_STMT_EXECUTE decodes to re-encodes
// and decodes to the same values (temporal values once in their canonical form: the decoder
// keeps fractions and signs the encoder drops, so the first round trip may normalise them);
// an execute yields exactly the statement's parameters, query attributes only when
// negotiated; long data replaces a parameter whatever the packet says; a statement's
// parameter count never changes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/parameter_value.h"
#include "protocol/byte_reader.h"
#include "protocol/byte_writer.h"
#include "protocol/capabilities.h"
#include "protocol/command_packets.h"
#include "protocol/packet_framer.h"
#include "protocol/statement_packets.h"

namespace porpoise::protocol {
namespace {

constexpr size_t kMaxPacket = 1 << 16;
constexpr uint16_t kUnbound = 0xffff;
constexpr uint16_t kUnsignedFlag = 0x8000;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "command_fuzzer: %s\n", what);
  std::abort();
}

void Check(bool condition, const char* what) {
  if (!condition) Fail(what);
}

bool IsTemporal(ParameterValue::Kind kind) {
  return kind == ParameterValue::Kind::kDate || kind == ParameterValue::Kind::kTime ||
         kind == ParameterValue::Kind::kDateTime;
}

// Equal values; `temporal_text` false: a DATE/TIME/DATETIME only has to keep its kind.
bool SameValue(const ParameterValue& a, const ParameterValue& b, bool temporal_text) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ParameterValue::Kind::kNull:
      return true;
    case ParameterValue::Kind::kSigned:
    case ParameterValue::Kind::kUnsigned:
      return a.integer == b.integer;
    case ParameterValue::Kind::kDouble:
      return std::memcmp(&a.real, &b.real, sizeof(a.real)) == 0;
    default:
      return (IsTemporal(a.kind) && !temporal_text) || a.text == b.text;
  }
}

bool SameValues(const std::vector<ParameterValue>& a, const std::vector<ParameterValue>& b,
                bool temporal_text) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!SameValue(a[i], b[i], temporal_text)) return false;
  }
  return true;
}

bool SameAttributes(const std::vector<QueryAttribute>& a, const std::vector<QueryAttribute>& b,
                    bool temporal_text) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || !SameValue(a[i].value, b[i].value, temporal_text)) {
      return false;
    }
  }
  return true;
}

// The wire type a value is sent back as (what a client binding it would send).
uint16_t WireType(const ParameterValue& value) {
  auto type = [](FieldType field) { return static_cast<uint16_t>(field); };
  switch (value.kind) {
    case ParameterValue::Kind::kNull: return type(FieldType::kNull);
    case ParameterValue::Kind::kSigned: return type(FieldType::kLongLong);
    case ParameterValue::Kind::kUnsigned: return type(FieldType::kLongLong) | kUnsignedFlag;
    case ParameterValue::Kind::kDouble: return type(FieldType::kDouble);
    case ParameterValue::Kind::kDecimal: return type(FieldType::kNewDecimal);
    case ParameterValue::Kind::kString: return type(FieldType::kVarString);
    case ParameterValue::Kind::kBinary: return type(FieldType::kBlob);
    case ParameterValue::Kind::kDate: return type(FieldType::kDate);
    case ParameterValue::Kind::kTime: return type(FieldType::kTime);
    case ParameterValue::Kind::kDateTime: return type(FieldType::kDateTime);
  }
  return type(FieldType::kVarString);
}

// --- COM_QUERY's attribute prefix ---

Result<std::vector<QueryAttribute>> ReencodeAttributes(const std::vector<QueryAttribute>& values,
                                                       std::string_view text) {
  std::string bytes;
  ByteWriter writer(bytes);
  EncodeQueryAttributes(values, writer);
  writer.WriteBytes(text);
  ByteReader reader(bytes);
  Result<std::vector<QueryAttribute>> again = DecodeQueryAttributes(reader);
  if (again.ok()) Check(reader.ReadRest() == text, "COM_QUERY text moved after re-encoding");
  return again;
}

void CheckQueryAttributes(const std::vector<QueryAttribute>& decoded, std::string_view text) {
  Result<std::vector<QueryAttribute>> once = ReencodeAttributes(decoded, text);
  Check(once.ok(), "COM_QUERY attributes: re-encoded prefix does not decode");
  Check(SameAttributes(decoded, *once, false), "COM_QUERY attributes differ after a round trip");
  Result<std::vector<QueryAttribute>> twice = ReencodeAttributes(*once, text);
  Check(twice.ok() && SameAttributes(*once, *twice, true),
        "COM_QUERY attributes: canonical form is not stable");
}

// --- COM_STMT_EXECUTE ---

struct Statement {
  std::vector<uint16_t> types;  // as last bound, kUnbound before the first bind
  std::vector<std::optional<std::string>> long_data;
};

Result<StmtExecute> ReencodeExecute(uint32_t id, uint8_t flags, const StmtExecute& decoded,
                                    bool named, bool query_attributes) {
  std::vector<uint16_t> types;
  for (const ParameterValue& value : decoded.parameters) types.push_back(WireType(value));
  std::string bytes;
  ByteWriter writer(bytes);
  EncodeStmtExecute(id, flags & ~kParameterCountAvailable, types, decoded.parameters, writer,
                    decoded.attributes, named);
  ByteReader reader(bytes);
  Result<uint32_t> again_id = DecodeStatementId(reader);
  Check(again_id.ok() && *again_id == id, "COM_STMT_EXECUTE: statement id changed");
  std::vector<uint16_t> fresh(decoded.parameters.size(), kUnbound);
  return DecodeStmtExecute(reader, fresh, {}, query_attributes);
}

void CheckExecute(uint32_t id, const StmtExecute& decoded, const Statement& before,
                  const Statement& after, bool query_attributes) {
  size_t own = before.types.size();
  bool named = query_attributes && (decoded.flags & kParameterCountAvailable) != 0;
  Check(decoded.parameters.size() == own, "COM_STMT_EXECUTE: wrong number of parameters");
  Check(named || decoded.attributes.empty(), "COM_STMT_EXECUTE: attributes not negotiated");
  Check(after.types.size() == own, "COM_STMT_EXECUTE: parameter count changed");
  for (size_t i = 0; i < own && i < before.long_data.size(); ++i) {
    if (!before.long_data[i].has_value()) continue;
    const ParameterValue& value = decoded.parameters[i];
    Check((value.kind == ParameterValue::Kind::kString ||
           value.kind == ParameterValue::Kind::kBinary) &&
              value.text == *before.long_data[i],
          "COM_STMT_EXECUTE: long data not used");
  }

  Result<StmtExecute> once = ReencodeExecute(id, decoded.flags, decoded, named, query_attributes);
  Check(once.ok(), "COM_STMT_EXECUTE: re-encoded packet does not decode");
  Check(SameValues(decoded.parameters, once->parameters, false) &&
            SameAttributes(decoded.attributes, once->attributes, false),
        "COM_STMT_EXECUTE: values differ after a round trip");
  Result<StmtExecute> twice = ReencodeExecute(id, decoded.flags, *once, named, query_attributes);
  Check(twice.ok() && SameValues(once->parameters, twice->parameters, true) &&
            SameAttributes(once->attributes, twice->attributes, true),
        "COM_STMT_EXECUTE: canonical form is not stable");
}

// --- the command loop ---

class CommandPhase {
 public:
  explicit CommandPhase(uint32_t capabilities) : capabilities_(capabilities) {}

  // One command, as Connection::Dispatch handles it; false: the server closes the connection.
  bool Handle(std::string_view packet) {
    if (packet.empty()) return false;
    auto command = static_cast<Command>(static_cast<uint8_t>(packet[0]));
    ByteReader reader(packet.substr(1));
    switch (command) {
      case Command::kQuit:
        return false;
      case Command::kInitDb:
      case Command::kStmtPrepare: {
        std::string_view text = reader.ReadRest();
        Check(text.size() == packet.size() - 1, "command text lost bytes");
        if (command == Command::kStmtPrepare) Prepare(text);
        return true;
      }
      case Command::kQuery:
        Query(reader);
        return true;
      case Command::kFieldList: {
        Result<std::string_view> table = reader.ReadNulTerminatedString();
        if (!table.ok()) return false;
        Check(table->find('\0') == std::string_view::npos, "table name holds a NUL");
        std::string_view wildcard = reader.ReadRest();
        Check(table->size() + 1 + wildcard.size() == packet.size() - 1, "COM_FIELD_LIST split");
        return true;
      }
      case Command::kRefresh:
        return reader.ReadInt1().ok();
      case Command::kProcessKill:
        return DecodeComProcessKill(reader).ok();
      case Command::kSetOption:
        return DecodeComSetOption(reader).ok();
      case Command::kChangeUser: {
        // A new login: the connection forgets its prepared statements.
        if (!ComChangeUser::Decode(reader, capabilities_).ok()) return false;
        statements_.clear();
        return true;
      }
      case Command::kResetConnection:
        statements_.clear();
        return true;
      case Command::kStmtExecute:
        return Execute(reader);
      case Command::kStmtSendLongData:
        SendLongData(reader, packet.size());
        return true;
      case Command::kStmtClose: {
        Result<uint32_t> id = DecodeStatementId(reader);
        if (id.ok()) statements_.erase(*id);
        return true;  // no reply, whatever happens
      }
      case Command::kStmtReset: {
        Result<uint32_t> id = DecodeStatementId(reader);
        if (!id.ok()) return false;
        auto found = statements_.find(*id);
        if (found != statements_.end()) {
          found->second.long_data.assign(found->second.types.size(), std::nullopt);
        }
        return true;
      }
      case Command::kStmtFetch: {
        if (!DecodeStatementId(reader).ok()) return false;
        return DecodeStmtFetchRows(reader).ok();
      }
      default:
        return true;  // answered with 1047 or without reading arguments
    }
  }

 private:
  void Prepare(std::string_view text) {
    size_t marks = 0;
    for (char c : text) marks += c == '?' ? 1 : 0;
    uint16_t count = static_cast<uint16_t>(marks > 0xffff ? 0xffff : marks);
    Statement& statement = statements_[++next_id_];
    statement.types.assign(count, kUnbound);
    statement.long_data.assign(count, std::nullopt);
  }

  void Query(ByteReader& reader) {
    if (!(capabilities_ & kClientQueryAttributes)) {
      (void)reader.ReadRest();
      return;
    }
    Result<std::vector<QueryAttribute>> attributes = DecodeQueryAttributes(reader);
    if (!attributes.ok()) return;  // answered with an error; the connection goes on
    CheckQueryAttributes(*attributes, reader.ReadRest());
  }

  bool Execute(ByteReader& reader) {
    Result<uint32_t> id = DecodeStatementId(reader);
    if (!id.ok()) return false;
    auto found = statements_.find(*id);
    if (found == statements_.end()) return true;
    Statement& statement = found->second;
    Statement before = statement;
    bool query_attributes = (capabilities_ & kClientQueryAttributes) != 0;
    Result<StmtExecute> execute =
        DecodeStmtExecute(reader, statement.types, statement.long_data, query_attributes);
    statement.long_data.assign(statement.types.size(), std::nullopt);
    Check(statement.types.size() == before.types.size(), "types resized by a failed execute");
    if (execute.ok()) CheckExecute(*id, *execute, before, statement, query_attributes);
    return true;
  }

  void SendLongData(ByteReader& reader, size_t packet_size) {
    Result<uint32_t> id = DecodeStatementId(reader);
    if (!id.ok()) return;
    Result<StmtLongData> data = DecodeStmtLongData(reader);
    if (!data.ok()) return;
    Check(data->data.size() + 7 == packet_size, "COM_STMT_SEND_LONG_DATA lost bytes");
    auto found = statements_.find(*id);
    if (found == statements_.end() || data->parameter >= found->second.long_data.size()) return;
    std::optional<std::string>& value = found->second.long_data[data->parameter];
    if (!value) value.emplace();
    value->append(data->data);
  }

  uint32_t capabilities_;
  uint32_t next_id_ = 0;
  std::map<uint32_t, Statement> statements_;
};

uint32_t Capabilities(uint8_t selector) {
  uint32_t caps = 0;
  if (selector & 0x01) caps |= kClientQueryAttributes;
  if (selector & 0x02) caps |= kClientSecureConnection;
  if (selector & 0x04) caps |= kClientPluginAuth;
  if (selector & 0x08) caps |= kClientConnectAttrs;
  return caps;
}

}  // namespace
}  // namespace porpoise::protocol

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace porpoise::protocol;
  if (size == 0) return 0;
  CommandPhase phase(Capabilities(data[0]));
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  PacketFramer framer(kMaxPacket);
  while (!input.empty()) {
    porpoise::Result<size_t> used = framer.Consume(input);
    if (!used.ok() || !framer.HasPacket()) {
      // Not a whole packet: the rest as one bare packet, so the decoders still see it.
      phase.Handle(input);
      break;
    }
    input.remove_prefix(*used);
    std::string packet = framer.TakePacket();
    framer.ResetSequence();
    if (!phase.Handle(packet)) break;
  }
  return 0;
}
