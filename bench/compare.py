#!/usr/bin/python3
# Porpoise vs MariaDB, side by side in one run: launch-to-accept time, idle RSS, RSS with 64
# idle connections and with 512 connections, connect+auth+SELECT 1+close per second, median
# SELECT 1 round trip against the loopback floor, a bulk load through 1,000-row INSERTs and a
# GROUP BY over it, and a fresh datadir's size, with the ratios and the design targets. See
# bench/README.md.
import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymysql

from servers import (PASSWORD, MariaDB, Porpoise, add_server_options, dir_size,
                     max_connections_option, vm_rss_kib)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


# ---------------------------------------------------------------------------------------------
# Client side


def build_helper(workdir):
    """Compiles connbench.c against libmariadb; returns its path or None."""
    out = Path(workdir) / "connbench"
    try:
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libmariadb"],
                               check=True, capture_output=True, text=True).stdout.split()
        subprocess.run(["cc", "-O2", "-o", str(out), str(HERE / "connbench.c"), *flags],
                       check=True, capture_output=True, text=True)
        return str(out)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"note: cannot build the libmariadb helper ({e}); using PyMySQL", file=sys.stderr)
        return None


def connect_rate(helper, port, user, seconds, clients):
    """Completed connect+auth+SELECT 1+close per second, over `clients` parallel loops."""
    if helper:
        procs = [subprocess.Popen([helper, "connect", "127.0.0.1", str(port), user, PASSWORD,
                                   str(seconds)], stdout=subprocess.PIPE, text=True)
                 for _ in range(clients)]
        total, longest, errors = 0, 0.0, 0
        for p in procs:
            out, _ = p.communicate()
            if p.returncode != 0 or not out.strip():
                raise RuntimeError(f"connbench connect failed for {user}")
            done, elapsed, errs = out.split()
            total += int(done)
            longest = max(longest, float(elapsed))
            errors += int(errs)
        if errors:
            print(f"warning: {errors} failed connections for {user}", file=sys.stderr)
        return total / longest
    done, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        conn = pymysql.connect(host="127.0.0.1", port=port, user=user, password=PASSWORD)
        with conn.cursor() as cur:
            cur.execute("SELECT 1")
        conn.close()
        done += 1
    return done / (time.perf_counter() - t0)


def select_rtt_us(helper, port, user, count, mode="rtt"):
    """Median microseconds of one statement: SELECT 1 (mode "rtt"), a point select ("point",
    "prepared"), an UPDATE or INSERT ("update", "insert", "prepared-update", ...); the modes
    other than "rtt" and "point" need the C helper."""
    if helper:
        out = subprocess.run([helper, mode, "127.0.0.1", str(port), user, PASSWORD,
                              str(count)], check=True, capture_output=True, text=True).stdout
        return float(out.split()[0])
    conn = pymysql.connect(host="127.0.0.1", port=port, user=user, password=PASSWORD)
    samples = []
    rng = random.Random(42)
    with conn.cursor() as cur:
        for _ in range(count):
            sql = ("SELECT 1" if mode == "rtt" else
                   f"SELECT c FROM bench.sbtest WHERE id = {rng.randint(1, SBTEST_ROWS)}")
            t0 = time.perf_counter()
            cur.execute(sql)
            cur.fetchall()
            samples.append((time.perf_counter() - t0) * 1e6)
    conn.close()
    return statistics.median(samples)


SBTEST_ROWS = 10000


def create_sbtest(target, user):
    """sysbench's table shape (id primary key, k, c CHAR(120), pad CHAR(60)), 10,000 rows."""
    rng = random.Random(7)
    with target.root() as conn, conn.cursor() as cur:
        cur.execute("CREATE DATABASE bench")
        cur.execute("CREATE TABLE bench.sbtest (id INT NOT NULL PRIMARY KEY, k INT NOT NULL, "
                    "c CHAR(120) NOT NULL, pad CHAR(60) NOT NULL)")
        for start in range(1, SBTEST_ROWS + 1, 500):
            rows = ", ".join(
                f"({i}, {rng.randint(1, SBTEST_ROWS)}, '{rng.getrandbits(240):060x}', "
                f"'{rng.getrandbits(120):030x}')"
                for i in range(start, min(start + 500, SBTEST_ROWS + 1)))
            cur.execute(f"INSERT INTO bench.sbtest VALUES {rows}")
        cur.execute("CREATE TABLE bench.inserted (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                    "k INT NOT NULL, c CHAR(120) NOT NULL)")
        cur.execute(f"GRANT SELECT, INSERT, UPDATE ON bench.* TO '{user}'@'%'")


