#!/usr/bin/python3
# sysbench's OLTP tests against porpoised and MariaDB side by side in one run: both servers
# run at once, each in a fresh temporary datadir on a free port, and every measurement runs
# once against each, alternating which goes first. Prints the median transactions per second,
# p95 latency, errors sysbench reported, the ratio Porpoise/MariaDB and the design's targets,
# and draws the ratios as a PNG chart. See bench/README.md.
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from servers import (PASSWORD, MariaDB, Porpoise, add_server_options, greeting_received,
                     max_connections_option)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

TESTS = ["oltp_point_select", "oltp_read_only", "oltp_write_only", "oltp_read_write",
         "oltp_update_index", "oltp_insert"]
THREADS = [1, 8, 64, 512]
PROTOCOLS = {"prepared": "auto", "text": "disable"}  # label -> --db-ps-mode

# test -> (lowest Porpoise/MariaDB ratio, thread counts it applies to; None: all of them)
TARGETS = {
    "oltp_point_select": (1.5, {8, 64}),
    "oltp_read_only": (1.0, None),
    "oltp_write_only": (1.0, None),
    "oltp_read_write": (1.0, None),
}

DATABASE = "sbtest"
USER = "bench_native"


def target_for(test, threads):
    goal = TARGETS.get(test)
    if goal is None or (goal[1] is not None and threads not in goal[1]):
        return None
    return goal[0]


# ---------------------------------------------------------------------------------------------
# Servers


def prepare_server(target):
    """Initialises and starts a server, with the benchmark's account and database."""
    target.initialize()
    target.start()
    target.create_users()
    with target.root() as conn, conn.cursor() as cur:
        cur.execute(f"CREATE DATABASE {DATABASE}")
        cur.execute(f"GRANT ALL PRIVILEGES ON {DATABASE}.* TO '{USER}'@'%'")


def server_died(target, wait=0.0):
    """True when the server has exited; waits up to `wait` seconds for a dying one, whose
    sockets close before its process is gone."""
    deadline = time.monotonic() + wait
    while True:
        if target.proc is None or target.proc.poll() is not None:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


# ---------------------------------------------------------------------------------------------
# sysbench


def sysbench_command(args, target, test, command, extra=()):
    return ["sysbench", test, "--db-driver=mysql", "--mysql-host=127.0.0.1",
            f"--mysql-port={target.port}", f"--mysql-user={USER}",
            f"--mysql-password={PASSWORD}", f"--mysql-db={DATABASE}", "--mysql-ssl=off",
            f"--mysql-ignore-errors={args.ignore_errors}", f"--tables={args.tables}",
            f"--table-size={args.table_size}", *extra, command]


def load_table(args, target, test):
    """Drops and recreates sysbench's tables: every test starts from the same data."""
    for command in ("cleanup", "prepare"):
        r = subprocess.run(sysbench_command(args, target, test, command), capture_output=True,
                           text=True, timeout=600)
        if r.returncode != 0:
            raise RuntimeError(f"{target.name}: sysbench {test} {command} failed "
                               f"(exit {r.returncode}):\n{r.stdout[-2000:]}{r.stderr[-2000:]}")


STAT = {
    "tps": re.compile(r"^\s*transactions:\s+\d+\s+\(([\d.]+) per sec\.\)", re.M),
    "qps": re.compile(r"^\s*queries:\s+\d+\s+\(([\d.]+) per sec\.\)", re.M),
    "ignored_errors": re.compile(r"^\s*ignored errors:\s+(\d+)", re.M),
    "reconnects": re.compile(r"^\s*reconnects:\s+(\d+)", re.M),
    "avg_ms": re.compile(r"^\s*avg:\s+([\d.]+)", re.M),
    "p95_ms": re.compile(r"^\s*95th percentile:\s+([\d.]+)", re.M),
    "max_ms": re.compile(r"^\s*max:\s+([\d.]+)", re.M),
}
IGNORED = re.compile(r"Ignoring error (\d+) (.*?),?\s*$")
REPEATED = re.compile(r"^\(last message repeated (\d+) times\)")


