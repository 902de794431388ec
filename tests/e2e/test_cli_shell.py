# Our `porpoise` shell as a person uses it, against a real server: driven through a
# pseudo-terminal for tee, pager, prompt (the `prompt` command and MYSQL_PS1), warnings (\W),
# Tab completion of keywords, table and column names (reloaded by `use`), Ctrl-R and Esc-p
# history search and status; in batch mode for --init-command, --safe-updates, --show-warnings,
# --tee and `source` of a script with DELIMITER blocks.
#
# The suite runs unchanged against MariaDB (PORPOISE_E2E_SERVER=mariadb), which checks the
# client's side of --safe-updates; porpoised has no max_join_size and does not enforce
# sql_safe_updates yet, so those tests are expected to fail against it.
import os
import re
import subprocess

import pytest

from harness import IS_PORPOISE, client_command
from test_cli_tools import Terminal, status_fields

pytestmark = pytest.mark.needs_client

# Without a terminal's locale libedit treats bytes past ASCII as unprintable.
ENV = dict(os.environ, LC_ALL="C.UTF-8")


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE DATABASE shop",
        "CREATE TABLE shop.inventory_items (id INT PRIMARY KEY, label VARCHAR(20),"
        " quantity_on_hand INT)",
        "INSERT INTO shop.inventory_items VALUES (1, 'pen', 10), (2, 'ink', 3)",
        "CREATE DATABASE zoo",
        "CREATE TABLE zoo.zebra_sightings (id INT PRIMARY KEY, herd_size INT)",
        "INSERT INTO zoo.zebra_sightings VALUES (7, 12)",
    )
    return server


def shell(srv, *args, input=None, rc=0):
    """Runs porpoise as root over the socket in batch mode; checks the exit status."""
    cmd = client_command("porpoise") + [f"--socket={srv.socket}", "-uroot"] + list(args)
    res = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=60, env=ENV)
    assert res.returncode == rc, \
        f"porpoise {' '.join(args)} exited {res.returncode}, not {rc}\n--- stdout\n" \
        f"{res.stdout}\n--- stderr\n{res.stderr}"
    return res


# The end of a statement's result. libedit redraws the prompt and the line after each Tab,
# so a prompt alone does not mark the end of the output.
RESULT = r"\d+ rows? in set \(\d+\.\d+ sec\)"


class Keyboard(Terminal):
    """A Terminal that can also type keys without ending the line (Tab, Ctrl-R)."""

    def write(self, keys):
        os.write(self.master, keys.encode())

    def query(self, keys, *shown):
        """Types `keys` (a statement and Enter, with Tabs in it); checks that its result
        shows each of `shown` and waits for the next prompt."""
        self.write(keys)
        out = self.expect(RESULT)
        for text in shown:
            assert text in out, out
        self.expect(r"porpoise> ")


def terminal(srv, tmp_path, *args, **env):
    """porpoise in a pseudo-terminal, as root over the socket."""
    environment = dict(ENV, HOME=str(tmp_path), TERM="dumb", PORPOISE_HISTFILE="/dev/null")
    environment.pop("MYSQL_PS1", None)
    environment.pop("PAGER", None)
    environment.update(env)
    cmd = client_command("porpoise") + [f"--socket={srv.socket}", "-uroot"] + list(args)
    return Keyboard(cmd, environment)


