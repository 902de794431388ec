# The privilege matrix: for each level a privilege is granted at (global *.*, database db.*,
# table db.t, column SELECT (c) / INSERT (c) / UPDATE (c), routine) and each statement that
# privilege gates, the statement runs for an account holding exactly the grants it needs and
# is refused, with MySQL 8.4's error code, for an account holding the same minus the one
# privilege under test: 1142 names the table, 1143 the column, 1044 the database, 1370 the
# routine, 1227 the global privilege, 1045 a global GRANT beyond the grantor's own, 1095 a
# KILL of another account's connection. A refused statement leaves no trace; SHOW DATABASES
# and SHOW PROCESSLIST are not refused but list only what the account may see. Every case
# runs with a fresh account. Runs against MariaDB as well (PORPOISE_E2E_SERVER=mariadb): where
# MariaDB words an error differently the pattern allows both, and where its privileges differ
# from MySQL 8.4's the case runs against porpoised only.
import itertools
import re
import time
from typing import NamedTuple

import pymysql
import pytest

from harness import IS_PORPOISE, identified

PASSWORD = "pm-pw"
# 1142 and 1143 name the client host as the server resolved it; 1044, 1045 and 1370 name the
# account's host pattern.
LOOPBACK = r"'(?:127\.0\.0\.1|localhost)'"
ACCOUNT_HOST = r"'%'"
# MySQL 8.4 names the bare table in 1142; MariaDB writes `db`.`table`.
TABLE = r"(?:'{t}'|`{d}`\.`{t}`)"


def table_denied(command, database, table):
    return (rf"{command} command denied to user '{{user}}'@{LOOPBACK} for table " +
            TABLE.format(d=database, t=table))


def column_denied(command, column, table):
    return (rf"{command} command denied to user '{{user}}'@{LOOPBACK} "
            rf"for column '{column}' in table '{table}'")


def database_denied(database):
    return rf"Access denied for user '{{user}}'@{ACCOUNT_HOST} to database '{database}'"


def routine_denied(routine):
    return (rf"execute command denied to user '{{user}}'@{ACCOUNT_HOST} "
            rf"for routine '{routine}'")


def global_denied(*privileges):
    # MySQL 8.4 lists each privilege that would do; MariaDB has other dynamic privileges and
    # words the list its own way, so only the start is common.
    if IS_PORPOISE:
        return (r"Access denied; you need \(at least one of\) the " +
                " or ".join(privileges) + r" privilege\(s\) for this operation")
    return r"Access denied; you need \(at least one of\) the .* privilege\(s\) for this operation"


USING_PASSWORD = rf"Access denied for user '{{user}}'@{ACCOUNT_HOST} \(using password: YES\)"


class Case(NamedTuple):
    level: str              # global, db, table, column or routine
    form: str               # the statement form
    needs: str              # the privilege the refused account lacks
    granted: tuple          # "PRIVS ON object" held by the account that may run it
    lacking: tuple          # the same without `needs`
    statements: tuple       # run in order; the first is the one refused
    code: int               # MySQL 8.4's error without the privilege
    message: str            # a pattern over its message; {user} is the account
    rows: object = None     # what the last statement returns to the account that may run them
    effect: tuple = None    # (query as root, its result after the statement has run)
    setup: tuple = ()
    teardown: tuple = ()
    granted_marks: tuple = ()
    lacking_marks: tuple = ()

    @property
    def id(self):
        return f"{self.level}:{self.form}:{self.needs.replace(' ', '_')}"


# Where a grant at each level lands for a table: pm.t and pm.s live in pm, pm2.u in pm2.
def scope(level, table):
    return {"global": "*.*", "db": table.split(".")[0] + ".*", "table": table}[level]


def grants_at(level, privileges):
    """GRANT objects for {table: "PRIV, PRIV"} at one level, privileges merged per object."""
    merged = {}
    for table, privs in privileges.items():
        held = merged.setdefault(scope(level, table), [])
        held += [p.strip() for p in privs.split(",") if p.strip() not in held]
    return tuple(f"{', '.join(privs)} ON {obj}" for obj, privs in merged.items())


COUNT_T = "SELECT COUNT(*) FROM pm.t"
A_OF_1 = "SELECT a FROM pm.t WHERE id = 1"