def parse_output(text):
    """sysbench's figures, the ignored errors by code (from its debug lines, where a repeat
    of the same line is folded into "(last message repeated N times)"), and the lines that
    tell of a failure (FATAL, ALERT, "error")."""
    r = {}
    for key, pattern in STAT.items():
        m = pattern.search(text)
        if m is None:
            r[key] = None
        else:
            r[key] = int(m.group(1)) if key in ("ignored_errors", "reconnects") \
                else float(m.group(1))
    codes, messages, problems = {}, {}, []
    last = None
    for line in text.splitlines():
        m = IGNORED.search(line)
        if m:
            last = m.group(1)
            codes[last] = codes.get(last, 0) + 1
            messages.setdefault(last, m.group(2).strip())
            continue
        m = REPEATED.match(line)
        if m and last is not None:
            codes[last] += int(m.group(1))
            continue
        last = None
        if (line.startswith(("FATAL", "ALERT")) or "error" in line.lower()) \
                and not line.startswith("DEBUG") and "ignored errors:" not in line:
            problems.append(line.strip())
    r["fatal_codes"] = sorted({m.group(1) for line in problems
                               for m in [re.search(r"\berror (\d+)\b", line)] if m})
    r["error_codes"] = codes
    r["error_messages"] = messages
    r["problems"] = problems[:20]
    return r


def one_line(error, limit=500):
    return " ".join(str(error).split())[:limit]


def failed_run(message):
    """The record of a run that could not start (its table did not load)."""
    r = parse_output("")
    r.update(rc=None, timed_out=False, seconds=0.0, crashed=False, ok=False,
             problems=[message])
    return r


def run_once(args, target, test, threads, protocol):
    cmd = sysbench_command(args, target, test, "run", [
        f"--threads={threads}", f"--time={args.time}", f"--db-ps-mode={PROTOCOLS[protocol]}",
        "--percentile=95", "--verbosity=5", "--report-interval=0"])
    started = time.monotonic()
    timed_out = False
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=args.time + args.grace)
    except subprocess.TimeoutExpired:
        timed_out = True
        proc.kill()
        out, _ = proc.communicate()
    r = parse_output(out)
    failed = proc.returncode != 0 or timed_out or r["reconnects"]
    r.update(rc=proc.returncode, timed_out=timed_out,
             seconds=round(time.monotonic() - started, 2),
             crashed=server_died(target, wait=5.0 if failed else 0.0))
    if failed and not r["crashed"] and not greeting_received(target.port, timeout=5.0):
        r["problems"].insert(0, f"{target.name} is running but does not answer a new "
                                "connection within 5 s")
    if timed_out:
        r["problems"].insert(0, f"sysbench did not finish within {args.time + args.grace:g} s; "
                                "killed")
    if r["crashed"]:
        r["problems"].insert(0, f"{target.name} exited with {target.proc.returncode}")
        r["server_log"] = target.log_tail()
    r["ok"] = proc.returncode == 0 and not timed_out and r["tps"] is not None
    return r


# ---------------------------------------------------------------------------------------------
# Report


def summarise(runs, servers, tests, threads_list, protocols):
    """One row per test, thread count and protocol: medians over the successful runs."""
    rows = []
    for test in tests:
        for protocol in protocols:
            for threads in threads_list:
                row = {"test": test, "threads": threads, "protocol": protocol}
                for name in servers:
                    mine = [r for r in runs if r["server"] == name and r["test"] == test
                            and r["threads"] == threads and r["protocol"] == protocol]
                    good = [r for r in mine if r["ok"]]
                    codes, fatal = {}, set()
                    for r in mine:
                        fatal.update(r["fatal_codes"])
                        for code, n in r["error_codes"].items():
                            codes[code] = codes.get(code, 0) + n
                    row[name] = {
                        "runs": len(mine),
                        "failed": len(mine) - len(good),
                        "crashed": sum(1 for r in mine if r["crashed"]),
                        "tps": statistics.median(r["tps"] for r in good) if good else None,
                        "p95_ms": statistics.median(r["p95_ms"] for r in good
                                                    if r["p95_ms"] is not None) if good else None,
                        "errors": sum((r["ignored_errors"] or 0) for r in mine),
                        "reconnects": sum((r["reconnects"] or 0) for r in mine),
                        "error_codes": codes,
                        "fatal_codes": sorted(fatal),
                    }
                p, m = row.get("porpoise", {}).get("tps"), row.get("mariadb", {}).get("tps")
                row["ratio"] = p / m if p is not None and m else None
                row["target"] = target_for(test, threads)
                row["met"] = (None if row["target"] is None or row["ratio"] is None
                              else row["ratio"] >= row["target"])
                rows.append(row)
    return rows