def stored_programs(target):
    """Seconds for a 100,000-pass WHILE loop in a procedure, 10,000 single-row INSERTs from a
    procedure in one transaction, and a stored function called for each of sbtest's rows."""
    with target.root() as conn, conn.cursor() as cur:
        cur.execute("CREATE TABLE bench.filled (id INT PRIMARY KEY, v INT)")
        cur.execute("CREATE PROCEDURE bench.spin(n INT) BEGIN DECLARE i INT DEFAULT 0; "
                    "WHILE i < n DO SET i = i + 1; END WHILE; END")
        cur.execute("CREATE PROCEDURE bench.fill(n INT) BEGIN DECLARE i INT DEFAULT 0; "
                    "WHILE i < n DO INSERT INTO bench.filled VALUES (i, i * 2); SET i = i + 1; "
                    "END WHILE; END")
        cur.execute("CREATE FUNCTION bench.twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2")
        timings = {}
        for name, statements in (("loop", ["CALL bench.spin(100000)"]),
                                 ("inserts", ["BEGIN", "CALL bench.fill(10000)", "COMMIT"]),
                                 ("function", ["SELECT SUM(bench.twice(k)) FROM bench.sbtest"])):
            start = time.perf_counter()
            for statement in statements:
                cur.execute(statement)
                cur.fetchall()
            timings[name] = time.perf_counter() - start
    return timings


def hold_connections(helper, target, user, count, settle):
    """Opens `count` authenticated connections that each run SELECT 1 and stay open; returns
    how many were served, how many failed, and the server's VmRSS while they are open."""
    if helper:
        # Its errors go to a file: a pipe nobody reads while it connects could fill up.
        with tempfile.TemporaryFile("w+") as err:
            proc = subprocess.Popen([helper, "hold", "127.0.0.1", str(target.port), user,
                                     PASSWORD, str(count)], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=err, text=True)
            line = proc.stdout.readline().split()
            served, errors = (int(line[0]), int(line[1])) if len(line) == 2 else (0, count)
            time.sleep(settle)
            rss = vm_rss_kib(target.proc.pid)
            proc.communicate()  # closing its stdin lets it close the connections
            err.seek(0)
            messages = sorted(set(err.read().splitlines()))[:5]
    else:
        conns, served, errors, messages = [], 0, 0, []
        for _ in range(count):
            try:
                conn = pymysql.connect(host="127.0.0.1", port=target.port, user=user,
                                       password=PASSWORD)
                conns.append(conn)
                with conn.cursor() as cur:
                    cur.execute("SELECT 1")
                served += 1
            except pymysql.MySQLError as e:
                errors += 1
                if str(e) not in messages:
                    messages.append(str(e))
        time.sleep(settle)
        rss = vm_rss_kib(target.proc.pid)
        for conn in conns:
            conn.close()
    if errors:
        print(f"warning: {target.name}: {errors} of {count} connections failed: {messages}",
              file=sys.stderr)
    return {"count": count, "served": served, "errors": errors, "rss_kib": rss,
            "messages": messages}


def ping_floor_us(helper, queries):
    """Median microseconds of a 13-byte TCP echo on 127.0.0.1, the floor under SELECT 1's
    round trip (the C helper only: a Python client's own cost would be the floor)."""
    if not helper:
        return None
    out = subprocess.run([helper, "ping", "127.0.0.1", "-", "-", "-", str(queries)],
                         check=True, capture_output=True, text=True).stdout
    return float(out.split()[0])


BULK_BATCH = 1000


def bulk_statements(rows):
    """The bulk load: INSERTs of BULK_BATCH rows each into bench.bulk, the same on every
    server and repetition (k is random in 1..rows, x in 0..999,999, c 60 hex digits)."""
    rng = random.Random(11)
    statements = []
    for start in range(1, rows + 1, BULK_BATCH):
        values = ",".join(
            f"({i},{rng.randint(1, rows)},{rng.randrange(1_000_000)},'{rng.getrandbits(240):060x}')"
            for i in range(start, min(start + BULK_BATCH, rows + 1)))
        statements.append("INSERT INTO bench.bulk (id, k, x, c) VALUES " + values)
    return statements


