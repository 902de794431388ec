# The Debian packages end to end: porpoise-server and porpoise-client, made with cpack from the
# build under test ($PORPOISED's), installed with apt-get into a clean Debian 12 root
# (debian_root.py) and driven as an admin would: `service porpoise start` (the SysV script),
# the root login over the socket with porpoise and with the stock mariadb client, a remote
# account used over TCP from the host, an edited conf.d file, status, logrotate, upgrade,
# remove, purge; then porpoise.service under systemd booted in such a root.
import os
import re
import shutil
import socket
import subprocess

import pymysql
import pytest

from debian_root import DebianRoot
from harness import PORPOISED, REPO, free_port, tcp_connects

pytestmark = pytest.mark.porpoise_only

BUILD = PORPOISED.resolve().parents[2]  # <build>/src/daemon/porpoised
CONF_D = "/etc/porpoise/conf.d/porpoised.cnf"
SANITIZER_SYMBOLS = (b"__asan_init", b"__tsan_init", b"__msan_init", b"__ubsan_handle_")


def sanitized_build():
    """A sanitizer build's binaries need the sanitizer runtime: they cannot be packaged.
    tests/CMakeLists.txt says so in PORPOISE_E2E_SANITIZED (PORPOISE_SANITIZE or
    PORPOISE_FUZZ, as scripts/test.sh's ASan build has it); however the flags came in, the
    sanitizer's entry points are named in the binary."""
    if os.environ.get("PORPOISE_E2E_SANITIZED", "").upper() in ("ON", "1", "TRUE", "YES"):
        return True
    binary = PORPOISED.read_bytes()
    return any(symbol in binary for symbol in SANITIZER_SYMBOLS)


def package(destination, version=None):
    """Runs scripts/package.sh on the build under test; copies the two .deb files out."""
    env = dict(os.environ)
    if version:
        env["PORPOISE_PACKAGE_VERSION"] = version
    done = subprocess.run([REPO / "scripts/package.sh", BUILD], capture_output=True, text=True,
                          timeout=1800, env=env)
    if done.returncode != 0:
        pytest.fail("scripts/package.sh failed:\n" + done.stdout + done.stderr, pytrace=False)
    debs = [line.strip() for line in done.stdout.splitlines()
            if re.search(r"/porpoise-(server|client)_[^/]*\.deb$", line)]
    assert len(debs) == 2, done.stdout
    destination.mkdir()
    for deb in debs:
        shutil.copy(deb, destination)


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """Two versions of the packages: `old` (the project's version with ~old, which sorts
    before it) and `new`, the upgrade."""
    if os.geteuid() != 0:
        pytest.skip("needs root: debootstrap, chroot and apt-get in a mount namespace")
    if sanitized_build():
        pytest.skip("sanitizer build: a sanitized porpoised cannot go in a package")
    if not (BUILD / "CMakeCache.txt").exists():
        pytest.fail(f"no CMake build directory holds {PORPOISED}")
    version = re.search(r"(?m)^CMAKE_PROJECT_VERSION:STATIC=(.*)$",
                        (BUILD / "CMakeCache.txt").read_text()).group(1)
    debs = tmp_path_factory.mktemp("debs")
    package(debs / "old", version + "~old")
    package(debs / "new")
    return debs


@pytest.fixture
def debian(packages, tmp_path):
    root = DebianRoot(tmp_path)
    try:
        shutil.copytree(packages, root.path("/srv/debs"))
        root.run("apt-get update -qq", timeout=600)
        yield root
    finally:
        root.close()


def install(debian, which):
    """apt-get install of the `old` or `new` packages (a first install, or an upgrade)."""
    # Recommends (logrotate pulls in cron and a mail server) are left out to keep it short.
    debian.run("apt-get install -y -q --no-install-recommends "
               f"/srv/debs/{which}/porpoise-server_*.deb /srv/debs/{which}/porpoise-client_*.deb",
               timeout=600)
    new = which == "new"
    version = debian.run("dpkg-query -W -f='${Version}' porpoise-server").stdout
    assert version.endswith("~old") != new, version


def set_listening(debian, address, port):
    """Edits conf.d/porpoised.cnf as an admin would: the bind-address and port lines."""
    conf = debian.path(CONF_D)
    text = conf.read_text()
    text = re.sub(r"(?m)^bind-address\s*=.*$", f"bind-address = {address}", text)
    text = re.sub(r"(?m)^port\s*=.*$", f"port         = {port}", text)
    conf.write_text(text)


def service(debian, action, check=True):
    return debian.run(f"service porpoise {action}", check=check, timeout=120)


def as_root(debian, client, sql):
    """Runs SQL as the database root: OS root over the socket, no options at all."""
    return debian.run(f"{client} -N -B -e \"{sql}\"").stdout


def connect_tcp(port):
    return pymysql.connect(host="127.0.0.1", port=port, user="toluwase", password="toluwase123",
                           connect_timeout=10, autocommit=True)


