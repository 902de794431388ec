# Character sets across the wire: the collation a client names in its handshake sets the
# session's character sets; a latin1 client's statements are read as latin1 and its results
# (values and column names) come back in latin1, with lengths counted in latin1 bytes; a
# latin1 column refuses what latin1 cannot hold (1366 in strict mode, '?' otherwise), a utf8mb3
# one 4-byte characters. Character sets this server does not have are refused at login.
# Runs unchanged against MariaDB (PORPOISE_E2E_SERVER=mariadb): the expectations are MySQL's.
import pymysql
import pytest

from wire_client import ServerError, WireClient


@pytest.fixture(scope="module")
def srv(server):
    server.sql(
        "CREATE DATABASE cs",
        "CREATE TABLE cs.t (id INT PRIMARY KEY, u VARCHAR(5) CHARACTER SET utf8mb4, "
        "l VARCHAR(5) CHARACTER SET latin1)",
    )
    return server


def session_charsets(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT @@character_set_client, @@character_set_connection, "
                    "@@character_set_results, @@collation_connection")
        return cur.fetchone()


def test_handshake_collation_sets_the_session(srv):
    with srv.root(charset="latin1") as conn:
        assert session_charsets(conn) == ("latin1", "latin1", "latin1", "latin1_swedish_ci")
    with srv.root(charset="utf8mb4") as conn:
        client, connection, results, _ = session_charsets(conn)
        assert (client, connection, results) == ("utf8mb4", "utf8mb4", "utf8mb4")


def test_latin1_client_round_trip(srv):
    with srv.root(charset="latin1") as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO cs.t VALUES (1, 'ä€', 'äé')")
        cur.execute("SELECT u, l, HEX(u), HEX(l), LENGTH(u), LENGTH(l), 'ü' FROM cs.t WHERE id = 1")
        assert cur.fetchone() == ("ä€", "äé", "C3A4E282AC", "E4E9", 5, 2, "ü")
        # Names are latin1 too, lengths in latin1 bytes (one per character).
        assert cur.description[6][0] == "ü"
        assert [d[3] for d in cur.description[:2]] == [5, 5]
    # The same rows read by a utf8mb4 client.
    with srv.root(charset="utf8mb4") as conn, conn.cursor() as cur:
        cur.execute("SELECT u, l FROM cs.t WHERE id = 1")
        assert cur.fetchone() == ("ä€", "äé")


def test_latin1_column_refuses_what_latin1_cannot_hold(srv):
    with srv.root(charset="utf8mb4") as conn, conn.cursor() as cur:
        cur.execute("SET SESSION sql_mode = 'STRICT_TRANS_TABLES'")
        with pytest.raises(pymysql.err.MySQLError) as excinfo:
            cur.execute("INSERT INTO cs.t VALUES (2, 'x', 'aΩb')")
        assert excinfo.value.args[0] == 1366
        assert "Incorrect string value: '\\xCE\\xA9b' for column" in excinfo.value.args[1]
        cur.execute("SET SESSION sql_mode = ''")
        cur.execute("INSERT INTO cs.t VALUES (2, 'x', 'aΩb')")
        cur.execute("SHOW WARNINGS")
        assert [w[1] for w in cur.fetchall()] == [1366]
        cur.execute("SELECT l, HEX(l) FROM cs.t WHERE id = 2")
        assert cur.fetchone() == ("a?b", "613F62")


def test_convert_using(srv):
    with srv.root(charset="utf8mb4") as conn, conn.cursor() as cur:
        cur.execute("SELECT CONVERT('Ωä€' USING latin1), HEX(CONVERT('Ωä' USING latin1)), "
                    "CONVERT('é' USING ascii), COLLATION(CONVERT('x' USING latin1))")
        assert cur.fetchone() == ("?ä€", "3FE4", "?", "latin1_swedish_ci")


def test_utf8mb3_column_refuses_four_byte_characters(srv):
    srv.sql("CREATE TABLE cs.m3 (c VARCHAR(5) CHARACTER SET utf8mb3)")
    with srv.root(charset="utf8mb4") as conn, conn.cursor() as cur:
        cur.execute("SET SESSION sql_mode = 'STRICT_TRANS_TABLES'")
        with pytest.raises(pymysql.err.MySQLError) as excinfo:
            cur.execute("INSERT INTO cs.m3 VALUES ('a\U0001F600b')")
        assert excinfo.value.args[0] == 1366
        assert "Incorrect string value: '\\xF0\\x9F\\x98\\x80b' for column" in excinfo.value.args[1]


# Porpoise has no sjis, cp932, gbk, big5, gb18030, ...: a client naming one in its handshake
# is refused (1115) rather than having its statements read as UTF-8, where the second byte of
# an sjis character can be the backslash its escaping relied on. MySQL accepts these sets.
@pytest.mark.porpoise_only
@pytest.mark.parametrize("charset", ["sjis", "cp932", "gbk", "big5", "gb18030", "euckr"])
def test_handshake_naming_a_missing_charset_is_refused(srv, charset):
    with pytest.raises(pymysql.err.MySQLError) as excinfo:
        srv.root(charset=charset)
    assert excinfo.value.args == (1115, f"Unknown character set: '{charset}'")


@pytest.mark.porpoise_only
def test_handshake_collation_numbers(srv):
    srv.sql("CREATE USER IF NOT EXISTS 'cs_wire'@'%' IDENTIFIED WITH mysql_native_password "
            "BY 'cs-pw'")
    # utf16 (54): no client can write in it, as MySQL answers.
    with pytest.raises(ServerError) as excinfo:
        WireClient("127.0.0.1", srv.port, "cs_wire", "cs-pw", collation=54)
    assert excinfo.value.code == 1231
    # latin1_german1_ci (5): a latin1 this server has, with latin1's default collation.
    client = WireClient("127.0.0.1", srv.port, "cs_wire", "cs-pw", collation=5)
    _, rows = client.query("SELECT @@character_set_client, @@collation_connection")
    assert rows == [("latin1", "latin1_swedish_ci")]
    client.close()
    # 17 is no collation of MySQL's: the server's default, as MySQL keeps it.
    client = WireClient("127.0.0.1", srv.port, "cs_wire", "cs-pw", collation=17)
    _, rows = client.query("SELECT @@character_set_client")
    assert rows == [("utf8mb4",)]
    client.close()


@pytest.mark.porpoise_only
def test_mariadb_client_with_a_missing_charset_is_refused(srv):
    res = srv.client("mariadb", "-S", str(srv.socket), "-u", "root",
                     "--default-character-set=sjis", "-e", "SELECT 1")
    assert res.returncode != 0
    assert "Unknown character set: 'sjis'" in res.stderr
