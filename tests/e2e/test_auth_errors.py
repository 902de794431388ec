# Access control as clients see it: wrong passwords (1045), accounts bound to another host
# (1045 / 1130), unknown databases (1049), missing privileges (1044 / 1142), auth_socket over
# TCP (1698) and caching_sha2_password logins over TCP without TLS.
import re

import pymysql
import pytest

from harness import IS_PORPOISE, identified

CLIENTS = ["mariadb", pytest.param("porpoise", marks=pytest.mark.needs_client)]
# Over TCP from loopback MySQL names the client host after reverse resolution ('localhost');
# a server that skips name resolution says '127.0.0.1'. Either is MySQL's behaviour.
LOOPBACK = r"'(?:127\.0\.0\.1|localhost)'"
# Porpoise must use MySQL 8.4's wording; MariaDB's differs only in the quoting of the table.
TABLE = r"(?:'{t}'|'{d}\.{t}'|`{d}`\.`{t}`)"


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        f"CREATE USER 'toluwase'@'%' {identified('toluwase123')}",
        "GRANT ALL PRIVILEGES ON *.* TO 'toluwase'@'%'",
        f"CREATE USER 'nopriv'@'%' {identified('np')}",
        f"CREATE USER 'partial'@'%' {identified('pp')}",
        f"CREATE USER 'u'@'10.9.8.7' {identified('up')}",
        "CREATE DATABASE shop",
        "CREATE TABLE shop.items (id INT PRIMARY KEY, name VARCHAR(20))",
        "CREATE TABLE shop.visible (id INT PRIMARY KEY, name VARCHAR(20))",
        "INSERT INTO shop.visible VALUES (1, 'on show')",
        "GRANT SELECT ON shop.visible TO 'partial'@'%'",
    )
    return server


def tcp_args(srv):
    return ["-h", "127.0.0.1", "-P", str(srv.port)]


def assert_cli_error(res, pattern):
    """The client exits non-zero and prints `ERROR code (state): message` on stderr."""
    assert res.returncode != 0, res.stdout
    lines = [line for line in res.stderr.splitlines() if line.startswith("ERROR ")]
    assert lines, res.stderr
    # mysql/mariadb add " at line N" for a failing statement of -e; not for connect errors.
    assert re.fullmatch(r"ERROR " + pattern, re.sub(r" at line \d+:", ":", lines[0])), lines[0]


def assert_error(excinfo, code, pattern=None):
    codes = code if isinstance(code, tuple) else (code,)
    assert excinfo.value.args[0] in codes, excinfo.value.args
    if pattern:
        assert re.fullmatch(pattern, excinfo.value.args[1]), excinfo.value.args[1]


# --- 1045: wrong password, unknown user, account for another host ---------------------------

@pytest.mark.parametrize("client", CLIENTS)
def test_wrong_password_cli(srv, client):
    res = srv.client(client, *tcp_args(srv), "-u", "toluwase", "-pwrong", "-e", "select 1")
    assert_cli_error(res, r"1045 \(28000\): Access denied for user 'toluwase'@" + LOOPBACK +
                     r" \(using password: YES\)")


@pytest.mark.parametrize("client", CLIENTS)
def test_missing_password_cli(srv, client):
    res = srv.client(client, *tcp_args(srv), "-u", "toluwase", "-e", "select 1")
    assert_cli_error(res, r"1045 \(28000\): Access denied for user 'toluwase'@" + LOOPBACK +
                     r" \(using password: NO\)")


def test_wrong_password_pymysql(srv):
    with pytest.raises(pymysql.err.OperationalError) as e:
        srv.connect("toluwase", "wrong")
    assert_error(e, 1045, r"Access denied for user 'toluwase'@" + LOOPBACK +
                 r" \(using password: YES\)")


def test_unknown_user(srv):
    with pytest.raises(pymysql.err.OperationalError) as e:
        srv.connect("nobody", "x")
    # MariaDB answers some unknown-user logins with 1698; MySQL (and Porpoise) with 1045.
    if IS_PORPOISE:
        assert_error(e, 1045, r"Access denied for user 'nobody'@" + LOOPBACK +
                     r" \(using password: YES\)")
    else:
        assert_error(e, (1045, 1698))


