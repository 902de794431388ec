#!/usr/bin/python3
# Runs the sqllogictest-style scripts under tests/sql/ (see STYLE.md section 8) against a
# server it starts in a temporary datadir (porpoised, or MariaDB with --server=mariadb), or
# against a running one (--host/--port or --socket). Prints file:line for every mismatch and
# ends with "N passed, M failed" (", K expected failures" when known_failures.txt excused some).
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
#   -- columns                  optional, after the rows: one line per result column,
#   a	LONGLONG	2	0	NOT_NULL,BINARY,NUM	63
#                               name, type, length, decimals, flags, charsetnr (tab-separated;
#                               flags in FLAG_ORDER, "(none)" for no flag, "(empty)" for a
#                               nameless column)
#   -- warnings                 optional, after the rows or the SQL of any record (statement
#   Warning	1365	Division by 0  ok/error too): Level, Code, Message as SHOW WARNINGS lists
#                               them after the statement; an empty block means "no warnings".
#                               A record without the block does not check warnings.
#   skipif mariadb / onlyif porpoise   before a record: run it only on that server
#   record                      before a record: record.py re-records it (the runner ignores it)
#   halt                        stop reading the file here
# Values are compared as the server sends them in the text protocol (no client conversion).
# A line that is exactly "----", "-- columns" or "-- warnings" ends a record's SQL.
#
# Column metadata comes from the raw column-definition packets. Against MariaDB three encodings
# that differ from MySQL's without changing the meaning are normalised before comparing:
# MariaDB never sends NUM (its client library derives it from the type, as MySQL's sets it),
# spells "decimals not fixed" 39 where MySQL says 31, and announces text columns sent as
# utf8mb4 with its default utf8mb4 collation, utf8mb4_general_ci (45), where MySQL 8 names
# its own default, utf8mb4_0900_ai_ci (255).
#
# known_failures.txt (beside this file) lists records, as path:line from the repository root
# with an optional "# reason", that are expected to fail on porpoised while the engine catches
# up: such a failure is an expected failure, not a failed test; a listed record that passes is
# reported so that it can be removed. --update-known-failures rewrites the entries of the files
# that were run from the failures of the run. MariaDB runs ignore the file.
import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pymysql

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
KNOWN_FAILURES = HERE / "known_failures.txt"
sys.path.insert(0, str(HERE.parent / "e2e"))

import harness  # noqa: E402  (after the path set-up)

TYPE_NAMES = {
    0: "DECIMAL", 1: "TINY", 2: "SHORT", 3: "LONG", 4: "FLOAT", 5: "DOUBLE", 6: "NULL",
    7: "TIMESTAMP", 8: "LONGLONG", 9: "INT24", 10: "DATE", 11: "TIME", 12: "DATETIME",
    13: "YEAR", 14: "NEWDATE", 15: "VARCHAR", 16: "BIT", 17: "TIMESTAMP2", 18: "DATETIME2",
    19: "TIME2", 245: "JSON", 246: "NEWDECIMAL", 247: "ENUM", 248: "SET", 249: "TINY_BLOB",
    250: "MEDIUM_BLOB", 251: "LONG_BLOB", 252: "BLOB", 253: "VAR_STRING", 254: "STRING",
    255: "GEOMETRY",
}
# Column flags in the order they are written (their bit order).
FLAG_ORDER = [
    (1, "NOT_NULL"), (2, "PRI_KEY"), (4, "UNIQUE_KEY"), (8, "MULTIPLE_KEY"), (16, "BLOB"),
    (32, "UNSIGNED"), (64, "ZEROFILL"), (128, "BINARY"), (256, "ENUM"),
    (512, "AUTO_INCREMENT"), (1024, "TIMESTAMP"), (2048, "SET"), (4096, "NO_DEFAULT_VALUE"),
    (8192, "ON_UPDATE_NOW"), (16384, "PART_KEY"), (32768, "NUM"),
]
NUMERIC_TYPES = {0, 1, 2, 3, 4, 5, 6, 8, 9, 13, 246}  # MySQL sets NUM on these (and NULL)
BLOCKS = ("-- columns", "-- warnings")


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
    columns: list | None = None  # expected "-- columns" lines, None when not checked
    warnings: list | None = None  # expected "-- warnings" rows, None when not checked
    pending: bool = False  # no expectation yet (record.py fills it in)
    rerecord: bool = False  # marked "record"
    start: int = 0  # 0-based index of its first line (directives included)
    head: int = 0  # 0-based index of its statement/query line
    end: int = 0  # 0-based index one past its last line

    def runs_on(self, kind):
        return not (self.only and kind not in self.only or kind in self.skip)


