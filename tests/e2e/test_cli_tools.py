# The command-line tools of Debian's mariadb-client doing their everyday job, over TCP with a
# mysql_native_password account: the `mariadb` CLI (-e, \G and --vertical, batch output with
# --table, `source` of a script with DELIMITER blocks, `status`, an interactive session in a
# pseudo-terminal), mariadb-dump (a database with tables, a view, routines, a trigger and data,
# reloaded into another database; --all-databases), mariadb-admin, mariadb-show and
# mariadb-check; and mycli (Debian's package) running queries in batch mode.
#
# Output is compared whole with MySQL 8.4's answer where it is stable, piece by piece where it
# holds times and counters. The suite runs unchanged against MariaDB
# (PORPOISE_E2E_SERVER=mariadb); where MariaDB 10.11 answers differently the branch says
# `# MySQL 8.4: ...`.
#
# Left out, tracked elsewhere: mariadb-admin shutdown/refresh/password, mariadb-dump
# --flush-logs, LOAD DATA and mariadb-import, mariadb-dump --system=users.
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import time
from decimal import Decimal

import pytest

from harness import IS_PORPOISE, check_output, identified, missing

USER, PASSWORD = "tool", "tool-pw"


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        f"CREATE USER '{USER}'@'%' {identified(PASSWORD)}",
        f"GRANT ALL ON *.* TO '{USER}'@'%'",
        "CREATE DATABASE cli CHARACTER SET utf8mb4",
        "CREATE TABLE cli.t (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(6,2))",
        "INSERT INTO cli.t VALUES (1, 'pen', 1.50), (2, 'it''s', NULL), (3, 'naïve', 20)",
    )
    return server


# The Debian package of each command.
PACKAGES = {"mariadb": "mariadb-client-core", "mariadb-check": "mariadb-client-core",
            "mariadb-dump": "mariadb-client", "mariadb-admin": "mariadb-client",
            "mariadb-show": "mariadb-client", "mycli": "mycli"}


# The clients take their character set from the locale (latin1 under LANG=C): a UTF-8 one.
ENV = dict(os.environ, LC_ALL="C.UTF-8")


def tool(name):
    """The command's path; fails the test (does not skip it) when it is not installed."""
    path = shutil.which(name)
    if path is None:
        missing(f"{name} is not installed: apt-get install {PACKAGES[name]}")
    return path


def run_tool(srv, name, *args, input=None, rc=0, timeout=60, binary=False):
    """Runs one of the mariadb-client commands as the test account over TCP; checks its exit
    status (rc=None: any) and returns the finished process (its output as bytes with binary,
    as text otherwise)."""
    cmd = [tool(name), "--no-defaults", "-h127.0.0.1", f"-P{srv.port}", f"-u{USER}",
           f"-p{PASSWORD}"] + list(args)
    res = subprocess.run(cmd, input=input, capture_output=True, text=not binary,
                         encoding=None if binary else "utf-8", timeout=timeout, env=ENV)
    if rc is not None:
        assert res.returncode == rc, \
            f"{name} {' '.join(args)} exited {res.returncode}, not {rc}\n--- stdout\n" \
            f"{res.stdout}\n--- stderr\n{res.stderr}"
    return res


def int_type():
    # MySQL 8.4: no display width on INT; MariaDB 10.11 writes int(11).
    return "int" if IS_PORPOISE else "int(11)"


# ---------------------------------------------------------------------------------------------
# mariadb


def test_mariadb_output_formats(srv):
    query = "SELECT id, name, price FROM t ORDER BY id"
    vertical = '''
        *************************** 1. row ***************************
           id: 1
         name: pen
        price: 1.50
        *************************** 2. row ***************************
           id: 2
         name: it's
        price: NULL
        *************************** 3. row ***************************
           id: 3
         name: naïve
        price: 20.00
    '''
    check_output(run_tool(srv, "mariadb", "cli", "-e", query + "\\G").stdout, vertical)
    check_output(run_tool(srv, "mariadb", "cli", "--vertical", "-e", query).stdout, vertical)
    # The width of a column is counted in bytes: naïve takes 6.
    check_output(run_tool(srv, "mariadb", "cli", "--batch", "--table", "-e", query).stdout, '''
        +----+--------+-------+
        | id | name   | price |
        +----+--------+-------+
        |  1 | pen    |  1.50 |
        |  2 | it's   |  NULL |
        |  3 | naïve  | 20.00 |
        +----+--------+-------+
    ''')
    check_output(run_tool(srv, "mariadb", "cli", "--batch", "-e", query).stdout,
                 "id\tname\tprice\n1\tpen\t1.50\n2\tit's\tNULL\n3\tnaïve\t20.00\n")
    # Read from stdin: batch mode by itself; --raw leaves the tab unescaped.
    out = run_tool(srv, "mariadb", "cli", "--skip-column-names",
                   input="SELECT COUNT(*), SUM(price) FROM t;\nSELECT 'a\\tb';\n").stdout
    check_output(out, "3\t21.50\na\\tb\n")
    out = run_tool(srv, "mariadb", "cli", "--skip-column-names", "--raw",
                   input="SELECT 'a\\tb';\n").stdout
    check_output(out, "a\tb\n")
    # A failing statement stops the script: exit status 1, the statement and the error with
    # its line on stderr.
    res = run_tool(srv, "mariadb", "cli", rc=1,
                   input="SELECT 1;\nSELECT * FROM nosuch;\nSELECT 3;\n")
    assert res.stdout == "1\n1\n", res.stdout
    check_output(res.stderr, """
        --------------
        SELECT * FROM nosuch
        --------------

        ERROR 1146 (42S02) at line 2: Table 'cli.nosuch' doesn't exist
    """)
    # --force goes on past it (and exits 0).
    res = run_tool(srv, "mariadb", "cli", "--force",
                   input="SELECT 1;\nSELECT * FROM nosuch;\nSELECT 3;\n")
    assert res.stdout == "1\n1\n3\n3\n", res.stdout


