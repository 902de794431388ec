# MySQL 8's dynamic privileges, kept in mysql.global_grants: granted only ON *.* (3619 at any
# other level), passed on only by an account holding them WITH GRANT OPTION, listed by SHOW
# GRANTS on a line of their own, and gating what SUPER alone used to: SET GLOBAL
# (SYSTEM_VARIABLES_ADMIN), KILL of another account's connection and the connection kept
# beyond max_connections (CONNECTION_ADMIN), a DEFINER naming another account
# (SET_ANY_DEFINER), ALTER INSTANCE RELOAD TLS (CONNECTION_ADMIN itself). MariaDB has other
# dynamic privileges, so this runs against porpoised only.
import time

import pymysql
import pytest

from harness import IS_PORPOISE, free_port, identified

pytestmark = pytest.mark.skipif(not IS_PORPOISE, reason="MySQL 8's dynamic privileges")


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE DATABASE dp",
        f"CREATE USER 'ops'@'%' {identified('ops1')}",
        f"CREATE USER 'plain'@'%' {identified('pl1')}",
        "GRANT SYSTEM_VARIABLES_ADMIN, connection_admin ON *.* TO 'ops'@'%'",
        "GRANT CREATE ROUTINE, CREATE VIEW, SELECT ON dp.* TO 'ops'@'%'",
        "GRANT CREATE ROUTINE, CREATE VIEW, SELECT ON dp.* TO 'plain'@'%'",
    )
    return server


def error_of(fn):
    with pytest.raises(pymysql.err.MySQLError) as excinfo:
        fn()
    return excinfo.value.args


def run(srv, user, password, *statements):
    with srv.connect(user, password) as conn, conn.cursor() as cur:
        for statement in statements:
            cur.execute(statement)
        return cur.fetchall()


def test_grants_are_kept_and_shown(srv):
    assert srv.sql("SELECT PRIV, WITH_GRANT_OPTION FROM mysql.global_grants WHERE USER = 'ops' "
                   "ORDER BY PRIV") == (("CONNECTION_ADMIN", "N"), ("SYSTEM_VARIABLES_ADMIN", "N"))
    assert [row[0] for row in srv.sql("SHOW GRANTS FOR 'ops'@'%'")][:2] == [
        "GRANT USAGE ON *.* TO `ops`@`%`",
        "GRANT CONNECTION_ADMIN,SYSTEM_VARIABLES_ADMIN ON *.* TO `ops`@`%`"]
    root = [row[0] for row in srv.sql("SHOW GRANTS")]
    assert root[0].startswith("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD")
    assert "ALL PRIVILEGES" not in root[0]
    assert root[1].startswith("GRANT ALLOW_NONEXISTENT_DEFINER,APPLICATION_PASSWORD_ADMIN,")
    assert root[1].endswith(" ON *.* TO `root`@`localhost` WITH GRANT OPTION")


def test_only_global_and_only_known(srv):
    args = error_of(lambda: srv.sql("GRANT BACKUP_ADMIN ON dp.* TO 'ops'@'%'"))
    assert args == (3619, "Illegal privilege level specified for BACKUP_ADMIN")
    assert error_of(lambda: srv.sql("GRANT NO_SUCH_ADMIN ON *.* TO 'ops'@'%'"))[0] == 1149


def test_set_global_needs_system_variables_admin(srv):
    run(srv, "ops", "ops1", "SET GLOBAL max_connect_errors = 150")
    args = error_of(lambda: run(srv, "plain", "pl1", "SET GLOBAL max_connect_errors = 160"))
    assert args == (1227, "Access denied; you need (at least one of) the SUPER or "
                          "SYSTEM_VARIABLES_ADMIN privilege(s) for this operation")
    srv.sql("SET GLOBAL max_connect_errors = 100")


