# performance_schema with more than one connection: the attributes each client sent, seen
# from another connection (session_connect_attrs) and per account
# (session_account_connect_attrs), the threads of other connections, who may read what, and
# where variables_info says a value came from. MariaDB runs with its performance schema off,
# so these are Porpoise's (MySQL 8.4's) answers.
import time

import pymysql
import pytest

pytestmark = pytest.mark.porpoise_only


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started("--max-connections=77")
    server.sql("CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password BY 'apppw'",
               "CREATE USER 'other'@'%' IDENTIFIED WITH mysql_native_password BY 'otherpw'",
               "CREATE USER 'watcher'@'%' IDENTIFIED WITH mysql_native_password BY 'watchpw'",
               "GRANT SELECT ON performance_schema.* TO 'watcher'@'%'")
    return server


def rows(conn, sql, *args):
    with conn.cursor() as cur:
        cur.execute(sql, args)
        return cur.fetchall()


def eventually(conn, sql, *args, expect, timeout=10.0):
    """The rows of sql once they equal expect; a server notices a client's QUIT after the
    client has gone, so what describes that connection disappears a moment later."""
    deadline = time.monotonic() + timeout
    while True:
        got = rows(conn, sql, *args)
        if got == expect or time.monotonic() > deadline:
            return got
        time.sleep(0.05)


def error_of(conn, sql):
    with pytest.raises(pymysql.err.MySQLError) as error:
        rows(conn, sql)
    return error.value.args


def test_other_connections_attributes(srv):
    with srv.connect("app", "apppw", program_name="billing") as app, srv.root() as root:
        attributes = dict(rows(root, "SELECT ATTR_NAME, ATTR_VALUE FROM "
                                     "performance_schema.session_connect_attrs "
                                     "WHERE PROCESSLIST_ID = %s", app.thread_id()))
        assert attributes["_client_name"] == "pymysql"
        assert attributes["program_name"] == "billing"
        assert rows(root, "SELECT ATTR_NAME, ORDINAL_POSITION FROM "
                          "performance_schema.session_connect_attrs WHERE PROCESSLIST_ID = %s "
                          "ORDER BY ORDINAL_POSITION", app.thread_id()) == (
            ("_client_name", 0), ("_pid", 1), ("_client_version", 2), ("program_name", 3))
        # Every connection is there, root's own included.
        ids = {r[0] for r in rows(root, "SELECT DISTINCT PROCESSLIST_ID FROM "
                                        "performance_schema.session_connect_attrs")}
        assert {app.thread_id(), root.thread_id()} <= ids


def test_attributes_of_the_same_account_only(srv):
    with srv.connect("app", "apppw", program_name="one") as one, \
            srv.connect("app", "apppw", program_name="two") as two, \
            srv.connect("other", "otherpw", program_name="three") as three:
        seen = rows(one, "SELECT PROCESSLIST_ID, ATTR_VALUE FROM "
                         "performance_schema.session_account_connect_attrs "
                         "WHERE ATTR_NAME = 'program_name' ORDER BY PROCESSLIST_ID")
        assert seen == ((one.thread_id(), "one"), (two.thread_id(), "two"))
        assert rows(three, "SELECT PROCESSLIST_ID FROM "
                           "performance_schema.session_account_connect_attrs "
                           "WHERE ATTR_NAME = 'program_name'") == ((three.thread_id(),),)


