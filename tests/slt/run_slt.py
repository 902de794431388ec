#!/usr/bin/python3
"""Runs SQLite's sqllogictest scripts (the corpus in ../shared/sqllogictest beside the
repository, with MySQL 8's expected results) against a server it starts in a temporary datadir
(porpoised, or MariaDB with --server=mariadb), or against a running one (--host/--port or
--socket). Prints the pass rate of every file, then the totals, and compares the per-file pass
counts with tests/slt/baseline.txt: the run fails when a file passes fewer records than its
baseline.

Format (https://www.sqlite.org/sqllogictest/doc/trunk/about.wiki): records are separated by
blank lines; lines starting with '#' are comments.
  statement ok | statement error      the SQL on the next lines must succeed / fail
  query <types> [nosort|rowsort|valuesort] [label]
  <SQL lines>                         types: one letter per column, I integer, R real, T text
  ----
  <one value per line> | N values hashing to <md5>
  skipif <engine> / onlyif <engine>   before a record (or halt): the record applies to engine
                                      `mysql` only if no skipif names it and every onlyif does
  halt                                stop reading the file
  hash-threshold N                    accepted: results are compared in the form the file gives
                                      (values, or a hash); labels are accepted and not compared
Values are rendered by the letter of their column: I as an integer (a decimal or double is
truncated towards zero, text gives its leading integer or 0), R with %.3f, T as text with
'(empty)' for '' and every byte outside 0x20-0x7e as '@'; NULL as NULL. rowsort sorts rows,
valuesort single values, both by byte order. A hash is the MD5 of every value followed by a
newline. A statement error passes with any error; a query passes when it runs, has as many
columns as types, and its values (or their hash) match.

Each file runs in a fresh database of its own (slt_<n>, dropped afterwards) over one
autocommit connection. Files run --jobs at a time, each worker with a throwaway server of its
own, so that no file shares a server with another while it runs.
"""
import argparse
import hashlib
import heapq
import os
import queue
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pymysql

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "sqllogictest"
DEFAULT_BASELINE = HERE / "baseline.txt"
ENGINE = "mysql"  # the engine name skipif/onlyif lines are matched against

sys.path.insert(0, str(HERE.parent / "e2e"))

import harness  # noqa: E402  (after the path set-up)

# Client-side error codes that mean the connection is gone.
LOST_CONNECTION = {2006, 2013, 2014, 2055}


# ---------------------------------------------------------------------------------------------
# Parsing


@dataclass
class Record:
    kind: str  # "statement" or "query"
    line: int  # line of the "statement"/"query" line
    sql: str = ""
    expect_error: bool = False
    types: str = ""
    sort: str = "nosort"
    label: str = ""
    expected: list | None = None  # values, or None when the record has no "----" part
    expected_hash: str | None = None  # "N values hashing to H" when the file gives a hash


class ParseError(Exception):
    pass


HASH_LINE = re.compile(r"(\d+) values hashing to ([0-9a-f]{32})")


