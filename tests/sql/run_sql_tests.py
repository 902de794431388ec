#!/usr/bin/python3
# Runs the sqllogictest-style scripts under tests/sql/ (see STYLE.md section 8) against a
# server it starts in a temporary datadir (porpoised, or MariaDB with --server=mariadb), or
# against a running one (--host/--port or --socket). Prints file:line for every mismatch and
# ends with "N passed, M failed".
#
# Script format, one record per blank-line-separated block:
#   # name: feature/what        header comments (name required, description optional)
#   # description: ...
#   statement ok                the SQL on the following lines must succeed
#   statement error 1146        ... must fail with this MySQL error number
#   query ITR [rowsort]         one letter per column: I integer, T text, R real/decimal;
#   SELECT ...                  then the SQL, a line "----", and the expected rows,
#   ----                        columns separated by tabs, NULL for SQL NULL, (empty) for ''
#   1	abc	1.50
#   skipif mariadb / onlyif porpoise   before a record: run it only on that server
#   halt                        stop reading the file here
# Values are compared as the server sends them in the text protocol (no client conversion).
import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pymysql

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "e2e"))

import harness  # noqa: E402  (after the path set-up)


@dataclass
class Record:
    kind: str  # "statement" or "query"
    line: int
    sql: str
    expect_error: int | None = None  # statement error <errno>; 0 = any error
    types: str = ""
    sort: str = ""
    expected: list = field(default_factory=list)
    only: list = field(default_factory=list)  # onlyif kinds
    skip: list = field(default_factory=list)  # skipif kinds


class ScriptError(Exception):
    pass


def parse(path):
    """Returns (header dict, records). Raises ScriptError for malformed scripts."""
    lines = path.read_text().split("\n")
    header, records = {}, []
    i, only, skip = 0, [], []
    while i < len(lines):
        raw = lines[i]
        text = raw.strip()
        lineno = i + 1
        i += 1
        if not text:
            continue
        if text.startswith("#"):
            m = re.match(r"#\s*(name|description)\s*:\s*(.*)", text)
            if m and m.group(1) not in header:
                header[m.group(1)] = m.group(2).strip()
            continue
        words = text.split()
        if words[0] == "halt":
            break
        if words[0] in ("skipif", "onlyif"):
            if len(words) != 2:
                raise ScriptError(f"{path}:{lineno}: {words[0]} takes one server kind")
            (skip if words[0] == "skipif" else only).append(words[1].lower())
            continue
        if words[0] not in ("statement", "query"):
            raise ScriptError(f"{path}:{lineno}: expected statement or query, got {raw!r}")

        rec = Record(kind=words[0], line=lineno, sql="", only=only, skip=skip)
        only, skip = [], []
        if rec.kind == "statement":
            if words[1:] == ["ok"]:
                pass
            elif len(words) in (2, 3) and words[1] == "error":
                rec.expect_error = int(words[2]) if len(words) == 3 else 0
            else:
                raise ScriptError(f"{path}:{lineno}: use 'statement ok' or "
                                  f"'statement error <errno>'")
        else:
            if len(words) < 2 or not re.fullmatch(r"[ITR]+", words[1]):
                raise ScriptError(f"{path}:{lineno}: query needs column types (I, T, R)")
            rec.types = words[1]
            rec.sort = words[2] if len(words) > 2 else ""
            if rec.sort not in ("", "rowsort", "nosort"):
                raise ScriptError(f"{path}:{lineno}: unknown sort mode {rec.sort!r}")

        sql_lines = []
        while i < len(lines) and lines[i].strip() and lines[i].strip() != "----":
            sql_lines.append(lines[i])
            i += 1
        if not sql_lines:
            raise ScriptError(f"{path}:{lineno}: record without SQL")
        rec.sql = "\n".join(sql_lines)
        if rec.kind == "query":
            if i >= len(lines) or lines[i].strip() != "----":
                raise ScriptError(f"{path}:{lineno}: query without '----' line")
            i += 1
            while i < len(lines) and lines[i].strip():
                rec.expected.append(split_row(lines[i], len(rec.types), path, i + 1))
                i += 1
        elif i < len(lines) and lines[i].strip() == "----":
            raise ScriptError(f"{path}:{lineno}: statement records have no result")
        records.append(rec)
    if "name" not in header:
        raise ScriptError(f"{path}:1: missing '# name:' header")
    return header, records


def split_row(line, ncols, path, lineno):
    cells = line.rstrip("\n").split("\t")
    if len(cells) != ncols and "\t" not in line:
        cells = line.split()  # tolerate space-separated rows of single-word values
    if len(cells) != ncols:
        raise ScriptError(f"{path}:{lineno}: expected {ncols} columns, got {len(cells)}: "
                          f"{line!r}")
    return tuple(cells)


def render(value):
    if value is None:
        return "NULL"
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("utf-8", errors="backslashreplace")
    value = str(value)
    return "(empty)" if value == "" else value


TYPE_CHECKS = {
    "I": re.compile(r"-?\d+"),
    "R": re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?"),
    "T": re.compile(r".*", re.S),
}


