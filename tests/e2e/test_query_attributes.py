# Query attributes (CLIENT_QUERY_ATTRIBUTES) end to end with wire_client.py, a real socket
# client (mysql_native_password handshake): named values sent ahead of COM_QUERY's text and
# after COM_STMT_EXECUTE's parameters, read in SQL with mysql_query_attribute_string(name) as
# MySQL's query_attributes component provides it. libmariadb, PyMySQL and mysqlclient never
# send attributes; node's mysql2 does (test_node_drivers.py). Porpoise-only: MariaDB has
# neither the capability nor the function.
import pytest

from harness import identified
from wire_client import ServerError, WireClient, lenenc_int

pytestmark = pytest.mark.porpoise_only

USER, PASSWORD = "qa", "qa-pw"
READ = ("SELECT mysql_query_attribute_string('trace'), mysql_query_attribute_string('n'), "
        "mysql_query_attribute_string('none'), mysql_query_attribute_string('missing')")


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql("CREATE DATABASE qa",
               "CREATE TABLE qa.t (id INT PRIMARY KEY, v VARCHAR(20))",
               "INSERT INTO qa.t VALUES (1, 'one'), (2, 'two')",
               f"CREATE USER '{USER}'@'%' {identified(PASSWORD)}",
               f"GRANT ALL ON qa.* TO '{USER}'@'%'")
    return server


@pytest.fixture
def client(srv):
    c = WireClient("127.0.0.1", srv.port, USER, PASSWORD, attributes=True, database="qa")
    assert c.query_attributes
    yield c
    c.close()


def test_com_query_attributes_reach_sql(client):
    _, rows = client.query(READ, {"trace": "00-abc-01", "n": 42, "none": None})
    assert rows == [("00-abc-01", "42", None, None)]
    # Only for that query: the next one has none.
    _, rows = client.query(READ)
    assert rows == [(None, None, None, None)]
    names, rows = client.query(
        "SELECT mysql_query_attribute_string('d'), mysql_query_attribute_string('s'), "
        "MYSQL_QUERY_ATTRIBUTE_STRING('S'), mysql_query_attribute_string(NULL), "
        "mysql_query_attribute_string('neg') + 1",
        {"d": 2.5, "s": "héllo 🐬", "neg": -7})
    assert rows == [("2.5", "héllo 🐬", None, None, "-6")]
    assert names[0] == "mysql_query_attribute_string('d')"


def test_attributes_with_ordinary_statements(client):
    attrs = {"app": "billing"}
    assert client.query("INSERT INTO t VALUES (3, mysql_query_attribute_string('app'))", attrs) == 1
    _, rows = client.query("SELECT v FROM t WHERE v = mysql_query_attribute_string('app')", attrs)
    assert rows == [("billing",)]
    assert client.query("UPDATE t SET v = 'three' WHERE id = 3", attrs) == 1
    _, rows = client.query("SELECT id, v FROM t ORDER BY id", {"unused": 1})
    assert rows == [("1", "one"), ("2", "two"), ("3", "three")]
    assert client.query("DELETE FROM t WHERE id = 3", {"x": None}) == 1


def test_stmt_execute_parameters_and_attributes(client):
    statement, params = client.prepare(
        "SELECT v, mysql_query_attribute_string('who') FROM t WHERE id = ?")
    assert params == 1
    _, rows = client.execute(statement, [1], {"who": "alice"})
    assert rows == [("one", "alice")]
    # The kept statement reads each execution's attributes.
    _, rows = client.execute(statement, [2], {"who": "bob", "extra": 5})
    assert rows == [("two", "bob")]
    # The count with no attributes, and the old form without it.
    _, rows = client.execute(statement, [1], force_count=True)
    assert rows == [("one", None)]
    _, rows = client.execute(statement, [2])
    assert rows == [("two", None)]
    bare, params = client.prepare("SELECT mysql_query_attribute_string('k')")
    assert params == 0
    _, rows = client.execute(bare, [], {"k": 7})
    assert rows == [("7",)]
    _, rows = client.execute(bare, [], force_count=True)
    assert rows == [(None,)]


def test_malformed_prefixes_are_1835_and_the_connection_goes_on(client):
    cases = [
        b"\x01\x02SELECT 1",                   # two parameter sets
        b"\x01\x01\x00\x00\x08\x00\x01nSELECT 1",   # no types
        b"\x05\x01\x00",                       # five attributes, nothing after
        b"\xfe" + b"\xff" * 8 + b"\x01",       # 2^64-1 attributes
        b"\x01\x01\x00\x01\xfd\x00\xfe\xff\xff\xff\xff\xff\xff\xff\x7f",  # a huge name
    ]
    for payload in cases:
        with pytest.raises(ServerError) as error:
            client.query_raw(payload)
        assert error.value.code == 1835, payload
        assert error.value.message == "Malformed communication packet."
    _, rows = client.query("SELECT 'alive'", {"a": 1})
    assert rows == [("alive",)]
    statement, _ = client.prepare("SELECT ?")
    # A count below the statement's own parameters.
    with pytest.raises(ServerError) as error:
        client.execute_raw(statement, bytes([0x08]) + (1).to_bytes(4, "little") + lenenc_int(0))
    assert error.value.code == 1835
    _, rows = client.execute(statement, ["still"], {"a": 1})
    assert rows == [("still",)]


def test_clients_without_the_capability(srv):
    plain = WireClient("127.0.0.1", srv.port, USER, PASSWORD)
    assert not plain.query_attributes
    _, rows = plain.query("SELECT mysql_query_attribute_string('trace')")
    assert rows == [(None,)]
    plain.close()
    with srv.connect(USER, PASSWORD) as conn, conn.cursor() as cur:
        cur.execute("SELECT mysql_query_attribute_string('x'), 1")
        assert cur.fetchall() == ((None, 1),)
