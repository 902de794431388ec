# End-to-end harness shared by the pytest suite (tests/e2e) and the SQL script runner
# (tests/sql/run_sql_tests.py): throwaway servers (porpoised, or MariaDB for comparison) in
# temporary data directories on free ports, raw packet helpers and client runners.
#
# PORPOISE_E2E_SERVER=porpoise (default) | mariadb   which server to start
# PORPOISED, PORPOISE                                 paths of our daemon and client
# PORPOISE_E2E_KEEP=1                                 keep temporary datadirs for inspection
# PORPOISE_E2E_TMP=DIR                                where they go (default /tmp)
# PORPOISE_E2E_GENERAL_LOG=DIR                        porpoised writes its general query log
#                                                     to DIR/<test module>.log
import difflib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pymysql

REPO = Path(__file__).resolve().parents[2]
KIND = os.environ.get("PORPOISE_E2E_SERVER", "porpoise").strip().lower()
PORPOISED = Path(os.environ.get("PORPOISED", REPO / "build/src/daemon/porpoised"))
PORPOISE = Path(os.environ.get("PORPOISE", REPO / "build/src/cli/porpoise"))
MARIADBD = os.environ.get("MARIADBD", "/usr/sbin/mariadbd")
IS_PORPOISE = KIND == "porpoise"

if KIND not in ("porpoise", "mariadb"):
    raise RuntimeError(f"PORPOISE_E2E_SERVER must be porpoise or mariadb, not {KIND!r}")


def missing(message, skip=False):
    """A needed binary is absent: fail (or skip) the test, or stop a script."""
    if "pytest" in sys.modules:
        import pytest
        if skip:
            pytest.skip(message)
        pytest.fail(message)
    raise SystemExit(message)


# ---------------------------------------------------------------------------------------------
# Small helpers


def free_port(host="127.0.0.1"):
    """A TCP port free on host now. With PORPOISE_E2E_HALF (0 or 1), ctest runs two
    halves of the suite side by side: each draws its ports from a range of its own, below the
    kernel's ephemeral ports."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    half = os.environ.get("PORPOISE_E2E_HALF")
    while True:
        port = 0 if half is None else random.randrange(20000, 26000) + 6000 * int(half)
        with socket.socket(family, socket.SOCK_STREAM) as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
            return s.getsockname()[1]


def have_ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def tcp_connects(host, port, timeout=1.0):
    """True when a TCP connection to host:port is accepted."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def read_packet(sock, timeout=5.0):
    """Reads one MySQL packet; returns (seq, payload) or None when the peer closed."""
    sock.settimeout(timeout)
    header = _recv_exact(sock, 4)
    if header is None:
        return None
    length = int.from_bytes(header[:3], "little")
    payload = _recv_exact(sock, length) if length else b""
    if payload is None:
        return None
    return header[3], payload


def _recv_exact(sock, n):
    data = b""
    while len(data) < n:
        try:
            chunk = sock.recv(n - len(data))
        except ConnectionResetError:
            return None
        except socket.timeout:
            raise AssertionError(f"no complete packet within the timeout; got {data!r}")
        if not chunk:
            return None
        data += chunk
    return data


def parse_err(payload):
    """Decodes an ERR packet into (code, sqlstate, message)."""
    assert payload[:1] == b"\xff", f"not an ERR packet: {payload[:16]!r}"
    code = int.from_bytes(payload[1:3], "little")
    rest = payload[3:]
    state = ""
    if rest[:1] == b"#":
        state, rest = rest[1:6].decode(), rest[6:]
    return code, state, rest.decode(errors="replace")


def wait_closed(sock, timeout=5.0):
    """Reads until the peer closes; returns the bytes received. Fails on timeout."""
    sock.settimeout(timeout)
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            return data
        except socket.timeout:
            break
        if not chunk:
            return data
        data += chunk
    raise AssertionError(f"connection still open after {timeout}s; got {data[:64]!r}")


def packet(payload, seq=1):
    """Frames a payload as one MySQL packet (sequence 1: a handshake response's)."""
    return len(payload).to_bytes(3, "little") + bytes([seq]) + payload