def cell(s):
    if not s or not s["runs"]:
        return "-", "-", "-"
    tps = "failed" if s["tps"] is None else f"{s['tps']:,.0f}"
    if s["failed"] and s["tps"] is not None:
        tps += f" ({s['failed']}/{s['runs']} failed)"
    p95 = "-" if s["p95_ms"] is None else f"{s['p95_ms']:.2f}"
    errs = s["errors"] + s["reconnects"]
    err = str(errs)
    if s["error_codes"]:
        err += " (" + ", ".join(f"{c}x{n}" for c, n in sorted(s["error_codes"].items())) + ")"
    if s["reconnects"]:
        err += f" {s['reconnects']} reconnects"
    if s["fatal_codes"]:
        err += " fatal " + ",".join(s["fatal_codes"])
    if s["crashed"]:
        err += f" CRASHED x{s['crashed']}"
    return tps, p95, err


def print_table(rows, servers):
    head = ["test", "threads", "protocol"]
    for name in servers:
        head += [f"{name} tps", "p95 ms", "errors"]
    head += ["ratio", "target", "met"]
    table = [head]
    for row in rows:
        line = [row["test"].removeprefix("oltp_"), str(row["threads"]), row["protocol"]]
        for name in servers:
            line += cell(row.get(name))
        line.append("-" if row["ratio"] is None else f"{row['ratio']:.2f}x")
        line.append("-" if row["target"] is None else f">= {row['target']:g}x")
        line.append("-" if row["met"] is None else ("met" if row["met"] else "MISSED"))
        table.append(line)
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for i, r in enumerate(table):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    goals = [r for r in rows if r["met"] is not None]
    if goals:
        print(f"\ntargets met: {sum(1 for r in goals if r['met'])} of {len(goals)}")
    print("errors: transactions sysbench restarted after an error of --mysql-ignore-errors "
          "(code x count) and reconnects, summed over the repetitions; fatal: the codes that "
          "ended a run")


def print_problems(runs):
    """Every run that failed, crashed its server or met errors, with what sysbench said."""
    bad = [r for r in runs if not r["ok"] or r["error_codes"] or r["reconnects"]
           or r["problems"]]
    if not bad:
        return
    print("\nruns with errors:")
    for r in bad:
        codes = ", ".join(f"{c} x{n} ({r['error_messages'].get(c, '')})"
                          for c, n in sorted(r["error_codes"].items()))
        state = "ok" if r["ok"] else f"FAILED (exit {r['rc']})"
        print(f"  {r['server']} {r['test']} {r['threads']} threads {r['protocol']} "
              f"rep {r['rep']}: {state}" + (f"; ignored {codes}" if codes else "")
              + (f"; {r['reconnects']} reconnects" if r["reconnects"] else ""))
        for line in r["problems"][:5]:
            print(f"      {line[:300]}")
        for line in r.get("server_log", [])[-10:]:
            print(f"      {line[:300]}")