def test_tee_pager_prompt_and_warnings(srv, tmp_path):
    tee, paged = tmp_path / "session.txt", tmp_path / "paged.txt"
    term = terminal(srv, tmp_path, "shop", MYSQL_PS1="[\\d]\\_\\c> ")
    try:
        term.expect(r"\[shop\] 1> ")
        term.send(f"tee {tee}")
        out = term.expect(r"\[shop\] 2> ")
        assert f"Logging to file '{tee}'" in out, out
        term.send("SELECT label FROM inventory_items WHERE id = 1;")
        out = term.expect(r"\[shop\] 3> ")
        assert "| label |\n+-------+\n| pen   |\n" in out, out

        # \W: the warnings follow the summary, as the mysql client prints them.
        term.send("\\W")
        assert "Show warnings enabled." in term.expect(r"\[shop\] 4> ")
        term.send("SELECT 1/0;")
        out = term.expect(r"\[shop\] 5> ")
        assert re.search(r"1 row in set, 1 warning \(\d+\.\d+ sec\)\n\n"
                         r"Warning \(Code 1365\): Division by 0\n", out), out
        term.send("\\w")
        assert "Show warnings disabled." in term.expect(r"\[shop\] 6> ")
        term.send("SELECT 1/0;")
        out = term.expect(r"\[shop\] 7> ")
        assert "1 warning" in out and "Division by 0" not in out, out

        # The pager gets the table; the summary stays on the terminal.
        term.send(f"pager cat > {paged}")
        assert f"PAGER set to 'cat > {paged}'" in term.expect(r"\[shop\] 8> ")
        term.send("SELECT id, label FROM inventory_items ORDER BY id;")
        out = term.expect(r"\[shop\] 9> ")
        assert re.search(r"^2 rows in set", out, re.M), out
        assert "| pen " not in out, out
        assert paged.read_text() == ("+----+-------+\n| id | label |\n+----+-------+\n"
                                     "|  1 | pen   |\n|  2 | ink   |\n+----+-------+\n")
        term.send("nopager")
        assert "PAGER set to stdout" in term.expect(r"\[shop\] 10> ")

        # The prompt command, with the user, host and database escapes.
        term.send("prompt \\u@\\h:\\d> ")
        assert "PROMPT set to '\\u@\\h:\\d> '" in term.expect(r"root@localhost:shop> ")
        term.send("notee")
        assert "Outfile disabled." in term.expect(r"root@localhost:shop> ")
        term.send("SELECT 'not logged' AS x;")
        term.expect(r"root@localhost:shop> ")
        term.send("prompt")
        assert "Returning to default PROMPT of porpoise> " in term.expect(r"\nporpoise> ")
        term.send("quit")
        term.expect("Bye")
        assert term.proc.wait(timeout=10) == 0
    finally:
        term.close()

    # The tee file: each prompt with the line typed, then everything shown, the paged table
    # too, until notee.
    logged = tee.read_text()
    assert logged.startswith("[shop] 2> SELECT label FROM inventory_items WHERE id = 1;\n"
                             "+-------+\n| label |\n"), logged
    assert "Warning (Code 1365): Division by 0\n" in logged, logged
    assert "[shop] 7> pager cat > " in logged, logged
    assert "|  2 | ink   |\n" in logged, logged
    assert "root@localhost:shop> notee\n" in logged, logged
    assert "not logged" not in logged and "Outfile disabled." not in logged, logged


def test_tee_and_pager_options(srv, tmp_path):
    tee, paged = tmp_path / "opt-tee.txt", tmp_path / "opt-paged.txt"
    term = terminal(srv, tmp_path, f"--tee={tee}", f"--pager=cat >> {paged}", "shop",
                    "--prompt=db=\\d> ")
    try:
        out = term.expect(r"db=shop> ")
        assert f"Logging to file '{tee}'" in out, out
        term.send("SELECT COUNT(*) AS n FROM inventory_items;")
        out = term.expect(r"db=shop> ")
        assert "1 row in set" in out and "| n |" not in out, out
        term.send("status")
        out = term.expect(r"db=shop> ")
        term.send("quit")
        term.expect("Bye")
    finally:
        term.close()
    assert "+---+\n| n |\n+---+\n| 2 |\n+---+\n" in paged.read_text()
    assert "db=shop> SELECT COUNT(*) AS n FROM inventory_items;\n+---+\n| n |" in tee.read_text()
    # status goes to the terminal, not the pager, and names both.
    fields = status_fields(out)
    assert fields.get("Current pager") == f"cat >> {paged}", out
    assert fields.get("Using outfile") == f"'{tee}'", out


def test_completion_and_history_search(srv, tmp_path):
    term = terminal(srv, tmp_path, "shop")
    try:
        banner = term.expect(r"porpoise> ")
        assert "Reading table information for completion" in banner, banner
        # Tab completes a keyword, a column and a table name; the statement then runs.
        term.query("SELE\tquantity_on\t FROM inventory_it\t WHERE id = 2;\n",
                   "| quantity_on_hand |", "|                3 |")
        # `use` loads the other database's names.
        term.send("use zoo")
        out = term.expect(r"porpoise> ")
        assert "Reading table information for completion" in out, out
        assert "Database changed" in out, out
        term.query("select herd_s\t from zebra_s\t;\n", "| herd_size |", "|        12 |")
        # Ctrl-R: incremental search back through the history; Enter runs the line found.
        term.query("SELECT 'needle' AS found;\n")
        term.query("SELECT 'hay' AS other;\n")
        term.query("\x12needl\n", "| found  |", "| needle |")
        # Esc-p: the last line starting with what is typed.
        term.query("SELECT 'hay' AS other;\n")
        term.query("SELECT 'ne\x1bp\n", "| found  |", "| needle |")
        term.send("quit")
        term.expect("Bye")
    finally:
        term.close()


def test_no_auto_rehash_until_rehash(srv, tmp_path):
    term = terminal(srv, tmp_path, "-A", "shop")
    try:
        banner = term.expect(r"porpoise> ")
        assert "Reading table information" not in banner, banner
        term.write("select quantity_on\t from inventory_items where id = 1;\n")
        out = term.expect(r"ERROR 1054 .*\n")
        assert "Unknown column 'quantity_on'" in out, out
        term.expect(r"porpoise> ")
        term.send("\\#")
        term.expect(r"porpoise> ")
        term.query("select quantity_on\t from inventory_items where id = 1;\n",
                   "|               10 |")
        term.send("quit")
        term.expect("Bye")
    finally:
        term.close()


