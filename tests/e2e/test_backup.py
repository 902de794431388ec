# porpoise-backup: an online backup taken while writers commit is one consistent instant
# (every commit acknowledged before it, no half transaction), restores into a new data
# directory a second server starts on, and the tool refuses what would lose data.
import datetime
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pymysql
import pytest

from harness import PORPOISED

pytestmark = pytest.mark.porpoise_only

BACKUP = Path(os.environ.get("PORPOISE_BACKUP",
                             PORPOISED.parent.parent / "backup" / "porpoise-backup"))
BATCH_PARTS = 5


def backup_tool(*args, timeout=300):
    if not BACKUP.exists():
        pytest.fail(f"porpoise-backup not found at {BACKUP} (build it or set PORPOISE_BACKUP)")
    return subprocess.run([str(BACKUP), "--no-defaults", *args], capture_output=True,
                          text=True, timeout=timeout)


def manifest(backup_dir):
    fields, files = {}, {}
    for line in (Path(backup_dir) / "porpoise-backup.manifest").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, rest = line.partition(" ")
        if key == "file":
            mode, size, sha256, name = rest.split(" ", 3)
            files[name] = (int(mode, 8), int(size), sha256)
        else:
            fields[key] = rest
    return fields, files


def utc_seconds(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()


class Writer(threading.Thread):
    """Commits numbered rows over its own connection: single-row autocommit inserts, and
    every fourth time a transaction of BATCH_PARTS rows in one database and a header row in
    another. Records, per id, when the statement was sent and when its OK came back."""

    def __init__(self, srv, number, stop):
        super().__init__(daemon=True)
        self.srv, self.number, self.stop = srv, number, stop
        self.sent, self.acked = {}, {}              # row id -> time.time()
        self.batch_sent, self.batch_acked = {}, {}  # batch id -> time.time()
        self.error = None

    def run(self):
        try:
            with self.srv.root() as conn, conn.cursor() as cur:
                sequence = 0
                while not self.stop.is_set():
                    sequence += 1
                    key = self.number * 1_000_000 + sequence
                    if sequence % 4 == 0:
                        self.batch(cur, key)
                        continue
                    self.sent[key] = time.time()
                    cur.execute("INSERT INTO bk.t VALUES (%s, %s, REPEAT('v', 100))",
                                (key, self.number))
                    self.acked[key] = time.time()
        except Exception as error:  # reported by the test
            self.error = error

    def batch(self, cur, key):
        self.batch_sent[key] = time.time()
        cur.execute("BEGIN")
        for part in range(BATCH_PARTS):
            cur.execute("INSERT INTO bk.parts VALUES (%s, %s)", (key, part))
        cur.execute("INSERT INTO ledger.batches VALUES (%s, %s)", (key, BATCH_PARTS))
        cur.execute("COMMIT")
        self.batch_acked[key] = time.time()


def create_schema(srv):
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("CREATE DATABASE bk")
        cur.execute("CREATE DATABASE ledger")
        cur.execute("CREATE TABLE bk.t (id BIGINT PRIMARY KEY, writer INT, v VARCHAR(200))")
        cur.execute("CREATE TABLE bk.parts (batch BIGINT, part INT, PRIMARY KEY (batch, part))")
        cur.execute("CREATE TABLE ledger.batches (batch BIGINT PRIMARY KEY, parts INT)")
        cur.execute("CREATE TABLE bk.filler (id INT PRIMARY KEY, pad VARCHAR(300), KEY (pad))")
        for start in range(0, 20_000, 1000):
            values = ",".join(f"({i}, REPEAT('{i % 10}', 250))" for i in range(start, start + 1000))
            cur.execute(f"INSERT INTO bk.filler VALUES {values}")
        cur.execute("CREATE USER 'app'@'%' IDENTIFIED WITH caching_sha2_password BY 'app-pw'")
        cur.execute("GRANT SELECT ON bk.* TO 'app'@'%'")


def column(srv, sql):
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute(sql)
        return {row[0] for row in cur.fetchall()}


def check_instant(acked, sent, present, snapshot, backup_ended, what):
    """The copy holds every id acknowledged before the snapshot and none sent after the
    backup ended."""
    for key, when in acked.items():
        if when < snapshot:
            assert key in present, f"{what} {key} acknowledged before the snapshot is missing"
    for key, when in sent.items():
        if when > backup_ended:
            assert key not in present, f"{what} {key} sent after the backup is in it"


def test_backup_under_write_load_is_one_instant(servers):
    srv = servers.started()
    create_schema(srv)
    stop = threading.Event()
    writers = [Writer(srv, number, stop) for number in range(1, 5)]
    for writer in writers:
        writer.start()
    time.sleep(1.5)

    target = srv.base / "backup"
    backup_started = time.time()
    result = backup_tool("--backup", f"--target-dir={target}", f"--datadir={srv.datadir}")
    backup_ended = time.time()
    time.sleep(1.0)
    stop.set()
    for writer in writers:
        writer.join(timeout=60)
        assert writer.error is None, f"writer {writer.number}: {writer.error!r}"
    assert result.returncode == 0, result.stderr
    assert "complete" in result.stdout, result.stdout

    fields, files = manifest(target)
    snapshot = utc_seconds(fields["snapshot_time"])
    assert backup_started <= snapshot <= backup_ended
    assert fields["server_version"].endswith("-porpoise")
    assert set(files) >= {"porpoise.db", "ca.pem", "ca-key.pem", "server-cert.pem",
                          "server-key.pem", "private_key.pem", "public_key.pem"}
    assert files["server-key.pem"][0] == 0o600 and files["private_key.pem"][0] == 0o600
    assert (target / "server-key.pem").stat().st_mode & 0o777 == 0o600
    # The copy of the data (accounts included) and its directory are the owner's alone.
    assert (target / "porpoise.db").stat().st_mode & 0o777 == 0o600
    assert target.stat().st_mode & 0o777 == 0o700
    acked_total = sum(len(w.acked) for w in writers)
    acked_during = sum(1 for w in writers for t in w.acked.values()
                       if backup_started <= t <= backup_ended)
    print(f"\nbackup: {backup_ended - backup_started:.3f} s wall, "
          f"porpoise.db {files['porpoise.db'][1]} bytes; {result.stdout.strip()}; "
          f"{acked_during} commits acknowledged during it, {acked_total} in all")
    assert acked_during > 0, "the writers were held up for the whole backup"

    restored = servers.new()
    result = backup_tool("--restore", f"--target-dir={target}", f"--datadir={restored.datadir}")
    assert result.returncode == 0, result.stderr
    assert (restored.datadir / "server-key.pem").stat().st_mode & 0o777 == 0o600
    assert not (restored.datadir / "porpoise.db.restoring").exists()
    restored.start()

    ids = column(restored, "SELECT id FROM bk.t")
    for writer in writers:
        check_instant(writer.acked, writer.sent, ids, snapshot, backup_ended, "row")
    assert any(sent > backup_ended for w in writers for sent in w.sent.values())

    # Each transaction is there whole (parts and header, in two databases) or not at all.
    with restored.root() as conn, conn.cursor() as cur:
        cur.execute("SELECT batch, COUNT(*) FROM bk.parts GROUP BY batch")
        parts = dict(cur.fetchall())
        cur.execute("SELECT batch, parts FROM ledger.batches")
        headers = dict(cur.fetchall())
        cur.execute("SELECT COUNT(*) FROM bk.filler")
        assert cur.fetchone() == (20_000,)
        for table in ("bk.t", "bk.parts", "ledger.batches", "bk.filler"):
            cur.execute(f"CHECK TABLE {table}")
            assert cur.fetchall()[-1][3] == "OK"
    assert set(parts) == set(headers)
    assert all(count == BATCH_PARTS for count in parts.values())
    assert set(headers.values()) <= {BATCH_PARTS}
    for writer in writers:
        check_instant(writer.batch_acked, writer.batch_sent, set(headers), snapshot,
                      backup_ended, "transaction")

    # The keys came back: an account logs in over TLS, verified against the original CA.
    ca = str(srv.datadir / "ca.pem")
    with restored.connect("app", "app-pw", ssl={"ca": ca, "check_hostname": False}) as conn, \
            conn.cursor() as cur:
        cur.execute("SHOW STATUS LIKE 'Ssl_version'")
        assert cur.fetchone()[1].startswith("TLS")
    for name in ("server-cert.pem", "server-key.pem", "private_key.pem"):
        assert (restored.datadir / name).read_bytes() == (srv.datadir / name).read_bytes()


def test_backup_of_a_stopped_server_with_datadir_from_option_file(servers):
    srv = servers.started()
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("CREATE DATABASE kept")
        cur.execute("CREATE TABLE kept.t (id INT PRIMARY KEY, v VARCHAR(20))")
        cur.execute("INSERT INTO kept.t VALUES (1, 'one'), (2, 'two')")
    assert srv.stop() == 0
    before = sorted(p.name for p in srv.datadir.iterdir())
    options = srv.base / "my.cnf"
    options.write_text(f"[mysqld]\ndatadir = {srv.datadir}\nport = 1\n\n"
                       "[porpoise-backup]\nbackup\n")
    target = srv.base / "stopped-backup"
    result = subprocess.run([str(BACKUP), f"--defaults-file={options}", "--target", str(target)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    # The source was only read: no -wal, -shm or other file left behind.
    assert sorted(p.name for p in srv.datadir.iterdir()) == before

    restored = servers.new()
    result = backup_tool("--restore", f"--target-dir={target}", f"--datadir={restored.datadir}")
    assert result.returncode == 0, result.stderr
    restored.start()
    assert restored.sql("SELECT id, v FROM kept.t ORDER BY id") == ((1, "one"), (2, "two"))
    # The root login is auth_socket over the socket, as on the source.
    assert restored.sql("SELECT plugin FROM mysql.user WHERE user = 'root'") == \
        (("auth_socket",),)


def test_backup_of_a_crashed_server_holds_its_acknowledged_commits(servers):
    # Left by kill -9, the commits are in the WAL only: the backup reads them from there.
    srv = servers.started()
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute("CREATE DATABASE crash")
        cur.execute("CREATE TABLE crash.t (id INT PRIMARY KEY)")
        for i in range(300):
            cur.execute("INSERT INTO crash.t VALUES (%s)", (i,))
    srv.kill9()
    target = srv.base / "backup"
    result = backup_tool("--backup", f"--target-dir={target}", f"--datadir={srv.datadir}")
    assert result.returncode == 0, result.stderr
    restored = servers.new()
    result = backup_tool("--restore", f"--target-dir={target}", f"--datadir={restored.datadir}")
    assert result.returncode == 0, result.stderr
    restored.start()
    assert restored.sql("SELECT COUNT(*), MAX(id) FROM crash.t") == ((300, 299),)


def test_refuses_what_would_lose_data(servers):
    srv = servers.started()
    target = srv.base / "backup"
    assert backup_tool("--backup", f"--target-dir={target}",
                       f"--datadir={srv.datadir}").returncode == 0

    # A non-empty target: nothing in it is touched.
    busy = srv.base / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    result = backup_tool("--backup", f"--target-dir={busy}", f"--datadir={srv.datadir}")
    assert result.returncode != 0 and "not empty" in result.stderr
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]

    # Restore into the data directory of a running server.
    result = backup_tool("--restore", f"--target-dir={target}", f"--datadir={srv.datadir}")
    assert result.returncode != 0
    assert "another porpoised is using the data directory" in result.stderr
    assert srv.sql("SELECT 1") == ((1,),)

    # Restore into a non-empty directory.
    result = backup_tool("--restore", f"--target-dir={target}", f"--datadir={busy}")
    assert result.returncode != 0 and "not empty" in result.stderr
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]

    # A directory without a manifest is no backup.
    result = backup_tool("--restore", f"--target-dir={busy}", f"--datadir={srv.base / 'new1'}")
    assert result.returncode != 0 and "no complete backup" in result.stderr
    assert not (srv.base / "new1").exists()

    # A damaged file: refused, and the new data directory is taken away again.
    damaged = srv.base / "damaged"
    shutil.copytree(target, damaged)
    data = bytearray((damaged / "porpoise.db").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (damaged / "porpoise.db").write_bytes(bytes(data))
    result = backup_tool("--restore", f"--target-dir={damaged}", f"--datadir={srv.base / 'new2'}")
    assert result.returncode != 0 and "damaged" in result.stderr
    assert not (srv.base / "new2").exists()

    # A missing data directory for a backup, and no mode at all.
    result = backup_tool("--backup", f"--target-dir={srv.base / 'new3'}",
                         f"--datadir={srv.base / 'nothing'}")
    assert result.returncode != 0 and "not a Porpoise data directory" in result.stderr
    assert not (srv.base / "new3").exists()
    result = backup_tool(f"--target-dir={target}")
    assert result.returncode == 2 and "--backup" in result.stderr


def test_help_and_version():
    result = backup_tool("--help")
    assert result.returncode == 0 and "--target-dir" in result.stdout
    result = backup_tool("--version")
    assert result.returncode == 0 and result.stdout.startswith("porpoise-backup  Ver 8.4")
