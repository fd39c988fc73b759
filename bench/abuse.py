#!/usr/bin/env python3
"""Hostile clients against `cartero serve` on loopback, bounded in time.

  abuse.py CARTERO WORKDIR [SECONDS]

1. 1,000 idle sockets (from 127.0.0.2) and 400 slowloris connections (from
   127.0.0.3, one header line every 2 s, never finished), each reopened as
   soon as the server closes it, while a probe from 127.0.0.1 asks
   GET /api/me twice a second: share answered and latency.
2. /api/me at 20 requests/s alone, then during a 32-way flood of wrong
   passwords for random users (each from its own loopback address, so the
   per-address throttle does not stop the hashing): p50/p99.
3. 128 wrong passwords for one user at once: how many were checked (401)
   and how many throttled (429).
"""
import asyncio, multiprocessing, os, random, statistics, subprocess, sys, time

CARTERO, WORK = sys.argv[1], sys.argv[2]
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 30
PORT = random.randint(20000, 40000)


def pct(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


async def request(raw, source="127.0.0.1", timeout=5.0):
    """Status and body of one request on a new connection, or None."""
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", PORT, local_addr=(source, 0)), timeout)
        w.write(raw)
        await w.drain()
        data = await asyncio.wait_for(r.read(), timeout)
        w.close()
        head = data.split(b"\r\n", 1)[0].split()
        return int(head[1]) if len(head) > 1 else None, data
    except (OSError, asyncio.TimeoutError, ValueError):
        return None, b""


def get(path, cookie=""):
    return (f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n").encode()


def login_body(user, password):
    body = f'{{"username":"{user}","password":"{password}"}}'.encode()
    return (f"POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


async def hostile(source, slow, until, opened):
    """One attacker connection, reopened whenever it is closed."""
    while time.monotonic() < until:
        try:
            r, w = await asyncio.open_connection("127.0.0.1", PORT, local_addr=(source, 0))
            opened[0] += 1
            if slow:
                w.write(b"GET / HTTP/1.1\r\nHost: x\r\n")
            while time.monotonic() < until:
                if slow:
                    w.write(b"X-a: b\r\n")
                    await w.drain()
                try:
                    if await asyncio.wait_for(r.read(1), 2.0) == b"":
                        break  # closed by the server
                except asyncio.TimeoutError:
                    pass
            w.close()
        except OSError:
            pass
        await asyncio.sleep(0.05)


def attackers_process(port, seconds, queue):
    global PORT
    PORT = port

    async def run():
        until = time.monotonic() + seconds
        opened = [0]
        tasks = [hostile("127.0.0.2", False, until, opened) for _ in range(1000)]
        tasks += [hostile("127.0.0.3", True, until, opened) for _ in range(400)]
        await asyncio.gather(*tasks)
        queue.put(opened[0])

    asyncio.run(run())


def flood_process(port, seconds, queue):
    global PORT
    PORT = port
    counts = {}
    asyncio.run(flood(time.monotonic() + seconds, counts))
    queue.put(counts)


async def probe(rate, until, cookie, source="127.0.0.1"):
    latencies, answered, sent = [], 0, 0
    tasks = []

    async def one():
        nonlocal answered
        t = time.monotonic()
        status, _ = await request(get("/api/me", cookie), source)
        if status == 200:
            answered += 1
            latencies.append((time.monotonic() - t) * 1000)

    while time.monotonic() < until:
        tasks.append(asyncio.ensure_future(one()))
        sent += 1
        await asyncio.sleep(1 / rate)
    await asyncio.gather(*tasks)
    return sent, answered, latencies


async def flood(until, counts):
    n = 0
    async def worker(i):
        nonlocal n
        while time.monotonic() < until:
            n += 1
            source = f"127.1.{(n // 250) % 250}.{n % 250 + 1}"
            status, _ = await request(login_body(f"nadie{random.randint(0, 10**6)}", "mala-clave"), source, timeout=30)
            counts[status] = counts.get(status, 0) + 1
    await asyncio.gather(*(worker(i) for i in range(32)))


async def main():
    db = os.path.join(WORK, "abuse.db")
    for f in (db, db + "-wal", db + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    subprocess.run([CARTERO, "--db", db, "user", "add", "ana", "--role", "analyst"], input=b"clave-analista\n", check=True,
                   stdout=subprocess.DEVNULL)
    server = subprocess.Popen([CARTERO, "--db", db, "serve", "--port", str(PORT)], stdout=subprocess.PIPE,
                              stderr=open(os.path.join(WORK, "serve.log"), "w"))
    try:
        server.stdout.readline()  # listening
        status, data = await request(login_body("ana", "clave-analista"))
        cookie = data.split(b"Set-Cookie: ", 1)[1].split(b";", 1)[0].decode()
        print(f"machine: {os.cpu_count()} cores; server: cartero serve (128 threads, 32 connections per address, 5 s header deadline)")

        # The attackers run in a process of their own, so that the probe's
        # latency is the server's, not this event loop's.
        queue = multiprocessing.Queue()
        attack = multiprocessing.Process(target=attackers_process, args=(PORT, SECONDS + 2, queue))
        attack.start()
        await asyncio.sleep(2)  # let them settle in
        sent, answered, lat = await probe(2, time.monotonic() + SECONDS, cookie)
        opened = [queue.get(timeout=60)]
        attack.join(timeout=60)
        print(f"1. 1,000 idle + 400 slowloris for {SECONDS:.0f} s ({opened[0]} attacker connections opened): probe "
              f"{answered}/{sent} answered ({100 * answered / max(sent, 1):.1f} %), p50 {pct(lat, 50):.1f} ms, p99 {pct(lat, 99):.1f} ms, "
              f"max {max(lat) if lat else float('nan'):.1f} ms")

        quiet = min(SECONDS, 20)
        sent, answered, base = await probe(20, time.monotonic() + quiet / 2, cookie)
        queue = multiprocessing.Queue()
        flooding = multiprocessing.Process(target=flood_process, args=(PORT, quiet, queue))
        flooding.start()
        await asyncio.sleep(1)
        sent2, answered2, during = await probe(20, time.monotonic() + quiet - 1.5, cookie)
        counts = queue.get(timeout=120)
        flooding.join(timeout=60)
        print(f"2. /api/me alone: p50 {pct(base, 50):.1f} ms, p99 {pct(base, 99):.1f} ms ({answered}/{sent}); during a 32-way login "
              f"flood ({sum(counts.values())} logins: {counts}): p50 {pct(during, 50):.1f} ms, p99 {pct(during, 99):.1f} ms "
              f"({answered2}/{sent2})")

        results = await asyncio.gather(*(request(login_body("ana", f"adivina{i}"), "127.0.0.9", timeout=60) for i in range(128)))
        statuses = [s for s, _ in results]
        print(f"3. 128 parallel wrong passwords for one user: {statuses.count(401)} checked (401), {statuses.count(429)} throttled (429), "
              f"{128 - statuses.count(401) - statuses.count(429)} other")
    finally:
        server.terminate()
        server.wait(timeout=30)


asyncio.run(main())
