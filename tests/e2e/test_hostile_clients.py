# Clients that never log in cannot take the server away from everyone else: connect_timeout
# is a deadline for the whole login, however slowly the bytes trickle in (slowloris); a
# packet before login is capped, so a flood of huge ones costs little memory; and with every
# slot held by such clients over TCP, root still gets in over the unix socket (the connection
# MySQL keeps beyond max_connections for an administrator). Porpoise-only where MariaDB 10.11
# restarts its handshake timeout on each read.
import socket
import threading
import time

import pymysql
import pytest

from harness import IS_PORPOISE, identified, read_packet, wait_closed

pytestmark = pytest.mark.porpoise_only


def greeted(srv):
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    seq, payload = read_packet(sock)
    assert seq == 0 and payload[0] == 10
    return sock


def trickle(sock, stop, every=0.5):
    """Sends the start of a handshake response one byte at a time until the server hangs up
    or `stop` is set."""
    body = b"\x8d\xa6\x0f\x00" + b"\x00\x00\x00\x01" + b"\x21" + b"\x00" * 23 + b"root\x00"
    data = len(body).to_bytes(3, "little") + b"\x01" + body
    for byte in data:
        if stop.is_set():
            return
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            return
        time.sleep(every)


def vm_rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_login_deadline_holds_against_a_trickle(servers):
    srv = servers.started("--connect-timeout=2")
    sock = greeted(srv)
    stop = threading.Event()
    sender = threading.Thread(target=trickle, args=(sock, stop), daemon=True)
    started = time.monotonic()
    sender.start()
    try:
        wait_closed(sock, timeout=15)
        # One byte every half second would keep a per-read timeout alive for 20 s.
        assert time.monotonic() - started < 4.5
    finally:
        stop.set()
        sender.join()
        sock.close()
    assert srv.sql("SELECT 1") == ((1,),)


def test_trickling_clients_do_not_lock_out_root(servers):
    srv = servers.started("--max-connections=4", "--connect-timeout=3")
    srv.sql(f"CREATE USER 'app'@'%' {identified('app-pw')}")
    stop = threading.Event()
    socks, senders = [], []
    try:
        for _ in range(4):
            sock = greeted(srv)
            socks.append(sock)
            sender = threading.Thread(target=trickle, args=(sock, stop, 0.2), daemon=True)
            sender.start()
            senders.append(sender)
        # Every slot is held by a client that will never log in: TCP is refused...
        with pytest.raises(pymysql.err.OperationalError) as info:
            srv.connect("app", "app-pw")
        assert info.value.args[0] == 1040
        # ...but root on the socket takes the connection kept for an administrator.
        assert srv.sql("SELECT CURRENT_USER()") == (("root@localhost",),)
        # Within connect_timeout the trickling clients are cut off and others get in again.
        deadline = time.monotonic() + 8
        while True:
            try:
                conn = srv.connect("app", "app-pw")
                break
            except pymysql.err.OperationalError:
                assert time.monotonic() < deadline, "the held slots were never freed"
                time.sleep(0.2)
        conn.close()
    finally:
        stop.set()
        for sender in senders:
            sender.join()
        for sock in socks:
            sock.close()


def test_the_spare_connection_is_for_super_only(servers):
    srv = servers.started("--max-connections=2")
    srv.sql(f"CREATE USER 'app'@'%' {identified('app-pw')}",
            f"CREATE USER 'boss'@'%' {identified('boss-pw')}",
            "GRANT SUPER ON *.* TO 'boss'@'%'")
    held = [srv.root(), srv.root()]
    try:
        # Over the socket a login reaches the spare connection; only SUPER may keep it.
        with pytest.raises(pymysql.err.OperationalError) as info:
            pymysql.connect(unix_socket=srv.socket, user="app", password="app-pw")
        assert info.value.args == (1040, "Too many connections")
        boss = pymysql.connect(unix_socket=srv.socket, user="boss", password="boss-pw")
        with boss.cursor() as cur:
            cur.execute("SELECT CURRENT_USER()")
            assert cur.fetchone() == ("boss@%",)
        boss.close()
    finally:
        for conn in held:
            conn.close()


def test_huge_packets_before_login_are_refused_early(servers):
    srv = servers.started()
    before = vm_rss_kib(srv.proc.pid)
    socks = []
    try:
        for _ in range(20):
            sock = greeted(srv)
            socks.append(sock)
            # A handshake response announcing 16 MiB (the most one packet can), then 1 MiB of it.
            sock.sendall(b"\xff\xff\xff\x01")
            try:
                sock.sendall(b"\x00" * (1 << 20))
            except OSError:
                pass  # the server hung up part-way: what this test wants
        for sock in socks:
            reply = read_packet(sock)
            # 1153 (ER_NET_PACKET_TOO_LARGE) or a plain close, never a login.
            assert reply is None or reply[1][:3] == b"\xff\x81\x04", reply
    finally:
        for sock in socks:
            sock.close()
    grown = vm_rss_kib(srv.proc.pid) - before
    assert grown < 32 * 1024, f"RSS grew by {grown} KiB"
    assert srv.sql("SELECT 1") == ((1,),)
