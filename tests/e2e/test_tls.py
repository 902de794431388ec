# TLS, end to end: the certificates --initialize creates (a CA, a server and a client pair,
# as MySQL's auto_generate_certs does), the stock mariadb CLI, PyMySQL, mysqlclient and MariaDB
# Connector/J connecting over TLS (the CLI asks for it by default; caching_sha2_password's full
# authentication sends the password inside it), a client verifying the server against ca.pem,
# require_secure_transport (3159 for plain TCP, TLS and the unix socket let through), a broken
# handshake that leaves the server serving, KILL of a TLS connection, ALTER INSTANCE RELOAD TLS
# and the version and cipher settings. Porpoise-only: the MariaDB the suite starts has no
# certificates.
import os
import shutil
import socket
import subprocess
import ssl
import stat
import struct
from pathlib import Path

import pymysql
import pytest

from harness import identified, missing, read_packet

pytestmark = pytest.mark.porpoise_only

USER, PASSWORD = "tlsuser", "tls-pw"


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(f"CREATE USER '{USER}'@'%' IDENTIFIED WITH caching_sha2_password BY '{PASSWORD}'",
               f"CREATE USER 'tlsnat'@'%' {identified('nat-pw')}",
               f"GRANT ALL ON *.* TO '{USER}'@'%'")
    return server


def tls_connect(srv, user=USER, password=PASSWORD, **ssl_options):
    options = {"ca": str(srv.datadir / "ca.pem"), "check_hostname": False}
    options.update(ssl_options)
    return srv.connect(user, password, ssl=options)


def status(conn, name):
    with conn.cursor() as cur:
        cur.execute(f"SHOW SESSION STATUS LIKE '{name}'")
        rows = cur.fetchall()
    return rows[0][1] if rows else None


def test_initialize_creates_the_certificates(srv):
    for name in ("ca.pem", "ca-key.pem", "server-cert.pem", "server-key.pem",
                 "client-cert.pem", "client-key.pem"):
        path = srv.datadir / name
        assert path.exists(), name
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o600 if name.endswith("-key.pem") else 0o644), (name, oct(mode))
    # The server and client certificates are the CA's: a verifying context accepts them.
    context = ssl.create_default_context(cafile=str(srv.datadir / "ca.pem"))
    context.check_hostname = False
    context.load_cert_chain(str(srv.datadir / "client-cert.pem"), str(srv.datadir / "client-key.pem"))
    assert srv.sql("SELECT @@have_ssl, @@have_openssl, @@ssl_ca, @@ssl_cert, @@ssl_key, "
                   "@@tls_version") == (("YES", "YES", "ca.pem", "server-cert.pem",
                                         "server-key.pem", "TLSv1.2,TLSv1.3"),)


def test_mariadb_cli_uses_tls_for_caching_sha2(srv):
    # A fresh account's first login is caching_sha2_password's full authentication.
    srv.sql("CREATE USER 'fresh'@'%' IDENTIFIED WITH caching_sha2_password BY 'fresh-pw'")
    res = srv.client("mariadb", "-h127.0.0.1", f"-P{srv.port}", "-ufresh", "-pfresh-pw",
                     "--ssl", "-e", "status")
    assert res.returncode == 0, res.stderr
    assert "Cipher in use is" in res.stdout, res.stdout
    res = srv.client("mariadb", "-h127.0.0.1", f"-P{srv.port}", "-ufresh", "-pfresh-pw",
                     "--ssl", f"--ssl-ca={srv.datadir / 'ca.pem'}", "-N", "-e",
                     "SHOW SESSION STATUS LIKE 'Ssl_cipher'")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("Ssl_cipher\t") and len(res.stdout.split("\t")[1].strip()) > 0


def test_pymysql_verifies_the_server(srv, tmp_path):
    conn = tls_connect(srv)
    try:
        assert status(conn, "Ssl_version") in ("TLSv1.2", "TLSv1.3")
        with conn.cursor() as cur:
            # A result larger than a TLS record, and one of several records.
            cur.execute("SELECT REPEAT('x', 3000000), 42")
            value, answer = cur.fetchone()
        assert len(value) == 3000000 and answer == 42
    finally:
        conn.close()
    # Verified against another CA, the server's certificate is refused.
    other = tmp_path / "other-ca.pem"
    other.write_text((srv.datadir / "client-cert.pem").read_text())
    with pytest.raises(pymysql.err.OperationalError):
        tls_connect(srv, ca=str(other)).close()


