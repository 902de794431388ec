# The two-tier walkthrough, replayed with the stock `mariadb` CLI, with PyMySQL and
# with our `porpoise` client: root over the socket creates an account, the account logs in
# over TCP, creates data, and finds it again after reconnecting and after a server restart.
import pytest

from harness import IS_PORPOISE, identified

SETUP_SQL = (f"CREATE USER 'toluwase'@'%' {identified('toluwase123')}; "
             "GRANT ALL PRIVILEGES ON *.* TO 'toluwase'@'%'; "
             "FLUSH PRIVILEGES; "
             "SELECT user,plugin,host FROM mysql.user;")

DATA_SQL = ("CREATE DATABASE walkthrough; "
            "USE walkthrough; "
            "CREATE TABLE pets (id INT PRIMARY KEY, name VARCHAR(20), species VARCHAR(20)); "
            "INSERT INTO pets VALUES (1,'Puffball','hamster'),(2,'Fang','dog'); "
            "INSERT INTO pets (id, name, species) VALUES (3,'Whistler','bird'); "
            "SELECT id, name, species FROM pets ORDER BY id;")

READ_SQL = "SELECT id, name, species FROM walkthrough.pets ORDER BY id;"

EXPECTED_ROWS = [("1", "Puffball", "hamster"), ("2", "Fang", "dog"), ("3", "Whistler", "bird")]


def tsv(text):
    return [tuple(line.split("\t")) for line in text.splitlines() if line]


def check_user_rows(rows):
    """rows: (user, plugin, host) tuples from mysql.user."""
    assert ("toluwase", "mysql_native_password", "%") in rows
    users = {r[0]: r for r in rows}
    assert "root" in users
    if IS_PORPOISE:
        # root@localhost authenticates by the peer's uid (auth_socket).
        assert users["root"][1:] == ("auth_socket", "localhost")


@pytest.mark.parametrize("client", ["mariadb", pytest.param("porpoise", marks=pytest.mark.needs_client)])
def test_walkthrough_with_cli(servers, client):
    srv = servers.started()
    tcp = ["--host=127.0.0.1", f"--port={srv.port}"]

    # 1. OS root over the unix socket, no password.
    res = srv.client(client, "-S", srv.socket, "-u", "root", "-e", SETUP_SQL)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    # MySQL names the columns as the select list spells them; MariaDB as the table does.
    assert lines[0].lower().split("\t") == ["user", "plugin", "host"]
    check_user_rows(tsv("\n".join(lines[1:])))

    # 2. The new account over TCP.
    res = srv.client(client, *tcp, "--user=toluwase", "--password=toluwase123",
                     "-e", "show databases")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == "Database"
    assert "mysql" in lines[1:]

    # 3. Data: create, insert, read; reconnect; restart.
    login = [*tcp, "-u", "toluwase", "-ptoluwase123", "-B", "-N"]
    res = srv.client(client, *login, "-e", DATA_SQL)
    assert res.returncode == 0, res.stderr
    assert tsv(res.stdout) == EXPECTED_ROWS

    res = srv.client(client, *login, "-e", READ_SQL)
    assert res.returncode == 0, res.stderr
    assert tsv(res.stdout) == EXPECTED_ROWS

    srv.restart()
    res = srv.client(client, *login, "-D", "walkthrough", "-e",
                     "SELECT id, name, species FROM pets ORDER BY id")
    assert res.returncode == 0, res.stderr
    assert tsv(res.stdout) == EXPECTED_ROWS
    # The account survived the restart too, and root still gets in over the socket.
    res = srv.client(client, "-S", srv.socket, "-u", "root", "-B", "-N", "-e",
                     "SELECT user, host FROM mysql.user WHERE user='toluwase'")
    assert res.returncode == 0, res.stderr
    assert tsv(res.stdout) == [("toluwase", "%")]


def test_walkthrough_with_pymysql(servers):
    srv = servers.started()

    with srv.root() as conn, conn.cursor() as cur:
        cur.execute(f"CREATE USER 'toluwase'@'%' {identified('toluwase123')}")
        cur.execute("GRANT ALL PRIVILEGES ON *.* TO 'toluwase'@'%'")
        cur.execute("FLUSH PRIVILEGES")
        cur.execute("SELECT user,plugin,host FROM mysql.user")
        assert [d[0].lower() for d in cur.description] == ["user", "plugin", "host"]
        check_user_rows([tuple(r) for r in cur.fetchall()])

    with srv.connect("toluwase", "toluwase123") as conn, conn.cursor() as cur:
        cur.execute("SHOW DATABASES")
        assert cur.description[0][0] == "Database"
        assert "mysql" in [r[0] for r in cur.fetchall()]

        cur.execute("CREATE DATABASE walkthrough")
        conn.select_db("walkthrough")
        cur.execute("CREATE TABLE pets (id INT PRIMARY KEY, name VARCHAR(20), "
                    "species VARCHAR(20))")
        cur.execute("INSERT INTO pets VALUES (%s,%s,%s),(%s,%s,%s)",
                    (1, "Puffball", "hamster", 2, "Fang", "dog"))
        assert cur.rowcount == 2
        cur.execute("INSERT INTO pets (id, name, species) VALUES (3,'Whistler','bird')")
        cur.execute("SELECT id, name, species FROM pets ORDER BY id")
        rows = cur.fetchall()
    expected = [(1, "Puffball", "hamster"), (2, "Fang", "dog"), (3, "Whistler", "bird")]
    assert [tuple(r) for r in rows] == expected

    def read():
        with srv.connect("toluwase", "toluwase123", database="walkthrough") as conn, \
                conn.cursor() as cur:
            cur.execute("SELECT id, name, species FROM pets ORDER BY id")
            return [tuple(r) for r in cur.fetchall()]

    assert read() == expected
    srv.restart()
    assert read() == expected


def test_show_databases_lists_information_schema(server):
    # MySQL always lists information_schema, even for an account with no privileges, and
    # MySQL 8.4 performance_schema too (its variable and status tables are everyone's);
    # MariaDB lists performance_schema only to accounts granted something in it.
    server.sql("CREATE USER 'lonely'@'%' IDENTIFIED BY 'pw'")
    with server.connect("lonely", "pw") as conn, conn.cursor() as cur:
        cur.execute("SHOW DATABASES")
        expected = ["information_schema", "performance_schema"] if IS_PORPOISE else [
            "information_schema"]
        assert [r[0] for r in cur.fetchall()] == expected