def parse(path, engine=ENGINE):
    """Returns the records of a script that apply to `engine`, in order, stopping at a halt
    that applies to it. Raises ParseError for a malformed script."""
    data = path.read_bytes().decode("latin-1")  # byte-transparent, like the C reference
    lines = data.split("\n")
    records = []
    i, n = 0, len(lines)

    def line_at(k):
        return lines[k].rstrip("\r")

    while i < n:
        # Collect the next record's lines: a block up to a blank line, comments dropped.
        while i < n and (not line_at(i).strip() or line_at(i).startswith("#")):
            i += 1
        if i >= n:
            break
        block = []  # (line number, text)
        while i < n and line_at(i).strip():
            if not line_at(i).startswith("#"):
                block.append((i + 1, line_at(i)))
            i += 1
        if not block:
            continue

        applies = True
        k = 0
        while k < len(block):
            words = block[k][1].split()
            if words[0] == "skipif" and len(words) >= 2:
                if words[1] == engine:
                    applies = False
            elif words[0] == "onlyif" and len(words) >= 2:
                if words[1] != engine:
                    applies = False
            else:
                break
            k += 1
        if k >= len(block):
            raise ParseError(f"{path}:{block[-1][0]}: condition without a record")
        lineno, head = block[k]
        words = head.split()
        body = block[k + 1:]
        verb = words[0]
        if verb == "halt":
            if applies:
                break
            continue
        if verb == "hash-threshold":
            continue
        if verb == "statement":
            if len(words) < 2 or words[1] not in ("ok", "error"):
                raise ParseError(f"{path}:{lineno}: expected 'statement ok' or 'statement error'")
            if not body:
                raise ParseError(f"{path}:{lineno}: statement without SQL")
            rec = Record("statement", lineno, "\n".join(t for _, t in body),
                         expect_error=words[1] == "error")
        elif verb == "query":
            if len(words) < 2 or not re.fullmatch(r"[ITR]+", words[1]):
                raise ParseError(f"{path}:{lineno}: query needs column types (I, T, R)")
            rec = Record("query", lineno, types=words[1])
            if len(words) > 2:
                rec.sort = words[2]
                if rec.sort not in ("nosort", "rowsort", "valuesort"):
                    raise ParseError(f"{path}:{lineno}: unknown sort mode {rec.sort!r}")
            if len(words) > 3:
                rec.label = words[3]
            sql = []
            j = 0
            while j < len(body) and body[j][1].strip() != "----":
                sql.append(body[j][1])
                j += 1
            if not sql:
                raise ParseError(f"{path}:{lineno}: query without SQL")
            rec.sql = "\n".join(sql)
            if j < len(body):
                values = [t for _, t in body[j + 1:]]
                if len(values) == 1 and HASH_LINE.fullmatch(values[0].strip()):
                    rec.expected_hash = values[0].strip()
                else:
                    rec.expected = values
        else:
            raise ParseError(f"{path}:{lineno}: unknown record {head!r}")
        if applies:
            records.append(rec)
    return records


# ---------------------------------------------------------------------------------------------
# Rendering


INT_TEXT = re.compile(rb"[+-]?\d+")
INT_PREFIX = re.compile(rb"\s*([+-]?\d+)")
REAL_PREFIX = re.compile(rb"\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)")
PRINTABLE = bytes(b if 0x20 <= b <= 0x7e else 0x40 for b in range(256))


def render_int(v):
    if INT_TEXT.fullmatch(v):
        return str(int(v))
    try:
        d = Decimal(v.decode("ascii"))
        if d.is_finite():
            return str(int(d))  # truncates towards zero; whole values stay exact
    except (InvalidOperation, UnicodeDecodeError, ValueError):
        pass
    m = INT_PREFIX.match(v)
    return str(int(m.group(1))) if m else "0"


def render_real(v):
    try:
        return "%.3f" % float(v)
    except ValueError:
        m = REAL_PREFIX.match(v)
        return "%.3f" % (float(m.group(1)) if m else 0.0)


def render_text(v):
    if v == b"":
        return "(empty)"
    return v.translate(PRINTABLE).decode("ascii")


RENDER = {"I": render_int, "R": render_real, "T": render_text}


def render_rows(rows, types):
    """The rendered values of a result, row by row."""
    funcs = [RENDER[t] for t in types]
    out = []
    for row in rows:
        out.append(tuple("NULL" if v is None else f(v if isinstance(v, bytes) else
                                                     str(v).encode("utf-8"))
                         for f, v in zip(funcs, row)))
    return out


def result_values(rec, rows):
    """Sorts rendered rows as the record asks and flattens them into the value list."""
    if rec.sort == "rowsort":
        rows = sorted(rows)
    values = [v for row in rows for v in row]
    if rec.sort == "valuesort":
        values.sort()
    return values


def hash_values(values):
    h = hashlib.md5()
    for v in values:
        h.update(v.encode("latin-1"))
        h.update(b"\n")
    return f"{len(values)} values hashing to {h.hexdigest()}"


# ---------------------------------------------------------------------------------------------
# Running


class ServerGone(Exception):
    pass


@dataclass
class FileResult:
    passed: int = 0
    total: int = 0
    seconds: float = 0.0
    failures: list = field(default_factory=list)  # texts of failing records
    notes: list = field(default_factory=list)  # problems outside records
    slowest: list = field(default_factory=list)  # (seconds, "file:line")