# The fixed start of a HandshakeResponse41: capability flags (PROTOCOL_41, SECURE_CONNECTION,
# PLUGIN_AUTH among them), a 16 MiB max packet, utf8mb3_general_ci (33) and the 23 filler bytes;
# the user name follows.
RESPONSE_HEAD = b"\x8d\xa6\x0f\x00" + b"\x00\x00\x00\x01" + b"\x21" + b"\x00" * 23


def greeted(srv, timeout=10):
    """A raw TCP connection to srv that has read the server's greeting."""
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=timeout)
    try:
        reply = read_packet(sock)
        assert reply is not None and reply[0] == 0 and reply[1][:1] == b"\x0a", \
            f"not a greeting: {reply!r}"
    except BaseException:
        sock.close()
        raise
    return sock


def trickle(sock, stop, every=0.5):
    """Sends the start of a handshake response one byte at a time (slowloris) until the
    server hangs up or `stop` is set."""
    data = packet(RESPONSE_HEAD + b"root\x00")
    for byte in data:
        if stop.is_set():
            return
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            return
        time.sleep(every)


def wait_for(predicate, timeout=5):
    """Polls predicate until it is true or timeout seconds pass; its last answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def proc_status_kib(pid, field):
    """A size from /proc/<pid>/status (VmRSS, VmHWM, ...), in KiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError(f"no {field}")


def vm_hwm_kib(pid):
    """The peak resident set size of process pid so far, in KiB."""
    return proc_status_kib(pid, "VmHWM")


def vm_rss_kib(pid):
    """The resident set size of process pid, in KiB."""
    return proc_status_kib(pid, "VmRSS")


# ---------------------------------------------------------------------------------------------
# Servers


