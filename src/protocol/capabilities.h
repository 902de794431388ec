// Capability flags (Protocol::CapabilityFlags) under their CLIENT_* names, written as
// constants kClient... so they cannot clash with the CLIENT_* macros of mysql.h. (protocol/)
#pragma once

#include <cstdint>

namespace porpoise::protocol {

inline constexpr uint32_t kClientLongPassword = 1u << 0;         // CLIENT_LONG_PASSWORD
inline constexpr uint32_t kClientFoundRows = 1u << 1;            // CLIENT_FOUND_ROWS
inline constexpr uint32_t kClientLongFlag = 1u << 2;             // CLIENT_LONG_FLAG
inline constexpr uint32_t kClientConnectWithDb = 1u << 3;        // CLIENT_CONNECT_WITH_DB
inline constexpr uint32_t kClientNoSchema = 1u << 4;             // CLIENT_NO_SCHEMA
inline constexpr uint32_t kClientCompress = 1u << 5;             // CLIENT_COMPRESS
inline constexpr uint32_t kClientOdbc = 1u << 6;                 // CLIENT_ODBC
inline constexpr uint32_t kClientLocalFiles = 1u << 7;           // CLIENT_LOCAL_FILES
inline constexpr uint32_t kClientIgnoreSpace = 1u << 8;          // CLIENT_IGNORE_SPACE
inline constexpr uint32_t kClientProtocol41 = 1u << 9;           // CLIENT_PROTOCOL_41
inline constexpr uint32_t kClientInteractive = 1u << 10;         // CLIENT_INTERACTIVE
inline constexpr uint32_t kClientSsl = 1u << 11;                 // CLIENT_SSL
inline constexpr uint32_t kClientIgnoreSigpipe = 1u << 12;       // CLIENT_IGNORE_SIGPIPE
inline constexpr uint32_t kClientTransactions = 1u << 13;        // CLIENT_TRANSACTIONS
inline constexpr uint32_t kClientReserved = 1u << 14;            // CLIENT_RESERVED
inline constexpr uint32_t kClientSecureConnection = 1u << 15;    // CLIENT_SECURE_CONNECTION
inline constexpr uint32_t kClientMultiStatements = 1u << 16;     // CLIENT_MULTI_STATEMENTS
inline constexpr uint32_t kClientMultiResults = 1u << 17;        // CLIENT_MULTI_RESULTS
inline constexpr uint32_t kClientPsMultiResults = 1u << 18;      // CLIENT_PS_MULTI_RESULTS
inline constexpr uint32_t kClientPluginAuth = 1u << 19;          // CLIENT_PLUGIN_AUTH
inline constexpr uint32_t kClientConnectAttrs = 1u << 20;        // CLIENT_CONNECT_ATTRS
inline constexpr uint32_t kClientPluginAuthLenencClientData = 1u << 21;
                                                 // CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA
inline constexpr uint32_t kClientCanHandleExpiredPasswords = 1u << 22;
inline constexpr uint32_t kClientSessionTrack = 1u << 23;        // CLIENT_SESSION_TRACK
inline constexpr uint32_t kClientDeprecateEof = 1u << 24;        // CLIENT_DEPRECATE_EOF
inline constexpr uint32_t kClientOptionalResultsetMetadata = 1u << 25;
inline constexpr uint32_t kClientZstdCompressionAlgorithm = 1u << 26;  // CLIENT_ZSTD_...
inline constexpr uint32_t kClientQueryAttributes = 1u << 27;     // CLIENT_QUERY_ATTRIBUTES
inline constexpr uint32_t kMultiFactorAuthentication = 1u << 28;
inline constexpr uint32_t kClientCapabilityExtension = 1u << 29;
inline constexpr uint32_t kClientSslVerifyServerCert = 1u << 30;
inline constexpr uint32_t kClientRememberOptions = 1u << 31;

// The compression flags; the greeting offers those protocol_compression_algorithms permits.
inline constexpr uint32_t kCompressionCapabilities =
    kClientCompress | kClientZstdCompressionAlgorithm;

// What Porpoise's server advertises in HandshakeV10 with the default
// protocol_compression_algorithms (see src/protocol/README.md for why each flag is in or out).
// The session uses server & client.
inline constexpr uint32_t kServerCapabilities =
    kClientLongPassword | kClientFoundRows | kClientLongFlag | kClientConnectWithDb |
    kClientNoSchema | kClientCompress | kClientLocalFiles | kClientIgnoreSpace | kClientProtocol41 |
    kClientInteractive | kClientTransactions | kClientSecureConnection | kClientMultiStatements |
    kClientMultiResults | kClientPsMultiResults | kClientPluginAuth | kClientConnectAttrs |
    kClientPluginAuthLenencClientData | kClientSessionTrack | kClientDeprecateEof |
    kClientZstdCompressionAlgorithm | kClientQueryAttributes | kClientCanHandleExpiredPasswords;

}  // namespace porpoise::protocol
