# A throwaway Debian 12 root for the package tests (test_package.py): debootstrap's minbase
# from the archive the host's apt uses, cached as a tarball under /var/cache/porpoise-tests,
# extracted afresh into a temporary directory for each run. Commands run in it with chroot
# inside one private mount namespace (unshare -m, held open by a sleeping process and entered
# with nsenter), so the /proc mounted for it is never seen by the host and goes away with the
# namespace's last process: nothing is left mounted. One namespace for all, because
# start-stop-daemon recognises a server by /proc/<pid>/exe, which reads differently from
# another mount namespace. Needs root.
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

CACHE_DIR = Path("/var/cache/porpoise-tests")
SUITE = "bookworm"
# In the cached base: what the tests use beside the packages under test (the stock mariadb
# client, the service command, systemd for systemd-analyze, logrotate). Another list names a
# new tarball.
BASE_PACKAGES = ("adduser", "init-system-helpers", "logrotate", "mariadb-client", "procps",
                 "systemd")
ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "DEBIAN_FRONTEND": "noninteractive",
    "LANG": "C.UTF-8",
    "HOME": "/root",
}
# Masked before systemd boots in the root: units that would act on the host's kernel or
# consoles (sysctl settings, binfmt handlers, kernel modules, gettys, kernel file systems).
HOST_FACING_UNITS = (
    "systemd-sysctl.service", "systemd-binfmt.service", "proc-sys-fs-binfmt_misc.automount",
    "systemd-modules-load.service", "modprobe@.service", "kmod-static-nodes.service",
    "getty.target", "console-getty.service", "getty-static.service", "systemd-udevd.service",
    "systemd-udev-trigger.service", "sys-kernel-debug.mount", "sys-kernel-tracing.mount",
    "sys-kernel-config.mount", "sys-fs-fuse-connections.mount")
HOST_SOURCES = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]


def _enabled_sources():
    """The host's apt source files that apt reads (others, such as *.disabled, it ignores)."""
    return [path for path in HOST_SOURCES
            if path.is_file() and path.suffix in (".list", ".sources")]


def debian_mirror():
    """The first archive URI the host's apt uses for SUITE (deb822 or one-line format)."""
    for path in _enabled_sources():
        text = path.read_text()
        if path.suffix == ".sources":
            for stanza in re.split(r"\n\s*\n", text):
                fields = dict(re.findall(r"^([A-Za-z-]+):\s*(.*)$", stanza, re.MULTILINE))
                if SUITE in fields.get("Suites", "").split() and fields.get("URIs"):
                    return fields["URIs"].split()[0]
        else:
            for line in text.splitlines():
                words = re.sub(r"\[[^]]*\]", "", line).split()
                if len(words) >= 3 and words[0] == "deb" and words[2] == SUITE:
                    return words[1]
    return "http://deb.debian.org/debian"


def base_tarball():
    """The cached minbase tarball, made with debootstrap when it is not there yet."""
    key = hashlib.sha256(",".join(BASE_PACKAGES).encode()).hexdigest()[:12]
    tarball = CACHE_DIR / f"{SUITE}-minbase-{key}.tar.zst"
    if tarball.exists():
        return tarball
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir="/var/tmp", prefix="porpoise-debootstrap.") as tree:
        # debootstrap mounts /proc and /sys in the tree while it works: in a namespace of its
        # own, a failure cannot leave them mounted under what is removed next.
        command = ["unshare", "--mount", "--propagation", "private", "debootstrap",
                   "--variant=minbase", "--include=" + ",".join(BASE_PACKAGES), SUITE, tree,
                   debian_mirror()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=1200)
        if done.returncode != 0:
            raise RuntimeError("debootstrap failed:\n" + done.stdout[-3000:] + done.stderr[-3000:])
        os.chmod(tree, 0o755)
        partial = tarball.with_name(f"{tarball.name}.{os.getpid()}.partial")
        subprocess.run(["tar", "-C", tree, "-I", "zstd -T0 -3", "-cf", partial, "."],
                       check=True, timeout=600)
        os.replace(partial, tarball)
    for stale in CACHE_DIR.glob(f"{SUITE}-minbase-*.tar.zst"):
        if stale != tarball:
            stale.unlink(missing_ok=True)
    return tarball