GROUP_BY = "SELECT k % 1000, COUNT(*), SUM(x), AVG(x) FROM bench.bulk GROUP BY 1"


def bulk_load(target, user, statements, rows):
    """Seconds to run `statements` into an empty bench.bulk over one TCP connection, each
    INSERT its own autocommitted transaction (one fsync per statement on both servers)."""
    with target.root() as conn, conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench.bulk")
        cur.execute("CREATE TABLE bench.bulk (id INT NOT NULL PRIMARY KEY, k INT NOT NULL, "
                    "x INT NOT NULL, c CHAR(60) NOT NULL)")
    conn = pymysql.connect(host="127.0.0.1", port=target.port, user=user, password=PASSWORD,
                           autocommit=True)
    with conn.cursor() as cur:
        start = time.perf_counter()
        for statement in statements:
            cur.execute(statement)
        seconds = time.perf_counter() - start
        cur.execute("SELECT COUNT(*) FROM bench.bulk")
        count = cur.fetchone()[0]
    conn.close()
    if count != rows:
        raise RuntimeError(f"{target.name}: bulk load left {count} rows, not {rows}")
    return seconds


def group_by(target, user, runs, rows):
    """Seconds of each of `runs` GROUP BY queries over bench.bulk (result fetched whole)."""
    conn = pymysql.connect(host="127.0.0.1", port=target.port, user=user, password=PASSWORD)
    timings = []
    with conn.cursor() as cur:
        for _ in range(runs):
            start = time.perf_counter()
            cur.execute(GROUP_BY)
            result = cur.fetchall()
            timings.append(time.perf_counter() - start)
            if sum(r[1] for r in result) != rows:
                raise RuntimeError(f"{target.name}: GROUP BY counted "
                                   f"{sum(r[1] for r in result)} rows, not {rows}")
    conn.close()
    return timings


def measure_alternating(targets, args, helper, results):
    """The figures taken with every server running: each repetition measures one server then
    the other, the next starts with the other one, and the medians are kept. The loopback
    floor is measured once per repetition, before the servers."""
    for t in targets:
        t.start()
    floors, samples = [], {t.name: {"connect": {}, "select1": [], "bulk": [], "group_by": []}
                           for t in targets}
    statements = bulk_statements(args.rows) if args.rows else []
    try:
        for rep in range(args.reps):
            order = targets if rep % 2 == 0 else targets[::-1]
            floor = ping_floor_us(helper, args.queries)
            if floor is not None:
                floors.append(floor)
            for t in order:
                print(f"rep {rep + 1}/{args.reps}: {t.name} connect rate, SELECT 1",
                      file=sys.stderr)
                s = samples[t.name]
                user = t.users["native"]
                for label, name in t.users.items():
                    s["connect"].setdefault(label, []).append(
                        connect_rate(helper, t.port, name, args.seconds, args.clients))
                s["select1"].append(select_rtt_us(helper, t.port, user, args.queries))
            for t in order if statements else ():
                print(f"rep {rep + 1}/{args.reps}: {t.name} bulk load of {args.rows:,} rows, "
                      "GROUP BY", file=sys.stderr)
                s = samples[t.name]
                s["bulk"].append(bulk_load(t, t.users["native"], statements, args.rows))
                s["group_by"] += group_by(t, t.users["native"], args.group_runs, args.rows)
    finally:
        for t in targets:
            t.stop()
    for t in targets:
        s, r = samples[t.name], results[t.name]
        r["connect_per_s"] = {label: statistics.median(v) for label, v in s["connect"].items()}
        r["connect_all_per_s"] = {label: [round(x) for x in v]
                                  for label, v in s["connect"].items()}
        r["select1_us"] = statistics.median(s["select1"])
        r["select1_all_us"] = s["select1"]
        if floors:
            r["floor_us"] = statistics.median(floors)
        if s["bulk"]:
            r["bulk_s"] = statistics.median(s["bulk"])
            r["bulk_rows_per_s"] = args.rows / r["bulk_s"]
            r["bulk_all_s"] = [round(x, 3) for x in s["bulk"]]
            r["bulk_rows"] = args.rows
            r["group_by_s"] = statistics.median(s["group_by"])
            r["group_by_all_s"] = [round(x, 4) for x in s["group_by"]]


