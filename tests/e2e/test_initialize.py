# The server's life cycle: --initialize / --initialize-insecure, refusing a non-empty or an
# uninitialised data directory and one another server is using, the greeting's version, the
# pid file and the error log, and a clean SIGTERM shutdown while clients are connected.
import re
import subprocess
import time

import pymysql
import pytest

from harness import IS_PORPOISE, PORPOISED, read_packet, run

porpoise_only = pytest.mark.porpoise_only


def daemon(*args):
    if not PORPOISED.exists():
        pytest.fail(f"porpoised not found at {PORPOISED}")
    return run([str(PORPOISED), "--no-defaults", *args], timeout=60)


@porpoise_only
def test_initialize_refuses_non_empty_datadir(tmp_path):
    datadir = tmp_path / "data"
    datadir.mkdir()
    (datadir / "precious.txt").write_text("keep me")
    res = daemon("--initialize", f"--datadir={datadir}")
    assert res.returncode != 0
    out = res.stdout + res.stderr
    assert str(datadir) in out or "datadir" in out.lower(), out
    assert re.search(r"has files in it|not empty|non-empty|exists", out, re.I), out
    assert (datadir / "precious.txt").read_text() == "keep me"
    assert sorted(p.name for p in datadir.iterdir()) == ["precious.txt"]


@porpoise_only
def test_initialize_twice_refused(tmp_path):
    datadir = tmp_path / "data"
    datadir.mkdir()
    assert daemon("--initialize-insecure", f"--datadir={datadir}").returncode == 0
    assert daemon("--initialize-insecure", f"--datadir={datadir}").returncode != 0


@porpoise_only
def test_initialize_creates_missing_datadir(tmp_path):
    datadir = tmp_path / "new" / "data"
    res = daemon("--initialize", f"--datadir={datadir}")
    assert res.returncode == 0, res.stderr
    assert any(datadir.iterdir())


@porpoise_only
def test_start_on_uninitialised_datadir_says_how(servers):
    srv = servers.new()
    srv.datadir.mkdir(parents=True)
    srv.start(wait=False)
    try:
        rc = srv.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("server started on an uninitialised datadir")
    assert rc != 0
    assert "--initialize" in srv.logs()


@porpoise_only
def test_a_second_server_on_a_datadir_in_use_stops_before_touching_it(servers):
    first = servers.started()
    first.sql("CREATE DATABASE kept", "CREATE TABLE kept.t (a INT)", "INSERT INTO kept.t VALUES (1)")
    second = daemon(f"--datadir={first.datadir}", f"--port={first.port + 1}",
                    f"--socket={first.datadir}/second.sock")
    assert second.returncode != 0
    assert "another porpoised is using the data directory" in second.stderr, second.stderr
    assert first.sql("SELECT a FROM kept.t") == ((1,),)
    # Once the first has stopped, the directory is free again.
    first.stop()
    first.start()
    assert first.sql("SELECT a FROM kept.t") == ((1,),)


@porpoise_only
def test_greeting_version_and_comment(server):
    import socket
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        seq, payload = read_packet(s)
    assert seq == 0 and payload[0] == 10
    version = payload[1:payload.index(b"\x00", 1)].decode()
    assert version.startswith("8.4.3"), version
    assert server.sql("SELECT @@version_comment, @@version") == (("Porpoise", version),)


@porpoise_only
def test_initialize_root_uses_auth_socket(server):
    rows = server.sql("SELECT user, host, plugin FROM mysql.user WHERE user = 'root'")
    assert rows == (("root", "localhost", "auth_socket"),)


@porpoise_only
def test_initialize_insecure_root_empty_password(servers):
    srv = servers.started(insecure=True)
    rows = srv.sql("SELECT user, host, plugin, authentication_string FROM mysql.user "
                   "WHERE user = 'root'")
    assert len(rows) == 1
    user, host, plugin, auth = rows[0]
    assert (user, host) == ("root", "localhost")
    assert plugin == "caching_sha2_password"
    assert auth == ""
    # TCP from loopback matches root@localhost; an empty password is the password.
    with srv.connect("root", "") as conn, conn.cursor() as cur:
        cur.execute("SELECT CURRENT_USER()")
        assert cur.fetchone() == ("root@localhost",)
    with pytest.raises(pymysql.err.OperationalError) as e:
        srv.connect("root", "guess")
    assert e.value.args[0] == 1045