def test_right_password_still_works(srv):
    with srv.connect("toluwase", "toluwase123") as conn, conn.cursor() as cur:
        cur.execute("SELECT CURRENT_USER()")
        assert cur.fetchone()[0] == "toluwase@%"


def test_account_for_other_host_is_refused(srv):
    # 'u'@'10.9.8.7' does not match 127.0.0.1, but root@localhost matches the loopback host,
    # so the host is allowed in and the login fails as an unknown user: 1045, not 1130.
    with pytest.raises(pymysql.err.OperationalError) as e:
        srv.connect("u", "up")
    assert_error(e, 1045, r"Access denied for user 'u'@" + LOOPBACK +
                 r" \(using password: YES\)")


@pytest.mark.parametrize("client", CLIENTS)
def test_host_not_allowed_1130(servers, client):
    # When no account at all can match the client's host, MySQL refuses the connection before
    # authentication with 1130 (sent in place of the greeting, so without a SQLSTATE: HY000).
    srv = servers.started()
    with srv.root() as conn, conn.cursor() as cur:
        cur.execute(f"CREATE USER 'u'@'10.9.8.7' {identified('up')}")
        cur.execute("SELECT user, host FROM mysql.user WHERE host <> '10.9.8.7'")
        for user, host in cur.fetchall():
            cur.execute(f"DROP USER '{user}'@'{host}'")
        cur.execute("FLUSH PRIVILEGES")
    with pytest.raises(pymysql.err.OperationalError) as e:
        srv.connect("u", "up")
    # PyMySQL assumes a SQLSTATE in every ERR packet and cuts the first 6 characters of this
    # one, which has none; the CLI below shows the whole message.
    assert_error(e, 1130, r".*is not allowed to connect to this (?:MySQL|MariaDB) server")
    res = srv.client(client, *tcp_args(srv), "-u", "u", "-pup", "-e", "select 1")
    # libmariadb with TLS wanted (the stock client's default) wraps an error that arrives
    # in place of the greeting, as it cannot be authenticated.
    host_refused = (r"Host " + LOOPBACK +
                    r" is not allowed to connect to this (?:MySQL|MariaDB) server")
    assert_cli_error(res, r"(?:1130 \(HY000\): |2002 \(HY000\): Received error packet before "
                     r"completion of TLS handshake\. The authenticity of the following error "
                     r"cannot be verified: 1130 - )" + host_refused)


def test_auth_socket_account_over_tcp_is_refused(srv):
    # root@localhost is identified by the socket peer; over TCP there is no peer uid.
    with pytest.raises(pymysql.err.OperationalError) as e:
        srv.connect("root", "")
    assert_error(e, 1698, r"Access denied for user 'root'@" + LOOPBACK)


# --- 1049: unknown database ------------------------------------------------------------------

@pytest.mark.parametrize("client", CLIENTS)
def test_unknown_database_at_connect_cli(srv, client):
    res = srv.client(client, *tcp_args(srv), "-u", "toluwase", "-ptoluwase123",
                     "-D", "nosuch", "-e", "select 1")
    assert_cli_error(res, r"1049 \(42000\): Unknown database 'nosuch'")


def test_unknown_database_at_connect_pymysql(srv):
    with pytest.raises(pymysql.err.OperationalError) as e:
        srv.connect("toluwase", "toluwase123", database="nosuch")
    assert_error(e, 1049, r"Unknown database 'nosuch'")


def test_use_unknown_database(srv):
    with srv.connect("toluwase", "toluwase123") as conn, conn.cursor() as cur:
        with pytest.raises(pymysql.err.OperationalError) as e:
            cur.execute("USE nosuch")
        assert_error(e, 1049, r"Unknown database 'nosuch'")
        with pytest.raises(pymysql.err.OperationalError) as e:
            conn.select_db("nosuch")  # COM_INIT_DB
        assert_error(e, 1049, r"Unknown database 'nosuch'")
        cur.execute("SELECT 1")  # the session goes on
        assert cur.fetchone() == (1,)