# MariaDB resolves the columns an ON DUPLICATE KEY UPDATE assigns with SELECT as well; MySQL
# 8.4 needs only UPDATE on them (MySQL 8 wins).
MARIADB_WANTS_SELECT_FOR_UPSERT = pytest.mark.skipif(
    not IS_PORPOISE, reason="MariaDB also wants SELECT on columns ON DUPLICATE KEY UPDATE sets")

# (form, statement, needs, granted, lacking, code, message, rows, effect, granted_marks):
# granted and lacking as {table: privileges}, spread over the global, database and table
# levels.
DML = [
    ("select", "SELECT id, a FROM pm.t ORDER BY id", "SELECT",
     {"pm.t": "SELECT"}, {"pm.t": "INSERT"},
     1142, table_denied("SELECT", "pm", "t"), ((1, 10), (2, 20)), None, ()),
    ("select-subquery", "SELECT id FROM pm.t WHERE id IN (SELECT id FROM pm2.u)", "SELECT",
     {"pm.t": "SELECT", "pm2.u": "SELECT"}, {"pm.t": "SELECT"},
     1142, table_denied("SELECT", "pm2", "u"), ((1,),), None, ()),
    ("select-join", "SELECT x.id, y.v FROM pm.t AS x JOIN pm2.u AS y ON y.id = x.id", "SELECT",
     {"pm.t": "SELECT", "pm2.u": "SELECT"}, {"pm.t": "SELECT"},
     1142, table_denied("SELECT", "pm2", "u"), ((1, "one"),), None, ()),
    ("insert", "INSERT INTO pm.t (id, a, secret) VALUES (3, 30, 'z')", "INSERT",
     {"pm.t": "INSERT"}, {"pm.t": "SELECT"},
     1142, table_denied("INSERT", "pm", "t"), None, (COUNT_T, ((3,),)), ()),
    ("insert-select", "INSERT INTO pm.t (id, a) SELECT id + 10, 0 FROM pm2.u", "SELECT",
     {"pm.t": "INSERT", "pm2.u": "SELECT"}, {"pm.t": "INSERT"},
     1142, table_denied("SELECT", "pm2", "u"), None, (COUNT_T, ((4,),)), ()),
    ("upsert", "INSERT INTO pm.t (id, a) VALUES (1, 5) ON DUPLICATE KEY UPDATE a = 6", "UPDATE",
     {"pm.t": "INSERT, UPDATE"}, {"pm.t": "INSERT"},
     1142, table_denied("UPDATE", "pm", "t"), None, (A_OF_1, ((6,),)),
     (MARIADB_WANTS_SELECT_FOR_UPSERT,)),
    ("upsert-reading", "INSERT INTO pm.t (id, a) VALUES (1, 5) "
     "ON DUPLICATE KEY UPDATE a = a + 1", "SELECT",
     {"pm.t": "INSERT, UPDATE, SELECT"}, {"pm.t": "INSERT, UPDATE"},
     1143, column_denied("SELECT", "a", "t"), None, (A_OF_1, ((11,),)), ()),
    ("replace", "REPLACE INTO pm.t (id, a, secret) VALUES (1, 5, 'r')", "DELETE",
     {"pm.t": "INSERT, DELETE"}, {"pm.t": "INSERT"},
     1142, table_denied("DELETE", "pm", "t"), None, (A_OF_1, ((5,),)), ()),
    ("update", "UPDATE pm.t SET a = 7", "UPDATE",
     {"pm.t": "UPDATE"}, {"pm.t": "SELECT"},
     1142, table_denied("UPDATE", "pm", "t"), None, ("SELECT SUM(a) FROM pm.t", ((14,),)), ()),
    ("update-where", "UPDATE pm.t SET a = 7 WHERE id = 1", "SELECT",
     {"pm.t": "UPDATE, SELECT"}, {"pm.t": "UPDATE"},
     1143, column_denied("SELECT", "id", "t"), None, (A_OF_1, ((7,),)), ()),
    ("delete", "DELETE FROM pm.t", "DELETE",
     {"pm.t": "DELETE"}, {"pm.t": "SELECT"},
     1142, table_denied("DELETE", "pm", "t"), None, (COUNT_T, ((0,),)), ()),
    ("delete-where", "DELETE FROM pm.t WHERE id = 2", "SELECT",
     {"pm.t": "DELETE, SELECT"}, {"pm.t": "DELETE"},
     1143, column_denied("SELECT", "id", "t"), None, (COUNT_T, ((1,),)), ()),
]


