// Fuzz target: the client's login packet as Connection::RunAuthenticating reads it, before any
// authentication: HandshakeResponse41, or the 32-byte SSLRequest and then the real response,
// under every combination of the server flags that change its layout, and the connection
// attributes block on its own (COM_CHANGE_USER shares it). (protocol/fuzz)
//
// Input: byte 0 chooses what the server offered (the client's own flags are the packet's
// first four bytes, as on the wire):
//   bits 0-5  which of the six layout flags (kLayoutFlags, in that order) the server offers;
//   bit 6     CLIENT_SSL offered (a TCP greeting with TLS set up);
//   bit 7     the rest is an SSLRequest (its first 32 bytes) followed by the real response.
// Everything that decodes must re-encode (under the negotiated layout) and decode back to an
// equal value, and whatever the server later trusts (the SSLRequest's shape, the filler's
// size) must hold.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocol/byte_reader.h"
#include "protocol/byte_writer.h"
#include "protocol/capabilities.h"
#include "protocol/handshake.h"

namespace porpoise::protocol {
namespace {

// The flags that change how HandshakeResponse41 is laid out; Decode reads each optional part
// only when both sides have its flag. Bit i of the selector byte offers kLayoutFlags[i].
constexpr std::array<uint32_t, 6> kLayoutFlags = {
    kClientPluginAuthLenencClientData, kClientSecureConnection, kClientConnectWithDb,
    kClientPluginAuth, kClientConnectAttrs, kClientZstdCompressionAlgorithm};
constexpr uint32_t kAllLayoutFlags =
    kClientPluginAuthLenencClientData | kClientSecureConnection | kClientConnectWithDb |
    kClientPluginAuth | kClientConnectAttrs | kClientZstdCompressionAlgorithm;

// An SSLRequest is the response's fixed part alone: flags, max packet, charset, filler.
constexpr size_t kSslRequestSize = 32;
constexpr size_t kFillerSize = 23;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "handshake_response_fuzzer: %s\n", what);
  std::abort();
}

void Check(bool condition, const char* what) {
  if (!condition) Fail(what);
}

uint32_t ServerCapabilities(uint8_t selector) {
  uint32_t caps = kServerCapabilities & ~kAllLayoutFlags;
  for (size_t bit = 0; bit < kLayoutFlags.size(); ++bit) {
    if (selector & (1u << bit)) caps |= kLayoutFlags[bit];
  }
  if (selector & 0x40) caps |= kClientSsl;
  return caps;
}

bool SameExceptFlags(const HandshakeResponse41& a, const HandshakeResponse41& b) {
  return a.max_packet_size == b.max_packet_size && a.character_set == b.character_set &&
         a.filler == b.filler && a.ssl_request == b.ssl_request && a.user == b.user &&
         a.auth_response == b.auth_response && a.database == b.database &&
         a.client_plugin_name == b.client_plugin_name &&
         a.has_connect_attributes == b.has_connect_attributes &&
         a.connect_attributes == b.connect_attributes &&
         a.zstd_compression_level == b.zstd_compression_level;
}

// What a successful decode promises, and that it survives Encode + Decode. Encode lays the
// fields out by the client's flags and Decode by the negotiated ones, so the copy that is
// re-encoded keeps only the layout flags the server offered.
void CheckDecoded(std::string_view packet, const HandshakeResponse41& decoded,
                  uint32_t server_caps) {
  Check((decoded.client_flags & kClientProtocol41) != 0, "accepted a pre-4.1 client");
  Check(decoded.filler.size() == kFillerSize, "filler size");
  if (decoded.ssl_request) {
    Check(packet.size() == kSslRequestSize && (decoded.client_flags & kClientSsl) != 0,
          "SSLRequest without CLIENT_SSL or of the wrong size");
    return;
  }
  uint32_t negotiated = decoded.client_flags & server_caps;
  if (!(negotiated & kClientPluginAuthLenencClientData) &&
      (negotiated & kClientSecureConnection)) {
    Check(decoded.auth_response.size() <= 255, "int<1>-counted auth response too long");
  }
  if (!(negotiated & kClientConnectWithDb)) Check(decoded.database.empty(), "unasked database");
  if (!(negotiated & kClientPluginAuth)) Check(decoded.client_plugin_name.empty(), "unasked plugin");
  if (!(negotiated & kClientConnectAttrs)) {
    Check(!decoded.has_connect_attributes && decoded.connect_attributes.empty(),
          "unasked connection attributes");
  }
  if (!(negotiated & kClientZstdCompressionAlgorithm)) {
    Check(decoded.zstd_compression_level == 0, "unasked zstd level");
  }

  HandshakeResponse41 copy = decoded;
  copy.client_flags &= server_caps | ~kAllLayoutFlags;
  std::string bytes;
  ByteWriter writer(bytes);
  copy.Encode(writer);
  ByteReader reader(bytes);
  Result<HandshakeResponse41> again = HandshakeResponse41::Decode(reader, server_caps);
  Check(again.ok(), "re-encoded response does not decode");
  Check(again->client_flags == copy.client_flags, "client flags changed");
  Check(SameExceptFlags(decoded, *again), "response differs after a round trip");
}

void FuzzResponse(std::string_view packet, uint32_t server_caps) {
  ByteReader reader(packet);
  Result<HandshakeResponse41> decoded = HandshakeResponse41::Decode(reader, server_caps);
  if (decoded.ok()) CheckDecoded(packet, *decoded, server_caps);
}

// The attributes block alone, from the start of `bytes`.
void FuzzConnectAttributes(std::string_view bytes) {
  ByteReader reader(bytes);
  Result<ConnectAttributes> decoded = DecodeConnectAttributes(reader);
  if (!decoded.ok()) return;
  std::string encoded;
  ByteWriter writer(encoded);
  EncodeConnectAttributes(*decoded, writer);
  ByteReader again_reader(encoded);
  Result<ConnectAttributes> again = DecodeConnectAttributes(again_reader);
  Check(again.ok() && *again == *decoded && again_reader.empty(), "connection attributes");
}

}  // namespace
}  // namespace porpoise::protocol

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace porpoise::protocol;
  if (size == 0) return 0;
  uint8_t selector = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  uint32_t server_caps = ServerCapabilities(selector);

  if (selector & 0x80) {
    // As RunAuthenticating: an SSLRequest the server offered TLS for is followed (over TLS)
    // by the real response; any other first packet is the response itself.
    std::string_view first = rest.substr(0, kSslRequestSize);
    std::string_view second = rest.substr(first.size());
    ByteReader reader(first);
    porpoise::Result<HandshakeResponse41> decoded = HandshakeResponse41::Decode(reader, server_caps);
    if (decoded.ok()) CheckDecoded(first, *decoded, server_caps);
    if (decoded.ok() && decoded->ssl_request && (server_caps & kClientSsl)) {
      FuzzResponse(second, server_caps);
    }
  } else {
    FuzzResponse(rest, server_caps);
  }
  FuzzConnectAttributes(rest);
  return 0;
}
