# The general query log and the slow query log, to files and to mysql.general_log /
# mysql.slow_log (log_output), switched at run time with SET GLOBAL: what each client command
# writes (Connect, Query, Prepare, Execute with its values, Close stmt, Init DB, Quit), MySQL
# 8.4's file layout, and table rows written even from inside an open write transaction that
# is later rolled back. MariaDB 10.11 writes its own layout of these files, so the suite is
# porpoised's alone.
import re
import subprocess
import textwrap
import time

import pytest

from harness import IS_PORPOISE, identified

pytestmark = pytest.mark.skipif(not IS_PORPOISE, reason="MySQL 8.4's log layout; MariaDB "
                                "10.11 writes its own")

USER, PASSWORD = "lg", "lg-pw"
LINE = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\t *(\d+) ([A-Za-z ]+)\t(.*)$")


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE DATABASE lg",
        "CREATE TABLE lg.t (id INT PRIMARY KEY)",
        f"CREATE USER '{USER}'@'%' {identified(PASSWORD)}",
        f"GRANT ALL ON lg.* TO '{USER}'@'%'",
    )
    return server


def general_lines(path):
    """(thread id, command, argument) of each entry of a general log file."""
    entries = []
    for line in path.read_text().splitlines():
        match = LINE.match(line)
        if match:
            entries.append((int(match.group(2)), match.group(3), match.group(4)))
    return entries


