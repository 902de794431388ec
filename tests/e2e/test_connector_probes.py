# What connectors and tools send right after connecting (PyMySQL, mysqlclient, Connector/J,
# the mysql/mariadb CLI, mysqldump), and the protocol commands beyond COM_QUERY: COM_PING,
# COM_INIT_DB, COM_PROCESS_KILL, COM_STATISTICS, multi-statements, KILL, LOCK TABLES.
import re

import pymysql
import pytest
from pymysql.constants import CLIENT, COMMAND

from harness import identified, parse_err, read_packet, run

COM_RESET_CONNECTION = 0x1F


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql("CREATE DATABASE probe",
               "CREATE TABLE probe.t (id INT PRIMARY KEY, v VARCHAR(10))",
               "CREATE TABLE probe.u (id INT PRIMARY KEY)",
               "INSERT INTO probe.t VALUES (1, 'one')")
    return server


@pytest.fixture
def conn(srv):
    c = srv.root()
    yield c
    try:
        c.close()
    except pymysql.err.Error:
        pass


def one(conn, sql):
    with conn.cursor() as cur:
        cur.execute(sql)
        return cur.fetchone()


# Statements drivers send on connect; every one must succeed or the driver gives up.
PROBES = [
    "SET NAMES utf8mb4",
    "SET NAMES utf8mb4 COLLATE utf8mb4_general_ci",
    "SET NAMES 'utf8'",
    "SET character_set_results = NULL",
    "SET autocommit=1",
    "SET autocommit=0",
    "SET SESSION autocommit = 1",
    "SET @@session.autocommit = ON",
    "SET sql_mode = 'STRICT_TRANS_TABLES'",
    "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')",
    "SET time_zone = '+00:00'",
    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
    "SELECT @@version_comment LIMIT 1",
    "select @@version_comment limit 1",
    "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
    "SELECT @@max_allowed_packet",
    "SELECT @@have_ssl",
    "SELECT @@session.auto_increment_increment",
    "SELECT @@character_set_client, @@character_set_connection, @@character_set_results",
    "SELECT @@lower_case_table_names, @@sql_mode, @@time_zone, @@system_time_zone",
    "SELECT @@GLOBAL.max_allowed_packet, @@SESSION.wait_timeout",
    "SHOW VARIABLES LIKE 'sql_mode'",
    "SHOW SESSION VARIABLES LIKE 'lower_case_table_names'",
    "SHOW GLOBAL VARIABLES LIKE 'max_allowed_packet'",
    "SHOW VARIABLES",
    "SHOW STATUS",
    "SHOW SESSION STATUS LIKE 'Ssl_cipher'",
    "SHOW GLOBAL STATUS LIKE 'Uptime'",
    "SELECT DATABASE(), USER(), CURRENT_USER(), VERSION(), CONNECTION_ID()",
    "SELECT DATABASE()",
    "/*!40101 SET NAMES utf8mb4 */",
    "/*!40103 SET TIME_ZONE='+00:00' */",
    "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */",
    "SELECT current_user()",
    "SET CHARACTER SET utf8",
    "SHOW ENGINES",
    "SHOW PLUGINS",
    "SHOW CHARSET",
    "SHOW COLLATION",
    "SHOW FULL TABLES FROM probe",
    "SHOW TABLE STATUS FROM probe",
    "SELECT GENERATION_EXPRESSION FROM information_schema.COLUMNS",
    "SELECT * FROM mysql.procs_priv",
    "SELECT ssl_type FROM mysql.user",
    # phpMyAdmin's check for accounts that may grant
    "(SELECT DISTINCT GRANTEE, IS_GRANTABLE FROM information_schema.COLUMN_PRIVILEGES) UNION "
    "(SELECT DISTINCT GRANTEE, IS_GRANTABLE FROM information_schema.TABLE_PRIVILEGES) UNION "
    "(SELECT DISTINCT GRANTEE, IS_GRANTABLE FROM information_schema.SCHEMA_PRIVILEGES) UNION "
    "(SELECT DISTINCT GRANTEE, IS_GRANTABLE FROM information_schema.USER_PRIVILEGES)",
]

