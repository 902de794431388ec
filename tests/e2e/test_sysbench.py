# The stock sysbench (Debian's) prepares oltp_read_write's tables over TCP with a
# mysql_native_password account: CREATE TABLE, multi-row INSERTs and its secondary indexes.
# (Its run phase, on server-side prepared statements, is in test_prepared_statements.py.)
import shutil
import subprocess

import pytest

from harness import identified

SYSBENCH = shutil.which("sysbench")


@pytest.mark.skipif(SYSBENCH is None, reason="sysbench is not installed")
def test_sysbench_prepares_oltp_tables(server):
    server.sql(
        "CREATE DATABASE sbtest",
        f"CREATE USER 'sb'@'%' {identified('sbpw')}",
        "GRANT ALL ON sbtest.* TO 'sb'@'%'",
    )
    prepared = subprocess.run(
        [SYSBENCH, "oltp_read_write", "--db-driver=mysql", "--mysql-host=127.0.0.1",
         f"--mysql-port={server.port}", "--mysql-user=sb", "--mysql-password=sbpw",
         "--mysql-db=sbtest", "--tables=2", "--table-size=500", "prepare"],
        capture_output=True, text=True, timeout=300)
    assert prepared.returncode == 0, prepared.stdout + prepared.stderr
    for number in (1, 2):
        table = f"sbtest{number}"
        assert server.sql(f"SELECT COUNT(*), MIN(id), MAX(id) FROM sbtest.{table}")[0] == (500, 1, 500)
        keys = server.sql(f"SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                          f" WHERE TABLE_SCHEMA = 'sbtest' AND TABLE_NAME = '{table}'"
                          f" ORDER BY INDEX_NAME")
        assert [tuple(row) for row in keys] == [(f"k_{number}", "k"), ("PRIMARY", "id")]