def test_require_secure_transport(srv):
    admin = srv.root()
    try:
        with admin.cursor() as cur:
            cur.execute("SET GLOBAL require_secure_transport = ON")
        with pytest.raises(pymysql.err.OperationalError) as info:
            srv.connect("tlsnat", "nat-pw")
        assert info.value.args == (
            3159, "Connections using insecure transport are prohibited while "
                  "--require_secure_transport=ON.")
        conn = tls_connect(srv, "tlsnat", "nat-pw")
        assert status(conn, "Ssl_version") in ("TLSv1.2", "TLSv1.3")
        conn.close()
        assert srv.sql("SELECT 'the socket is secure'") == (("the socket is secure",),)
    finally:
        with admin.cursor() as cur:
            cur.execute("SET GLOBAL require_secure_transport = OFF")
        admin.close()


def test_broken_handshake_leaves_the_server_serving(srv):
    before = int(srv.sql("SHOW GLOBAL STATUS LIKE 'Aborted_connects'")[0][1])
    with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
        seq, greeting = read_packet(sock)
        capabilities = struct.unpack("<H", greeting[greeting.index(b"\0", 1) + 14:][:2])[0]
        assert capabilities & 0x0800, "the greeting offers CLIENT_SSL"
        # SSLRequest (CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION), then no TLS.
        flags = 0x0200 | 0x0800 | 0x8000
        body = struct.pack("<IIB", flags, 1 << 24, 255) + b"\0" * 23
        sock.sendall(len(body).to_bytes(3, "little") + bytes([seq + 1]) + body)
        sock.sendall(b"this is no ClientHello" * 10)
        sock.settimeout(5)
        try:
            while sock.recv(4096):
                pass
        except (ConnectionResetError, socket.timeout):
            pass
    after = int(srv.sql("SHOW GLOBAL STATUS LIKE 'Aborted_connects'")[0][1])
    assert after == before + 1
    conn = tls_connect(srv)
    conn.close()


def test_kill_reaches_a_tls_connection(srv):
    conn = tls_connect(srv)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT CONNECTION_ID()")
            (victim,) = cur.fetchone()
        srv.sql(f"KILL {victim}")
        with pytest.raises(pymysql.err.OperationalError):
            with conn.cursor() as cur:
                cur.execute("SELECT 1")
    finally:
        conn.close()


def test_porpoise_shell_ssl_modes(srv):
    ca = f"--ssl-ca={srv.datadir / 'ca.pem'}"
    tcp = ["-h127.0.0.1", f"-P{srv.port}", f"-u{USER}", f"-p{PASSWORD}", "-N"]
    query = ["-e", "SHOW SESSION STATUS LIKE 'Ssl_version'"]
    for mode, secure in (("DISABLED", False), ("PREFERRED", True), ("REQUIRED", True),
                         ("VERIFY_CA", True), ("VERIFY_IDENTITY", True)):
        res = srv.client("porpoise", *tcp, f"--ssl-mode={mode}", ca, *query)
        assert res.returncode == 0, (mode, res.stderr)
        name, version = res.stdout.rstrip("\n").split("\t")
        assert name == "Ssl_version"
        assert (version in ("TLSv1.2", "TLSv1.3")) == secure, (mode, res.stdout)
    res = srv.client("porpoise", *tcp, "--skip-ssl", *query)
    assert res.returncode == 0 and res.stdout.strip() == "Ssl_version", res.stdout
    # The generated certificate names 127.0.0.1; another CA does not vouch for it.
    res = srv.client("porpoise", *tcp, "--ssl-mode=VERIFY_IDENTITY",
                     f"--ssl-ca={srv.datadir / 'client-cert.pem'}", *query)
    assert res.returncode != 0 and "2026" in res.stderr, res.stderr
    res = srv.client("porpoise", *tcp, "-e", "status")
    assert "Cipher in use is" in res.stdout, res.stdout


