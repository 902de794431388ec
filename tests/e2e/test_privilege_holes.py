# Reads need SELECT wherever a statement makes them: subqueries in SHOW ... WHERE and in
# ON DUPLICATE KEY UPDATE (1142 for the table), columns an UPDATE or DELETE reads in WHERE,
# ORDER BY or a SET value (1143 for the column), and no subquery at all in a DEFAULT
# expression (3769), which would run with the rights of whoever inserts. Table privileges
# come before name resolution, so an unreadable table hides its columns and its existence.
import re

import pymysql
import pytest

from harness import identified

# Over TCP from loopback MySQL names the client host after reverse resolution ('localhost');
# a server that skips name resolution says '127.0.0.1'.
LOOPBACK = r"'(?:127\.0\.0\.1|localhost)'"
# MySQL 8.4 names the bare table in 1142; MariaDB writes `db`.`table`.
TABLE = r"(?:'{t}'|`{d}`\.`{t}`)"


def table_denied(user, privilege, database, table):
    return (f"{privilege} command denied to user '{user}'@" + LOOPBACK + " for table " +
            TABLE.format(d=database, t=table))


def column_denied(user, column, table):
    return (f"SELECT command denied to user '{user}'@" + LOOPBACK +
            f" for column '{column}' in table '{table}'")


def assert_error(excinfo, code, pattern):
    assert excinfo.value.args[0] == code, excinfo.value.args
    assert re.fullmatch(pattern, excinfo.value.args[1]), excinfo.value.args[1]


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE DATABASE priv",
        "CREATE DATABASE hollow",
        "CREATE TABLE priv.t (id INT PRIMARY KEY, a INT, secret VARCHAR(20))",
        "CREATE TABLE priv.other (id INT PRIMARY KEY, v VARCHAR(20))",
        "INSERT INTO priv.other VALUES (1, 'hidden')",
        "CREATE TABLE priv.up (id INT PRIMARY KEY, a INT)",
        "CREATE TABLE priv.scratch (id INT PRIMARY KEY)",
        # No grants at all.
        f"CREATE USER 'nogrant'@'%' {identified('ng')}",
        # Writes priv.t but may not read it.
        f"CREATE USER 'writer'@'%' {identified('wr')}",
        "GRANT UPDATE, DELETE ON priv.t TO 'writer'@'%'",
        "GRANT DELETE ON priv.scratch TO 'writer'@'%'",
        "GRANT SELECT ON hollow.* TO 'writer'@'%'",
        # Upserts priv.up but may read nothing.
        f"CREATE USER 'upserter'@'%' {identified('us')}",
        "GRANT INSERT, UPDATE ON priv.up TO 'upserter'@'%'",
        f"CREATE USER 'inserter'@'%' {identified('in')}",
        "GRANT INSERT ON priv.up TO 'inserter'@'%'",
        # The same statements with the reads granted.
        f"CREATE USER 'reader'@'%' {identified('rd')}",
        "GRANT SELECT, UPDATE, DELETE ON priv.t TO 'reader'@'%'",
        "GRANT SELECT, INSERT, UPDATE ON priv.up TO 'reader'@'%'",
        "GRANT SELECT ON priv.other TO 'reader'@'%'",
    )
    return server


@pytest.fixture(autouse=True)
def fresh_rows(srv):
    """Each test starts from the same rows (a test that fails may have changed them)."""
    srv.sql("DELETE FROM priv.t", "INSERT INTO priv.t VALUES (1, 0, 'x'), (2, 0, 'y')",
            "DELETE FROM priv.up", "INSERT INTO priv.up VALUES (1, 0)",
            "DROP TABLE IF EXISTS priv.d")


def denied(srv, user, password, statement):
    """Runs `statement` as `user` and returns the pytest excinfo of its failure."""
    with srv.connect(user, password) as conn, conn.cursor() as cur:
        with pytest.raises(pymysql.err.MySQLError) as excinfo:
            cur.execute(statement)
    return excinfo


def rows(srv, query):
    return srv.sql(query)


# --- SHOW ... WHERE: the subquery's tables need SELECT ---------------------------------------

@pytest.mark.parametrize("statement", [
    "SHOW VARIABLES WHERE (SELECT COUNT(*) FROM mysql.user) > 0",
    "SHOW SESSION VARIABLES WHERE Variable_name = 'autocommit' "
    "AND EXISTS (SELECT 1 FROM mysql.user WHERE User = 'root')",
    "SHOW STATUS WHERE Value IN (SELECT User FROM mysql.user)",
    "SHOW DATABASES WHERE `Database` = (SELECT MIN(User) FROM mysql.user)",
])
def test_show_where_subquery_needs_select(srv, statement):
    e = denied(srv, "nogrant", "ng", statement)
    assert_error(e, 1142, table_denied("nogrant", "SELECT", "mysql", "user"))


