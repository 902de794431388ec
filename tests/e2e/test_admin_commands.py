# Administration as mariadb-admin and monitoring tools do it: SHUTDOWN (the statement and
# COM_SHUTDOWN, which mariadb-admin sends to a server reporting MySQL's version) needs the
# SHUTDOWN privilege and stops the server cleanly; COM_DEBUG needs SUPER; COM_REFRESH (mariadb-admin refresh,
# flush-threads) runs as FLUSH and needs RELOAD; the status counters and variables that
# monitoring reads (Queries, Slow_queries, Com_*, Threads_running, optimizer_switch,
# sql_log_off); user-level locks (GET_LOCK) between connections; the replication SHOWs of a
# server without a binary log and the privilege they need.
import threading
import time

import pymysql
import pytest

from harness import IS_PORPOISE, identified, run


def admin(server, user, password, *args):
    return run(["mariadb-admin", "--no-defaults", "-h127.0.0.1", f"-P{server.port}", f"-u{user}",
                f"-p{password}", *args])


def status(server, name):
    rows = server.sql(f"SHOW GLOBAL STATUS LIKE '{name}'")
    assert rows, f"SHOW GLOBAL STATUS has no {name}"
    return int(rows[0][1])


def test_shutdown_needs_the_privilege_and_stops_the_server(servers):
    server = servers.started()
    server.sql(f"CREATE USER 'plain'@'%' {identified('plainpw')}",
               f"CREATE USER 'op'@'%' {identified('oppw')}",
               "GRANT SHUTDOWN ON *.* TO 'op'@'%'")
    with server.connect("plain", "plainpw") as conn, pytest.raises(pymysql.err.OperationalError) as denied:
        conn.cursor().execute("SHUTDOWN")
    assert denied.value.args[0] == 1227
    refused = admin(server, "plain", "plainpw", "shutdown")
    assert refused.returncode != 0
    assert "SHUTDOWN privilege" in refused.stderr, refused.stderr
    assert server.running()
    done = admin(server, "op", "oppw", "shutdown")
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 20
    while server.running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not server.running(), "the server is still running after SHUTDOWN"
    assert server.proc.returncode == 0
    if IS_PORPOISE:
        assert "Received SHUTDOWN from user op@127.0.0.1" in server.logs()


def test_refresh_runs_as_flush_and_needs_reload(servers):
    server = servers.started()
    server.sql(f"CREATE USER 'plain'@'%' {identified('plainpw')}",
               f"CREATE USER 'ops'@'%' {identified('opspw')}",
               "GRANT RELOAD ON *.* TO 'ops'@'%'")
    for command in ("refresh", "flush-threads", "flush-privileges", "flush-status"):
        done = admin(server, "ops", "opspw", command)
        assert done.returncode == 0, (command, done.stderr)
    refused = admin(server, "plain", "plainpw", "refresh")
    assert refused.returncode != 0
    assert "RELOAD privilege" in refused.stderr, refused.stderr


def test_debug_needs_super(servers):
    # mariadb-admin debug sends COM_DEBUG, which MySQL answers only for SUPER.
    server = servers.started()
    server.sql(f"CREATE USER 'plain'@'%' {identified('plainpw')}",
               f"CREATE USER 'su'@'%' {identified('supw')}",
               "GRANT SUPER ON *.* TO 'su'@'%'")
    refused = admin(server, "plain", "plainpw", "debug")
    assert refused.returncode != 0
    assert "SUPER privilege" in refused.stderr, refused.stderr
    done = admin(server, "su", "supw", "debug")
    assert done.returncode == 0, done.stderr


def test_monitoring_counters_and_variables(servers):
    server = servers.started()
    before_select = status(server, "Com_select")
    before_queries = status(server, "Queries")
    server.sql("SELECT 1", "SELECT 2", "SELECT 3")
    assert status(server, "Com_select") - before_select >= 3
    assert status(server, "Queries") - before_queries >= 3
    assert status(server, "Threads_running") >= 1
    server.sql("SET GLOBAL long_query_time = 0")
    with server.connect("root", host="localhost", unix_socket=server.socket) as conn:
        conn.cursor().execute("SELECT 1")
    assert status(server, "Slow_queries") >= 1
    server.sql("SET GLOBAL long_query_time = 10")
    rows = server.sql("SELECT @@sql_log_off, @@optimizer_switch LIKE '%index_merge=on%'")
    assert rows[0] == (0, 1)
    server.sql("SET sql_log_off = 1")


def test_user_locks_across_connections(servers):
    # GET_LOCK as migration tools use it: one connection holds the lock, another times out,
    # then waits and gets it when the first releases it or disconnects.
    server = servers.started()
    holder = server.root()
    waiter = server.root()
    try:
        cur = holder.cursor()
        cur.execute("SELECT GET_LOCK('schema_migrations', 0), CONNECTION_ID()")
        got, holder_id = cur.fetchone()
        assert got == 1
        other = waiter.cursor()
        other.execute("SELECT GET_LOCK('schema_migrations', 0), IS_FREE_LOCK('schema_migrations'),"
                      " IS_USED_LOCK('schema_migrations')")
        assert other.fetchone() == (0, 0, holder_id)
        # The waiter blocks until the holder lets go.
        result = {}

        def wait():
            other.execute("SELECT GET_LOCK('schema_migrations', 20)")
            result["got"] = other.fetchone()[0]

        thread = threading.Thread(target=wait)
        thread.start()
        time.sleep(0.3)
        assert thread.is_alive(), "GET_LOCK did not wait"
        cur.execute("SELECT RELEASE_LOCK('schema_migrations')")
        assert cur.fetchone()[0] == 1
        thread.join(timeout=10)
        assert result.get("got") == 1
        cur.execute("SELECT RELEASE_LOCK('schema_migrations')")
        assert cur.fetchone()[0] == 0  # held by the other connection now
    finally:
        holder.close()
    # A connection's locks go with it.
    waiter.close()
    deadline = time.monotonic() + 10
    while server.sql("SELECT IS_FREE_LOCK('schema_migrations')")[0][0] != 1:
        assert time.monotonic() < deadline, "the closed connection's lock was not released"
        time.sleep(0.05)


@pytest.mark.skipif(not IS_PORPOISE, reason="MariaDB 10.11 asks for REPLICA MONITOR instead")
def test_replication_shows_need_replication_client(servers):
    # A server with no binary log: SHOW BINARY LOGS is 1381 and SHOW REPLICA STATUS is empty,
    # for accounts with REPLICATION CLIENT; others get 1227, as from MySQL 8.4.
    server = servers.started()
    server.sql(f"CREATE USER 'plain'@'%' {identified('plainpw')}",
               f"CREATE USER 'mon'@'%' {identified('monpw')}",
               "GRANT REPLICATION CLIENT ON *.* TO 'mon'@'%'")
    with server.connect("mon", "monpw") as conn, conn.cursor() as cur:
        cur.execute("SHOW REPLICA STATUS")
        assert cur.fetchall() == ()
        assert [d[0] for d in cur.description][:3] == ["Replica_IO_State", "Source_Host",
                                                         "Source_User"]
        with pytest.raises(pymysql.err.OperationalError) as error:
            cur.execute("SHOW BINARY LOGS")
        assert error.value.args[0] == 1381
    with server.connect("plain", "plainpw") as conn, conn.cursor() as cur:
        for statement in ("SHOW REPLICA STATUS", "SHOW BINARY LOGS"):
            with pytest.raises(pymysql.err.OperationalError) as error:
                cur.execute(statement)
            assert error.value.args[0] == 1227, statement
            assert "SUPER, REPLICATION CLIENT" in error.value.args[1]