def _own_cgroup():
    """This process's directory in the cgroup v2 hierarchy (unified or hybrid layout)."""
    with open("/proc/self/mounts") as mounts:
        points = [line.split()[1] for line in mounts if line.split()[2] == "cgroup2"]
    if not points:
        raise RuntimeError("no cgroup2 file system is mounted: systemd cannot boot")
    relative = next(line.split(":", 2)[2].strip() for line in open("/proc/self/cgroup")
                    if line.startswith("0::"))
    return Path(points[0]) / relative.lstrip("/")


class DebianRoot:
    """A fresh copy of the base in workdir/root, with the host's apt sources and resolver."""

    def __init__(self, workdir):
        self.root = Path(workdir) / "root"
        self.root.mkdir()
        subprocess.run(["tar", "-C", self.root, "-I", "zstd", "-xf", base_tarball()],
                       check=True, timeout=600)
        os.chmod(self.root, 0o755)  # apt's _apt user must reach its partial downloads
        self._copy_host_apt_sources()
        resolv = self.path("/etc/resolv.conf")
        resolv.unlink(missing_ok=True)
        resolv.write_text(Path("/etc/resolv.conf").read_text())
        self._systemd = None  # pid, once boot() has started it
        self._booted = None
        self._cgroup = None
        self._namespace = subprocess.Popen(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c",
             'mount -t proc proc "$1/proc" && exec sleep infinity', "sh", str(self.root)],
            stdin=subprocess.DEVNULL)
        self._wait_for_proc()

    def _wait_for_proc(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._namespace.poll() is not None:
                raise RuntimeError("could not mount /proc in a private mount namespace")
            mounts = Path(f"/proc/{self._namespace.pid}/mounts").read_text()
            if f" {self.root}/proc proc " in mounts:
                return
            time.sleep(0.05)
        raise RuntimeError("/proc did not appear in the namespace")

    def _copy_host_apt_sources(self):
        self.path("/etc/apt/sources.list").unlink(missing_ok=True)
        for stale in self.path("/etc/apt/sources.list.d").glob("*"):
            stale.unlink()
        for source in _enabled_sources():
            shutil.copy(source, self.path(str(source)))
            for keyring in re.findall(r"(?:Signed-By:\s*|signed-by=)(/\S+?)(?:\]|\s|$)",
                                      source.read_text()):
                inside = self.path(keyring)
                if Path(keyring).is_file() and not inside.exists():
                    inside.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy(keyring, inside)

    def path(self, inside):
        """The host path of an absolute path inside the root."""
        return self.root / inside.lstrip("/")

    def boot(self):
        """Boots systemd inside, as PID 1 of a PID namespace of its own, so that commands see
        a system managed by systemd (systemctl, the units' sandboxes). Its cgroups go in a
        cgroup of the test's own (a cgroup namespace) and its /sys is a sysfs mounted
        read-only, without the host's mounts under it: nothing of the host's is touched.
        Later commands run in its namespaces."""
        for unit in HOST_FACING_UNITS:
            masked = self.path(f"/etc/systemd/system/{unit}")
            masked.unlink(missing_ok=True)
            masked.symlink_to("/dev/null")
        self._cgroup = _own_cgroup() / f"porpoise-test-{os.getpid()}-{self.root.parent.name}"
        self._cgroup.mkdir()
        # /proc/sys read-only: the kernel's settings are the host's. /dev a tmpfs with the
        # few harmless nodes (systemd would mount the host's devtmpfs on an empty /dev and
        # start gettys on its consoles), and a devpts instance of its own.
        boot = f"""set -e
            echo $$ > {self._cgroup}/cgroup.procs
            exec unshare --cgroup --pid --fork --mount --uts --propagation private sh -c '
                set -e
                mount --bind "$1" "$1"
                mount -t proc proc "$1/proc"
                mount --bind "$1/proc/sys" "$1/proc/sys"
                mount -o remount,bind,ro "$1/proc/sys"
                if [ -e "$1/proc/sysrq-trigger" ]; then
                    mount --bind /dev/null "$1/proc/sysrq-trigger"
                fi
                mount -t sysfs -o ro sysfs "$1/sys"
                mount -t cgroup2 cgroup2 "$1/sys/fs/cgroup"
                mount -t tmpfs -o mode=0755,nosuid tmpfs "$1/dev"
                for node in null zero full random urandom tty; do
                    touch "$1/dev/$node"
                    mount --bind "/dev/$node" "$1/dev/$node"
                done
                mkdir "$1/dev/pts" "$1/dev/shm"
                mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$1/dev/pts"
                ln -s pts/ptmx "$1/dev/ptmx"
                ln -s /proc/self/fd "$1/dev/fd"
                mount -t tmpfs -o mode=1777 tmpfs "$1/dev/shm"
                mount -t tmpfs tmpfs "$1/run"
                exec chroot "$1" env container=porpoise-test /lib/systemd/systemd --system
            ' sh {self.root}"""
        self._booted = subprocess.Popen(["sh", "-c", boot], stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            self._systemd = self._find_systemd()
            if self._systemd is not None:
                state = self.run("systemctl is-system-running --wait", check=False,
                                 timeout=120).stdout.strip()
                if state in ("running", "degraded"):
                    return state
            if self._booted.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError("systemd did not boot in the Debian root")

    def _find_systemd(self):
        for pid in self.processes():
            try:
                if Path(f"/proc/{pid}/comm").read_text().strip() == "systemd":
                    return pid
            except OSError:
                continue
        return None

    def run(self, command, check=True, timeout=300):
        """Runs a shell command as root inside; with check, a failure fails the test."""
        if self._systemd is not None:
            enter = ["nsenter", f"--target={self._systemd}", "--mount", "--pid", "--uts",
                     "--root", "--wd"]
        else:
            enter = ["nsenter", "--mount", f"--target={self._namespace.pid}", "chroot",
                     str(self.root)]
        done = subprocess.run(
            enter + ["/bin/sh", "-c", command],
            env=ENV, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)
        if check and done.returncode != 0:
            import pytest
            pytest.fail(f"in the Debian root, `{command}` exited with {done.returncode}:\n"
                        f"{done.stdout}\n{done.stderr}", pytrace=False)
        return done

    def processes(self):
        """The pids of processes whose root directory is this one."""
        # By inode: seen from another mount namespace, the link's text differs.
        root = os.stat(self.root)
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                seen = os.stat(entry / "root")
            except OSError:
                continue
            if (seen.st_dev, seen.st_ino) == (root.st_dev, root.st_ino):
                pids.append(int(entry.name))
        return pids

    def close(self):
        """Stops what still runs inside (a server started there), then removes the tree."""
        if self._systemd is not None:
            os.kill(self._systemd, signal.SIGKILL)  # ends its whole PID namespace
            self._booted.wait(timeout=30)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in self.processes():
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 10
            while self.processes() and time.monotonic() < deadline:
                time.sleep(0.1)
        self._namespace.kill()
        self._namespace.wait()
        if self._cgroup is not None:
            # Emptied by the namespace's end; cgroup directories go with rmdir, deepest first.
            for directory, _, _ in os.walk(self._cgroup, topdown=False):
                os.rmdir(directory)
        # Mounts are private to the namespaces, which have ended; never remove through one.
        with open("/proc/self/mounts") as mounts:
            below = [line.split()[1] for line in mounts
                     if line.split()[1].startswith(str(self.root) + "/")]
        for mount_point in reversed(below):
            subprocess.run(["umount", "--lazy", mount_point], check=False)
        shutil.rmtree(self.root, ignore_errors=True)