def wait_for_rows(srv, query, timeout=10.0):
    """The rows of `query` once there are some (log tables are written in the background)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = srv.sql(query)
        if rows or time.monotonic() > deadline:
            return rows
        time.sleep(0.05)


def test_general_log_file(srv, tmp_path):
    path = tmp_path / "general.log"
    srv.sql(f"SET GLOBAL general_log_file = '{path}'", "SET GLOBAL log_output = 'FILE'",
            "SET GLOBAL general_log = ON")
    try:
        with srv.connect(USER, PASSWORD, database="lg") as conn, conn.cursor() as cur:
            cur.execute("SELECT CONNECTION_ID()")
            (tcp_id,) = cur.fetchone()
            cur.execute("SELECT 'general marker'")
            conn.select_db("lg")
        # A server-side prepared statement (PHP's mysqli: COM_STMT_PREPARE / EXECUTE / CLOSE).
        php = textwrap.dedent(f"""
            $db = new mysqli('127.0.0.1', '{USER}', '{PASSWORD}', 'lg', {srv.port});
            $stmt = $db->prepare("SELECT ? + 1, 'it''s ?', ?");
            $n = 41; $s = "o'k";
            $stmt->bind_param('is', $n, $s);
            $stmt->execute();
            $stmt->close();
            $db->close();
        """)
        out = subprocess.run(["php", "-r", php], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
    finally:
        srv.sql("SET GLOBAL general_log = OFF")
    text = path.read_text()
    assert text.startswith("porpoised, Version: 8.4.3")
    assert f"Tcp port: {srv.port}  Unix socket: {srv.socket}\n" in text
    assert "Time                 Id Command    Argument\n" in text
    entries = general_lines(path)
    mine = [(command, argument) for thread, command, argument in entries if thread == tcp_id]
    assert mine == [
        ("Connect", f"{USER}@127.0.0.1 on lg using TCP/IP"),
        ("Query", "SELECT CONNECTION_ID()"),
        ("Query", "SELECT 'general marker'"),
        ("Init DB", "lg"),
        ("Quit", ""),
    ]
    php_entries = [(command, argument) for thread, command, argument in entries
                   if thread not in (tcp_id,) and command != "Query"]
    assert ("Prepare", "SELECT ? + 1, 'it''s ?', ?") in php_entries
    assert ("Execute", "SELECT 41 + 1, 'it''s ?', 'o\\'k'") in php_entries
    assert ("Close stmt", "") in php_entries
    # Statements before general_log was switched on and after it was switched off are absent.
    assert "SET GLOBAL general_log = OFF" in text
    assert not any("SET GLOBAL log_output" in argument for _, _, argument in entries)


def test_general_log_table(srv):
    srv.sql("TRUNCATE TABLE mysql.general_log", "SET GLOBAL log_output = 'TABLE'",
            "SET GLOBAL general_log = ON")
    try:
        with srv.connect(USER, PASSWORD, database="lg") as conn, conn.cursor() as cur:
            cur.execute("SELECT CONNECTION_ID()")
            (conn_id,) = cur.fetchone()
            # Logged from inside a write transaction that rolls back: the row stays, and the
            # statement does not wait for its own log row.
            conn.begin()
            cur.execute("INSERT INTO t VALUES (1)")
            cur.execute("SELECT 'table marker'")
            conn.rollback()
    finally:
        srv.sql("SET GLOBAL general_log = OFF", "SET GLOBAL log_output = 'FILE'")
    rows = wait_for_rows(srv, "SELECT user_host, thread_id, server_id, command_type, argument "
                              "FROM mysql.general_log WHERE argument = 'SELECT ''table marker'''")
    assert rows == ((f"{USER}[{USER}] @  [127.0.0.1]", conn_id, 1, "Query",
                     b"SELECT 'table marker'"),)
    commands = wait_for_rows(srv, "SELECT command_type FROM mysql.general_log "
                                  f"WHERE thread_id = {conn_id} AND command_type <> 'Query' "
                                  "ORDER BY event_time")
    assert [c for (c,) in commands][:1] == ["Connect"]
    assert srv.sql("SELECT COUNT(*) FROM lg.t") == ((0,),)


def test_slow_log_file_and_table(srv, tmp_path):
    path = tmp_path / "slow.log"
    srv.sql("TRUNCATE TABLE mysql.slow_log", f"SET GLOBAL slow_query_log_file = '{path}'",
            "SET GLOBAL log_output = 'FILE,TABLE'", "SET GLOBAL slow_query_log = ON")
    try:
        with srv.connect(USER, PASSWORD, database="lg") as conn, conn.cursor() as cur:
            cur.execute("SELECT 'fast marker'")  # long_query_time is 10 seconds
            cur.execute("SET SESSION long_query_time = 0.05")
            cur.execute("SELECT SLEEP(0.1), 'slow marker'")
    finally:
        srv.sql("SET GLOBAL slow_query_log = OFF", "SET GLOBAL log_output = 'FILE'")
    text = path.read_text()
    assert "fast marker" not in text
    entry = text[text.index("# Time: "):]
    assert re.match(r"# Time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\n"
                    rf"# User@Host: {USER}\[{USER}\] @  \[127\.0\.0\.1\]  Id: +\d+\n"
                    r"# Query_time: 0\.\d{6}  Lock_time: 0\.000000 Rows_sent: 1  Rows_examined: 0\n"
                    r"use lg;\n"
                    r"SET timestamp=\d+;\n"
                    r"SELECT SLEEP\(0\.1\), 'slow marker';\n$", entry), entry
    rows = wait_for_rows(srv, "SELECT user_host, query_time >= '00:00:00.1', rows_sent, db, "
                              "sql_text FROM mysql.slow_log")
    assert rows == ((f"{USER}[{USER}] @  [127.0.0.1]", 1, 1, "lg",
                     b"SELECT SLEEP(0.1), 'slow marker'"),)


def test_general_log_file_rotated(srv, tmp_path):
    # logrotate's way: the file is renamed; the next entry starts a new file under the name.
    path = tmp_path / "rotating.log"
    srv.sql(f"SET GLOBAL general_log_file = '{path}'", "SET GLOBAL log_output = 'FILE'",
            "SET GLOBAL general_log = ON")
    try:
        srv.sql("SELECT 'before rotation'")
        path.rename(tmp_path / "rotating.log.1")
        srv.sql("SELECT 'after rotation'")
    finally:
        srv.sql("SET GLOBAL general_log = OFF")
    old = (tmp_path / "rotating.log.1").read_text()
    new = path.read_text()
    assert "before rotation" in old and "after rotation" not in old
    assert new.startswith("porpoised, Version: ") and "after rotation" in new
