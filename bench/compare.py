#!/usr/bin/python3
# Porpoise vs MariaDB, side by side in one run: launch-to-accept time, idle RSS, RSS with 64
# idle connections, connect+auth+SELECT 1+close per second, median SELECT 1 round trip and a
# fresh datadir's size, with the ratios and the design targets. See bench/README.md.
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

from servers import PASSWORD, MariaDB, Porpoise, add_server_options, dir_size, vm_rss_kib

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

    r["connect_per_s"] = {}
    for label, name in target.users.items():
        r["connect_per_s"][label] = connect_rate(helper, target.port, name, args.seconds,
                                                 args.clients)
    r["select1_us"] = select_rtt_us(helper, target.port, user, args.queries)
    create_sbtest(target, user)
    r["point_select_us"] = select_rtt_us(helper, target.port, user, args.queries, "point")
    if helper:
        r["prepared_point_select_us"] = select_rtt_us(helper, target.port, user, args.queries,
                                                      "prepared")
        for mode in ("update", "prepared-update", "insert", "prepared-insert"):
            r[mode.replace("-", "_") + "_us"] = select_rtt_us(helper, target.port, user,
                                                              args.queries, mode)
    r["stored_s"] = stored_programs(target)
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
        return f"{value:.0f} us"
    if unit == "s":
        return f"{value:.3f} s"
    return str(value)


def report(results, helper):
    p, m = results.get("porpoise"), results.get("mariadb")

    def get(r, *keys):
        for k in keys:
            if r is None or k not in r:
                return None
            r = r[k]
        return r

    def ratio(a, b):
        return f"{a / b:.2f}x" if a is not None and b else "-"

    p_rate = get(p, "connect_per_s", "native")
    m_rate = get(m, "connect_per_s", "native")
    rows = [
        ("launch to first accept (median)", "ms", get(p, "launch_ms"), get(m, "launch_ms"),
         "<= 20 ms", lambda v, o: v <= 20),
        ("idle RSS", "MiB", get(p, "idle_rss_kib"), get(m, "idle_rss_kib"),
         "<= 10 MiB", lambda v, o: v <= 10 * 1024),
        ("RSS with 64 idle connections", "MiB", get(p, "rss_idle_conns_kib"),
         get(m, "rss_idle_conns_kib"), "", None),
        ("connect+auth+SELECT 1+close, native pw", "/s", p_rate, m_rate,
         ">= 2x MariaDB", lambda v, o: o is not None and v >= 2 * o),
        # MariaDB has no caching_sha2_password: compared with its native-password rate.
        ("connect+auth+SELECT 1+close, caching_sha2", "/s",
         get(p, "connect_per_s", "caching_sha2"), m_rate,
         ">= 2x MariaDB native", lambda v, o: o is not None and v >= 2 * o),
        ("SELECT 1 round trip (median)", "us", get(p, "select1_us"), get(m, "select1_us"),
         "", None),
        ("point select by primary key (median)", "us", get(p, "point_select_us"),
         get(m, "point_select_us"), "", None),
        ("the same, server-side prepared (median)", "us", get(p, "prepared_point_select_us"),
         get(m, "prepared_point_select_us"), "", None),
        ("UPDATE by primary key (median)", "us", get(p, "update_us"), get(m, "update_us"),
         "", None),
        ("the same, server-side prepared (median)", "us", get(p, "prepared_update_us"),
         get(m, "prepared_update_us"), "", None),
        ("single-row INSERT (median)", "us", get(p, "insert_us"), get(m, "insert_us"), "", None),
        ("the same, server-side prepared (median)", "us", get(p, "prepared_insert_us"),
         get(m, "prepared_insert_us"), "", None),
        ("procedure: WHILE loop, 100,000 passes", "s", get(p, "stored_s", "loop"),
         get(m, "stored_s", "loop"), "", None),
        ("procedure: 10,000 INSERTs, one transaction", "s", get(p, "stored_s", "inserts"),
         get(m, "stored_s", "inserts"), "", None),
        ("stored function over 10,000 rows", "s", get(p, "stored_s", "function"),
         get(m, "stored_s", "function"), "", None),
        ("fresh datadir (apparent size)", "bytes", get(p, "datadir_bytes"),
         get(m, "datadir_bytes"), "< 1 MB", lambda v, o: v < 1_000_000),
    ]
    head = ("metric", "porpoise", "mariadb", "porpoise/mariadb", "target", "met")
    table = [head]
    for name, unit, pv, mv, target, check in rows:
        met = "-"
        if check is not None and pv is not None:
            met = "yes" if check(pv, mv) else "NO"
        table.append((name, fmt(pv, unit), fmt(mv, unit), ratio(pv, mv), target, met))
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for i, r in enumerate(table):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print(f"client: {'libmariadb helper (bench/connbench.c)' if helper else 'PyMySQL'}")
    for name, r in results.items():
        print(f"{name}: launches {r['launch_all_ms']} ms; datadir allocated "
              f"{fmt(r['datadir_allocated'], 'bytes')}")


def main():
    ap = argparse.ArgumentParser(description="Porpoise vs MariaDB, side by side.")
    add_server_options(ap, REPO / "build/src/daemon/porpoised")
    ap.add_argument("--launches", type=int, default=5, help="launches for the median (5)")
    ap.add_argument("--seconds", type=float, default=3.0, help="connect-rate window (3 s)")
    ap.add_argument("--clients", type=int, default=1, help="parallel connect loops (1)")
    ap.add_argument("--queries", type=int, default=5000, help="SELECT 1 samples (5000)")
    ap.add_argument("--idle-connections", type=int, default=64)
    ap.add_argument("--settle", type=float, default=0.3, help="pause before reading RSS (s)")
    ap.add_argument("--pymysql", action="store_true", help="don't build the libmariadb helper")
    ap.add_argument("--json", help="also write the raw figures to this file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary datadirs")
    args = ap.parse_args()

    workdir = tempfile.mkdtemp(prefix="porpoise-bench-")
    helper = None if args.pymysql else build_helper(workdir)
    targets = []
    if args.only != "mariadb":
        if Path(args.porpoised).exists():
            targets.append(Porpoise(args.porpoised, workdir, args.porpoised_arg))
        else:
            print(f"note: {args.porpoised} not found; porpoise side skipped", file=sys.stderr)
    if args.only != "porpoise":
        targets.append(MariaDB(args.mariadbd, workdir, args.mariadb_arg))

    results = {}
    try:
        for t in targets:
            print(f"measuring {t.name} ...", file=sys.stderr)
            results[t.name] = measure(t, args, helper)
    finally:
        for t in targets:
            t.cleanup(args.keep)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    report(results, helper)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