SCRIPT = '''\
-- A script with stored programs, as one keeps them in a file.
CREATE TABLE account (id INT PRIMARY KEY, owner VARCHAR(20) NOT NULL,
                      balance DECIMAL(10,2) NOT NULL DEFAULT 0);
CREATE TABLE ledger (n INT AUTO_INCREMENT PRIMARY KEY, account_id INT NOT NULL,
                     delta DECIMAL(10,2) NOT NULL);
INSERT INTO account VALUES (1, 'ann', 100), (2, 'bob', 50);

DELIMITER //
CREATE PROCEDURE transfer(IN src INT, IN dst INT, IN amount DECIMAL(10,2))
BEGIN
  -- A semicolon inside a comment; and in a string below.
  UPDATE account SET balance = balance - amount WHERE id = src;
  UPDATE account SET balance = balance + amount WHERE id = dst;
  SET @last_transfer = CONCAT(src, ';', dst);
END //
CREATE FUNCTION with_fee(amount DECIMAL(10,2)) RETURNS DECIMAL(10,2)
DETERMINISTIC
BEGIN
  DECLARE fee DECIMAL(10,2);
  SET fee = GREATEST(amount * 0.01, 0.50);
  RETURN amount + fee;
END //
DELIMITER ;;
CREATE TRIGGER account_audit AFTER UPDATE ON account FOR EACH ROW
BEGIN
  IF NEW.balance <> OLD.balance THEN
    INSERT INTO ledger (account_id, delta) VALUES (NEW.id, NEW.balance - OLD.balance);
  END IF;
END;;
DELIMITER ;

CALL transfer(1, 2, with_fee(20));
SELECT id, owner, balance FROM account ORDER BY id;
SELECT account_id, delta FROM ledger ORDER BY n;
SELECT with_fee(100) AS fee100, with_fee(10) AS fee10, @last_transfer;
'''


def test_mariadb_source_script_with_delimiters(srv, tmp_path):
    script = tmp_path / "bank.sql"
    script.write_text(SCRIPT)
    srv.sql("CREATE DATABASE bank")
    res = run_tool(srv, "mariadb", "bank", "--table", "-e", f"source {script}")
    check_output(res.stdout, '''
        +----+-------+---------+
        | id | owner | balance |
        +----+-------+---------+
        |  1 | ann   |   79.50 |
        |  2 | bob   |   70.50 |
        +----+-------+---------+
        +------------+--------+
        | account_id | delta  |
        +------------+--------+
        |          1 | -20.50 |
        |          2 |  20.50 |
        +------------+--------+
        +--------+-------+----------------+
        | fee100 | fee10 | @last_transfer |
        +--------+-------+----------------+
        | 101.00 | 10.50 | 1;2            |
        +--------+-------+----------------+
    ''')
    assert res.stderr == ""
    assert srv.sql("SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES "
                   "WHERE ROUTINE_SCHEMA = 'bank' ORDER BY ROUTINE_NAME") == \
        (("PROCEDURE", "transfer"), ("FUNCTION", "with_fee"))
    assert srv.sql("SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_TIMING "
                   "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'bank'") == \
        (("account_audit", "UPDATE", "account", "AFTER"),)
    # The client strips the comment (--skip-comments is its default); the rest of the body
    # is kept as written.
    body = srv.sql("SHOW CREATE PROCEDURE bank.transfer")[0][2]
    assert "  UPDATE account SET balance = balance + amount WHERE id = dst;\n" \
        "  SET @last_transfer = CONCAT(src, ';', dst);\nEND" in body, body


def status_fields(out):
    """The `Name:<tabs>value` lines of the client's status command."""
    fields = {}
    for line in out.splitlines():
        m = re.match(r"^([A-Za-z. ]+):\t+(.*)$", line)
        if m:
            fields[m.group(1)] = m.group(2)
    return fields