def test_show_tables_where_subquery_needs_select(srv):
    e = denied(srv, "writer", "wr",
               "SHOW TABLES FROM priv WHERE (SELECT COUNT(*) FROM priv.other) > 0")
    assert_error(e, 1142, table_denied("writer", "SELECT", "priv", "other"))


def test_show_where_is_checked_even_without_rows(srv):
    # hollow has no tables: nothing is filtered, but the statement still reads priv.other.
    e = denied(srv, "writer", "wr",
               "SHOW TABLES FROM hollow WHERE (SELECT COUNT(*) FROM priv.other) > 0")
    assert_error(e, 1142, table_denied("writer", "SELECT", "priv", "other"))


def test_show_where_subquery_with_select_runs(srv):
    with srv.connect("reader", "rd") as conn, conn.cursor() as cur:
        cur.execute("SHOW VARIABLES WHERE Variable_name = 'autocommit' "
                    "AND (SELECT COUNT(*) FROM priv.other) = 1")
        assert [row[0] for row in cur.fetchall()] == ["autocommit"]


# Table privileges are checked before names are resolved: a table the account may not read
# reveals neither which columns it has nor whether it exists.
@pytest.mark.parametrize("statement, table", [
    ("SELECT nosuch FROM priv.other", "other"),
    ("SELECT * FROM priv.nosuch", "nosuch"),
    ("SHOW VARIABLES WHERE (SELECT nosuch FROM priv.other) = 1", "other"),
    ("SHOW VARIABLES WHERE EXISTS (SELECT 1 FROM priv.nosuch)", "nosuch"),
    ("UPDATE priv.t SET a = 1 WHERE EXISTS (SELECT nosuch FROM priv.other)", "other"),
    ("DELETE FROM priv.t WHERE id IN (SELECT id FROM priv.nosuch)", "nosuch"),
])
def test_unreadable_table_reveals_neither_columns_nor_existence(srv, statement, table):
    e = denied(srv, "writer", "wr", statement)
    assert_error(e, 1142, table_denied("writer", "SELECT", "priv", table))


# --- INSERT ... ON DUPLICATE KEY UPDATE ------------------------------------------------------

def test_on_duplicate_subquery_needs_select(srv):
    e = denied(srv, "upserter", "us", "INSERT INTO priv.up VALUES (1, 5) "
               "ON DUPLICATE KEY UPDATE a = (SELECT COUNT(*) FROM priv.other)")
    assert_error(e, 1142, table_denied("upserter", "SELECT", "priv", "other"))
    assert rows(srv, "SELECT a FROM priv.up WHERE id = 1") == ((0,),)


def test_on_duplicate_subquery_on_insert_path_needs_select(srv):
    # No duplicate here, so the subquery would never run: its tables are checked anyway.
    e = denied(srv, "upserter", "us", "INSERT INTO priv.up VALUES (7, 5) "
               "ON DUPLICATE KEY UPDATE a = (SELECT COUNT(*) FROM priv.other)")
    assert_error(e, 1142, table_denied("upserter", "SELECT", "priv", "other"))
    assert rows(srv, "SELECT COUNT(*) FROM priv.up WHERE id = 7") == ((0,),)


def test_on_duplicate_reading_the_target_needs_select(srv):
    e = denied(srv, "upserter", "us",
               "INSERT INTO priv.up VALUES (1, 5) ON DUPLICATE KEY UPDATE a = a + 1")
    assert_error(e, 1143, column_denied("upserter", "a", "up"))
    assert rows(srv, "SELECT a FROM priv.up WHERE id = 1") == ((0,),)


def test_on_duplicate_needs_update(srv):
    e = denied(srv, "inserter", "in",
               "INSERT INTO priv.up VALUES (1, 5) ON DUPLICATE KEY UPDATE a = 5")
    assert_error(e, 1142, table_denied("inserter", "UPDATE", "priv", "up"))


def test_on_duplicate_values_function_needs_select(srv):
    # MySQL resolves the column inside VALUES() like any other read of the table.
    e = denied(srv, "upserter", "us",
               "INSERT INTO priv.up VALUES (1, 6) ON DUPLICATE KEY UPDATE a = VALUES(a)")
    assert_error(e, 1143, column_denied("upserter", "a", "up"))
    assert rows(srv, "SELECT a FROM priv.up WHERE id = 1") == ((0,),)


