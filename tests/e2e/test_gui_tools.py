# Web GUIs doing their everyday job, driven in headless Chromium as a person would drive them:
# Adminer (over TCP) and phpMyAdmin (over the unix socket, with its configuration storage in
# the server) from Debian's packages, each served by PHP's built-in web server on 127.0.0.1.
# Each logs in, opens a database, browses a table, shows its structure, creates a table,
# inserts and edits a row, runs a query, exports the database and opens the server pages.
#
# The browser scripts are tests/e2e/node/gui/*.js (playwright-core from tests/e2e/node, the
# machine's /usr/bin/chromium). Screenshots of every step go to
# $PORPOISE_ARTIFACTS/gui (default test-artifacts/gui under the repository), with the
# queries each tool sent, taken from the server's general log.
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from harness import IS_PORPOISE, REPO, free_port, identified, missing, tcp_connects

NODE_DIR = Path(__file__).resolve().parent / "node"
ARTIFACTS = Path(os.environ.get("PORPOISE_ARTIFACTS", REPO / "test-artifacts")) / "gui"
USER, PASSWORD = "gui", "gui-pw"
ADMINER_ROOT = Path("/usr/share/adminer")
PHPMYADMIN_ROOT = Path("/usr/share/phpmyadmin")
PHPMYADMIN_DB_CONFIG = Path("/etc/phpmyadmin/config-db.php")


def need(path, what):
    if not Path(path).exists():
        missing(f"{path} is missing: {what} (scripts/deps.sh installs it)")


@pytest.fixture(scope="module")
def srv(module_servers):
    for path, what in ((shutil.which("php") or "/usr/bin/php", "php-cli"),
                       ("/usr/bin/chromium", "the chromium package"),
                       (ADMINER_ROOT / "adminer.php", "the adminer package"),
                       (PHPMYADMIN_ROOT / "index.php", "the phpmyadmin package"),
                       (NODE_DIR / "node_modules" / "playwright-core" / "package.json",
                        "playwright-core in tests/e2e/node (npm ci)")):
        need(path, what)
    server = module_servers.started()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server.general_log = server.base / "general.log"
    server.sql(
        f"SET GLOBAL general_log_file = '{server.general_log}'",
        "SET GLOBAL log_output = 'FILE'",
        f"CREATE USER '{USER}'@'%' {identified(PASSWORD)}",
        f"GRANT ALL ON *.* TO '{USER}'@'%' WITH GRANT OPTION",
    )
    return server


def fresh_shop(server, name):
    server.sql(
        f"DROP DATABASE IF EXISTS {name}",
        f"CREATE DATABASE {name}",
        f"CREATE TABLE {name}.items (id INT AUTO_INCREMENT PRIMARY KEY, "
        "name VARCHAR(40) NOT NULL, price DECIMAL(8,2))",
        f"INSERT INTO {name}.items (name, price) VALUES ('pen', 1.50), ('cup', 4.25)",
    )


def php_config_values(path):
    """The `$name='value';` assignments of a PHP configuration file such as config-db.php."""
    text = path.read_text() if path.exists() else ""
    return dict(re.findall(r"^\$(\w+)\s*=\s*'([^']*)';", text, re.M))


