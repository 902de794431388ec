#!/usr/bin/python3
"""Runs the client and tool matrix of tests/e2e against porpoised and writes
docs/compatibility.md: each tool, the version installed here, what its tests exercise, how many
passed, and what is known to differ from MySQL 8.4.

    PORPOISED=build/src/daemon/porpoised PORPOISE=build/src/cli/porpoise \\
        /usr/bin/python3 scripts/compat_report.py [--output docs/compatibility.md]

The versions are read from the installed packages (dpkg, npm's lock file), so the table says
what was run, not what was hoped for. The statements each tool sent are kept, from porpoised's
general query log, in test-artifacts/queries/. Exit status 1 when a test of the matrix failed.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
E2E = REPO / "tests" / "e2e"
NODE_LOCK = E2E / "node" / "package-lock.json"
# Each test module's general query log and its distinct statements (<module>.statements).
QUERIES = REPO / "test-artifacts" / "queries"

BARE_PARAMETER = ("the prepare-time type of a bare ? in a select list is described as a string "
                  "(MySQL 8.4 derives it from the context)")
NO_REPLICATION = "no binary log or replication: those pages show none"

# (tool, where its version comes from, tests: (module, test-name regex), what works, differs)
MATRIX = [
    ("mariadb (CLI)", "deb:mariadb-client",
     [("test_cli_tools.py", r"mariadb_(output|source|status|interactive)"),
      ("test_connector_probes.py", r"mariadb_cli")],
     "batch and -e output formats, source with DELIMITER blocks, \\s status, an interactive "
     "session in a pseudo-terminal (prompt, use, \\G, help, tab completion)", ""),
    ("mariadb-dump", "deb:mariadb-client",
     [("test_cli_tools.py", r"dump"), ("test_dump.py", r".")],
     "dump and re-import of tables, views, routines, triggers, generated columns; "
     "--all-databases", ""),
    ("mariadb-admin", "deb:mariadb-client",
     [("test_cli_tools.py", r"mariadb_admin"), ("test_admin_commands.py", r".")],
     "ping, status, extended-status, processlist, variables, create, drop, flush-privileges, "
     "password, shutdown", ""),
    ("mariadb-show, mariadb-check", "deb:mariadb-client",
     [("test_cli_tools.py", r"mariadb_(show|check)")],
     "databases, tables with row counts (COM_FIELD_LIST), CHECK TABLE", ""),
    ("mycli", "deb:mycli", [("test_cli_tools.py", r"mycli")],
     "interactive start (it reads names for completion), queries at its prompt, -e with "
     "tab, CSV and table output", ""),
    ("porpoise (shell)", "porpoise",
     [("test_cli_shell.py", r".")],
     "tee, pager, prompt escapes, init-command, completion, Ctrl-R, warnings, source, status",
     "max_join_size (sent by --safe-updates) is accepted, not enforced"),
    ("PyMySQL", "deb:python3-pymysql", [("test_connector_probes.py", r".")],
     "connect-time probes, COM_* commands, multi-statements, KILL, change user", ""),
    ("mysqlclient (MySQLdb)", "deb:python3-mysqldb",
     [("test_python_orms.py", r"mysqldb")], "cursors, types, server-side cursors", ""),
    ("SQLAlchemy", "deb:python3-sqlalchemy",
     [("test_python_orms.py", r"sqlalchemy")],
     "ORM create_all, session CRUD, relationships, reflection of columns, indexes and "
     "foreign keys", ""),
    ("mysql2 (node)", "npm:mysql2",
     [("test_node_drivers.py", r"mysql2")],
     ".query, .execute (server prepares), LIMIT ?, pools, transactions, query attributes",
     BARE_PARAMETER),
    ("mysql (node)", "npm:mysql", [("test_node_drivers.py", r"mysql_package")],
     "client-side placeholders, transactions", ""),
    ("Knex", "npm:knex", [("test_node_drivers.py", r"knex")],
     "migrations with foreign keys, introspection, CRUD in transactions", ""),
    ("MariaDB Connector/J", "deb:libmariadb-java", [("test_connector_j.py", r".")],
     "Statement, PreparedStatement (client and server prepares), batch, transactions, "
     "savepoints, DatabaseMetaData", BARE_PARAMETER),
    ("PHP mysqli, PDO", "deb:php-mysql",
     [("test_prepared_statements.py", r"mysqli|pdo")],
     "mysqli_stmt, PDO native and emulated prepares, errors", BARE_PARAMETER),
    ("Perl DBD::MariaDB", "deb:libdbd-mariadb-perl",
     [("test_prepared_statements.py", r"perl")], "placeholders, mariadb_server_prepare=1", ""),
    ("sysbench", "deb:sysbench",
     [("test_sysbench.py", r"."), ("test_prepared_statements.py", r"sysbench")],
     "oltp_read_write prepare/run/cleanup with and without server prepares",
     "two concurrent writers may see deadlock errors (1213) under SQLite's single writer"),
    ("Adminer", "deb:adminer", [("test_gui_tools.py", r"adminer")],
     "login, browse, structure, alter page, create table, insert, edit, SQL, export, "
     "server pages (Chromium)", NO_REPLICATION),
    ("phpMyAdmin", "deb:phpmyadmin", [("test_gui_tools.py", r"phpmyadmin")],
     "login, navigation tree, browse, structure, create table, insert, edit, SQL, export, "
     "server pages, configuration storage (Chromium)", NO_REPLICATION),
    ("Login matrix", "deb:mariadb-client", [("test_auth_matrix.py", r".")],
     "client default plugin x account plugin x TCP / TCP with TLS / socket", ""),
]


def version_of(source):
    kind, _, name = source.partition(":")
    if kind == "deb":
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                             capture_output=True, text=True)
        return out.stdout.strip() or "not installed"
    if kind == "npm":
        lock = json.loads(NODE_LOCK.read_text())
        return lock.get("packages", {}).get(f"node_modules/{name}", {}).get("version", "?")
    out = subprocess.run([os.environ.get("PORPOISE", str(REPO / "build/src/cli/porpoise")),
                          "--version"], capture_output=True, text=True)
    match = re.search(r"Ver (\S+)", out.stdout)
    return match.group(1) if match else "?"


def run_matrix(xml_path):
    modules = sorted({module for _, _, tests, _, _ in MATRIX for module, _ in tests})
    QUERIES.mkdir(parents=True, exist_ok=True)
    for old in QUERIES.glob("*.log"):
        old.unlink()
    env = dict(os.environ, PORPOISE_E2E_GENERAL_LOG=str(QUERIES))
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    f"--junitxml={xml_path}", *modules], cwd=E2E, stdin=subprocess.DEVNULL,
                   env=env)
    for log in sorted(QUERIES.glob("test_*.log")):
        (QUERIES / (log.stem + ".statements")).write_text("\n".join(statements(log)) + "\n")
    results = []
    for case in ElementTree.parse(xml_path).getroot().iter("testcase"):
        module = case.get("classname", "").split(".")[-1] + ".py"
        failed = case.find("failure") is not None or case.find("error") is not None
        skipped = case.find("skipped") is not None
        results.append((module, case.get("name", ""), failed, skipped))
    return results


def statements(log):
    """The distinct statements (Query, Prepare) of a general log file, in first-seen order,
    each on one line."""
    entries = []
    for raw in log.read_text(errors="replace").splitlines():
        parts = raw.split("\t")
        if len(parts) >= 3 and re.match(r"\d{4}-\d\d-\d\dT", parts[0]):
            entries.append([parts[1].strip().split(" ", 1)[-1], "\t".join(parts[2:])])
        elif entries:
            entries[-1][1] += " " + raw
    seen = {}
    for command, text in entries:
        text = re.sub(r"\s+", " ", text).strip()
        if command in ("Query", "Prepare") and text:
            seen.setdefault(text, None)
    return list(seen)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default=str(REPO / "docs" / "compatibility.md"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = run_matrix(Path(tmp) / "matrix.xml")
    rows, any_failed = [], False
    for tool, source, tests, works, differs in MATRIX:
        mine = [r for r in results
                if any(r[0] == module and re.search(pattern, r[1]) for module, pattern in tests)]
        passed = sum(1 for r in mine if not r[2] and not r[3])
        failed = [r[1] for r in mine if r[2]]
        any_failed = any_failed or bool(failed) or not mine
        outcome = f"{passed}/{len(mine)} passed" + (f" (failed: {', '.join(failed)})" if failed else "")
        rows.append(f"| {tool} | {version_of(source)} | {works} | {outcome} | {differs or '—'} |")
    text = "\n".join([
        "# Compatibility: clients, drivers and tools against porpoised",
        "",
        "Written by `scripts/compat_report.py` from a run of the end-to-end matrix in",
        "`tests/e2e` (each row's tests are named in the script). Versions are those installed",
        "from Debian 12 and npm where the report was made. Every row runs in the test command.",
        "",
        "| Tool | Version | What its tests do | Result | Known to differ from MySQL 8.4 |",
        "|---|---|---|---|---|",
        *rows,
        "",
        "GUI screenshots from the Adminer and phpMyAdmin runs are in `docs/screenshots/`;",
        "every run writes all of them, with the statements each tool sent (taken from the",
        "general query log), to `test-artifacts/gui/`. The report's run also keeps each test",
        "module's general query log, and its distinct statements, in `test-artifacts/queries/`.",
        "",
    ])
    Path(args.output).write_text(text)
    print(f"wrote {args.output}")
    return 1 if any_failed else 0


if __name__ == "__main__":
    sys.exit(main())
