# Clients that never log in cannot take the server away from everyone else: connect_timeout
# is a deadline for the whole login, however slowly the bytes trickle in (slowloris); a
# packet before login is capped, so a flood of huge ones costs little memory; and with every
# slot held by such clients over TCP, root still gets in over the unix socket (the connection
# MySQL keeps beyond max_connections for an administrator). Failed logins are logged and
# slowed down per account and host (MySQL's connection_control), and max_connect_errors
# blocks an address that keeps breaking off handshakes (1129) until FLUSH HOSTS, and
# performance_schema.host_cache counts what each address did.
# Porpoise-only: MariaDB 10.11 restarts its handshake timeout on each read and has no
# connection_control built in.
import subprocess
import threading
import time

import pymysql
import pytest

from harness import PORPOISED, greeted, identified, read_packet, trickle, vm_rss_kib, wait_closed

pytestmark = pytest.mark.porpoise_only


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
        # The refused login holds the spare slot until its thread has closed it: retried
        # for a while, as a slow (sanitizer) build may still be closing it.
        deadline = time.monotonic() + 10
        while True:
            try:
                boss = pymysql.connect(unix_socket=srv.socket, user="boss", password="boss-pw")
                break
            except pymysql.err.OperationalError as error:
                if error.args[0] != 1040 or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
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


def login_seconds(srv, user, password):
    """How long a TCP login takes, and whether it succeeded."""
    started = time.monotonic()
    try:
        srv.connect(user, password).close()
        ok = True
    except pymysql.err.OperationalError as error:
        assert error.args[0] == 1045, error.args
        ok = False
    return time.monotonic() - started, ok


def test_failed_logins_are_logged_and_slowed_down(servers):
    srv = servers.started("--connection-control-failed-connections-threshold=2")
    srv.sql(f"CREATE USER 'app'@'%' {identified('app-pw')}",
            f"CREATE USER 'other'@'%' {identified('other-pw')}")
    # Two failures in a row cost nothing extra; then each answer comes later: 1 s, 2 s, ...
    for _ in range(2):
        seconds, ok = login_seconds(srv, "app", "wrong")
        assert not ok and seconds < 0.8
    seconds, ok = login_seconds(srv, "app", "wrong")
    assert not ok and 0.9 < seconds < 3
    seconds, ok = login_seconds(srv, "app", "wrong")
    assert not ok and 1.9 < seconds < 4
    # Another account from the same host is not held back.
    seconds, ok = login_seconds(srv, "other", "wrong")
    assert not ok and seconds < 0.8
    # The right password is answered late too, and ends the series.
    seconds, ok = login_seconds(srv, "app", "app-pw")
    assert ok and 2.9 < seconds < 5
    seconds, ok = login_seconds(srv, "app", "wrong")
    assert not ok and seconds < 0.8
    status = dict(srv.sql("SHOW GLOBAL STATUS LIKE 'Connection_control_delay_generated'"))
    assert int(status["Connection_control_delay_generated"]) == 3
    log = srv.error_log.read_text()
    assert "Access denied for user 'app'@'127.0.0.1' (using password: YES)" in log


# The max_connect_errors scenario runs in a network namespace of its own (unshare -n): MySQL
# keeps no count for loopback addresses, so the server listens on 10.99.0.1, an address the
# namespace gives its own loopback interface. The script prints one line per step.
NETNS_SCRIPT = r"""
import socket, subprocess, sys, time
porpoised, datadir = sys.argv[1], sys.argv[2]
sock_path = datadir + "/porpoise.sock"
subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
subprocess.run(["ip", "addr", "add", "10.99.0.1/32", "dev", "lo"], check=True)
server = subprocess.Popen([porpoised, "--no-defaults", "--datadir=" + datadir,
                           "--socket=" + sock_path, "--port=3306", "--bind-address=10.99.0.1",
                           "--max-connect-errors=3", "--log-error=" + datadir + "/error.log"])
import pymysql
def root(sql):
    conn = pymysql.connect(unix_socket=sock_path, user="root")
    with conn.cursor() as cur:
        cur.execute(sql)
    conn.close()
def host_cache():
    conn = pymysql.connect(unix_socket=sock_path, user="root")
    with conn.cursor() as cur:
        cur.execute("SELECT IP, SUM_CONNECT_ERRORS, COUNT_HOST_BLOCKED_ERRORS, "
                    "COUNT_HANDSHAKE_ERRORS, COUNT_AUTHENTICATION_ERRORS, "
                    "FIRST_ERROR_SEEN IS NOT NULL FROM performance_schema.host_cache")
        rows = cur.fetchall()
    conn.close()
    return rows
def login(password="app-pw"):
    try:
        pymysql.connect(host="10.99.0.1", port=3306, user="app", password=password).close()
        return "ok"
    except pymysql.err.OperationalError as error:
        return str(error.args[0])
def broken():
    s = socket.create_connection(("10.99.0.1", 3306), timeout=10)
    s.recv(4096)
    s.sendall(bytes([2, 0, 0, 1, 1, 2]))  # a handshake response far too short
    while s.recv(4096):
        pass
    s.close()
def first_packet():
    s = socket.create_connection(("10.99.0.1", 3306), timeout=10)
    data = s.recv(4096)
    s.close()
    return data[4:]
try:
    for _ in range(100):
        try:
            root("CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password BY 'app-pw'")
            break
        except pymysql.err.OperationalError:
            time.sleep(0.05)
    broken(); broken()
    print("login after 2 errors:", login())
    broken(); broken(); broken()
    packet = first_packet()
    print("greeting:", int.from_bytes(packet[1:3], "little") if packet[0] == 0xFF else "ok")
    print("message:", packet[3:].decode(errors="replace"))
    print("login when blocked:", login())
    print("host_cache:", host_cache())
    root("FLUSH HOSTS")
    print("login after FLUSH HOSTS:", login())
    print("wrong password:", login("nope"))
    print("host_cache:", host_cache())
finally:
    server.terminate()
    server.wait()
"""


def test_max_connect_errors_blocks_a_host_until_flush_hosts(servers, tmp_path):
    srv = servers.new()
    srv.initialize(insecure=True)
    script = tmp_path / "scenario.py"
    script.write_text(NETNS_SCRIPT)
    res = subprocess.run(["unshare", "--net", "--", "/usr/bin/python3", str(script),
                          str(PORPOISED), str(srv.datadir)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [
        # A login in between starts the count again.
        "login after 2 errors: ok",
        "greeting: 1129",
        "message: Host '10.99.0.1' is blocked because of many connection errors; unblock with "
        "'mysqladmin flush-hosts'",
        "login when blocked: 1129",
        # IP, SUM_CONNECT_ERRORS, COUNT_HOST_BLOCKED_ERRORS, COUNT_HANDSHAKE_ERRORS,
        # COUNT_AUTHENTICATION_ERRORS, an error seen: the login in between cleared the sum only.
        "host_cache: (('10.99.0.1', 3, 2, 5, 0, 1),)",
        "login after FLUSH HOSTS: ok",
        "wrong password: 1045",
        "host_cache: (('10.99.0.1', 0, 0, 0, 1, 1),)",
    ], res.stdout + res.stderr
