#!/usr/bin/python3
# Capture tool for the golden packets in this folder (protocol/ tests): listens on 127.0.0.1,
# sends a HandshakeV10 with a fixed scramble, and prints the client's packets as hex.
# Usage: capture_client_packets.py PORT PLUGIN [ssl] [packets=N]  (then run a client)
import socket
import struct
import sys

SCRAMBLE = b"abcdefghijklmnopqrst"
CAPS = (1 | 2 | 4 | 8 | 16 | 256 | 512 | 1024 | 8192 | 32768 | (1 << 16) | (1 << 17)
        | (1 << 18) | (1 << 19) | (1 << 20) | (1 << 21) | (1 << 24))


def frame(payload, seq):
    return struct.pack("<I", len(payload))[:3] + bytes([seq]) + payload


def greeting(plugin, caps):
    body = b"\x0a" + b"8.4.3-porpoise\0" + struct.pack("<I", 7) + SCRAMBLE[:8] + b"\0"
    body += struct.pack("<H", caps & 0xFFFF) + b"\xff" + struct.pack("<H", 2)
    body += struct.pack("<H", caps >> 16) + bytes([21]) + b"\0" * 10
    body += SCRAMBLE[8:] + b"\0" + plugin.encode() + b"\0"
    return frame(body, 0)


def read_packet(conn):
    header = b""
    while len(header) < 4:
        chunk = conn.recv(4 - len(header))
        if not chunk:
            return None, None
        header += chunk
    length = header[0] | header[1] << 8 | header[2] << 16
    body = b""
    while len(body) < length:
        chunk = conn.recv(length - len(body))
        if not chunk:
            return None, None
        body += chunk
    return header[3], body


def main():
    port, plugin = int(sys.argv[1]), sys.argv[2]
    caps = CAPS | (2048 if "ssl" in sys.argv[3:] else 0)
    packets = 1
    for arg in sys.argv[3:]:
        if arg.startswith("packets="):
            packets = int(arg.split("=")[1])
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(1)
    conn, _ = listener.accept()
    conn.sendall(greeting(plugin, caps))
    for index in range(packets):
        seq, body = read_packet(conn)
        if body is None:
            break
        print(body.hex(), flush=True)
        ok = b"\x00\x00\x00" + struct.pack("<HH", 2, 0)
        conn.sendall(frame(ok, seq + 1))
    conn.close()


main()
