# The stock mysqldump reads a database out and the stock client loads the dump back: LOCK
# TABLES, version comments and ALTER TABLE ... DISABLE KEYS (a note on InnoDB) included.
import shutil
import subprocess

import pytest

MYSQLDUMP = shutil.which("mariadb-dump") or shutil.which("mysqldump")


@pytest.mark.skipif(MYSQLDUMP is None, reason="mysqldump is not installed")
def test_mysqldump_output_restores(server):
    server.sql(
        "CREATE DATABASE dumped",
        "CREATE TABLE dumped.items (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(20) NOT NULL,"
        " price DECIMAL(8,2), note TEXT)",
        "INSERT INTO dumped.items (name, price, note) VALUES ('pen', 1.50, NULL),"
        " ('it''s', 2, 'line\\nbreak'), ('naïve', NULL, 'tab\\there')",
    )
    dump = subprocess.run([MYSQLDUMP, "--no-defaults", f"--socket={server.socket}", "-u", "root",
                           "dumped"], capture_output=True, text=True, timeout=60)
    assert dump.returncode == 0, dump.stderr
    assert "LOCK TABLES `items` WRITE;" in dump.stdout
    assert "DISABLE KEYS" in dump.stdout
    server.sql("CREATE DATABASE restored")
    load = server.client("mariadb", f"--socket={server.socket}", "-u", "root", "restored",
                         input=dump.stdout)
    assert load.returncode == 0, load.stderr
    original = server.sql("SELECT id, name, price, note FROM dumped.items ORDER BY id")
    assert server.sql("SELECT id, name, price, note FROM restored.items ORDER BY id") == original
    assert len(original) == 3
    created = server.sql("SHOW CREATE TABLE restored.items")[0][1]
    assert "`price` decimal(8,2) DEFAULT NULL" in created


@pytest.mark.skipif(MYSQLDUMP is None, reason="mysqldump is not installed")
def test_mysqldump_of_views_restores(server):
    server.sql(
        "CREATE DATABASE viewed",
        "CREATE TABLE viewed.t (id INT PRIMARY KEY, a INT, b VARCHAR(10))",
        "INSERT INTO viewed.t VALUES (1, 10, 'x'), (2, 20, 'y'), (3, 30, 'z')",
        "CREATE VIEW viewed.big (ident, amount) AS SELECT id, a FROM viewed.t WHERE a > 10"
        " WITH CHECK OPTION",
        "CREATE VIEW viewed.bigger AS SELECT ident FROM viewed.big WHERE amount > 20",
    )
    dump = subprocess.run([MYSQLDUMP, "--no-defaults", f"--socket={server.socket}", "-u", "root",
                           "viewed"], capture_output=True, text=True, timeout=60)
    assert dump.returncode == 0, dump.stderr
    assert "VIEW `bigger`" in dump.stdout
    server.sql("CREATE DATABASE reviewed")
    load = server.client("mariadb", f"--socket={server.socket}", "-u", "root", "reviewed",
                         input=dump.stdout)
    assert load.returncode == 0, load.stderr
    assert list(server.sql("SELECT * FROM reviewed.bigger")) == [(3,)]
    assert list(server.sql("SELECT ident, amount FROM reviewed.big ORDER BY ident")) == [(2, 20), (3, 30)]
    # The views read the reloaded table, not the one they were dumped from.
    server.sql("DELETE FROM viewed.t")
    assert list(server.sql("SELECT * FROM reviewed.bigger")) == [(3,)]
    tables = list(server.sql("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES"
                        " WHERE TABLE_SCHEMA = 'reviewed' ORDER BY TABLE_NAME"))
    assert tables == [("big", "VIEW"), ("bigger", "VIEW"), ("t", "BASE TABLE")]
    created = server.sql("SHOW CREATE VIEW reviewed.big")[0][1]
    assert "WITH CASCADED CHECK OPTION" in created


