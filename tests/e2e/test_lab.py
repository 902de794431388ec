# The two-host lab (scripts/lab.sh): the deployment of docs/two-hosts.md walked in network
# namespaces, a server, a client and an outsider host on one bridge. The script prints one
# line per step; every one of them must be `ok:`, it must exit 0, and it must leave no
# namespace behind. Porpoise-only: the lab runs porpoised itself (its option file, its
# --initialize, its certificates and allow-from).
import os
import shutil
import subprocess

import pytest

from harness import PORPOISE, PORPOISED, REPO, missing

pytestmark = pytest.mark.porpoise_only

LAB = REPO / "scripts" / "lab.sh"

EXPECTED = [
    "ok: topology: db-server 10.77.0.1, db-client 10.77.0.2, outsider 10.77.0.3 on one bridge",
    "ok: server: initialised, listening on 0.0.0.0:3306, nftables lets 3306 in from 10.77.0.2 "
    "only",
    "ok: a: root over the unix socket created 'toluwase'@'%' (mysql_native_password)",
    "ok: b: db-client: mariadb over TLS, server certificate verified as db-server, show "
    "databases",
    "ok: b: db-client: porpoise --ssl-mode=VERIFY_CA, show databases (a stranger CA is refused)",
    "ok: c: outsider: dropped by nftables (connect timed out), never reached the server",
    "ok: d: outsider: closed by allow-from before the greeting, 10.77.0.3 in the error log",
    "ok: e: outsider: reaches the server, refused by the account 'clientonly'@'10.77.0.2' (1045)",
    "ok: f: bind-address = 127.0.0.1: db-client's connection refused, root over the socket "
    "still in",
]


def netns_usable():
    if shutil.which("ip") is None:
        return False
    res = subprocess.run(["ip", "netns", "list"], capture_output=True, timeout=10)
    return res.returncode == 0


def lab_namespaces(pid):
    res = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, timeout=10)
    return [line.split()[0] for line in res.stdout.splitlines()
            if line.startswith(f"porpoise-lab-{pid}-")]


def test_two_host_lab():
    if os.geteuid() != 0:
        pytest.skip("the lab needs root (network namespaces, nftables)")
    if not netns_usable():
        pytest.skip("`ip netns` is not available here")
    for binary in (PORPOISED, PORPOISE):
        if not binary.exists():
            missing(f"{binary} not found (build it or set PORPOISED / PORPOISE)")
    env = dict(os.environ, PORPOISED=str(PORPOISED), PORPOISE=str(PORPOISE))
    env.pop("PORPOISE_LAB_KEEP", None)
    proc = subprocess.Popen(["bash", str(LAB)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        # The script bounds itself well under a minute; this only guards against a hang.
        stdout, stderr = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        pytest.fail(f"scripts/lab.sh still running after 120 s:\n{stdout}\n{stderr}")
    assert stdout.splitlines() == EXPECTED, stdout + stderr
    assert proc.returncode == 0, stdout + stderr
    # bash runs the script itself, so its pid is the one in the namespaces' names.
    assert lab_namespaces(proc.pid) == [], "namespaces left behind"