class ScriptError(Exception):
    pass


def parse(path, allow_pending=False):
    """Returns (header dict, records). Raises ScriptError for malformed scripts.
    With allow_pending, records without expectations (record.py's input) are accepted:
    "statement" alone, "query" without types or without a "----" section."""
    lines = path.read_text().split("\n")
    header, records = {}, []
    i, only, skip, rerecord, start = 0, [], [], False, None
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
        if words[0] in ("skipif", "onlyif", "record"):
            start = i - 1 if start is None else start
            if words[0] == "record":
                if len(words) != 1:
                    raise ScriptError(f"{path}:{lineno}: record takes no argument")
                rerecord = True
                continue
            if len(words) != 2:
                raise ScriptError(f"{path}:{lineno}: {words[0]} takes one server kind")
            (skip if words[0] == "skipif" else only).append(words[1].lower())
            continue
        if words[0] not in ("statement", "query"):
            raise ScriptError(f"{path}:{lineno}: expected statement or query, got {raw!r}")

        rec = Record(kind=words[0], line=lineno, sql="", only=only, skip=skip,
                     rerecord=rerecord, start=i - 1 if start is None else start, head=i - 1)
        only, skip, rerecord, start = [], [], False, None
        if rec.kind == "statement":
            if words[1:] == ["ok"]:
                pass
            elif len(words) in (2, 3) and words[1] == "error":
                rec.expect_error = int(words[2]) if len(words) == 3 else 0
            elif len(words) == 1 and allow_pending:
                rec.pending = True
            else:
                raise ScriptError(f"{path}:{lineno}: use 'statement ok' or "
                                  f"'statement error <errno>'")
        elif allow_pending and (len(words) == 1 or len(words) == 2
                                and words[1] in ("rowsort", "nosort")):
            rec.pending = True
            rec.sort = words[1] if len(words) == 2 else ""
        else:
            if len(words) < 2 or not re.fullmatch(r"[ITR]+", words[1]):
                raise ScriptError(f"{path}:{lineno}: query needs column types (I, T, R)")
            rec.types = words[1]
            rec.sort = words[2] if len(words) > 2 else ""
            if rec.sort not in ("", "rowsort", "nosort") or len(words) > 3:
                raise ScriptError(f"{path}:{lineno}: unknown sort mode "
                                  f"{' '.join(words[2:])!r}")

        sql_lines = []
        while i < len(lines) and lines[i].strip() and lines[i].strip() != "----" \
                and lines[i].strip() not in BLOCKS:
            sql_lines.append(lines[i])
            i += 1
        if not sql_lines:
            raise ScriptError(f"{path}:{lineno}: record without SQL")
        rec.sql = "\n".join(sql_lines)
        if rec.kind == "query":
            if i < len(lines) and lines[i].strip() == "----":
                if not rec.types:
                    raise ScriptError(f"{path}:{lineno}: query needs column types (I, T, R)")
                i += 1
                while i < len(lines) and lines[i].strip() and lines[i].strip() not in BLOCKS:
                    rec.expected.append(split_row(lines[i], len(rec.types), path, i + 1))
                    i += 1
            elif allow_pending:
                rec.pending = True
            else:
                raise ScriptError(f"{path}:{lineno}: query without '----' line")
        elif i < len(lines) and lines[i].strip() == "----":
            raise ScriptError(f"{path}:{lineno}: statement records have no result")
        while i < len(lines) and lines[i].strip() in BLOCKS:
            block = lines[i].strip()
            i += 1
            body = []
            while i < len(lines) and lines[i].strip() and lines[i].strip() not in BLOCKS:
                body.append(lines[i].rstrip("\n"))
                i += 1
            if block == "-- columns":
                if rec.kind != "query":
                    raise ScriptError(f"{path}:{lineno}: only queries have '-- columns'")
                if rec.columns is not None:
                    raise ScriptError(f"{path}:{lineno}: two '-- columns' blocks")
                if not rec.pending and len(body) != len(rec.types):
                    raise ScriptError(f"{path}:{lineno}: '-- columns' lists {len(body)} "
                                      f"columns for {len(rec.types)} types")
                for n, line in enumerate(body):
                    if len(line.split("\t")) != 6:
                        raise ScriptError(f"{path}:{lineno}: column line {n + 1} needs 6 "
                                          f"tab-separated fields: {line!r}")
                rec.columns = body
            else:
                if rec.warnings is not None:
                    raise ScriptError(f"{path}:{lineno}: two '-- warnings' blocks")
                rows = []
                for line in body:
                    cells = line.split("\t", 2)
                    if len(cells) != 3:
                        raise ScriptError(f"{path}:{lineno}: warning lines are "
                                          f"Level<TAB>Code<TAB>Message: {line!r}")
                    rows.append(tuple(cells))
                rec.warnings = rows
        if i < len(lines) and lines[i].strip() == "----":
            raise ScriptError(f"{path}:{i + 1}: '----' after the record's blocks")
        rec.end = i
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


