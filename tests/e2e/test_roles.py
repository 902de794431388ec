# Roles: CREATE/DROP ROLE (locked accounts in mysql.user), GRANT role TO user [WITH ADMIN
# OPTION] and REVOKE (mysql.role_edges), SET ROLE and CURRENT_ROLE(), SET DEFAULT ROLE / ALTER
# USER ... DEFAULT ROLE and CREATE USER ... DEFAULT ROLE (mysql.default_roles, activated at
# login), SHOW GRANTS ... USING, information_schema.APPLICABLE_ROLES and ENABLED_ROLES, roles
# granted to roles, mandatory_roles (never revoked or dropped while named there: 3628) and
# activate_all_roles_on_login; a grant that would make a role reach itself is 4027. A role's
# privileges (and its grant and admin options) count only while it is active. MariaDB's roles
# have no host part and other statements, so this runs against porpoised only.
import pymysql
import pytest

from harness import IS_PORPOISE, identified

pytestmark = pytest.mark.skipif(not IS_PORPOISE, reason="MySQL 8's roles")


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE DATABASE rdb",
        "CREATE TABLE rdb.t (a INT)",
        "INSERT INTO rdb.t VALUES (1)",
        "CREATE ROLE 'reader', 'writer'@'%', 'base', 'top'",
        "GRANT SELECT ON rdb.* TO reader",
        "GRANT INSERT ON rdb.* TO writer",
        "GRANT SELECT ON rdb.t TO base",
        "GRANT base TO top",
        f"CREATE USER 'ru'@'%' {identified('ru1')}",
        "GRANT reader, writer TO 'ru'@'%'",
        "SET DEFAULT ROLE reader TO 'ru'@'%'",
    )
    return server


def error_of(fn):
    with pytest.raises(pymysql.err.MySQLError) as excinfo:
        fn()
    return excinfo.value.args


def one(cur, query):
    cur.execute(query)
    return cur.fetchone()[0]


def test_roles_are_locked_accounts(srv):
    assert srv.sql("SELECT user, account_locked, password_expired FROM mysql.user "
                   "WHERE user IN ('reader', 'writer') ORDER BY user") == (
        ("reader", "Y", "Y"), ("writer", "Y", "Y"))
    with pytest.raises(pymysql.err.OperationalError) as excinfo:
        srv.connect("reader", "")
    assert excinfo.value.args[0] == 3118
    assert error_of(lambda: srv.sql("CREATE ROLE reader")) == (
        1396, "Operation CREATE ROLE failed for 'reader'@'%'")
    assert error_of(lambda: srv.sql("GRANT nosuch TO 'ru'@'%'")) == (
        3523, "Unknown authorization ID `nosuch`@`%`")


def test_default_role_is_active_at_login_and_set_role_switches(srv):
    with srv.connect("ru", "ru1") as conn, conn.cursor() as cur:
        assert one(cur, "SELECT CURRENT_ROLE()") == "`reader`@`%`"
        assert one(cur, "SELECT COUNT(*) FROM rdb.t") >= 1
        assert error_of(lambda: cur.execute("INSERT INTO rdb.t VALUES (2)"))[0] == 1142
        cur.execute("SET ROLE writer")
        assert one(cur, "SELECT CURRENT_ROLE()") == "`writer`@`%`"
        cur.execute("INSERT INTO rdb.t VALUES (2)")
        assert error_of(lambda: cur.execute("SELECT * FROM rdb.t"))[0] == 1142
        cur.execute("SET ROLE ALL")
        assert one(cur, "SELECT CURRENT_ROLE()") == "`reader`@`%`,`writer`@`%`"
        cur.execute("SET ROLE ALL EXCEPT writer")
        assert one(cur, "SELECT CURRENT_ROLE()") == "`reader`@`%`"
        cur.execute("SET ROLE NONE")
        assert one(cur, "SELECT CURRENT_ROLE()") == "NONE"
        assert error_of(lambda: cur.execute("SELECT * FROM rdb.t"))[0] == 1142
        assert error_of(lambda: cur.execute("SET ROLE top")) == (
            3530, "`top`@`%` is not granted to `ru`@`%`")
        cur.execute("SET ROLE DEFAULT")
        assert one(cur, "SELECT CURRENT_ROLE()") == "`reader`@`%`"
    srv.sql("DELETE FROM rdb.t WHERE a = 2")