def test_mariadb_status(srv):
    res = run_tool(srv, "mariadb", "cli", "-e", "status")
    fields = status_fields(res.stdout)
    if IS_PORPOISE:
        # MySQL 8.4: the client names the server by its version string; its default
        # character set is utf8mb4 (MariaDB's here: latin1).
        server, version, charset = "MySQL", "8.4.3-porpoise", "utf8mb4"
    else:
        server, version, charset = "MariaDB", "10.11.", "latin1"
    assert fields.get("Server") == server, res.stdout
    assert fields.get("Server version", "").startswith(version), res.stdout
    assert fields.get("Current database") == "cli", res.stdout
    assert fields.get("Current user", "").startswith(f"{USER}@"), res.stdout
    assert fields.get("Connection") == "127.0.0.1 via TCP/IP", res.stdout
    assert fields.get("TCP port") == str(srv.port), res.stdout
    assert fields.get("Protocol version") == "10", res.stdout
    assert fields.get("Using delimiter") == ";", res.stdout
    assert fields.get("Server characterset") == charset, res.stdout
    assert fields.get("Conn.  characterset") == "utf8mb3", res.stdout
    assert re.search(r"^Uptime:\t+\d+ (min |sec)", res.stdout, re.M), res.stdout
    assert re.search(r"^Threads: \d+  Questions: \d+  Slow queries: \d+  Opens: \d+  ",
                     res.stdout, re.M), res.stdout

    # Over the unix socket, as root.
    res = subprocess.run([tool("mariadb"), "--no-defaults", f"--socket={srv.socket}", "-uroot",
                          "-e", "status"], capture_output=True, text=True, encoding="utf-8",
                         timeout=60, env=ENV)
    assert res.returncode == 0, res.stderr
    fields = status_fields(res.stdout)
    assert fields.get("Connection") == "Localhost via UNIX socket", res.stdout
    assert fields.get("UNIX socket") == srv.socket, res.stdout
    assert fields.get("Current user", "").startswith("root@localhost"), res.stdout
    assert fields.get("Server version", "").startswith(version), res.stdout


class Terminal:
    """A program running in a pseudo-terminal, driven like a user at the keyboard."""

    def __init__(self, cmd, env):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self.buffer = b""
        self.transcript = b""

    def expect(self, pattern, timeout=15):
        """Reads until the regular expression matches; returns the text up to its end."""
        regex = re.compile(pattern.encode())
        deadline = time.monotonic() + timeout
        while True:
            m = regex.search(self.buffer)
            if m:
                text, self.buffer = self.buffer[:m.end()], self.buffer[m.end():]
                return text.decode(errors="replace").replace("\r\n", "\n")
            left = deadline - time.monotonic()
            ready = select.select([self.master], [], [], max(left, 0))[0] if left > 0 else []
            chunk = b""
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: the program has closed the terminal
                    pass
            if not chunk:
                pytest.fail(f"no {pattern!r} from the terminal "
                            f"({'timed out' if left <= 0 or not ready else 'closed'}); "
                            f"so far:\n{(self.transcript + self.buffer).decode(errors='replace')}",
                            pytrace=False)
            self.buffer += chunk
            self.transcript += chunk

    def send(self, line):
        os.write(self.master, line.encode() + b"\n")

    def close(self):
        try:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        finally:
            os.close(self.master)


