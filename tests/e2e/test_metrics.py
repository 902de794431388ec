# The Prometheus endpoint (metrics_address, metrics_port): off unless asked for; scraped over
# real HTTP and read strictly as the text exposition format; its counters agree with SHOW
# GLOBAL STATUS and move with the work done; its histograms count statements, commits and
# connections; other paths and methods are refused; garbage, oversized and trickled
# requests leave the server answering; no password, hash or statement text appears.
# Porpoise's own endpoint (MySQL has mysqld_exporter beside it), so the suite is porpoised's.
import math
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from harness import free_port, identified

pytestmark = pytest.mark.porpoise_only

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
SAMPLE = re.compile(rf"^({NAME})(?:\{{({LABEL}(?:,{LABEL})*)?\}})? (\S+)$")
LABEL_PAIR = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"')
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


@pytest.fixture(scope="module")
def srv(module_servers):
    port = free_port()
    server = module_servers.started("--metrics-address=127.0.0.1", f"--metrics-port={port}")
    server.metrics_port = port
    server.sql("CREATE DATABASE mx", "CREATE TABLE mx.t (id INT PRIMARY KEY, v INT)")
    return server


def scrape_response(srv, path="/metrics"):
    return urllib.request.urlopen(f"http://127.0.0.1:{srv.metrics_port}{path}", timeout=10)


def scrape_text(srv):
    with scrape_response(srv) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        return response.read().decode("utf-8")


def parse(text):
    """{family: {"type", "help", "samples": [(name, labels, value)]}}, checking every line."""
    families, current = {}, None
    assert text.endswith("\n")
    for line in text.splitlines():
        if line.startswith("# HELP "):
            name = line.split(" ")[2]
            assert re.fullmatch(NAME, name), line
            families.setdefault(name, {"samples": []})
            assert "help" not in families[name], f"second HELP for {name}"
            families[name]["help"] = line.split(" ", 3)[3]
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ")
            assert kind in TYPES, line
            family = families.setdefault(name, {"samples": []})
            assert "type" not in family, f"second TYPE for {name}"
            assert not family["samples"], f"TYPE after samples of {name}"
            family["type"] = kind
            current = name
            continue
        assert not line.startswith("#") or line.startswith("# "), line
        if line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        assert match, f"not a sample line: {line!r}"
        name, labels_text, value = match.groups()
        value = float(value)  # +Inf, NaN and plain numbers
        labels = dict(LABEL_PAIR.findall(labels_text or ""))
        # A sample belongs to the family declared last: its name, or a histogram's parts.
        assert current is not None, line
        kind = families[current]["type"]
        allowed = {current}
        if kind == "histogram":
            allowed = {current + "_bucket", current + "_sum", current + "_count"}
        assert name in allowed, f"{name} outside its family ({current})"
        families[current]["samples"].append((name, labels, value))
    for name, family in families.items():
        assert "type" in family, f"{name} has no TYPE"
        assert family["samples"], f"{name} has no samples"
        series = [(n, tuple(sorted(l.items()))) for n, l, _ in family["samples"]]
        assert len(series) == len(set(series)), f"{name} repeats a series"
        if family["type"] == "histogram":
            check_histogram(name, family["samples"])
    return families


def check_histogram(name, samples):
    buckets = [(labels["le"], value) for n, labels, value in samples if n == name + "_bucket"]
    counts = [value for n, _, value in samples if n == name + "_count"]
    sums = [value for n, _, value in samples if n == name + "_sum"]
    assert len(counts) == 1 and len(sums) == 1, name
    assert buckets and buckets[-1][0] == "+Inf", f"{name} does not end with le=+Inf"
    bounds = [float(le) for le, _ in buckets]
    assert bounds == sorted(bounds) and len(set(bounds)) == len(bounds), name
    values = [value for _, value in buckets]
    assert values == sorted(values), f"{name} buckets are not cumulative: {values}"
    assert values[-1] == counts[0], f"{name}: +Inf bucket {values[-1]} != count {counts[0]}"
    assert sums[0] >= 0


def value(families, family, **labels):
    for name, sample_labels, sample_value in families[family]["samples"]:
        if name == family and sample_labels == labels:
            return sample_value
    raise KeyError(f"{family}{labels}")


def histogram_count(families, family):
    return next(v for n, _, v in families[family]["samples"] if n == family + "_count")


def global_status(srv):
    return {name: val for name, val in srv.sql("SHOW GLOBAL STATUS")}