def test_show_grants_and_grant_tables(srv):
    assert [row[0] for row in srv.sql("SHOW GRANTS FOR 'ru'@'%'")] == [
        "GRANT USAGE ON *.* TO `ru`@`%`", "GRANT `reader`@`%`,`writer`@`%` TO `ru`@`%`"]
    assert srv.sql("SELECT FROM_USER, TO_USER, WITH_ADMIN_OPTION FROM mysql.role_edges "
                   "WHERE TO_USER = 'ru' ORDER BY FROM_USER") == (
        ("reader", "ru", "N"), ("writer", "ru", "N"))
    assert srv.sql("SELECT DEFAULT_ROLE_USER FROM mysql.default_roles WHERE USER = 'ru'") == (
        ("reader",),)


def test_roles_granted_to_roles_and_admin_option(srv):
    srv.sql(f"CREATE USER 'mu'@'%' {identified('mu1')}",
            "GRANT top TO 'mu'@'%' WITH ADMIN OPTION",
            "ALTER USER 'mu'@'%' DEFAULT ROLE top",
            f"CREATE USER 'other'@'%' {identified('ot1')}")
    try:
        with srv.connect("mu", "mu1") as conn, conn.cursor() as cur:
            # top holds nothing itself; base, granted to top, holds SELECT.
            assert one(cur, "SELECT COUNT(*) FROM rdb.t") >= 1
            # WITH ADMIN OPTION: mu may pass top on, but not reader.
            cur.execute("GRANT top TO 'other'@'%'")
            args = error_of(lambda: cur.execute("GRANT reader TO 'other'@'%'"))
            assert args[0] == 1227
            cur.execute("REVOKE top FROM 'other'@'%'")
            assert error_of(lambda: cur.execute("REVOKE top FROM 'other'@'%'"))[0] == 3530
    finally:
        srv.sql("DROP USER 'mu'@'%', 'other'@'%'")


def test_an_active_role_counts_toward_what_the_issuer_may_grant(srv):
    # The grant option and the privilege may come from different places (the account, its
    # active roles), and count only while the role is active.
    srv.sql("CREATE ROLE 'granter', 'passer'",
            "GRANT SELECT ON rdb.* TO granter WITH GRANT OPTION",
            "GRANT 'base' TO passer WITH ADMIN OPTION",
            f"CREATE USER 'gu'@'%' {identified('gu1')}",
            f"CREATE USER 'gt'@'%' {identified('gt1')}",
            "GRANT granter, passer TO 'gu'@'%'")
    try:
        with srv.connect("gu", "gu1") as conn, conn.cursor() as cur:
            assert error_of(lambda: cur.execute("GRANT SELECT ON rdb.* TO 'gt'@'%'")) == (
                1044, "Access denied for user 'gu'@'%' to database 'rdb'")
            assert error_of(lambda: cur.execute("GRANT base TO 'gt'@'%'"))[0] == 1227
            cur.execute("SET ROLE granter, passer")
            cur.execute("GRANT SELECT ON rdb.* TO 'gt'@'%'")
            cur.execute("GRANT base TO 'gt'@'%'")
            # Nothing the roles do not hold: INSERT is not among them.
            assert error_of(lambda: cur.execute("GRANT INSERT ON rdb.* TO 'gt'@'%'"))[0] == 1044
        grants = [row[0] for row in srv.sql("SHOW GRANTS FOR 'gt'@'%'")]
        assert "GRANT SELECT ON `rdb`.* TO `gt`@`%`" in grants
        assert "GRANT `base`@`%` TO `gt`@`%`" in grants
    finally:
        srv.sql("DROP USER 'gu'@'%', 'gt'@'%'", "DROP ROLE granter, passer")