def test_mariadb_interactive_session(srv, tmp_path):
    env = dict(ENV, HOME=str(tmp_path), TERM="dumb", MYSQL_HISTFILE="/dev/null")
    # MySQL 8.4: the mariadb client names the server in its prompt: MySQL for anything that is
    # not MariaDB.
    name = "MySQL" if IS_PORPOISE else "MariaDB"
    term = Terminal([tool("mariadb"), "--no-defaults", "-h127.0.0.1", f"-P{srv.port}",
                     f"-u{USER}", f"-p{PASSWORD}"], env)
    try:
        banner = term.expect(rf"{name} \[\(none\)\]> ")
        assert "Welcome to the MariaDB monitor." in banner, banner
        assert re.search(r"^Server version: " + (r"8\.4\.3-porpoise" if IS_PORPOISE else
                                                 r"10\.11\."), banner, re.M), banner
        term.send("use cli;")
        # The client reads the tables and their columns for completion (COM_FIELD_LIST).
        out = term.expect(rf"{name} \[cli\]> ")
        assert "Reading table information for completion" in out, out
        assert "Database changed" in out, out
        term.send("SELECT id, name FROM t WHERE id < 3 ORDER BY id;")
        out = term.expect(rf"{name} \[cli\]> ")
        assert re.search(r"\| id \| name \|\n\+----\+------\+\n"
                         r"\|  1 \| pen  \|\n\|  2 \| it's \|\n\+----\+------\+\n"
                         r"2 rows in set \(\d+\.\d+ sec\)\n", out), out
        # A statement over two lines: the continuation prompt, then the result.
        term.send("SELECT COUNT(*) AS n")
        term.expect(r"    -> ")
        term.send("FROM t;")
        out = term.expect(rf"{name} \[cli\]> ")
        assert re.search(r"\| n \|\n\+---\+\n\| 3 \|\n\+---\+\n1 row in set", out), out
        term.send("\\s")
        out = term.expect(rf"{name} \[cli\]> ")
        fields = status_fields(out)
        assert fields.get("Current database") == "cli", out
        assert fields.get("Server version", "").startswith(
            "8.4.3-porpoise" if IS_PORPOISE else "10.11."), out
        term.send("SELECT * FROM nosuch;")
        out = term.expect(rf"{name} \[cli\]> ")
        assert "ERROR 1146 (42S02): Table 'cli.nosuch' doesn't exist" in out, out
        term.send("help contents")
        help_out = term.expect(rf"{name} \[cli\]> ")
        term.send("quit")
        term.expect(r"Bye")
        assert term.proc.wait(timeout=10) == 0
    finally:
        term.close()
    # The server's help tables (MySQL 8.4's --initialize fills them): the top category.
    assert 'You asked for help about help category: "Contents"' in help_out, help_out
    assert re.search(r"^categories:\n(   .+\n)*   Data Definition\n(   .+\n)*"
                     r"   Data Manipulation\n", help_out, re.M), help_out


# ---------------------------------------------------------------------------------------------
# mariadb-dump

# Created in a session whose current database is shop, without naming it.
SHOP = [
    "CREATE TABLE customer (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
    " email VARCHAR(80), created DATE NOT NULL DEFAULT '2024-01-01', tag VARBINARY(8),"
    " UNIQUE KEY uq_email (email))",
    "CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL,"
    " total DECIMAL(10,2) NOT NULL, note TEXT, status ENUM('new','paid','shipped') NOT NULL"
    " DEFAULT 'new', placed DATETIME, KEY ix_customer (customer_id),"
    " CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customer (id)"
    " ON DELETE CASCADE)",
    "CREATE TABLE order_log (n INT AUTO_INCREMENT PRIMARY KEY, order_id INT NOT NULL,"
    " what VARCHAR(40) NOT NULL)",
    "CREATE TABLE empty_one (id INT PRIMARY KEY)",
    "INSERT INTO customer (name, email, created, tag) VALUES"
    " ('Ann', 'ann@example.com', '2024-02-29', x'00ff275c0a'),"
    " ('Bob', NULL, '2024-03-01', NULL),"
    " ('Zoë \"Z\" O''Neil', 'zoe@example.com', '2024-03-02', '')",
    "CREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW"
    " INSERT INTO order_log (order_id, what) VALUES (NEW.id, CONCAT('new ', NEW.status))",
    "INSERT INTO orders (customer_id, total, note, status, placed) VALUES"
    " (1, 12.50, 'line1\\nline2\\ttab', 'paid', '2024-03-01 10:00:00'),"
    " (1, 0.99, NULL, 'new', NULL),"
    " (3, 1000.00, 'back\\\\slash; DELIMITER', 'shipped', '2024-03-02 23:59:59')",
    "CREATE VIEW customer_totals AS SELECT c.name, COUNT(o.id) AS orders,"
    " COALESCE(SUM(o.total), 0) AS spent FROM customer c"
    " LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name",
    "CREATE PROCEDURE mark_shipped(IN oid INT, OUT changed INT)\nBEGIN\n"
    "  UPDATE orders SET status = 'shipped' WHERE id = oid AND status <> 'shipped';\n"
    "  SET changed = ROW_COUNT();\nEND",
    "CREATE FUNCTION spent_by(cid INT) RETURNS DECIMAL(10,2) READS SQL DATA"
    " RETURN (SELECT COALESCE(SUM(total), 0) FROM orders WHERE customer_id = cid)",
]
SHOP_TABLES = ("customer", "empty_one", "order_log", "orders")


def shop_snapshot(srv, db):
    """Rows of every table and SHOW CREATE of every object, read in a session whose current
    database is db (SHOW CREATE VIEW names the database of other databases' tables only)."""
    conn = srv.connect(USER, PASSWORD, database=db)
    try:
        with conn.cursor() as cur:
            def q(sql):
                cur.execute(sql)
                return cur.fetchall()
            snap = {"tables": q("SHOW FULL TABLES")}
            for t in SHOP_TABLES:
                snap[f"rows {t}"] = q(f"SELECT * FROM `{t}` ORDER BY 1")
                snap[f"table {t}"] = q(f"SHOW CREATE TABLE `{t}`")
            snap["view"] = q("SHOW CREATE VIEW customer_totals")
            snap["procedure"] = q("SHOW CREATE PROCEDURE mark_shipped")
            snap["function"] = q("SHOW CREATE FUNCTION spent_by")
            # All but the Created column, the time of the CREATE TRIGGER.
            (trigger,) = q("SHOW CREATE TRIGGER orders_ai")
            snap["trigger"] = trigger[:6]
            snap["triggers"] = q("SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE,"
                                 " ACTION_STATEMENT, ACTION_TIMING FROM information_schema.TRIGGERS"
                                 f" WHERE TRIGGER_SCHEMA = '{db}'")
            snap["view rows"] = q("SELECT * FROM customer_totals ORDER BY name")
            snap["function result"] = q("SELECT spent_by(1), spent_by(2)")
            return snap
    finally:
        conn.close()


