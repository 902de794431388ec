# Server options as a MySQL server reads them: --help --verbose, unknown and loose- options,
# option files (!include, !includedir, sections, -/_ spelling, command-line precedence) and the
# limits they set: max_connections, max_allowed_packet, skip-networking, wait_timeout,
# connect_timeout.
import re
import subprocess
import time

import pymysql
import pytest

from harness import (IS_PORPOISE, PORPOISED, MARIADBD, parse_err, read_packet, run,
                      tcp_connects, wait_closed)

SERVER_EXE = str(PORPOISED) if IS_PORPOISE else MARIADBD
# The section only this server reads, besides [mysqld].
OWN_SECTION = "porpoised" if IS_PORPOISE else "mariadbd"
MiB = 1024 * 1024


def option_line(text, name):
    """The value printed for option `name` (either - or _ spelling) by --help --verbose."""
    pattern = re.sub(r"[-_]", "[-_]", name)
    m = re.search(rf"^\s*{pattern}\s+(.*?)\s*$", text, re.M)
    return m.group(1) if m else None


# --- the command line ------------------------------------------------------------------------

def test_help_verbose_lists_options_with_values():
    if IS_PORPOISE and not PORPOISED.exists():
        pytest.fail(f"porpoised not found at {PORPOISED}")
    res = run([SERVER_EXE, "--no-defaults", "--help", "--verbose"])
    assert res.returncode == 0, res.stderr
    text = res.stdout
    expected = {"port": "3306", "max-connections": "151", "wait-timeout": "28800",
                "connect-timeout": "10", "skip-networking": "FALSE"}
    if IS_PORPOISE:
        expected.update({"bind-address": "127.0.0.1", "max-allowed-packet": "67108864",
                         "default-authentication-plugin": "caching_sha2_password"})
    for name in ("bind-address", "socket", "datadir", "pid-file", "log-error",
                 "max-allowed-packet"):
        assert option_line(text, name) is not None, f"{name} missing from --help --verbose"
    for name, value in expected.items():
        assert option_line(text, name) == value, name


@pytest.mark.skipif(not IS_PORPOISE, reason="MariaDB's --help leaves the unknown option out")
def test_help_and_version_answer_despite_an_option_file_they_cannot_read(tmp_path):
    # A my.cnf written for another server: the server would refuse to start on it, but --help
    # and --version still print (the problem reported on stderr).
    cnf = tmp_path / "my.cnf"
    cnf.write_text("[mysqld]\nexpire-logs-days = 10\n")
    for flag, expected in (("--help", "--datadir"), ("--version", "Ver 8.4")):
        res = run([SERVER_EXE, f"--defaults-file={cnf}", flag])
        assert res.returncode == 0, res.stderr
        assert expected in res.stdout
        assert "unknown variable 'expire-logs-days=10'" in res.stderr
    res = run([SERVER_EXE, f"--defaults-file={cnf}", "--datadir", str(tmp_path / "data")])
    assert res.returncode != 0
    assert "unknown variable 'expire-logs-days=10'" in res.stderr


def _start_failing(servers, *args):
    srv = servers.new()
    srv.initialize()
    srv.start(*args, wait=False)
    try:
        rc = srv.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("server started despite the bad option")
    return srv, rc


def test_unknown_option_is_an_error(servers):
    srv, rc = _start_failing(servers, "--frobnicate")
    assert rc != 0
    assert "frobnicate" in srv.logs()
    assert not tcp_connects("127.0.0.1", srv.port)


def test_unknown_option_value_type_is_an_error(servers):
    srv, rc = _start_failing(servers, "--max-connections=lots")
    assert rc != 0
    assert "max" in srv.logs()


def test_loose_prefix_only_warns(servers):
    srv = servers.started("--loose-frobnicate")
    assert "frobnicate" in srv.logs()
    assert srv.sql("SELECT 1") == ((1,),)


# --- option files ----------------------------------------------------------------------------

def test_option_file_includes_sections_and_precedence(servers, tmp_path):
    srv = servers.new()
    srv.initialize()
    conf_d = tmp_path / "conf.d"
    conf_d.mkdir()
    (tmp_path / "extra.cnf").write_text("[mysqld]\nconnect-timeout = 7\n")
    (conf_d / "10-first.cnf").write_text("[mysqld]\nmax_connections = 88\n")
    # Only *.cnf files are read from an !includedir.
    (conf_d / "20-ignored.txt").write_text("[mysqld]\nmax_connections = 5\n")
    main = tmp_path / "my.cnf"
    main.write_text(
        "# a comment\n"
        "; another comment\n"
        "[client]\n"
        "user = nobody\n"
        "no-such-server-option = 1\n"
        "\n"
        "[mysqld]\n"
        "port = 1\n"                      # overridden by the command line
        "max-connections = 77\n"          # overridden by the later !includedir file
        "max_allowed_packet = 2M\n"
        f"!include {tmp_path / 'extra.cnf'}\n"
        f"!includedir {conf_d}\n"
        f"[{OWN_SECTION}]\n"
        "wait-timeout = 1234\n"
        "[some_other_program]\n"
        "frobnicate = 1\n")
    srv.start(defaults_file=main)  # --port comes on the command line after the file
    rows = srv.sql("SELECT @@global.max_connections, @@global.max_allowed_packet, "
                   "@@global.wait_timeout, @@global.connect_timeout, @@port")
    assert rows[0] == (88, 2 * MiB, 1234, 7, srv.port)


