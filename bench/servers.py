# The servers the benchmarks compare: porpoised and MariaDB's mariadbd, each initialised in a
# fresh temporary datadir and started on a free port, with the helpers both benchmarks share.
# Used by compare.py and sysbench.py; see bench/README.md.
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymysql

PASSWORD = "bench-pw"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def greeting_received(port, timeout=0.2):
    """True once the server answers a TCP connection with its greeting."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.settimeout(timeout)
            return len(s.recv(5)) == 5
    except OSError:
        return False


def dir_size(path):
    """(apparent bytes, allocated bytes) of every file under path."""
    apparent = allocated = 0
    for root, _, files in os.walk(path):
        for name in files:
            st = os.lstat(os.path.join(root, name))
            apparent += st.st_size
            allocated += st.st_blocks * 512
    return apparent, allocated


def vm_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Target:
    """One server under test: how to initialise a datadir and how to launch it."""

    def __init__(self, name, workdir):
        self.name = name
        self.base = Path(tempfile.mkdtemp(prefix=f"bench-{name}-", dir=workdir))
        self.datadir = self.base / "data"
        self.socket = str(self.base / "s.sock")
        self.port = free_port()
        self.proc = None
        self.users = {}  # label -> user name, all with PASSWORD

    def launch(self):
        self.proc = subprocess.Popen(self.command(), stdout=subprocess.DEVNULL,
                                     stderr=open(self.base / "stderr.log", "ab"),
                                     stdin=subprocess.DEVNULL, start_new_session=True)

    def start(self, timeout=60.0):
        """Launches and returns seconds from launch to the first greeting."""
        t0 = time.perf_counter()
        self.launch()
        while True:
            if greeting_received(self.port):
                elapsed = time.perf_counter() - t0
                break
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see "
                                   f"{self.base}")
            if time.perf_counter() - t0 > timeout:
                raise RuntimeError(f"{self.name} did not accept within {timeout}s")
            time.sleep(0.0005)
        self.wait_socket()
        return elapsed

    def wait_socket(self, timeout=60.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.socket(socket.AF_UNIX) as s:
                    s.connect(self.socket)
                return
            except OSError:
                time.sleep(0.002)
        raise RuntimeError(f"{self.name}: socket {self.socket} never accepted")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def root(self):
        return pymysql.connect(unix_socket=self.socket, user="root", autocommit=True)

    def log_tail(self, lines=20):
        """The last lines of the error log and of stderr, for a report of what went wrong."""
        out = []
        for name in ("error.log", "stderr.log"):
            path = self.base / name
            if path.exists():
                text = path.read_text(errors="replace").splitlines()
                out += [f"{name}: {line}" for line in text[-lines:]]
        return out

    def cleanup(self, keep):
        self.stop()
        if not keep:
            shutil.rmtree(self.base, ignore_errors=True)


class Porpoise(Target):
    def __init__(self, binary, workdir, extra=()):
        super().__init__("porpoise", workdir)
        self.binary = binary
        self.extra = list(extra)

    def initialize(self):
        self.datadir.mkdir(parents=True)
        subprocess.run([self.binary, "--no-defaults", "--initialize",
                        f"--datadir={self.datadir}"], check=True, capture_output=True)

    def command(self):
        return [self.binary, "--no-defaults", f"--datadir={self.datadir}",
                f"--port={self.port}", f"--socket={self.socket}", "--bind-address=127.0.0.1",
                f"--pid-file={self.base / 'p.pid'}", f"--log-error={self.base / 'error.log'}",
                *self.extra]

    def create_users(self):
        with self.root() as conn, conn.cursor() as cur:
            cur.execute("CREATE USER 'bench_sha'@'%' IDENTIFIED WITH caching_sha2_password "
                        f"BY '{PASSWORD}'")
            cur.execute("CREATE USER 'bench_native'@'%' IDENTIFIED WITH mysql_native_password "
                        f"BY '{PASSWORD}'")
        self.users = {"caching_sha2": "bench_sha", "native": "bench_native"}


class MariaDB(Target):
    def __init__(self, binary, workdir, extra):
        super().__init__("mariadb", workdir)
        self.binary = binary
        self.extra = extra

    def initialize(self):
        cmd = ["mariadb-install-db", "--no-defaults", f"--datadir={self.datadir}",
               "--skip-test-db", "--auth-root-authentication-method=socket"]
        if os.geteuid() == 0:
            cmd.append("--user=root")
        subprocess.run(cmd, check=True, capture_output=True)

    def command(self):
        cmd = [self.binary, "--no-defaults", f"--datadir={self.datadir}",
               f"--port={self.port}", f"--socket={self.socket}", "--bind-address=127.0.0.1",
               f"--pid-file={self.base / 'p.pid'}", f"--log-error={self.base / 'error.log'}"]
        if os.geteuid() == 0:
            cmd.append("--user=root")
        return cmd + self.extra

    def start(self, timeout=60.0):
        elapsed = super().start(timeout)
        # MariaDB ignores SIGTERM until its signal thread runs, shortly after it accepts.
        log = self.base / "error.log"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if log.exists() and log.read_text(errors="replace").count("ready for connections") \
                    >= self.launches:
                break
            time.sleep(0.005)
        return elapsed

    def launch(self):
        self.launches = getattr(self, "launches", 0) + 1
        super().launch()

    def create_users(self):
        with self.root() as conn, conn.cursor() as cur:
            cur.execute("CREATE USER 'bench_native'@'%' IDENTIFIED VIA mysql_native_password "
                        f"USING PASSWORD('{PASSWORD}')")
        self.users = {"native": "bench_native"}


def max_connections_option(connections):
    """The --max-connections both servers get for `connections` clients (plus the root
    session and a few more; at least the default 151), with the open-files limit the
    benchmark, its clients and the servers inherit raised to the hard limit when it is
    short of a few descriptors per connection."""
    need = max(151, connections + 20)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 4 * need + 256
    if soft != resource.RLIM_INFINITY and soft < want:
        new = want if hard == resource.RLIM_INFINITY else min(hard, want)
        resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
        if new < want:
            print(f"note: open files limited to {new} (ulimit -Hn); {connections} connections "
                  "may run out of descriptors", file=sys.stderr)
    return f"--max-connections={need}"


def add_server_options(parser, default_porpoised):
    """The options with which a benchmark picks its servers and adds to their settings."""
    parser.add_argument("--porpoised", default=os.environ.get("PORPOISED",
                                                              str(default_porpoised)))
    parser.add_argument("--mariadbd", default=os.environ.get("MARIADBD", "/usr/sbin/mariadbd"))
    parser.add_argument("--mariadb-arg", action="append", default=[],
                        help="extra mariadbd option (repeatable); default: stock settings")
    parser.add_argument("--porpoised-arg", action="append", default=[],
                        help="extra porpoised option (repeatable)")
    parser.add_argument("--only", choices=["porpoise", "mariadb"], help="measure one server")