@pytest.mark.parametrize("client", CLIENTS)
def test_use_unknown_database_cli(srv, client):
    res = srv.client(client, *tcp_args(srv), "-u", "toluwase", "-ptoluwase123",
                     "-e", "USE nosuch")
    assert_cli_error(res, r"1049 \(42000\): Unknown database 'nosuch'")


# --- 1044 / 1142: missing privileges ----------------------------------------------------------

DENIED_DB = r"Access denied for user 'nopriv'@'%' to database '{}'"


def test_no_privilege_use_database(srv):
    with srv.connect("nopriv", "np") as conn, conn.cursor() as cur:
        with pytest.raises(pymysql.err.OperationalError) as e:
            cur.execute("USE shop")
        assert_error(e, 1044, DENIED_DB.format("shop"))
        # Without any privilege an unknown database is also 1044: existence is not revealed.
        with pytest.raises(pymysql.err.OperationalError) as e:
            cur.execute("USE nosuch")
        assert_error(e, 1044, DENIED_DB.format("nosuch"))


def test_no_privilege_database_at_connect(srv):
    with pytest.raises(pymysql.err.OperationalError) as e:
        srv.connect("nopriv", "np", database="shop")
    assert_error(e, 1044, DENIED_DB.format("shop"))


def test_no_privilege_create_database(srv):
    with srv.connect("nopriv", "np") as conn, conn.cursor() as cur:
        with pytest.raises(pymysql.err.OperationalError) as e:
            cur.execute("CREATE DATABASE zz")
        assert_error(e, 1044, DENIED_DB.format("zz"))


@pytest.mark.parametrize("client", CLIENTS)
def test_no_privilege_use_database_cli(srv, client):
    res = srv.client(client, *tcp_args(srv), "-u", "nopriv", "-pnp", "-e", "USE shop")
    assert_cli_error(res, r"1044 \(42000\): " + DENIED_DB.format("shop"))


def test_no_privilege_select_table(srv):
    with srv.connect("nopriv", "np") as conn, conn.cursor() as cur:
        with pytest.raises(pymysql.err.OperationalError) as e:
            cur.execute("SELECT * FROM shop.items")
        assert_error(e, 1142, r"SELECT command denied to user 'nopriv'@" + LOOPBACK +
                     " for table " + TABLE.format(d="shop", t="items"))


def test_table_grant_allows_only_that_table(srv):
    with srv.connect("partial", "pp") as conn, conn.cursor() as cur:
        cur.execute("USE shop")  # any privilege inside the database allows USE
        cur.execute("SELECT id, name FROM visible")
        assert cur.fetchall() == ((1, "on show"),)
        with pytest.raises(pymysql.err.OperationalError) as e:
            cur.execute("SELECT * FROM items")
        assert_error(e, 1142, r"SELECT command denied to user 'partial'@" + LOOPBACK +
                     " for table " + TABLE.format(d="shop", t="items"))
        with pytest.raises(pymysql.err.OperationalError) as e:
            cur.execute("INSERT INTO visible VALUES (2, 'x')")
        assert_error(e, 1142, r"INSERT command denied to user 'partial'@" + LOOPBACK +
                     " for table " + TABLE.format(d="shop", t="visible"))
        cur.execute("SHOW DATABASES")  # filtered by privilege
        # MySQL 8.4 shows performance_schema to every account; MariaDB only to those granted
        # something in it.
        public = ["information_schema", "performance_schema"] if IS_PORPOISE else [
            "information_schema"]
        assert sorted(r[0] for r in cur.fetchall()) == public + ["shop"]


@pytest.mark.parametrize("client", CLIENTS)
def test_no_privilege_select_table_cli(srv, client):
    res = srv.client(client, *tcp_args(srv), "-u", "nopriv", "-pnp", "-e",
                     "SELECT * FROM shop.items")
    assert_cli_error(res, r"1142 \(42000\): SELECT command denied to user 'nopriv'@" + LOOPBACK
                     + " for table " + TABLE.format(d="shop", t="items"))


