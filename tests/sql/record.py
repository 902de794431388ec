#!/usr/bin/python3
# Records the expectations of .test scripts (format in run_sql_tests.py) from a real server:
# a throwaway MariaDB by default (the one harness.py starts), or a running server.
#
# Write the SQL, leave the answer out, and let this fill it in:
#   query                       a query without types and without "----" (or "query rowsort")
#   SELECT 1.5 * 2
#
#   statement                   a statement without ok/error
#   INSERT INTO t VALUES (300)
#
#   record                      before any record: record it again (rows, status, blocks)
#   query I
#   SELECT ...
#   ----
#   (stale rows)
#
# Every script named is run from the top in a fresh database, as the runner does; records
# that are not being recorded run too (they build the state later records read) and are left
# as they are. A recorded query gets its type letters (kept if the old ones still fit), its
# rows, a "-- columns" block and, when the statement raised any or the record already had
# the block, a "-- warnings" block; a recorded statement gets "statement ok" or
# "statement error <errno>" and its warnings. A query that fails becomes "statement error".
# Records that do not run on the recording server (onlyif porpoise, skipif mariadb) are
# never touched: those are the ones written from the MySQL 8.4 manual.
#
#   /usr/bin/python3 tests/sql/record.py tests/sql/types/decimal.test     # pending + marked
#   /usr/bin/python3 tests/sql/record.py --all tests/sql/types             # everything
#   /usr/bin/python3 tests/sql/record.py --dry-run -v tests/sql/types/x.test
#
# Recording moves lines: refresh known_failures.txt afterwards with
# run_sql_tests.py --update-known-failures.
import argparse
import os
import sys
from pathlib import Path

import pymysql

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "e2e"))

import harness  # noqa: E402
from run_sql_tests import (TYPE_CHECKS, ScriptError, column_line, execute,  # noqa: E402
                           find_scripts, parse, type_letters)


def letters_for(rec, out):
    """The record's type letters if they still fit the result, else ones from the types."""
    derived = type_letters(out.fields)
    candidates = [rec.types, derived] if len(rec.types) == len(out.fields) else [derived]
    for letters in candidates:
        if all(v == "NULL" or TYPE_CHECKS[t].fullmatch(v)
               for row in out.rows for v, t in zip(row, letters)):
            return letters
    return "".join("T" if any(row[n] != "NULL" and not TYPE_CHECKS[t].fullmatch(row[n])
                              for row in out.rows) else t
                   for n, t in enumerate(derived))


def render_record(lines, rec, out, kind, columns=True):
    """The new text of a recorded record, as a list of lines."""
    text = [line for line in lines[rec.start:rec.head] if line.strip() != "record"]
    sql = rec.sql.split("\n")
    problems = []
    if out.error is not None:
        text.append(f"statement error {out.error[0]}")
        text += sql
    elif rec.kind == "statement" or out.fields is None:
        text.append("statement ok")
        text += sql
    else:
        letters = letters_for(rec, out)
        text.append(f"query {letters}" + (f" {rec.sort}" if rec.sort else ""))
        text += sql
        text.append("----")
        rows = sorted(out.rows) if rec.sort == "rowsort" else out.rows
        for row in rows:
            line = "\t".join(row)
            if "\n" in line or any("\t" in v for v in row) or any(not v.strip() for v in row):
                problems.append(f"a value has a tab, a newline or only spaces: {row!r}")
            text.append(line)
        if columns:
            text.append("-- columns")
            text += [column_line(f, kind) for f in out.fields]
    if out.warnings or (rec.warnings is not None and out.warnings is not None):
        text.append("-- warnings")
        text += ["\t".join(w) for w in out.warnings]
    return text, problems


def record_file(path, connect, kind, everything, columns, dry_run, verbose):
    try:
        _, records = parse(path, allow_pending=True)
    except ScriptError as e:
        print(e)
        return 0, 1
    lines = path.read_text().split("\n")
    db = f"record_{os.getpid()}"
    admin = connect()
    with admin.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{db}`")
        cur.execute(f"CREATE DATABASE `{db}`")
    conn = connect(database=db)
    replacements, problems = [], 0
    for rec in records:
        if not rec.runs_on(kind):
            if rec.pending or rec.rerecord:
                print(f"{path}:{rec.line}: not recorded: it does not run on {kind}")
                problems += 1
            continue
        wanted = rec.pending or rec.rerecord or everything
        out = execute(conn, rec.sql, want_warnings=True)
        if out.error is not None and not conn.open:
            conn = connect(database=db)
        if not wanted:
            continue
        if out.warnings and any(db in "\t".join(w) for w in out.warnings):
            # The text names the scratch database, whose name changes on every run.
            print(f"{path}:{rec.line}: warnings name the scratch database: not recorded")
            out.warnings, rec.warnings = None, None
        text, trouble = render_record(lines, rec, out, kind, columns)
        if any(db in line for line in text):
            trouble.append("the answer names the scratch database, which differs on every "
                           "run: leave this check out or write it by hand")
        for message in trouble:
            print(f"{path}:{rec.line}: {message}")
        problems += len(trouble)
        if verbose:
            print(f"{path}:{rec.line}:\n  " + "\n  ".join(text))
        replacements.append((rec, text))
    conn.close()
    with admin.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{db}`")
    admin.close()
    for rec, text in reversed(replacements):
        # The record's own blank-line-free span: keep what follows it (blank lines, comments).
        lines[rec.start:rec.end] = text
    if replacements and not dry_run:
        path.write_text("\n".join(lines))
    print(f"{path}: {len(replacements)} records recorded")
    return len(replacements), problems


def main():
    ap = argparse.ArgumentParser(description="Fill in .test expectations from a real server.")
    ap.add_argument("paths", nargs="+", help="scripts or folders")
    ap.add_argument("--all", action="store_true", help="re-record every record that runs")
    ap.add_argument("--server", default="mariadb", choices=["mariadb", "porpoise"],
                    help="which server to start (default: mariadb)")
    ap.add_argument("--host", help="use a running server over TCP instead of starting one")
    ap.add_argument("--port", type=int, default=3306)
    ap.add_argument("--socket", help="use a running server over this unix socket")
    ap.add_argument("--user", default="root")
    ap.add_argument("--password", default="")
    ap.add_argument("--no-columns", action="store_true", help="write no '-- columns' blocks")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    scripts = find_scripts(args.paths, slow=True)
    params = {}

    def connect(database=None):
        return pymysql.connect(database=database, autocommit=True, conv={},
                               max_allowed_packet=64 * 1024 * 1024, **params)

    pool = None
    total = problems = 0
    try:
        if args.host or args.socket:
            params.update(user=args.user, password=args.password)
            params.update(dict(unix_socket=args.socket) if args.socket
                          else dict(host=args.host, port=args.port))
        else:
            pool = harness.ServerPool(harness.workdir())
            server = pool.new(kind=args.server)
            server.initialize()
            server.start()
            params.update(unix_socket=server.socket, user="root", password="")
        for script in scripts:
            n, p = record_file(script, connect, args.server, args.all, not args.no_columns,
                               args.dry_run, args.verbose)
            total += n
            problems += p
        if pool is not None:
            server.stop()
    finally:
        if pool is not None:
            pool.close()
            harness.remove_templates()
    print(f"{total} records recorded, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
