# zstd connection compression (CLIENT_ZSTD_COMPRESSION_ALGORITHM) and the
# protocol_compression_algorithms variable, end to end. No client Debian packages can ask for
# zstd (libmariadb, the mariadb CLI, PyMySQL and mysqlclient speak only zlib; MySQL's own
# libmysqlclient and Connector/J are not in Debian), so wire_client.py does: a genuine
# handshake with mysql_native_password, then queries through zstd-compressed packets
# (python3-zstandard). Porpoise-only: MariaDB has no zstd protocol compression.
import socket
import subprocess

import pytest
import zstandard

from harness import identified, read_packet
from wire_client import (CLIENT_COMPRESS, CLIENT_ZSTD_COMPRESSION_ALGORITHM, ServerError,
                         WireClient)

pytestmark = pytest.mark.porpoise_only

USER, PASSWORD = "zuser", "zuser-pw"
DEFAULT = "zlib,zstd,uncompressed"


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql("CREATE DATABASE z",
               f"CREATE USER '{USER}'@'%' {identified(PASSWORD)}",
               f"GRANT ALL ON *.* TO '{USER}'@'%'")
    return server


@pytest.fixture
def algorithms(srv):
    """Sets protocol_compression_algorithms for a test and restores the default after, over
    a session opened first (new uncompressed connections may be refused meanwhile)."""
    admin = srv.root()

    def set_to(value):
        with admin.cursor() as cur:
            cur.execute(f"SET GLOBAL protocol_compression_algorithms = '{value}'")
    yield set_to
    set_to(DEFAULT)
    admin.close()


def connect(srv, **kw):
    return WireClient("127.0.0.1", srv.port, USER, PASSWORD, **kw)


def status(client):
    _, rows = client.query("SHOW SESSION STATUS LIKE 'Compression%'")
    return dict(rows)


@pytest.mark.parametrize("level", [1, 3, 19])
def test_zstd_connection_runs_queries(srv, level):
    client = connect(srv, compression="zstd", zstd_level=level)
    assert client.compression == "zstd"
    assert status(client) == {"Compression": "ON", "Compression_algorithm": "zstd",
                              "Compression_level": str(level)}
    client.query("CREATE TABLE z.t%d (id INT PRIMARY KEY, body TEXT)" % level)
    for i in range(20):
        assert client.query(f"INSERT INTO z.t{level} VALUES ({i}, REPEAT('row {i} ', 40))") == 1
    names, rows = client.query(f"SELECT id, body FROM z.t{level} ORDER BY id")
    assert names == ["id", "body"]
    assert [int(r[0]) for r in rows] == list(range(20))
    assert rows[7][1] == "row 7 " * 40
    _, rows = client.query("SELECT 1 + 1, NULL, 'tiny'")
    assert rows == [("2", None, "tiny")]
    client.close()


def test_zstd_results_larger_than_one_compressed_packet(srv):
    client = connect(srv, compression="zstd", zstd_level=1)
    # 18 MB: more than one 16 MB packet, so several compressed packets in sequence.
    _, rows = client.query("SELECT REPEAT('ab', 9000000), LENGTH(REPEAT('x', 100))")
    assert len(rows[0][0]) == 18000000 and rows[0][0][:4] == "abab"
    assert rows[0][1] == "100"
    # And the client side: a statement longer than 16 MB goes up compressed.
    _, rows = client.query("SELECT LENGTH('" + "q" * 17000000 + "')")
    assert rows == [("17000000",)]
    client.close()


def test_status_of_zlib_and_uncompressed_connections(srv):
    zlib_client = connect(srv, compression="zlib")
    assert status(zlib_client) == {"Compression": "ON", "Compression_algorithm": "zlib",
                                   "Compression_level": "6"}
    zlib_client.close()
    plain = connect(srv)
    assert status(plain) == {"Compression": "OFF", "Compression_algorithm": "uncompressed",
                             "Compression_level": "0"}
    plain.close()
    # The stock client's --compress (libmariadb: zlib).
    res = srv.client("mariadb", "--compress", "--skip-ssl", "-h127.0.0.1", f"-P{srv.port}",
                     f"-u{USER}", f"-p{PASSWORD}", "-N", "-B", "-e",
                     "SHOW STATUS LIKE 'Compression%'")
    assert res.returncode == 0, res.stderr
    assert res.stdout.split("\n")[:3] == ["Compression\tON", "Compression_algorithm\tzlib",
                                          "Compression_level\t6"]


def greeting_capabilities(srv):
    with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:
        _, payload = read_packet(s)
    version_end = payload.index(b"\x00", 1)
    at = version_end + 1 + 4 + 8 + 1
    low = int.from_bytes(payload[at:at + 2], "little")
    high = int.from_bytes(payload[at + 5:at + 7], "little")
    return low | high << 16


def test_only_zstd_permitted(srv, algorithms):
    algorithms("zstd")
    caps = greeting_capabilities(srv)
    assert caps & CLIENT_ZSTD_COMPRESSION_ALGORITHM and not caps & CLIENT_COMPRESS
    for compression in (None, "zlib"):
        with pytest.raises(ServerError) as refused:
            connect(srv, compression=compression)
        assert refused.value.code == 3922
        assert refused.value.message == "Invalid compression algorithm 'uncompressed'."
    client = connect(srv, compression="zstd", zstd_level=5)
    assert status(client)["Compression_level"] == "5"
    client.close()


