# The concurrency model seen from real clients (PyMySQL over TCP): a mixed workload keeps its
# invariants, a transaction that read before another session's commit can still write, lock
# waits end with 1205 after innodb_lock_wait_timeout and are served in arrival order, an idle
# transaction holding the write lock is rolled back when another session waits
# (write_lock_idle_timeout), account changes stay consistent with what is committed, and DDL
# waits for the open transactions that used the table (metadata locks).
import random
import re
import struct
import threading
import time

import pymysql
import pytest

from harness import IS_PORPOISE, identified

USER, PASSWORD = "cm", "cm-pw"
STRESS_SECONDS = 10      # how long the mixed workload runs
STRESS_SESSIONS = 16
ACCOUNT_SECONDS = 3      # how long the account statements run side by side
ACCOUNTS, START_BALANCE = 20, 1000
ER_LOCK_WAIT_TIMEOUT, ER_LOCK_DEADLOCK = 1205, 1213
ER_ACCESS_DENIED, ER_NONEXISTING_GRANT = 1045, 1141


def add_admin(srv):
    """An account with every privilege that logs in over TCP with a password."""
    srv.sql(f"CREATE USER IF NOT EXISTS '{USER}'@'%' {identified(PASSWORD)}",
            f"GRANT ALL PRIVILEGES ON *.* TO '{USER}'@'%' WITH GRANT OPTION")


@pytest.fixture(scope="module")
def srv(server):
    add_admin(server)
    return server


def tcp(srv, **kw):
    kw.setdefault("read_timeout", 90)
    kw.setdefault("autocommit", True)
    return pymysql.connect(host="127.0.0.1", port=srv.port, user=USER, password=PASSWORD,
                           connect_timeout=10, **kw)


def query(conn, sql, args=None):
    with conn.cursor() as cur:
        cur.execute(sql, args)
        return cur.fetchall()



def in_transaction(conn):
    """SERVER_STATUS_IN_TRANS of the OK packet of a statement that changes nothing."""
    query(conn, "DO 0")
    return bool(conn.server_status & 1)

def error_code(err):
    return err.args[0] if err.args else None


class Background:
    """Runs one statement on a connection in a thread; keeps its result or error and when it
    ended."""

    def __init__(self, conn, sql):
        self.result = self.error = self.ended = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(conn, sql))
        self.started = time.monotonic()
        self.thread.start()

    def _run(self, conn, sql):
        try:
            self.result = query(conn, sql)
        except pymysql.MySQLError as err:
            self.error = err
        self.ended = time.monotonic()
        self.done.set()

    def join(self, timeout=30):
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the statement did not end"
        return self


# ---------------------------------------------------------------------------------------------
# 1. A mixed workload keeps its invariants