def test_porpoise_shell_verify_ca_does_not_check_the_name(servers):
    # 127.0.0.2 is not among the names the generated certificate holds: VERIFY_CA checks only
    # the chain, VERIFY_IDENTITY the name too.
    srv = servers.new()
    srv.initialize()
    srv.start(bind="0.0.0.0")
    srv.sql(f"CREATE USER '{USER}'@'%' IDENTIFIED WITH caching_sha2_password BY '{PASSWORD}'")
    tcp = ["-h127.0.0.2", f"-P{srv.port}", f"-u{USER}", f"-p{PASSWORD}", "-N", "-e",
           "SHOW SESSION STATUS LIKE 'Ssl_version'"]
    ca = f"--ssl-ca={srv.datadir / 'ca.pem'}"
    res = srv.client("porpoise", "--ssl-mode=VERIFY_CA", ca, *tcp)
    assert res.returncode == 0 and "TLSv1." in res.stdout, res.stderr
    res = srv.client("porpoise", "--ssl-mode=VERIFY_IDENTITY", ca, *tcp)
    assert res.returncode != 0 and "2026" in res.stderr, res.stderr
    res = srv.client("porpoise", "--ssl-mode=VERIFY_CA",
                     f"--ssl-ca={srv.datadir / 'client-cert.pem'}", *tcp)
    assert res.returncode != 0 and "2026" in res.stderr, res.stderr
    res = srv.client("porpoise", "--ssl-mode=VERIFY_CA", *tcp)
    assert res.returncode != 0, res.stdout
    assert "CA certificate is required if ssl-mode is VERIFY_CA or VERIFY_IDENTITY" in res.stderr


