# SELECT ... INTO OUTFILE and INTO DUMPFILE write files on the server host, and only where
# secure_file_priv allows: a server started without it (NULL) refuses both with 1290, one
# started with a directory writes inside it and refuses any other path (1290). The account
# needs the FILE privilege (1045 without it), an existing file is never overwritten (1086),
# rows are written with MySQL's escaping (\N for NULL, the escape character before a tab,
# newline or itself) or the FIELDS / LINES options given, and DUMPFILE takes one row (1172).
# Two cases are Porpoise's (MySQL 8.4's) alone: MariaDB 10.11 defaults secure_file_priv to ""
# (anywhere) and answers a missing FILE privilege with 1227 where MySQL says 1045.
import os
import tempfile

import pymysql
import pytest

from harness import identified


@pytest.fixture
def files_dir():
    with tempfile.TemporaryDirectory(prefix="porpoise-files-") as path:
        os.chmod(path, 0o777)
        yield path


def error_code(run):
    with pytest.raises(pymysql.MySQLError) as raised:
        run()
    return raised.value.args[0]


@pytest.mark.porpoise_only
def test_without_secure_file_priv_nothing_is_written(servers, files_dir):
    srv = servers.started()
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT @@secure_file_priv IS NULL")
        assert cur.fetchone() == (1,)
        target = os.path.join(files_dir, "x.txt")
        assert error_code(lambda: cur.execute(f"SELECT 1 INTO OUTFILE '{target}'")) == 1290
    assert not os.path.exists(target)


def test_rows_are_written_with_mysqls_escaping(servers, files_dir):
    srv = servers.started(f"--secure-file-priv={files_dir}")
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("CREATE DATABASE d")
        cur.execute("CREATE TABLE d.t (id INT PRIMARY KEY, s VARCHAR(20), n DECIMAL(5,2))")
        cur.execute("INSERT INTO d.t VALUES (1, 'plain', 1.50), (2, 'tab\\there', NULL),"
                    " (3, 'back\\\\slash\\nline', 0)")
        plain = os.path.join(files_dir, "plain.txt")
        cur.execute(f"SELECT * FROM d.t ORDER BY id INTO OUTFILE '{plain}'")
        assert cur.rowcount == 3
        with open(plain, "rb") as f:
            assert f.read() == (b"1\tplain\t1.50\n"
                                b"2\ttab\\\there\t\\N\n"
                                b"3\tback\\\\slash\\\nline\t0.00\n")

        csv = os.path.join(files_dir, "rows.csv")
        cur.execute(f"SELECT id, s, n FROM d.t ORDER BY id INTO OUTFILE '{csv}'"
                    " FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"'"
                    " LINES TERMINATED BY '\\r\\n'")
        with open(csv, "rb") as f:
            assert f.read() == (b'1,"plain",1.50\r\n'
                                b'2,"tab\there",\\N\r\n'
                                b'3,"back\\\\slash\nline",0.00\r\n')

        dump = os.path.join(files_dir, "one.bin")
        cur.execute(f"SELECT CONCAT(s, '|', id) FROM d.t WHERE id = 1 INTO DUMPFILE '{dump}'")
        with open(dump, "rb") as f:
            assert f.read() == b"plain|1"
        other = os.path.join(files_dir, "many.bin")
        assert error_code(lambda: cur.execute(f"SELECT s FROM d.t INTO DUMPFILE '{other}'")) == 1172

        # Never overwritten; never outside the directory.
        assert error_code(lambda: cur.execute(f"SELECT 1 INTO OUTFILE '{plain}'")) == 1086
        outside = os.path.join(os.path.dirname(files_dir), "escape.txt")
        assert error_code(lambda: cur.execute(f"SELECT 1 INTO OUTFILE '{outside}'")) == 1290
        sneaky = os.path.join(files_dir, "..", "escape.txt")
        assert error_code(lambda: cur.execute(f"SELECT 1 INTO OUTFILE '{sneaky}'")) == 1290
        assert not os.path.exists(outside)


@pytest.mark.porpoise_only
def test_the_file_privilege_is_required(servers, files_dir):
    srv = servers.started(f"--secure-file-priv={files_dir}")
    srv.sql("CREATE DATABASE d", "CREATE TABLE d.t (a INT)", "INSERT INTO d.t VALUES (7)",
            f"CREATE USER 'u'@'%' {identified('pw')}", "GRANT SELECT ON d.* TO 'u'@'%'")
    target = os.path.join(files_dir, "u.txt")
    with srv.connect("u", "pw") as conn, conn.cursor() as cur:
        assert error_code(lambda: cur.execute(f"SELECT a FROM d.t INTO OUTFILE '{target}'")) == 1045
    srv.sql("GRANT FILE ON *.* TO 'u'@'%'")
    with srv.connect("u", "pw") as conn, conn.cursor() as cur:
        cur.execute(f"SELECT a FROM d.t INTO OUTFILE '{target}'")
    with open(target, "rb") as f:
        assert f.read() == b"7\n"