def as_tool(srv, *statements, database=None):
    """Runs statements as the test account (the definer of the views, routines and triggers
    they create)."""
    conn = srv.connect(USER, PASSWORD, database=database)
    try:
        with conn.cursor() as cur:
            for sql in statements:
                cur.execute(sql)
    finally:
        conn.close()


def test_mariadb_dump_round_trip(srv):
    srv.sql("CREATE DATABASE shop CHARACTER SET utf8mb4")
    as_tool(srv, *SHOP, database="shop")
    dump = run_tool(srv, "mariadb-dump", "--routines", "--triggers", "shop", binary=True)
    assert dump.stderr == b""
    # The VARBINARY column's bytes are written as they are (escaped): not UTF-8.
    text = dump.stdout.decode(errors="surrogateescape")
    for piece in ("CREATE TABLE `customer` (", "CREATE TABLE `orders` (",
                  "CREATE TABLE `empty_one` (", "INSERT INTO `orders` VALUES",
                  f"/*!50003 CREATE*/ /*!50017 DEFINER=`{USER}`@`%`*/ /*!50003 TRIGGER ",
                  f"CREATE DEFINER=`{USER}`@`%` PROCEDURE `mark_shipped`(IN oid INT,",
                  f"CREATE DEFINER=`{USER}`@`%` FUNCTION `spent_by`(cid INT) RETURNS ",
                  "/*!50001 VIEW `customer_totals` AS select ", "\nDELIMITER ;;\n"):
        assert piece in text, f"{piece!r} not in the dump:\n{text}"
    assert re.search(r"\n-- Dump completed on \d{4}-\d\d-\d\d [ \d]\d:\d\d:\d\d\n$", text), text[-200:]

    srv.sql("CREATE DATABASE shop_copy CHARACTER SET utf8mb4")
    load = run_tool(srv, "mariadb", "shop_copy", input=dump.stdout, binary=True)
    assert load.stdout == b"" and load.stderr == b"", load
    original, copy = shop_snapshot(srv, "shop"), shop_snapshot(srv, "shop_copy")
    assert [name for name, _ in copy["tables"]] == \
        ["customer", "customer_totals", "empty_one", "order_log", "orders"]
    assert len(copy["rows orders"]) == 3 and len(copy["rows order_log"]) == 3
    assert copy["rows customer"][0][4] == b"\x00\xff'\\\n"
    for key in original:
        assert copy[key] == original[key], f"{key} differs after the reload:\n" \
            f"original {original[key]!r}\ncopy     {copy[key]!r}"

    # The reloaded objects work: the trigger fires, the procedure and the function run.
    conn = srv.connect(USER, PASSWORD, database="shop_copy")
    try:
        with conn.cursor() as cur:
            cur.execute("INSERT INTO orders (customer_id, total) VALUES (2, 5)")
            cur.execute("CALL mark_shipped(4, @changed)")
            cur.execute("SELECT @changed, spent_by(2)")
            assert cur.fetchall() == ((1, Decimal("5.00")),)
            cur.execute("SELECT order_id, what FROM order_log ORDER BY n DESC LIMIT 1")
            assert cur.fetchall() == ((4, "new new"),)
            cur.execute("DELETE FROM customer WHERE id = 1")
            cur.execute("SELECT COUNT(*) FROM orders")
            assert cur.fetchall() == ((2,),)
    finally:
        conn.close()
    # The original is untouched.
    assert srv.sql("SELECT COUNT(*) FROM shop.orders") == ((3,),)


def test_mariadb_dump_all_databases(srv):
    srv.sql("CREATE DATABASE every", "CREATE TABLE every.x (id INT PRIMARY KEY)",
            "INSERT INTO every.x VALUES (1), (2)")
    dump = run_tool(srv, "mariadb-dump", "--all-databases", "--routines", "--triggers",
                    "--events", binary=True)
    assert dump.stderr == b""
    text = dump.stdout.decode(errors="surrogateescape")
    for db in ("cli", "every", "mysql"):
        assert f"CREATE DATABASE /*!32312 IF NOT EXISTS*/ `{db}` " in text, db
        assert f"\nUSE `{db}`;\n" in text, db
    assert "INSERT INTO `x` VALUES\n(1),\n(2);\n" in text
    assert "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `information_schema`" not in text
    assert text.rstrip("\n").splitlines()[-1].startswith("-- Dump completed on ")