def query(connection, sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def check_installed(debian):
    debian.run("getent passwd porpoise && getent group porpoise")
    conffiles = debian.run("dpkg-query -W -f='${Conffiles}' porpoise-server").stdout
    for path in ("/etc/porpoise/my.cnf", CONF_D, "/etc/init.d/porpoise",
                 "/etc/logrotate.d/porpoise"):
        assert path in conffiles
    my_cnf = debian.path("/etc/porpoise/my.cnf").read_text()
    assert "!includedir /etc/porpoise/conf.d/" in my_cnf
    assert re.search(r"(?ms)^\[client\]\s*\nsocket\s*=\s*/run/porpoise/porpoised.sock", my_cnf)
    # The unit as systemd reads it, against the installed tree (ExecStart must resolve).
    verify = subprocess.run(["systemd-analyze", "verify", f"--root={debian.root}",
                             "porpoise.service"], capture_output=True, text=True, timeout=120)
    assert verify.returncode == 0 and verify.stderr == "", verify.stderr


def test_install_serve_upgrade_remove_purge(debian):
    install(debian, "old")
    check_installed(debian)

    # Never the default 3306 of the host: a free port, written before the first start.
    first_port, port = free_port(), free_port()
    while port == first_port:
        port = free_port()
    set_listening(debian, "127.0.0.1", first_port)
    started = service(debian, "start")
    assert "Initialising the Porpoise data directory /var/lib/porpoise" in started.stdout
    assert as_root(debian, "porpoise", "SELECT CURRENT_USER()") == "root@localhost\n"
    # The stock client, no server of its own here: /run/mysqld/mysqld.sock leads to Porpoise.
    assert as_root(debian, "mariadb", "SELECT CURRENT_USER(), @@version").startswith(
        "root@localhost\t8.4")

    as_root(debian, "porpoise",
            "CREATE USER 'toluwase'@'%' IDENTIFIED WITH mysql_native_password BY 'toluwase123';"
            " GRANT ALL PRIVILEGES ON *.* TO 'toluwase'@'%'; FLUSH PRIVILEGES")
    users = as_root(debian, "porpoise", "SELECT user,plugin,host FROM mysql.user")
    assert "toluwase\tmysql_native_password\t%" in users.splitlines()
    assert "root\tauth_socket\tlocalhost" in users.splitlines()

    # The admin's edit of conf.d (address and port), then a restart.
    assert not tcp_connects("127.0.0.1", port)
    set_listening(debian, "127.0.0.1", port)
    service(debian, "restart")
    assert not tcp_connects("127.0.0.1", first_port)
    with connect_tcp(port) as connection:
        assert query(connection, "SELECT CURRENT_USER()") == (("toluwase@%",),)
        query(connection, "CREATE DATABASE kept")
        query(connection, "CREATE TABLE kept.t (n INT)")
        query(connection, "INSERT INTO kept.t VALUES (42)")

    status = service(debian, "status").stdout
    assert re.search(r"porpoise is active \(running\), pid \d+", status), status
    assert f"listening: 127.0.0.1 port {port}, socket /run/porpoise/porpoised.sock" in status
    assert re.search(r"(?m)^version: 8\.4\.\d+", status), status
    assert re.search(r"(?m)^uptime: \d+ s$", status), status
    service(debian, "reload")
    assert "active (running)" in service(debian, "status").stdout
    # logrotate's rule (it runs as porpoise:adm in the log directory, then sends SIGHUP).
    debian.run("logrotate --force /etc/logrotate.d/porpoise")
    assert debian.path("/var/log/porpoise/error.log.1").exists()
    debian.run("test \"$(stat -c %U:%G /var/log/porpoise/error.log)\" = porpoise:adm")
    # The server writes to the new file after the SIGHUP (at most a moment later).
    debian.run("for i in $(seq 50); do grep -q 'Received SIGHUP' /var/log/porpoise/error.log "
               "&& exit 0; sleep 0.1; done; exit 1")
    assert "active (running)" in service(debian, "status").stdout

    service(debian, "stop")
    stopped = service(debian, "status", check=False)
    assert stopped.returncode == 3 and "inactive" in stopped.stdout
    # A start that fails says so: a wrong option file is named, a server that exits while
    # starting (its port taken) points to the error log, which says why.
    broken = debian.path("/etc/porpoise/conf.d/broken.cnf")
    broken.write_text("[mysqld]\nno-such-option = 1\n")
    failed = service(debian, "start", check=False)
    assert failed.returncode != 0 and "no-such-option" in failed.stderr, failed
    broken.unlink()
    with socket.socket() as taken:
        # The server's last connections may hold the port in TIME_WAIT.
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        taken.bind(("127.0.0.1", port))
        taken.listen()
        failed = service(debian, "start", check=False)
    assert failed.returncode != 0 and "exited during start-up" in failed.stderr, failed
    assert "Address already in use" in debian.path("/var/log/porpoise/error.log").read_text()
    assert not debian.path("/run/mysqld/mysqld.sock").is_symlink()

    # An upgrade keeps the data and the edited configuration.
    install(debian, "new")
    assert f"port         = {port}" in debian.path(CONF_D).read_text()
    # With a MariaDB (here: its binary's name) installed, its clients' socket path is left to it.
    mariadbd = debian.path("/usr/sbin/mariadbd")
    mariadbd.write_text("#!/bin/sh\nexit 1\n")
    service(debian, "start")
    assert not debian.path("/run/mysqld/mysqld.sock").is_symlink()
    with connect_tcp(port) as connection:
        assert query(connection, "SELECT n FROM kept.t") == ((42,),)
    service(debian, "stop")
    mariadbd.unlink()

    # Remove keeps the data, the configuration and the user; purge takes the data, the
    # configuration and the logs, and leaves the system user, as Debian packages do.
    debian.run("apt-get remove -y -q porpoise-server porpoise-client")
    assert debian.path("/var/lib/porpoise/porpoise.db").exists()
    assert debian.path(CONF_D).exists()
    debian.run("getent passwd porpoise")
    debian.run("apt-get purge -y -q porpoise-server porpoise-client")
    for gone in ("/var/lib/porpoise", "/var/log/porpoise", "/etc/porpoise"):
        assert not debian.path(gone).exists(), gone
    debian.run("getent passwd porpoise && getent group porpoise")


def test_porpoised_tells_the_service_manager_it_is_ready_and_stopping(servers, tmp_path):
    """porpoise.service is Type=notify: systemd waits for READY=1 and shows STATUS=."""
    path = str(tmp_path / "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind(path)
        notify.settimeout(10)
        server = servers.new()
        server.initialize()
        server.start(env={"NOTIFY_SOCKET": path})
        ready = notify.recv(4096).decode()
        lines = ready.split("\n")
        assert lines[0] == "READY=1"
        assert re.fullmatch(rf"STATUS=Version 8\.4\.\d+\S*; listening on 127\.0\.0\.1 port "
                            rf"{server.port}; socket {re.escape(server.socket)}", lines[1]), ready
        server.stop()
        assert notify.recv(4096).decode().split("\n")[0] == "STOPPING=1"


def main_pid(debian):
    return debian.run("systemctl show -p MainPID --value porpoise").stdout.strip()


def test_systemd_service(debian):
    """porpoise.service under a real systemd (booted in the root): notify, sandbox, reload,
    restart, and the maintainer scripts driving it on upgrade and purge."""
    install(debian, "old")
    port = free_port()
    set_listening(debian, "127.0.0.1", port)
    # What systemd-sysv adds on a systemd machine; invoke-rc.d acts only when it is there.
    debian.run("ln -s /lib/systemd/systemd /sbin/init")
    debian.boot()
    # Enabled by the postinst, so started at boot; its data directory made on that start.
    debian.run("systemctl is-active porpoise")
    status = debian.run("systemctl show -p StatusText --value porpoise").stdout
    assert re.fullmatch(rf"Version 8\.4\.\d+\S*; listening on 127\.0\.0\.1 port {port}; "
                        r"socket /run/porpoise/porpoised\.sock\n", status), status
    assert as_root(debian, "porpoise", "SELECT CURRENT_USER()") == "root@localhost\n"
    assert as_root(debian, "mariadb", "SELECT CURRENT_USER()") == "root@localhost\n"

    pid = main_pid(debian)
    process = debian.run(f"cat /proc/{pid}/status").stdout
    assert re.search(r"(?m)^NoNewPrivs:\s+1$", process), process
    assert re.search(r"(?m)^CapBnd:\s+0+$", process), process
    assert debian.run(f"stat -c %U /proc/{pid}").stdout == "porpoise\n"

    debian.run("systemctl reload porpoise")
    assert main_pid(debian) == pid
    debian.run("systemctl restart porpoise && systemctl is-active porpoise")
    assert main_pid(debian) != pid
    debian.run("systemctl stop porpoise")
    assert debian.run("systemctl is-active porpoise", check=False).stdout == "inactive\n"
    debian.run("test ! -L /run/mysqld/mysqld.sock")  # /run is the booted system's own
    debian.run("systemctl start porpoise")

    # Under systemd the maintainer scripts stop and start the unit around an upgrade.
    pid = main_pid(debian)
    install(debian, "new")
    debian.run("systemctl is-active porpoise")
    assert main_pid(debian) != pid
    assert as_root(debian, "porpoise", "SELECT CURRENT_USER()") == "root@localhost\n"

    debian.run("apt-get purge -y -q porpoise-server porpoise-client")
    assert debian.run("systemctl is-active porpoise", check=False).returncode != 0
    assert not debian.path("/var/lib/porpoise").exists()
