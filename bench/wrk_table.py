"""The table of `./dev bench web`: one row per endpoint from wrk's --latency
output (p50, p99, requests/s, non-2xx responses and socket errors), and the
login run apart. Usage: wrk_table.py INDEX LOGIN_OUTPUT, INDEX holding lines
"label|wrk output file|status size" (the size of one response as curl got it)."""
import re
import sys

TARGET_P99_MS = 200.0


def ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse(path):
    out = open(path, encoding="utf-8", errors="replace").read()
    p = {m.group(1): ms(m.group(2)) for m in re.finditer(r"^\s+(50|99)(?:\.000)?%\s+(\S+)", out, re.M)}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "p50": p.get("50"), "p99": p.get("99"),
        "rps": float(rps.group(1)) if rps else 0.0,
        "requests": int(total.group(1)) if total else 0,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket": [int(x) for x in sock.groups()] if sock else [0, 0, 0, 0],
    }


def fmt(v):
    # wrk leaves out of its percentiles what timed out (2 s): nothing left is 0.
    return "— (timed out)" if not v else (f"{v:.2f} ms" if v < 10 else f"{v:.0f} ms")


def main():
    index, login = sys.argv[1], sys.argv[2]
    print()
    print("| GET (64 connections, 15 s) | response | p50 | p99 | requests/s | non-2xx | socket errors (connect/read/write/timeout) | target p99 < 200 ms, 0 errors |")
    print("|---|---|---|---|---|---|---|---|")
    passed = 0
    rows = [line.rstrip("\n").split("|") for line in open(index, encoding="utf-8") if line.strip()]
    for label, path, first in rows:
        r = parse(path)
        status, size = first.split()
        errors = r["non2xx"] + sum(r["socket"])
        ok = r["p99"] is not None and r["p99"] < TARGET_P99_MS and errors == 0 and r["requests"] > 0 and status.startswith("2")
        passed += ok
        print(f"| {label} | {status}, {int(size):,} B | {fmt(r['p50'])} | {fmt(r['p99'])} | {r['rps']:,.0f} | {r['non2xx']} | "
              f"{'/'.join(map(str, r['socket']))} | {'yes' if ok else 'NO'} |")
    print(f"\n{passed} of {len(rows)} endpoints meet the target.")
    r = parse(login)
    print(f"\nPOST /api/login (PBKDF2-HMAC-SHA256, 200,000 rounds, on purpose; 2 connections, 10 s, not a page's read call): "
          f"p50 {fmt(r['p50'])}, p99 {fmt(r['p99'])}, {r['rps']:.1f} logins/s, {r['non2xx']} non-2xx, socket errors {'/'.join(map(str, r['socket']))}.")


main()