def flag_names(flags):
    names = [name for bit, name in FLAG_ORDER if flags & bit]
    rest = flags & ~sum(bit for bit, _ in FLAG_ORDER)
    if rest:
        names.append(str(rest))
    return ",".join(names) or "(none)"


def column_line(f, kind):
    """One "-- columns" line for a pymysql FieldDescriptorPacket."""
    decimals, flags, charsetnr = f.scale, f.flags, f.charsetnr
    if kind == "mariadb":
        if decimals == 39:
            decimals = 31
        if f.type_code in NUMERIC_TYPES:
            flags |= 32768
        if charsetnr == 45:
            charsetnr = 255
    name = f.name if f.name != "" else "(empty)"
    return "\t".join([name, TYPE_NAMES.get(f.type_code, str(f.type_code)), str(f.length),
                      str(decimals), flag_names(flags), str(charsetnr)])


def type_letters(fields):
    """The I/T/R letters record.py writes for a result's columns."""
    out = ""
    for f in fields:
        if f.type_code in (1, 2, 3, 8, 9, 13, 16):
            out += "I"
        elif f.type_code in (0, 4, 5, 246):
            out += "R"
        else:
            out += "T"
    return out


TYPE_CHECKS = {
    "I": re.compile(r"-?\d+"),
    "R": re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?"),
    "T": re.compile(r".*", re.S),
}


@dataclass
class Outcome:
    """What a record did on the server."""
    error: tuple | None = None  # (code, message)
    fields: list | None = None  # FieldDescriptorPackets of the result set
    rows: list | None = None  # rendered rows
    warnings: list | None = None  # rendered SHOW WARNINGS rows (fetched when asked)


def execute(conn, sql, want_warnings):
    """Runs one record's SQL. Warnings come from SHOW WARNINGS when the statement reported a
    warning count (or failed); a statement that reported none has none, whatever an older
    statement left in the diagnostics area of a server that keeps it."""
    out = Outcome()
    with conn.cursor() as cur:
        try:
            cur.execute(sql)
            result = cur._result
            if cur.description:
                out.fields = list(result.fields)
                out.rows = [tuple(render(v) for v in row) for row in cur.fetchall()]
            count = result.warning_count if result is not None else 0
        except pymysql.err.Error as e:
            code = e.args[0] if e.args else None
            out.error = (code, e.args[1] if len(e.args) > 1 else "")
            count = 1
            if not conn.open:
                if want_warnings:
                    out.warnings = [("Error", str(code), "(the connection was lost: no SHOW "
                                                         "WARNINGS)")]
                return out
        if want_warnings:
            out.warnings = []
            if count:
                try:
                    cur.execute("SHOW WARNINGS")
                    out.warnings = [tuple(render(v) for v in row) for row in cur.fetchall()]
                except pymysql.err.Error as e:
                    out.warnings = [("Error", "?", f"SHOW WARNINGS failed: {e}")]
    return out