def dml_cases():
    for level in ("global", "db", "table"):
        for form, stmt, needs, granted, lacking, code, msg, rows, effect, marks in DML:
            granted_at, lacking_at = grants_at(level, granted), grants_at(level, lacking)
            if set(granted_at) == set(lacking_at):
                continue  # both tables under one grant: no account lacks just one of them
            yield Case(level, form, needs, granted_at, lacking_at, (stmt,), code, msg,
                       rows=rows, effect=effect, granted_marks=marks)


SCRATCH = ("CREATE TABLE pm.s (id INT PRIMARY KEY, v VARCHAR(20))",)
NO_SCRATCH = ("DROP TABLE IF EXISTS pm.s",)
HAS_TABLE = ("SELECT COUNT(*) FROM information_schema.TABLES "
             "WHERE TABLE_SCHEMA = 'pm' AND TABLE_NAME = '{}'")
HAS_DATABASE = "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{}'"
NO_VIEW = ("DROP VIEW IF EXISTS pm.nv",)
GRANTEE = "'pm_grantee'@'%'"


def ddl_cases():
    for level in ("global", "db", "table"):
        def on(privs, table="s", database="pm"):
            return f"{privs} ON " + {"global": "*.*", "db": f"{database}.*",
                                     "table": f"{database}.{table}"}[level]
        # CREATE on a table that does not exist yet is the one grant MySQL takes for it.
        yield Case(level, "create-table", "CREATE", (on("CREATE", "n"),),
                   (on("SELECT", "t"),) if level == "table" else (on("DROP", "n"),),
                   ("CREATE TABLE pm.n (id INT)",), 1142, table_denied("CREATE", "pm", "n"),
                   effect=(HAS_TABLE.format("n"), ((1,),)), teardown=("DROP TABLE IF EXISTS pm.n",))
        yield Case(level, "drop-table", "DROP", (on("DROP"),), (on("CREATE, ALTER"),),
                   ("DROP TABLE pm.s",), 1142, table_denied("DROP", "pm", "s"),
                   effect=(HAS_TABLE.format("s"), ((0,),)), setup=SCRATCH, teardown=NO_SCRATCH)
        yield Case(level, "alter-table", "ALTER", (on("ALTER"),),
                   (on("CREATE, INSERT, INDEX, DROP"),),
                   ("ALTER TABLE pm.s ADD COLUMN w INT",), 1142, table_denied("ALTER", "pm", "s"),
                   effect=("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE "
                           "TABLE_SCHEMA = 'pm' AND TABLE_NAME = 's'", ((3,),)),
                   setup=SCRATCH, teardown=NO_SCRATCH)
        yield Case(level, "create-index", "INDEX", (on("INDEX"),), (on("ALTER, CREATE"),),
                   ("CREATE INDEX iv ON pm.s (v)",), 1142, table_denied("INDEX", "pm", "s"),
                   effect=("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE "
                           "TABLE_SCHEMA = 'pm' AND TABLE_NAME = 's' AND INDEX_NAME = 'iv'",
                           ((1,),)),
                   setup=SCRATCH, teardown=NO_SCRATCH)
        yield Case(level, "drop-index", "INDEX", (on("INDEX"),), (on("ALTER, DROP"),),
                   ("DROP INDEX iv ON pm.s",), 1142, table_denied("INDEX", "pm", "s"),
                   effect=("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE "
                           "TABLE_SCHEMA = 'pm' AND TABLE_NAME = 's' AND INDEX_NAME = 'iv'",
                           ((0,),)),
                   setup=SCRATCH + ("CREATE INDEX iv ON pm.s (v)",), teardown=NO_SCRATCH)
        yield Case(level, "truncate", "DROP", (on("DROP"),), (on("DELETE"),),
                   ("TRUNCATE TABLE pm.s",), 1142, table_denied("DROP", "pm", "s"),
                   effect=("SELECT COUNT(*) FROM pm.s", ((0,),)),
                   setup=SCRATCH + ("INSERT INTO pm.s VALUES (1, 'a')",), teardown=NO_SCRATCH)
        # With binary logging off, as here, TRIGGER alone will do.
        yield Case(level, "create-trigger", "TRIGGER", (on("TRIGGER"),),
                   (on("INSERT, UPDATE"),),
                   ("CREATE TRIGGER pm.tr BEFORE INSERT ON pm.s FOR EACH ROW SET NEW.v = 'x'",),
                   1142, table_denied("TRIGGER", "pm", "s"),
                   effect=("SELECT COUNT(*) FROM information_schema.TRIGGERS "
                           "WHERE TRIGGER_SCHEMA = 'pm'", ((1,),)),
                   setup=SCRATCH, teardown=NO_SCRATCH)
        yield Case(level, "show-create-view", "SHOW VIEW", (on("SHOW VIEW, SELECT", "v"),),
                   (on("SELECT", "v"),), ("SHOW CREATE VIEW pm.v",), 1142,
                   table_denied("SHOW VIEW", "pm", "v"))
        yield Case(level, "select-mysql-user", "SELECT",
                   (on("SELECT", "user", "mysql"),), (on("INSERT", "user", "mysql"),),
                   ("SELECT User FROM mysql.user WHERE User = 'pm_grantee'",), 1142,
                   table_denied("SELECT", "mysql", "user"), rows=(("pm_grantee",),))

    for level in ("global", "db"):
        def on(privs, database="pm"):
            return f"{privs} ON " + {"global": "*.*", "db": f"{database}.*"}[level]
        # A view needs CREATE VIEW where it goes and SELECT on what it reads.
        yield Case(level, "create-view", "CREATE VIEW", (on("CREATE VIEW, SELECT"),),
                   (on("SELECT"),), ("CREATE VIEW pm.nv AS SELECT id FROM pm.t",), 1142,
                   table_denied("CREATE VIEW", "pm", "nv"),
                   effect=(HAS_TABLE.format("nv"), ((1,),)), teardown=NO_VIEW)
        # Before anything else MySQL wants some privilege on each table the view reads, and
        # says so as "ANY", naming the account's host pattern.
        yield Case(level, "create-view", "SELECT", (on("CREATE VIEW, SELECT"),),
                   (on("CREATE VIEW"),), ("CREATE VIEW pm.nv AS SELECT id FROM pm.t",), 1142,
                   rf"ANY command denied to user '{{user}}'@{ACCOUNT_HOST} for table " +
                   TABLE.format(d="pm", t="t"), effect=(HAS_TABLE.format("nv"), ((1,),)),
                   teardown=NO_VIEW)
        yield Case(level, "create-database", "CREATE", (on("CREATE", "pmn"),),
                   (on("DROP", "pmn"),), ("CREATE DATABASE pmn",), 1044, database_denied("pmn"),
                   effect=(HAS_DATABASE.format("pmn"), ((1,),)),
                   teardown=("DROP DATABASE IF EXISTS pmn",))
        yield Case(level, "drop-database", "DROP", (on("DROP", "pmg"),),
                   (on("CREATE", "pmg"),), ("DROP DATABASE pmg",), 1044, database_denied("pmg"),
                   effect=(HAS_DATABASE.format("pmg"), ((0,),)),
                   setup=("CREATE DATABASE pmg",), teardown=("DROP DATABASE IF EXISTS pmg",))
        yield Case(level, "create-procedure", "CREATE ROUTINE", (on("CREATE ROUTINE"),),
                   (on("ALTER ROUTINE, EXECUTE"),), ("CREATE PROCEDURE pm.np() SELECT 1",),
                   1044, database_denied("pm"),
                   effect=("SELECT COUNT(*) FROM information_schema.ROUTINES "
                           "WHERE ROUTINE_SCHEMA = 'pm' AND ROUTINE_NAME = 'np'", ((1,),)),
                   teardown=("DROP PROCEDURE IF EXISTS pm.np",))
        yield Case(level, "call", "EXECUTE", (on("EXECUTE"),), (on("SELECT, ALTER ROUTINE"),),
                   ("CALL pm.peek()",), 1370, routine_denied("pm.peek"), rows=((2,),))
        yield Case(level, "create-temporary-table", "CREATE TEMPORARY TABLES",
                   (on("CREATE TEMPORARY TABLES"),), (on("CREATE, INSERT"),),
                   ("CREATE TEMPORARY TABLE pm.tmp (id INT)", "INSERT INTO pm.tmp VALUES (1)",
                    "SELECT id FROM pm.tmp"), 1044, database_denied("pm"), rows=((1,),),
                   # Its creator may do anything with a temporary table, without more grants.
                   effect=(HAS_TABLE.format("tmp"), ((0,),)))
        yield Case(level, "lock-tables", "LOCK TABLES", (on("LOCK TABLES, SELECT"),),
                   (on("SELECT"),), ("LOCK TABLES pm.t READ", "UNLOCK TABLES"), 1044,
                   database_denied("pm"))
        yield Case(level, "lock-tables", "SELECT", (on("LOCK TABLES, SELECT"),),
                   (on("LOCK TABLES"),), ("LOCK TABLES pm.t READ", "UNLOCK TABLES"), 1142,
                   table_denied("SELECT", "pm", "t"))
        yield Case(level, "show-grants-for", "SELECT", (on("SELECT", "mysql"),),
                   (on("INSERT", "mysql"),), (f"SHOW GRANTS FOR {GRANTEE}",), 1044,
                   database_denied("mysql"), rows=(("GRANT USAGE ON *.* TO `pm_grantee`@`%`",),))

    # LOCK TABLES is held on the database; SELECT on the table alone is enough to go with it.
    yield Case("table", "lock-tables", "SELECT", ("LOCK TABLES ON pm.*", "SELECT ON pm.t"),
               ("LOCK TABLES ON pm.*", "SELECT ON pm2.u"),
               ("LOCK TABLES pm.t READ", "UNLOCK TABLES"), 1142, table_denied("SELECT", "pm", "t"))
    yield Case("routine", "call", "EXECUTE", ("EXECUTE ON PROCEDURE pm.peek",),
               ("ALTER ROUTINE ON PROCEDURE pm.peek",), ("CALL pm.peek()",), 1370,
               routine_denied("pm.peek"), rows=((2,),))