def test_command_line_overrides_option_file(servers, tmp_path):
    srv = servers.new()
    srv.initialize()
    cnf = tmp_path / "my.cnf"
    cnf.write_text("[mysqld]\nmax_connections = 20\nwait_timeout = 99\n")
    srv.start("--max-connections=30", defaults_file=cnf)
    assert srv.sql("SELECT @@max_connections, @@global.wait_timeout")[0] == (30, 99)


# --- limits ----------------------------------------------------------------------------------

def connect_when_slot_frees(srv, timeout=5):
    """Connects as 'plain', retrying while 1040 says a just-closed session (ours, or the
    harness's readiness probe) still holds its slot: the server notices a close
    asynchronously."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return srv.connect("plain", "plain-pw")
        except pymysql.err.OperationalError as err:
            assert err.args[0] == 1040, err.args
            assert time.monotonic() < deadline, "slot never freed"
            time.sleep(0.02)


def sql_when_slot_frees(srv, statement, timeout=5):
    """srv.sql, retried while the readiness probes' closed connections still hold slots."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return srv.sql(statement)
        except pymysql.err.OperationalError as err:
            assert err.args[0] == 1040, err.args
            assert time.monotonic() < deadline, "slot never freed"
            time.sleep(0.02)


def test_max_connections(servers):
    limit = 2 if IS_PORPOISE else 10  # MariaDB raises anything below 10 to 10
    srv = servers.started(f"--max-connections={limit}")
    assert sql_when_slot_frees(srv, "SELECT @@max_connections") == ((limit,),)
    # No privileges: no reserved extra connection.
    sql_when_slot_frees(srv, "CREATE USER 'plain'@'%' IDENTIFIED BY 'plain-pw'")
    # (An account with CONNECTION_ADMIN/SUPER may take one connection more.)
    held = [connect_when_slot_frees(srv) for _ in range(limit)]
    c1, c2 = held[0], held[1:]
    with pytest.raises(pymysql.err.OperationalError) as e:
        srv.connect("plain", "plain-pw")
    assert e.value.args[0] == 1040, e.value.args
    # (PyMySQL clips the start of a message that comes without a SQLSTATE, as it would if the
    # refusal came in place of the greeting; MySQL sends it after authentication, whole.)
    assert e.value.args[1].endswith("connections"), e.value.args
    c1.close()
    c3 = connect_when_slot_frees(srv)
    with c3.cursor() as cur:
        cur.execute("SELECT 1")
    for conn in c2 + [c3]:
        conn.close()


def test_max_allowed_packet_enforced(servers):
    srv = servers.started("--max-allowed-packet=1M")
    assert srv.sql("SELECT @@global.max_allowed_packet")[0][0] == MiB
    conn = srv.root(max_allowed_packet=64 * MiB)
    with conn.cursor() as cur:
        cur.execute("CREATE DATABASE big")
        cur.execute("CREATE TABLE big.t (id INT PRIMARY KEY, v LONGTEXT)")
        cur.execute("INSERT INTO big.t VALUES (1, %s)", ("a" * (512 * 1024),))
        with pytest.raises(pymysql.err.OperationalError) as e:
            cur.execute("INSERT INTO big.t VALUES (2, %s)", ("b" * (2 * MiB),))
    # 1153 arrives if the client finished sending before the server closed; otherwise the
    # client sees the connection go away while writing.
    assert e.value.args[0] in (1153, 2006, 2013), e.value.args
    if e.value.args[0] == 1153:
        assert e.value.args[1] == "Got a packet bigger than 'max_allowed_packet' bytes"
    conn.close()
    # Only that connection ended.
    assert srv.sql("SELECT id, LENGTH(v) FROM big.t") == ((1, 512 * 1024),)


def test_max_allowed_packet_1153_raw(servers):
    # Deterministic form: announce a packet over the limit and send nothing more.
    srv = servers.started("--max-allowed-packet=1M")
    conn = srv.root()
    sock = conn._sock
    sock.sendall((2 * MiB).to_bytes(3, "little") + b"\x00" + b"\x03SELECT '")
    packet = read_packet(sock)
    if packet is not None:
        code, state, message = parse_err(packet[1])
        assert (code, state) == (1153, "08S01")
        assert message == "Got a packet bigger than 'max_allowed_packet' bytes"
    wait_closed(sock)
    conn._sock = None
    assert srv.sql("SELECT 1") == ((1,),)


@pytest.fixture(scope="module")
def big_srv(module_servers):
    extra = ["--max-allowed-packet=64M"]
    if not IS_PORPOISE:
        extra.append("--innodb-log-file-size=256M")  # InnoDB wants 10x the BLOB in redo
    srv = module_servers.started(*extra)
    srv.sql("CREATE DATABASE big", "CREATE TABLE big.t (id INT PRIMARY KEY, v LONGTEXT)")
    return srv