def record_key(path, line):
    try:
        shown = Path(path).resolve().relative_to(REPO)
    except ValueError:
        shown = Path(path)
    return f"{shown}:{line}"


def read_known_failures(path=KNOWN_FAILURES):
    """{ "tests/sql/x.test:12": reason }"""
    known = {}
    if not path.exists():
        return known
    for raw in path.read_text().splitlines():
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        key, _, reason = text.partition("#")
        known[key.strip()] = reason.strip()
    return known


# The first words of the failure messages the runner writes as reasons.
RUNNER_REASONS = ("result mismatch", "column metadata mismatch", "warnings mismatch",
                  "unexpected error", "expected error", "expected ", "value ",
                  "query returned no result set", "record has no expected result")

KNOWN_FAILURES_HEADER = """\
# Records expected to fail on porpoised today, as path:line [# reason]. The runner counts their
# failures as expected failures and reports those that pass. Regenerate the entries of the
# scripts you ran with:  tests/sql/run_sql_tests.py --update-known-failures [paths]
"""


def write_known_failures(entries, path=KNOWN_FAILURES):
    def order(key):
        file, _, line = key.rpartition(":")
        return (file, int(line) if line.isdigit() else 0)

    lines = [KNOWN_FAILURES_HEADER]
    for key in sorted(entries, key=order):
        reason = entries[key]
        lines.append(f"{key}  # {reason}\n" if reason else f"{key}\n")
    path.write_text("".join(lines))