class Runner:
    """Runs scripts, one at a time, against one server (that it restarts if it dies)."""

    def __init__(self, args, connect_params, server=None):
        self.args = args
        self.params = connect_params
        self.server = server  # harness.Server when we started it, else None
        self.crashes = []
        self.lock = threading.Lock()

    def connect(self, database=None, timeout=None):
        # Values stay the bytes the server sent (no conversions): rendering works on those.
        return pymysql.connect(database=database, autocommit=True, use_unicode=False, conv={},
                               charset="utf8mb4", connect_timeout=30,
                               read_timeout=timeout, write_timeout=timeout,
                               max_allowed_packet=64 * 1024 * 1024, **self.params)

    def ensure_server(self, where):
        """Restarts a server we started that has died (noting it); raises ServerGone when
        it cannot be restarted."""
        if self.server is None:
            return
        with self.lock:
            if self.server.running():
                return
            rc = self.server.proc.returncode if self.server.proc else None
            self.crashes.append(f"{where}: the server exited with status {rc}")
            print(f"{where}: SERVER DIED (exit status {rc}); restarting it\n"
                  f"{self.server.logs()}", flush=True)
            try:
                self.server.start()
            except AssertionError as e:
                raise ServerGone(f"cannot restart the server: {e}") from None

    def kill(self, thread_id):
        """Stops a statement that ran past the timeout (its client connection is gone)."""
        try:
            admin = self.connect(timeout=30)
            with admin.cursor() as cur:
                for stmt in (f"KILL QUERY {thread_id}", f"KILL {thread_id}"):
                    try:
                        cur.execute(stmt)
                    except pymysql.err.Error:
                        pass
            admin.close()
        except pymysql.err.Error:
            pass

    def admin_sql(self, where, stmt):
        self.ensure_server(where)
        with self.connect(timeout=300) as admin, admin.cursor() as cur:
            cur.execute(stmt)

    def run_file(self, path, shown, number):
        """Runs one script in a database of its own (slt_<number>)."""
        res = FileResult()
        t0 = time.monotonic()
        try:
            records = parse(path)
        except ParseError as e:
            res.total = 1
            res.failures.append(f"{e}\n")
            return res
        res.total = len(records)
        db = f"slt_{number}"
        timeout = self.args.timeout

        def fail(rec, message):
            sql = rec.sql if len(rec.sql) <= 4000 else rec.sql[:4000] + " ..."
            res.failures.append(f"{shown}:{rec.line}: {message}\n" +
                                "\n".join("    " + line for line in sql.split("\n")) + "\n")

        try:
            self.admin_sql(shown, f"DROP DATABASE IF EXISTS `{db}`")
            self.admin_sql(shown, f"CREATE DATABASE `{db}`")
            conn = self.connect(database=db, timeout=timeout)
        except (pymysql.err.Error, ServerGone) as e:
            res.notes.append(f"{shown}: cannot set up database {db}: {e}")
            for rec in records:
                fail(rec, "not run: no database")
            return res

        for rec in records:
            if conn is None:
                try:
                    self.ensure_server(shown)
                    conn = self.connect(database=db, timeout=timeout)
                except (pymysql.err.Error, ServerGone) as e:
                    fail(rec, f"not run: cannot reconnect: {e}")
                    continue
            r0 = time.monotonic()
            ok, message, lost = self.run_record(conn, rec)
            if self.args.slowest:
                entry = (time.monotonic() - r0, f"{shown}:{rec.line}")
                if len(res.slowest) < self.args.slowest:
                    heapq.heappush(res.slowest, entry)
                else:
                    heapq.heappushpop(res.slowest, entry)
            if ok:
                res.passed += 1
            else:
                fail(rec, message)
            if lost:
                thread_id = conn.thread_id()
                try:
                    conn.close()
                except pymysql.err.Error:
                    pass
                conn = None
                if self.server is None or self.server.running():
                    self.kill(thread_id)
        if conn is not None:
            try:
                conn.close()
            except pymysql.err.Error:
                pass
        try:
            self.admin_sql(shown, f"DROP DATABASE IF EXISTS `{db}`")
        except (pymysql.err.Error, ServerGone) as e:
            res.notes.append(f"{shown}: cannot drop database {db}: {e}")
        res.seconds = time.monotonic() - t0
        return res

    def run_record(self, conn, rec):
        """Returns (passed, failure message, connection lost)."""
        try:
            with conn.cursor() as cur:
                cur.execute(rec.sql)
                rows = cur.fetchall() if cur.description else None
                ncols = len(cur.description) if cur.description else 0
        except pymysql.err.Error as e:
            code = e.args[0] if e.args else None
            text = e.args[1] if len(e.args) > 1 else ""
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            lost = code in LOST_CONNECTION or not conn.open or \
                isinstance(e, pymysql.err.InterfaceError)
            if lost and "timed out" in str(text):
                return False, f"timeout: no answer within {self.args.timeout:g}s", True
            if lost:
                return False, f"connection lost: error {code}: {text}", True
            if rec.kind == "statement" and rec.expect_error:
                return True, "", lost
            return False, f"error {code}: {text}", lost
        except (OSError, EOFError) as e:  # a socket error PyMySQL did not wrap
            return False, f"connection error: {e}", True
        if rec.kind == "statement":
            if rec.expect_error:
                return False, "expected an error, the statement succeeded", False
            return True, "", False
        if rows is None:
            return False, "the query returned no result set", False
        if ncols != len(rec.types):
            return False, f"expected {len(rec.types)} columns, got {ncols}", False
        if rec.expected is None and rec.expected_hash is None:
            return True, "", False  # no result given: running without error is enough
        values = result_values(rec, render_rows(rows, rec.types))
        if rec.expected_hash is not None:
            got = hash_values(values)
            if got == rec.expected_hash:
                return True, "", False
            return False, self.mismatch(rec, rec.expected_hash, got, values), False
        if values == rec.expected:
            return True, "", False
        return False, self.mismatch(rec, None, None, values), False

    @staticmethod
    def mismatch(rec, expected_hash, got_hash, values, limit=24):
        ncols = len(rec.types)

        def rows_of(vals):
            rows = [vals[k:k + ncols] for k in range(0, len(vals), ncols)]
            shown = ["      " + "  ".join(r) for r in rows[:limit]]
            if len(rows) > limit:
                shown.append(f"      ... ({len(rows)} rows)")
            return shown or ["      (no rows)"]

        lines = ["result mismatch", "    expected:"]
        if expected_hash is not None:
            lines.append("      " + expected_hash)
        else:
            lines += rows_of(rec.expected)
        lines.append("    got:")
        if got_hash is not None:
            lines.append("      " + got_hash)
        lines += rows_of(values)
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Baseline


