# Many clients at once: a slow or idle client blocks nobody, concurrent writers all land, and a
# writer waits for another's open transaction instead of failing.
import threading
import time

import pymysql
import pytest


def test_slow_and_idle_clients_do_not_block_others(server):
    server.sql("CREATE DATABASE IF NOT EXISTS conc", "CREATE TABLE IF NOT EXISTS conc.t (id INT)")
    idle = server.root()  # connected, never used until the end
    slow = server.root()
    slow_started = threading.Event()

    def run_slow():
        with slow.cursor() as cur:
            slow_started.set()
            cur.execute("SELECT SLEEP(2)")

    worker = threading.Thread(target=run_slow)
    worker.start()
    slow_started.wait()
    time.sleep(0.1)
    began = time.monotonic()
    for _ in range(20):
        with server.root() as conn, conn.cursor() as cur:
            cur.execute("SELECT COUNT(*) FROM conc.t")
            assert cur.fetchone() == (0,)
    elapsed = time.monotonic() - began
    worker.join()
    assert elapsed < 1.5, f"20 connect+query cycles took {elapsed:.2f}s beside a SLEEP(2)"
    with idle.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)
    idle.close()
    slow.close()


def test_concurrent_writers_all_commit(server):
    server.sql("CREATE DATABASE IF NOT EXISTS conc",
               "CREATE TABLE IF NOT EXISTS conc.w (writer INT, n INT, PRIMARY KEY (writer, n))")
    writers, rows_each = 8, 40
    errors = []

    def write(writer):
        try:
            with server.root() as conn, conn.cursor() as cur:
                for n in range(rows_each):
                    if n % 2:
                        cur.execute("INSERT INTO conc.w VALUES (%s, %s)", (writer, n))
                    else:
                        cur.execute("BEGIN")
                        cur.execute("INSERT INTO conc.w VALUES (%s, %s)", (writer, n))
                        cur.execute("SELECT COUNT(*) FROM conc.w WHERE writer = %s", (writer,))
                        cur.execute("COMMIT")
        except pymysql.MySQLError as err:  # collected: assert below names them
            errors.append(err.args)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = server.sql("SELECT writer, COUNT(*) FROM conc.w GROUP BY writer ORDER BY writer")
    assert rows == tuple((w, rows_each) for w in range(writers))


@pytest.mark.porpoise_only  # InnoDB's row locks let the second insert through at once
def test_writer_waits_for_an_open_transaction(server):
    # Porpoise has one writer at a time: a second writer must wait for the open transaction to
    # end (up to the lock wait timeout), not fail.
    server.sql("CREATE DATABASE IF NOT EXISTS conc", "CREATE TABLE IF NOT EXISTS conc.q (id INT)")
    holder = server.root(autocommit=False)
    with holder.cursor() as cur:
        cur.execute("BEGIN")
        cur.execute("INSERT INTO conc.q VALUES (1)")
    done = threading.Event()
    failures = []

    def second_writer():
        try:
            with server.root() as conn, conn.cursor() as cur:
                cur.execute("INSERT INTO conc.q VALUES (2)")
        except pymysql.MySQLError as err:
            failures.append(err.args)
        done.set()

    worker = threading.Thread(target=second_writer)
    worker.start()
    assert not done.wait(0.5), "the second writer did not wait for the open transaction"
    holder.commit()
    assert done.wait(10)
    worker.join()
    holder.close()
    assert failures == []
    assert server.sql("SELECT id FROM conc.q ORDER BY id") == ((1,), (2,))


def test_reads_survive_ddl_in_another_database(server):
    # Every database lives in one SQLite file, so each CREATE/DROP TABLE anywhere changes the
    # schema every other connection reads through; a reader must never see that as an error.
    server.sql("CREATE DATABASE IF NOT EXISTS ddlread", "CREATE DATABASE IF NOT EXISTS ddlstorm",
               "CREATE TABLE IF NOT EXISTS ddlread.t (id INT PRIMARY KEY)",
               "INSERT INTO ddlread.t VALUES (1), (2), (3)")
    stop = threading.Event()
    errors = []

    def storm(n):
        with server.root() as conn, conn.cursor() as cur:
            for i in range(300):
                if stop.is_set():
                    break
                cur.execute(f"CREATE TABLE ddlstorm.s{n}_{i % 5} (a INT, b VARCHAR(10), "
                            "KEY (a), KEY (b))")
                cur.execute(f"DROP TABLE ddlstorm.s{n}_{i % 5}")

    def read():
        with server.root() as conn, conn.cursor() as cur:
            for _ in range(600):
                if stop.is_set():
                    break
                try:
                    cur.execute("SELECT COUNT(*) FROM ddlread.t WHERE id > 0")
                    assert cur.fetchone() == (3,)
                except pymysql.MySQLError as e:
                    errors.append(e.args)

    threads = [threading.Thread(target=storm, args=(n,)) for n in range(2)]
    threads += [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    stop.set()
    assert errors == []
