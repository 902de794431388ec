#!/usr/bin/python3
# Every benchmark of bench/ in one command: compare.py's figures (launch, memory, connect rate,
# SELECT 1 against the loopback floor, bulk load, GROUP BY, 512 connections) and then
# sysbench.py's OLTP matrix, porpoised and MariaDB side by side. Prints one table with the
# figures, how many times better Porpoise's are, the targets and PASS/MISS, and writes it with
# the machine, the versions and the command to docs/benchmarks.md, with two charts:
# docs/sysbench.png (sysbench.py's) and docs/bench-figures.png. See bench/README.md.
import argparse
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare import ADVANTAGE_NOTE, HEAD, figure_rows, advantage, print_table, table_lines
from servers import add_server_options
from sysbench import cell, version_of

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# --quick: a check that everything runs (a few minutes), not figures to keep.
QUICK_COMPARE = ["--reps", "1", "--rows", "100000", "--seconds", "1", "--launches", "3",
                 "--queries", "1000", "--group-runs", "2"]
QUICK_SYSBENCH = ["--time", "3", "--reps", "1", "--threads", "8,64"]


def run_tool(script, args):
    """Runs one of bench/'s scripts with this Python, its progress passed through to stderr
    and its report kept; returns (exit status, report text)."""
    cmd = [sys.executable, str(HERE / script), *args]
    print(f"$ {shlex.join(cmd)}", file=sys.stderr)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=REPO)
    return proc.returncode, proc.stdout


def sysbench_lines(summary):
    """The sysbench rows in the combined table's cells."""
    out = []
    for row in summary:
        cells = []
        for name in ("porpoise", "mariadb"):
            s = row.get(name)
            tps, _, err = cell(s)
            cells.append(tps + (" tps" if tps[:1].isdigit() else "")
                         + ("" if err in ("0", "-") else f" [errors {err}]"))
        target = "-" if row["target"] is None else f">= {row['target']:g}x"
        met = "-" if row["met"] is None else ("PASS" if row["met"] else "MISS")
        out.append((f"sysbench {row['test'].removeprefix('oltp_')}, {row['threads']} threads, "
                    f"{row['protocol']}", *cells,
                    "-" if row["ratio"] is None else f"{row['ratio']:.2f}x",
                    target if target != "-" else "", met))
    return out


def judged(prefix):
    """A row's PASS/MISS when its figure starts with `prefix` (None for other rows)."""
    return lambda line: (line[-1] == "PASS" if line[0].startswith(prefix)
                         and line[-1] in ("PASS", "MISS") else None)


def served_cleanly(line):
    """compare.py's 512 connections, and Porpoise's side of every sysbench row at 512
    threads: no error, no failed run, no crash."""
    if line[0].startswith("512 connections served"):
        return line[-1] == "PASS"
    if line[0].startswith("sysbench ") and ", 512 threads," in line[0]:
        return not any(word in line[1] for word in ("errors", "failed", "CRASHED"))
    return None


# The performance issue's targets, each judged over the table's rows it applies to.
ISSUE_TARGETS = [
    ("sysbench point_select >= 1.5x at 8 and 64 threads", judged("sysbench point_select,")),
    ("sysbench read_only >= 1.0x", judged("sysbench read_only,")),
    ("sysbench write_only >= 1.0x", judged("sysbench write_only,")),
    ("sysbench read_write >= 1.0x", judged("sysbench read_write,")),
    ("connect rate >= 2x", judged("connect+auth")),
    ("bulk load >= 1.5x", judged("bulk load, ")),
    ("GROUP BY >= 1.0x", judged("GROUP BY")),
    ("512 connections (and sysbench's 512 threads) served with no errors", served_cleanly),
    ("idle RSS <= 10 MiB", judged("idle RSS")),
    ("RSS at 512 connections <= MariaDB's", judged("RSS with 512 connections")),
]


def target_summary(lines):
    """(target, PASS/MISS/not measured, how many of its rows passed) per issue target."""
    out = []
    for label, judge in ISSUE_TARGETS:
        verdicts = [v for v in map(judge, lines) if v is not None]
        passed = verdicts.count(True)
        state = ("not measured" if not verdicts else
                 "PASS" if passed == len(verdicts) else "MISS")
        out.append((label, state, f"{passed} of {len(verdicts)}"))
    return out