# MySQL 8.4 resolves the updated columns with UPDATE only; MariaDB also wants SELECT on them.
@pytest.mark.porpoise_only
def test_on_duplicate_without_reads_needs_no_select(srv):
    with srv.connect("upserter", "us") as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO priv.up VALUES (2, 6) ON DUPLICATE KEY UPDATE a = 7")
        assert rows(srv, "SELECT a FROM priv.up WHERE id = 2") == ((6,),)
        cur.execute("INSERT INTO priv.up VALUES (2, 6) ON DUPLICATE KEY UPDATE a = 7")
    assert rows(srv, "SELECT a FROM priv.up WHERE id = 2") == ((7,),)


def test_on_duplicate_with_select_runs(srv):
    with srv.connect("reader", "rd") as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO priv.up VALUES (3, 1) ON DUPLICATE KEY UPDATE a = 9")
        cur.execute("INSERT INTO priv.up VALUES (3, 1) "
                    "ON DUPLICATE KEY UPDATE a = a + (SELECT COUNT(*) FROM priv.other)")
    assert rows(srv, "SELECT a FROM priv.up WHERE id = 3") == ((2,),)


# --- DEFAULT expressions may not hold a subquery ---------------------------------------------

DEFAULT_DISALLOWED = r"Default value expression of column '{}' contains a disallowed function\."


# MariaDB refuses these too, but with its own error (1901, "Function or expression ... cannot
# be used in the DEFAULT clause").
@pytest.mark.porpoise_only
@pytest.mark.parametrize("default", [
    "((SELECT 1))",
    "((SELECT COUNT(*) FROM mysql.user))",
    "(1 + (SELECT MAX(id) FROM priv.other))",
    "(EXISTS (SELECT 1 FROM priv.other))",
    "(2 IN (SELECT id FROM priv.other))",
    "(CASE WHEN 1 THEN (SELECT 1) END)",
])
def test_default_expression_with_subquery_is_refused(srv, default):
    with srv.root() as conn, conn.cursor() as cur:
        with pytest.raises(pymysql.err.MySQLError) as e:
            cur.execute(f"CREATE TABLE priv.d (id INT, b INT DEFAULT {default})")
    assert_error(e, 3769, DEFAULT_DISALLOWED.format("b"))
    assert rows(srv, "SELECT COUNT(*) FROM information_schema.tables "
                     "WHERE table_schema = 'priv' AND table_name = 'd'") == ((0,),)


# --- UPDATE / DELETE: columns read need SELECT -----------------------------------------------

@pytest.mark.parametrize("statement, column", [
    ("UPDATE priv.t SET a = 1 WHERE secret = 'x'", "secret"),
    ("UPDATE priv.t SET a = a + 1", "a"),
    ("UPDATE priv.t SET a = 1 ORDER BY secret LIMIT 1", "secret"),
    ("UPDATE priv.t AS alias SET a = 1 WHERE alias.secret LIKE 'x%'", "secret"),
    # MySQL resolves WHERE before the SET values: the first column it meets is id.
    ("UPDATE priv.t SET a = LENGTH(secret) WHERE id = 1", "id"),
    ("DELETE FROM priv.t WHERE secret = 'x'", "secret"),
    ("DELETE FROM priv.t ORDER BY secret LIMIT 1", "secret"),
])
def test_modify_reading_columns_needs_select(srv, statement, column):
    e = denied(srv, "writer", "wr", statement)
    assert_error(e, 1143, column_denied("writer", column, "t"))
    assert rows(srv, "SELECT id, a, secret FROM priv.t ORDER BY id") == (
        (1, 0, "x"), (2, 0, "y"))


def test_modify_reading_the_target_through_a_subquery_needs_select(srv):
    e = denied(srv, "writer", "wr", "DELETE FROM priv.t WHERE id IN "
               "(SELECT id FROM (SELECT id FROM priv.t WHERE secret = 'x') AS d)")
    assert_error(e, 1142, table_denied("writer", "SELECT", "priv", "t"))
    assert rows(srv, "SELECT COUNT(*) FROM priv.t") == ((2,),)


def test_modify_reading_another_table_needs_select(srv):
    e = denied(srv, "writer", "wr", "UPDATE priv.t SET a = 1 WHERE EXISTS "
               "(SELECT 1 FROM priv.other WHERE other.id = t.id)")
    assert_error(e, 1142, table_denied("writer", "SELECT", "priv", "other"))


