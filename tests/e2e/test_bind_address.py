# bind-address: which local addresses the server listens on; allow-from: which peers it greets. A connection counts as accepted
# when the server's greeting (protocol version 10) arrives.
import socket
import subprocess

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


# allow-from (Porpoise's own option): TCP peers outside the list are closed at accept, before
# the greeting; the unix socket is not filtered. Counted as MySQL counts libwrap refusals.
# A loopback connection's source address is 127.0.0.1 whatever it is sent to, so each
# connection binds the source it is to come from.
def first_packet_from(source, port):
    """The first packet the server sends a connection from `source`; None when it closes."""
    family = socket.AF_INET6 if ":" in source else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(3)
        s.bind((source, 0))
        s.connect((source, port))
        return read_packet(s)


def greets_from(source, port):
    packet = first_packet_from(source, port)
    return packet is not None and packet[1][0] == 10


def closed_without_greeting(source, port):
    return first_packet_from(source, port) is None


@pytest.mark.porpoise_only
def test_allow_from_closes_other_addresses_before_the_greeting(servers):
    srv = servers.new()
    srv.initialize()
    srv.start("--allow-from=127.0.0.2, 10.0.0.0/8", bind="0.0.0.0", ready_via="socket")
    assert greets_from("127.0.0.2", srv.port)
    assert closed_without_greeting("127.0.0.1", srv.port)
    assert closed_without_greeting("127.0.0.3", srv.port)
    srv.sql("CREATE USER 'far'@'%' IDENTIFIED BY 'far-pw'")
    with srv.connect("far", "far-pw", host="127.0.0.2", bind_address="127.0.0.2") as conn, \
            conn.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)
    rows = srv.sql("SHOW GLOBAL STATUS LIKE 'Connection_errors_tcpwrap'")
    assert rows == (("Connection_errors_tcpwrap", "2"),)
    assert "Refused a connection from 127.0.0.1: not in allow-from" in srv.logs()
    rows = srv.sql("SELECT 1")  # the socket is never filtered
    assert rows == ((1,),)


@pytest.mark.porpoise_only
@needs_ipv6
def test_allow_from_ipv6_network(servers):
    srv = servers.new()
    srv.initialize()
    srv.start("--allow-from=::1/128", bind="127.0.0.1,::1", ready_via="socket")
    assert greets_from("::1", srv.port)
    assert closed_without_greeting("127.0.0.1", srv.port)


@pytest.mark.porpoise_only
@pytest.mark.parametrize("value, message", [
    ("10.0.0.0/33", "'10.0.0.0/33' has a prefix length too long"),
    ("10.0.0.1,,10.0.0.2", "has an empty entry"),
    ("db.example.com", "'db.example.com' is not an IPv4 or IPv6 address or network"),
])
def test_allow_from_bad_values_stop_the_start(servers, value, message):
    srv = servers.new()
    srv.initialize()
    res = subprocess.run(srv.command(f"--allow-from={value}"), capture_output=True, text=True,
                         timeout=30)
    assert res.returncode != 0
    assert "Invalid value for --allow-from: " in res.stderr + res.stdout
    assert message in res.stderr + res.stdout