def grant_cases():
    has_select = (f"SELECT COUNT(*) FROM information_schema.TABLE_PRIVILEGES WHERE "
                  f"GRANTEE = \"{GRANTEE}\" AND TABLE_NAME = 't'")
    yield Case("table", "grant", "GRANT OPTION", ("SELECT ON pm.t WITH GRANT OPTION",),
               ("SELECT ON pm.t",), (f"GRANT SELECT ON pm.t TO {GRANTEE}",), 1142,
               table_denied("GRANT", "pm", "t"), effect=(has_select, ((1,),)))
    yield Case("db", "grant", "GRANT OPTION", ("SELECT ON pm.* WITH GRANT OPTION",),
               ("SELECT ON pm.*",), (f"GRANT SELECT ON pm.* TO {GRANTEE}",), 1044,
               database_denied("pm"),
               effect=(f"SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES WHERE "
                       f"GRANTEE = \"{GRANTEE}\"", ((1,),)))
    user_priv = (f"SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE "
                 f"GRANTEE = \"{GRANTEE}\" AND PRIVILEGE_TYPE = '{{}}'")
    yield Case("global", "grant", "GRANT OPTION", ("SELECT ON *.* WITH GRANT OPTION",),
               ("SELECT ON *.*",), (f"GRANT SELECT ON *.* TO {GRANTEE}",), 1045,
               USING_PASSWORD, effect=(user_priv.format("SELECT"), ((1,),)))
    # With GRANT OPTION, a global GRANT may still pass on only what the grantor holds.
    yield Case("global", "grant-beyond-own", "INSERT",
               ("SELECT, INSERT ON *.* WITH GRANT OPTION",), ("SELECT ON *.* WITH GRANT OPTION",),
               (f"GRANT INSERT ON *.* TO {GRANTEE}",), 1045, USING_PASSWORD,
               effect=(user_priv.format("INSERT"), ((1,),)))
    yield Case("db", "grant-beyond-own", "INSERT",
               ("SELECT, INSERT ON pm.* WITH GRANT OPTION",), ("SELECT ON pm.* WITH GRANT OPTION",),
               (f"GRANT INSERT ON pm.* TO {GRANTEE}",), 1044, database_denied("pm"),
               effect=(f"SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES WHERE "
                       f"GRANTEE = \"{GRANTEE}\" AND PRIVILEGE_TYPE = 'INSERT'", ((1,),)))
    yield Case("table", "grant-beyond-own", "INSERT",
               ("SELECT, INSERT ON pm.t WITH GRANT OPTION",), ("SELECT ON pm.t WITH GRANT OPTION",),
               (f"GRANT INSERT ON pm.t TO {GRANTEE}",), 1142, table_denied("INSERT", "pm", "t"),
               effect=(f"SELECT COUNT(*) FROM information_schema.TABLE_PRIVILEGES WHERE "
                       f"GRANTEE = \"{GRANTEE}\" AND PRIVILEGE_TYPE = 'INSERT'", ((1,),)))


