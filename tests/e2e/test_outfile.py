# SELECT ... INTO OUTFILE and INTO DUMPFILE write files on the server host, and LOAD DATA
# INFILE reads them, only where secure_file_priv allows: a server started without it (NULL)
# refuses them with 1290, one started with a directory uses files inside it and refuses any
# other path (1290). LOAD DATA reads FIELDS / LINES options, enclosures and escapes, IGNORE n
# LINES, IGNORE / REPLACE, and reports MySQL's "Records: Deleted: Skipped:" counts. The account
# needs the FILE privilege (1045 without it), an existing file is never overwritten (1086),
# rows are written with MySQL's escaping (\N for NULL, the escape character before a tab,
# newline or itself) or the FIELDS / LINES options given, and DUMPFILE takes one row (1172).
# LOAD DATA LOCAL takes the file from the client when local_infile and the client allow it.
# Some cases are Porpoise's (MySQL 8.4's) alone: MariaDB 10.11 defaults secure_file_priv to ""
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


def test_load_data_reads_what_outfile_writes(servers, files_dir):
    srv = servers.started(f"--secure-file-priv={files_dir}")
    tsv = os.path.join(files_dir, "in.tsv")
    csv = os.path.join(files_dir, "in.csv")
    with open(tsv, "wb") as f:
        f.write(b"1\tone\t1.5\n2\t\\N\t2.25\n3\ttab\\there\t3\n")
    with open(csv, "wb") as f:
        f.write(b'id,name,amount\r\n"4","quoted, comma",4.5\r\n"5","say ""hi""",5\r\n')
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("CREATE DATABASE d")
        cur.execute("CREATE TABLE d.ld (id INT PRIMARY KEY, name VARCHAR(20), amount DECIMAL(5,2))")
        cur.execute(f"LOAD DATA INFILE '{tsv}' INTO TABLE d.ld")
        assert cur.rowcount == 3
        assert cur._result.message.endswith(b"Records: 3  Deleted: 0  Skipped: 0  Warnings: 0")
        cur.execute(f"LOAD DATA INFILE '{csv}' INTO TABLE d.ld FIELDS TERMINATED BY ','"
                    " OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES")
        assert cur.rowcount == 2
        cur.execute("SELECT id, name, amount FROM d.ld ORDER BY id")
        rows = [(i, n, str(a) if a is not None else None) for i, n, a in cur.fetchall()]
        assert rows == [(1, "one", "1.50"), (2, None, "2.25"), (3, "tab\there", "3.00"),
                        (4, "quoted, comma", "4.50"), (5, 'say "hi"', "5.00")]
        # IGNORE skips the rows whose keys are taken.
        cur.execute(f"LOAD DATA INFILE '{tsv}' IGNORE INTO TABLE d.ld")
        assert cur.rowcount == 0
        assert b"Records: 3  Deleted: 0  Skipped: 3" in cur._result.message
        # What OUTFILE writes, LOAD DATA reads back unchanged.
        dump = os.path.join(files_dir, "round.txt")
        cur.execute(f"SELECT * FROM d.ld ORDER BY id INTO OUTFILE '{dump}'")
        cur.execute("CREATE TABLE d.copy LIKE d.ld")
        cur.execute(f"LOAD DATA INFILE '{dump}' INTO TABLE d.copy")
        cur.execute("SELECT COUNT(*) FROM d.ld AS a JOIN d.copy AS b ON a.id = b.id"
                    " AND a.name <=> b.name AND a.amount <=> b.amount")
        assert cur.fetchone() == (5,)
        missing = os.path.join(files_dir, "absent.txt")
        # MySQL: 29 "File ... not found"; MariaDB stats the file first and says 13.
        assert error_code(lambda: cur.execute(f"LOAD DATA INFILE '{missing}' INTO TABLE d.ld")) in (29, 13)
        outside = os.path.join(os.path.dirname(files_dir), "x.txt")
        assert error_code(lambda: cur.execute(f"LOAD DATA INFILE '{outside}' INTO TABLE d.ld")) == 1290