# Every kind of schema object in one database: a foreign key, a CHECK constraint, a view, a
# procedure (cursor, handler, loop), a function, and triggers on both tables.
PROGRAMMED = [
    "CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, total DECIMAL(10,2) DEFAULT 0,"
    " CHECK (total >= 0))",
    "CREATE TABLE child (id INT PRIMARY KEY AUTO_INCREMENT, parent_id INT, amount DECIMAL(8,2),"
    " FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE)",
    "CREATE TABLE audit (n INT PRIMARY KEY AUTO_INCREMENT, what VARCHAR(100))",
    "CREATE VIEW totals AS SELECT name, total FROM parent WHERE total > 0",
    "CREATE FUNCTION doubled(x DECIMAL(8,2)) RETURNS DECIMAL(10,2) DETERMINISTIC RETURN x * 2",
    "CREATE PROCEDURE recount(OUT seen INT)\nBEGIN\n  DECLARE done INT DEFAULT 0;\n"
    "  DECLARE p INT;\n  DECLARE c CURSOR FOR SELECT id FROM parent ORDER BY id;\n"
    "  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1;\n  SET seen = 0;\n  OPEN c;\n"
    "  r: LOOP\n    FETCH c INTO p;\n    IF done THEN LEAVE r; END IF;\n"
    "    UPDATE parent SET total = (SELECT SUM(amount) FROM child WHERE parent_id = p)"
    " WHERE id = p;\n    SET seen = seen + 1;\n  END LOOP;\n  CLOSE c;\nEND",
    "CREATE TRIGGER child_bi BEFORE INSERT ON child FOR EACH ROW\nBEGIN\n"
    "  IF NEW.amount < 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'negative'; END IF;\n"
    "  SET NEW.amount = doubled(NEW.amount);\nEND",
    "CREATE TRIGGER child_ai AFTER INSERT ON child FOR EACH ROW"
    " INSERT INTO audit (what) VALUES (CONCAT('child ', NEW.id, ' of ', NEW.parent_id))",
    "INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b')",
    "INSERT INTO child (parent_id, amount) VALUES (1, 1.25), (1, 2.50), (2, 4.00)",
    "CALL recount(@seen)",
]


def load_programmed(server, database):
    server.sql(f"CREATE DATABASE {database}", f"USE {database}")
    with server.root() as conn, conn.cursor() as cur:
        cur.execute(f"USE {database}")
        for statement in PROGRAMMED:
            cur.execute(statement)


def programmed_state(server, database):
    """What must survive a dump and reload: rows, definitions, the objects' behaviour."""
    state = {}
    for table in ("parent", "child", "audit"):
        state[table] = list(server.sql(f"SELECT * FROM {database}.{table} ORDER BY 1"))
    state["view"] = list(server.sql(f"SELECT * FROM {database}.totals ORDER BY name"))
    state["procedure"] = server.sql(f"SHOW CREATE PROCEDURE {database}.recount")[0][2]
    state["function"] = server.sql(f"SHOW CREATE FUNCTION {database}.doubled")[0][2]
    state["triggers"] = sorted((row[0], row[1], row[3], row[4])
                               for row in server.sql(f"SHOW TRIGGERS FROM {database}"))
    with server.root() as conn, conn.cursor() as cur:
        cur.execute(f"USE {database}")
        cur.execute("INSERT INTO child (parent_id, amount) VALUES (2, 0.50)")
        cur.execute("CALL recount(@n)")
        cur.execute("SELECT @n, doubled(3.5)")
        state["calls"] = cur.fetchall()
        try:
            cur.execute("INSERT INTO child (parent_id, amount) VALUES (1, -1)")
            state["signal"] = None
        except Exception as error:  # the trigger's SIGNAL
            state["signal"] = error.args[:2]
    state["after"] = list(server.sql(f"SELECT id, total FROM {database}.parent ORDER BY id"))
    return state