def admin_cases():
    new_user = "SELECT COUNT(*) FROM mysql.user WHERE User = 'pm_new'"
    yield Case("global", "create-user", "CREATE USER", ("CREATE USER ON *.*",), ("RELOAD ON *.*",),
               ("CREATE USER 'pm_new'@'%'",), 1227, global_denied("CREATE USER"),
               effect=(new_user, ((1,),)), teardown=("DROP USER IF EXISTS 'pm_new'@'%'",))
    # INSERT on the mysql schema does as well as CREATE USER.
    yield Case("db", "create-user", "INSERT", ("INSERT ON mysql.*",), ("SELECT ON mysql.*",),
               ("CREATE USER 'pm_new'@'%'",), 1227, global_denied("CREATE USER"),
               effect=(new_user, ((1,),)), teardown=("DROP USER IF EXISTS 'pm_new'@'%'",))
    # FLUSH TABLES takes RELOAD or FLUSH_TABLES, and the refusal names both.
    yield Case("global", "flush-tables", "RELOAD", ("RELOAD ON *.*",), ("PROCESS ON *.*",),
               ("FLUSH TABLES",), 1227, global_denied("RELOAD", "FLUSH_TABLES"))
    # FLUSH PRIVILEGES takes RELOAD or (since 8.4) FLUSH_PRIVILEGES; the refusal may name
    # either list.
    flush_privileges_denied = (r"Access denied; you need \(at least one of\) the "
                               r"RELOAD(?: or FLUSH_PRIVILEGES)? privilege\(s\) for this operation")
    yield Case("global", "flush-privileges", "RELOAD", ("RELOAD ON *.*",), ("PROCESS ON *.*",),
               ("FLUSH PRIVILEGES",), 1227, flush_privileges_denied)
    # FLUSH_TABLES and FLUSH_PRIVILEGES are MySQL 8.4's and unknown to MariaDB (MySQL 8 wins).
    mysql_only = pytest.mark.skipif(not IS_PORPOISE, reason="MySQL 8.4's dynamic privilege")
    yield Case("global", "flush-tables", "FLUSH_TABLES", ("FLUSH_TABLES ON *.*",),
               ("FLUSH_STATUS ON *.*",), ("FLUSH TABLES",), 1227,
               global_denied("RELOAD", "FLUSH_TABLES"),
               granted_marks=(mysql_only,), lacking_marks=(mysql_only,))
    yield Case("global", "flush-privileges", "FLUSH_PRIVILEGES", ("FLUSH_PRIVILEGES ON *.*",),
               ("FLUSH_TABLES ON *.*",), ("FLUSH PRIVILEGES",), 1227, flush_privileges_denied,
               granted_marks=(mysql_only,), lacking_marks=(mysql_only,))
    set_global = ("SET GLOBAL max_connect_errors = 150",)
    reset = ("SET GLOBAL max_connect_errors = 100",)
    max_errors = ("SELECT @@GLOBAL.max_connect_errors", ((150,),))
    yield Case("global", "set-global", "SUPER", ("SUPER ON *.*",), ("RELOAD ON *.*",),
               set_global, 1227, global_denied("SUPER", "SYSTEM_VARIABLES_ADMIN"),
               effect=max_errors, teardown=reset)
    # MariaDB has no SYSTEM_VARIABLES_ADMIN (MySQL 8 wins).
    yield Case("global", "set-global", "SYSTEM_VARIABLES_ADMIN", ("SYSTEM_VARIABLES_ADMIN ON *.*",),
               ("SESSION_VARIABLES_ADMIN ON *.*",), set_global, 1227,
               global_denied("SUPER", "SYSTEM_VARIABLES_ADMIN"), effect=max_errors,
               teardown=reset, granted_marks=(mysql_only,), lacking_marks=(mysql_only,))