def draw_chart(rows, tests, threads_list, protocols, path, workdir, title):
    """Porpoise/MariaDB tps ratio per test and thread count, one panel per protocol, with the
    targets as lines (gnuplot)."""
    gnuplot = shutil.which("gnuplot")
    if gnuplot is None:
        print("note: gnuplot not found (apt-get install gnuplot-nox); no chart", file=sys.stderr)
        return False
    data = Path(workdir) / "ratios.dat"
    with open(data, "w") as f:
        for protocol in protocols:
            f.write(f"# {protocol}\ntest " + " ".join(
                f'"{t} thread{"" if t == 1 else "s"}"' for t in threads_list) + "\n")
            for test in tests:
                values = []
                for threads in threads_list:
                    row = next(r for r in rows if r["test"] == test and r["threads"] == threads
                               and r["protocol"] == protocol)
                    values.append("-" if row["ratio"] is None else f"{row['ratio']:.3f}")
                f.write(test.removeprefix("oltp_") + " " + " ".join(values) + "\n")
            f.write("\n\n")
    ncols = len(threads_list)
    plots = []
    for i, protocol in enumerate(protocols):
        plots.append(f"""
set title "{protocol} protocol"
plot for [c=2:{ncols + 1}] '{data}' index {i} using c:xtic(1) title columnheader(c), \\
     1.0 with lines dashtype 2 linecolor rgb '#444444' title 'parity', \\
     1.5 with lines dashtype 3 linecolor rgb '#cc0000' title 'point_select target'
""")
    script = f"""
set terminal pngcairo noenhanced size 1200,{420 * len(protocols)} font ',10'
set output '{path}'
set datafile missing '-'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:*]
set grid ytics
set ylabel 'Porpoise tps / MariaDB tps'
set key outside right top
set multiplot layout {len(protocols)},1 title "{title}"
{''.join(plots)}
unset multiplot
"""
    r = subprocess.run([gnuplot], input=script, capture_output=True, text=True)
    if r.returncode != 0:
        print(f"note: gnuplot failed: {r.stderr.strip()}", file=sys.stderr)
        return False
    return True


