# Routine privileges: GRANT EXECUTE / ALTER ROUTINE ON PROCEDURE|FUNCTION db.name, kept in
# mysql.procs_priv. CALL and a stored function's call need EXECUTE (1370 naming the routine),
# DROP needs ALTER ROUTINE; the routine must exist to be granted on (1305); a REVOKE of what
# was not granted is 1403; dropping the routine drops its grants. Runs against MariaDB too.
import pymysql
import pytest

from harness import identified


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE DATABASE rp",
        "CREATE PROCEDURE rp.peek() SELECT 42",
        "CREATE FUNCTION rp.twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2",
        f"CREATE USER 'ex'@'%' {identified('ex1')}",
        "GRANT EXECUTE ON PROCEDURE rp.peek TO 'ex'@'%'",
        "GRANT EXECUTE ON FUNCTION rp.twice TO 'ex'@'%'",
        f"CREATE USER 'none'@'%' {identified('no1')}",
        "GRANT SELECT ON rp.* TO 'none'@'%'",
    )
    return server


def run(srv, user, password, statement):
    with srv.connect(user, password) as conn, conn.cursor() as cur:
        cur.execute(statement)
        return cur.fetchall()


def error_of(fn):
    with pytest.raises(pymysql.err.MySQLError) as excinfo:
        fn()
    return excinfo.value.args


def test_execute_granted_on_the_routine(srv):
    assert run(srv, "ex", "ex1", "CALL rp.peek()") == ((42,),)
    assert run(srv, "ex", "ex1", "SELECT rp.twice(21)") == ((42,),)
    grants = [row[0] for row in srv.sql("SHOW GRANTS FOR 'ex'@'%'")]
    assert "GRANT EXECUTE ON PROCEDURE `rp`.`peek` TO `ex`@`%`" in grants
    assert "GRANT EXECUTE ON FUNCTION `rp`.`twice` TO `ex`@`%`" in grants
    assert srv.sql("SELECT Routine_name, Routine_type, Proc_priv FROM mysql.procs_priv "
                   "WHERE User = 'ex' ORDER BY Routine_name") == (
        ("peek", "PROCEDURE", "Execute"), ("twice", "FUNCTION", "Execute"))


def test_execute_not_granted(srv):
    args = error_of(lambda: run(srv, "none", "no1", "CALL rp.peek()"))
    assert args[0] == 1370 and "for routine 'rp.peek'" in args[1], args
    assert error_of(lambda: run(srv, "none", "no1", "SELECT rp.twice(1)"))[0] == 1370
    # EXECUTE does not let one drop it.
    assert error_of(lambda: run(srv, "ex", "ex1", "DROP PROCEDURE rp.peek"))[0] == 1370


def test_bad_routine_grants(srv):
    assert error_of(lambda: srv.sql("GRANT EXECUTE ON PROCEDURE rp.nosuch TO 'ex'@'%'"))[0] \
        == 1305
    assert error_of(lambda: srv.sql("GRANT SELECT ON PROCEDURE rp.peek TO 'ex'@'%'"))[0] == 1144
    assert error_of(lambda: srv.sql("REVOKE EXECUTE ON PROCEDURE rp.peek FROM 'none'@'%'"))[0] \
        == 1403


def test_alter_routine_and_drop_take_the_grants(srv):
    srv.sql("CREATE PROCEDURE rp.gone() SELECT 1",
            f"CREATE USER 'alt'@'%' {identified('al1')}",
            "GRANT ALTER ROUTINE ON PROCEDURE rp.gone TO 'alt'@'%'")
    try:
        run(srv, "alt", "al1", "DROP PROCEDURE rp.gone")
        assert srv.sql("SELECT COUNT(*) FROM mysql.procs_priv WHERE Routine_name = 'gone'") == (
            (0,),)
        srv.sql("CREATE PROCEDURE rp.gone() SELECT 1")
        # A routine made again under the name starts with no grants.
        assert error_of(lambda: run(srv, "alt", "al1", "DROP PROCEDURE rp.gone"))[0] == 1370
    finally:
        srv.sql("DROP PROCEDURE IF EXISTS rp.gone", "DROP USER 'alt'@'%'")


def test_creator_may_run_and_drop_what_it_made(srv):
    # automatic_sp_privileges: CREATE ROUTINE alone, and the creator gets EXECUTE and ALTER
    # ROUTINE on its routine.
    srv.sql(f"CREATE USER 'maker'@'%' {identified('mk1')}",
            "GRANT CREATE ROUTINE ON rp.* TO 'maker'@'%'")
    try:
        run(srv, "maker", "mk1", "CREATE PROCEDURE rp.mine() SELECT 7")
        assert run(srv, "maker", "mk1", "CALL rp.mine()") == ((7,),)
        assert srv.sql("SELECT Proc_priv FROM mysql.procs_priv WHERE User = 'maker'") == (
            ("Execute,Alter Routine",),)
        run(srv, "maker", "mk1", "DROP PROCEDURE rp.mine")
        assert srv.sql("SELECT COUNT(*) FROM mysql.procs_priv WHERE User = 'maker'") == ((0,),)
    finally:
        srv.sql("DROP PROCEDURE IF EXISTS rp.mine", "DROP USER 'maker'@'%'")