# ---------------------------------------------------------------------------------------------
# mariadb-admin


def table_rows(out):
    """The rows of a table printed with +---+ borders, as lists of stripped cells (header
    first)."""
    return [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in out.splitlines() if line.startswith("|")]


STATUS_LINE = (r"^Uptime: (\d+)  Threads: (\d+)  Questions: (\d+)  Slow queries: (\d+)  "
               r"Opens: (\d+)  (?:Flush tables: \d+  )?Open tables: (\d+)  "
               r"Queries per second avg: (\d+\.\d{3})$")


def test_mariadb_admin(srv):
    res = run_tool(srv, "mariadb-admin", "ping")
    assert res.stdout == "mysqld is alive\n", res.stdout

    res = run_tool(srv, "mariadb-admin", "status")
    # MySQL 8.4: the line has "Flush tables: N" too; MariaDB 10.11 leaves it out.
    assert re.match(STATUS_LINE, res.stdout.strip()), res.stdout
    if IS_PORPOISE:
        assert "  Flush tables: " in res.stdout, res.stdout

    res = run_tool(srv, "mariadb-admin", "extended-status")
    rows = table_rows(res.stdout)
    assert rows[0] == ["Variable_name", "Value"], res.stdout
    status = dict(row for row in rows[1:])
    for name in ("Aborted_clients", "Aborted_connects", "Bytes_received", "Bytes_sent",
                 "Connections", "Max_used_connections", "Questions", "Threads_connected",
                 "Uptime"):
        assert name in status and status[name].isdigit(), f"{name} missing:\n{res.stdout}"
    assert int(status["Threads_connected"]) >= 1 and int(status["Connections"]) >= 2

    # An idle session in a database is listed with it; the tool's own session runs the query.
    idle = srv.connect(USER, PASSWORD, database="cli")
    try:
        with idle.cursor() as cur:
            cur.execute("SELECT CONNECTION_ID()")
            idle_id = str(cur.fetchall()[0][0])
        res = run_tool(srv, "mariadb-admin", "processlist")
    finally:
        idle.close()
    rows = table_rows(res.stdout)
    assert rows[0][:8] == ["Id", "User", "Host", "db", "Command", "Time", "State", "Info"], \
        res.stdout
    by_id = {row[0]: row for row in rows[1:]}
    assert idle_id in by_id, res.stdout
    assert by_id[idle_id][1] == USER and by_id[idle_id][3] == "cli" and \
        by_id[idle_id][4] == "Sleep" and by_id[idle_id][7] == "", res.stdout
    own = [row for row in rows[1:] if row[7] == "show processlist"]
    assert len(own) == 1 and own[0][1] == USER and own[0][4] == "Query", res.stdout

    res = run_tool(srv, "mariadb-admin", "variables")
    rows = table_rows(res.stdout)
    assert rows[0] == ["Variable_name", "Value"], res.stdout[:500]
    variables = dict((row[0], row[1]) for row in rows[1:])
    assert variables.get("port") == str(srv.port), res.stdout
    assert variables.get("version", "").startswith("8.4.3-porpoise" if IS_PORPOISE else "10.11.")
    assert variables.get("autocommit") == "ON" and "max_connections" in variables

    res = run_tool(srv, "mariadb-admin", "version")
    assert re.search(r"^Server version\t+" + ("8.4.3-porpoise" if IS_PORPOISE else "10.11."),
                     res.stdout, re.M), res.stdout
    assert re.search(rf"^TCP port\t+{srv.port}$", res.stdout, re.M), res.stdout

    assert run_tool(srv, "mariadb-admin", "create", "admdb").stdout == ""
    assert ("admdb",) in srv.sql("SHOW DATABASES")
    res = run_tool(srv, "mariadb-admin", "create", "admdb", rc=1)
    assert "CREATE DATABASE failed; error: 'Can't create database 'admdb'; database exists'" \
        in res.stderr, res.stderr
    res = run_tool(srv, "mariadb-admin", "-f", "drop", "admdb")
    assert res.stdout == 'Database "admdb" dropped\n', res.stdout
    assert ("admdb",) not in srv.sql("SHOW DATABASES")

    assert run_tool(srv, "mariadb-admin", "flush-privileges").stdout == ""
    assert run_tool(srv, "mariadb-admin", "reload").stdout == ""