def column_cases():
    yield Case("column", "select", "SELECT (a)", ("SELECT (a) ON pm.t",), ("SELECT (id) ON pm.t",),
               ("SELECT a FROM pm.t ORDER BY a",), 1143, column_denied("SELECT", "a", "t"),
               rows=((10,), (20,)))
    yield Case("column", "select-where", "SELECT (secret)", ("SELECT (a, secret) ON pm.t",),
               ("SELECT (a) ON pm.t",), ("SELECT a FROM pm.t WHERE secret = 'x'",), 1143,
               column_denied("SELECT", "secret", "t"), rows=((10,),))
    # `*` means every column: with one missing, the table as a whole is refused.
    yield Case("column", "select-star", "SELECT (secret)", ("SELECT (id, a, secret) ON pm.t",),
               ("SELECT (id, a) ON pm.t",), ("SELECT * FROM pm.t ORDER BY id",), 1142,
               table_denied("SELECT", "pm", "t"), rows=((1, 10, "x"), (2, 20, "y")))
    yield Case("column", "insert-columns", "INSERT (a)", ("INSERT (id, a) ON pm.t",),
               ("INSERT (id) ON pm.t",), ("INSERT INTO pm.t (id, a) VALUES (3, 30)",), 1143,
               column_denied("INSERT", "a", "t"), effect=(COUNT_T, ((3,),)))
    yield Case("column", "insert-row", "INSERT (secret)", ("INSERT (id, a, secret) ON pm.t",),
               ("INSERT (id, a) ON pm.t",), ("INSERT INTO pm.t VALUES (3, 30, 'z')",), 1142,
               table_denied("INSERT", "pm", "t"), effect=(COUNT_T, ((3,),)))
    yield Case("column", "update-set", "UPDATE (a)", ("UPDATE (a) ON pm.t",),
               ("UPDATE (secret) ON pm.t",), ("UPDATE pm.t SET a = 7",), 1143,
               column_denied("UPDATE", "a", "t"), effect=("SELECT SUM(a) FROM pm.t", ((14,),)))
    yield Case("column", "update-where", "SELECT (id)", ("UPDATE (a), SELECT (id) ON pm.t",),
               ("UPDATE (a) ON pm.t",), ("UPDATE pm.t SET a = 7 WHERE id = 1",), 1143,
               column_denied("SELECT", "id", "t"), effect=(A_OF_1, ((7,),)))
    yield Case("column", "upsert", "UPDATE (a)", ("INSERT (id, a), UPDATE (a) ON pm.t",),
               ("INSERT (id, a) ON pm.t",),
               ("INSERT INTO pm.t (id, a) VALUES (1, 5) ON DUPLICATE KEY UPDATE a = 6",), 1142,
               table_denied("UPDATE", "pm", "t"), effect=(A_OF_1, ((6,),)),
               granted_marks=(MARIADB_WANTS_SELECT_FOR_UPSERT,))


