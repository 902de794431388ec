# A malformed or truncated packet ends only the connection that sent it: the server keeps
# serving everyone else, including a session that was open all along.
import os

import pytest

from harness import (IS_PORPOISE, RESPONSE_HEAD, greeted, packet, parse_err, read_packet,
                     wait_closed)


@pytest.fixture(scope="module")
def srv(module_servers):
    return module_servers.started()


@pytest.fixture(scope="module")
def bystander(srv):
    """A session opened before the abuse and checked after each case."""
    conn = srv.root()
    yield conn
    conn.close()


CASES = {
    # a handshake response far too short to hold the capability flags
    "short_handshake_response": packet(b"\x01\x02"),
    # random bytes in the handshake response
    "garbage_handshake_response": packet(os.urandom(64)),
    # capability flags claim protocol 4.1, then a user name with no terminating NUL
    "unterminated_user": packet(RESPONSE_HEAD + b"root"),
    # an auth-response length running past the end of the packet
    "auth_length_past_end": packet(b"\x8d\xa6\x2f\x00" + b"\x00\x00\x00\x01" + b"\x21" +
                                   b"\x00" * 23 + b"root\x00" + b"\xfe" + b"\x00" * 4),
    # a sequence number that skips ahead
    "wrong_sequence": packet(RESPONSE_HEAD + b"root\x00\x00", seq=7),
    # not a MySQL client at all
    "http_request": b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_handshake_closes_only_that_connection(srv, bystander, case):
    s = greeted(srv)
    s.sendall(CASES[case])
    data = wait_closed(s, timeout=10)
    s.close()
    if data and IS_PORPOISE:
        # If the server explains, it is an ERR packet (MySQL: 1043 Bad handshake, 08S01).
        code, _, _ = parse_err(data[4:])
        assert code in (1043, 1045, 1156, 1158), data
    with bystander.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT 2")
        assert cur.fetchone() == (2,)


@pytest.mark.parametrize("cut", ["mid_header", "mid_payload", "before_response"])
def test_disconnect_mid_packet(srv, bystander, cut):
    s = greeted(srv)
    if cut == "mid_header":
        s.sendall(b"\x40\x00")
    elif cut == "mid_payload":
        s.sendall(b"\x40\x00\x00\x01" + b"\x8d\xa6\x0f\x00\x00")
    s.close()
    with bystander.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)


def test_garbage_after_login(srv, bystander):
    # An authenticated session sends a truncated COM_INIT_DB-less header and junk.
    conn = srv.root()
    sock = conn._sock
    sock.sendall(packet(b"\xee" + os.urandom(32), seq=0))  # unknown command byte
    reply = read_packet(sock)
    if reply is not None and IS_PORPOISE:
        code, state, message = parse_err(reply[1])
        assert (code, state, message) == (1047, "08S01", "Unknown command")
    # Then a header announcing more than arrives, and a hang-up.
    sock.sendall(b"\xff\xff\x00\x00\x03SELECT")
    sock.close()
    conn._sock = None
    with bystander.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)


def test_many_abusive_connections_then_normal_service(srv, bystander):
    socks = []
    for _ in range(30):
        s = greeted(srv)
        s.sendall(os.urandom(16))
        socks.append(s)
    for s in socks:
        s.close()
    for _ in range(5):
        with srv.root() as conn, conn.cursor() as cur:
            cur.execute("SELECT 3")
            assert cur.fetchone() == (3,)
    with bystander.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)
