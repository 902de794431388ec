# LOAD_FILE(path) reads a file of the server host as a LONGBLOB where secure_file_priv allows
# (a relative name is in the datadir) and the account holds FILE; everywhere else it is NULL,
# without an error: outside the directory, without FILE, for a missing file, one that not every
# account of the host may read, a directory, or a file larger than max_allowed_packet (with
# warning 1301). MariaDB 10.11 answers the missing FILE privilege and the unreadable file the
# same way; the tests that need MySQL 8.4's secure_file_priv default (NULL) are Porpoise's.
import os
import tempfile

import pytest

from harness import identified


@pytest.fixture
def files_dir():
    with tempfile.TemporaryDirectory(prefix="porpoise-files-") as path:
        os.chmod(path, 0o777)
        yield path


def write(path, data, mode=0o644):
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)


def test_a_file_inside_secure_file_priv_is_read_whole(servers, files_dir):
    srv = servers.started(f"--secure-file-priv={files_dir}")
    data = bytes(range(256)) * 4
    write(os.path.join(files_dir, "bytes.bin"), data)
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT LOAD_FILE(%s), LENGTH(LOAD_FILE(%s))",
                    (os.path.join(files_dir, "bytes.bin"),) * 2)
        assert cur.fetchone() == (data, len(data))
        cur.execute("SELECT LOAD_FILE(%s)", (os.path.join(files_dir, "missing"),))
        assert cur.fetchone() == (None,)
        cur.execute("SELECT LOAD_FILE(%s)", (files_dir,))
        assert cur.fetchone() == (None,)


def test_paths_outside_the_directory_are_null(servers, files_dir):
    srv = servers.started(f"--secure-file-priv={files_dir}")
    outside = tempfile.NamedTemporaryFile(delete=False)
    try:
        outside.write(b"secret")
        outside.close()
        os.chmod(outside.name, 0o644)
        sneaky = os.path.join(files_dir, "..", os.path.basename(outside.name))
        with srv.root() as conn, conn.cursor() as cur:
            cur.execute("SELECT LOAD_FILE(%s), LOAD_FILE(%s)", (outside.name, sneaky))
            assert cur.fetchone() == (None, None)
    finally:
        os.unlink(outside.name)


def test_a_file_not_every_account_may_read_is_null(servers, files_dir):
    srv = servers.started(f"--secure-file-priv={files_dir}")
    path = os.path.join(files_dir, "private.txt")
    write(path, b"private", mode=0o600)
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT LOAD_FILE(%s)", (path,))
        assert cur.fetchone() == (None,)


def test_larger_than_max_allowed_packet_is_null_with_1301(servers, files_dir):
    srv = servers.started(f"--secure-file-priv={files_dir}", "--max-allowed-packet=1048576")
    path = os.path.join(files_dir, "big.bin")
    write(path, b"x" * (1048576 + 1))
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT LOAD_FILE(%s)", (path,))
        assert cur.fetchone() == (None,)
        cur.execute("SHOW WARNINGS")
        assert cur.fetchall() == (
            ("Warning", 1301, "Result of load_file() was larger than max_allowed_packet "
                              "(1048576) - truncated"),)


def test_the_file_privilege_is_required(servers, files_dir):
    srv = servers.started(f"--secure-file-priv={files_dir}")
    path = os.path.join(files_dir, "f.txt")
    write(path, b"content")
    srv.sql(f"CREATE USER 'u'@'%' {identified('pw')}")
    with srv.connect("u", "pw") as conn, conn.cursor() as cur:
        cur.execute("SELECT LOAD_FILE(%s)", (path,))
        assert cur.fetchone() == (None,)
    srv.sql("GRANT FILE ON *.* TO 'u'@'%'")
    with srv.connect("u", "pw") as conn, conn.cursor() as cur:
        cur.execute("SELECT LOAD_FILE(%s)", (path,))
        assert cur.fetchone() == (b"content",)


@pytest.mark.porpoise_only
def test_without_secure_file_priv_nothing_is_read(servers, files_dir):
    srv = servers.started()
    path = os.path.join(files_dir, "f.txt")
    write(path, b"content")
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT @@secure_file_priv IS NULL, LOAD_FILE(%s)", (path,))
        assert cur.fetchone() == (1, None)
