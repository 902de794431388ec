# Attacked from many connections at once, the server keeps serving. For nine seconds, against a
# server with small limits (connect_timeout 2 s, 40 connections, max_allowed_packet 1 MiB),
# attacker threads open connection after connection that send malformed handshakes, packets
# before login announced far past the pre-login cap, slowloris handshakes, and garbage commands
# after a real login (unknown, truncated and out-of-order packets, prepared statements with
# random parameters, long data past max_allowed_packet, commands the account may not run),
# while a normal application client (TCP, its own account) and the administrator (root over
# the unix socket) run statements every 100 ms. Neither may see an error or wait long; every
# attacker gets MySQL's answer or is cut off, never a stall; afterwards the server is alive,
# every row the client inserted is there, no connection is left behind, its memory stayed
# bounded and its error log holds no internal error.
# Porpoise-only: MariaDB 10.11 restarts its handshake timeout on every read, so slowloris
# clients keep their slots there far longer than connect_timeout.
import os
import random
import socket
import struct
import subprocess
import threading
import time
from collections import Counter

import pytest

from harness import (RESPONSE_HEAD, greeted, identified, packet, parse_err, read_packet,
                     trickle, vm_rss_kib, wait_closed)

pytestmark = pytest.mark.porpoise_only

SEED = 20241203
ATTACK_SECONDS = 9.0
CONNECT_TIMEOUT = 2
MAX_CONNECTIONS = 40
MAX_ALLOWED_PACKET_MIB = 1
# How much long data the flood sends for one parameter: twice max_allowed_packet, in packets
# of 256 KiB.
LONG_DATA_MIB = 2 * MAX_ALLOWED_PACKET_MIB
# The normal client and the admin start an operation at least this often...
PACE = 0.1
# ...and each must finish within this: generous, so that a loaded two-core CI machine running
# a debug build does not fail the test, yet far below what a stalled server would cost (a
# thread blocked behind an attacker waits connect_timeout or more).
OP_BOUND = 2.0
# VmRSS during the attack, measured: a debug build idles at 13 MiB and peaks at 15-25 MiB; an
# ASan build (with the small quarantine set below) idles at 156 MiB (shadow memory) and peaks
# near 195 MiB. Packets before login are capped at 68 KiB, a chunk header reserves at most
# 64 KiB and long data stops at max_allowed_packet, so the attack itself should cost little.
# The bounds leave ample room for a loaded machine and guard against runaway growth; whether
# the caps hold is checked by the server's answers (the amounts sent here are small).
RSS_BOUND_MIB = 300
RSS_GROWTH_MIB = 64
# How long an attacker waits for an answer, or for the server to hang up, before it calls the
# server stuck.
ANSWER_TIMEOUT = 10.0

# Commands with no entry in the server's dispatch table (COM_SLEEP, COM_CREATE_DB, COM_DROP_DB,
# COM_CONNECT, COM_TIME, COM_DELAYED_INSERT, replication's COM_BINLOG_DUMP..., COM_DAEMON) and
# bytes past the last command.
UNKNOWN_COMMANDS = [0x00, 0x05, 0x06, 0x0A, 0x0B, 0x0F, 0x10, 0x12, 0x13, 0x14, 0x15, 0x1D, 0x1E,
                    *range(0x20, 0x100)]
# The binary protocol's field types: DECIMAL..BIT and JSON..GEOMETRY.
PARAMETER_TYPES = [*range(0x00, 0x11), *range(0xF5, 0x100)]


