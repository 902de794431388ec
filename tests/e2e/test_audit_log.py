# The audit log (audit_log=ON): one JSON object per line for each connection and
# disconnection, each refused login (with the address and the error), each change to
# accounts or privileges (never with a password) and each statement refused for want of a
# privilege; the file is opened again after a rotation, on FLUSH LOGS and on SIGHUP.
import json
import os
import signal
import time

import pymysql
import pytest

from harness import wait_for

pytestmark = pytest.mark.porpoise_only


def entries(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_audit_log_records_logins_account_changes_and_denials(servers):
    srv = servers.new()
    srv.initialize()
    srv.start("--audit-log=ON")
    log = srv.datadir / "audit.log"
    srv.sql("CREATE USER 'app'@'%' IDENTIFIED BY 'secret-pw-1'",
            "GRANT SELECT ON mysql.db TO 'app'@'%'",
            "ALTER USER 'app'@'%' IDENTIFIED BY 'secret-pw-2'")
    with pytest.raises(pymysql.err.OperationalError):
        srv.connect("app", "wrong")
    with srv.connect("app", "secret-pw-2") as conn, conn.cursor() as cur:
        with pytest.raises(pymysql.err.MySQLError):
            cur.execute("SELECT authentication_string FROM mysql.user")
    assert wait_for(lambda: any(e["event"] == "disconnect" and e["user"] == "app"
                                for e in entries(log)))
    text = log.read_text()
    assert "secret-pw" not in text
    seen = entries(log)
    for entry in seen:
        assert entry["time"].endswith("Z")
    changes = [e["statement"] for e in seen if e["event"] == "account_change"]
    assert changes == ["CREATE USER 'app'@'%'", "GRANT SELECT ON mysql.db TO 'app'@'%'",
                       "ALTER USER 'app'@'%'"]
    refused = [e for e in seen if e["event"] == "login_refused"]
    assert [(e["user"], e["host"], e["code"]) for e in refused] == [("app", "127.0.0.1", 1045)]
    denied = [e for e in seen if e["event"] == "denied"]
    assert [(e["user"], e["code"], e["statement"]) for e in denied] == [
        ("app", 1142, "SELECT authentication_string FROM mysql.user")]
    connects = [e for e in seen if e["event"] == "connect" and e["user"] == "app"]
    assert connects and connects[0]["account"] == "'app'@'%'"
    assert connects[0]["transport"] in ("TCP/IP", "SSL/TLS")

    # Rotation: the renamed file keeps what was written, a new one starts.
    os.rename(log, srv.datadir / "audit.log.1")
    srv.sql("FLUSH LOGS", "DROP USER 'app'@'%'")
    assert wait_for(lambda: log.exists())
    assert [e["statement"] for e in entries(log) if e["event"] == "account_change"] == [
        "DROP USER 'app'@'%'"]
    os.rename(log, srv.datadir / "audit.log.2")
    srv.proc.send_signal(signal.SIGHUP)
    time.sleep(0.2)
    srv.sql("CREATE USER 'later'@'localhost'")
    assert wait_for(lambda: log.exists())
    assert [e["statement"] for e in entries(log) if e["event"] == "account_change"] == [
        "CREATE USER 'later'@'localhost'"]
    assert srv.running()


def test_audit_log_is_off_by_default(servers):
    srv = servers.started()
    srv.sql("CREATE USER 'quiet'@'%'")
    assert not (srv.datadir / "audit.log").exists()
    assert srv.sql("SELECT @@audit_log, @@audit_log_file") == ((0, "audit.log"),)