DURABILITY = ("innodb_flush_log_at_trx_commit", "log_bin", "sync_binlog")


def durability(target):
    """The settings that decide what a commit syncs, as the server reports them (a variable
    it does not have is left out)."""
    found = {}
    with target.root() as conn, conn.cursor() as cur:
        for name in DURABILITY:
            try:
                cur.execute(f"SELECT @@global.{name}")
                found[name] = str(cur.fetchone()[0])
            except pymysql.MySQLError:
                pass
    return found


def measure(target, args, helper):
    r = {}
    target.initialize()
    r["datadir_bytes"], r["datadir_allocated"] = dir_size(target.datadir)
    launches = []
    for i in range(args.launches):
        launches.append(target.start())
        if i == 0:
            target.create_users()
        target.stop()
    r["launch_ms"] = statistics.median(launches) * 1000
    r["launch_all_ms"] = [round(x * 1000, 2) for x in launches]

    target.start()
    time.sleep(args.settle)
    r["idle_rss_kib"] = vm_rss_kib(target.proc.pid)
    user = target.users["native"]
    conns = [pymysql.connect(host="127.0.0.1", port=target.port, user=user, password=PASSWORD)
             for _ in range(args.idle_connections)]
    time.sleep(args.settle)
    r["rss_idle_conns_kib"] = vm_rss_kib(target.proc.pid)
    for c in conns:
        c.close()
    r["many_connections"] = hold_connections(helper, target, user, args.connections,
                                             args.settle)

    create_sbtest(target, user)
    r["point_select_us"] = select_rtt_us(helper, target.port, user, args.queries, "point")
    if helper:
        r["prepared_point_select_us"] = select_rtt_us(helper, target.port, user, args.queries,
                                                      "prepared")
        for mode in ("update", "prepared-update", "insert", "prepared-insert"):
            r[mode.replace("-", "_") + "_us"] = select_rtt_us(helper, target.port, user,
                                                              args.queries, mode)
    r["stored_s"] = stored_programs(target)
    r["durability"] = durability(target)
    target.stop()
    return r


# ---------------------------------------------------------------------------------------------
# Report


def fmt(value, unit):
    if value is None:
        return "-"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MiB":
        return f"{value / 1024:.1f} MiB"
    if unit == "bytes":
        return f"{value / 1024:.0f} KiB" if value < 1024 * 1024 else f"{value / 1048576:.1f} MiB"
    if unit == "/s":
        return f"{value:,.0f}/s"
    if unit == "us":
        return f"{value:.1f} us" if abs(value) < 100 else f"{value:.0f} us"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "rows/s":
        return f"{value:,.0f} rows/s"
    if unit == "served":
        return f"{value:,}"
    return str(value)


def get(r, *keys):
    for k in keys:
        if r is None or k not in r:
            return None
        r = r[k]
    return r


def advantage(pv, mv, better):
    """How many times better Porpoise's figure is than MariaDB's: Porpoise/MariaDB for a rate
    (better "higher"), MariaDB/Porpoise for a time or a size ("lower"); above 1 Porpoise is
    ahead. None when either is missing or better is None."""
    if pv is None or mv is None or better is None or not pv or not mv:
        return None
    return pv / mv if better == "higher" else mv / pv


