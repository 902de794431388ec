# A small MySQL client written against the wire protocol, for what no client in Debian does:
# zstd connection compression (CLIENT_ZSTD_COMPRESSION_ALGORITHM) and query attributes
# (CLIENT_QUERY_ATTRIBUTES) with COM_QUERY and COM_STMT_EXECUTE. It performs a real handshake
# with mysql_native_password, then sends commands and reads text and binary result sets.
import hashlib
import socket
import struct
import zlib

import zstandard

CLIENT_LONG_PASSWORD = 1 << 0
CLIENT_COMPRESS = 1 << 5
CLIENT_PROTOCOL_41 = 1 << 9
CLIENT_TRANSACTIONS = 1 << 13
CLIENT_SECURE_CONNECTION = 1 << 15
CLIENT_MULTI_RESULTS = 1 << 17
CLIENT_PLUGIN_AUTH = 1 << 19
CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA = 1 << 21
CLIENT_ZSTD_COMPRESSION_ALGORITHM = 1 << 26
CLIENT_QUERY_ATTRIBUTES = 1 << 27

PARAMETER_COUNT_AVAILABLE = 0x08
TYPE_NULL, TYPE_LONGLONG, TYPE_VAR_STRING, TYPE_DOUBLE = 6, 8, 253, 5


class ServerError(Exception):
    def __init__(self, code, state, message):
        super().__init__(f"{code} ({state}): {message}")
        self.code, self.state, self.message = code, state, message


def lenenc_int(value):
    if value < 251:
        return bytes([value])
    if value < 1 << 16:
        return b"\xfc" + value.to_bytes(2, "little")
    if value < 1 << 24:
        return b"\xfd" + value.to_bytes(3, "little")
    return b"\xfe" + value.to_bytes(8, "little")


def lenenc_str(data):
    return lenenc_int(len(data)) + data


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        chunk = self.data[self.pos:self.pos + n]
        if len(chunk) != n:
            raise ValueError("short packet")
        self.pos += n
        return chunk

    def int(self, n):
        return int.from_bytes(self.take(n), "little")

    def lenenc(self):
        first = self.int(1)
        if first < 251:
            return first
        if first == 0xFB:
            return None
        return self.int({0xFC: 2, 0xFD: 3, 0xFE: 8}[first])

    def lenenc_str(self):
        n = self.lenenc()
        return None if n is None else self.take(n)

    def nul_str(self):
        end = self.data.index(b"\x00", self.pos)
        text = self.data[self.pos:end]
        self.pos = end + 1
        return text

    def rest(self):
        return self.data[self.pos:]


def native_scramble(password, scramble):
    if not password:
        return b""
    stage1 = hashlib.sha1(password.encode()).digest()
    stage2 = hashlib.sha1(stage1).digest()
    mix = hashlib.sha1(scramble + stage2).digest()
    return bytes(a ^ b for a, b in zip(stage1, mix))