def test_mariadb_admin_status_rates(srv):
    """`status` (COM_STATISTICS) reports the queries per second since start-up: MySQL and
    MariaDB both print Questions * 1000 / Uptime, as thousandths."""
    for _ in range(20):
        srv.sql("SELECT 1")
    while True:
        res = run_tool(srv, "mariadb-admin", "status")
        m = re.match(STATUS_LINE, res.stdout.strip())
        assert m, res.stdout
        uptime, questions = int(m.group(1)), int(m.group(3))
        if uptime > 0:
            break
        time.sleep(0.5)
    rate = questions * 1000 // uptime
    assert m.group(7) == f"{rate // 1000}.{rate % 1000:03d}", \
        f"{questions} questions in {uptime} s:\n{res.stdout}"


def test_mariadb_admin_extended_status_counters(srv):
    """The counters monitoring reads with `mariadb-admin extended-status` (-r -i N shows their
    changes): statements by kind, sessions running, slow queries, open tables."""
    def counters():
        res = run_tool(srv, "mariadb-admin", "extended-status")
        return dict(row for row in table_rows(res.stdout)[1:])

    srv.sql("CREATE TABLE cli.counted (id INT PRIMARY KEY)")
    before = counters()
    conn = srv.connect(USER, PASSWORD, database="cli")
    try:
        with conn.cursor() as cur:
            for sql in ("SELECT 1", "SELECT * FROM counted", "SELECT COUNT(*) FROM t",
                        "INSERT INTO counted VALUES (1)", "INSERT INTO counted VALUES (2)",
                        "UPDATE counted SET id = 3 WHERE id = 2", "DELETE FROM counted"):
                cur.execute(sql)
    finally:
        conn.close()
    after = counters()
    wanted = {"Com_select": 3, "Com_insert": 2, "Com_update": 1, "Com_delete": 1}
    missing_names = [name for name in list(wanted) + ["Threads_running", "Slow_queries",
                                                      "Open_tables", "Opened_tables"]
                     if name not in after]
    assert not missing_names, f"extended-status lacks {missing_names}"
    assert {name: int(after[name]) - int(before[name]) for name in wanted} == wanted
    assert int(after["Threads_running"]) >= 1


# ---------------------------------------------------------------------------------------------
# mariadb-show, mariadb-check


def test_mariadb_show(srv):
    srv.sql("CREATE DATABASE showme CHARACTER SET utf8mb4",
            "CREATE TABLE showme.parent (id INT PRIMARY KEY, label VARCHAR(10) NOT NULL"
            " DEFAULT 'x')",
            "CREATE TABLE showme.child (id INT PRIMARY KEY AUTO_INCREMENT, parent_id INT,"
            " FOREIGN KEY (parent_id) REFERENCES showme.parent (id))",
            "INSERT INTO showme.parent VALUES (1, 'a'), (2, 'b')",
            "INSERT INTO showme.child (parent_id) VALUES (1), (1), (2)")
    res = run_tool(srv, "mariadb-show")
    rows = table_rows(res.stdout)
    assert rows[0] == ["Databases"], res.stdout
    names = [row[0] for row in rows[1:]]
    assert {"cli", "showme", "information_schema", "mysql"} <= set(names), res.stdout
    assert names == sorted(names), res.stdout

    check_output(run_tool(srv, "mariadb-show", "showme").stdout, '''
        Database: showme
        +--------+
        | Tables |
        +--------+
        | child  |
        | parent |
        +--------+
    ''')
    check_output(run_tool(srv, "mariadb-show", "showme", "p%").stdout, '''
        Database: showme  Wildcard: p%
        +--------+
        | Tables |
        +--------+
        | parent |
        +--------+
    ''')
    res = run_tool(srv, "mariadb-show", "showme", "child")
    assert res.stdout.startswith("Database: showme  Table: child\n"), res.stdout
    rows = table_rows(res.stdout)
    assert rows[0] == ["Field", "Type", "Collation", "Null", "Key", "Default", "Extra",
                       "Privileges", "Comment"], res.stdout
    assert [row[:7] for row in rows[1:]] == [
        ["id", int_type(), "", "NO", "PRI", "", "auto_increment"],
        ["parent_id", int_type(), "", "YES", "MUL", "", ""]], res.stdout
    # The account has ALL: every column privilege shows.
    assert rows[1][7] == "select,insert,update,references", res.stdout

    check_output(run_tool(srv, "mariadb-show", "--count", "showme").stdout, '''
        Database: showme
        +--------+----------+------------+
        | Tables | Columns  | Total Rows |
        +--------+----------+------------+
        | child  |        2 |          3 |
        | parent |        2 |          2 |
        +--------+----------+------------+
        2 rows in set.

    ''')
    # --keys adds SHOW INDEX.
    res = run_tool(srv, "mariadb-show", "--keys", "showme", "child")
    index_rows = [row for row in table_rows(res.stdout) if row[0] == "child"]
    assert [(row[1], row[2], row[4]) for row in index_rows] == [
        ("0", "PRIMARY", "id"), ("1", "parent_id", "parent_id")], res.stdout