class Server:
    """One throwaway server: its datadir, port, socket and process."""

    def __init__(self, kind, workdir):
        self.kind = kind
        # Short paths: unix socket paths are limited to 107 bytes.
        self.base = Path(tempfile.mkdtemp(prefix="pp-", dir=workdir))
        self.datadir = self.base / "data"
        self.socket = str(self.datadir / "porpoise.sock")
        self.pid_file = self.datadir / "p.pid"
        self.error_log = self.datadir / "error.log"
        self.stderr_path = self.base / "stderr.log"
        self.port = free_port()
        self.proc = None
        self._starts = 0
        self.start_args = []
        self.start_kwargs = {}

    # -- lifecycle ------------------------------------------------------------------------

    def initialize(self, insecure=False, check=True):
        """Builds the data directory (--initialize, or --initialize-insecure)."""
        if self.kind == "porpoise":
            if not PORPOISED.exists():
                missing(f"porpoised not found at {PORPOISED} (build it or set PORPOISED)")
            self.datadir.mkdir(parents=True, exist_ok=True)
            flag = "--initialize-insecure" if insecure else "--initialize"
            res = run([str(PORPOISED), "--no-defaults", flag, f"--datadir={self.datadir}"],
                      timeout=60)
            if check and res.returncode != 0:
                raise AssertionError(f"porpoised {flag} failed ({res.returncode}):\n"
                                     f"{res.stdout}\n{res.stderr}")
            return res
        template = _mariadb_template(insecure)
        shutil.copytree(template, self.datadir)
        return subprocess.CompletedProcess([], 0, "", "")

    def command(self, *extra, bind="127.0.0.1", defaults_file=None, port=True):
        exe = str(PORPOISED) if self.kind == "porpoise" else MARIADBD
        cmd = [exe, f"--defaults-file={defaults_file}" if defaults_file else "--no-defaults",
               f"--datadir={self.datadir}", f"--socket={self.socket}",
               f"--pid-file={self.pid_file}", f"--log-error={self.error_log}"]
        if port:
            cmd.append(f"--port={self.port}")
        if bind is not None:
            cmd.append(f"--bind-address={bind}")
        log_dir = os.environ.get("PORPOISE_E2E_GENERAL_LOG")
        if log_dir and self.kind == "porpoise":
            # Named after the test module that starts the server (pytest sets the variable).
            current = os.environ.get("PYTEST_CURRENT_TEST", "unknown.py::").split("::")[0]
            cmd += ["--general-log=ON",
                    f"--general-log-file={Path(log_dir).resolve() / Path(current).stem}.log"]
        if self.kind == "mariadb":
            cmd += ["--innodb-log-file-size=8M", "--innodb-buffer-pool-size=32M"]
            if os.geteuid() == 0:
                cmd.append("--user=root")
        return cmd + list(extra)

    def start(self, *extra, bind="127.0.0.1", defaults_file=None, wait=True, port=True,
              ready_via="tcp", env=None):
        """Launches the server; with wait, returns once it accepts connections
        (ready_via "tcp", or "socket" when networking is off). env: variables added to the
        server's environment (LD_PRELOAD, ...)."""
        assert self.proc is None or self.proc.poll() is not None, "already running"
        # porpoised should accept within milliseconds; MariaDB takes a second or more.
        if self.kind == "porpoise" and not PORPOISED.exists():
            missing(f"porpoised not found at {PORPOISED} (build it or set PORPOISED)")
        self.start_args = list(extra)
        self.start_kwargs = dict(bind=bind, defaults_file=defaults_file, port=port,
                                 ready_via=ready_via, env=env)
        cmd = self.command(*extra, bind=bind, defaults_file=defaults_file, port=port)
        self._starts += 1
        with open(self.stderr_path, "ab") as err:
            self.proc = subprocess.Popen(cmd, stdout=err, stderr=err,
                                         stdin=subprocess.DEVNULL, start_new_session=True,
                                         env=None if env is None else {**os.environ, **env})
        if wait:
            self.wait_ready(tcp=(ready_via == "tcp"))
        return self

    def wait_ready(self, tcp=True, timeout=None):
        if timeout is None:
            timeout = 5.0 if self.kind == "porpoise" else 60.0
        host = (self.start_kwargs.get("bind") or "127.0.0.1").split(",")[0].strip()
        host = {"*": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"server exited with {self.proc.returncode} during start-up\n" + self.logs())
            # Ready when both listeners accept (MariaDB opens TCP before the socket).
            if (not tcp or tcp_connects(host, self.port, timeout=0.2)) and \
                    self._socket_connects() and self._mariadb_ready():
                return
            time.sleep(0.005)
        raise AssertionError(f"server not accepting after {timeout}s\n" + self.logs())

    def _mariadb_ready(self):
        # MariaDB accepts before its signal thread runs: a SIGTERM sent then is lost.
        if self.kind != "mariadb":
            return True
        try:
            return self.error_log.read_text(errors="replace").count("ready for connections") \
                >= self._starts
        except OSError:
            return False

    def _socket_connects(self):
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(0.2)
                s.connect(self.socket)
            return True
        except OSError:
            return False

    def stop(self, timeout=30):
        """SIGTERM and wait; returns the exit status."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"server ignored SIGTERM for {timeout}s\n" + self.logs())

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def restart(self):
        rc = self.stop()
        assert rc == 0, f"clean shutdown exited {rc}\n" + self.logs()
        return self.start(*self.start_args, **self.start_kwargs)

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def logs(self):
        out = []
        for path in (self.stderr_path, self.error_log):
            try:
                text = path.read_text(errors="replace")
            except OSError:
                continue
            out.append(f"--- {path.name} ---\n{text[-4000:]}")
        return "\n".join(out)

    def cleanup(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if not os.environ.get("PORPOISE_E2E_KEEP"):
            shutil.rmtree(self.base, ignore_errors=True)

    # -- connections ----------------------------------------------------------------------

    def root(self, **kw):
        """The OS root over the unix socket with no password (auth_socket)."""
        kw.setdefault("autocommit", True)
        return pymysql.connect(unix_socket=self.socket, user="root", password="", **kw)

    def connect(self, user, password="", host="127.0.0.1", **kw):
        kw.setdefault("autocommit", True)
        kw.setdefault("connect_timeout", 10)
        return pymysql.connect(host=host, port=self.port, user=user, password=password, **kw)

    def sql(self, *statements):
        """Runs statements as root over the socket; returns the last result's rows."""
        with self.root() as conn, conn.cursor() as cur:
            rows = None
            for stmt in statements:
                cur.execute(stmt)
                rows = cur.fetchall()
            return rows

    def client(self, which, *args, input=None, timeout=60):
        """Runs the `mariadb` or `porpoise` command-line client."""
        return run(client_command(which) + list(args), input=input, timeout=timeout)