CASES = [*dml_cases(), *ddl_cases(), *grant_cases(), *admin_cases(), *column_cases()]
assert len({case.id for case in CASES}) == len(CASES), "case ids must be unique"


def params():
    for case in CASES:
        yield pytest.param(case, True, id=f"{case.id}:granted", marks=case.granted_marks)
        yield pytest.param(case, False, id=f"{case.id}:missing", marks=case.lacking_marks)


# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE DATABASE pm",
        "CREATE DATABASE pm2",
        "CREATE DATABASE pm_hidden",
        "CREATE TABLE pm.t (id INT PRIMARY KEY, a INT, secret VARCHAR(20))",
        "CREATE TABLE pm2.u (id INT PRIMARY KEY, v VARCHAR(20))",
        "INSERT INTO pm2.u VALUES (1, 'one'), (3, 'three')",
        "CREATE VIEW pm.v AS SELECT id, a FROM pm.t",
        "CREATE PROCEDURE pm.peek() SELECT COUNT(*) FROM pm.t",
        f"CREATE USER {GRANTEE}",
    )
    return server


@pytest.fixture(autouse=True)
def fresh_rows(srv):
    srv.sql("DELETE FROM pm.t", "INSERT INTO pm.t VALUES (1, 10, 'x'), (2, 20, 'y')")


_serial = itertools.count(1)


@pytest.fixture
def account(srv):
    """Makes fresh accounts holding exactly the given grants; drops them afterwards."""
    made = []

    def make(*grants):
        user = f"pm{next(_serial)}"
        statements = [f"CREATE USER '{user}'@'%' {identified(PASSWORD)}"]
        for grant in grants:
            privileges, option, _ = grant.partition(" WITH GRANT OPTION")
            statements.append(f"GRANT {privileges} TO '{user}'@'%'{option}")
        srv.sql(*statements)
        made.append(user)
        return user

    yield make
    srv.sql(*(f"DROP USER '{user}'@'%'" for user in made))
    # The grantee of the GRANT cases starts every case with nothing.
    srv.sql(f"REVOKE ALL PRIVILEGES, GRANT OPTION FROM {GRANTEE}")


def error_of(fn):
    with pytest.raises(pymysql.err.MySQLError) as excinfo:
        fn()
    return excinfo.value.args