def test_show_grants_using_and_the_role_tables(srv):
    srv.sql("CREATE ROLE 'inner_r', 'outer_r'",
            "GRANT SELECT ON rdb.* TO outer_r",
            "GRANT INSERT ON rdb.* TO inner_r",
            "GRANT UPDATE (a) ON rdb.t TO inner_r",
            "GRANT inner_r TO outer_r",
            f"CREATE USER 'su'@'%' {identified('su1')} DEFAULT ROLE outer_r",
            "GRANT DELETE ON rdb.* TO 'su'@'%'")
    try:
        # CREATE USER ... DEFAULT ROLE grants the role and makes it the default.
        assert [r[0] for r in srv.sql("SHOW GRANTS FOR 'su'@'%'")] == [
            "GRANT USAGE ON *.* TO `su`@`%`",
            "GRANT DELETE ON `rdb`.* TO `su`@`%`",
            "GRANT `outer_r`@`%` TO `su`@`%`"]
        create = srv.sql("SHOW CREATE USER 'su'@'%'")[0][0]
        assert " DEFAULT ROLE `outer_r`@`%` REQUIRE NONE" in create, create
        # USING shows the roles' privileges (and those of the roles granted to them) as the
        # account's own.
        assert [r[0] for r in srv.sql("SHOW GRANTS FOR 'su'@'%' USING outer_r")] == [
            "GRANT USAGE ON *.* TO `su`@`%`",
            "GRANT SELECT, INSERT, DELETE ON `rdb`.* TO `su`@`%`",
            "GRANT UPDATE (`a`) ON `rdb`.`t` TO `su`@`%`",
            "GRANT `outer_r`@`%` TO `su`@`%`"]
        assert error_of(lambda: srv.sql("SHOW GRANTS FOR 'su'@'%' USING inner_r")) == (
            3530, "`inner_r`@`%` is not granted to `su`@`%`")
        with srv.connect("su", "su1") as conn, conn.cursor() as cur:
            cur.execute("SELECT * FROM information_schema.APPLICABLE_ROLES "
                        "ORDER BY GRANTEE, ROLE_NAME")
            assert cur.fetchall() == (
                ("su", "%", "outer_r", "%", "inner_r", "%", "NO", "NO", "NO"),
                ("su", "%", "su", "%", "outer_r", "%", "NO", "YES", "NO"))
            cur.execute("SELECT * FROM information_schema.ENABLED_ROLES ORDER BY ROLE_NAME")
            assert cur.fetchall() == (("inner_r", "%", "NO", "NO"), ("outer_r", "%", "YES", "NO"))
            cur.execute("SET ROLE NONE")
            cur.execute("SELECT COUNT(*) FROM information_schema.ENABLED_ROLES")
            assert cur.fetchone() == (0,)
        assert error_of(lambda: srv.sql(
            f"CREATE USER 'nu'@'%' {identified('nu1')} DEFAULT ROLE no_such_role")) == (
            3523, "Unknown authorization ID `no_such_role`@`%`")
        assert srv.sql("SELECT COUNT(*) FROM mysql.user WHERE user = 'nu'") == ((0,),)
    finally:
        srv.sql("DROP USER 'su'@'%'", "DROP ROLE inner_r, outer_r")


def test_mandatory_roles_and_activate_all(srv):
    srv.sql(f"CREATE USER 'plain'@'%' {identified('pl1')}",
            "SET GLOBAL mandatory_roles = 'writer'")
    try:
        with srv.connect("plain", "pl1") as conn, conn.cursor() as cur:
            # Granted to everyone, active only when activated.
            assert one(cur, "SELECT CURRENT_ROLE()") == "NONE"
            cur.execute("SET ROLE writer")
            cur.execute("INSERT INTO rdb.t VALUES (7)")
        srv.sql("SET GLOBAL activate_all_roles_on_login = ON")
        with srv.connect("plain", "pl1") as conn, conn.cursor() as cur:
            assert one(cur, "SELECT CURRENT_ROLE()") == "`writer`@`%`"
        # Named in mandatory_roles, writer is neither revoked nor dropped.
        mandatory = (3628, "The role `writer`@`%` is a mandatory role and can't be revoked or "
                           "dropped. The restriction can be lifted by excluding the role "
                           "identifier from the global variable mandatory_roles.")
        assert error_of(lambda: srv.sql("REVOKE writer FROM 'ru'@'%'")) == mandatory
        assert error_of(lambda: srv.sql("DROP ROLE writer")) == mandatory
        assert error_of(lambda: srv.sql("DROP USER 'writer'@'%'")) == mandatory
        assert srv.sql("SELECT COUNT(*) FROM mysql.role_edges WHERE FROM_USER = 'writer' "
                       "AND TO_USER = 'ru'") == ((1,),)
    finally:
        srv.sql("SET GLOBAL mandatory_roles = ''", "SET GLOBAL activate_all_roles_on_login = OFF",
                "DROP USER 'plain'@'%'", "DELETE FROM rdb.t WHERE a = 7")