# ---------------------------------------------------------------------------------------------


def listening_ports(pid):
    """The TCP ports process `pid` listens on (from its sockets' inodes)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            next(f)
            for row in f:
                fields = row.split()
                if fields[3] == "0A" and fields[9] in inodes:  # LISTEN
                    ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def test_off_by_default(servers):
    server = servers.started()
    assert listening_ports(server.proc.pid) == {server.port}
    assert "Metrics endpoint" not in server.error_log.read_text()
    assert server.sql("SELECT @@metrics_address, @@metrics_port") == (("", 9104),)


def test_ready_line_and_variables(srv):
    log = srv.error_log.read_text()
    assert re.search(r"\[Note\] \[MY-\d{6}\] \[Server\] Metrics endpoint ready, address: "
                     rf"'127\.0\.0\.1'  port: {srv.metrics_port}\n", log), log
    assert srv.sql("SELECT @@global.metrics_address, @@global.metrics_port") == \
        (("127.0.0.1", srv.metrics_port),)
    with pytest.raises(Exception) as error:
        srv.sql("SET GLOBAL metrics_port = 1")
    assert error.value.args[0] == 1238  # read-only


def test_page_parses_and_names_families_as_mysqld_exporter(srv):
    families = parse(scrape_text(srv))
    assert value(families, "mysql_up") == 1
    (version,) = srv.sql("SELECT VERSION()")[0]
    assert value(families, "mysql_version_info", version=version,
                 version_comment="Porpoise") == 1
    assert families["mysql_global_status_commands_total"]["type"] == "counter"
    assert families["mysql_global_status_questions"]["type"] == "counter"
    assert families["mysql_global_status_threads_connected"]["type"] == "gauge"
    assert families["mysql_global_status_uptime"]["type"] == "counter"
    assert "error" in families["mysql_global_status_connection_errors_total"]["samples"][0][1]
    assert value(families, "mysql_global_variables_max_connections") == 151
    assert value(families, "mysql_global_variables_slow_query_log") == 0
    for family in ("porpoise_query_duration_seconds", "porpoise_commit_duration_seconds",
                   "porpoise_connection_duration_seconds", "porpoise_login_duration_seconds"):
        assert families[family]["type"] == "histogram"
    # Com_* are labels, not names of their own.
    assert not any(name.startswith("mysql_global_status_com_") for name in families)


def test_counters_agree_with_show_global_status_and_move(srv):
    before = parse(scrape_text(srv))
    with srv.root() as conn, conn.cursor() as cur:
        for i in range(5):
            cur.execute(f"SELECT {i}")
    # Nothing runs between SHOW GLOBAL STATUS and the scrape (the scrape is not a statement).
    status = global_status(srv)
    after = parse(scrape_text(srv))
    selects = value(after, "mysql_global_status_commands_total", command="select")
    assert selects == int(status["Com_select"])
    assert selects >= value(before, "mysql_global_status_commands_total", command="select") + 5
    assert value(after, "mysql_global_status_questions") == int(status["Questions"])
    assert value(after, "mysql_global_status_questions") >= \
        value(before, "mysql_global_status_questions") + 5
    assert value(after, "mysql_global_status_queries") == int(status["Queries"])
    assert value(after, "mysql_global_status_connections") == int(status["Connections"])
    for name, text in status.items():
        # Bytes_sent grows as the SHOW's own rows go out; Uptime and Threads_ move alone;
        # Compression_* are the session's own.
        if re.fullmatch(r"\d+", text) and not name.startswith(
                ("Com_", "Connection_errors_", "Uptime", "Threads_", "Bytes_", "Compression")):
            family = "mysql_global_status_" + name.lower()
            assert family in after, f"{name} missing from the page"
            assert value(after, family) == int(text), name


def test_histograms_count_statements_commits_and_connections(srv):
    before = parse(scrape_text(srv))
    with srv.root() as conn, conn.cursor() as cur:
        for i in range(10):
            cur.execute(f"INSERT INTO mx.t VALUES ({i}, {i})")  # autocommit: one commit each
        conn.begin()
        cur.execute("INSERT INTO mx.t VALUES (100, 100)")
        cur.execute("INSERT INTO mx.t VALUES (101, 101)")
        conn.commit()
        cur.execute("SELECT COUNT(*) FROM mx.t")
    time.sleep(0.1)  # the connection's end is noted as its thread finishes
    after = parse(scrape_text(srv))
    grown = {family: histogram_count(after, family) - histogram_count(before, family)
             for family in ("porpoise_query_duration_seconds",
                            "porpoise_commit_duration_seconds",
                            "porpoise_connection_duration_seconds",
                            "porpoise_login_duration_seconds")}
    assert grown["porpoise_query_duration_seconds"] >= 14, grown
    assert grown["porpoise_commit_duration_seconds"] >= 11, grown
    assert grown["porpoise_connection_duration_seconds"] >= 1, grown
    assert grown["porpoise_login_duration_seconds"] >= 1, grown
    total = next(v for n, _, v in after["porpoise_query_duration_seconds"]["samples"]
                 if n.endswith("_sum"))
    assert math.isfinite(total) and total > 0


def test_other_paths_and_methods(srv):
    for path in ("/", "/metric", "/metrics/x", "/favicon.ico"):
        with pytest.raises(urllib.error.HTTPError) as error:
            scrape_response(srv, path)
        assert error.value.code == 404, path
    request = urllib.request.Request(f"http://127.0.0.1:{srv.metrics_port}/metrics",
                                     data=b"x=1", method="POST")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code == 405
    head = urllib.request.Request(f"http://127.0.0.1:{srv.metrics_port}/metrics",
                                  method="HEAD")
    with urllib.request.urlopen(head, timeout=10) as response:
        assert response.status == 200 and response.read() == b""


def raw_exchange(srv, data, timeout=10):
    with socket.create_connection(("127.0.0.1", srv.metrics_port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except OSError:
            pass
        reply = b""
        try:
            while chunk := sock.recv(65536):
                reply += chunk
        except OSError:
            pass
        return reply


def test_garbage_oversized_and_slow_requests_do_not_hurt(srv):
    assert raw_exchange(srv, os.urandom(300) + b"\r\n\r\n").startswith(b"HTTP/1.1 400 ")
    assert raw_exchange(srv, b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n") \
        .startswith(b"HTTP/1.1 400 ")
    huge = raw_exchange(srv, b"GET /metrics HTTP/1.1\r\nX: " + b"a" * 200000)
    assert huge == b"" or huge.startswith(b"HTTP/1.1 431 ")
    assert raw_exchange(srv, b"GET /metrics HTTP/1.1\r\n" + b"X: y\r\n" * 5000 + b"\r\n") \
        .startswith(b"HTTP/1.1 431 ")
    # A peer that sends half a request and waits: others are answered meanwhile, it is cut
    # off after the request timeout, and the MySQL side never waits.
    slow = socket.create_connection(("127.0.0.1", srv.metrics_port), timeout=30)
    slow.sendall(b"GET /metr")
    started = time.monotonic()
    assert srv.sql("SELECT 1") == ((1,),)
    assert "mysql_up 1" in scrape_text(srv)
    assert time.monotonic() - started < 2
    assert slow.recv(100) == b""  # closed on it
    assert time.monotonic() - started < 15
    slow.close()
    # More idle peers than the endpoint serves at once: a scrape waits for their slots to
    # expire, and gets its answer.
    idle = [socket.create_connection(("127.0.0.1", srv.metrics_port), timeout=30)
            for _ in range(24)]
    done = threading.Event()
    result = {}

    def scrape_later():
        result["text"] = scrape_text(srv)
        done.set()

    threading.Thread(target=scrape_later, daemon=True).start()
    assert srv.sql("SELECT 2") == ((2,),)
    assert done.wait(20), "the endpoint stayed held by idle peers"
    assert "mysql_up 1" in result["text"]
    for sock in idle:
        sock.close()
    # Connected and gone without a byte.
    socket.create_connection(("127.0.0.1", srv.metrics_port), timeout=5).close()
    assert "mysql_up 1" in scrape_text(srv)
    assert srv.sql("SELECT 1") == ((1,),)


def test_no_secrets(srv):
    password = "Metrics-S3cret-pw"
    srv.sql(f"CREATE USER 'scraped'@'%' {identified(password)}")
    (auth,) = srv.sql("SELECT authentication_string FROM mysql.user WHERE user = 'scraped'")[0]
    with srv.connect("scraped", password) as conn, conn.cursor() as cur:
        cur.execute("SELECT 'statement-text-marker'")
    text = scrape_text(srv)
    assert auth and auth not in text
    assert password not in text
    assert "statement-text-marker" not in text and "scraped" not in text
    assert "CREATE USER" not in text
