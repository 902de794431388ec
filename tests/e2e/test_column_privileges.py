# Column privileges (GRANT SELECT (a, b), INSERT (a), UPDATE (b) ON t) and what an account
# with a grant on one table may learn about the others. A column read, written or shown needs
# its privilege on the table or on that column: 1143 names the column, 1142 the table when
# nothing on it carries the privilege or `*` / a full-row INSERT means every column.
# information_schema, SHOW TABLES, SHOW TABLE STATUS and SHOW COLUMNS show only what the
# account holds something on, and a table it holds nothing on is refused before it is looked
# up, so 1146 never tells whether it exists. Runs against MariaDB as well
# (PORPOISE_E2E_SERVER=mariadb); where MariaDB words an error differently the pattern allows both.
import re

import pymysql
import pytest

from harness import IS_PORPOISE, identified

LOOPBACK = r"'(?:127\.0\.0\.1|localhost)'"
TABLE = r"(?:'{t}'|`{d}`\.`{t}`)"


def table_denied(privilege, table, user="cu", database="cp"):
    return (f"{privilege} command denied to user '{user}'@" + LOOPBACK + " for table " +
            TABLE.format(d=database, t=table))


def column_denied(privilege, column, table="t", user="cu"):
    return (f"{privilege} command denied to user '{user}'@" + LOOPBACK +
            f" for column '{column}' in table '{table}'")


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE DATABASE cp",
        "CREATE TABLE cp.t (a INT PRIMARY KEY, b INT, c VARCHAR(20))",
        "CREATE TABLE cp.hidden (id INT, secret VARCHAR(20))",
        "CREATE TABLE cp.whole (id INT)",
        f"CREATE USER 'cu'@'%' {identified('cp1')}",
        "GRANT SELECT (a, b), INSERT (a), UPDATE (b) ON cp.t TO 'cu'@'%'",
        "GRANT SELECT ON cp.whole TO 'cu'@'%'",
    )
    return server


@pytest.fixture(autouse=True)
def fresh_rows(srv):
    srv.sql("DELETE FROM cp.t", "INSERT INTO cp.t VALUES (1, 2, 'c-secret')")


def run(srv, statement, user="cu", password="cp1"):
    with srv.connect(user, password, database="cp") as conn, conn.cursor() as cur:
        cur.execute(statement)
        return cur.fetchall(), cur.rowcount


def refused(srv, statement, code, pattern):
    with pytest.raises(pymysql.err.MySQLError) as excinfo:
        run(srv, statement)
    assert excinfo.value.args[0] == code, excinfo.value.args
    assert re.fullmatch(pattern, excinfo.value.args[1]), excinfo.value.args[1]


def test_show_grants_and_grant_tables(srv):
    grants = [row[0] for row in run(srv, "SHOW GRANTS")[0]]
    assert "GRANT SELECT (`a`, `b`), INSERT (`a`), UPDATE (`b`) ON `cp`.`t` TO `cu`@`%`" in grants
    assert srv.sql("SELECT Column_name, Column_priv FROM mysql.columns_priv WHERE User = 'cu' "
                   "ORDER BY Column_name") == (("a", "Select,Insert"), ("b", "Select,Update"))
    assert srv.sql("SELECT Table_priv, Column_priv FROM mysql.tables_priv "
                   "WHERE User = 'cu' AND Table_name = 't'") == (("", "Select,Insert,Update"),)
    assert sorted(run(srv, "SELECT COLUMN_NAME, PRIVILEGE_TYPE FROM "
                           "information_schema.COLUMN_PRIVILEGES")[0]) == [
        ("a", "INSERT"), ("a", "SELECT"), ("b", "SELECT"), ("b", "UPDATE")]


def test_granted_columns_are_read_and_written(srv):
    assert run(srv, "SELECT a, b FROM t WHERE b = 2")[0] == ((1, 2),)
    assert run(srv, "SELECT COUNT(*) FROM t")[0] == ((1,),)
    assert run(srv, "INSERT INTO t (a) VALUES (5)")[1] == 1
    assert run(srv, "UPDATE t SET b = a + 10 WHERE a = 5")[1] == 1
    assert srv.sql("SELECT a, b FROM cp.t WHERE a = 5") == ((5, 15),)


