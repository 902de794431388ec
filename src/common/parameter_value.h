// ParameterValue: one value a client binds to a prepared statement's `?`, as the wire side
// decodes it (COM_STMT_EXECUTE, COM_STMT_SEND_LONG_DATA) and the engine binds it; and a query
// attribute, a named value of the same form sent with COM_QUERY or COM_STMT_EXECUTE.
// (common/)
#pragma once

#include <cstdint>
#include <string>

namespace porpoise {

struct ParameterValue {
  enum class Kind : uint8_t {
    kNull,
    kSigned,    // `integer`
    kUnsigned,  // `integer`'s bits as uint64_t
    kDouble,    // `real` (a FLOAT parameter widened)
    kDecimal,   // `text`: the number as the client wrote it
    kString,    // `text`: bytes in character_set_client
    kBinary,    // `text`: bytes of a BLOB-typed parameter (the binary character set)
    kDate,      // `text`: YYYY-MM-DD
    kTime,      // `text`: [-]H:MM:SS[.ffffff], hours unbounded
    kDateTime,  // `text`: YYYY-MM-DD HH:MM:SS[.ffffff]
  };

  Kind kind = Kind::kNull;
  int64_t integer = 0;
  double real = 0;
  std::string text;
};

// A query attribute (CLIENT_QUERY_ATTRIBUTES): its name (bytes in character_set_client, as
// sent) and its value.
struct QueryAttribute {
  std::string name;
  ParameterValue value;
};

}  // namespace porpoise
