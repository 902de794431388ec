# The concurrency model seen from real clients (PyMySQL over TCP): a mixed workload of
# transfers, ledger inserts and readers keeps its invariants under REPEATABLE READ with only
# 1205 and 1213 (retried) as errors, and concurrent account changes leave the server's
# in-memory accounts agreeing with what is committed, before and after a restart.
import random
import re
import threading
import time

import pymysql
import pytest

from harness import identified

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
    return pymysql.connect(host="127.0.0.1", port=srv.port, user=USER, password=PASSWORD,
                           autocommit=True, connect_timeout=10, **kw)


def query(conn, sql, args=None):
    with conn.cursor() as cur:
        cur.execute(sql, args)
        return cur.fetchall()


def error_code(err):
    return err.args[0] if err.args else None


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
# 2. Account changes are serialised: memory agrees with what is committed


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