@pytest.mark.skipif(MYSQLDUMP is None, reason="mysqldump is not installed")
def test_mysqldump_of_routines_and_triggers_restores(module_servers):
    porpoise = module_servers.started()
    mariadb = module_servers.new("mariadb")
    mariadb.initialize()
    mariadb.start()
    load_programmed(porpoise, "programmed")
    dump = subprocess.run([MYSQLDUMP, "--no-defaults", f"--socket={porpoise.socket}", "-u", "root",
                           "--routines", "--triggers", "--events", "--single-transaction",
                           "programmed"], capture_output=True, text=True, timeout=60)
    assert dump.returncode == 0, dump.stderr
    assert "CREATE DEFINER=`root`@`localhost` PROCEDURE `recount`(OUT seen INT)" in dump.stdout
    assert "TRIGGER `child_bi` BEFORE INSERT ON `child` FOR EACH ROW" in dump.stdout
    states = {}
    for name, target in (("porpoise", porpoise), ("mariadb", mariadb)):
        target.sql("CREATE DATABASE restored")
        text = dump.stdout
        if name == "mariadb":  # MariaDB 10.11 lacks MySQL 8's default collation
            text = text.replace("utf8mb4_0900_ai_ci", "utf8mb4_general_ci")
        load = target.client("mariadb", f"--socket={target.socket}", "-u", "root", "restored",
                             input=text)
        assert load.returncode == 0, (name, load.stderr)
        states[name] = programmed_state(target, "restored")
    restored = states["porpoise"]
    assert restored == programmed_state(porpoise, "programmed")
    assert [tuple(row) for row in restored["calls"]] == [(2, 7)]
    assert restored["signal"] == (1644, "negative")
    # MariaDB reloads the same dump to the same rows and behaviour; its SHOW CREATE prints
    # its own header, the body after it is the one written.
    other = states["mariadb"]
    as_text = lambda rows: [tuple(str(cell) for cell in row) for row in rows]  # noqa: E731
    for key in ("parent", "child", "audit", "view", "triggers", "calls", "after"):
        assert as_text(other[key]) == as_text(restored[key]), key
    assert other["signal"] == restored["signal"]
    assert restored["procedure"].split("\nBEGIN", 1)[1] == other["procedure"].split("\nBEGIN", 1)[1]


@pytest.mark.skipif(MYSQLDUMP is None, reason="mysqldump is not installed")
def test_mysqldump_of_functional_keys_and_generated_columns_restores(server):
    server.sql(
        "CREATE DATABASE keyed",
        "CREATE TABLE keyed.t (id INT PRIMARY KEY, a INT, b VARCHAR(20),"
        " total INT AS (a * 2) STORED, label VARCHAR(30) AS (CONCAT(b, ':', a)),"
        " INDEX by_sum ((a + id)), UNIQUE KEY by_upper ((upper(b))))",
        "INSERT INTO keyed.t (id, a, b) VALUES (1, 10, 'x'), (2, 20, 'y')",
    )
    created = server.sql("SHOW CREATE TABLE keyed.t")[0][1]
    assert "KEY `by_sum` (((`a` + `id`)))" in created
    assert "`total` int GENERATED ALWAYS AS ((`a` * 2)) STORED" in created
    assert "!hidden!" not in created
    dump = subprocess.run([MYSQLDUMP, "--no-defaults", f"--socket={server.socket}", "-u", "root",
                           "keyed"], capture_output=True, text=True, timeout=60)
    assert dump.returncode == 0, dump.stderr
    server.sql("CREATE DATABASE rekeyed")
    load = server.client("mariadb", f"--socket={server.socket}", "-u", "root", "rekeyed",
                         input=dump.stdout)
    assert load.returncode == 0, load.stderr
    assert server.sql("SHOW CREATE TABLE rekeyed.t")[0][1] == created
    assert list(server.sql("SELECT * FROM rekeyed.t ORDER BY id")) == \
        list(server.sql("SELECT * FROM keyed.t ORDER BY id"))
    assert list(server.sql("SELECT id FROM rekeyed.t WHERE a + id = 22")) == [(2,)]