def version_of(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return None


def main():
    ap = argparse.ArgumentParser(description="sysbench OLTP tests, Porpoise vs MariaDB.")
    add_server_options(ap, REPO / "build-rel/src/daemon/porpoised")
    ap.add_argument("--tests", default=",".join(t.removeprefix("oltp_") for t in TESTS),
                    help="comma-separated sysbench tests, with or without oltp_ "
                         "(default: all six)")
    ap.add_argument("--threads", default=",".join(map(str, THREADS)),
                    help="comma-separated thread counts (1,8,64,512)")
    ap.add_argument("--protocols", default="prepared,text",
                    help="prepared (--db-ps-mode=auto), text (disable), or both (default)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions for the median (3)")
    ap.add_argument("--time", type=int, default=10, help="seconds per run (10)")
    ap.add_argument("--tables", type=int, default=1, help="sysbench --tables (1)")
    ap.add_argument("--table-size", type=int, default=10000, help="rows per table (10000)")
    ap.add_argument("--ignore-errors", default="1213,1020,1205",
                    help="sysbench --mysql-ignore-errors: codes whose transaction is restarted "
                         "and counted instead of ending the run (sysbench's default "
                         "1213,1020,1205; 'none' makes every error end the run)")
    ap.add_argument("--grace", type=float, default=120.0,
                    help="seconds past --time before a hung sysbench is killed (120)")
    ap.add_argument("--chart", default=str(REPO / "docs/sysbench.png"),
                    help="PNG chart of the ratios (docs/sysbench.png); '' for none")
    ap.add_argument("--json", help="also write every run's raw figures to this file")
    ap.add_argument("--workdir", help="where the temporary datadirs go (default: $TMPDIR); "
                                      "its file system decides what an fsync costs")
    ap.add_argument("--keep", action="store_true", help="keep the temporary datadirs")
    args = ap.parse_args()

    tests = [t if t.startswith("oltp_") else f"oltp_{t}" for t in args.tests.split(",") if t]
    for t in tests:
        if not Path(f"/usr/share/sysbench/{t}.lua").exists():
            ap.error(f"no sysbench test {t} in /usr/share/sysbench")
    threads_list = [int(t) for t in args.threads.split(",") if t]
    protocols = [p for p in args.protocols.split(",") if p]
    for p in protocols:
        if p not in PROTOCOLS:
            ap.error(f"unknown protocol {p}: prepared or text")
    if shutil.which("sysbench") is None:
        ap.error("sysbench not found (apt-get install sysbench)")

    # Room for every sysbench thread, its prepare connection and the root session.
    max_conn = max_connections_option(max(threads_list))
    workdir = tempfile.mkdtemp(prefix="porpoise-sysbench-", dir=args.workdir)
    targets = []
    if args.only != "mariadb":
        if not Path(args.porpoised).exists():
            ap.error(f"{args.porpoised} not found (build it, or --only mariadb)")
        targets.append(Porpoise(args.porpoised, workdir, [max_conn, *args.porpoised_arg]))
    if args.only != "porpoise":
        # Stock durability: innodb_flush_log_at_trx_commit=1 and no binary log, so each
        # commit is one fsync of the redo log, as each of Porpoise's is one of SQLite's.
        targets.append(MariaDB(args.mariadbd, workdir, [max_conn, *args.mariadb_arg]))
    servers = [t.name for t in targets]

    meta = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "cpus": os.cpu_count(),
        "sysbench": version_of(["sysbench", "--version"]),
        "porpoised": version_of([args.porpoised, "--no-defaults", "--version"])
        if "porpoise" in servers else None,
        "mariadbd": version_of([args.mariadbd, "--no-defaults", "--version"])
        if "mariadb" in servers else None,
        "options": {k: v for k, v in vars(args).items()},
        "workdir": workdir,
    }
    runs = []
    total = len(tests) * len(protocols) * len(threads_list) * args.reps * len(targets)
    t0 = time.monotonic()
    try:
        for t in targets:
            print(f"starting {t.name} in {t.base} ...", file=sys.stderr)
            prepare_server(t)
        for test in tests:
            unloaded = {}  # server -> why its table could not be loaded
            for t in targets:
                try:
                    load_table(args, t, test)
                except (RuntimeError, subprocess.TimeoutExpired) as e:
                    unloaded[t.name] = one_line(e)
                    print(f"{unloaded[t.name]}; its {test} runs are counted as failed",
                          file=sys.stderr)
            for protocol in protocols:
                for threads in threads_list:
                    for rep in range(args.reps):
                        # Alternate which server goes first, so neither always runs on the
                        # machine the other has just warmed (or heated).
                        order = targets if rep % 2 == 0 else targets[::-1]
                        for t in order:
                            if t.name in unloaded:
                                r = failed_run(unloaded[t.name])
                            else:
                                r = run_once(args, t, test, threads, protocol)
                            r.update(server=t.name, test=test, threads=threads,
                                     protocol=protocol, rep=rep)
                            runs.append(r)
                            status = (f"{r['tps']:,.0f} tps" if r["ok"] else "FAILED")
                            errs = sum(r["error_codes"].values()) or r["ignored_errors"] or 0
                            print(f"[{len(runs)}/{total} {time.monotonic() - t0:.0f}s] "
                                  f"{t.name} {test} {threads} threads {protocol} rep {rep}: "
                                  f"{status}" + (f", {errs} errors" if errs else ""),
                                  file=sys.stderr)
                            if r["crashed"]:
                                print(f"{t.name} died; restarting it and reloading the table",
                                      file=sys.stderr)
                                try:
                                    t.start()
                                    load_table(args, t, test)
                                except (RuntimeError, subprocess.TimeoutExpired) as e:
                                    unloaded[t.name] = one_line(e)
    except KeyboardInterrupt:
        print("interrupted; reporting what was measured", file=sys.stderr)
    finally:
        for t in targets:
            if server_died(t) and t.proc is not None:
                print(f"{t.name} is not running at the end (exit {t.proc.returncode})",
                      file=sys.stderr)
            t.cleanup(args.keep)
        meta["seconds"] = round(time.monotonic() - t0, 1)

    rows = summarise(runs, servers, tests, threads_list, protocols)
    print(f"sysbench {args.time} s per run, median of {args.reps}; {args.tables} table(s) x "
          f"{args.table_size:,} rows; tps = transactions per second; p95 latency in ms")
    print()
    print_table(rows, servers)
    print_problems(runs)
    print(f"\n{len(runs)} runs in {meta['seconds']:.0f} s")
    if args.chart and len(servers) == 2:
        title = (f"Porpoise / MariaDB, sysbench tps ({args.time} s runs, median of {args.reps}, "
                 f"{args.tables}x{args.table_size} rows, {meta['cpus']} CPUs)")
        if draw_chart(rows, tests, threads_list, protocols, args.chart, workdir, title):
            print(f"chart: {args.chart}")
    if args.json:
        Path(args.json).write_text(json.dumps({"meta": meta, "summary": rows, "runs": runs},
                                              indent=2))
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