class WebServer:
    """PHP's built-in web server on a free 127.0.0.1 port, serving `root`."""

    def __init__(self, root, socket, log):
        self.port = free_port()
        self.log = open(log, "w")
        env = dict(os.environ, PHP_CLI_SERVER_WORKERS="4")
        self.proc = subprocess.Popen(
            ["php", "-d", f"mysqli.default_socket={socket}", "-d", "display_errors=stderr",
             "-S", f"127.0.0.1:{self.port}", "-t", str(root)],
            cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while not tcp_connects("127.0.0.1", self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"php -S did not start: see {log}")
            time.sleep(0.1)

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def general_log_mark(server):
    return server.general_log.stat().st_size if server.general_log.exists() else 0


def save_queries(server, mark, tool):
    """Writes the distinct statements logged since `mark` to <tool>-queries.log, one per line
    (a statement written over several lines continues its entry in the log file)."""
    entries = []
    if not server.general_log.exists():
        return entries
    with open(server.general_log, "rb") as log:
        log.seek(mark)
        for raw in log.read().decode("utf-8", "replace").splitlines():
            parts = raw.split("\t")
            if len(parts) >= 3 and re.match(r"\d{4}-\d\d-\d\dT", parts[0]):
                command = parts[1].strip().split(" ", 1)[-1]
                entries.append([command, "\t".join(parts[2:])])
            elif entries:
                entries[-1][1] += " " + raw
    seen, lines = set(), []
    for command, statement in entries:
        statement = re.sub(r"\s+", " ", statement).strip()
        if command in ("Query", "Prepare") and statement and statement not in seen:
            seen.add(statement)
            lines.append(statement)
    (ARTIFACTS / f"{tool}-queries.log").write_text("\n".join(lines) + "\n")
    return lines


def run_browser(tool, env):
    node = shutil.which("node")
    if node is None:
        missing("node is not installed: tests/e2e/test_gui_tools.py needs Node.js 20")
    result = subprocess.run(
        [node, str(NODE_DIR / "gui" / f"{tool}.js")], cwd=NODE_DIR,
        env=dict(os.environ, GUI_SHOTS=str(ARTIFACTS), **env),
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
    steps = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return steps, result


def drive(server, tool, root, env):
    """Serves `root` with PHP and runs the tool's browser script with the general log on;
    GUI_URL in `env` is the path of the tool's page on that web server."""
    web = WebServer(root, server.socket, ARTIFACTS / f"{tool}-php.log")
    server.sql("SET GLOBAL general_log = ON")
    mark = general_log_mark(server)
    try:
        env = dict(env, GUI_URL=f"http://127.0.0.1:{web.port}{env['GUI_URL']}",
                   GUI_USER=USER, GUI_PASSWORD=PASSWORD)
        return run_browser(tool, env)
    finally:
        web.close()
        server.sql("SET GLOBAL general_log = OFF")
        save_queries(server, mark, tool)


def check_steps(steps, result, expected):
    failed = [s for s in steps if not s["ok"]]
    assert not failed, f"{failed[0]['step']}: {failed[0]['error']}\n{result.stderr[-2000:]}"
    assert [s["step"] for s in steps] == expected, result.stderr[-2000:]
    assert result.returncode == 0, result.stderr[-2000:]


STEPS = ["login", "open-database", "browse-table", "table-structure"]


def test_adminer(srv):
    fresh_shop(srv, "adminershop")
    steps, result = drive(srv, "adminer", ADMINER_ROOT, {
        "GUI_URL": "/adminer.php", "GUI_SERVER": f"127.0.0.1:{srv.port}",
        "GUI_DB": "adminershop"})
    check_steps(steps, result, STEPS + ["alter-table-page", "create-table", "insert-row",
                                        "edit-row", "run-query", "export", "server-status"])
    assert srv.sql("SELECT name FROM adminershop.items ORDER BY id") == (
        ("fountain pen",), ("cup",), ("lamp",))
    # The general log caught the tool's introspection (MariaDB writes another layout).
    sent = (ARTIFACTS / "adminer-queries.log").read_text()
    assert not IS_PORPOISE or ("SHOW FULL COLUMNS FROM `items`" in sent and
                               "information_schema.PARTITIONS" in sent)


def test_phpmyadmin(srv):
    fresh_shop(srv, "pmashop")
    # The package's configuration names a control user and a database for phpMyAdmin's own
    # tables (dbconfig-common writes them): create both, as an admin does on MySQL.
    control = php_config_values(PHPMYADMIN_DB_CONFIG)
    if control.get("dbname"):
        host = "localhost"
        srv.sql(f"DROP USER IF EXISTS '{control['dbuser']}'@'{host}'",
                f"CREATE USER '{control['dbuser']}'@'{host}' IDENTIFIED BY '{control['dbpass']}'",
                f"GRANT ALL ON `{control['dbname']}`.* TO '{control['dbuser']}'@'{host}'")
        script = (PHPMYADMIN_ROOT / "sql" / "create_tables.sql").read_text()
        script = script.replace("`phpmyadmin`", f"`{control['dbname']}`")
        out = srv.client("mariadb", "-S", srv.socket, "-uroot", input=script)
        assert out.returncode == 0, out.stderr
    steps, result = drive(srv, "phpmyadmin", PHPMYADMIN_ROOT, {
        "GUI_URL": "/index.php", "GUI_DB": "pmashop"})
    check_steps(steps, result, STEPS + ["create-table", "insert-row", "edit-row", "run-query",
                                        "export", "server-pages"])
    assert srv.sql("SELECT name FROM pmashop.items ORDER BY id") == (
        ("fountain pen",), ("cup",), ("lamp",))
    sent = (ARTIFACTS / "phpmyadmin-queries.log").read_text()
    assert not IS_PORPOISE or ("SET lc_messages = 'en_US';" in sent and
                               "SUBSTRING_INDEX(SCHEMA_NAME" in sent)