# MySQL 8 names that MariaDB 10.11 does not have.
MYSQL8_PROBES = [
    "SELECT @@session.transaction_isolation",
    "SELECT @@transaction_isolation, @@transaction_read_only",
    "SET SESSION transaction_isolation = 'READ-COMMITTED'",
    # Connector/J 8's connect-time query
    "/* mysql-connector-java-8.0.33 */SELECT @@session.auto_increment_increment AS "
    "auto_increment_increment, @@character_set_client AS character_set_client, "
    "@@character_set_connection AS character_set_connection, @@character_set_results AS "
    "character_set_results, @@character_set_server AS character_set_server, "
    "@@collation_server AS collation_server, @@collation_connection AS collation_connection, "
    "@@init_connect AS init_connect, @@interactive_timeout AS interactive_timeout, "
    "@@license AS license, @@lower_case_table_names AS lower_case_table_names, "
    "@@max_allowed_packet AS max_allowed_packet, @@net_write_timeout AS net_write_timeout, "
    "@@performance_schema AS performance_schema, @@sql_mode AS sql_mode, "
    "@@system_time_zone AS system_time_zone, @@time_zone AS time_zone, "
    "@@transaction_isolation AS transaction_isolation, @@wait_timeout AS wait_timeout",
    # MariaDB 10.11's KEYWORDS has no RESERVED column; its performance schema is off
    "SELECT WORD FROM INFORMATION_SCHEMA.KEYWORDS WHERE RESERVED=1",
    "SELECT * FROM performance_schema.session_variables",
]

# Connector/J 5.1's connect-time query, for servers before 8.0.3: MySQL 8.4 no longer has
# query_cache_size, query_cache_type or tx_isolation, and neither does Porpoise.
OLD_CONNECTOR_J_QUERY = (
    "SELECT @@session.auto_increment_increment AS auto_increment_increment, "
    "@@character_set_client AS character_set_client, @@character_set_connection AS "
    "character_set_connection, @@character_set_results AS character_set_results, "
    "@@character_set_server AS character_set_server, @@collation_server AS collation_server, "
    "@@collation_connection AS collation_connection, @@init_connect AS init_connect, "
    "@@interactive_timeout AS interactive_timeout, @@license AS license, "
    "@@lower_case_table_names AS lower_case_table_names, @@max_allowed_packet AS "
    "max_allowed_packet, @@net_write_timeout AS net_write_timeout, @@performance_schema AS "
    "performance_schema, @@query_cache_size AS query_cache_size, @@query_cache_type AS "
    "query_cache_type, @@sql_mode AS sql_mode, @@system_time_zone AS system_time_zone, "
    "@@time_zone AS time_zone, @@tx_isolation AS transaction_isolation, @@wait_timeout AS "
    "wait_timeout")


@pytest.mark.parametrize("sql", PROBES)
def test_probe_succeeds(conn, sql):
    with conn.cursor() as cur:
        cur.execute(sql)
        cur.fetchall()


@pytest.mark.porpoise_only
@pytest.mark.parametrize("sql", MYSQL8_PROBES)
def test_mysql8_probe_succeeds(conn, sql):
    with conn.cursor() as cur:
        cur.execute(sql)
        cur.fetchall()


