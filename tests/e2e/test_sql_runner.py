# The .test script runner itself: it reports file:line for each mismatch, counts records and
# fails on a bad script.
import subprocess
import sys

from harness import KIND, REPO

RUNNER = REPO / "tests/sql/run_sql_tests.py"

SCRIPT = """# name: runner/selftest
# description: one record of each kind passes, one of each kind fails

statement ok
CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))

statement ok
INSERT INTO t VALUES (1, 'a'), (2, NULL), (3, '')

query IT
SELECT id, v FROM t ORDER BY id
----
1\ta
2\tNULL
3\t(empty)

statement error 1146
SELECT * FROM nosuch

query I
SELECT id FROM t WHERE id = 1
----
2

statement error 1146
SELECT * FROM t

statement ok
SELECT * FROM nosuch
"""


def test_runner_reports_mismatches(tmp_path):
    script = tmp_path / "selftest.test"
    script.write_text(SCRIPT)
    res = subprocess.run([sys.executable, str(RUNNER), "--server", KIND, str(script)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1, res.stdout + res.stderr
    out = res.stdout
    assert out.strip().splitlines()[-1] == "4 passed, 3 failed", out
    lines = SCRIPT.splitlines()
    query = lines.index("SELECT id FROM t WHERE id = 1")  # the record header's line number
    error = lines.index("SELECT * FROM t")
    ok = len(lines) - 1
    assert f"{script}:{query}: result mismatch" in out
    assert f"{script}:{error}: expected error 1146, statement succeeded" in out
    assert f"{script}:{ok}: unexpected error 1146" in out


def test_runner_rejects_script_without_name(tmp_path):
    script = tmp_path / "noname.test"
    script.write_text("statement ok\nSELECT 1\n")
    res = subprocess.run([sys.executable, str(RUNNER), "--server", KIND, str(script)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert f"{script}:1: missing '# name:' header" in res.stdout