def test_kill_of_another_account_needs_connection_admin(srv):
    with srv.connect("plain", "pl1") as victim, victim.cursor() as cur:
        cur.execute("SELECT CONNECTION_ID()")
        victim_id = cur.fetchone()[0]
        with srv.connect("ops", "ops1") as conn:
            # ops holds CONNECTION_ADMIN: the KILL QUERY goes through.
            conn.cursor().execute(f"KILL QUERY {victim_id}")
    with srv.connect("ops", "ops1") as target, target.cursor() as cur:
        cur.execute("SELECT CONNECTION_ID()")
        target_id = cur.fetchone()[0]
        args = error_of(lambda: run(srv, "plain", "pl1", f"KILL QUERY {target_id}"))
        assert args[0] == 1095


def test_com_process_kill_is_checked_against_the_privileges_of_now(srv):
    # COM_PROCESS_KILL (mysql_kill(), pymysql's kill()) answers as KILL does, with the
    # account's privileges as they are when it comes, not as they were at login.
    srv.sql(f"CREATE USER 'killer'@'%' {identified('k1')}",
            "GRANT CONNECTION_ADMIN ON *.* TO 'killer'@'%'")
    try:
        with srv.connect("killer", "k1") as killer, srv.connect("plain", "pl1") as victim:
            victim_id = victim.thread_id()
            srv.sql("REVOKE CONNECTION_ADMIN ON *.* FROM 'killer'@'%'")
            args = error_of(lambda: killer.kill(victim_id))
            assert args == (1095, f"You are not owner of thread {victim_id}")
            victim.ping(reconnect=False)  # still there
            # Through a role, activated after login, it goes through.
            srv.sql("CREATE ROLE 'killers'", "GRANT CONNECTION_ADMIN ON *.* TO 'killers'",
                    "GRANT 'killers' TO 'killer'@'%'")
            killer.cursor().execute("SET ROLE 'killers'")
            killer.kill(victim_id)
            deadline = time.time() + 10
            while time.time() < deadline:
                try:
                    victim.ping(reconnect=False)
                except pymysql.err.MySQLError:
                    break
                time.sleep(0.1)
            else:
                pytest.fail("the killed connection is still served")
            assert error_of(lambda: killer.kill(4_000_000_000)) == (1094, "Unknown thread id: 4000000000")
    finally:
        srv.sql("DROP USER 'killer'@'%'", "DROP ROLE IF EXISTS 'killers'")


def test_definer_of_another_account_needs_set_any_definer(srv):
    args = error_of(lambda: run(srv, "plain", "pl1",
                                "CREATE DEFINER = 'ops'@'%' VIEW dp.v AS SELECT 1 AS one"))
    assert args == (1227, "Access denied; you need (at least one of) the SUPER or "
                          "SET_ANY_DEFINER privilege(s) for this operation")
    srv.sql("GRANT SET_ANY_DEFINER ON *.* TO 'plain'@'%'")
    try:
        run(srv, "plain", "pl1", "CREATE DEFINER = 'ops'@'%' VIEW dp.v AS SELECT 1 AS one")
    finally:
        srv.sql("REVOKE SET_ANY_DEFINER ON *.* FROM 'plain'@'%'", "DROP VIEW IF EXISTS dp.v")


def test_passing_on_needs_grant_option(srv):
    # ops holds CONNECTION_ADMIN without GRANT OPTION: it may not give it away.
    srv.sql("GRANT GRANT OPTION ON *.* TO 'ops'@'%'")
    try:
        args = error_of(lambda: run(srv, "ops", "ops1",
                                    "GRANT CONNECTION_ADMIN ON *.* TO 'plain'@'%'"))
        assert args[0] == 1045
        srv.sql("GRANT CONNECTION_ADMIN ON *.* TO 'ops'@'%' WITH GRANT OPTION")
        run(srv, "ops", "ops1", "GRANT CONNECTION_ADMIN ON *.* TO 'plain'@'%'")
        assert srv.sql("SELECT WITH_GRANT_OPTION FROM mysql.global_grants WHERE USER = 'plain' "
                       "AND PRIV = 'CONNECTION_ADMIN'") == (("N",),)
    finally:
        srv.sql("REVOKE GRANT OPTION ON *.* FROM 'ops'@'%'",
                "REVOKE IF EXISTS CONNECTION_ADMIN ON *.* FROM 'plain'@'%'")
    # REVOKE GRANT OPTION ON *.* took it off the dynamic privileges too.
    assert srv.sql("SELECT WITH_GRANT_OPTION FROM mysql.global_grants WHERE USER = 'ops' "
                   "AND PRIV = 'CONNECTION_ADMIN'") == (("N",),)


