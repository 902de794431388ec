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