def test_account_require_clauses(srv):
    subject = "/CN=Porpoise_Server_Auto_Generated_Client_Certificate"
    srv.sql("CREATE USER 'req_ssl'@'%' IDENTIFIED BY 'pw' REQUIRE SSL",
            "CREATE USER 'req_x509'@'%' IDENTIFIED BY 'pw' REQUIRE X509",
            f"CREATE USER 'req_subject'@'%' IDENTIFIED BY 'pw' REQUIRE SUBJECT '{subject}'",
            "CREATE USER 'req_other'@'%' IDENTIFIED BY 'pw' REQUIRE SUBJECT '/CN=someone else'")
    assert srv.sql("SELECT user, ssl_type, CAST(x509_subject AS CHAR) FROM mysql.user "
                   "WHERE user LIKE 'req%' ORDER BY user") == (
        ("req_other", "SPECIFIED", "/CN=someone else"), ("req_ssl", "ANY", ""),
        ("req_subject", "SPECIFIED", subject), ("req_x509", "X509", ""))
    create = srv.sql("SHOW CREATE USER 'req_subject'@'%'")[0][0]
    assert f" REQUIRE SUBJECT '{subject}' PASSWORD EXPIRE DEFAULT" in create, create
    cert = {"cert": str(srv.datadir / "client-cert.pem"), "key": str(srv.datadir / "client-key.pem")}

    def login(user, **ssl_options):
        try:
            conn = (tls_connect(srv, user, "pw", **ssl_options) if ssl_options is not None
                    else srv.connect(user, "pw"))
            conn.close()
            return "ok"
        except pymysql.err.OperationalError as error:
            return error.args[0]

    def plain(user):
        try:
            srv.connect(user, "pw").close()
            return "ok"
        except pymysql.err.OperationalError as error:
            return error.args[0]

    assert plain("req_ssl") == 1045
    assert login("req_ssl") == "ok"
    assert login("req_x509") == 1045           # TLS, but no client certificate
    assert login("req_x509", **cert) == "ok"
    assert login("req_subject", **cert) == "ok"
    assert login("req_other", **cert) == 1045  # a certificate of another subject
    srv.sql("ALTER USER 'req_ssl'@'%' REQUIRE NONE")
    assert plain("req_ssl") == "ok"


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_certificates(directory):
    """A CA of its own and a server certificate it signs, in `directory`."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj",
            "/CN=Reload test CA", "-keyout", "new-ca-key.pem", "-out", "new-ca.pem",
            cwd=directory)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=reloaded", "-keyout",
            "new-key.pem", "-out", "new.csr", cwd=directory)
    (directory / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "new.csr", "-CA", "new-ca.pem", "-CAkey", "new-ca-key.pem",
            "-CAcreateserial", "-days", "20", "-extfile", "san.ext", "-out", "new-cert.pem",
            cwd=directory)


def verified_connect(srv, ca, **extra):
    context = ssl.create_default_context(cafile=str(ca))
    for name, value in extra.items():
        setattr(context, name, value)
    return srv.connect(USER, PASSWORD, ssl=context)


def test_alter_instance_reload_tls(servers, tmp_path):
    srv = servers.new()
    srv.initialize()
    srv.start()
    srv.sql(f"CREATE USER '{USER}'@'%' IDENTIFIED WITH caching_sha2_password BY '{PASSWORD}'",
            f"CREATE USER 'plain'@'%' {identified('plain-pw')}")
    old_ca = srv.datadir / "ca.pem"
    with verified_connect(srv, old_ca) as conn:
        assert status(conn, "Ssl_version") in ("TLSv1.2", "TLSv1.3")
    # The certificate's dates, as OpenSSL prints them.
    expected = ssl._ssl._test_decode_cert(str(srv.datadir / "server-cert.pem"))
    rows = dict(srv.sql("SHOW GLOBAL STATUS LIKE 'Ssl_server_not%'"))
    assert rows == {"Ssl_server_not_after": expected["notAfter"],
                    "Ssl_server_not_before": expected["notBefore"]}
    assert dict(srv.sql("SHOW GLOBAL STATUS LIKE 'Current_tls_cert'")) == {
        "Current_tls_cert": "server-cert.pem"}
    # Only CONNECTION_ADMIN (SUPER here) may reload.
    with srv.connect("plain", "plain-pw") as conn, conn.cursor() as cur:
        with pytest.raises(pymysql.err.MySQLError) as excinfo:
            cur.execute("ALTER INSTANCE RELOAD TLS")
    assert excinfo.value.args == (1227, "Access denied; you need (at least one of) the "
                                        "CONNECTION_ADMIN privilege(s) for this operation")
    # New files take effect at the reload, not before.
    make_certificates(tmp_path)
    srv.sql(f"SET GLOBAL ssl_ca = '{tmp_path / 'new-ca.pem'}'",
            f"SET GLOBAL ssl_cert = '{tmp_path / 'new-cert.pem'}'",
            f"SET GLOBAL ssl_key = '{tmp_path / 'new-key.pem'}'")
    verified_connect(srv, old_ca).close()
    srv.sql("ALTER INSTANCE RELOAD TLS")
    with verified_connect(srv, tmp_path / "new-ca.pem") as conn:
        assert status(conn, "Ssl_version") in ("TLSv1.2", "TLSv1.3")
    with pytest.raises(pymysql.err.OperationalError):
        verified_connect(srv, old_ca)
    # A reload that fails keeps what was in force, unless NO ROLLBACK ON ERROR.
    srv.sql(f"SET GLOBAL ssl_cert = '{tmp_path / 'missing.pem'}'")
    with pytest.raises(pymysql.err.MySQLError) as excinfo:
        srv.sql("ALTER INSTANCE RELOAD TLS")
    assert excinfo.value.args[0] == 3888
    assert excinfo.value.args[1].startswith(
        "Failed to set up SSL because of the following SSL library error: ")
    verified_connect(srv, tmp_path / "new-ca.pem").close()
    with pytest.raises(pymysql.err.MySQLError):
        srv.sql("ALTER INSTANCE RELOAD TLS NO ROLLBACK ON ERROR")
    res = srv.client("mariadb", "-h127.0.0.1", f"-P{srv.port}", f"-u{USER}", f"-p{PASSWORD}",
                     "--ssl", "-e", "SELECT 1")
    assert res.returncode != 0  # TLS is off until the next good reload
    srv.sql(f"SET GLOBAL ssl_cert = '{tmp_path / 'new-cert.pem'}'", "ALTER INSTANCE RELOAD TLS")
    verified_connect(srv, tmp_path / "new-ca.pem").close()


def test_tls_version_and_ciphers(servers):
    srv = servers.new()
    srv.initialize()
    srv.start("--tls-version=TLSv1.2", "--ssl-cipher=ECDHE-RSA-AES128-GCM-SHA256")
    srv.sql(f"CREATE USER '{USER}'@'%' IDENTIFIED WITH caching_sha2_password BY '{PASSWORD}'")
    ca = srv.datadir / "ca.pem"
    with verified_connect(srv, ca) as conn:
        assert status(conn, "Ssl_version") == "TLSv1.2"
        assert status(conn, "Ssl_cipher") == "ECDHE-RSA-AES128-GCM-SHA256"
    with pytest.raises(pymysql.err.OperationalError):
        verified_connect(srv, ca, minimum_version=ssl.TLSVersion.TLSv1_3)
    srv.sql("SET GLOBAL tls_version = 'TLSv1.3'",
            "SET GLOBAL tls_ciphersuites = 'TLS_CHACHA20_POLY1305_SHA256'",
            "ALTER INSTANCE RELOAD TLS")
    with verified_connect(srv, ca) as conn:
        assert status(conn, "Ssl_version") == "TLSv1.3"
        assert status(conn, "Ssl_cipher") == "TLS_CHACHA20_POLY1305_SHA256"
    with pytest.raises(pymysql.err.MySQLError) as excinfo:
        srv.sql("SET GLOBAL tls_version = 'TLSv1'", "ALTER INSTANCE RELOAD TLS")
    assert excinfo.value.args[0] == 3888


# mysqlclient (libmariadb underneath) and MariaDB Connector/J, each verifying the server
# against the generated CA; a caching_sha2_password account's first login is the full
# authentication, with the password sent inside TLS.


def test_mysqlclient_over_tls(srv, tmp_path):
    try:
        import MySQLdb
    except ImportError:
        missing("MySQLdb not importable: apt-get install python3-mysqldb")
    srv.sql("CREATE USER 'mc_fresh'@'%' IDENTIFIED WITH caching_sha2_password BY 'mc-pw'")
    conn = MySQLdb.connect(host="127.0.0.1", port=srv.port, user="mc_fresh", password="mc-pw",
                           ssl={"ca": str(srv.datadir / "ca.pem")})
    try:
        cur = conn.cursor()
        cur.execute("SHOW SESSION STATUS LIKE 'Ssl_version'")
        assert cur.fetchone()[1] in ("TLSv1.2", "TLSv1.3")
        cur.execute("SELECT CURRENT_USER(), LENGTH(REPEAT('y', 2000000))")
        assert cur.fetchone() == ("mc_fresh@%", 2000000)
    finally:
        conn.close()
    other = tmp_path / "other-ca.pem"
    other.write_text((srv.datadir / "client-cert.pem").read_text())
    with pytest.raises(MySQLdb.OperationalError) as info:
        MySQLdb.connect(host="127.0.0.1", port=srv.port, user="mc_fresh", password="mc-pw",
                        ssl={"ca": str(other)}).close()
    assert info.value.args[0] == 2026, info.value.args


JAVA_TLS = r'''
import java.sql.*;

public class Tls {
    public static void main(String[] args) throws Exception {
        String url = "jdbc:mariadb://127.0.0.1:" + args[0] + "/?user=" + args[1]
            + "&password=" + args[2] + "&useSsl=true&serverSslCert=" + args[3];
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'");
            r.next();
            System.out.println("version " + r.getString(2));
            r = s.executeQuery("SELECT CURRENT_USER(), LENGTH(REPEAT('z', 2000000))");
            r.next();
            System.out.println("user " + r.getString(1) + " " + r.getLong(2));
        } catch (SQLException e) {
            System.out.println("refused " + e.getSQLState());
        }
    }
}
'''


def test_connector_j_over_tls(srv, tmp_path):
    javac, java = shutil.which("javac"), shutil.which("java")
    jar = Path("/usr/share/java/mariadb-java-client.jar")
    if javac is None or java is None or not jar.exists():
        missing("Connector/J TLS test needs a JDK and libmariadb-java "
                "(apt-get install default-jdk-headless libmariadb-java)")
    (tmp_path / "Tls.java").write_text(JAVA_TLS)
    res = subprocess.run([javac, "-cp", str(jar), "-d", str(tmp_path), str(tmp_path / "Tls.java")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    srv.sql("CREATE USER 'cj_fresh'@'%' IDENTIFIED WITH caching_sha2_password BY 'cj-pw'")
    other = tmp_path / "other-ca.pem"
    other.write_text((srv.datadir / "client-cert.pem").read_text())

    def run(ca):
        res = subprocess.run([java, "-XX:TieredStopAtLevel=1", "-cp", f"{jar}{os.pathsep}{tmp_path}",
                              "Tls", str(srv.port), "cj_fresh", "cj-pw", str(ca)],
                             capture_output=True, text=True, timeout=60)
        assert res.returncode == 0, res.stderr
        return res.stdout.split("\n")

    version, user = run(srv.datadir / "ca.pem")[:2]
    assert version in ("version TLSv1.2", "version TLSv1.3"), version
    assert user == "user cj_fresh@% 2000000"
    # The server's certificate is not the other CA's: the driver refuses it (08000).
    assert run(other)[0].startswith("refused 08"), run(other)