def test_probe_values(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT @@max_allowed_packet, @@have_ssl")
        packet, have_ssl = cur.fetchone()
        assert isinstance(packet, int) and packet >= 1024
        assert have_ssl in ("YES", "DISABLED", "NO")
        cur.execute("SHOW VARIABLES LIKE 'sql_mode'")
        assert [d[0] for d in cur.description] == ["Variable_name", "Value"]
        rows = cur.fetchall()
        assert len(rows) == 1 and rows[0][0] == "sql_mode"
        cur.execute("SHOW VARIABLES LIKE 'max_allowed%'")
        assert cur.fetchall() == (("max_allowed_packet", str(packet)),)
        cur.execute("SHOW STATUS LIKE 'Threads_connected'")
        name, value = cur.fetchone()
        assert name == "Threads_connected" and int(value) >= 1


def test_identity_functions(conn):
    row = one(conn, "SELECT DATABASE(), USER(), CURRENT_USER(), VERSION(), CONNECTION_ID(), "
                    "@@version")
    database, user, current, version, conn_id, at_version = row
    assert database is None
    assert user == "root@localhost"
    assert current == "root@localhost"
    assert version == at_version
    assert conn_id == conn.thread_id()


@pytest.mark.porpoise_only
def test_removed_variables_are_unknown_as_in_mysql84(conn):
    for sql, name in [(OLD_CONNECTOR_J_QUERY, "query_cache_size"),
                      ("SELECT @@tx_isolation", "tx_isolation"),
                      ("SELECT @@session.tx_read_only", "tx_read_only"),
                      ("SELECT @@query_cache_type", "query_cache_type")]:
        with pytest.raises(pymysql.err.OperationalError) as error:
            one(conn, sql)
        assert error.value.args == (1193, f"Unknown system variable '{name}'")


@pytest.mark.porpoise_only
def test_probe_answers_as_mysql84(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT @@performance_schema, @@license, @@lower_case_table_names, "
                    "@@transaction_isolation")
        assert cur.fetchone() == (1, "GPL", 0, "REPEATABLE-READ")
        cur.execute("SET character_set_results = NULL")
        cur.execute("SELECT @@character_set_results")
        assert cur.fetchone() == (None,)
        # SET CHARACTER SET: the connection takes the default database's character set
        # (the server's without one).
        cur.execute("SET CHARACTER SET utf8")
        cur.execute("SELECT @@character_set_client, @@character_set_results, "
                    "@@character_set_connection, @@collation_connection")
        assert cur.fetchone() == ("utf8mb3", "utf8mb3", "utf8mb4", "utf8mb4_0900_ai_ci")
        cur.execute("SET NAMES utf8mb4")
        cur.execute("SHOW ENGINES")
        engines = {row[0]: row[1] for row in cur.fetchall()}
        assert engines["InnoDB"] == "DEFAULT" and engines["PERFORMANCE_SCHEMA"] == "YES"
        cur.execute("SHOW PLUGINS")
        assert ("PERFORMANCE_SCHEMA", "ACTIVE", "STORAGE ENGINE", None, "GPL") in cur.fetchall()
        cur.execute("SELECT WORD FROM INFORMATION_SCHEMA.KEYWORDS WHERE RESERVED=1")
        words = {row[0] for row in cur.fetchall()}
        assert {"SELECT", "FROM", "WHERE"} <= words and "ACTION" not in words
        cur.execute("SELECT * FROM mysql.procs_priv")
        assert [d[0] for d in cur.description] == [
            "Host", "Db", "User", "Routine_name", "Routine_type", "Grantor", "Proc_priv",
            "Timestamp"]
        assert cur.fetchall() == ()
        cur.execute("SELECT * FROM performance_schema.session_variables "
                    "WHERE VARIABLE_NAME = 'lower_case_table_names'")
        assert cur.fetchall() == (("lower_case_table_names", "0"),)
        cur.execute("SHOW DATABASES")
        assert [row[0] for row in cur.fetchall()] == [
            "information_schema", "mysql", "performance_schema", "probe"]


@pytest.mark.porpoise_only
def test_porpoise_identity(conn):
    assert conn.get_server_info().startswith("8.4.3")
    assert one(conn, "SELECT @@version")[0].startswith("8.4.3")
    assert one(conn, "SELECT @@version_comment") == ("Porpoise",)
    assert one(conn, "SELECT @@session.transaction_isolation") == ("REPEATABLE-READ",)


def test_set_and_read_back_session_variables(conn):
    with conn.cursor() as cur:
        cur.execute("SET SESSION sql_mode = 'ANSI_QUOTES'")
        cur.execute("SELECT @@session.sql_mode")
        assert cur.fetchone() == ("ANSI_QUOTES",)
        cur.execute("SET autocommit = 0")
        cur.execute("SELECT @@autocommit")
        assert cur.fetchone() == (0,)
        cur.execute("SET @my_var = 42")
        cur.execute("SELECT @my_var")
        assert cur.fetchone() == (42,)


def test_unknown_variable_is_1193(conn):
    with pytest.raises(pymysql.err.OperationalError) as e:
        one(conn, "SELECT @@no_such_variable")
    assert e.value.args == (1193, "Unknown system variable 'no_such_variable'")


def test_com_ping(conn):
    conn.ping(reconnect=False)
    conn.ping(reconnect=False)
    assert one(conn, "SELECT 1") == (1,)


def test_com_init_db(conn):
    conn.select_db("probe")
    assert one(conn, "SELECT DATABASE()") == ("probe",)
    assert one(conn, "SELECT v FROM t WHERE id = 1") == ("one",)


def test_use_statement(conn):
    with conn.cursor() as cur:
        cur.execute("USE `probe`")
        cur.execute("SELECT DATABASE()")
        assert cur.fetchone() == ("probe",)


def test_multi_statements(srv):
    with srv.root(client_flag=CLIENT.MULTI_STATEMENTS) as c, c.cursor() as cur:
        cur.execute("SELECT 1; SELECT 'two', 2; SET @x = 3; SELECT @x")
        assert cur.fetchall() == ((1,),)
        assert cur.nextset()
        assert cur.fetchall() == (("two", 2),)
        assert cur.nextset()  # the SET's OK
        assert cur.nextset()
        assert cur.fetchall() == ((3,),)
        assert not cur.nextset()
        # an error in the middle stops the batch there
        with pytest.raises(pymysql.err.ProgrammingError) as e:
            cur.execute("SELECT 1; SELEKT 2; SELECT 3")
            while cur.nextset():
                pass
        assert e.value.args[0] == 1064
        cur.execute("SELECT 4")
        assert cur.fetchall() == ((4,),)


def test_multi_statements_refused_without_flag(conn):
    with pytest.raises(pymysql.err.ProgrammingError) as e:
        one(conn, "SELECT 1; SELECT 2")
    assert e.value.args[0] == 1064


def test_kill_statement(srv):
    victim = srv.root()
    with srv.root() as killer, killer.cursor() as cur:
        cur.execute(f"KILL {victim.thread_id()}")
        with pytest.raises(pymysql.err.OperationalError):
            with victim.cursor() as vcur:
                vcur.execute("SELECT 1")
        cur.execute("SELECT 1")
        with pytest.raises(pymysql.err.Error) as e:
            cur.execute("KILL 987654")
        assert e.value.args == (1094, "Unknown thread id: 987654")


def test_kill_own_connection(srv):
    c = srv.root()
    with pytest.raises(pymysql.err.OperationalError):
        with c.cursor() as cur:
            cur.execute(f"KILL {c.thread_id()}")
            cur.execute("SELECT 1")


def test_com_process_kill(srv):
    victim = srv.root()
    with srv.root() as killer:
        killer.kill(victim.thread_id())  # COM_PROCESS_KILL
        with pytest.raises(pymysql.err.OperationalError):
            with victim.cursor() as vcur:
                vcur.execute("SELECT 1")
        assert one(killer, "SELECT 1") == (1,)


def test_lock_tables(conn):
    with conn.cursor() as cur:
        cur.execute("LOCK TABLES probe.t WRITE")
        cur.execute("INSERT INTO probe.t VALUES (2, 'two')")
        cur.execute("UNLOCK TABLES")
        cur.execute("LOCK TABLES probe.t READ, probe.u WRITE")
        cur.execute("SELECT COUNT(*) FROM probe.t")
        assert cur.fetchone() == (2,)
        cur.execute("UNLOCK TABLES")
        cur.execute("LOCK TABLE probe.t AS x READ LOCAL")
        cur.execute("UNLOCK TABLES")
        cur.execute("DELETE FROM probe.t WHERE id = 2")


def test_com_statistics_and_ping_via_admin_tool(srv):
    # mariadb-admin status sends COM_STATISTICS, ping sends COM_PING.
    res = run(["mariadb-admin", "--no-defaults", "-S", srv.socket, "-u", "root", "status"])
    assert res.returncode == 0, res.stderr
    assert re.match(r"Uptime: \d+\s+Threads: \d+\s+Questions: \d+", res.stdout), res.stdout
    res = run(["mariadb-admin", "--no-defaults", "-S", srv.socket, "-u", "root", "ping"])
    assert res.returncode == 0, res.stderr
    assert "is alive" in res.stdout


def test_mariadb_cli_interactive_probe(srv):
    # The CLI asks for @@version_comment when it starts; with input on stdin it reads
    # statements like an interactive session; \G output too.
    res = run(["mariadb", "--no-defaults", "-S", srv.socket, "-u", "root", "-t"],
              input="SELECT 1 AS a;\nSELECT 'x' AS b\\G\n")
    assert res.returncode == 0, res.stderr
    assert "| a |" in res.stdout
    assert "b: x" in res.stdout


def test_syntax_error_1064(conn):
    with pytest.raises(pymysql.err.ProgrammingError) as e:
        one(conn, "SELEKT 1")
    assert e.value.args[0] == 1064
    assert e.value.args[1].startswith("You have an error in your SQL syntax; check the manual "
                                      "that corresponds to your ")
    assert e.value.args[1].endswith("near 'SELEKT 1' at line 1")


def test_missing_table_1146(conn):
    with pytest.raises(pymysql.err.ProgrammingError) as e:
        one(conn, "SELECT * FROM probe.nosuch")
    assert e.value.args == (1146, "Table 'probe.nosuch' doesn't exist")


# --- commands PyMySQL has no method for, sent on its socket -----------------------------------

def raw_command(conn, payload):
    """Sends one command on an authenticated connection; returns the first reply packet."""
    conn._sock.sendall(len(payload).to_bytes(3, "little") + b"\x00" + payload)
    return read_packet(conn._sock)


def test_com_reset_connection(srv):
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SET @x = 5")
        cur.execute("SET SESSION sql_mode = 'ANSI_QUOTES'")
        cur.execute("USE probe")
        cur.execute("CREATE TEMPORARY TABLE scratch (a INT)")
        seq, reply = raw_command(conn, bytes([COM_RESET_CONNECTION]))
        assert reply[0] == 0x00, reply  # OK
        cur.execute("SELECT @x, @@session.sql_mode = @@global.sql_mode, DATABASE()")
        # the user variable and the session variable are reset; the database stays
        assert cur.fetchone() == (None, 1, "probe")
        # and temporary tables are dropped
        with pytest.raises(pymysql.err.ProgrammingError) as dropped:
            cur.execute("SELECT * FROM scratch")
        assert dropped.value.args[0] == 1146


def _change_user(conn, user, password):
    """COM_CHANGE_USER with mysql_native_password; answers an auth switch if one comes."""
    from pymysql._auth import scramble_native_password
    payload = (bytes([COMMAND.COM_CHANGE_USER]) + user.encode() + b"\x00" +
               bytes([20]) + scramble_native_password(password.encode(), conn.salt) +
               b"\x00" +                          # no default database
               (255).to_bytes(2, "little") +      # utf8mb4_0900_ai_ci
               b"mysql_native_password\x00")
    if conn.client_flag & CLIENT.CONNECT_ATTRS and conn.server_capabilities & \
            CLIENT.CONNECT_ATTRS:
        payload += b"\x00"  # no connection attributes
    seq, reply = raw_command(conn, payload)
    if reply[:1] == b"\xfe":  # AuthSwitchRequest: plugin name, then a fresh scramble
        plugin, _, data = reply[1:].partition(b"\x00")
        assert plugin == b"mysql_native_password", plugin
        answer = scramble_native_password(password.encode(), data.rstrip(b"\x00"))
        conn._sock.sendall(len(answer).to_bytes(3, "little") + bytes([seq + 1]) + answer)
        seq, reply = read_packet(conn._sock)
    return reply


def test_com_change_user(srv):
    srv.sql(f"CREATE USER IF NOT EXISTS 'cu'@'%' {identified('cu-pw')}",
            "GRANT SELECT ON probe.* TO 'cu'@'%'")
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SET @x = 5")
        reply = _change_user(conn, "cu", "cu-pw")
        assert reply[0] == 0x00, parse_err(reply) if reply[:1] == b"\xff" else reply
        cur.execute("SELECT CURRENT_USER(), @x")
        assert cur.fetchone() == ("cu@%", None)  # a new session for the new user
        with pytest.raises(pymysql.err.OperationalError) as e:
            cur.execute("CREATE DATABASE cu_db")
        assert e.value.args[0] == 1044


def test_com_change_user_wrong_password(srv):
    srv.sql(f"CREATE USER IF NOT EXISTS 'cu'@'%' {identified('cu-pw')}")
    conn = srv.root()
    reply = _change_user(conn, "cu", "wrong")
    code, state, message = parse_err(reply)
    assert (code, state) == (1045, "28000")
    assert message.startswith("Access denied for user 'cu'@'localhost'")
    conn._sock.close()
    conn._sock = None