def test_load_data_reads_fields_into_variables_and_set(servers, files_dir):
    """A field read into @var is the row's value of @var in SET, which computes columns from
    the row's fields and columns; afterwards the variables keep the last row's fields."""
    srv = servers.started(f"--secure-file-priv={files_dir}")
    tsv = os.path.join(files_dir, "v.tsv")
    with open(tsv, "wb") as f:
        f.write(b"1\t10\tone\n2\t20\t\\N\n3\t30\tthree\n")
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("CREATE DATABASE d")
        cur.execute("CREATE TABLE d.t (id INT PRIMARY KEY, total INT, s VARCHAR(10), up VARCHAR(10))")
        cur.execute(f"LOAD DATA INFILE '{tsv}' INTO TABLE d.t (id, @n, s)"
                    " SET total = @n * 2, up = UPPER(s)")
        assert cur.rowcount == 3
        cur.execute("SELECT * FROM d.t ORDER BY id")
        assert cur.fetchall() == ((1, 20, "one", "ONE"), (2, 40, None, None), (3, 60, "three", "THREE"))
        cur.execute("SELECT @n")
        assert cur.fetchone() == ("30",)
        cur.execute(f"LOAD DATA INFILE '{tsv}' REPLACE INTO TABLE d.t (id, @skip, @x)"
                    " SET s = CONCAT('x', COALESCE(@x, 'null')), total = DEFAULT")
        cur.execute("SELECT id, total, s, up FROM d.t ORDER BY id")
        assert cur.fetchall() == ((1, None, "xone", None), (2, None, "xnull", None),
                                  (3, None, "xthree", None))
        # A column both read from a field and SET takes SET's value, which may read the field.
        cur.execute(f"LOAD DATA INFILE '{tsv}' REPLACE INTO TABLE d.t (id, total, s)"
                    " SET total = total + 1000")
        cur.execute("SELECT id, total FROM d.t ORDER BY id")
        assert cur.fetchall() == ((1, 1010), (2, 1020), (3, 1030))


