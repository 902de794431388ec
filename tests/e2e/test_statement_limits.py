# A logged-in account cannot take the server away with one statement: a regular expression
# built to backtrack for ever stops at regexp_time_limit (3699) or regexp_stack_limit (3698)
# with the server's memory untouched, and KILL QUERY and max_execution_time reach a match
# while it runs. Porpoise-only: MariaDB's PCRE has other limits and messages.
import threading
import time

import pymysql
import pytest

from harness import vm_rss_kib

pytestmark = pytest.mark.porpoise_only

# Nested counted repetitions: a backtracking engine that expands them explores ~100^4 paths.
NESTED = "SELECT 'aaaa' REGEXP '(((a{1,100}){1,100}){1,100}){1,100}'"
# Exponential backtracking on a subject with no match.
CATASTROPHIC = "SELECT CONCAT(REPEAT('a', 40), 'x') REGEXP '^(a|aa)*$'"


@pytest.fixture(scope="module")
def srv(module_servers):
    return module_servers.started()


def test_hostile_patterns_are_cut_off(srv):
    before = vm_rss_kib(srv.proc.pid)
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute(NESTED)
        assert cur.fetchone() == (1,)
        started = time.monotonic()
        with pytest.raises(pymysql.err.MySQLError) as excinfo:
            cur.execute(CATASTROPHIC)
        assert excinfo.value.args == (3699, "Timeout exceeded in regular expression match.")
        assert time.monotonic() - started < 5
        cur.execute("SET GLOBAL regexp_stack_limit = 1000")
        try:
            with pytest.raises(pymysql.err.MySQLError) as excinfo:
                cur.execute("SELECT REPEAT('ab', 5000) REGEXP '^(ab|a(b))*$'")
            assert excinfo.value.args == (
                3698, "Overflow in the regular expression backtrack stack.")
        finally:
            cur.execute("SET GLOBAL regexp_stack_limit = DEFAULT")
    assert vm_rss_kib(srv.proc.pid) - before < 64 * 1024


def test_pattern_errors(srv):
    with srv.root() as conn, conn.cursor() as cur:
        for pattern, code in (("(", 3691), ("[b-a]", 3697), ("a{2,1}", 3693), ("[a", 3696)):
            with pytest.raises(pymysql.err.MySQLError) as excinfo:
                cur.execute(f"SELECT 'a' REGEXP '{pattern}'")
            assert excinfo.value.args[0] == code, (pattern, excinfo.value.args)


def run_long_match(srv, setup, result):
    """Runs a match that would take minutes; stores the error (or its rows) in `result`."""
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT CONNECTION_ID()")
        result["id"] = cur.fetchone()[0]
        for statement in setup:
            cur.execute(statement)
        started = time.monotonic()
        try:
            cur.execute(CATASTROPHIC)
            result["rows"] = cur.fetchall()
        except pymysql.err.MySQLError as error:
            result["error"] = error.args
        result["finished"] = time.monotonic()
        result["seconds"] = result["finished"] - started


def test_kill_query_stops_a_running_match(srv):
    srv.sql("SET GLOBAL regexp_time_limit = 2147483647")
    try:
        result = {}
        worker = threading.Thread(target=run_long_match, args=(srv, [], result))
        worker.start()
        deadline = time.monotonic() + 10
        while "id" not in result and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)  # well inside the match
        killed_at = time.monotonic()
        srv.sql(f"KILL QUERY {result['id']}")
        worker.join(timeout=30)
        assert not worker.is_alive()
        assert result.get("error") == (1317, "Query execution was interrupted"), result
        # Interrupted within a second of the KILL (with room for a loaded machine).
        assert result["finished"] - killed_at < 2, result
    finally:
        srv.sql("SET GLOBAL regexp_time_limit = DEFAULT")


def test_max_execution_time_stops_a_running_match(srv):
    srv.sql("SET GLOBAL regexp_time_limit = 2147483647")
    try:
        result = {}
        run_long_match(srv, ["SET SESSION max_execution_time = 300"], result)
        assert result.get("error", (None,))[0] == 3024, result
        assert result["seconds"] < 5, result
    finally:
        srv.sql("SET GLOBAL regexp_time_limit = DEFAULT")