@pytest.mark.parametrize("case, granted", params())
def test_privilege(srv, account, case, granted):
    if case.setup:
        srv.sql(*case.setup)
    try:
        user = account(*(case.granted if granted else case.lacking))
        before = srv.sql(case.effect[0]) if case.effect else None
        with srv.connect(user, PASSWORD) as conn, conn.cursor() as cur:
            if granted:
                for statement in case.statements:
                    cur.execute(statement)
                rows = cur.fetchall()
                if case.rows is not None:
                    assert rows == case.rows
            else:
                code, message = error_of(lambda: cur.execute(case.statements[0]))
                assert code == case.code, (code, message)
                assert re.fullmatch(case.message.format(user=user), message), message
        if case.effect:
            after = srv.sql(case.effect[0])
            assert after == (case.effect[1] if granted else before)
    finally:
        if case.teardown:
            srv.sql(*case.teardown)


# --- statements that list less rather than fail ---------------------------------------------

@pytest.mark.parametrize("granted", [True, False], ids=["granted", "missing"])
def test_show_databases(srv, account, granted):
    # Without SHOW DATABASES an account sees the databases it holds something on.
    user = account("SHOW DATABASES ON *.*" if granted else "SELECT ON pm.*")
    with srv.connect(user, PASSWORD) as conn, conn.cursor() as cur:
        cur.execute("SHOW DATABASES")
        shown = {row[0] for row in cur.fetchall()}
        cur.execute("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")
        listed = {row[0] for row in cur.fetchall()}
    assert shown == listed
    assert {"information_schema", "pm"} <= shown
    if granted:
        assert {"pm2", "pm_hidden", "mysql"} <= shown
    else:
        assert not {"pm2", "pm_hidden", "mysql"} & shown


@pytest.mark.parametrize("granted", [True, False], ids=["granted", "missing"])
def test_show_processlist(srv, account, granted):
    # Without PROCESS an account sees only its own connections.
    user = account("PROCESS ON *.*" if granted else "SELECT ON pm.*")
    other = account()
    with srv.connect(other, PASSWORD) as bystander, bystander.cursor() as b:
        b.execute("SELECT CONNECTION_ID()")
        other_id = b.fetchone()[0]
        with srv.connect(user, PASSWORD) as conn, conn.cursor() as cur:
            for statement in ("SHOW PROCESSLIST", "SHOW FULL PROCESSLIST"):
                cur.execute(statement)
                seen = {(row[0], row[1]) for row in cur.fetchall()}
                assert (conn.thread_id(), user) in seen
                assert ((other_id, other) in seen) == granted, seen
                if not granted:
                    assert {name for _, name in seen} == {user}


def gone(srv, connection_id, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if connection_id not in {row[0] for row in srv.sql("SHOW PROCESSLIST")}:
            return True
        time.sleep(0.02)
    return False


MYSQL_ONLY = pytest.mark.skipif(not IS_PORPOISE, reason="MariaDB has no CONNECTION_ADMIN")


@pytest.mark.parametrize("grant, granted", [
    pytest.param("SUPER ON *.*", True, id="SUPER:granted"),
    pytest.param("PROCESS ON *.*", False, id="SUPER:missing"),
    # MariaDB spells it CONNECTION ADMIN; MySQL 8.4's dynamic privilege wins.
    pytest.param("CONNECTION_ADMIN ON *.*", True, id="CONNECTION_ADMIN:granted", marks=MYSQL_ONLY),
    pytest.param("SYSTEM_VARIABLES_ADMIN ON *.*", False, id="CONNECTION_ADMIN:missing",
                 marks=MYSQL_ONLY),
])
def test_kill_another_accounts_connection(srv, account, grant, granted):
    killer = account(grant)
    victim = srv.connect(account("SELECT ON pm.*"), PASSWORD)
    try:
        victim_id = victim.thread_id()
        with srv.connect(killer, PASSWORD) as conn, conn.cursor() as cur:
            if granted:
                cur.execute(f"KILL {victim_id}")
                assert gone(srv, victim_id)
                with pytest.raises(pymysql.err.MySQLError):
                    victim.cursor().execute("SELECT 1")
            else:
                code, message = error_of(lambda: cur.execute(f"KILL {victim_id}"))
                assert (code, message) == (1095, f"You are not owner of thread {victim_id}")
                victim.cursor().execute("SELECT 1")  # still there
    finally:
        try:
            victim.close()
        except pymysql.err.Error:
            pass