def figure_rows(results):
    """The table's rows: (figure, unit, porpoise, mariadb, better, target, check), where check
    takes (porpoise, mariadb, advantage) and says whether the target is met."""
    p, m = results.get("porpoise"), results.get("mariadb")
    m_rate = get(m, "connect_per_s", "native")
    at_least = lambda x: (lambda v, o, a: a is not None and a >= x)  # noqa: E731
    floor = get(p, "floor_us") or get(m, "floor_us")

    def over_floor(r):
        s = get(r, "select1_us")
        return None if s is None or floor is None else s - floor

    def served(r):
        h = get(r, "many_connections")
        return None if h is None else h["served"]  # of n: all served means no errors

    n = get(p, "many_connections", "count") or get(m, "many_connections", "count") or 512
    rows = get(p, "bulk_rows") or get(m, "bulk_rows")
    return [
        ("launch to first accept (median)", "ms", get(p, "launch_ms"), get(m, "launch_ms"),
         "lower", "<= 20 ms", lambda v, o, a: v <= 20),
        ("idle RSS", "MiB", get(p, "idle_rss_kib"), get(m, "idle_rss_kib"), "lower",
         "<= 10 MiB", lambda v, o, a: v <= 10 * 1024),
        ("RSS with 64 idle connections", "MiB", get(p, "rss_idle_conns_kib"),
         get(m, "rss_idle_conns_kib"), "lower", "", None),
        (f"RSS with {n} connections", "MiB", get(p, "many_connections", "rss_kib"),
         get(m, "many_connections", "rss_kib"), "lower", "<= MariaDB, all served",
         lambda v, o, a: a is not None and a >= 1.0 and served(p) == n),
        (f"{n} connections served, no errors", "served", served(p), served(m), None,
         f"all {n}", lambda v, o, a: v == n),
        ("connect+auth+SELECT 1+close, native pw", "/s", get(p, "connect_per_s", "native"),
         m_rate, "higher", ">= 2x", at_least(2.0)),
        # MariaDB has no caching_sha2_password: compared with its native-password rate.
        ("connect+auth+SELECT 1+close, caching_sha2", "/s",
         get(p, "connect_per_s", "caching_sha2"), m_rate, "higher", ">= 2x (vs native)",
         at_least(2.0)),
        ("SELECT 1 round trip (median)", "us", get(p, "select1_us"), get(m, "select1_us"),
         "lower", "", None),
        ("loopback TCP echo floor (median)", "us", get(p, "floor_us"), get(m, "floor_us"),
         None, "", None),
        ("SELECT 1 round trip over the floor", "us", over_floor(p), over_floor(m), "lower",
         "", None),
        (f"bulk load, {rows or 0:,} rows in 1,000-row INSERTs", "rows/s",
         get(p, "bulk_rows_per_s"), get(m, "bulk_rows_per_s"), "higher", ">= 1.5x",
         at_least(1.5)),
        ("bulk load, seconds", "s", get(p, "bulk_s"), get(m, "bulk_s"), None, "", None),
        ("GROUP BY k % 1000 over those rows (median)", "s", get(p, "group_by_s"),
         get(m, "group_by_s"), "lower", ">= 1.0x", at_least(1.0)),
        ("point select by primary key (median)", "us", get(p, "point_select_us"),
         get(m, "point_select_us"), "lower", "", None),
        ("point select, server-side prepared (median)", "us", get(p, "prepared_point_select_us"),
         get(m, "prepared_point_select_us"), "lower", "", None),
        ("UPDATE by primary key (median)", "us", get(p, "update_us"), get(m, "update_us"),
         "lower", "", None),
        ("UPDATE, server-side prepared (median)", "us", get(p, "prepared_update_us"),
         get(m, "prepared_update_us"), "lower", "", None),
        ("single-row INSERT (median)", "us", get(p, "insert_us"), get(m, "insert_us"),
         "lower", "", None),
        ("single-row INSERT, server-side prepared (median)", "us", get(p, "prepared_insert_us"),
         get(m, "prepared_insert_us"), "lower", "", None),
        ("procedure: WHILE loop, 100,000 passes", "s", get(p, "stored_s", "loop"),
         get(m, "stored_s", "loop"), "lower", "", None),
        ("procedure: 10,000 INSERTs, one transaction", "s", get(p, "stored_s", "inserts"),
         get(m, "stored_s", "inserts"), "lower", "", None),
        ("stored function over 10,000 rows", "s", get(p, "stored_s", "function"),
         get(m, "stored_s", "function"), "lower", "", None),
        ("fresh datadir (apparent size)", "bytes", get(p, "datadir_bytes"),
         get(m, "datadir_bytes"), "lower", "< 1 MB", lambda v, o, a: v < 1_000_000),
    ]


def table_lines(results):
    """The rows as cells: figure, porpoise, mariadb, advantage, target, met (PASS/MISS)."""
    out = []
    for name, unit, pv, mv, better, target, check in figure_rows(results):
        a = advantage(pv, mv, better)
        met = "-"
        if check is not None and pv is not None:
            met = "PASS" if check(pv, mv, a) else "MISS"
        out.append((name, fmt(pv, unit), fmt(mv, unit), "-" if a is None else f"{a:.2f}x",
                    target, met))
    return out


