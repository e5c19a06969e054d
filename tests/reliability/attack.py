#!/usr/bin/env python3
"""Probes a running spro-serve as an attacker would and times /healthz and a
plain query beside each attack (docs/reliability.md).

    tests/reliability/attack.py PORT [SECONDS_PER_ATTACK]

Attacks: none (the baseline), 8 connections sending one byte a second,
500 idle connections, 8 clients looping on a hostile query (200 two-letter
wildcards joined by OR, 1,000 bytes). Prints one line per attack: median and
worst time of /healthz and of the plain query, and failed requests."""
import socket
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request

PORT = int(sys.argv[1])
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 8
BASE = f"http://127.0.0.1:{PORT}"
PLAIN = "/api/search?" + urllib.parse.urlencode({"q": "cuisine", "facets": "1"})
letters = "abcdefghijklmnopqrstuvwxyz"
HOSTILE_Q = " OR ".join(letters[i % 26] + letters[(i * 7) % 26] + "*" for i in range(200))[:1000]
HOSTILE = "/api/search?" + urllib.parse.urlencode({"q": HOSTILE_Q})


def timed_get(path, timeout=60):
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(BASE + path, timeout=timeout) as r:
            r.read()
            ok = r.status == 200
    except Exception:
        ok = False
    return time.monotonic() - t0, ok


def connect():
    s = socket.socket()
    s.settimeout(5)
    try:
        s.connect(("127.0.0.1", PORT))
        return s
    except OSError:
        s.close()
        return None


def slow_clients(stop):
    request = b"GET /api/search?q=cuisine HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 10000
    conns = [[connect(), 0] for _ in range(8)]
    while not stop.is_set():
        for c in conns:
            try:
                c[0].send(request[c[1] % len(request):][:1])
                c[1] += 1
            except Exception:
                if c[0]:
                    c[0].close()
                c[0], c[1] = connect(), 0
        stop.wait(1.0)
    for c in conns:
        if c[0]:
            c[0].close()


def idle_clients(stop):
    conns = [connect() for _ in range(500)]
    stop.wait()
    for c in conns:
        if c:
            c.close()


def hostile_queries(stop):
    def loop():
        while not stop.is_set():
            timed_get(HOSTILE, timeout=120)
    threads = [threading.Thread(target=loop) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def measure(name, attack):
    stop = threading.Event()
    attacker = threading.Thread(target=attack, args=(stop,)) if attack else None
    if attacker:
        attacker.start()
        time.sleep(1)
    health, plain, failed = [], [], 0
    end = time.monotonic() + SECONDS
    while time.monotonic() < end:
        for path, into in ((("/healthz"), health), (PLAIN, plain)):
            t, ok = timed_get(path)
            into.append(t)
            failed += not ok
        time.sleep(0.2)
    stop.set()
    if attacker:
        attacker.join()
    ms = lambda xs, f: f"{1000 * f(xs):8.1f}"
    print(f"{name:28s} healthz median {ms(health, statistics.median)} ms worst {ms(health, max)} ms | "
          f"plain query median {ms(plain, statistics.median)} ms worst {ms(plain, max)} ms | failed {failed}",
          flush=True)


t, ok = timed_get(HOSTILE, timeout=300)
print(f"one hostile query alone ({len(HOSTILE_Q)} bytes): {1000 * t:.0f} ms, {'ok' if ok else 'failed'}", flush=True)
measure("no attack", None)
measure("8 slow clients (1 byte/s)", slow_clients)
measure("500 idle connections", idle_clients)
measure("8 hostile query loops", hostile_queries)
