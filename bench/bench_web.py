"""Load test of the web app on loopback (issue 15): N concurrent clients uploading and reading
for T seconds against `minutes serve` on a fresh SQLite register; no errors, nothing lost.

    python bench/bench_web.py [--clients 20] [--seconds 60]

Each client loops: POST /api/minutes (seed 003 with its meeting date changed, so each upload is
a meeting of its own), GET /api/resolutions?meeting=KEY, GET /api/meetings, GET / (dashboard).
At the end the register must hold every meeting that was answered «added», each with its 7
resolutions. Prints requests per second and latency percentiles per endpoint.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("003_*.txt"))
DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def variants():
    """Seed 003 with another meeting date each time: (year, month, day) all distinct."""
    text = SEED.read_text(encoding="utf-8")
    for y in range(90, 100):
        for mo in range(1, 13):
            for d in range(1, 30):
                yield text.replace("۹۹/۱۱/۲۱", f"{y}/{mo:02d}/{d:02d}".translate(DIGITS), 1)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-web-")
    db = os.path.join(tmp, "register.sqlite")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", "import sys; from minutes.cli import main; sys.exit(main(sys.argv[1:]))", "serve", "--db", db, "--port", str(port)],
                              cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/openapi.json", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    docs = variants()
    lock = threading.Lock()
    times: dict[str, list[float]] = {}
    errors: list[str] = []
    added: set[str] = set()
    stop = time.monotonic() + a.seconds

    def timed(client, name, method, url, **kw):
        t = time.perf_counter()
        r = client.request(method, url, **kw)
        dt = time.perf_counter() - t
        with lock:
            times.setdefault(name, []).append(dt)
            if r.status_code >= 400:
                errors.append(f"{name}: {r.status_code} {r.text[:200]}")
        return r

    def client_loop():
        with httpx.Client(base_url=base, timeout=120) as c:
            while time.monotonic() < stop:
                with lock:
                    text = next(docs)
                r = timed(c, "POST /api/minutes", "POST", "/api/minutes",
                          files={"file": ("003.txt", text.encode("utf-8"), "text/plain")})
                if r.status_code == 201:
                    key = r.json()["register"]["key"]
                    with lock:
                        added.add(key)
                    timed(c, "GET /api/resolutions?meeting", "GET", "/api/resolutions",
                          params={"meeting": key})
                timed(c, "GET /api/meetings", "GET", "/api/meetings")
                timed(c, "GET /", "GET", "/")

    start = time.monotonic()
    threads = [threading.Thread(target=client_loop) for _ in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    meetings = httpx.get(base + "/api/meetings", timeout=60).json()
    server.terminate()
    server.wait(30)
    total = sum(len(v) for v in times.values())
    print(f"{a.clients} clients, {wall:.1f} s: {total} requests, {total / wall:.1f} requests/s, "
          f"{len(errors)} errors")
    every = sorted(x for v in times.values() for x in v)
    print(f"  all: p50 {statistics.median(every) * 1000:.0f} ms, "
          f"p95 {every[int(len(every) * 0.95)] * 1000:.0f} ms")
    for name, v in sorted(times.items()):
        v = sorted(v)
        print(f"  {name}: {len(v)}, p50 {statistics.median(v) * 1000:.0f} ms, "
              f"p95 {v[int(len(v) * 0.95)] * 1000:.0f} ms")
    by_key = {m["key"]: m["resolutions"] for m in meetings}
    lost = sorted(k for k in added if by_key.get(k) != 7)
    print(f"  meetings added: {len(added)}, in the register: {len(by_key)}, lost or short: {len(lost)}")
    for e in errors[:5]:
        print("  error:", e)
    return 1 if errors or lost or len(by_key) != len(added) else 0


if __name__ == "__main__":
    sys.exit(main())