def print_table(head, lines):
    table = [head, *lines]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for i, r in enumerate(table):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


HEAD = ("figure", "porpoise", "mariadb", "advantage", "target", "met")
ADVANTAGE_NOTE = ("advantage: how many times better Porpoise's figure is, Porpoise/MariaDB "
                  "for a rate, MariaDB/Porpoise for a time or a size (above 1: Porpoise ahead)")


def report(results, helper, meta):
    print_table(HEAD, table_lines(results))
    print()
    print(ADVANTAGE_NOTE)
    print(f"client: {'libmariadb helper (bench/connbench.c)' if helper else 'PyMySQL'}; "
          f"alternating figures: median of {meta['reps']} repetitions; {meta['seconds']:.0f} s")
    for name, r in results.items():
        h = r.get("many_connections", {})
        print(f"{name}: " + ", ".join(f"{k}={v}" for k, v in r["durability"].items()))
        print(f"{name}: launches {r['launch_all_ms']} ms; datadir allocated "
              f"{fmt(r['datadir_allocated'], 'bytes')}; connect/s {r.get('connect_all_per_s')}; "
              f"bulk s {r.get('bulk_all_s')}; GROUP BY s {r.get('group_by_all_s')}"
              + (f"; {h['errors']} of {h['count']} connections failed: {h['messages']}"
                 if h.get("errors") else ""))


def main():
    ap = argparse.ArgumentParser(description="Porpoise vs MariaDB, side by side.")
    add_server_options(ap, REPO / "build/src/daemon/porpoised")
    ap.add_argument("--launches", type=int, default=5, help="launches for the median (5)")
    ap.add_argument("--seconds", type=float, default=3.0, help="connect-rate window (3 s)")
    ap.add_argument("--clients", type=int, default=1, help="parallel connect loops (1)")
    ap.add_argument("--queries", type=int, default=5000, help="SELECT 1 samples (5000)")
    ap.add_argument("--reps", type=int, default=3,
                    help="repetitions of the alternating figures, for the median (3)")
    ap.add_argument("--rows", type=int, default=1_000_000,
                    help="rows of the bulk load (1,000,000); 0 skips it and the GROUP BY")
    ap.add_argument("--group-runs", type=int, default=3,
                    help="GROUP BY runs after each repetition's bulk load (3)")
    ap.add_argument("--idle-connections", type=int, default=64)
    ap.add_argument("--connections", type=int, default=512,
                    help="connections held open for the RSS at many connections (512)")
    ap.add_argument("--settle", type=float, default=0.3, help="pause before reading RSS (s)")
    ap.add_argument("--pymysql", action="store_true", help="don't build the libmariadb helper")
    ap.add_argument("--json", help="also write the raw figures to this file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary datadirs")
    args = ap.parse_args()

    workdir = tempfile.mkdtemp(prefix="porpoise-bench-")
    helper = None if args.pymysql else build_helper(workdir)
    max_conn = max_connections_option(args.connections)
    targets = []
    if args.only != "mariadb":
        if Path(args.porpoised).exists():
            targets.append(Porpoise(args.porpoised, workdir, [max_conn, *args.porpoised_arg]))
        else:
            print(f"note: {args.porpoised} not found; porpoise side skipped", file=sys.stderr)
    if args.only != "porpoise":
        targets.append(MariaDB(args.mariadbd, workdir, [max_conn, *args.mariadb_arg]))

    results = {}
    t0 = time.monotonic()
    try:
        for t in targets:
            print(f"measuring {t.name} ...", file=sys.stderr)
            results[t.name] = measure(t, args, helper)
        measure_alternating(targets, args, helper, results)
    finally:
        for t in targets:
            t.cleanup(args.keep)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    meta = {"seconds": round(time.monotonic() - t0, 1), "reps": args.reps, "rows": args.rows,
            "connections": args.connections, "client": "connbench" if helper else "pymysql",
            "options": vars(args)}
    report(results, helper, meta)
    if args.json:
        Path(args.json).write_text(json.dumps({"meta": meta, **results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