# MySQL 8.4's row rules (MariaDB 10.11 differs: it fills missing fields with defaults and
# says 1364/1048 where MySQL says 1261/1263).
@pytest.mark.porpoise_only
def test_load_data_rows_with_too_few_or_too_many_fields(servers, files_dir):
    """A strict LOAD DATA stops at a row with too few fields (1261), too many (1262) or \\N
    for a NOT NULL column (1263); outside strict mode each is a warning, a missing field is
    NULL where the column's default is NULL and the type's zero otherwise, \\N the zero."""
    srv = servers.started(f"--secure-file-priv={files_dir}")
    def write(name, data):
        path = os.path.join(files_dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path
    one = write("one.tsv", b"1\n")
    twelve = write("twelve.tsv", b"12\n")
    extra = write("extra.tsv", b"1\ta\textra\n")
    null = write("null.tsv", b"\\N\ta\n")
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("CREATE DATABASE d")
        cur.execute("USE d")
        cur.execute("CREATE TABLE shape (id INT NOT NULL, label VARCHAR(10) NOT NULL)")
        assert error_code(lambda: cur.execute(f"LOAD DATA INFILE '{one}' INTO TABLE shape")) == 1261
        assert error_code(lambda: cur.execute(f"LOAD DATA INFILE '{extra}' INTO TABLE shape")) == 1262
        assert error_code(lambda: cur.execute(f"LOAD DATA INFILE '{null}' INTO TABLE shape")) == 1263
        missing = os.path.join(files_dir, "missing.tsv")
        assert error_code(lambda: cur.execute(f"LOAD DATA INFILE '{missing}' INTO TABLE shape")) == 13
        assert error_code(lambda: cur.execute(f"LOAD DATA INFILE '{one}' INTO TABLE nowhere.t")) == 1049
        cur.execute("SELECT COUNT(*) FROM shape")
        assert cur.fetchone() == (0,)
        cur.execute("SET sql_mode = ''")
        cur.execute("CREATE TABLE md (id INT, no_default INT NULL, explicit_default INT NULL DEFAULT 9,"
                    " not_null_default INT NOT NULL DEFAULT 7, body VARCHAR(10) NOT NULL DEFAULT 'd')")
        cur.execute(f"LOAD DATA INFILE '{twelve}' INTO TABLE md")
        cur.execute("SHOW WARNINGS")
        assert [row[1] for row in cur.fetchall()] == [1261, 1261, 1261, 1261]
        cur.execute("SELECT * FROM md")
        assert cur.fetchall() == ((12, None, 0, 0, ""),)
        cur.execute(f"LOAD DATA INFILE '{extra}' INTO TABLE shape")
        cur.execute("SHOW WARNINGS")
        assert [row[1] for row in cur.fetchall()] == [1262]
        cur.execute(f"LOAD DATA INFILE '{null}' INTO TABLE shape")
        cur.execute("SHOW WARNINGS")
        assert cur.fetchall() == (("Warning", 1263, "Column set to default value; NULL supplied to NOT NULL"
                                   " column 'id' at row 1"),)
        cur.execute("SELECT id, label FROM shape ORDER BY id")
        assert cur.fetchall() == ((0, "a"), (1, "a"))


# MariaDB 10.11 refuses with 4166 where MySQL 8.4 says 3948, and names a key 'PRIMARY'.
@pytest.mark.porpoise_only
def test_load_data_local_reads_the_clients_file(servers, files_dir):
    """LOAD DATA LOCAL: refused (3948) while local_infile is OFF or the client did not enable
    it; else the client sends the file (PyMySQL and the mariadb CLI, no FILE privilege or
    secure_file_priv involved), duplicate keys are skipped with warnings as under IGNORE,
    REPLACE replaces, and a file the client cannot read loads nothing."""
    srv = servers.started()
    local = os.path.join(files_dir, "local.tsv")
    with open(local, "wb") as f:
        f.write(b"1\tone\n2\ttwo\n2\tdup\n3\t\\N\n")
    srv.sql("CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY, s VARCHAR(10))",
            f"CREATE USER 'u'@'%' {identified('pw')}", "GRANT SELECT, INSERT, DELETE ON d.* TO 'u'@'%'",
            "SET GLOBAL local_infile = OFF")
    statement = f"LOAD DATA LOCAL INFILE '{local}' INTO TABLE d.t"
    with srv.connect("u", "pw", local_infile=True) as conn, conn.cursor() as cur:
        assert error_code(lambda: cur.execute(statement)) == 3948
    srv.sql("SET GLOBAL local_infile = ON")
    with srv.connect("u", "pw") as conn, conn.cursor() as cur:  # the client did not enable it
        assert error_code(lambda: cur.execute(statement)) == 3948
    with srv.connect("u", "pw", local_infile=True) as conn, conn.cursor() as cur:
        cur.execute(statement)
        assert cur.rowcount == 3
        assert cur._result.message.endswith(b"Records: 4  Deleted: 0  Skipped: 1  Warnings: 1")
        cur.execute("SHOW WARNINGS")
        assert cur.fetchall() == (("Warning", 1062, "Duplicate entry '2' for key 't.PRIMARY'"),)
        cur.execute("SELECT id, s FROM d.t ORDER BY id")
        assert cur.fetchall() == ((1, "one"), (2, "two"), (3, None))
        cur.execute(f"LOAD DATA LOCAL INFILE '{local}' REPLACE INTO TABLE d.t")
        cur.execute("SELECT s FROM d.t WHERE id = 2")
        assert cur.fetchone() == ("dup",)
        cur.execute("DELETE FROM d.t")
    cli = srv.client("mariadb", "--local-infile=1", "-uu", "-ppw", "-h127.0.0.1", f"-P{srv.port}",
                     "-e", f"{statement}; SELECT COUNT(*) FROM d.t")
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout.split() == ["COUNT(*)", "3"]
    missing = os.path.join(files_dir, "absent.tsv")
    cli = srv.client("mariadb", "--local-infile=1", "-uu", "-ppw", "-h127.0.0.1", f"-P{srv.port}",
                     "-e", f"LOAD DATA LOCAL INFILE '{missing}' INTO TABLE d.t")
    assert cli.returncode != 0 and "not found" in cli.stderr
    # The connection goes on after the refused transfer.
    assert srv.sql("SELECT COUNT(*) FROM d.t") == ((3,),)