def chart_figures(results, path, workdir, title):
    """compare.py's figures as bars of how many times better Porpoise's figure is (log scale,
    parity at 1), with each relative target as a mark (gnuplot)."""
    if shutil.which("gnuplot") is None:
        print("note: gnuplot not found (apt-get install gnuplot-nox); no chart", file=sys.stderr)
        return False
    data = Path(workdir) / "figures.dat"
    targets = {">= 2x": 2.0, ">= 2x (vs native)": 2.0, ">= 1.5x": 1.5, ">= 1.0x": 1.0,
               "<= MariaDB, all served": 1.0}
    count = 0
    with open(data, "w") as f:
        for name, unit, pv, mv, better, target, _ in figure_rows(results):
            a = advantage(pv, mv, better)
            if a is None:
                continue
            label = name.replace('"', "'")
            f.write(f'"{label}" {a:.4f} {targets.get(target, "-")}\n')
            count += 1
    if not count:
        return False
    script = f"""
set terminal pngcairo noenhanced size 1200,{360 + 22 * count} font ',10'
set output '{path}'
set title "{title}"
set datafile missing '-'
set style fill solid 0.85 border -1
set boxwidth 0.7 relative
set logscale x 10
set grid xtics
set xlabel 'how many times better Porpoise is than MariaDB (log scale; right of 1: Porpoise ahead)'
set yrange [{count - 0.3}:-0.7]
set ytics nomirror
set key outside bottom center horizontal
set arrow from 1, graph 0 to 1, graph 1 nohead dashtype 2 linecolor rgb '#444444'
# Bars from 1 to the figure: blue where Porpoise is ahead, orange where it is behind.
plot '{data}' using ($2 < 1 ? $2 : 1):0:($2 < 1 ? $2 : 1):($2 < 1 ? 1 : $2):($0 - 0.35):($0 + 0.35):($2 < 1 ? 0xe08a2c : 0x3a7bbf):ytic(1) \\
       with boxxyerror linecolor rgb variable notitle, \\
     '' using 3:0 with points pointtype 7 pointsize 1.4 linecolor rgb '#cc0000' title 'target', \\
     '' using ($2 < 1 ? ($3 > 1 ? $3 : 1) : ($3 > $2 ? $3 : $2)):0:(sprintf('%.2fx', $2)) \\
       with labels left offset 1.2,0 notitle
"""
    r = subprocess.run(["gnuplot"], input=script, capture_output=True, text=True)
    if r.returncode != 0:
        print(f"note: gnuplot failed: {r.stderr.strip()}", file=sys.stderr)
        return False
    return True


def machine():
    model = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(line.split()[1] for line in open("/proc/meminfo")
                   if line.startswith("MemTotal:"))
        mem = f"{int(mem) / 1048576:.1f} GiB"
    except (OSError, StopIteration):
        mem = "?"
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(),
            "memory": mem, "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def file_system(path):
    out = version_of(["findmnt", "-n", "-o", "FSTYPE,SOURCE", "-T", str(path)])
    return " ".join(out.split()) if out else "?"


def durability_text(compare):
    """The durability settings compare.py read back from each server."""
    if not compare:
        return "not read (compare.py did not run)"
    return "; ".join(f"{name} " + ", ".join(f"`{k}={v}`" for k, v in r["durability"].items())
                     for name, r in compare.items() if name != "meta")


def duration(seconds):
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def markdown_table(head, lines):
    rows = [head, ["---"] * len(head), *lines]
    return "\n".join("| " + " | ".join(c if c else " " for c in r) + " |" for r in rows)