class Runner:
    def __init__(self, connect, kind, verbose=False):
        self.connect = connect  # (database=None) -> connection
        self.kind = kind
        self.verbose = verbose
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.counter = 0

    def fail(self, where, message):
        self.failed += 1
        print(f"{where}: {message}")

    def run_file(self, path):
        try:
            header, records = parse(path)
        except ScriptError as e:
            self.fail(str(e).split(": ", 1)[0], str(e).split(": ", 1)[1])
            return
        self.counter += 1
        db = f"sqltest_{os.getpid()}_{self.counter}"
        try:
            admin = self.connect()
            with admin.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS `{db}`")
                cur.execute(f"CREATE DATABASE `{db}`")
            conn = self.connect(database=db)
        except pymysql.err.Error as e:
            self.fail(f"{path}:1", f"cannot set up database {db}: {e}")
            return
        before = self.failed
        for rec in records:
            if rec.only and self.kind not in rec.only or self.kind in rec.skip:
                self.skipped += 1
                continue
            conn = self.run_record(conn, path, rec, db)
        try:
            conn.close()
        except pymysql.err.Error:
            pass
        try:
            with admin.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS `{db}`")
            admin.close()
        except pymysql.err.Error as e:
            self.fail(f"{path}:1", f"cannot drop database {db}: {e}")
        if self.verbose:
            state = "ok" if self.failed == before else "FAILED"
            print(f"{path}: {state} ({header.get('name')})")

    def run_record(self, conn, path, rec, db):
        where = f"{path}:{rec.line}"
        try:
            with conn.cursor() as cur:
                cur.execute(rec.sql)
                rows = cur.fetchall() if cur.description else None
                description = cur.description
        except pymysql.err.Error as e:
            code = e.args[0] if e.args else None
            if rec.kind == "statement" and rec.expect_error is not None:
                if rec.expect_error in (0, code):
                    self.passed += 1
                else:
                    self.fail(where, f"expected error {rec.expect_error}, got {code}: "
                                     f"{e.args[1:] and e.args[1]}")
            else:
                self.fail(where, f"unexpected error {code}: {e.args[1:] and e.args[1]}\n"
                                 f"    {rec.sql}")
            if isinstance(e, (pymysql.err.OperationalError, pymysql.err.InterfaceError)) \
                    and not conn.open:
                conn = self.connect(database=db)  # the server dropped the session
            return conn
        if rec.kind == "statement":
            if rec.expect_error is not None:
                self.fail(where, f"expected error {rec.expect_error}, statement succeeded")
            else:
                self.passed += 1
            return conn
        if description is None:
            self.fail(where, "query returned no result set")
            return conn
        if len(description) != len(rec.types):
            self.fail(where, f"expected {len(rec.types)} columns, got {len(description)}")
            return conn
        actual = [tuple(render(v) for v in row) for row in rows]
        for row in actual:
            for value, letter in zip(row, rec.types):
                if value != "NULL" and not TYPE_CHECKS[letter].fullmatch(value):
                    self.fail(where, f"value {value!r} is not of type {letter}")
                    return conn
        expected = list(rec.expected)
        if rec.sort == "rowsort":
            actual.sort()
            expected.sort()
        if actual != expected:
            lines = [f"result mismatch\n    {rec.sql}", "    expected:"]
            lines += ["      " + "\t".join(r) for r in expected] or ["      (no rows)"]
            lines.append("    actual:")
            lines += ["      " + "\t".join(r) for r in actual] or ["      (no rows)"]
            self.fail(where, "\n".join(lines))
        else:
            self.passed += 1
        return conn


def find_scripts(paths, slow):
    patterns = ["*.test", "*.test_slow"] if slow else ["*.test"]
    found = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for pattern in patterns:
                found += p.rglob(pattern)
        else:
            found.append(p)
    return sorted(set(found))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*", help="scripts or folders (default: tests/sql)")
    ap.add_argument("--server", default=harness.KIND, choices=["porpoise", "mariadb"],
                    help="which server to start (default: $PORPOISE_E2E_SERVER or porpoise)")
    ap.add_argument("--porpoised", help="path of porpoised (default: $PORPOISED or build/)")
    ap.add_argument("--host", help="use a running server over TCP instead of starting one")
    ap.add_argument("--port", type=int, default=3306)
    ap.add_argument("--socket", help="use a running server over this unix socket")
    ap.add_argument("--user", default="root")
    ap.add_argument("--password", default="")
    ap.add_argument("--slow", action="store_true", help="also run *.test_slow")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    scripts = find_scripts(args.paths or [HERE], args.slow)
    if not scripts:
        print("no .test scripts found")
        print("0 passed, 1 failed")
        return 1

    pool = None
    params = {}

    def connect(database=None):
        # conv={} keeps every value as the text the server sent.
        return pymysql.connect(database=database, autocommit=True, conv={},
                               max_allowed_packet=64 * 1024 * 1024, **params)

    runner = Runner(connect, args.server, verbose=args.verbose)
    started = time.monotonic()
    try:
        if args.host or args.socket:
            params.update(user=args.user, password=args.password)
            params.update(dict(unix_socket=args.socket) if args.socket
                          else dict(host=args.host, port=args.port))
        else:
            if args.porpoised:
                harness.PORPOISED = Path(args.porpoised)
            pool = harness.ServerPool(harness.workdir())
            server = pool.new(kind=args.server)
            server.initialize()
            server.start()
            params.update(unix_socket=server.socket, user="root", password="")
        for script in scripts:
            try:
                shown = script.relative_to(Path.cwd())
            except ValueError:
                shown = script
            runner.run_file(shown)
        if pool is not None:
            rc = server.stop()
            if rc != 0:
                runner.fail("server", f"shutdown exited {rc}\n{server.logs()}")
    finally:
        if pool is not None:
            pool.close()
            harness.remove_templates()
    if args.verbose:
        print(f"{len(scripts)} files in {time.monotonic() - started:.2f}s, "
              f"{runner.skipped} records skipped")
    print(f"{runner.passed} passed, {runner.failed} failed")
    return 0 if runner.failed == 0 and runner.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
