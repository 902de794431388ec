# The signals a service manager sends: SIGHUP (systemd's reload, logrotate's postrotate)
# opens the error log again under its name, as FLUSH LOGS does; SIGTERM stops the server in
# bounded time while statements run, sessions wait and writers commit, and every commit that
# was acknowledged is there after the restart.
import os
import signal
import threading
import time

import pymysql
import pytest

from harness import wait_for

pytestmark = pytest.mark.porpoise_only


def test_error_log_reopened_on_sighup_and_flush_logs(servers):
    srv = servers.started()
    log = srv.error_log
    # (the listeners accept before the line is written: it may come a moment later)
    assert wait_for(lambda: "ready for connections" in log.read_text())

    # logrotate's way: rename, then SIGHUP. The old file keeps what was written; lines
    # written after the signal go to a new file under the configured name.
    os.rename(log, srv.datadir / "error.log.1")
    srv.proc.send_signal(signal.SIGHUP)
    assert wait_for(lambda: log.exists() and "Received SIGHUP" in log.read_text())
    assert "Received SIGHUP" not in (srv.datadir / "error.log.1").read_text()
    assert srv.running()

    # FLUSH LOGS and FLUSH ERROR LOGS do the same from SQL.
    for statement in ("FLUSH LOGS", "FLUSH ERROR LOGS"):
        os.rename(log, srv.datadir / "error.log.2")
        srv.sql(statement)
        assert wait_for(log.exists)
        os.remove(srv.datadir / "error.log.2")

    # What the server logs next lands in the new file: the shutdown lines.
    assert srv.stop() == 0
    text = log.read_text()
    assert "Received Terminated, shutting down" in text or "shutting down" in text
    assert "Shutdown complete" in text


def test_sighup_keeps_serving_with_tls_in_use(servers):
    srv = servers.started()
    srv.sql("CREATE USER 'tls'@'%' IDENTIFIED BY 'tls-pw'")
    with srv.connect("tls", "tls-pw", ssl={"check_hostname": False}) as conn, \
            conn.cursor() as cur:
        cur.execute("SHOW SESSION STATUS LIKE 'Ssl_cipher'")
        assert cur.fetchone()[1] != ""
    srv.proc.send_signal(signal.SIGHUP)
    assert wait_for(lambda: "Received SIGHUP" in srv.error_log.read_text())
    assert "TLS reloaded" in srv.error_log.read_text()
    with srv.connect("tls", "tls-pw", ssl={"check_hostname": False}) as conn, \
            conn.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)


def test_sigterm_stops_in_bounded_time_and_keeps_every_acknowledged_commit(servers):
    srv = servers.started()
    srv.sql("CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY, writer INT)")
    acknowledged = []
    lock = threading.Lock()
    stop = threading.Event()

    def writer(number):
        try:
            conn = srv.root(autocommit=True)
        except pymysql.MySQLError:
            return
        next_id = number * 1_000_000
        try:
            with conn.cursor() as cur:
                while not stop.is_set():
                    cur.execute("INSERT INTO d.t VALUES (%s, %s)", (next_id, number))
                    with lock:
                        acknowledged.append(next_id)
                    next_id += 1
        except (pymysql.MySQLError, OSError):
            pass  # the shutdown ended the connection; what was acknowledged is counted

    def long_statement():
        try:
            with srv.root() as conn, conn.cursor() as cur:
                cur.execute("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
                            "WHERE n < 1000000000) SELECT COUNT(*) FROM c")
        except (pymysql.MySQLError, OSError):
            pass

    def sleeper():
        try:
            with srv.root() as conn, conn.cursor() as cur:
                cur.execute("SELECT SLEEP(600)")
        except (pymysql.MySQLError, OSError):
            pass

    # An idle transaction holds the write lock; one session waits behind it.
    holder = srv.root()
    with holder.cursor() as cur:
        cur.execute("BEGIN")
        cur.execute("INSERT INTO d.t VALUES (-1, -1)")

    def waiter():
        try:
            with srv.root() as conn, conn.cursor() as cur:
                cur.execute("SET SESSION innodb_lock_wait_timeout = 600")
                cur.execute("INSERT INTO d.t VALUES (-2, -2)")
        except (pymysql.MySQLError, OSError):
            pass

    threads = [threading.Thread(target=long_statement), threading.Thread(target=sleeper),
               threading.Thread(target=waiter)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    with holder.cursor() as cur:
        cur.execute("COMMIT")  # the writers may go now
    holder.close()
    writers = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in writers:
        thread.start()
    assert wait_for(lambda: len(acknowledged) >= 50, timeout=30)
    # The waiter's insert may have run by now; start another wait behind a new holder.
    holder = srv.root()
    with holder.cursor() as cur:
        cur.execute("BEGIN")
        cur.execute("INSERT INTO d.t VALUES (-3, -3)")
    started = time.monotonic()
    assert srv.stop(timeout=20) == 0
    took = time.monotonic() - started
    stop.set()
    for thread in threads + writers:
        thread.join(timeout=30)
        assert not thread.is_alive()
    holder.close()
    assert took < 10, f"SIGTERM took {took:.1f}s"

    srv.start()
    with lock:
        expected = set(acknowledged)
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT id FROM d.t WHERE id >= 0")
        present = {row[0] for row in cur.fetchall()}
        cur.execute("SELECT COUNT(*) FROM d.t WHERE id = -3")
        assert cur.fetchone() == (0,)  # never committed
    assert expected <= present, f"{len(expected - present)} acknowledged rows lost"