# --- caching_sha2_password (MariaDB has no such server plugin) -------------------------------

@pytest.fixture(scope="module")
def sha_srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE USER 'sha'@'%' IDENTIFIED WITH caching_sha2_password BY 'sha-pw'",
        "CREATE USER 'dflt'@'%' IDENTIFIED BY 'dflt-pw'",  # 8.4's default plugin
    )
    return server


@pytest.mark.porpoise_only
def test_caching_sha2_is_the_default_plugin(sha_srv):
    rows = sha_srv.sql("SELECT user, plugin FROM mysql.user WHERE user IN ('sha','dflt') "
                       "ORDER BY user")
    assert [tuple(r) for r in rows] == [("dflt", "caching_sha2_password"),
                                        ("sha", "caching_sha2_password")]


@pytest.mark.porpoise_only
@pytest.mark.parametrize("client", CLIENTS)
def test_caching_sha2_cli_over_tcp_without_tls(sha_srv, client):
    # No TLS: the first login is a full authentication in which libmariadb asks the server for
    # its RSA public key and sends the password encrypted; later ones hit the server's cache.
    args = [*tcp_args(sha_srv), "-u", "sha", "-psha-pw", "-B", "-N", "-e", "SELECT CURRENT_USER()"]
    if client == "mariadb":
        args.insert(0, "--skip-ssl")
    for _ in range(3):
        res = sha_srv.client(client, *args)
        assert res.returncode == 0, res.stderr
        assert res.stdout.strip() == "sha@%"
    res = sha_srv.client(client, *tcp_args(sha_srv), "-u", "sha", "-pnope", "-e", "select 1")
    assert_cli_error(res, r"1045 \(28000\): Access denied for user 'sha'@" + LOOPBACK +
                     r" \(using password: YES\)")


@pytest.mark.porpoise_only
def test_caching_sha2_pymysql_over_tcp(sha_srv):
    pytest.importorskip("cryptography")  # PyMySQL needs it for the RSA exchange
    for user, pw in (("sha", "sha-pw"), ("sha", "sha-pw"), ("dflt", "dflt-pw"), ("dflt", "dflt-pw")):
        with sha_srv.connect(user, pw) as conn, conn.cursor() as cur:
            cur.execute("SELECT CURRENT_USER()")
            assert cur.fetchone()[0] == f"{user}@%"
    with pytest.raises(pymysql.err.OperationalError) as e:
        sha_srv.connect("sha", "nope")
    assert_error(e, 1045)


@pytest.mark.porpoise_only
def test_caching_sha2_after_flush_privileges(sha_srv):
    # FLUSH PRIVILEGES empties the cache: the next login takes the full path again.
    sha_srv.sql("FLUSH PRIVILEGES")
    for _ in range(2):
        with sha_srv.connect("sha", "sha-pw") as conn, conn.cursor() as cur:
            cur.execute("SELECT 1")


@pytest.mark.porpoise_only
def test_caching_sha2_over_unix_socket(sha_srv):
    # The socket counts as a secure transport: the password goes in clear, no RSA.
    sha_srv.sql("CREATE USER IF NOT EXISTS 'sha'@'localhost' IDENTIFIED BY 'sock-pw'")
    for _ in range(2):
        with pymysql.connect(unix_socket=sha_srv.socket, user="sha", password="sock-pw") as conn, \
                conn.cursor() as cur:
            cur.execute("SELECT CURRENT_USER()")
            assert cur.fetchone()[0] == "sha@localhost"
    res = sha_srv.client("mariadb", "-S", sha_srv.socket, "-u", "sha", "-psock-pw", "-B", "-N",
                         "-e", "SELECT CURRENT_USER()")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "sha@localhost"


@pytest.mark.porpoise_only
def test_native_password_hash_stored_not_password(srv):
    rows = srv.sql("SELECT authentication_string FROM mysql.user WHERE user='toluwase'")
    stored = rows[0][0]
    assert "toluwase123" not in str(stored)
    assert re.fullmatch(r"\*[0-9A-F]{40}", stored), stored
