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