def test_init_command(srv):
    res = shell(srv, "--init-command=SET @greeting = 'hello'", "-e", "SELECT @greeting")
    assert res.stdout == "@greeting\nhello\n"
    # As the mysql client: a failing init command is a failed connection.
    res = shell(srv, "--init-command=SELEC 1", "-e", "SELECT 1", rc=1)
    assert res.stdout == ""
    assert res.stderr.startswith("ERROR 1064 (42000): You have an error in your SQL syntax"), \
        res.stderr


def test_safe_updates_refuse_an_update_without_a_key(srv):
    res = shell(srv, "--safe-updates", "shop", "-e",
                "UPDATE inventory_items SET quantity_on_hand = 0", rc=1)
    assert res.stderr.startswith("ERROR 1175 (HY000) at line 1: You are using safe update mode"), \
        res.stderr
    # With the key in WHERE it goes through.
    shell(srv, "-U", "shop", "-e", "UPDATE inventory_items SET quantity_on_hand = 10 WHERE id = 1")
    res = shell(srv, "--i-am-a-dummy", "--select-limit=5", "--max-join-size=70", "-e",
                "SELECT @@sql_safe_updates, @@sql_select_limit, @@max_join_size")
    assert res.stdout.splitlines()[1] == "1\t5\t70"


def test_show_warnings_in_batch_mode(srv):
    res = shell(srv, "--show-warnings", input="SELECT 1/0;\nSELECT 2;\n")
    assert res.stdout == "1/0\nNULL\nWarning (Code 1365): Division by 0\n2\n2\n"
    # After an error, warnings besides the error itself; the error alone is not repeated.
    res = shell(srv, "--show-warnings", "shop", "-e", "SELECT * FROM nosuch", rc=1)
    assert res.stdout == ""
    assert res.stderr == "ERROR 1146 (42S02) at line 1: Table 'shop.nosuch' doesn't exist\n"


def test_tee_in_batch_mode_writes_nothing(srv, tmp_path):
    # As the mysql client: the file is opened (and named), but only an interactive session
    # is written to it; `tee` and `pager` commands are ignored.
    tee = tmp_path / "batch.txt"
    res = shell(srv, f"--tee={tee}", input=f"SELECT 1;\ntee {tmp_path}/other.txt\n"
                                            "pager cat > /dev/null\nSELECT 2;\n")
    assert res.stdout == f"Logging to file '{tee}'\n1\n1\n2\n2\n"
    assert tee.read_text() == ""
    assert not (tmp_path / "other.txt").exists()


def test_source_with_delimiter_blocks(srv, tmp_path):
    script = tmp_path / "routines.sql"
    script.write_text(
        "DROP PROCEDURE IF EXISTS restock;\n"
        "DELIMITER //\n"
        "CREATE PROCEDURE restock(IN amount INT)\n"
        "BEGIN\n"
        "  UPDATE inventory_items SET quantity_on_hand = quantity_on_hand + amount WHERE id = 2;\n"
        "  SELECT quantity_on_hand FROM inventory_items WHERE id = 2;\n"
        "END//\n"
        "DELIMITER ;\n"
        "CALL restock(4);\n")
    res = shell(srv, "shop", input=f"source {script}\n\\. {script}\n")
    assert res.stdout == "quantity_on_hand\n7\nquantity_on_hand\n11\n"
    shell(srv, "shop", "-e", "UPDATE inventory_items SET quantity_on_hand = 3 WHERE id = 2")


def test_status(srv):
    res = shell(srv, "shop", "-e", "status")
    fields = status_fields(res.stdout)
    assert fields.get("Current database") == "shop", res.stdout
    assert fields.get("Current user") == "root@localhost", res.stdout
    assert fields.get("SSL") == "Not in use", res.stdout
    assert fields.get("Current pager") == "stdout", res.stdout
    assert fields.get("Using outfile") == "''", res.stdout
    assert fields.get("Using delimiter") == ";", res.stdout
    assert fields.get("Protocol version") == "10", res.stdout
    assert fields.get("Connection") == "Localhost via UNIX socket", res.stdout
    assert fields.get("UNIX socket") == srv.socket, res.stdout
    # MySQL 8.4: the server's and a new database's character set is utf8mb4 (MariaDB's
    # here: latin1); the client asks for utf8mb4.
    server_charset = "utf8mb4" if IS_PORPOISE else "latin1"
    assert fields.get("Server characterset") == server_charset, res.stdout
    assert fields.get("Db     characterset") == server_charset, res.stdout
    assert fields.get("Client characterset") == "utf8mb4", res.stdout
    assert fields.get("Conn.  characterset") == "utf8mb4", res.stdout
    assert re.search(r"^Uptime:\t+\d+ (min |sec)", res.stdout, re.M), res.stdout
    assert re.search(r"^Threads: \d+  Questions: \d+  Slow queries: \d+  Opens: \d+  ",
                     res.stdout, re.M), res.stdout