class Runner:
    def __init__(self, connect, kind, verbose=False, known=None):
        self.connect = connect  # (database=None) -> connection
        self.kind = kind
        self.verbose = verbose
        self.known = known if known is not None else {}  # key -> reason
        self.passed = 0
        self.failed = 0
        self.expected_failures = 0
        self.skipped = 0
        self.counter = 0
        self.failures = {}  # key -> first line of the message, for --update-known-failures
        self.files_run = set()  # relative paths of the scripts run
        self.records_seen = set()  # keys of the records run

    def fail(self, where, message):
        self.failed += 1
        print(f"{where}: {message}")

    def record_failed(self, path, rec, message):
        key = record_key(path, rec.line)
        self.failures[key] = message.split("\n", 1)[0]
        if key in self.known:
            self.expected_failures += 1
            if self.verbose:
                print(f"{path}:{rec.line}: expected failure: {message}")
            return
        self.fail(f"{path}:{rec.line}", message)

    def record_passed(self, path, rec):
        self.passed += 1
        if record_key(path, rec.line) in self.known:
            print(f"{path}:{rec.line}: now passes, remove from known_failures.txt")

    def run_file(self, path):
        try:
            header, records = parse(path)
        except ScriptError as e:
            self.fail(str(e).split(": ", 1)[0], str(e).split(": ", 1)[1])
            return
        self.files_run.add(record_key(path, 0).rpartition(":")[0])
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
            if not rec.runs_on(self.kind):
                self.skipped += 1
                continue
            self.records_seen.add(record_key(path, rec.line))
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
        try:
            out = execute(conn, rec.sql, rec.warnings is not None)
        except UnicodeDecodeError as error:
            # A row that is not text in the connection's charset: a failed record, and the
            # connection's state is unknown, so start a new one.
            self.record_failed(path, rec, f"undecodable result: {error}")
            conn.close()
            return self.connect(database=db)
        if out.error is not None and not conn.open:
            conn = self.connect(database=db)  # the server dropped the session
        problem = self.check(rec, out)
        if problem:
            self.record_failed(path, rec, problem)
        else:
            self.record_passed(path, rec)
        return conn

    def check(self, rec, out):
        """The mismatch between a record and what the server did, or None."""
        if rec.pending:
            return "record has no expected result yet (fill it in with tests/sql/record.py)"
        if out.error is not None:
            code, message = out.error
            if rec.kind == "statement" and rec.expect_error is not None:
                if rec.expect_error not in (0, code):
                    return f"expected error {rec.expect_error}, got {code}: {message}"
            else:
                return f"unexpected error {code}: {message}\n    {rec.sql}"
        elif rec.kind == "statement":
            if rec.expect_error is not None:
                return f"expected error {rec.expect_error}, statement succeeded"
        elif out.fields is None:
            return "query returned no result set"
        else:
            problem = self.check_result(rec, out)
            if problem:
                return problem
        if rec.warnings is not None and out.warnings != rec.warnings:
            lines = [f"warnings mismatch\n    {rec.sql}", "    expected:"]
            lines += ["      " + "\t".join(r) for r in rec.warnings] or ["      (none)"]
            lines.append("    actual:")
            lines += ["      " + "\t".join(r) for r in out.warnings] or ["      (none)"]
            return "\n".join(lines)
        return None

    def check_result(self, rec, out):
        if len(out.fields) != len(rec.types):
            return f"expected {len(rec.types)} columns, got {len(out.fields)}"
        actual = list(out.rows)
        for row in actual:
            for value, letter in zip(row, rec.types):
                if value != "NULL" and not TYPE_CHECKS[letter].fullmatch(value):
                    return f"value {value!r} is not of type {letter}"
        expected = list(rec.expected)
        if rec.sort == "rowsort":
            actual.sort()
            expected.sort()
        if actual != expected:
            lines = [f"result mismatch\n    {rec.sql}", "    expected:"]
            lines += ["      " + "\t".join(r) for r in expected] or ["      (no rows)"]
            lines.append("    actual:")
            lines += ["      " + "\t".join(r) for r in actual] or ["      (no rows)"]
            return "\n".join(lines)
        if rec.columns is not None:
            got = [column_line(f, self.kind) for f in out.fields]
            if got != rec.columns:
                lines = [f"column metadata mismatch\n    {rec.sql}", "    expected:"]
                lines += ["      " + line for line in rec.columns]
                lines.append("    actual:")
                lines += ["      " + line for line in got]
                return "\n".join(lines)
        return None

    def updated_known_failures(self):
        """known_failures.txt's entries after this run: the failures of the files run (with
        the reasons already given for them), and the entries of other files unchanged."""
        entries = {}
        for key, reason in self.known.items():
            if key.rpartition(":")[0] not in self.files_run:
                entries[key] = reason
        for key, message in self.failures.items():
            # A reason someone wrote stays; one the runner wrote is replaced by today's.
            reason = self.known.get(key, "")
            entries[key] = reason if reason and not reason.startswith(RUNNER_REASONS) \
                else message[:100]
        return entries

    def stale_known_failures(self):
        return sorted(key for key in self.known
                      if key.rpartition(":")[0] in self.files_run
                      and key not in self.records_seen)


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
    ap.add_argument("--update-known-failures", action="store_true",
                    help="rewrite known_failures.txt's entries for the scripts run from the "
                         "failures of this run (porpoised only)")
    ap.add_argument("--known-failures", type=Path, default=KNOWN_FAILURES,
                    help="the known-failures file (default: tests/sql/known_failures.txt)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if args.update_known_failures and args.server != "porpoise":
        ap.error("--update-known-failures records porpoised's failures: use --server porpoise")

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

    # The known failures are porpoised's; MariaDB must pass every record it runs.
    known = read_known_failures(args.known_failures) if args.server == "porpoise" else {}
    runner = Runner(connect, args.server, verbose=args.verbose, known=known)
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
    if args.update_known_failures:
        entries = runner.updated_known_failures()
        write_known_failures(entries, args.known_failures)
        print(f"{args.known_failures}: {len(entries)} entries")
    else:
        for key in runner.stale_known_failures():
            print(f"{key}: listed in known_failures.txt but no record there ran")
    if args.verbose:
        print(f"{len(scripts)} files in {time.monotonic() - started:.2f}s, "
              f"{runner.skipped} records skipped")
    summary = f"{runner.passed} passed, {runner.failed} failed"
    if runner.expected_failures:
        summary += f", {runner.expected_failures} expected failures"
    print(summary)
    ok = runner.failed == 0 and (runner.passed > 0 or runner.expected_failures > 0)
    return 0 if ok or args.update_known_failures else 1


if __name__ == "__main__":
    sys.exit(main())