def test_modify_without_reads_needs_no_select(srv):
    with srv.connect("writer", "wr") as conn, conn.cursor() as cur:
        assert cur.execute("UPDATE priv.t SET a = 0") == 0  # values unchanged
        assert cur.execute("UPDATE priv.t SET a = DEFAULT") == 2
        assert cur.execute("UPDATE priv.t SET a = 0 LIMIT 1") == 1
        cur.execute("DELETE FROM priv.scratch")


def test_modify_with_select_runs(srv):
    with srv.connect("reader", "rd") as conn, conn.cursor() as cur:
        assert cur.execute("UPDATE priv.t SET a = a + 1 WHERE secret = 'x'") == 1
        assert cur.execute("UPDATE priv.t SET a = a - 1 ORDER BY secret LIMIT 1") == 1
        assert cur.execute("DELETE FROM priv.t WHERE secret = 'nothing'") == 0
    assert rows(srv, "SELECT id, a, secret FROM priv.t ORDER BY id") == (
        (1, 0, "x"), (2, 0, "y"))


# --- catalog tables of privileges and stored programs -----------------------------------------

def test_privilege_tables_show_an_account_its_own_grants(srv):
    with srv.connect("writer", "wr") as conn, conn.cursor() as cur:
        cur.execute("SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES")
        assert list(cur.fetchall()) == [("'writer'@'%'", "USAGE")]
        cur.execute("SELECT TABLE_SCHEMA, PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES")
        assert list(cur.fetchall()) == [("hollow", "SELECT")]
        cur.execute("SELECT TABLE_NAME, PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES"
                    " ORDER BY TABLE_NAME, PRIVILEGE_TYPE")
        assert list(cur.fetchall()) == [("scratch", "DELETE"), ("t", "DELETE"), ("t", "UPDATE")]
    # root may read the mysql schema: every account's rows.
    grantees = {row[0] for row in srv.sql("SELECT GRANTEE FROM information_schema.USER_PRIVILEGES")}
    assert {"'writer'@'%'", "'reader'@'%'"} <= grantees


def test_stored_programs_need_their_privileges(srv):
    srv.sql("CREATE PROCEDURE priv.peek() SELECT COUNT(*) FROM priv.other",
            "CREATE FUNCTION priv.secret_count() RETURNS INT READS SQL DATA"
            " RETURN (SELECT COUNT(*) FROM priv.other)")
    try:
        routines = ("SELECT ROUTINE_NAME, ROUTINE_DEFINITION FROM information_schema.ROUTINES"
                    " WHERE ROUTINE_SCHEMA = 'priv' ORDER BY ROUTINE_NAME")
        with srv.connect("writer", "wr") as conn, conn.cursor() as cur:
            cur.execute(routines)
            assert cur.fetchall() == ()  # no right on them: not listed
        excinfo = denied(srv, "writer", "wr", "SHOW CREATE PROCEDURE priv.peek")
        assert excinfo.value.args[0] == 1305
        excinfo = denied(srv, "writer", "wr", "CALL priv.peek()")
        assert excinfo.value.args[0] == 1370
        assert "execute command denied to user 'writer'@'%' for routine 'priv.peek'" in excinfo.value.args[1]
        excinfo = denied(srv, "writer", "wr", "CREATE PROCEDURE priv.mine() SELECT 1")
        assert excinfo.value.args[0] == 1044
        excinfo = denied(srv, "writer", "wr", "CREATE TRIGGER priv.tr BEFORE INSERT ON priv.t"
                         " FOR EACH ROW SET NEW.a = 1")
        assert excinfo.value.args[0] == 1142
        # With EXECUTE, the SQL SECURITY DEFINER routine reads what its definer (root) may.
        srv.sql("GRANT EXECUTE ON priv.* TO 'writer'@'%'")
        with srv.connect("writer", "wr") as conn, conn.cursor() as cur:
            cur.execute("CALL priv.peek()")
            assert cur.fetchall() == ((1,),)
            cur.execute("SELECT priv.secret_count()")
            assert cur.fetchall() == ((1,),)
            # Listed now, but only the definer (or global SELECT) reads the body.
            cur.execute(routines)
            assert cur.fetchall() == (("peek", None), ("secret_count", None))
            cur.execute("SHOW CREATE PROCEDURE priv.peek")
            assert cur.fetchall()[0][2] is None
        assert srv.sql(routines)[0] == ("peek", "SELECT COUNT(*) FROM priv.other")
    finally:
        srv.sql("REVOKE EXECUTE ON priv.* FROM 'writer'@'%'", "DROP PROCEDURE priv.peek",
                "DROP FUNCTION priv.secret_count")
