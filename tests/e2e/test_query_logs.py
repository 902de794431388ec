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

import pymysql
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


def slow_entries(path):
    """The statements of a slow log file, each with its header lines."""
    text = path.read_text() if path.exists() else ""
    return ["# Time: " + part for part in text.split("# Time: ")[1:]]


def test_log_queries_not_using_indexes(srv, tmp_path):
    assert srv.sql("SELECT @@global.log_queries_not_using_indexes") == ((0,),)
    with pytest.raises(pymysql.err.OperationalError) as error:
        srv.sql("SET SESSION log_queries_not_using_indexes = ON")
    assert error.value.args[0] == 1229  # a global variable
    srv.sql("CREATE TABLE lg.scan (id INT PRIMARY KEY, v INT, w INT, KEY (w))",
            "INSERT INTO lg.scan VALUES " + ", ".join(f"({i}, {i}, {i})" for i in range(50)))
    path = tmp_path / "noindex.log"
    srv.sql(f"SET GLOBAL slow_query_log_file = '{path}'", "SET GLOBAL log_output = 'FILE'",
            "SET GLOBAL slow_query_log = ON", "SET GLOBAL log_queries_not_using_indexes = ON")
    try:
        # long_query_time stays at 10 seconds: only the full scans are written.
        with srv.connect(USER, PASSWORD, database="lg") as conn, conn.cursor() as cur:
            for statement in ("SELECT v FROM scan WHERE v = 3",          # no index: a full scan
                              "SELECT v FROM scan WHERE id = 3",         # the primary key
                              "SELECT v FROM scan WHERE w = 3",          # a secondary index
                              "SELECT 'no table marker'",                # no table at all
                              "UPDATE scan SET w = w WHERE v = 7"):      # a full scan again
                cur.execute(statement)
            srv.sql("SET GLOBAL log_queries_not_using_indexes = OFF")
            cur.execute("SELECT v FROM scan WHERE v = 4")  # a full scan, no longer logged
    finally:
        srv.sql("SET GLOBAL slow_query_log = OFF", "SET GLOBAL log_queries_not_using_indexes = OFF")
    entries = slow_entries(path)
    statements = [entry.rstrip("\n").splitlines()[-1] for entry in entries]
    assert statements == ["SELECT v FROM scan WHERE v = 3;", "UPDATE scan SET w = w WHERE v = 7;"]
    assert re.match(r"# Time: \S+\n# User@Host: lg\[lg\] @  \[127\.0\.0\.1\]  Id: +\d+\n"
                    r"# Query_time: 0\.\d{6}  Lock_time: \d+\.\d{6} Rows_sent: 1  "
                    r"Rows_examined: \d+\nuse lg;\nSET timestamp=\d+;\n", entries[0]), entries[0]


def test_long_query_time_global_applies_to_new_sessions(srv, tmp_path):
    path = tmp_path / "lqt.log"
    srv.sql(f"SET GLOBAL slow_query_log_file = '{path}'", "SET GLOBAL log_output = 'FILE'",
            "SET GLOBAL slow_query_log = ON", "SET GLOBAL long_query_time = 0.05")
    try:
        with srv.connect(USER, PASSWORD) as conn, conn.cursor() as cur:
            cur.execute("SELECT @@long_query_time")
            assert cur.fetchone() == (0.05,)
            cur.execute("SELECT SLEEP(0.01), 'quick one'")
            cur.execute("SELECT SLEEP(0.1), 'long one'")
    finally:
        srv.sql("SET GLOBAL slow_query_log = OFF", "SET GLOBAL long_query_time = 10")
    text = path.read_text()
    assert "'long one'" in text and "'quick one'" not in text
    assert srv.sql("SHOW GLOBAL STATUS LIKE 'Slow_queries'")[0][1] != "0"


def test_flush_logs_reopens_moved_files(srv, tmp_path):
    general, slow = tmp_path / "moved-general.log", tmp_path / "moved-slow.log"
    srv.sql(f"SET GLOBAL general_log_file = '{general}'",
            f"SET GLOBAL slow_query_log_file = '{slow}'", "SET GLOBAL log_output = 'FILE'",
            "SET GLOBAL general_log = ON", "SET GLOBAL slow_query_log = ON")
    try:
        with srv.connect(USER, PASSWORD) as conn, conn.cursor() as cur:
            cur.execute("SET SESSION long_query_time = 0")
            cur.execute("SELECT 'before the move'")
            general.rename(tmp_path / "moved-general.log.1")
            slow.rename(tmp_path / "moved-slow.log.1")
            srv.sql("FLUSH LOGS")
            cur.execute("SELECT 'after the move'")
    finally:
        srv.sql("SET GLOBAL general_log = OFF", "SET GLOBAL slow_query_log = OFF")
    for path, old in ((general, tmp_path / "moved-general.log.1"),
                      (slow, tmp_path / "moved-slow.log.1")):
        old_text, new_text = old.read_text(), path.read_text()
        assert "'before the move'" in old_text and "'after the move'" not in old_text
        assert new_text.startswith("porpoised, Version: "), new_text
        assert "'after the move'" in new_text and "'before the move'" not in new_text


ERROR_LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z \d+ "
                            r"\[(System|ERROR|Warning|Note)\] \[MY-\d{6}\] \[Server\] \S.*$")


def test_error_log_lines_have_mysql_8_format(servers):
    server = servers.started()
    with pytest.raises(pymysql.err.OperationalError):
        server.connect("nobody", "wrong")  # a refused login writes a Warning line
    assert server.stop() == 0
    lines = server.error_log.read_text().splitlines()
    assert lines
    for line in lines:
        assert ERROR_LOG_LINE.match(line), line
    ready = [line for line in lines if "ready for connections" in line]
    assert len(ready) == 1
    assert re.search(r"Z 0 \[System\] \[MY-010931\] \[Server\] porpoised: ready for connections\. "
                     rf"Version: '8\.4\.\d+-porpoise'  socket: '{re.escape(server.socket)}'  "
                     rf"port: {server.port}$", ready[0]), ready[0]
    assert any(re.search(r"\[Warning\] \[MY-\d{6}\] \[Server\] .*nobody", line)
               for line in lines), lines
    assert re.search(r"Z 0 \[System\] \[MY-010910\] \[Server\] porpoised: Shutdown complete$",
                     lines[-1]), lines[-1]