def main():
    ap = argparse.ArgumentParser(description="Every bench/ benchmark, Porpoise vs MariaDB, "
                                             "with one table and charts in docs/.")
    add_server_options(ap, REPO / "build-rel/src/daemon/porpoised")
    ap.add_argument("--quick", action="store_true",
                    help="a check that everything runs, in a few minutes: 1 repetition, "
                         "100,000 bulk rows, sysbench 3 s runs at 8 and 64 threads")
    ap.add_argument("--compare-arg", action="append", default=[],
                    help="extra compare.py option (repeatable), after --quick's")
    ap.add_argument("--sysbench-arg", action="append", default=[],
                    help="extra sysbench.py option (repeatable), after --quick's")
    ap.add_argument("--skip", choices=["compare", "sysbench"], help="leave one part out")
    ap.add_argument("--out", default=str(REPO / "docs"),
                    help="where benchmarks.md and the charts go (docs/)")
    ap.add_argument("--workdir", help="where the servers' temporary datadirs go (default: "
                                      "$TMPDIR); its file system decides what an fsync costs")
    args = ap.parse_args()
    command = shlex.join(["bench/run_all.py", *sys.argv[1:]])

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="porpoise-run-all-", dir=args.workdir))
    if args.workdir:
        os.environ["TMPDIR"] = str(Path(args.workdir).resolve())
    servers = [f"--porpoised={args.porpoised}", f"--mariadbd={args.mariadbd}"]
    servers += [f"--mariadb-arg={a}" for a in args.mariadb_arg]
    servers += [f"--porpoised-arg={a}" for a in args.porpoised_arg]
    if args.only:
        servers.append(f"--only={args.only}")
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    host = machine()
    t0 = time.monotonic()
    durations, reports = {}, {}
    parts = {
        "compare": [*(QUICK_COMPARE if args.quick else []), *args.compare_arg],
        "sysbench": [f"--chart={out / 'sysbench.png'}",
                     *(QUICK_SYSBENCH if args.quick else []), *args.sysbench_arg],
    }
    figures = {}  # part -> its --json
    for part, options in parts.items():
        if args.skip == part:
            continue
        start = time.monotonic()
        data = workdir / f"{part}.json"
        rc, reports[part] = run_tool(f"{part}.py", [*servers, "--json", str(data), *options])
        durations[f"{part}.py"] = time.monotonic() - start
        if rc == 0:
            figures[part] = json.loads(data.read_text())
        else:
            print(f"{part}.py failed (exit {rc})", file=sys.stderr)
    compare, sysbench = figures.get("compare"), figures.get("sysbench")
    total = time.monotonic() - t0
    host["load at the end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())

    lines = []
    if compare:
        lines += table_lines(compare)
    if sysbench:
        lines += sysbench_lines(sysbench["summary"])
    print()
    print_table(HEAD, lines)
    goals = [line for line in lines if line[-1] in ("PASS", "MISS")]
    passed = sum(1 for line in goals if line[-1] == "PASS")
    print(f"\ntargets: {passed} PASS, {len(goals) - passed} MISS")
    summary = target_summary(lines)
    print()
    print_table(("the performance issue's target", "met", "rows passed"), summary)
    print()
    print(ADVANTAGE_NOTE)
    print(f"durability: {durability_text(compare)}")
    print(f"total {duration(total)} ("
          + ", ".join(f"{k} {duration(v)}" for k, v in durations.items()) + ")")

    charts = []
    if compare and "porpoise" in compare and "mariadb" in compare:
        title = (f"Porpoise / MariaDB: compare.py figures (median of "
                 f"{compare['meta']['reps']}, {host['nproc']} CPUs)")
        if chart_figures(compare, out / "bench-figures.png", workdir, title):
            charts.append("bench-figures.png")
    if sysbench and (out / "sysbench.png").exists():
        charts.append("sysbench.png")

    versions = {
        "porpoised": version_of([args.porpoised, "--no-defaults", "--version"]),
        "mariadbd": version_of([args.mariadbd, "--no-defaults", "--version"]),
        "sysbench": version_of(["sysbench", "--version"]),
        "libmariadb (client helper)": version_of(["pkg-config", "--modversion", "libmariadb"]),
        "gnuplot": version_of(["gnuplot", "--version"]),
        "python": platform.python_version(),
    }
    commit = version_of(["git", "-C", str(REPO), "describe", "--always", "--dirty"])
    md = [
        "# Benchmarks: Porpoise against MariaDB 10.11" + (" (QUICK CHECK, not figures to keep)"
                                                          if args.quick else ""),
        "",
        f"Produced by `{command}` (bench/README.md says what each figure is and how it is "
        f"measured), started {started}, {duration(total)}"
        + (" (" + ", ".join(f"{k} {duration(v)}" for k, v in durations.items()) + ")"
           if durations else "") + f", at commit `{commit}`.",
        "",
        f"Machine: {host['nproc']} CPUs ({host['cpu']}), {host['memory']} memory, Linux "
        f"{host['kernel']}; load average {host['load']} at the start, "
        f"{host['load at the end']} at the end; datadirs on {file_system(workdir)}. "
        "The clients (connbench, sysbench, PyMySQL) run on the same machine as the servers.",
        "",
        "Versions: " + "; ".join(f"{k}: {v}" for k, v in versions.items() if v) + ".",
        "",
        "Durability, as each server reported it: " + durability_text(compare)
        + "; the bulk load commits every INSERT. " + ADVANTAGE_NOTE + ".",
        "",
        markdown_table(HEAD, lines),
        "",
        f"Targets: {passed} PASS, {len(goals) - passed} MISS. By the performance issue's "
        "targets:",
        "",
        markdown_table(("target", "met", "rows passed"), summary),
        "",
    ]
    for chart in charts:
        md += [f"![{chart}]({chart})", ""]
    for name, text in reports.items():
        md += [f"<details><summary>{name}.py's own report</summary>", "", "```", text.rstrip(),
               "```", "", "</details>", ""]
    (out / "benchmarks.md").write_text("\n".join(md))
    print(f"wrote {out / 'benchmarks.md'}" + "".join(f", {out / c}" for c in charts))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if compare is not None or sysbench is not None else 1


if __name__ == "__main__":
    sys.exit(main())