def test_revoke_all_and_drop_user_remove_them(srv):
    srv.sql(f"CREATE USER 'tmp'@'%' {identified('tmp1')}",
            "GRANT ALL ON *.* TO 'tmp'@'%'")
    count = "SELECT COUNT(*) FROM mysql.global_grants WHERE USER = 'tmp'"
    assert srv.sql(count)[0][0] >= 30
    srv.sql("REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'tmp'@'%'")
    assert srv.sql(count) == ((0,),)
    srv.sql("GRANT BACKUP_ADMIN ON *.* TO 'tmp'@'%'", "DROP USER 'tmp'@'%'")
    assert srv.sql(count) == ((0,),)


def test_alter_instance_needs_connection_admin_itself(srv):
    srv.sql("GRANT SUPER ON *.* TO 'plain'@'%'")
    try:
        args = error_of(lambda: run(srv, "plain", "pl1", "ALTER INSTANCE RELOAD TLS"))
        assert args[0] == 1227 and "CONNECTION_ADMIN" in args[1]
    finally:
        srv.sql("REVOKE SUPER ON *.* FROM 'plain'@'%'")


def once_a_slot_is_free(attempt):
    """attempt() again while it fails with 1040: the slot of a connection just closed is free
    only once the server has seen it go (slowly, under ASan)."""
    deadline = time.monotonic() + 10
    while True:
        try:
            return attempt()
        except pymysql.err.OperationalError as error:
            if error.args[0] != 1040 or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_admin_interface_is_for_service_connection_admin(module_servers):
    port = free_port()
    server = module_servers.started("--admin-address=127.0.0.1", f"--admin-port={port}",
                                    "--max-connections=1")
    # The readiness probes may hold the one slot a moment longer.
    once_a_slot_is_free(lambda: server.sql(
        f"CREATE USER 'svc'@'%' {identified('sv1')}",
        "GRANT SERVICE_CONNECTION_ADMIN ON *.* TO 'svc'@'%'",
        f"CREATE USER 'app'@'%' {identified('ap1')}"))
    assert once_a_slot_is_free(lambda: server.sql("SELECT @@admin_address, @@admin_port")) == \
        (("127.0.0.1", port),)
    assert f"Admin interface ready for connections, address: '127.0.0.1'  port: {port}" in \
        server.error_log.read_text()
    # The one ordinary connection slot is taken; the administrative interface still serves.
    with once_a_slot_is_free(lambda: server.connect("app", "ap1")):
        with pymysql.connect(host="127.0.0.1", port=port, user="svc", password="sv1") as conn:
            with conn.cursor() as cur:
                cur.execute("SELECT 1")
                assert cur.fetchone() == (1,)
        args = error_of(lambda: pymysql.connect(host="127.0.0.1", port=port, user="app",
                                                password="ap1"))
        assert args == (1227, "Access denied; you need (at least one of) the "
                              "SERVICE_CONNECTION_ADMIN privilege(s) for this operation")
    # An administrative connection takes no ordinary slot.
    with pymysql.connect(host="127.0.0.1", port=port, user="svc", password="sv1"):
        conn = once_a_slot_is_free(lambda: server.connect("app", "ap1"))
        with conn, conn.cursor() as cur:
            cur.execute("SELECT 2")
            assert cur.fetchone() == (2,)
