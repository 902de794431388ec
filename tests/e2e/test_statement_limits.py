# A logged-in account cannot take the server away with one statement: a regular expression
# built to backtrack for ever stops at regexp_time_limit (3699) or regexp_stack_limit (3698)
# with the server's memory untouched, and KILL QUERY and max_execution_time reach a match
# while it runs; a statement whose parse would outgrow parser_max_mem_size (at its default,
# the parser's own bound in proportion to the text) is refused with 3170. Porpoise-only:
# MariaDB's PCRE has other limits and messages, and MariaDB has no parser_max_mem_size.
import threading
import time

import pymysql
import pytest

from harness import vm_hwm_kib, vm_rss_kib

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


def capacity_error(limit):
    return (3170, f"Memory capacity of {limit} bytes for 'parser_max_mem_size' exceeded. "
                  "Parser bailed out for this query.")


def test_a_huge_statement_is_refused_before_its_parse_outgrows_the_text(srv):
    # 2 MB of "1," is a million select items: a parse tree of about 1.4 GB unbounded. At
    # parser_max_mem_size's default the parser stops at 256 MiB plus 64 bytes per byte of text
    # (at most 1 GiB).
    statement = "SELECT " + ",".join(["1"] * 1_000_000)
    before = vm_hwm_kib(srv.proc.pid)
    with srv.root() as conn, conn.cursor() as cur:
        with pytest.raises(pymysql.err.OperationalError) as info:
            cur.execute(statement)
        assert info.value.args == capacity_error((256 << 20) + 64 * len(statement))
        cur.execute("SELECT 'still serving'")
        assert cur.fetchone() == ("still serving",)
    assert vm_hwm_kib(srv.proc.pid) - before < 768 * 1024
    # mysqldump's extended INSERTs (up to about 1 MB each by default) take some 110 bytes of
    # parse per byte of text for rows of short values: well inside the bound (here, half a
    # megabyte).
    srv.sql("CREATE DATABASE IF NOT EXISTS parse_limits",
            "CREATE TABLE parse_limits.dump (a INT, b INT, c VARCHAR(10))")
    rows = ",".join(["(1,2,'abc')"] * 40_000)
    srv.sql(f"INSERT INTO parse_limits.dump VALUES {rows}")
    assert srv.sql("SELECT COUNT(*) FROM parse_limits.dump") == ((40_000,),)


def test_parser_max_mem_size_is_lowered_by_a_session_and_raised_only_globally(srv):
    # Forty thousand items: a parse of some 15 MB, far inside the default bound.
    statement = "SELECT COUNT(*) FROM (SELECT 1 AS x) AS t WHERE x IN (" + \
        ",".join(["1"] * 40_000) + ")"
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT @@global.parser_max_mem_size, @@session.parser_max_mem_size")
        assert cur.fetchone() == (18446744073709551615, 18446744073709551615)
        cur.execute(statement)
        assert cur.fetchone() == (1,)
        cur.execute("SET SESSION parser_max_mem_size = 10000000")
        with pytest.raises(pymysql.err.OperationalError) as info:
            cur.execute(statement)
        assert info.value.args == capacity_error(10000000)
        cur.execute("SET SESSION parser_max_mem_size = 1")  # clamped to the minimum
        cur.execute("SHOW WARNINGS")
        assert cur.fetchall() == (("Warning", 1292,
                                   "Truncated incorrect parser_max_mem_size value: '1'"),)
        cur.execute("SELECT @@session.parser_max_mem_size")
        assert cur.fetchone() == (10000000,)
        cur.execute("SET SESSION parser_max_mem_size = DEFAULT")
        cur.execute("SET GLOBAL parser_max_mem_size = 12000000")
    try:
        with srv.root() as conn, conn.cursor() as cur:
            # Raising the session value past the global one does not lift the bound.
            cur.execute("SET SESSION parser_max_mem_size = 18446744073709551615")
            with pytest.raises(pymysql.err.OperationalError) as info:
                cur.execute(statement)
            assert info.value.args == capacity_error(12000000)
    finally:
        srv.sql("SET GLOBAL parser_max_mem_size = DEFAULT")


def test_the_bound_statement_is_held_to_the_same_budget(srv):
    # The view's query is parsed on its own; binding it inside a short statement takes some
    # 14 MB (forty thousand IN items), past a session's 10,000,000 bytes.
    items = ",".join(["1"] * 40_000)
    srv.sql("CREATE DATABASE IF NOT EXISTS parse_limits",
            "DROP VIEW IF EXISTS parse_limits.wide",
            f"CREATE VIEW parse_limits.wide AS SELECT 1 IN ({items}) AS x")
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT x FROM parse_limits.wide")
        assert cur.fetchone() == (1,)
        cur.execute("SET SESSION parser_max_mem_size = 10000000")
        with pytest.raises(pymysql.err.OperationalError) as info:
            cur.execute("SELECT x FROM parse_limits.wide")
        assert info.value.args == capacity_error(10000000)
        cur.execute("SELECT 'still serving'")
        assert cur.fetchone() == ("still serving",)
