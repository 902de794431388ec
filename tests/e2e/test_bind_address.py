# bind-address: which local addresses the server listens on. A connection counts as accepted
# when the server's greeting (protocol version 10) arrives.
import socket

import pytest

from harness import IS_PORPOISE, have_ipv6_loopback, read_packet

needs_ipv6 = pytest.mark.skipif(not have_ipv6_loopback(), reason="no IPv6 loopback (::1)")


def greets(host, port):
    """True when a connection to host:port is accepted and the server sends its greeting."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(3)
        try:
            s.connect((host, port))
        except ConnectionRefusedError:
            return False
        packet = read_packet(s)
        assert packet is not None, f"{host}:{port} accepted then closed without a greeting"
        assert packet[1][0] == 10, packet
        return True


def start(servers, bind):
    srv = servers.new()
    srv.initialize()
    return srv.start(bind=bind)


def test_default_loopback_refuses_other_local_address(servers):
    srv = start(servers, "127.0.0.1")
    assert greets("127.0.0.1", srv.port)
    assert not greets("127.0.0.2", srv.port)


def test_any_ipv4_accepts_other_local_address(servers):
    srv = start(servers, "0.0.0.0")
    assert greets("127.0.0.1", srv.port)
    assert greets("127.0.0.2", srv.port)


def test_any_ipv4_full_login_on_other_address(servers):
    srv = start(servers, "0.0.0.0")
    srv.sql("CREATE USER 'far'@'%' IDENTIFIED BY 'far-pw'")
    with srv.connect("far", "far-pw", host="127.0.0.2") as conn, conn.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)


def test_star_accepts_everything(servers):
    srv = start(servers, "*")
    assert greets("127.0.0.1", srv.port)
    assert greets("127.0.0.2", srv.port)
    if have_ipv6_loopback():
        assert greets("::1", srv.port)


@needs_ipv6
def test_ipv6_loopback_only(servers):
    srv = start(servers, "::1")
    assert greets("::1", srv.port)
    assert not greets("127.0.0.1", srv.port)


@needs_ipv6
def test_ipv6_any(servers):
    srv = start(servers, "::")
    assert greets("::1", srv.port)
    # MySQL documents `::` as every IPv4 and IPv6 address; MariaDB listens on IPv6 only.
    if IS_PORPOISE:
        assert greets("127.0.0.1", srv.port)
        assert greets("127.0.0.2", srv.port)


@needs_ipv6
def test_comma_list(servers):
    srv = start(servers, "127.0.0.1,::1")
    assert greets("127.0.0.1", srv.port)
    assert greets("::1", srv.port)
    assert not greets("127.0.0.2", srv.port)


def test_comma_list_ipv4(servers):
    srv = start(servers, "127.0.0.1,127.0.0.3")
    assert greets("127.0.0.1", srv.port)
    assert greets("127.0.0.3", srv.port)
    assert not greets("127.0.0.2", srv.port)