class Tally:
    """What the attackers did and saw, shared by their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.connections = Counter()  # attack name -> connections opened
        self.outcomes = Counter()     # (case, what the server answered) -> times
        self.problems = []            # answers the server must never give
        self.longest_hold = 0.0       # the longest a slowloris client kept its connection

    def connected(self, attack):
        with self.lock:
            self.connections[attack] += 1

    def saw(self, case, outcome):
        with self.lock:
            self.outcomes[(case, outcome)] += 1

    def problem(self, text):
        with self.lock:
            self.problems.append(text)


class Stuck(Exception):
    """The server neither answered nor hung up within ANSWER_TIMEOUT."""


def answer(sock):
    """The server's next packet's payload, or None once it has hung up."""
    try:
        reply = read_packet(sock, timeout=ANSWER_TIMEOUT)
    except AssertionError as error:  # read_packet's timeout
        raise Stuck(str(error)) from None
    except OSError:
        return None
    return None if reply is None else reply[1]


def describe(payload):
    if payload is None:
        return "closed"
    if payload[:1] == b"\xff":
        return f"ERR {parse_err(payload)[0]}"
    if payload[:1] == b"\x00":
        return "OK"
    if payload[:1] == b"\xfe":
        return "EOF/switch"
    return "result"


def lenenc(payload):
    first = payload[0]
    if first < 0xFB:
        return first
    width = {0xFC: 2, 0xFD: 3, 0xFE: 8}[first]
    return int.from_bytes(payload[1:1 + width], "little")


def is_eof(payload):
    return payload[:1] == b"\xfe" and len(payload) < 9


SERVER_STATUS_CURSOR_EXISTS = 0x0040


def drain_rows(sock):
    """Reads rows up to the EOF (or ERR) that ends them."""
    while True:
        row = answer(sock)
        if row is None or row[:1] == b"\xff" or is_eof(row):
            return


def drain_result(sock, first):
    """Reads the rest of a result set whose first packet was `first` (the client does not
    set CLIENT_DEPRECATE_EOF, so definitions and rows each end with an EOF packet); returns
    whether it opened a cursor (its rows then come with COM_STMT_FETCH)."""
    if first is None or first[:1] in (b"\x00", b"\xff") or is_eof(first):
        return False
    for _ in range(lenenc(first)):
        if answer(sock) is None:
            return False
    eof = answer(sock)  # the EOF after the definitions
    if eof is None:
        return False
    if is_eof(eof) and int.from_bytes(eof[3:5], "little") & SERVER_STATUS_CURSOR_EXISTS:
        return True
    drain_rows(sock)
    return False


class Deck:
    """Deals names in a seeded order, round after round, to whichever thread draws next: every
    case comes up once before any comes up twice, however the threads interleave."""

    def __init__(self, names, seed):
        self.order = sorted(names)
        random.Random(seed).shuffle(self.order)
        self.lock = threading.Lock()
        self.dealt = 0

    def draw(self):
        with self.lock:
            name = self.order[self.dealt % len(self.order)]
            self.dealt += 1
            return name


# --- Before login: one connection per case ---------------------------------------------------

def login_cases(rng):
    """name -> (bytes to send, then wait for the server to hang up or close at once)."""
    response = RESPONSE_HEAD + b"mallory\x00\x00"
    cut = rng.randint(8, len(response) - 8)
    return {
        "random bytes": (rng.randbytes(rng.randint(1, 300)), "wait"),
        "random handshake response": (packet(rng.randbytes(rng.randint(0, 120))), "wait"),
        "short handshake response": (packet(b"\x01\x02"), "wait"),
        # the header announces 40 bytes more than follow: the rest never comes
        "length past the data": ((len(response) + 40).to_bytes(3, "little") + b"\x01" + response,
                                 "wait"),
        # the header announces 10 bytes; the remaining ones read as the next header and body
        "length short of the data": (b"\x0a\x00\x00\x01" + response, "wait"),
        "truncated header then close": (packet(response)[:rng.randint(1, 3)], "close"),
        "truncated packet then close": (packet(response)[:rng.randint(5, 30)], "close"),
        "16 MiB announced then close": (b"\xff\xff\xff\x01", "close"),
        "wrong sequence number": (packet(response, seq=rng.choice([0, 2, 3, 7, 255])), "wait"),
        # the second half of a response (sequence 2) before the first (sequence 1)
        "packets out of order": (packet(response[cut:], seq=2) + packet(response[:cut]), "wait"),
        "COM_QUERY before login": (packet(b"\x03SELECT 1", seq=rng.choice([0, 1])), "wait"),
        "COM_PING before login": (packet(b"\x0e", seq=rng.choice([0, 1])), "wait"),
        "COM_QUIT before login": (packet(b"\x01", seq=rng.choice([0, 1])), "wait"),
        "COM_STMT_PREPARE before login": (packet(b"\x16SELECT ?", seq=0), "wait"),
        "COM_SHUTDOWN before login": (packet(b"\x08\x00", seq=0), "wait"),
        "HTTP request": (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "wait"),
        "greeting read then close": (b"", "close"),
    }


LOGIN_CASES = list(login_cases(random.Random(0)))


def malformed_login(srv, rng, tally, deck):
    name = deck.draw()
    data, then = login_cases(rng)[name]
    tally.connected("malformed login")
    sock = greeted(srv)
    try:
        try:
            sock.sendall(data)
        except OSError:
            pass  # the server may hang up on the first bytes
        if then == "close":
            tally.saw(name, "client closed")
            return
        try:
            received = wait_closed(sock, timeout=ANSWER_TIMEOUT)
        except AssertionError as error:
            tally.problem(f"{name}: {error}")
            return
        first = received[4:4 + int.from_bytes(received[:3], "little")] if received else None
        tally.saw(name, describe(first))
        if first is not None and first[:1] != b"\xff":
            # Whatever it was, it was not a login: only an ERR packet may come before the close.
            tally.problem(f"{name}: the server answered {received[:32]!r}")
    finally:
        sock.close()


OVERSIZED = ["48 MiB announced, 2 MiB sent", "48 MiB announced, 2 MiB sent, then silence",
             "80 KiB handshake response", "80 KiB handshake response, then silence"]


def oversized_login(srv, rng, tally, deck):
    """A handshake response announced as 48 MiB (three full 16 MiB chunks; the first header
    alone is past the 68 KiB cap on packets before login), of which the first 2 MiB are sent;
    or one just past the cap, sent whole. The client hangs up once answered, or waits in
    silence for the server to hang up."""
    name = deck.draw()
    if name.startswith("48 MiB"):
        data = b"\xff\xff\xff\x01" + rng.randbytes(2 << 20)
    else:
        data = packet(RESPONSE_HEAD + rng.randbytes(80 << 10))
    tally.connected("oversized login")
    sock = greeted(srv)
    try:
        try:
            for at in range(0, len(data), 64 << 10):
                sock.sendall(data[at:at + (64 << 10)])
        except OSError:
            pass  # the server hung up part-way, as it may
        try:
            reply = answer(sock)
        except Stuck as error:
            tally.problem(f"{name}: {error}")
            return
        # ER_NET_PACKET_TOO_LARGE, or a plain close; never anything else.
        if reply is not None and parse_err(reply)[0] != 1153:
            tally.problem(f"{name}: the server answered {reply[:32]!r}")
        if reply is not None and name.endswith("silence"):
            # The server hangs up once it has read what was still on its way (3 s at most).
            try:
                wait_closed(sock, timeout=ANSWER_TIMEOUT)
            except AssertionError as error:
                tally.problem(f"{name}: {error}")
                return
            tally.saw(name, describe(reply) + ", then closed")
        else:
            tally.saw(name, describe(reply))
    finally:
        sock.close()


def slowloris(srv, rng, tally):
    """One byte of a handshake response every half second: the login deadline
    (connect_timeout) must end it however steadily the bytes come."""
    tally.connected("slowloris")
    sock = greeted(srv)
    stop = threading.Event()
    sender = threading.Thread(target=trickle, args=(sock, stop, 0.5), daemon=True)
    began = time.monotonic()
    sender.start()
    try:
        wait_closed(sock, timeout=ANSWER_TIMEOUT)
        held = time.monotonic() - began
        with tally.lock:
            tally.longest_hold = max(tally.longest_hold, held)
        tally.saw("slowloris", "closed")
        if held > CONNECT_TIMEOUT + 2.5:
            tally.problem(f"slowloris: held its connection for {held:.1f}s")
    except AssertionError as error:
        tally.problem(f"slowloris: {error}")
    finally:
        stop.set()
        sender.join(timeout=5)
        sock.close()


# --- After login: garbage commands over a real session ---------------------------------------
# Each step sends a packet and reads what the server answers; it returns whether the
# connection is still open. Commands that are never answered are followed by a COM_PING.

def _send(sock, payload, seq=0):
    sock.sendall(packet(payload, seq))


def _closed_after(sock, reply):
    """Whether the server hung up after its reply (an ERR can be its last word)."""
    if reply is None:
        return True
    if reply[:1] != b"\xff":
        return False
    sock.settimeout(0.1)
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except socket.timeout:
        return False
    except OSError:
        return True
    finally:
        sock.settimeout(ANSWER_TIMEOUT)


def _outcome(sock, tally, case, reply, prefix="", label=None):
    closed = _closed_after(sock, reply)
    tally.saw(case, prefix + (label or describe(reply)) +
              (", then closed" if closed and reply else ""))
    return not closed


def one(payload, seq=0):
    """A step that sends one packet and reads one packet back."""
    def step(sock, tally, case):
        _send(sock, payload, seq)
        return _outcome(sock, tally, case, answer(sock))
    return step


def unanswered(payload):
    """A step for a command the server never answers."""
    def step(sock, tally, case):
        _send(sock, payload)
        _send(sock, b"\x0e")  # COM_PING
        return _outcome(sock, tally, case, answer(sock), prefix="then ping: ")
    return step


def privileged(payload):
    """A step for a command the attacker's account may not run (it has no SUPER, SHUTDOWN,
    RELOAD or CONNECTION_ADMIN): refused, never obeyed."""
    def step(sock, tally, case):
        _send(sock, payload)
        reply = answer(sock)
        drain_result(sock, reply)
        if reply is not None and reply[:1] != b"\xff":
            tally.problem(f"{case}: a client without the privilege got {reply[:32]!r}")
        return _outcome(sock, tally, case, reply)
    return step


def random_query(sock, tally, case, rng):
    _send(sock, b"\x03" + rng.randbytes(rng.randint(1, 200)))
    reply = answer(sock)
    drain_result(sock, reply)
    return _outcome(sock, tally, case, reply)


def prepare(sock, tally, case, sql):
    """COM_STMT_PREPARE; returns the statement id, or None (the failure tallied)."""
    _send(sock, b"\x16" + sql)
    reply = answer(sock)
    if reply is None or reply[:1] != b"\x00":
        _outcome(sock, tally, case + " (COM_STMT_PREPARE)", reply)
        return None
    statement, columns, params = struct.unpack("<IHH", reply[1:9])
    for count in (params, columns):
        for _ in range(count + 1 if count else 0):  # the definitions and their EOF
            if answer(sock) is None:
                return None
    return statement


def random_parameters(sock, tally, case, rng):
    # A real prepared statement executed with random flags, iteration count and a parameter
    # block of random types and values.
    statement = prepare(sock, tally, case, b"SELECT ?, ?")
    if statement is None:
        return False
    flags = rng.choice([0, 1, 2, 4, 8, 0xFF])
    iterations = rng.choice([0, 1, 2, 0xFFFFFFFF])
    body = struct.pack("<IBI", statement, flags, iterations)
    body += bytes([rng.choice([0, 0, 1, 2, 3, 0xFF])]) + b"\x01"  # NULL bitmap, types follow
    if rng.random() < 0.7:
        # types the protocol knows (signed or unsigned), then values of random bytes: short,
        # long or with lengths that run past the end
        body += b"".join(bytes([rng.choice(PARAMETER_TYPES), rng.choice([0, 0x80])])
                         for _ in range(2))
    _send(sock, b"\x17" + body + rng.randbytes(rng.randint(0, 40)))
    reply = answer(sock)
    cursor = drain_result(sock, reply)
    if not _outcome(sock, tally, case + (" (cursor)" if cursor else ""), reply):
        return False
    return unanswered(b"\x19" + struct.pack("<I", statement))(
        sock, tally, case + " (COM_STMT_CLOSE)")


def cursor_fetches(sock, tally, case, rng):
    # A cursor over the table the normal client writes, fetched in odd amounts, then fetched
    # again after it is exhausted and after the statement is closed.
    statement = prepare(sock, tally, case, b"SELECT id FROM abuse.t")
    if statement is None:
        return False
    _send(sock, b"\x17" + struct.pack("<IBI", statement, 1, 1))  # CURSOR_TYPE_READ_ONLY
    reply = answer(sock)
    cursor = drain_result(sock, reply)
    if not _outcome(sock, tally, case + (" (opened)" if cursor else " (no cursor)"), reply):
        return False
    for count in (0, 1, rng.randint(2, 50), 0xFFFFFFFF, 1):
        _send(sock, b"\x1c" + struct.pack("<II", statement, count))
        reply = answer(sock)
        rows = reply is not None and reply[:1] != b"\xff" and not is_eof(reply)
        if rows:
            drain_rows(sock)
        if not _outcome(sock, tally, case + " (COM_STMT_FETCH)", reply,
                        label="rows" if rows else None):
            return False
    if not unanswered(b"\x19" + struct.pack("<I", statement))(
            sock, tally, case + " (COM_STMT_CLOSE)"):
        return False
    return one(b"\x1c" + struct.pack("<II", statement, 1))(
        sock, tally, case + " (COM_STMT_FETCH after close)")


def long_data_flood(sock, tally, case, rng):
    # COM_STMT_SEND_LONG_DATA is never answered and appends to a parameter; MySQL stops at
    # max_allowed_packet and fails the execution ("Parameter of prepared statement which is
    # set through mysql_send_long_data() is longer than 'max_allowed_packet' bytes"), so that
    # a client cannot make the server hold as much memory as it cares to send.
    statement = prepare(sock, tally, case, b"SELECT ?")
    if statement is None:
        return False
    chunk = packet(b"\x18" + struct.pack("<IH", statement, 0) + rng.randbytes(256 << 10), 0)
    for _ in range(LONG_DATA_MIB * 4):
        sock.sendall(chunk)
    # Executed with the parameter's type (BLOB) and no value: the long data is the value.
    _send(sock, b"\x17" + struct.pack("<IBI", statement, 0, 1) + b"\x00\x01\xfc\x00")
    reply = answer(sock)
    drain_result(sock, reply)
    if reply is not None and reply[:1] != b"\xff":
        tally.problem(f"{case}: {LONG_DATA_MIB} MiB of long data past max_allowed_packet "
                      f"({MAX_ALLOWED_PACKET_MIB} MiB) were kept and executed: {reply[:16]!r}")
    if not _outcome(sock, tally, case, reply):
        return False
    return unanswered(b"\x19" + struct.pack("<I", statement))(
        sock, tally, case + " (COM_STMT_CLOSE)")


def past_max_allowed_packet(sock, tally, case, rng):
    # A COM_QUERY announced as 16 MiB less 2 bytes (past max_allowed_packet, and not a full
    # chunk), of which 64 KiB are sent: 1153, and a close once what was on its way is read.
    sock.sendall(b"\xfe\xff\xff\x00" + b"\x03" + rng.randbytes(64 << 10))
    reply = answer(sock)
    if reply is not None and parse_err(reply)[0] != 1153:
        tally.problem(f"{case}: the server answered {reply[:32]!r}")
    _outcome(sock, tally, case, reply)
    return False


def random_change_user(sock, tally, case, rng):
    # Whatever it decodes to (a login as a user that does not exist, an AuthSwitchRequest
    # for one that does), the session is over: the client hangs up after the first answer.
    _send(sock, b"\x11" + rng.randbytes(rng.randint(0, 80)))
    _outcome(sock, tally, case, answer(sock))
    return False


def after_login_steps(rng, ids):
    """name -> step(sock, tally, name)."""
    unknown = struct.pack("<I", rng.randint(1000, (1 << 32) - 1))
    victim = ids.get(rng.choice(["app", "admin"]), 1)
    return {
        "unknown command": one(bytes([rng.choice(UNKNOWN_COMMANDS)]) +
                               rng.randbytes(rng.randint(0, 64))),
        # a handshake response again, as if the login had not happened
        "second handshake response": one(RESPONSE_HEAD + b"mallory\x00\x00",
                                         seq=rng.choice([0, 1])),
        "truncated COM_STMT_EXECUTE": one(b"\x17" + rng.randbytes(rng.randint(0, 8))),
        "COM_STMT_EXECUTE of an unknown statement":
            one(b"\x17" + unknown + b"\x00\x01\x00\x00\x00"),
        "COM_STMT_FETCH of an unknown statement": one(b"\x1c" + unknown + struct.pack("<I", 10)),
        "COM_STMT_RESET of an unknown statement": one(b"\x1a" + unknown),
        "COM_STMT_SEND_LONG_DATA of an unknown statement":
            unanswered(b"\x18" + unknown + b"\x00\x00" + rng.randbytes(100)),
        "COM_STMT_CLOSE of an unknown statement": unanswered(b"\x19" + unknown),
        "COM_STMT_EXECUTE with random parameters":
            lambda sock, tally, case: random_parameters(sock, tally, case, rng),
        "cursor fetches": lambda sock, tally, case: cursor_fetches(sock, tally, case, rng),
        "COM_STMT_SEND_LONG_DATA past max_allowed_packet":
            lambda sock, tally, case: long_data_flood(sock, tally, case, rng),
        "command past max_allowed_packet":
            lambda sock, tally, case: past_max_allowed_packet(sock, tally, case, rng),
        "COM_CHANGE_USER of random bytes":
            lambda sock, tally, case: random_change_user(sock, tally, case, rng),
        "COM_FIELD_LIST without a terminator": one(b"\x04t"),
        "truncated COM_PROCESS_KILL": one(b"\x0c\x01"),
        "truncated COM_SET_OPTION": one(b"\x1b"),
        "COM_INIT_DB of random bytes": one(b"\x02" + rng.randbytes(rng.randint(1, 40))),
        "COM_QUERY of random bytes": lambda sock, tally, case: random_query(sock, tally, case, rng),
        "empty packet": one(b""),
        "command with a wrong sequence number": one(b"\x0e", seq=rng.randint(1, 255)),
        # the normal client's or the admin's connection, killed by another account: 1095
        "COM_PROCESS_KILL of another's connection": privileged(b"\x0c" + struct.pack("<I", victim)),
        "KILL of another's connection": privileged(b"\x03" + f"KILL {victim}".encode()),
        "COM_SHUTDOWN": privileged(b"\x08\x00"),
        "COM_REFRESH": privileged(b"\x07\x01"),
        "COM_DEBUG": one(b"\x0d"),
    }


AFTER_LOGIN_STEPS = list(after_login_steps(random.Random(0), {}))


def garbage_after_login(srv, rng, tally, deck, ids):
    tally.connected("garbage after login")
    conn = srv.connect("mallory", "mallory-pw")
    sock = conn._sock
    name = "login"
    try:
        for _ in range(rng.randint(2, 6)):
            name = deck.draw()
            if not after_login_steps(rng, ids)[name](sock, tally, name):
                return
        _send(sock, b"\x01")  # COM_QUIT
    except Stuck as error:
        tally.problem(f"{name}: {error}")
    except OSError:
        pass  # the server hung up while a packet was on its way
    finally:
        sock.close()
        conn._force_close()


def attacker(attack, srv, rng, tally, until, pause, *extra):
    while time.monotonic() < until:
        try:
            attack(srv, rng, tally, *extra)
        except Exception as error:  # noqa: BLE001 -- a refused connection, a missing greeting
            tally.problem(f"{attack.__name__}: {error!r}")
        time.sleep(pause)


# --- The clients that must keep being served -------------------------------------------------

class Probe:
    """A well-behaved client's record: every operation's duration, and every error."""

    def __init__(self):
        self.durations = []  # (seconds, operation)
        self.errors = []

    def timed(self, what, operation):
        began = time.monotonic()
        try:
            return operation()
        finally:
            self.durations.append((time.monotonic() - began, what))

    def slowest(self):
        return max(self.durations, default=(0.0, "nothing"))


def _paced(began):
    time.sleep(max(0.0, PACE - (time.monotonic() - began)))


def normal_client(srv, stop, probe, ids, inserted):
    """INSERT a row and count them, every PACE seconds; a new login every 20 rows."""
    conn = None
    try:
        while not stop.is_set():
            began = time.monotonic()
            if conn is None or len(inserted) % 20 == 0:
                if conn is not None:
                    conn.close()
                conn = probe.timed("login", lambda: srv.connect(
                    "app", "app-pw", read_timeout=30, write_timeout=30))
                ids["app"] = conn.thread_id()
            with conn.cursor() as cur:
                n = len(inserted)
                probe.timed("INSERT", lambda: cur.execute("INSERT INTO abuse.t VALUES (%s)", (n,)))
                inserted.append(n)
                probe.timed("SELECT COUNT(*)", lambda: cur.execute("SELECT COUNT(*) FROM abuse.t"))
                count = cur.fetchone()[0]
                if count != len(inserted):
                    probe.errors.append(f"{count} rows after {len(inserted)} inserts")
            _paced(began)
    except Exception as error:  # noqa: BLE001 -- reported by the test
        probe.errors.append(repr(error))
    finally:
        if conn is not None:
            conn.close()


def admin(srv, stop, probe, ids, peak):
    """SHOW PROCESSLIST and SELECT 1 as root over the socket, every PACE seconds; a new login
    every 10 rounds."""
    conn = None
    rounds = 0
    try:
        while not stop.is_set():
            began = time.monotonic()
            if conn is None or rounds % 10 == 0:
                if conn is not None:
                    conn.close()
                conn = probe.timed("login", lambda: srv.root(read_timeout=30, write_timeout=30))
                ids["admin"] = conn.thread_id()
            rounds += 1
            with conn.cursor() as cur:
                probe.timed("SHOW PROCESSLIST", lambda: cur.execute("SHOW PROCESSLIST"))
                peak["processlist"] = max(peak["processlist"], len(cur.fetchall()))
                probe.timed("SELECT 1", lambda: cur.execute("SELECT 1"))
                if cur.fetchone() != (1,):
                    probe.errors.append("SELECT 1 did not return 1")
            _paced(began)
    except Exception as error:  # noqa: BLE001 -- reported by the test
        probe.errors.append(repr(error))
    finally:
        if conn is not None:
            conn.close()


def watch_rss(pid, stop, peak):
    while not stop.is_set():
        try:
            peak["rss"] = max(peak["rss"], vm_rss_kib(pid))
        except OSError:
            return  # the server is gone: the test says so
        time.sleep(0.05)


def threads_connected(srv):
    return int(dict(srv.sql("SHOW GLOBAL STATUS LIKE 'Threads_connected'"))["Threads_connected"])


def test_server_keeps_serving_under_attack(servers, monkeypatch):
    # An ASan build keeps up to 256 MiB of freed memory resident (its quarantine), which would
    # measure the allocator rather than the server: a small quarantine for this server.
    asan = os.environ.get("ASAN_OPTIONS", "")
    monkeypatch.setenv("ASAN_OPTIONS", f"{asan}:quarantine_size_mb=16" if asan
                       else "quarantine_size_mb=16")
    srv = servers.started(f"--connect-timeout={CONNECT_TIMEOUT}",
                          f"--max-connections={MAX_CONNECTIONS}",
                          f"--max-allowed-packet={MAX_ALLOWED_PACKET_MIB}M")
    srv.sql("CREATE DATABASE abuse",
            "CREATE TABLE abuse.t (id INT PRIMARY KEY)",
            f"CREATE USER 'app'@'%' {identified('app-pw')}",
            "GRANT SELECT, INSERT ON abuse.* TO 'app'@'%'",
            # the attacker's own account: it logs in, with no privilege beyond reading abuse
            f"CREATE USER 'mallory'@'%' {identified('mallory-pw')}",
            "GRANT SELECT ON abuse.* TO 'mallory'@'%'")
    pid = srv.proc.pid
    idle_rss = vm_rss_kib(pid)

    stop = threading.Event()
    ids = {}
    inserted = []
    peak = {"rss": idle_rss, "processlist": 0}
    client_probe, admin_probe = Probe(), Probe()
    served = [threading.Thread(target=normal_client,
                               args=(srv, stop, client_probe, ids, inserted)),
              threading.Thread(target=admin, args=(srv, stop, admin_probe, ids, peak)),
              threading.Thread(target=watch_rss, args=(pid, stop, peak))]
    for thread in served:
        thread.start()

    tally = Tally()
    until = time.monotonic() + ATTACK_SECONDS
    login_deck = Deck(LOGIN_CASES, SEED)
    oversized_deck = Deck(OVERSIZED, SEED)
    after_login_deck = Deck(AFTER_LOGIN_STEPS, SEED)
    plan = [  # (attack, pause between its connections, extra arguments)
        (malformed_login, 0.3, (login_deck,)), (malformed_login, 0.3, (login_deck,)),
        (oversized_login, 0.2, (oversized_deck,)), (oversized_login, 0.2, (oversized_deck,)),
        (slowloris, 0.1, ()), (slowloris, 0.1, ()),
        (garbage_after_login, 0.5, (after_login_deck, ids)),
        (garbage_after_login, 0.5, (after_login_deck, ids)),
    ]
    attackers = [threading.Thread(target=attacker,
                                  args=(attack, srv, random.Random(SEED + i), tally, until,
                                        pause, *extra), daemon=True)
                 for i, (attack, pause, extra) in enumerate(plan)]
    try:
        for thread in attackers:
            thread.start()
        for thread in attackers:
            # A connection started just before `until` ends within ANSWER_TIMEOUT.
            thread.join(timeout=max(0.0, until - time.monotonic()) + 2 * ANSWER_TIMEOUT)
        stuck = [t.name for t in attackers if t.is_alive()]
    finally:
        stop.set()
        for thread in served:
            thread.join(timeout=60)
    assert not stuck, f"attackers never finished: {stuck}\n" + srv.logs()
    assert not any(t.is_alive() for t in served), "a served client never finished"

    client_max, admin_max = client_probe.slowest(), admin_probe.slowest()
    print(f"\nattack: {sum(tally.connections.values())} connections {dict(tally.connections)}; "
          f"slowest: client {client_max[0] * 1000:.0f} ms ({client_max[1]}), "
          f"admin {admin_max[0] * 1000:.0f} ms ({admin_max[1]}); "
          f"client ops {len(client_probe.durations)} ({len(inserted)} rows), "
          f"admin ops {len(admin_probe.durations)}; "
          f"RSS idle {idle_rss // 1024} MiB, peak {peak['rss'] // 1024} MiB; "
          f"longest slowloris hold {tally.longest_hold:.2f} s; "
          f"peak processlist {peak['processlist']}")
    for (case, outcome), times in sorted(tally.outcomes.items()):
        print(f"  {case}: {outcome} x{times}")

    assert srv.running(), "the server died under attack\n" + srv.logs()
    # The normal client and the admin were served all along, without an error or a long wait
    # (and at least half the rounds the pace asks for were run).
    assert not client_probe.errors, client_probe.errors
    assert not admin_probe.errors, admin_probe.errors
    assert client_max[0] < OP_BOUND, f"normal client: {client_max}"
    assert admin_max[0] < OP_BOUND, f"admin: {admin_max}"
    assert len(inserted) >= ATTACK_SECONDS / PACE / 2, len(inserted)
    assert peak["rss"] < RSS_BOUND_MIB * 1024, f"peak RSS {peak['rss']} KiB"
    assert peak["rss"] - idle_rss < RSS_GROWTH_MIB * 1024, \
        f"RSS grew from {idle_rss} KiB to {peak['rss']} KiB"

    # Every row the normal client inserted is there.
    assert srv.sql("SELECT id FROM abuse.t ORDER BY id") == tuple((n,) for n in inserted)
    # No connection outlives its client: only the one counting is left.
    deadline = time.monotonic() + 5
    while (connected := threads_connected(srv)) != 1:
        assert time.monotonic() < deadline, \
            f"Threads_connected stays at {connected}: {srv.sql('SHOW PROCESSLIST')}"
        time.sleep(0.1)

    logs = srv.error_log.read_text(errors="replace") + srv.stderr_path.read_text(errors="replace")
    bad = [line for line in logs.splitlines()
           if any(mark in line for mark in ("Unexpected exception", "[ERROR]", "Assertion",
                                            "Sanitizer", "runtime error:", "unanswered"))]
    assert not bad, "\n".join(bad[:20])

    # The attack really happened, from many connections, and tried every case at least once.
    assert sum(tally.connections.values()) >= 60, tally.connections
    assert login_deck.dealt >= len(LOGIN_CASES), login_deck.dealt
    assert oversized_deck.dealt >= len(OVERSIZED), oversized_deck.dealt
    assert after_login_deck.dealt >= len(AFTER_LOGIN_STEPS), after_login_deck.dealt
    # Every attacker was answered as MySQL answers, or cut off, and never stalled.
    assert not tally.problems, "\n".join(tally.problems)


def process_cpu_seconds(pid):
    """User plus system CPU time of process pid so far, in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_out_of_file_descriptors_neither_spins_nor_floods_the_log(servers):
    # With every descriptor taken, pending connections stay queued: the accept loop pauses
    # instead of polling a listener it cannot accept from, the error log gets one line per ten
    # seconds, and the server serves again once descriptors are free.
    srv = servers.started()
    subprocess.run(["prlimit", f"--pid={srv.proc.pid}", "--nofile=48:"], check=True)
    held = []
    for _ in range(80):
        try:
            held.append(socket.create_connection(("127.0.0.1", srv.port), timeout=2))
        except OSError:
            break
    time.sleep(0.5)
    before = process_cpu_seconds(srv.proc.pid)
    time.sleep(3)
    spent = process_cpu_seconds(srv.proc.pid) - before
    assert spent < 1.0, f"{spent:.2f} s of CPU in 3 s while out of file descriptors"
    lines = [line for line in srv.error_log.read_text().splitlines() if "too many open files" in line]
    assert 1 <= len(lines) <= 2, lines
    for sock in held:
        sock.close()
    subprocess.run(["prlimit", f"--pid={srv.proc.pid}", "--nofile=4096:"], check=True)
    deadline = time.monotonic() + 10
    while True:
        try:
            assert srv.sql("SELECT 1") == ((1,),)
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