def test_a_grant_that_makes_a_loop_is_refused(srv):
    srv.sql("CREATE ROLE 'loop_a', 'loop_b', 'loop_c'", "GRANT loop_a TO loop_b",
            "GRANT loop_b TO loop_c")
    try:
        def loop(user, role):
            return (4027, f"User account `{user}`@`%` is directly or indirectly granted to the "
                          f"role `{role}`@`%`. The GRANT would create a loop")
        # Directly, through another role, and to itself.
        assert error_of(lambda: srv.sql("GRANT loop_b TO loop_a")) == loop("loop_a", "loop_b")
        assert error_of(lambda: srv.sql("GRANT loop_c TO loop_a")) == loop("loop_a", "loop_c")
        assert error_of(lambda: srv.sql("GRANT loop_a TO loop_a")) == loop("loop_a", "loop_a")
        # Nothing of a refused statement stays, an earlier grant in it included.
        assert error_of(lambda: srv.sql("GRANT loop_c TO 'ru'@'%', loop_a")) == \
            loop("loop_a", "loop_c")
        assert srv.sql("SELECT COUNT(*) FROM mysql.role_edges WHERE FROM_USER = 'loop_c' "
                       "AND TO_USER = 'ru'") == ((0,),)
        srv.sql("GRANT loop_a TO loop_c")  # already reached through loop_b: no loop
    finally:
        srv.sql("DROP ROLE loop_a, loop_b, loop_c")


def test_revoke_and_drop_role_take_effect(srv):
    srv.sql("CREATE ROLE 'gone'", "GRANT SELECT ON rdb.* TO gone",
            f"CREATE USER 'gu'@'%' {identified('gu1')}", "GRANT gone TO 'gu'@'%'",
            "SET DEFAULT ROLE ALL TO 'gu'@'%'")
    try:
        with srv.connect("gu", "gu1") as conn, conn.cursor() as cur:
            assert one(cur, "SELECT COUNT(*) FROM rdb.t") >= 1
            srv.sql("REVOKE gone FROM 'gu'@'%'")
            # The next statement runs without the revoked role.
            assert error_of(lambda: cur.execute("SELECT * FROM rdb.t"))[0] == 1142
        srv.sql("GRANT gone TO 'gu'@'%'", "DROP ROLE gone")
        assert srv.sql("SELECT COUNT(*) FROM mysql.role_edges WHERE FROM_USER = 'gone'") == ((0,),)
        assert srv.sql("SELECT COUNT(*) FROM mysql.default_roles "
                       "WHERE DEFAULT_ROLE_USER = 'gone'") == ((0,),)
    finally:
        srv.sql("DROP USER 'gu'@'%'", "DROP ROLE IF EXISTS gone")


def test_drop_role_alone_drops_only_roles(srv):
    srv.sql(f"CREATE USER 'dropper'@'%' {identified('dr1')}",
            "GRANT DROP ROLE ON *.* TO 'dropper'@'%'", "CREATE ROLE 'spare'")
    try:
        args = error_of(lambda: srv.connect("dropper", "dr1").cursor().execute(
            "DROP ROLE 'ru'@'%'"))
        assert args[0] == 1227, args
        assert srv.sql("SELECT COUNT(*) FROM mysql.user WHERE user = 'ru'") == ((1,),)
        with srv.connect("dropper", "dr1") as conn, conn.cursor() as cur:
            cur.execute("DROP ROLE spare")
    finally:
        srv.sql("DROP USER 'dropper'@'%'", "DROP ROLE IF EXISTS spare")