def read_baseline(path):
    """Returns ({file: count}, {file: note}); a note is a comment after an entry."""
    counts, notes = {}, {}
    if not path.exists():
        return counts, notes
    for line in path.read_text().splitlines():
        entry, _, note = line.partition("#")
        entry = entry.strip()
        if entry:
            name, count = entry.rsplit(None, 1)
            counts[name] = int(count)
            if note.strip():
                notes[name] = note.strip()
    return counts, notes


def write_baseline(path, counts, notes):
    lines = ["# Records of each sqllogictest file (../shared/sqllogictest) that porpoised passes.",
             "# tests/slt/run_slt.py fails when a file passes fewer; raise the numbers with",
             "# `run_slt.py --update-baseline` when the engine improves. The Debug and the ASan",
             "# build are checked against the same numbers: where they differ, keep the lower",
             "# and say why after the entry (such notes survive --update-baseline).",
             ""]
    for name, count in sorted(counts.items()):
        note = f"  # {notes[name]}" if name in notes else ""
        lines.append(f"{name} {count}{note}")
    path.write_text("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------


def find_scripts(paths):
    found = []
    for p in paths:
        if p.is_dir():
            found += p.rglob("*.test")
        elif p.exists():
            found.append(p)
        else:
            raise SystemExit(f"no such file or directory: {p}")
    return sorted(set(found))


def key_of(path, root):
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def sanitizer_reports(server, limit=40):
    """Lines of ASan/UBSan reports in a server's stderr (UBSan reports without stopping)."""
    try:
        text = server.stderr_path.read_text(errors="replace")
    except OSError:
        return ""
    lines = [line for line in text.splitlines()
             if "runtime error:" in line or "Sanitizer" in line]
    return "\n".join(lines[:limit])


def percent(passed, total):
    """Rounded down, so that only a complete pass shows 100.0."""
    return (1000 * passed // total) / 10 if total else 100.0


def server_workdir():
    """Where the throwaway server's datadir goes: $PORPOISE_E2E_TMP, else /dev/shm (a tmpfs
    saves the fsyncs of thousands of DDL statements), else /tmp."""
    if os.environ.get("PORPOISE_E2E_TMP"):
        return harness.workdir()
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return str(shm)
    return harness.workdir()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path,
                    help="scripts or folders (default: the whole corpus, --root)")
    ap.add_argument("--server", default=harness.KIND, choices=["porpoise", "mariadb"],
                    help="which server to start (default: $PORPOISE_E2E_SERVER or porpoise)")
    ap.add_argument("--porpoised", help="path of porpoised (default: $PORPOISED or build/)")
    ap.add_argument("--host", help="use a running server over TCP instead of starting one")
    ap.add_argument("--port", type=int, default=3306)
    ap.add_argument("--socket", help="use a running server over this unix socket")
    ap.add_argument("--user", default="root")
    ap.add_argument("--password", default="")
    ap.add_argument("-j", "--jobs", type=int, default=None,
                    help="files run at once, each worker with a server of its own (default: "
                         "the number of CPUs, at most 4; 1 against a running server)")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="seconds a statement may run before it counts as failed (default 60)")
    ap.add_argument("--root", type=Path, default=DEFAULT_CORPUS,
                    help="the corpus; baseline names are relative to it "
                         f"(default: {DEFAULT_CORPUS})")
    ap.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE)
    ap.add_argument("--no-baseline", action="store_true",
                    help="report only; do not compare with the baseline")
    ap.add_argument("--update-baseline", action="store_true",
                    help="write this run's pass counts into the baseline file")
    ap.add_argument("--failures", type=Path, help="write every failing record to this file")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every failing record")
    ap.add_argument("--slowest", type=int, default=0, metavar="N",
                    help="list the N records that took longest")
    args = ap.parse_args()

    whole_corpus = not args.paths
    paths = args.paths or [args.root]
    for p in paths:
        if not p.exists():
            print(f"sqllogictest corpus not found: {p} (it is expected in shared/sqllogictest "
                  f"beside the repository)")
            print("0 passed, 1 failed")
            return 1
    scripts = find_scripts(paths)
    if not scripts:
        print(f"no .test scripts under {', '.join(map(str, paths))}")
        print("0 passed, 1 failed")
        return 1

    use_baseline = args.server == "porpoise" and not args.no_baseline
    baseline, notes = read_baseline(args.baseline) \
        if use_baseline or args.update_baseline else ({}, {})
    keys = [key_of(s, args.root) for s in scripts]
    width = max(len(k) for k in keys)

    external = bool(args.host or args.socket)
    jobs = args.jobs or (1 if external else min(4, os.cpu_count() or 1))
    jobs = max(1, min(jobs, len(scripts)))
    if external and jobs > 1:
        # Connections to one server would run DDL beside each other's queries: results could
        # then depend on timing.
        print("note: --jobs > 1 against one running server; results may depend on timing")

    pool = None
    started = time.monotonic()
    results = {}  # key -> FileResult
    failure_out = open(args.failures, "w") if args.failures else None
    problems = []
    runners = []
    try:
        if external:
            params = dict(user=args.user, password=args.password)
            params.update(dict(unix_socket=args.socket) if args.socket
                          else dict(host=args.host, port=args.port))
            runners = [Runner(args, params) for _ in range(jobs)]
        else:
            # One throwaway server per worker: files never share a server at the same time,
            # so a file's results do not depend on what runs beside it.
            if args.porpoised:
                harness.PORPOISED = Path(args.porpoised)
            pool = harness.ServerPool(server_workdir())
            for _ in range(jobs):
                server = pool.new(kind=args.server)
                server.initialize()
                server.start()
                params = dict(unix_socket=server.socket, user="root", password="")
                runners.append(Runner(args, params, server))
        idle = queue.Queue()
        for runner in runners:
            idle.put(runner)

        def run_one(i):
            runner = idle.get()
            try:
                return runner.run_file(scripts[i], keys[i], i + 1)
            finally:
                idle.put(runner)

        def show(i):
            key, res = keys[i], results[keys[i]]
            pct = percent(res.passed, res.total)
            print(f"{key + ':':<{width + 1}} {res.passed}/{res.total} passed ({pct:.1f}%)  "
                  f"[{res.seconds:.1f}s]", flush=True)
            for note in res.notes:
                print(note)
            if args.verbose:
                print("".join(res.failures), end="", flush=True)
            if failure_out is not None:
                failure_out.write("".join(f + "\n" for f in res.failures))

        # Largest files first keeps the workers busy to the end; output stays in path order.
        order = sorted(range(len(scripts)), key=lambda i: -scripts[i].stat().st_size)
        shown = 0
        with ThreadPoolExecutor(max_workers=jobs) as ex:
            futures = {ex.submit(run_one, i): i for i in order}
            for fut in as_completed(futures):
                results[keys[futures[fut]]] = fut.result()
                while shown < len(scripts) and keys[shown] in results:
                    show(shown)
                    shown += 1
        for runner in runners:
            if runner.server is not None:
                rc = runner.server.stop(timeout=120)
                if rc != 0:
                    problems.append(f"the server's shutdown exited with status {rc}\n"
                                    f"{runner.server.logs()}")
                reports = sanitizer_reports(runner.server)
                if reports:
                    problems.append("the server's stderr has sanitizer reports:\n" + reports)
    finally:
        if failure_out is not None:
            failure_out.close()
        if pool is not None:
            pool.close()
            harness.remove_templates()

    passed = sum(r.passed for r in results.values())
    total = sum(r.total for r in results.values())
    pct = percent(passed, total)
    elapsed = time.monotonic() - started
    print(f"total ({args.server}): {passed}/{total} passed ({pct:.1f}%) in {len(results)} "
          f"files  [{elapsed:.1f}s, {jobs} at a time]")

    status = 0
    if args.slowest:
        slowest = sorted((e for r in results.values() for e in r.slowest), reverse=True)
        print("slowest records:")
        for seconds, where in slowest[:args.slowest]:
            print(f"  {seconds:8.3f}s  {where}")
    crashes = [c for runner in runners for c in runner.crashes]
    if crashes:
        problems.append("the server died during the run:\n  " + "\n  ".join(crashes))
    for problem in problems:
        status = 1
        print(problem)
    if use_baseline:
        worse, better = [], []
        for key, res in sorted(results.items()):
            base = baseline.get(key)
            if base is None:
                better.append(f"  {key}: {res.passed} (not in the baseline)")
            elif res.passed < base:
                worse.append(f"  {key}: {res.passed} passed, baseline {base} "
                             f"({res.passed - base})")
            elif res.passed > base:
                better.append(f"  {key}: {res.passed} passed, baseline {base} "
                              f"(+{res.passed - base})")
        if whole_corpus:
            gone = sorted(set(baseline) - set(results))
            if gone:
                worse.append("  files in the baseline but not in the corpus: " + ", ".join(gone))
        if worse:
            status = 1
            print(f"REGRESSION: files passing fewer records than {args.baseline}:")
            print("\n".join(worse))
        if better and not args.update_baseline:
            print("files passing more records than the baseline (raise it with "
                  "--update-baseline):")
            print("\n".join(better))
    if args.update_baseline:
        if args.server != "porpoise":
            print("--update-baseline: the baseline holds porpoised's counts; not written")
        else:
            merged = dict(baseline)
            merged.update({k: r.passed for k, r in results.items()})
            for key in sorted(k for k in results if merged[k] < baseline.get(k, 0)):
                print(f"note: {key} lowered from {baseline[key]} to {merged[key]}")
            write_baseline(args.baseline, merged, notes)
            print(f"baseline written to {args.baseline}")
    print(f"{passed} passed, {total - passed} failed")
    return status


if __name__ == "__main__":
    sys.exit(main())