def attribute_block(values, names):
    """The NULL bitmap, new-params-bound flag, types with names and values of `values`."""
    out = bytearray()
    bitmap = bytearray((len(values) + 7) // 8)
    for i, value in enumerate(values):
        if value is None:
            bitmap[i // 8] |= 1 << (i % 8)
    out += bitmap + b"\x01"
    for value, name in zip(values, names):
        if value is None:
            kind = TYPE_NULL
        elif isinstance(value, int):
            kind = TYPE_LONGLONG
        elif isinstance(value, float):
            kind = TYPE_DOUBLE
        else:
            kind = TYPE_VAR_STRING
        out += struct.pack("<BB", kind, 0)
        if name is not None:
            out += lenenc_str(name.encode())
    for value in values:
        if value is None:
            continue
        if isinstance(value, int):
            out += struct.pack("<q", value)
        elif isinstance(value, float):
            out += struct.pack("<d", value)
        else:
            out += lenenc_str(value.encode() if isinstance(value, str) else value)
    return bytes(out)


class WireClient:
    """compression: None, "zlib" or "zstd"; attributes: offer CLIENT_QUERY_ATTRIBUTES;
    collation: the number the handshake response names (255, utf8mb4_0900_ai_ci, by default)."""

    def __init__(self, host, port, user, password, compression=None, zstd_level=3,
                 attributes=False, database=None, timeout=10, collation=255):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.compression = None
        self.buffer = b""
        greeting = self._read()
        r = Reader(greeting)
        assert r.int(1) == 10
        self.server_version = r.nul_str().decode()
        self.connection_id = r.int(4)
        scramble = r.take(8)
        r.take(1)
        caps = r.int(2)
        r.take(1)
        r.int(2)
        caps |= r.int(2) << 16
        r.take(11)
        scramble += r.take(12)
        self.server_capabilities = caps
        flags = (CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION |
                 CLIENT_TRANSACTIONS | CLIENT_MULTI_RESULTS | CLIENT_PLUGIN_AUTH |
                 CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)
        if compression == "zlib":
            flags |= CLIENT_COMPRESS
        elif compression == "zstd":
            flags |= CLIENT_ZSTD_COMPRESSION_ALGORITHM
        if attributes:
            flags |= CLIENT_QUERY_ATTRIBUTES
        if database:
            flags |= 1 << 3
        self.flags = flags
        response = struct.pack("<IIB", flags, 1 << 24, collation) + b"\x00" * 23
        response += user.encode() + b"\x00"
        response += lenenc_str(native_scramble(password, scramble))
        if database:
            response += database.encode() + b"\x00"
        response += b"mysql_native_password\x00"
        if flags & CLIENT_ZSTD_COMPRESSION_ALGORITHM:
            response += bytes([zstd_level])
        self._write(response, 1)
        reply = self._read()
        if reply[:1] == b"\xfe":  # AuthSwitchRequest
            r = Reader(reply[1:])
            plugin = r.nul_str()
            assert plugin == b"mysql_native_password", plugin
            self._write(native_scramble(password, r.rest()[:20]), self.seq + 1)
            reply = self._read()
        self._check(reply)
        # The negotiated algorithm: the one both sides set, zlib first.
        negotiated = flags & caps
        if negotiated & CLIENT_COMPRESS:
            self.compression = "zlib"
        elif negotiated & CLIENT_ZSTD_COMPRESSION_ALGORITHM:
            self.compression = "zstd"
        self.zstd_level = zstd_level
        self.query_attributes = bool(negotiated & CLIENT_QUERY_ATTRIBUTES)

    # -- framing --------------------------------------------------------------------------

    def _recv(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("server closed the connection")
            data += chunk
        return data

    def _read(self):
        """One logical packet (payload): 16 MB pieces joined."""
        payload = self._read_piece()
        piece = payload
        while len(piece) == 0xFFFFFF:
            piece = self._read_piece()
            payload += piece
        return payload

    def _read_piece(self):
        """One packet as framed, through the compression layer when it is on."""
        if self.compression is None:
            header = self._recv(4)
            self.seq = header[3]
            return self._recv(int.from_bytes(header[:3], "little"))
        while len(self.buffer) < 4 or \
                len(self.buffer) < 4 + int.from_bytes(self.buffer[:3], "little"):
            header = self._recv(7)
            length = int.from_bytes(header[:3], "little")
            original = int.from_bytes(header[4:7], "little")
            self.compressed_seq = header[3] + 1
            payload = self._recv(length)
            if original == 0:
                self.buffer += payload
            elif self.compression == "zstd":
                self.buffer += zstandard.ZstdDecompressor().decompress(
                    payload, max_output_size=original)
            else:
                self.buffer += zlib.decompress(payload)
        length = int.from_bytes(self.buffer[:3], "little")
        self.seq = self.buffer[3]
        payload = self.buffer[4:4 + length]
        self.buffer = self.buffer[4 + length:]
        return payload

    def _write(self, payload, seq):
        """Sends a logical packet: 16 MB pieces, each with the next sequence id."""
        stream = b""
        while True:
            piece, payload = payload[:0xFFFFFF], payload[0xFFFFFF:]
            stream += len(piece).to_bytes(3, "little") + bytes([seq & 0xFF]) + piece
            self.seq = seq
            seq += 1
            if len(piece) < 0xFFFFFF:
                break
        if self.compression is None:
            self.sock.sendall(stream)
            return
        # Compressed packets of at most 16 MB before compression, numbered from 0.
        for number, at in enumerate(range(0, len(stream), 0xFFFFFF)):
            chunk = stream[at:at + 0xFFFFFF]
            if len(chunk) < 50:
                body, original = chunk, 0
            elif self.compression == "zstd":
                body = zstandard.ZstdCompressor(level=self.zstd_level).compress(chunk)
                original = len(chunk)
            else:
                body, original = zlib.compress(chunk), len(chunk)
            self.sock.sendall(len(body).to_bytes(3, "little") + bytes([number & 0xFF]) +
                              original.to_bytes(3, "little") + body)

    def send_raw_compressed(self, header_and_body):
        """Sends bytes as they are (tests of broken compressed packets)."""
        self.sock.sendall(header_and_body)

    @staticmethod
    def _check(payload):
        if payload[:1] == b"\xff":
            r = Reader(payload[1:])
            code = r.int(2)
            state = ""
            if payload[3:4] == b"#":
                r.take(1)
                state = r.take(5).decode()
            raise ServerError(code, state, r.rest().decode(errors="replace"))
        return payload

    # -- commands -------------------------------------------------------------------------

    def _columns(self, count):
        columns = []
        for _ in range(count):
            r = Reader(self._read())
            for _ in range(4):
                r.lenenc_str()
            name = r.lenenc_str().decode()
            r.lenenc_str()
            r.lenenc()
            r.int(2)
            r.int(4)
            columns.append((name, r.int(1)))
        self._check(self._read())  # EOF after the definitions
        return columns

    def query(self, sql, attributes=None):
        """Runs a COM_QUERY; returns (column names, rows) or the OK's affected rows."""
        prefix = b""
        if self.query_attributes:
            attributes = attributes or {}
            prefix = lenenc_int(len(attributes)) + lenenc_int(1)
            if attributes:
                prefix += attribute_block(list(attributes.values()), list(attributes))
        else:
            assert not attributes, "query attributes were not negotiated"
        self._write(b"\x03" + prefix + sql.encode(), 0)
        return self._result(binary=False)

    def query_raw(self, payload):
        """Sends a COM_QUERY packet as given (after the command byte) and reads the reply."""
        self._write(b"\x03" + payload, 0)
        return self._result(binary=False)

    def _result(self, binary):
        first = self._check(self._read())
        if first[:1] == b"\x00":
            return Reader(first[1:]).lenenc()
        columns = self._columns(Reader(first).lenenc())
        rows = []
        while True:
            payload = self._check(self._read())
            if payload[:1] == b"\xfe" and len(payload) < 9:
                return [name for name, _ in columns], rows
            rows.append(self._binary_row(payload, columns) if binary else self._text_row(payload, len(columns)))

    @staticmethod
    def _text_row(payload, count):
        r = Reader(payload)
        values = []
        for _ in range(count):
            value = r.lenenc_str()
            values.append(None if value is None else value.decode())
        return tuple(values)

    @staticmethod
    def _binary_row(payload, columns):
        r = Reader(payload[1:])
        nulls = r.take((len(columns) + 9) // 8)
        values = []
        for i, (_, kind) in enumerate(columns):
            if nulls[(i + 2) // 8] >> ((i + 2) % 8) & 1:
                values.append(None)
            elif kind == TYPE_LONGLONG:
                values.append(str(struct.unpack("<q", r.take(8))[0]))
            else:
                values.append(r.lenenc_str().decode())
        return tuple(values)

    def prepare(self, sql):
        self._write(b"\x16" + sql.encode(), 0)
        r = Reader(self._check(self._read())[1:])
        statement, columns, params = r.int(4), r.int(2), r.int(2)
        if params:
            self._columns(params)
        if columns:
            self._columns(columns)
        return statement, params

    def execute(self, statement, params=(), attributes=None, force_count=False):
        """COM_STMT_EXECUTE with parameters and, with query attributes, named attributes."""
        flags = 0
        body = b""
        names = [""] * len(params)
        values = list(params)
        if self.query_attributes and (attributes or force_count):
            flags |= PARAMETER_COUNT_AVAILABLE
            attributes = attributes or {}
            values += list(attributes.values())
            names += list(attributes)
            body += lenenc_int(len(values))
        elif attributes:
            raise AssertionError("query attributes were not negotiated")
        if values:
            body += attribute_block(values, names if flags else [None] * len(values))
        self._write(b"\x17" + struct.pack("<IBI", statement, flags, 1) + body, 0)
        return self._result(binary=True)

    def execute_raw(self, statement, after_iteration):
        self._write(b"\x17" + struct.pack("<I", statement) + after_iteration, 0)
        return self._result(binary=True)

    def close(self):
        try:
            self._write(b"\x01", 0)
        except OSError:
            pass
        self.sock.close()
