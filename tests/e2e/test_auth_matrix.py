# Logging in whatever plugin the client starts with: {client default plugin} x {account
# plugin} x {TCP, TCP with TLS, unix socket}, with the stock mariadb CLI. A client whose
# default differs from the server's greeting (caching_sha2_password) or from the account's
# plugin is switched to the account's plugin, as MySQL 8.4 does; a wrong password is 1045
# "(using password: YES)" in every case. caching_sha2_password accounts over TCP without TLS
# need the RSA exchange, which this client makes with --skip-ssl; over TLS the password goes
# in clear inside it. (MariaDB has no caching_sha2_password: those accounts are
# Porpoise-only; the MariaDB under test has no certificates, so the TLS column is too.)
import pytest

from harness import IS_PORPOISE, identified, run

ACCOUNTS = {
    "mysql_native_password": ("nat", "natpw"),
    "caching_sha2_password": ("sha", "shapw"),
}


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    statements = [f"CREATE USER 'nat'@'%' {identified('natpw')}"]
    if IS_PORPOISE:
        statements.append("CREATE USER 'sha'@'%' IDENTIFIED WITH caching_sha2_password BY 'shapw'")
    server.sql(*statements)
    return server


def login(server, transport, default_auth, user, password):
    where = {"socket": [f"--socket={server.socket}"],
             "tcp": ["-h127.0.0.1", f"-P{server.port}", "--skip-ssl"],
             "tls": ["-h127.0.0.1", f"-P{server.port}", "--ssl"]}[transport]
    return run(["mariadb", "--no-defaults", *where, f"--default-auth={default_auth}",
                f"-u{user}", f"-p{password}", "-N", "-e",
                "SELECT CURRENT_USER(); SHOW SESSION STATUS LIKE 'Ssl_version'"])


@pytest.mark.parametrize("transport", ["tcp", "tls", "socket"])
@pytest.mark.parametrize("account_plugin", sorted(ACCOUNTS))
@pytest.mark.parametrize("default_auth", ["mysql_native_password", "caching_sha2_password"])
def test_login_matrix(srv, transport, account_plugin, default_auth):
    if account_plugin == "caching_sha2_password" and not IS_PORPOISE:
        pytest.skip("MariaDB has no caching_sha2_password accounts")
    if default_auth == "caching_sha2_password" and not IS_PORPOISE:
        pytest.skip("MariaDB does not offer caching_sha2_password")
    if transport == "tls" and not IS_PORPOISE:
        pytest.skip("the MariaDB under test runs without TLS certificates")
    user, password = ACCOUNTS[account_plugin]
    ok = login(srv, transport, default_auth, user, password)
    assert ok.returncode == 0, ok.stderr
    current_user, ssl_version = ok.stdout.splitlines()
    assert current_user == f"{user}@%"
    if transport == "tls":
        assert ssl_version in ("Ssl_version\tTLSv1.2", "Ssl_version\tTLSv1.3")
    else:
        assert ssl_version == "Ssl_version\t"
    wrong = login(srv, transport, default_auth, user, password + "x")
    assert wrong.returncode != 0
    assert "ERROR 1045" in wrong.stderr and "(using password: YES)" in wrong.stderr, wrong.stderr