def client_command(which):
    if which == "mariadb":
        return ["mariadb", "--no-defaults"]
    if which == "porpoise":
        if not PORPOISE.exists():
            if not IS_PORPOISE:
                missing(f"porpoise client not built ({PORPOISE})", skip=True)
            missing(f"porpoise client not found at {PORPOISE} (build it or set PORPOISE)")
        return [str(PORPOISE), "--no-defaults"]
    raise ValueError(which)


def identified(password, plugin="mysql_native_password"):
    """The IDENTIFIED clause of CREATE USER in the dialect of the server under test
    (MariaDB spells MySQL's `IDENTIFIED WITH plugin BY 'pw'` differently)."""
    if IS_PORPOISE:
        return f"IDENTIFIED WITH {plugin} BY '{password}'"
    assert plugin == "mysql_native_password", f"MariaDB has no {plugin}"
    return f"IDENTIFIED VIA mysql_native_password USING PASSWORD('{password}')"


def run(cmd, input=None, timeout=60):
    return subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=timeout)

def check_output(out, expected):
    """Compares a client script's output with the expected text (indented, as written in the
    test); on a mismatch fails with a diff and the whole output."""
    import pytest

    expected = textwrap.dedent(expected).lstrip("\n")
    if out != expected:
        diff = difflib.unified_diff(expected.splitlines(), out.splitlines(), "expected",
                                    "actual", lineterm="", n=1)
        pytest.fail("output differs:\n" + "\n".join(diff) + "\n--- whole output\n" + out,
                    pytrace=False)


def dup_key(table, key):
    """The key as error 1062 names it."""
    # MySQL 8.4: 'table.key' (since 8.0.19); MariaDB 10.11 names the key alone.
    return f"{table}.{key}" if IS_PORPOISE else key



_TEMPLATES = {}


def _mariadb_template(insecure):
    """A MariaDB datadir made once per session and copied for every server."""
    if insecure in _TEMPLATES:
        return _TEMPLATES[insecure]
    base = Path(tempfile.mkdtemp(prefix="pp-tpl-"))
    path = base / "data"
    method = "normal" if insecure else "socket"
    cmd = ["mariadb-install-db", "--no-defaults", f"--datadir={path}", "--skip-test-db",
           f"--auth-root-authentication-method={method}", "--innodb-log-file-size=8M"]
    if os.geteuid() == 0:
        cmd.append("--user=root")
    res = run(cmd, timeout=120)
    if res.returncode != 0:
        raise AssertionError(f"mariadb-install-db failed:\n{res.stdout}\n{res.stderr}")
    _TEMPLATES[insecure] = path
    return path


def remove_templates():
    if not os.environ.get("PORPOISE_E2E_KEEP"):
        for path in _TEMPLATES.values():
            shutil.rmtree(path.parent, ignore_errors=True)


class ServerPool:
    """Creates servers on demand and tears them all down at the end of its scope."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.servers = []

    def new(self, kind=None):
        server = Server(kind or KIND, self.workdir)
        self.servers.append(server)
        return server

    def started(self, *extra, insecure=False, **kw):
        """A freshly initialised, running server."""
        server = self.new()
        server.initialize(insecure=insecure)
        return server.start(*extra, **kw)

    def close(self):
        for server in self.servers:
            server.cleanup()


def workdir():
    path = Path(os.environ.get("PORPOISE_E2E_TMP", "/tmp"))
    path.mkdir(parents=True, exist_ok=True)
    return str(path)