def test_mixed_workload_keeps_invariants(srv):
    srv.sql("CREATE DATABASE IF NOT EXISTS stress",
            "CREATE TABLE stress.accounts (id INT PRIMARY KEY, balance INT NOT NULL)",
            # No unique key on id: a transaction applied twice shows as a duplicate row.
            "CREATE TABLE stress.ledger (id BIGINT NOT NULL, src INT NOT NULL, dst INT NOT NULL,"
            " amount INT NOT NULL, KEY (id), KEY (src), KEY (dst))",
            "INSERT INTO stress.accounts VALUES " +
            ", ".join(f"({i}, {START_BALANCE})" for i in range(1, ACCOUNTS + 1)))
    total = ACCOUNTS * START_BALANCE
    lock = threading.Lock()
    counts = {"transfers": 0, "notes": 0, "reads": 0, ER_LOCK_WAIT_TIMEOUT: 0,
              ER_LOCK_DEADLOCK: 0}
    acknowledged = []      # ledger ids whose transaction committed
    failures = []          # anything but 1205 and 1213, and broken invariants
    deadline = time.monotonic() + STRESS_SECONDS
    # Per account: the starting balance, less what the ledger sent, plus what it received.
    mismatched = ("SELECT COUNT(*) FROM stress.accounts a WHERE a.balance <> %d"
                  " - (SELECT COALESCE(SUM(amount), 0) FROM stress.ledger WHERE src = a.id)"
                  " + (SELECT COALESCE(SUM(amount), 0) FROM stress.ledger WHERE dst = a.id)"
                  % START_BALANCE)

    def transfer(cur, rng, ledger_id):
        src, dst = rng.sample(range(1, ACCOUNTS + 1), 2)
        amount = rng.randint(1, 50)
        cur.execute("BEGIN")
        cur.execute("UPDATE stress.accounts SET balance = balance - %s WHERE id = %s",
                    (amount, src))
        cur.execute("UPDATE stress.accounts SET balance = balance + %s WHERE id = %s",
                    (amount, dst))
        cur.execute("INSERT INTO stress.ledger VALUES (%s, %s, %s, %s)",
                    (ledger_id, src, dst, amount))
        cur.execute("COMMIT")
        return "transfers"

    def note(cur, rng, ledger_id):
        cur.execute("INSERT INTO stress.ledger VALUES (%s, 0, 0, 0)", (ledger_id,))
        return "notes"

    def read(cur, rng, ledger_id):
        cur.execute("BEGIN")
        seen = []
        for _ in range(2):
            cur.execute("SELECT SUM(balance) FROM stress.accounts")
            balance = cur.fetchone()[0]
            cur.execute("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM stress.ledger")
            ledger = cur.fetchone()
            cur.execute(mismatched)
            wrong = cur.fetchone()[0]
            seen.append((int(balance), ledger, wrong))
            time.sleep(rng.random() * 0.005)
        cur.execute("COMMIT")
        if seen[0][0] != total or seen[0][2] != 0 or seen[0] != seen[1]:
            failures.append(f"a reader saw {seen} (total {total})")
        return "reads"

    def work(n):
        rng = random.Random(n)
        seq = 0
        try:
            with tcp(srv) as conn, conn.cursor() as cur:
                cur.execute("SET SESSION innodb_lock_wait_timeout = 5")
                while time.monotonic() < deadline and not failures:
                    kind = rng.choices((transfer, note, read), (5, 2, 3))[0]
                    seq += 1
                    ledger_id = n * 1_000_000 + seq
                    while time.monotonic() < deadline:  # retried after 1205 and 1213
                        try:
                            what = kind(cur, rng, ledger_id)
                        except pymysql.MySQLError as err:
                            if error_code(err) not in (ER_LOCK_WAIT_TIMEOUT, ER_LOCK_DEADLOCK):
                                raise
                            with lock:
                                counts[error_code(err)] += 1
                            cur.execute("ROLLBACK")
                            continue
                        with lock:
                            counts[what] += 1
                            if what != "reads":
                                acknowledged.append(ledger_id)
                        break
        except Exception as err:  # noqa: BLE001 - any other error fails the test below
            failures.append(f"session {n}: {err!r}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(STRESS_SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(STRESS_SECONDS + 120)
    assert not any(t.is_alive() for t in threads), "a session never finished"
    print(f"\nmixed workload over {STRESS_SECONDS}s, {STRESS_SESSIONS} sessions: "
          f"{counts['transfers']} transfers, {counts['notes']} ledger notes, "
          f"{counts['reads']} reads committed; {counts[ER_LOCK_WAIT_TIMEOUT]} lock wait "
          f"timeouts (1205), {counts[ER_LOCK_DEADLOCK]} deadlocks (1213) retried")
    assert failures == []
    assert srv.sql("SELECT SUM(balance) FROM stress.accounts") == ((total,),)
    assert srv.sql(mismatched) == ((0,),)
    assert srv.sql("SELECT id FROM stress.ledger GROUP BY id HAVING COUNT(*) > 1") == ()
    stored = [row[0] for row in srv.sql("SELECT id FROM stress.ledger")]
    assert len(stored) == len(acknowledged)
    assert sorted(stored) == sorted(acknowledged)
    assert counts["transfers"] >= 50 and counts["notes"] >= 20 and counts["reads"] >= 20


# ---------------------------------------------------------------------------------------------
# 2. A transaction that read before another session's commit can still write


@pytest.mark.parametrize("other_table", [False, True], ids=["same_table", "other_table"])
def test_write_after_read_sees_newer_commit(srv, other_table):
    db = "rw_other" if other_table else "rw_same"
    srv.sql(f"CREATE DATABASE IF NOT EXISTS {db}",
            f"CREATE TABLE {db}.t (id INT PRIMARY KEY, v INT NOT NULL)",
            f"CREATE TABLE {db}.u (id INT PRIMARY KEY)",
            f"INSERT INTO {db}.t VALUES (1, 10), (2, 20)")
    with tcp(srv) as a, tcp(srv) as b:
        query(a, "BEGIN")
        assert query(a, f"SELECT COUNT(*) FROM {db}.t") == ((2,),)
        if other_table:
            query(b, f"INSERT INTO {db}.u VALUES (7)")
        else:
            query(b, f"INSERT INTO {db}.t VALUES (3, 30)")
        with a.cursor() as cur:
            # InnoDB's UPDATE reads the newest committed rows, whatever A's snapshot holds.
            changed = cur.execute(f"UPDATE {db}.t SET v = v + 1")
        assert changed == (2 if other_table else 3)
        query(a, "COMMIT")
    assert srv.sql(f"SELECT id, v FROM {db}.t ORDER BY id") == \
        (((1, 11), (2, 21)) if other_table else ((1, 11), (2, 21), (3, 31)))
    assert srv.sql(f"SELECT id FROM {db}.u") == (((7,),) if other_table else ())


@pytest.mark.parametrize("level", ["READ COMMITTED", "READ UNCOMMITTED", "REPEATABLE READ"])
def test_read_committed_reads_the_newest_commit_per_statement(srv, level):
    """READ COMMITTED (and READ UNCOMMITTED) read each statement on the newest commits, a
    transaction's savepoints kept; REPEATABLE READ keeps the first read's snapshot."""
    db = "rc_" + level.split()[1].lower()
    srv.sql(f"CREATE DATABASE IF NOT EXISTS {db}", f"CREATE TABLE {db}.t (id INT PRIMARY KEY)")
    fresh = level != "REPEATABLE READ"
    with tcp(srv) as a, tcp(srv) as b:
        query(a, f"SET SESSION TRANSACTION ISOLATION LEVEL {level}")
        query(a, "BEGIN")
        assert query(a, f"SELECT COUNT(*) FROM {db}.t") == ((0,),)
        query(a, "SAVEPOINT s1")
        query(b, f"INSERT INTO {db}.t VALUES (1)")
        assert query(a, f"SELECT COUNT(*) FROM {db}.t") == (((1,),) if fresh else ((0,),))
        query(b, f"INSERT INTO {db}.t VALUES (2)")
        assert query(a, f"SELECT COUNT(*) FROM {db}.t") == (((2,),) if fresh else ((0,),))
        query(a, f"INSERT INTO {db}.t VALUES (3)")
        assert query(a, f"SELECT COUNT(*) FROM {db}.t") == ((3,),)
        query(a, "ROLLBACK TO SAVEPOINT s1")  # the savepoint survived the fresh snapshots
        assert query(a, f"SELECT COUNT(*) FROM {db}.t") == ((2,),)
        query(a, "COMMIT")
    assert srv.sql(f"SELECT id FROM {db}.t ORDER BY id") == ((1,), (2,))


# ---------------------------------------------------------------------------------------------
# 3. innodb_lock_wait_timeout, and waiters served in arrival order


def test_lock_wait_timeout(srv):
    srv.sql("CREATE DATABASE IF NOT EXISTS lw",
            "CREATE TABLE lw.t (id INT PRIMARY KEY, v INT NOT NULL)")
    # B's read timeout ends a wait that ignores the 1 s setting well before the default 50 s.
    with tcp(srv) as a, tcp(srv, read_timeout=10) as b:
        assert query(b, "SELECT @@GLOBAL.innodb_lock_wait_timeout, "
                        "@@SESSION.innodb_lock_wait_timeout") == ((50, 50),)
        query(a, "BEGIN")
        query(a, "INSERT INTO lw.t VALUES (1, 0)")
        busy = Background(a, "SELECT SLEEP(3)")  # A is running a statement, not idle
        time.sleep(0.2)
        query(b, "SET SESSION innodb_lock_wait_timeout = 1")
        assert query(b, "SELECT @@SESSION.innodb_lock_wait_timeout") == ((1,),)
        began = time.monotonic()
        with pytest.raises(pymysql.MySQLError) as caught:
            # Row 1 is A's uncommitted row: InnoDB's row lock and Porpoise's write lock both
            # make B wait.
            query(b, "UPDATE lw.t SET v = v + 1 WHERE id = 1")
        elapsed = time.monotonic() - began
        assert error_code(caught.value) == ER_LOCK_WAIT_TIMEOUT, caught.value.args
        assert 0.8 <= elapsed <= 2.5, f"1205 after {elapsed:.2f}s with a 1 s timeout"
        assert not busy.done.is_set(), "A's SLEEP(3) ended early"
        busy.join()
        assert busy.error is None
        query(a, "COMMIT")
        # B goes on normally after its timeout.
        query(b, "UPDATE lw.t SET v = v + 1 WHERE id = 1")
    assert srv.sql("SELECT id, v FROM lw.t") == ((1, 1),)
    assert srv.sql("SELECT @@GLOBAL.innodb_lock_wait_timeout") == ((50,),)


def test_lock_waiters_served_in_arrival_order(srv):
    srv.sql("CREATE DATABASE IF NOT EXISTS fifo",
            "CREATE TABLE fifo.t (id INT AUTO_INCREMENT PRIMARY KEY, who INT NOT NULL)")
    a = tcp(srv)
    waiters = [tcp(srv) for _ in range(3)]
    try:
        query(a, "BEGIN")
        query(a, "INSERT INTO fifo.t (who) VALUES (0)")
        busy = Background(a, "SELECT SLEEP(3)")
        time.sleep(0.2)
        inserts = []
        for who, conn in enumerate(waiters, start=1):
            inserts.append(Background(conn, f"INSERT INTO fifo.t (who) VALUES ({who})"))
            time.sleep(0.15)
        if IS_PORPOISE:
            # One writer at a time: the three wait for A. (InnoDB lets them insert at once.)
            assert not any(ins.done.is_set() for ins in inserts), \
                [ins.error for ins in inserts]
        busy.join()
        assert busy.error is None
        query(a, "COMMIT")
        for ins in inserts:
            ins.join()
            assert ins.error is None, ins.error.args
    finally:
        for conn in [a] + waiters:
            conn.close()
    assert srv.sql("SELECT who FROM fifo.t ORDER BY id") == ((0,), (1,), (2,), (3,))


# ---------------------------------------------------------------------------------------------
# 4. An idle transaction cannot block the server (Porpoise's write_lock_idle_timeout)


@pytest.mark.porpoise_only  # write_lock_idle_timeout is Porpoise's own variable
def test_idle_transaction_rolled_back_when_another_waits(srv):
    srv.sql("CREATE DATABASE IF NOT EXISTS idle1", "CREATE DATABASE IF NOT EXISTS idle2",
            "CREATE TABLE idle1.t (id INT PRIMARY KEY)",
            "CREATE TABLE idle2.t (id INT PRIMARY KEY)")
    srv.sql("SET GLOBAL write_lock_idle_timeout = 2")
    try:
        # B's read timeout ends a wait that outlasts write_lock_idle_timeout long before the
        # 50 s lock wait timeout would.
        with tcp(srv) as a, tcp(srv, read_timeout=10) as b:
            query(a, "BEGIN")
            query(a, "INSERT INTO idle1.t VALUES (1)")
            # A now sits idle, holding the write lock; B waits, then A is rolled back.
            began = time.monotonic()
            query(b, "INSERT INTO idle2.t VALUES (1)")
            waited = time.monotonic() - began
            assert waited < 6, f"B's INSERT waited {waited:.2f}s"
            began = time.monotonic()
            srv.sql(f"CREATE USER 'idle_u'@'%' {identified('idle-pw')}")
            assert time.monotonic() - began < 6
            with pytest.raises(pymysql.MySQLError) as caught:
                query(a, "INSERT INTO idle1.t VALUES (2)")
            assert error_code(caught.value) == ER_LOCK_DEADLOCK, caught.value.args
            assert srv.sql("SELECT id FROM idle1.t") == ()
            # A's session goes on: the rolled-back transaction is over.
            assert not in_transaction(a)
            query(a, "INSERT INTO idle1.t VALUES (3)")
            assert query(a, "SELECT id FROM idle1.t") == ((3,),)
        assert srv.sql("SELECT id FROM idle2.t") == ((1,),)
        assert srv.sql("SELECT user FROM mysql.user WHERE user = 'idle_u'") == (("idle_u",),)

        # Nobody waits: an idle transaction is left alone however long it idles.
        with tcp(srv) as a:
            query(a, "BEGIN")
            query(a, "INSERT INTO idle1.t VALUES (4)")
            time.sleep(3)
            query(a, "COMMIT")
        assert srv.sql("SELECT id FROM idle1.t ORDER BY id") == ((3,), (4,))
    finally:
        srv.sql("SET GLOBAL write_lock_idle_timeout = DEFAULT")


# ---------------------------------------------------------------------------------------------
# 5. Account changes are serialised: memory agrees with what is committed


ACCT_PRIVS = ("SELECT", "INSERT", "UPDATE", "DELETE")


def account_state(server, names):
    """What the server says of each account: its mysql.user row, whether it logs in, its
    privileges on `acct`.* by SHOW GRANTS and by mysql.db."""
    state = {}
    with tcp(server) as conn:
        users = {r[0] for r in query(conn, "SELECT user FROM mysql.user WHERE host = '%'")}
        db_rows = {r[0]: {p for p, flag in zip(ACCT_PRIVS, r[1:]) if flag == "Y"}
                   for r in query(conn, "SELECT user, Select_priv, Insert_priv, Update_priv,"
                                        " Delete_priv FROM mysql.db"
                                        " WHERE db = 'acct' AND host = '%'")}
        for name in names:
            try:
                grants = [r[0] for r in query(conn, f"SHOW GRANTS FOR '{name}'@'%'")]
            except pymysql.MySQLError as err:
                assert error_code(err) == ER_NONEXISTING_GRANT, err.args
                grants = None
            shown = None
            if grants is not None:
                shown = set()
                for line in grants:
                    match = re.match(r"GRANT (.*) ON `acct`\.\* TO ", line)
                    if match:
                        shown |= {p.strip() for p in match.group(1).split(",")}
            try:
                pymysql.connect(host="127.0.0.1", port=server.port, user=name,
                                password=f"pw-{name}", connect_timeout=10).close()
                logs_in = True
            except pymysql.MySQLError as err:
                assert error_code(err) == ER_ACCESS_DENIED, err.args
                logs_in = False
            state[name] = (name in users, logs_in, shown, db_rows.get(name, set()))
    return state


def test_account_changes_are_serialised(servers):
    server = servers.started()
    add_admin(server)
    server.sql("CREATE DATABASE acct")
    granted = [f"g{i}" for i in range(3)]
    for name in granted:
        server.sql(f"CREATE USER '{name}'@'%' {identified('pw-' + name)}")
    created = {n: [f"c{n}_{i}" for i in range(3)] for n in range(2)}
    exists = {name: False for names in created.values() for name in names}
    exists.update({name: True for name in granted})
    privs = {name: set() for name in exists}
    errors = []
    counts = [0, 0, 0]
    deadline = time.monotonic() + ACCOUNT_SECONDS

    def create_drop(n):
        rng = random.Random(n)
        with tcp(server) as conn:
            while time.monotonic() < deadline:
                name = rng.choice(created[n])
                if exists[name]:
                    query(conn, f"DROP USER '{name}'@'%'")
                    exists[name], privs[name] = False, set()
                else:
                    query(conn, f"CREATE USER '{name}'@'%' {identified('pw-' + name)}")
                    exists[name] = True
                    if rng.random() < 0.5:
                        query(conn, f"GRANT SELECT ON acct.* TO '{name}'@'%'")
                        privs[name] = {"SELECT"}
                counts[n] += 1

    def grant_revoke():
        rng = random.Random(7)
        with tcp(server) as conn:
            while time.monotonic() < deadline:
                name, priv = rng.choice(granted), rng.choice(ACCT_PRIVS)
                if priv in privs[name]:
                    query(conn, f"REVOKE {priv} ON acct.* FROM '{name}'@'%'")
                    privs[name].discard(priv)
                else:
                    query(conn, f"GRANT {priv} ON acct.* TO '{name}'@'%'")
                    privs[name].add(priv)
                counts[2] += 1

    def guarded(fn, *args):
        try:
            fn(*args)
        except Exception as err:  # noqa: BLE001 - any error fails the test below
            errors.append(repr(err))

    threads = [threading.Thread(target=guarded, args=(create_drop, n)) for n in created]
    threads.append(threading.Thread(target=guarded, args=(grant_revoke,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(ACCOUNT_SECONDS + 60)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    print(f"\naccount statements per thread in {ACCOUNT_SECONDS}s: {counts}")
    assert min(counts) >= 10
    expected = {name: (exists[name], exists[name], privs[name] if exists[name] else None,
                       privs[name] if exists[name] else set()) for name in exists}
    before = account_state(server, sorted(exists))
    assert before == expected
    server.restart()
    assert account_state(server, sorted(exists)) == before


# ---------------------------------------------------------------------------------------------
# 6. DDL waits for the open transactions that used the table (metadata locks)


def test_ddl_waits_for_open_transaction(srv):
    srv.sql("CREATE DATABASE IF NOT EXISTS mdl",
            "CREATE TABLE mdl.t (id INT PRIMARY KEY)", "INSERT INTO mdl.t VALUES (1), (2)",
            "CREATE TABLE mdl.other (id INT)")
    with tcp(srv) as a, tcp(srv) as b, tcp(srv) as c:
        query(a, "BEGIN")
        assert query(a, "SELECT * FROM mdl.t ORDER BY id") == ((1,), (2,))
        query(b, "SET SESSION lock_wait_timeout = 1")
        began = time.monotonic()
        with pytest.raises(pymysql.MySQLError) as caught:
            query(b, "DROP TABLE mdl.t")
        elapsed = time.monotonic() - began
        assert error_code(caught.value) == ER_LOCK_WAIT_TIMEOUT, caught.value.args
        assert 0.8 <= elapsed <= 2.5, f"1205 after {elapsed:.2f}s with a 1 s timeout"
        assert in_transaction(a)
        assert query(a, "SELECT * FROM mdl.t ORDER BY id") == ((1,), (2,))

        query(b, "SET SESSION lock_wait_timeout = 20")
        drop = Background(b, "DROP TABLE mdl.t")
        assert not drop.done.wait(0.7), f"DROP TABLE did not wait: {drop.error!r}"
        # DDL on another table is not held up.
        began = time.monotonic()
        query(c, "ALTER TABLE mdl.other ADD COLUMN v INT")
        query(c, "CREATE TABLE mdl.third (id INT)")
        query(c, "DROP TABLE mdl.third")
        assert time.monotonic() - began < 1.5
        assert not drop.done.is_set()
        # A transaction that starts using the table now waits behind the DROP (a pending
        # exclusive metadata lock holds newcomers back), here until its lock_wait_timeout.
        query(c, "SET SESSION lock_wait_timeout = 1")
        query(c, "BEGIN")
        with pytest.raises(pymysql.MySQLError) as caught:
            query(c, "SELECT * FROM mdl.t")
        assert error_code(caught.value) == ER_LOCK_WAIT_TIMEOUT, caught.value.args
        query(c, "ROLLBACK")
        assert not drop.done.is_set()
        assert query(a, "SELECT * FROM mdl.t ORDER BY id") == ((1,), (2,))
        query(a, "COMMIT")
        drop.join(10)
        assert drop.error is None, drop.error.args
    assert srv.sql("SELECT COUNT(*) FROM information_schema.tables "
                   "WHERE table_schema = 'mdl' AND table_name = 't'") == ((0,),)


@pytest.mark.porpoise_only  # MySQL's DDL on another table does not wait for the writer
def test_ddl_behind_a_writer_gives_up_at_lock_wait_timeout(srv):
    # With one writer at a time, a DDL statement waits for another session's open write
    # transaction, as MySQL's DDL waits for a metadata lock: lock_wait_timeout decides, not
    # innodb_lock_wait_timeout.
    srv.sql("CREATE DATABASE IF NOT EXISTS mdl", "CREATE TABLE IF NOT EXISTS mdl.w (id INT)")
    with tcp(srv) as a, tcp(srv) as b:
        query(a, "BEGIN")
        query(a, "INSERT INTO mdl.w VALUES (1)")
        query(b, "SET SESSION lock_wait_timeout = 1")
        query(b, "SET SESSION innodb_lock_wait_timeout = 30")
        began = time.monotonic()
        with pytest.raises(pymysql.MySQLError) as caught:
            query(b, "CREATE TABLE mdl.created_behind (id INT)")
        elapsed = time.monotonic() - began
        assert error_code(caught.value) == ER_LOCK_WAIT_TIMEOUT, caught.value.args
        assert 0.8 <= elapsed <= 2.5, f"1205 after {elapsed:.2f}s with a 1 s lock_wait_timeout"
        assert in_transaction(a)
        query(a, "COMMIT")
        query(b, "CREATE TABLE mdl.created_behind (id INT)")
        query(b, "DROP TABLE mdl.created_behind")


@pytest.mark.porpoise_only  # the WAL is Porpoise's own
def test_the_wal_restarts_under_commits_that_never_pause(srv):
    """Commits one after the other with no pause still let the WAL start again from its
    beginning (the checkpointer's last pass runs under the write lock), so it holds about one
    checkpoint's worth of frames instead of one more for every commit. The frames are counted
    from the WAL index (the file keeps its size across a restart, so earlier tests may have
    left it long)."""
    shm = srv.datadir / "porpoise.db-shm"

    def wal_frames():
        # The WAL index header's mxFrame: a native (little-endian here) u32 at offset 16.
        with open(shm, "rb") as index:
            return struct.unpack("<I", index.read(20)[16:20])[0]

    srv.sql("CREATE DATABASE IF NOT EXISTS walr",
            "CREATE TABLE walr.t (id INT PRIMARY KEY AUTO_INCREMENT, v LONGBLOB)")
    try:
        row = b"w" * 20000
        written = most = 0
        deadline = time.monotonic() + 30
        with tcp(srv) as writer:
            # 80 MB of rows, some 20,000 frames: with no restart the WAL would hold them all.
            while written < 80 * 1024 * 1024 and time.monotonic() < deadline:
                query(writer, "INSERT INTO walr.t (v) VALUES (%s)", (row,))
                written += len(row)
                most = max(most, wal_frames())
        assert written >= 40 * 1024 * 1024, "too few commits to tell"
        assert most < 8192, (most, written)  # 32 MiB of 4 KiB pages
    finally:
        srv.sql("DROP DATABASE IF EXISTS walr")


@pytest.mark.porpoise_only  # the WAL and write_lock_idle_timeout are Porpoise's own
def test_idle_old_snapshot_ends_when_the_wal_outgrows_its_bound(srv):
    """A transaction idle on an old snapshot keeps the WAL from being copied back; once the
    WAL passes 64 MiB that way, the transaction is rolled back (1213 at its next statement)
    and the WAL shrinks back to its bound."""
    wal = srv.datadir / "porpoise.db-wal"
    srv.sql("CREATE DATABASE IF NOT EXISTS walb",
            "CREATE TABLE walb.big (id INT PRIMARY KEY AUTO_INCREMENT, v LONGBLOB)",
            "SET GLOBAL write_lock_idle_timeout = 1")
    try:
        with tcp(srv, autocommit=False) as reader, tcp(srv) as writer:
            assert query(reader, "SELECT COUNT(*) FROM walb.big") == ((0,),)
            chunk = b"x" * 1000000
            for _ in range(90):  # 90 MB of rows the reader's snapshot does not have
                query(writer, "INSERT INTO walb.big (v) VALUES (%s)", (chunk,))
            deadline = time.monotonic() + 15
            caught = None
            while time.monotonic() < deadline and caught is None:
                time.sleep(1.5)  # idle past its limit (1 s) between reads
                try:
                    # Reads inside the same transaction: the old snapshot, until it is ended.
                    assert query(reader, "SELECT COUNT(*) FROM walb.big") == ((0,),)
                except pymysql.MySQLError as error:
                    caught = error
            assert caught is not None, "the idle reader kept its snapshot"
            assert error_code(caught) == ER_LOCK_DEADLOCK, caught.args
            # The reader goes on, on the newest data.
            assert query(reader, "SELECT COUNT(*) FROM walb.big") == ((90,),)
            reader.commit()
            # Nothing holds the WAL now: a checkpoint copies it all, and the next commit
            # starts it again and cuts the file back to 64 MiB.
            limit = 64 * 1024 * 1024
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and wal.stat().st_size > limit:
                time.sleep(1.2)
                query(writer, "INSERT INTO walb.big (v) VALUES ('small')")
            assert wal.stat().st_size <= limit
    finally:
        srv.sql("SET GLOBAL write_lock_idle_timeout = DEFAULT", "DROP DATABASE IF EXISTS walb")


def test_a_stored_functions_write_survives_a_later_fresh_snapshot(srv):
    """A write made by a stored function inside a SELECT takes the write lock too: the
    transaction has written, so a later write never swaps its snapshot (and its rows) out."""
    srv.sql("CREATE DATABASE IF NOT EXISTS sfw", "CREATE TABLE sfw.t (id INT PRIMARY KEY)",
            "CREATE FUNCTION sfw.f(x INT) RETURNS INT MODIFIES SQL DATA "
            "BEGIN INSERT INTO sfw.t VALUES (x); RETURN x; END")
    with tcp(srv) as a, tcp(srv) as b:
        query(a, "BEGIN")
        assert query(a, "SELECT sfw.f(600)") == ((600,),)
        began = time.monotonic()
        with pytest.raises(pymysql.MySQLError) as caught:  # the lock is A's until it ends
            query(b, "SET SESSION innodb_lock_wait_timeout = 1")
            query(b, "INSERT INTO sfw.t VALUES (700)")
        assert error_code(caught.value) == ER_LOCK_WAIT_TIMEOUT
        assert time.monotonic() - began < 10
        query(a, "INSERT INTO sfw.t VALUES (601)")
        query(a, "COMMIT")
        assert query(b, "SELECT id FROM sfw.t ORDER BY id") == ((600,), (601,))


def test_a_metadata_deadlock_rolls_the_transaction_back(srv):
    srv.sql("CREATE DATABASE IF NOT EXISTS mdd", "CREATE TABLE mdd.w (id INT)",
            "CREATE TABLE mdd.x (id INT)")
    with tcp(srv) as a, tcp(srv) as b:
        query(a, "BEGIN")
        query(a, "INSERT INTO mdd.w VALUES (100)")  # A holds the write lock
        done = threading.Event()

        def alter():
            try:
                query(b, "SET SESSION innodb_lock_wait_timeout = 20")
                query(b, "ALTER TABLE mdd.x ADD COLUMN c INT")  # takes x, then waits for A
            finally:
                done.set()

        worker = threading.Thread(target=alter)
        worker.start()
        time.sleep(0.5)
        with pytest.raises(pymysql.MySQLError) as caught:
            query(a, "SELECT * FROM mdd.x")
        assert error_code(caught.value) == ER_LOCK_DEADLOCK
        assert not in_transaction(a)
        worker.join(30)
        assert done.is_set()
        query(a, "BEGIN")  # would commit row 100 had the deadlock left it open
        query(a, "COMMIT")
        assert query(b, "SELECT COUNT(*) FROM mdd.w") == ((0,),)


def test_a_killed_write_ends_the_transaction_it_was_in(srv):
    """SQLite undoes the whole transaction when a write inside it is interrupted; the session
    says so (1213 on the next statement) instead of carrying on in autocommit."""
    srv.sql("CREATE DATABASE IF NOT EXISTS kw", "CREATE TABLE kw.t (id INT, v INT)",
            "INSERT INTO kw.t VALUES (0, 0)")
    with tcp(srv) as a, srv.root() as killer:
        query(a, "BEGIN")
        query(a, "INSERT INTO kw.t VALUES (1, 0)")
        worker = threading.Thread(
            target=lambda: pytest.raises(pymysql.MySQLError, query, a,
                                         "UPDATE kw.t SET v = SLEEP(5) WHERE id = 0"))
        worker.start()
        time.sleep(0.7)
        with killer.cursor() as cur:
            cur.execute(f"KILL QUERY {a.thread_id()}")
        worker.join(10)
        with pytest.raises(pymysql.MySQLError) as caught:
            query(a, "INSERT INTO kw.t VALUES (2, 0)")
        assert error_code(caught.value) == ER_LOCK_DEADLOCK
        assert query(a, "SELECT id FROM kw.t ORDER BY id") == ((0,),)


def test_a_ddl_waiting_for_the_write_lock_can_be_killed(srv):
    """DDL waits for the write lock before it takes the catalog's mutex: a second DDL queued
    behind it is an ordinary waiter, which KILL QUERY stops at once."""
    srv.sql("CREATE DATABASE IF NOT EXISTS dwk", "CREATE TABLE dwk.t (id INT)",
            "CREATE TABLE dwk.u (id INT)")
    with tcp(srv) as a, tcp(srv) as b, tcp(srv) as c, srv.root() as killer:
        query(a, "BEGIN")
        query(a, "INSERT INTO dwk.t VALUES (1)")  # A holds the write lock, busy soon
        holder = threading.Thread(target=query, args=(a, "SELECT SLEEP(4)"))
        holder.start()
        time.sleep(0.3)
        def alter():
            # (a DDL waits for the write lock under lock_wait_timeout; it goes on once A ends)
            try:
                query(b, "ALTER TABLE dwk.u ADD COLUMN c INT")
            except pymysql.MySQLError:
                pass

        waiting = threading.Thread(target=alter)
        waiting.start()
        time.sleep(0.3)
        outcome = {}

        def create():
            began = time.monotonic()
            try:
                query(c, "CREATE DATABASE dwk2")
            except pymysql.MySQLError as error:
                outcome["error"] = error_code(error)
            outcome["seconds"] = time.monotonic() - began

        second = threading.Thread(target=create)
        second.start()
        time.sleep(0.5)
        with killer.cursor() as cur:
            cur.execute(f"KILL QUERY {c.thread_id()}")
        second.join(10)
        assert outcome.get("error") == 1317, outcome
        assert outcome["seconds"] < 1.5, outcome
        holder.join(10)
        query(a, "ROLLBACK")
        waiting.join(10)
        assert not waiting.is_alive()


def test_information_schema_in_a_transaction_lists_a_table_created_since(srv):
    srv.sql("CREATE DATABASE IF NOT EXISTS isn", "CREATE TABLE isn.t1 (id INT)")
    with tcp(srv) as a, tcp(srv) as b:
        query(a, "BEGIN")
        assert query(a, "SELECT COUNT(*) FROM isn.t1") == ((0,),)
        query(b, "CREATE TABLE isn.t2 (id INT)")
        assert query(a, "SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.tables "
                        "WHERE TABLE_SCHEMA = 'isn' ORDER BY 1") == (("t1", 0), ("t2", 0))
        query(a, "COMMIT")