@pytest.mark.parametrize("statement, code, pattern", [
    ("SELECT c FROM t", 1143, column_denied("SELECT", "c")),
    ("SELECT a FROM t WHERE c = 'x'", 1143, column_denied("SELECT", "c")),
    ("SELECT a FROM t ORDER BY c", 1143, column_denied("SELECT", "c")),
    ("SELECT (SELECT MAX(c) FROM t)", 1143, column_denied("SELECT", "c")),
    ("SELECT * FROM t", 1142, table_denied("SELECT", "t")),
    ("INSERT INTO t (a, b) VALUES (7, 8)", 1143, column_denied("INSERT", "b")),
    ("INSERT INTO t VALUES (7, 8, 'x')", 1142, table_denied("INSERT", "t")),
    ("UPDATE t SET a = 9", 1143, column_denied("UPDATE", "a")),
    ("UPDATE t SET b = 1 WHERE c = 'x'", 1143, column_denied("SELECT", "c")),
    ("DELETE FROM t", 1142, table_denied("DELETE", "t")),
])
def test_columns_not_granted_are_refused(srv, statement, code, pattern):
    refused(srv, statement, code, pattern)


def test_only_visible_tables_and_columns_are_listed(srv):
    assert sorted(r[0] for r in run(srv, "SHOW TABLES")[0]) == ["t", "whole"]
    assert sorted(r[0] for r in run(srv, "SHOW TABLE STATUS")[0]) == ["t", "whole"]
    assert sorted(r[0] for r in run(
        srv, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'cp'")[0]) \
        == ["t", "whole"]
    columns = run(srv, "SELECT TABLE_NAME, COLUMN_NAME, PRIVILEGES FROM information_schema.COLUMNS "
                       "WHERE TABLE_SCHEMA = 'cp' ORDER BY TABLE_NAME, ORDINAL_POSITION")[0]
    assert columns == (("t", "a", "select,insert"), ("t", "b", "select,update"),
                       ("whole", "id", "select"))
    full = run(srv, "SHOW FULL COLUMNS FROM t")[0]
    assert [(row[0], row[7]) for row in full] == [("a", "select,insert"), ("b", "select,update")]


@pytest.mark.parametrize("statement, command", [
    ("SHOW COLUMNS FROM hidden", "SELECT"), ("SHOW COLUMNS FROM nosuch", "SELECT"),
    ("SHOW CREATE TABLE hidden", "SHOW"), ("SHOW CREATE TABLE nosuch", "SHOW"),
    ("SHOW INDEX FROM nosuch", "SELECT"),
])
def test_tables_held_nothing_on_are_refused_before_lookup(srv, statement, command):
    table = statement.split()[-1]
    refused(srv, statement, 1142, table_denied(command, table))


@pytest.mark.parametrize("statement, code", [
    ("GRANT SELECT (nosuch) ON cp.t TO 'cu'@'%'", 1054),
    ("GRANT SELECT (a) ON cp.nosuch TO 'cu'@'%'", 1146),
    ("GRANT SELECT (a) ON cp.* TO 'cu'@'%'", 1144),
    ("GRANT DELETE (a) ON cp.t TO 'cu'@'%'", 1064),
    ("REVOKE SELECT (c) ON cp.t FROM 'cu'@'%'", 1147),
])
def test_bad_column_grants(srv, statement, code):
    with pytest.raises(pymysql.err.MySQLError) as excinfo:
        srv.sql(statement)
    assert excinfo.value.args[0] == code, excinfo.value.args


def test_revoke_takes_columns_away(srv):
    srv.sql(f"CREATE USER 'rv'@'%' {identified('rv1')}",
            "GRANT SELECT (a, b), UPDATE (b) ON cp.t TO 'rv'@'%'")
    try:
        srv.sql("REVOKE SELECT (b) ON cp.t FROM 'rv'@'%'")
        assert run(srv, "SELECT a FROM t", "rv", "rv1")[0] == ((1,),)
        with pytest.raises(pymysql.err.MySQLError) as excinfo:
            run(srv, "SELECT b FROM t", "rv", "rv1")
        assert excinfo.value.args[0] == 1143
        # A table-level REVOKE takes the privilege off every column as well.
        srv.sql("REVOKE SELECT, UPDATE ON cp.t FROM 'rv'@'%'")
        assert srv.sql("SELECT COUNT(*) FROM mysql.columns_priv WHERE User = 'rv'") == ((0,),)
        grants = [row[0] for row in srv.sql("SHOW GRANTS FOR 'rv'@'%'")]
        assert grants == ["GRANT USAGE ON *.* TO `rv`@`%`"] or all("`cp`" not in g for g in grants)
    finally:
        srv.sql("DROP USER 'rv'@'%'")
    assert srv.sql("SELECT COUNT(*) FROM mysql.columns_priv WHERE User = 'rv'") == ((0,),)


@pytest.mark.skipif(not IS_PORPOISE, reason="MariaDB 10.11 does not check them; MySQL 8 does")
def test_join_using_reads_its_columns(srv):
    # USING compares cp.t.c: reading it that way needs SELECT on c as much as WHERE does
    # (MySQL checks the columns a NATURAL or USING join compares).
    refused(srv, "SELECT t.a FROM t JOIN (SELECT 'c-secret' AS c) p USING (c)", 1143,
            column_denied("SELECT", "c"))
    refused(srv, "SELECT t.a FROM t NATURAL JOIN (SELECT 'c-secret' AS c) p", 1143,
            column_denied("SELECT", "c"))
    assert run(srv, "SELECT t.a FROM t JOIN (SELECT 2 AS b) p USING (b)")[0] == ((1,),)


def test_show_create_view_needs_select_too(srv):
    srv.sql("CREATE VIEW cp.v AS SELECT a FROM cp.t", "GRANT SHOW VIEW ON cp.v TO 'cu'@'%'")
    try:
        refused(srv, "SHOW CREATE VIEW v", 1142, table_denied("SELECT", "v"))
    finally:
        srv.sql("REVOKE SHOW VIEW ON cp.v FROM 'cu'@'%'", "DROP VIEW cp.v")


def test_column_grants_on_a_view(srv):
    # A view's columns are granted like a table's: each column read needs its grant, `*`
    # needs the whole view, and nothing passes on to the table under it.
    srv.sql("CREATE VIEW cp.cv AS SELECT a, c FROM cp.t", "GRANT SELECT (a) ON cp.cv TO 'cu'@'%'")
    try:
        assert run(srv, "SELECT a FROM cv WHERE a > 0 ORDER BY a")[0] == ((1,),)
        refused(srv, "SELECT c FROM cv", 1143, column_denied("SELECT", "c", table="cv"))
        refused(srv, "SELECT a FROM cv WHERE c = 'c-secret'", 1143,
                column_denied("SELECT", "c", table="cv"))
        refused(srv, "SELECT * FROM cv", 1142, table_denied("SELECT", "cv"))
        refused(srv, "SELECT c FROM hidden", 1142, table_denied("SELECT", "hidden"))
        with pytest.raises(pymysql.err.MySQLError) as excinfo:
            srv.sql("GRANT SELECT (nope) ON cp.cv TO 'cu'@'%'")
        assert excinfo.value.args[0] == 1054
    finally:
        srv.sql("DROP VIEW cp.cv")


def test_a_temporary_table_does_not_lend_its_name(srv):
    # Nothing on cp.whole2 but CREATE TEMPORARY TABLES: a temporary table of the name makes
    # DML on it free, not DDL on the shared objects the name also names.
    srv.sql("CREATE VIEW cp.shown AS SELECT 1 AS one",
            "GRANT CREATE TEMPORARY TABLES ON cp.* TO 'cu'@'%'")
    try:
        with srv.connect("cu", "cp1", database="cp") as conn, conn.cursor() as cur:
            cur.execute("CREATE TEMPORARY TABLE shown (x INT)")
            cur.execute("INSERT INTO shown VALUES (1)")
            cur.execute("SELECT x FROM shown")
            assert cur.fetchall() == ((1,),)
            with pytest.raises(pymysql.err.MySQLError) as excinfo:
                cur.execute("DROP VIEW shown")
            assert excinfo.value.args[0] == 1142, excinfo.value.args
        assert srv.sql("SELECT COUNT(*) FROM information_schema.VIEWS "
                       "WHERE TABLE_NAME = 'shown'") == ((1,),)
    finally:
        srv.sql("REVOKE CREATE TEMPORARY TABLES ON cp.* FROM 'cu'@'%'", "DROP VIEW cp.shown")