def test_grants_decide_the_other_tables(srv):
    with srv.connect("app", "apppw") as app:
        # Public: the variable and status tables, the process list, the account's attributes.
        for table in ("session_variables", "global_variables", "session_status",
                      "global_status", "variables_info", "processlist",
                      "session_account_connect_attrs"):
            rows(app, f"SELECT * FROM performance_schema.{table}")
        for table in ("session_connect_attrs", "threads"):
            assert error_of(app, f"SELECT * FROM performance_schema.{table}") == (
                1142, f"SELECT command denied to user 'app'@'127.0.0.1' for table '{table}'")
        names = {r[0] for r in rows(app, "SHOW TABLES FROM performance_schema")}
        assert "session_variables" in names and "threads" not in names
        assert ("performance_schema",) in rows(app, "SHOW DATABASES")
        rows(app, "USE performance_schema")
        assert rows(app, "SELECT DATABASE()") == (("performance_schema",),)
        # The process list shows the account's own connections only, as SHOW PROCESSLIST.
        assert rows(app, "SELECT USER FROM performance_schema.processlist") == (("app",),)
        assert error_of(app, "UPDATE performance_schema.session_variables "
                             "SET VARIABLE_VALUE = 1") == (
            1142, "UPDATE command denied to user 'app'@'127.0.0.1' for table 'session_variables'")
    with srv.connect("watcher", "watchpw") as watcher:
        assert rows(watcher, "SELECT COUNT(*) > 0 FROM performance_schema.session_connect_attrs"
                    ) == ((1,),)
        assert error_of(watcher, "DELETE FROM performance_schema.threads")[0] == 1142


def test_threads_of_other_connections(srv):
    with srv.connect("app", "apppw", database="performance_schema") as app, srv.root() as root:
        rows(app, "SELECT 1")
        thread = rows(root, "SELECT THREAD_ID, NAME, TYPE, PROCESSLIST_USER, PROCESSLIST_HOST, "
                            "PROCESSLIST_DB, PROCESSLIST_COMMAND, PROCESSLIST_INFO, "
                            "CONNECTION_TYPE, PARENT_THREAD_ID, THREAD_OS_ID IS NOT NULL "
                            "FROM performance_schema.threads WHERE PROCESSLIST_ID = %s",
                      app.thread_id())
        assert len(thread) == 1
        thread_id, *rest = thread[0]
        assert thread_id > 1
        assert rest == ["thread/sql/one_connection", "FOREGROUND", "app", "127.0.0.1",
                        "performance_schema", "Sleep", None, "TCP/IP", 1, 1]
        mine = rows(root, "SELECT PROCESSLIST_USER, PROCESSLIST_HOST, CONNECTION_TYPE "
                          "FROM performance_schema.threads WHERE PROCESSLIST_ID = CONNECTION_ID()")
        assert mine == (("root", "localhost", "Socket"),)
        assert rows(root, "SELECT NAME, TYPE FROM performance_schema.threads "
                          "WHERE PROCESSLIST_ID IS NULL") == (("thread/sql/main", "BACKGROUND"),)
    # A connection that ended is gone from the threads and the attributes.
    with srv.root() as root:
        gone = app.thread_id()
        assert eventually(root, "SELECT COUNT(*) FROM performance_schema.threads "
                                "WHERE PROCESSLIST_ID = %s", gone, expect=((0,),)) == ((0,),)
        assert rows(root, "SELECT COUNT(*) FROM performance_schema.session_connect_attrs "
                          "WHERE PROCESSLIST_ID = %s", gone) == ((0,),)


def test_where_values_came_from(srv):
    with srv.connect("app", "apppw") as app, srv.root() as root:
        info = "SELECT VARIABLE_SOURCE, SET_USER, SET_HOST FROM performance_schema.variables_info " \
               "WHERE VARIABLE_NAME = %s"
        assert rows(app, info, "max_connections") == (("COMMAND_LINE", None, None),)
        assert rows(app, "SELECT VARIABLE_VALUE FROM performance_schema.global_variables "
                         "WHERE VARIABLE_NAME = 'max_connections'") == (("77",),)
        assert rows(app, info, "sort_buffer_size")[0][0] == "COMPILED"
        rows(app, "SET SESSION sort_buffer_size = 65536")
        assert rows(app, info, "sort_buffer_size") == (("DYNAMIC", "app", "127.0.0.1"),)
        # A session's SET is its own; a SET GLOBAL is everyone's.
        assert rows(root, info, "sort_buffer_size")[0][0] == "COMPILED"
        rows(root, "SET GLOBAL max_connect_errors = 200")
        assert rows(app, info, "max_connect_errors") == (("DYNAMIC", "root", "localhost"),)
        assert rows(app, "SELECT VARIABLE_VALUE FROM performance_schema.session_variables "
                         "WHERE VARIABLE_NAME = 'sort_buffer_size'") == (("65536",),)