def test_mariadb_check(srv):
    srv.sql("CREATE DATABASE chk",
            "CREATE TABLE chk.a (id INT PRIMARY KEY, v VARCHAR(10), KEY (v))",
            "CREATE TABLE chk.b (id INT PRIMARY KEY, a_id INT,"
            " FOREIGN KEY (a_id) REFERENCES chk.a (id))",
            "INSERT INTO chk.a VALUES (1, 'x'), (2, 'y')",
            "INSERT INTO chk.b VALUES (1, 1)",
            "CREATE VIEW chk.v AS SELECT * FROM chk.a")
    ok = '''
        chk.a                                              OK
        chk.b                                              OK
    '''
    check_output(run_tool(srv, "mariadb-check", "chk").stdout, ok)
    check_output(run_tool(srv, "mariadb-check", "--extended", "chk").stdout, ok)
    check_output(run_tool(srv, "mariadb-check", "chk", "b").stdout,
                 "chk.b                                              OK\n")
    check_output(run_tool(srv, "mariadb-check", "--analyze", "chk").stdout, ok)
    # InnoDB has no OPTIMIZE of its own: MySQL rebuilds the table and says so.
    check_output(run_tool(srv, "mariadb-check", "--optimize", "chk").stdout, '''
        chk.a
        note     : Table does not support optimize, doing recreate + analyze instead
        status   : OK
        chk.b
        note     : Table does not support optimize, doing recreate + analyze instead
        status   : OK
    ''')
    assert srv.sql("SELECT a.v, b.id FROM chk.b JOIN chk.a ON a.id = b.a_id") == (("x", 1),)


# ---------------------------------------------------------------------------------------------
# mycli


def test_mycli_batch(srv, tmp_path):
    mycli = tool("mycli")
    # mycli writes its config and log to HOME; it is kept away from /etc/mysql/my.cnf.
    (tmp_path / "empty.cnf").write_text("")
    env = dict(ENV, HOME=str(tmp_path))
    base = [mycli, "--defaults-file", str(tmp_path / "empty.cnf"), "--myclirc",
            str(tmp_path / "myclirc"), "-h", "127.0.0.1", "-P", str(srv.port), "-u", USER,
            "-p", PASSWORD, "-D", "cli"]

    def mycli_run(*args, rc=0):
        res = subprocess.run(base + list(args), capture_output=True, text=True,
                             encoding="utf-8", timeout=60, env=env, stdin=subprocess.DEVNULL)
        assert res.returncode == rc, f"mycli {' '.join(args)} exited {res.returncode}\n" \
            f"--- stdout\n{res.stdout}\n--- stderr\n{res.stderr}"
        return res

    query = "select id, name, price from t order by id"
    res = mycli_run("-e", query)
    check_output(res.stdout, "id\tname\tprice\n1\tpen\t1.50\n2\tit's\t\n3\tnaïve\t20.00\n")
    res = mycli_run("--csv", "-e", query)
    check_output(res.stdout, '''
        "id","name","price"
        "1","pen","1.50"
        "2","it's",""
        "3","naïve","20.00"
    ''')
    res = mycli_run("-t", "-e", "select count(*) as n, sum(price) as total from t; "
                    "select database() as db")
    check_output(res.stdout, '''
        +---+-------+
        | n | total |
        +---+-------+
        | 3 | 21.50 |
        +---+-------+
        +-----+
        | db  |
        +-----+
        | cli |
        +-----+
    ''')
    res = mycli_run("-e", "select * from nosuch", rc=1)
    assert "(1146, \"Table 'cli.nosuch' doesn't exist\")" in res.stdout + res.stderr, res


def test_mycli_interactive(srv, tmp_path):
    # mycli's start-up: it connects, reads the server's databases, tables, columns, functions
    # and users for completion, then prompts; a query and a table listing run at its prompt.
    (tmp_path / "empty.cnf").write_text("")
    env = dict(ENV, HOME=str(tmp_path), TERM="xterm", COLUMNS="120", LINES="40", PAGER="cat")
    term = Terminal([tool("mycli"), "--defaults-file", str(tmp_path / "empty.cnf"),
                     "--myclirc", str(tmp_path / "myclirc"), "-h", "127.0.0.1", "-P",
                     str(srv.port), "-u", USER, "-p", PASSWORD, "-D", "cli",
                     "--prompt", "mycli-ready> "], env)
    try:
        banner = term.expect(r"mycli-ready>", timeout=30)
        assert re.search(r"(?i)mycli \d", banner), banner
        # prompt_toolkit redraws its prompt at will: wait for the results themselves.
        term.send("select count(*) as n from t")
        term.expect(r"\| 3 \|[\s\S]*1 row in set", timeout=30)
        term.send("show tables")
        term.expect(r"\| t +\|[\s\S]*rows? in set", timeout=30)
        term.send("exit")
        assert term.proc.wait(timeout=20) == 0
    finally:
        term.close()