# Boundaries of the 16 MiB packet split (0xFFFFFF payload bytes per packet): a payload of
# exactly 0xFFFFFF must be followed by an empty packet, one byte more makes a 1-byte second one.
MAX_PACKET = 0xFFFFFF
QUERY_OVERHEAD = 1 + len("SELECT '") + len("'")  # COM_QUERY byte + quoting
ROW_OVERHEAD = 4  # length-encoded string prefix of a value over 16 MiB: 0xFD + 3 bytes


@pytest.mark.parametrize("size", [
    MAX_PACKET - QUERY_OVERHEAD - 1,
    MAX_PACKET - QUERY_OVERHEAD,  # the query packet is exactly 0xFFFFFF
    MAX_PACKET - QUERY_OVERHEAD + 1,
    MAX_PACKET - ROW_OVERHEAD,  # the result row packet is exactly 0xFFFFFF
    17 * MiB,
])
def test_packets_over_16mib_both_ways(big_srv, size):
    value = ("0123456789abcdef" * (size // 16 + 1))[:size]
    with big_srv.root(max_allowed_packet=64 * MiB) as conn, conn.cursor() as cur:
        cur.execute("SELECT '" + value + "'")
        got = cur.fetchone()[0]
    assert len(got) == size
    assert got == value


def test_17mib_row_round_trip(big_srv):
    value = "".join(chr(ord("a") + i % 26) for i in range(26)) * (17 * MiB // 26 + 1)
    value = value[:17 * MiB]
    with big_srv.root(max_allowed_packet=64 * MiB) as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO big.t VALUES (1, %s)", (value,))
        cur.execute("SELECT v FROM big.t WHERE id = 1")
        assert cur.fetchone()[0] == value
        cur.execute("SELECT LENGTH(v) FROM big.t WHERE id = 1")
        assert cur.fetchone()[0] == 17 * MiB


# --- networking and timeouts -----------------------------------------------------------------

def test_skip_networking(servers):
    srv = servers.new()
    srv.initialize()
    srv.start("--skip-networking", ready_via="socket")
    assert not tcp_connects("127.0.0.1", srv.port)
    assert srv.sql("SELECT 1") == ((1,),)


def _assert_closed_for_inactivity(conn, at_least):
    sock = conn._sock
    started = time.monotonic()
    data = wait_closed(sock, timeout=10)
    waited = time.monotonic() - started
    conn._sock = None
    assert waited >= at_least * 0.8, f"closed after {waited:.2f}s"
    if IS_PORPOISE:
        # MySQL 8 tells the client why before closing.
        assert len(data) > 4, data
        code, state, message = parse_err(data[4:])
        assert (code, state) == (4031, "HY000")
        assert message == ("The client was disconnected by the server because of inactivity. "
                           "See wait_timeout and interactive_timeout for configuring this "
                           "behavior.")


def test_wait_timeout_option(servers):
    srv = servers.started("--wait-timeout=1")
    conn = srv.root()
    _assert_closed_for_inactivity(conn, 1)
    assert srv.sql("SELECT 1") == ((1,),)


def test_wait_timeout_session_variable(server):
    conn = server.root()
    with conn.cursor() as cur:
        cur.execute("SET SESSION wait_timeout = 1")
    _assert_closed_for_inactivity(conn, 1)


def test_connect_timeout(servers):
    # A client that never answers the greeting is dropped after connect_timeout seconds.
    srv = servers.started("--connect-timeout=1")
    import socket
    with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:
        assert read_packet(s) is not None
        started = time.monotonic()
        wait_closed(s, timeout=10)
        assert time.monotonic() - started < 5
    assert srv.sql("SELECT 1") == ((1,),)


@pytest.mark.porpoise_only
def test_default_authentication_plugin(servers):
    srv = servers.started("--default-authentication-plugin=mysql_native_password")
    srv.sql("CREATE USER 'old'@'%' IDENTIFIED BY 'old-pw'")
    assert srv.sql("SELECT plugin FROM mysql.user WHERE user='old'") == \
        (("mysql_native_password",),)
    with srv.connect("old", "old-pw") as conn, conn.cursor() as cur:
        cur.execute("SELECT CURRENT_USER()")
        assert cur.fetchone() == ("old@%",)


@pytest.mark.porpoise_only
def test_open_files_limit_raised_for_max_connections(servers):
    # Each connection holds its socket and SQLite's database, WAL and shared-memory files: at
    # start the server raises its limit to at least 5 per allowed connection (and 5,000), as
    # mysqld does, and open_files_limit reports what it got.
    srv = servers.new()
    srv.initialize()
    srv.start("--max-connections=3000")
    limit = int(srv.sql("SELECT @@open_files_limit")[0][0])
    assert limit >= 10 + 5 * 3000
    with open(f"/proc/{srv.proc.pid}/limits") as limits:
        line = next(row for row in limits if row.startswith("Max open files"))
    assert int(line.split()[3]) == limit