def test_system_schema_tables_have_mysql_columns(server):
    with server.root() as conn, conn.cursor() as cur:
        cur.execute("SHOW DATABASES")
        assert "mysql" in [r[0] for r in cur.fetchall()]
        cur.execute("SELECT Host, User, plugin, authentication_string, Select_priv, "
                    "Grant_priv, Super_priv FROM mysql.user WHERE User = 'root'")
        host, user, plugin, _, select_priv, grant_priv, super_priv = cur.fetchone()
        assert (host, user) == ("localhost", "root")
        assert (select_priv, grant_priv, super_priv) == ("Y", "Y", "Y")
        cur.execute("CREATE DATABASE sysdb")
        cur.execute("CREATE TABLE sysdb.t (id INT)")
        cur.execute("CREATE USER 'g'@'%' IDENTIFIED BY 'g-pw'")
        cur.execute("GRANT SELECT, INSERT ON sysdb.* TO 'g'@'%'")
        cur.execute("GRANT UPDATE ON sysdb.t TO 'g'@'%'")
        cur.execute("SELECT Host, Db, User, Select_priv, Insert_priv, Update_priv "
                    "FROM mysql.db WHERE User = 'g'")
        assert cur.fetchall() == (("%", "sysdb", "g", "Y", "Y", "N"),)
        cur.execute("SELECT Host, Db, User, Table_name, Table_priv FROM mysql.tables_priv "
                    "WHERE User = 'g'")
        assert cur.fetchall() == (("%", "sysdb", "g", "t", "Update"),)
        cur.execute("SHOW GRANTS FOR 'g'@'%'")
        # (MariaDB appends the password hash to the USAGE line; MySQL does not.)
        grants = sorted(re.sub(r" IDENTIFIED BY PASSWORD '.*'$", "", r[0])
                        for r in cur.fetchall())
        assert grants == sorted([
            "GRANT USAGE ON *.* TO `g`@`%`",
            "GRANT SELECT, INSERT ON `sysdb`.* TO `g`@`%`",
            "GRANT UPDATE ON `sysdb`.`t` TO `g`@`%`",
        ])


def test_pid_file_and_error_log(server):
    assert int(server.pid_file.read_text().strip()) == server.proc.pid
    assert server.error_log.exists()


def test_sigterm_with_connected_clients(servers):
    srv = servers.started()
    idle = [srv.root() for _ in range(5)]
    srv.sql("SELECT 1")
    started = time.monotonic()
    assert srv.stop() == 0, srv.logs()
    assert time.monotonic() - started < (5 if IS_PORPOISE else 30)
    assert not srv.pid_file.exists()
    for conn in idle:
        with pytest.raises(pymysql.err.Error):
            with conn.cursor() as cur:
                cur.execute("SELECT 1")


def test_restart_same_port_immediately(servers):
    # The listening socket is reusable at once (SO_REUSEADDR) after a clean stop.
    srv = servers.started()
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT 1")
    for _ in range(3):
        srv.restart()
        assert srv.sql("SELECT 1") == ((1,),)


@porpoise_only
def test_unreadable_storage_format_is_refused_untouched(servers):
    # A data file of another storage format (here: one claiming a future format) is named in
    # the log, the server exits, and the file is left byte for byte as it was.
    import hashlib
    import sqlite3
    srv = servers.new()
    assert daemon("--initialize-insecure", f"--datadir={srv.datadir}").returncode == 0
    data_file = srv.datadir / "porpoise.db"
    with sqlite3.connect(data_file) as db:
        db.execute("UPDATE porpoise_meta SET value = '999' WHERE key = 'format_version'")
    db.close()
    before = hashlib.sha256(data_file.read_bytes()).hexdigest()
    srv.start(wait=False)
    try:
        rc = srv.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("server started on a data directory of another storage format")
    assert rc != 0
    assert "storage format 999" in srv.logs(), srv.logs()
    assert hashlib.sha256(data_file.read_bytes()).hexdigest() == before


def test_table_names_with_dots_quotes_and_case_do_not_collide(server):
    with server.root() as conn, conn.cursor() as cur:
        cur.execute("CREATE DATABASE names")
        cur.execute("CREATE DATABASE Names")
        cur.execute("USE names")
        for name, value in (("t", 1), ("T", 2), ("a.b", 3), ('q"uote', 4), ("names.t", 5)):
            cur.execute(f"CREATE TABLE `{name}` (v INT)")
            cur.execute(f"INSERT INTO `{name}` VALUES ({value})")
        cur.execute("CREATE TABLE Names.t (v INT)")
        cur.execute("INSERT INTO Names.t VALUES (6)")
        for name, value in (("t", 1), ("T", 2), ("a.b", 3), ('q"uote', 4), ("names.t", 5)):
            cur.execute(f"SELECT v FROM `{name}`")
            assert cur.fetchall() == ((value,),), name
        cur.execute("SELECT v FROM Names.t")
        assert cur.fetchall() == ((6,),)
        cur.execute("DROP TABLE `T`")
        cur.execute("SELECT v FROM t")
        assert cur.fetchall() == ((1,),)
        cur.execute("DROP DATABASE names")
        cur.execute("SELECT v FROM Names.t")
        assert cur.fetchall() == ((6,),)
        cur.execute("DROP DATABASE Names")