def test_client_asking_for_a_refused_algorithm_falls_back_when_uncompressed_is_permitted(
        srv, algorithms):
    algorithms("ZLIB,uncompressed")
    assert not greeting_capabilities(srv) & CLIENT_ZSTD_COMPRESSION_ALGORITHM
    client = connect(srv, compression="zstd")
    assert client.compression is None
    assert status(client) == {"Compression": "OFF", "Compression_algorithm": "uncompressed",
                              "Compression_level": "0"}
    client.close()
    algorithms("uncompressed")
    assert not greeting_capabilities(srv) & (CLIENT_COMPRESS | CLIENT_ZSTD_COMPRESSION_ALGORITHM)
    client = connect(srv, compression="zlib")
    assert status(client)["Compression"] == "OFF"
    client.close()


def test_variable_values(srv, algorithms):
    assert srv.sql("SELECT @@global.protocol_compression_algorithms") == ((DEFAULT,),)
    algorithms("Uncompressed,zstd,zlib")  # kept as written
    assert srv.sql("SELECT @@protocol_compression_algorithms") == (("Uncompressed,zstd,zlib",),)
    for bad in ("", "lz4", "zlib,,zstd", "zlib,zstd,uncompressed,zlib"):
        with pytest.raises(Exception) as error:
            srv.sql(f"SET GLOBAL protocol_compression_algorithms = '{bad}'")
        assert error.value.args[0] == 1231, bad
    with pytest.raises(Exception) as error:
        srv.sql("SET SESSION protocol_compression_algorithms = 'zlib'")
    assert error.value.args[0] == 1229


def test_startup_option(servers):
    server = servers.new()
    server.initialize()
    server.start("--protocol-compression-algorithms=zstd,uncompressed")
    assert server.sql("SHOW GLOBAL VARIABLES LIKE 'protocol_compression_algorithms'") == \
        (("protocol_compression_algorithms", "zstd,uncompressed"),)
    caps = greeting_capabilities(server)
    assert caps & CLIENT_ZSTD_COMPRESSION_ALGORITHM and not caps & CLIENT_COMPRESS
    server.stop()
    broken = servers.new()
    broken.initialize()
    res = subprocess.run(broken.command("--protocol-compression-algorithms=lz4"),
                         capture_output=True, text=True, timeout=30)
    assert res.returncode != 0
    assert "protocol_compression_algorithms" in res.stderr + res.stdout


def test_invalid_zstd_level_is_refused(srv):
    for level in (0, 23):
        with pytest.raises(ServerError) as refused:
            connect(srv, compression="zstd", zstd_level=level)
        assert refused.value.code == 3923
        assert refused.value.message == "Invalid zstd compression level for algorithm 'zstd'."


def compressed_packet(body, original, sequence=0):
    return len(body).to_bytes(3, "little") + bytes([sequence]) + original.to_bytes(3, "little") + body


def closed_or_error(client):
    """After a broken packet: the connection ends, with an ERR packet or without one."""
    try:
        client._check(client._read())
    except (ConnectionError, OSError):
        return None
    except ServerError as error:
        return error.code
    raise AssertionError("the connection answered a broken packet")


def test_corrupt_and_bomb_packets_end_only_that_connection(srv):
    bystander = connect(srv, compression="zstd")
    query = b"\x03SELECT 'still here', REPEAT('z', 100)"
    packet = len(query).to_bytes(3, "little") + b"\x00" + query
    frame = zstandard.ZstdCompressor(level=3).compress(packet)
    cases = {
        "garbage": compressed_packet(b"\x28\xb5\x2f\xfd" + bytes(range(40)), 500),
        "truncated_frame": compressed_packet(frame[:len(frame) // 2], len(packet)),
        "declared_too_long": compressed_packet(frame, len(packet) + 10),
        "declared_too_short": compressed_packet(frame, len(packet) - 10),
        # 64 MB of zeros in a few kB, claiming to be 1000 bytes: stops at 1000.
        "bomb_small_claim": compressed_packet(
            zstandard.ZstdCompressor(level=19).compress(b"\x00" * (64 << 20)), 1000),
    }
    for name, wire in cases.items():
        client = connect(srv, compression="zstd")
        client.send_raw_compressed(wire)
        code = closed_or_error(client)
        assert code in (None, 1157), (name, code)
        client.sock.close()
    # Claiming the most a compressed packet can (16 MB): decompression stops there.
    client = connect(srv, compression="zstd")
    bomb = zstandard.ZstdCompressor(level=19).compress(b"\x00" * (64 << 20))
    client.send_raw_compressed(compressed_packet(bomb, 0xFFFFFF))
    assert closed_or_error(client) in (None, 1157)
    client.sock.close()
    _, rows = bystander.query("SELECT 'still here'")
    assert rows == [("still here",)]
    bystander.close()


def test_claimed_length_past_max_allowed_packet_is_refused_before_decompressing(servers):
    server = servers.new()
    server.initialize()
    server.start("--max-allowed-packet=65536")
    server.sql(f"CREATE USER '{USER}'@'%' {identified(PASSWORD)}")
    client = connect(server, compression="zstd")
    bomb = zstandard.ZstdCompressor(level=19).compress(b"\x00" * (64 << 20))
    client.send_raw_compressed(compressed_packet(bomb, 1 << 20))
    assert closed_or_error(client) == 1153
    client.sock.close()
    other = connect(server, compression="zstd")
    assert other.query("SELECT 2")[1] == [("2",)]
    other.close()
