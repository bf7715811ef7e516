"""API latency and load on a store of synthetic events.

1. Latency: p50/p95 of GET /timeline (a dyad, weekly) and a filtered GET /events page, each as a
   ratio to the same queries run directly on DuckDB in this process (goal: ≤ 1.5×).
2. Load: N concurrent clients for S seconds against the loopback server (a separate client
   process, so the load generator does not compete with the server for this process's GIL):
   requests/s, p50/p99 latency, errors (goal: zero).

    nice python benchmarks/api.py                      # 1,000,000 events, 50 clients, 30 s
    nice python benchmarks/api.py --events 10000 --seconds 3 --clients 5 --samples 30
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx

TIMELINE = {"source": "RUS", "target": "UKR", "freq": "week", "alerts": "false"}
EVENTS = {"actor": "RUS", "type": "ASSAULT", "since": "2023-01-01", "negated": "false", "limit": "50"}
# What the load clients ask for, in turn: the dashboard's usual calls.
LOAD_PATHS = [
    "/events?limit=50",
    "/events?actor=USA&limit=50&sort=-goldstein",
    "/timeline?source=RUS&target=UKR&freq=month&alerts=false",
    "/events?dyad=ISR:PSE&since=2022-01-01&limit=50",
    "/actors?limit=50",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def timed_pair(first: Callable[[], object], second: Callable[[], object], samples: int) -> tuple[list, list]:
    """Time two calls in alternation, so a change in machine load hits both series alike."""
    first(), second()  # warm-up: caches, first-request set-up
    a, b = [], []
    for _ in range(samples):
        for call, out in ((first, a), (second, b)):
            start = time.perf_counter()
            call()
            out.append((time.perf_counter() - start) * 1000)
    return a, b


def build_store(path: Path, events: int) -> float:
    from eventwire.store.database import Store
    from eventwire.store.synthetic import fill_synthetic_events

    start = time.perf_counter()
    with Store(path) as store:
        store.con.execute("SET enable_progress_bar = false")
        fill_synthetic_events(store, events)
    return time.perf_counter() - start


def latency(url: str, store, samples: int) -> dict:
    from eventwire.store import aggregates, queries

    def direct_timeline() -> None:
        sql, params = aggregates.timeline_sql("RUS", "UKR", "week", None, None)
        queries.cursor(store).execute(sql, params).fetchall()

    filters = queries.EventFilter(actor="RUS", plover_type="ASSAULT", negated=False, since=date(2023, 1, 1))

    def direct_events() -> None:
        queries.list_events(store, filters, "-date", 50, 0)
        queries.count_events(store, filters)

    out = {}
    with httpx.Client(base_url=url, timeout=60) as client:
        for name, params, direct in (("timeline", TIMELINE, direct_timeline), ("events", EVENTS, direct_events)):
            path = "/" + name

            def over_http(path: str = path, params: dict = params) -> None:
                r = client.get(path, params=params)
                r.raise_for_status()

            api_ms, duck_ms = timed_pair(over_http, direct, samples)
            out[name] = {
                "api_p50_ms": round(statistics.median(api_ms), 2),
                "api_p95_ms": round(percentile(api_ms, 95), 2),
                "duckdb_p50_ms": round(statistics.median(duck_ms), 2),
                "duckdb_p95_ms": round(percentile(duck_ms, 95), 2),
                "ratio_p50": round(statistics.median(api_ms) / statistics.median(duck_ms), 2),
                "ratio_p95": round(percentile(api_ms, 95) / percentile(duck_ms, 95), 2),
            }
    return out


async def _load(url: str, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def worker(n: int) -> None:
            while time.perf_counter() < deadline:
                path = LOAD_PATHS[n % len(LOAD_PATHS)]
                n += 1
                start = time.perf_counter()
                try:
                    r = await client.get(path)
                    if r.status_code != 200:
                        errors.append(f"{path}: {r.status_code}")
                except httpx.HTTPError as exc:
                    errors.append(f"{path}: {exc!r}")
                latencies.append((time.perf_counter() - start) * 1000)

        began = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - began
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 99), 1) if latencies else None,
        "errors": len(errors),
        "first_errors": errors[:5],
    }


def load(url: str, clients: int, seconds: float) -> dict:
    """Run the load clients in a child process and return its figures."""
    run = subprocess.run(
        [sys.executable, __file__, "--load-only", url, "--clients", str(clients), "--seconds", str(seconds)],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    if run.returncode != 0:
        raise RuntimeError(f"load clients failed: {run.stderr[-2000:]}")
    return json.loads(run.stdout)


def run_benchmark(events: int, clients: int, seconds: float, samples: int, folder: Path | None = None) -> dict:
    from eventwire.api.server import serve_in_background
    from eventwire.api.settings import ServerSettings
    from eventwire.store.database import Store

    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        db = Path(tmp) / "bench.duckdb"
        build_seconds = build_store(db, events)
        store = Store(db)
        try:
            store.con.execute("SET enable_progress_bar = false")
            with serve_in_background(ServerSettings(db=db, annotate=False), store) as url:
                figures = {"events": events, "build_seconds": round(build_seconds, 1)}
                figures["latency"] = latency(url, store, samples)
                figures["load"] = load(url, clients, seconds)
        finally:
            store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--samples", type=int, default=200, help="requests per latency measurement")
    parser.add_argument("--load-only", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_only:
        print(json.dumps(asyncio.run(_load(args.load_only, args.clients, args.seconds))))
        return
    figures = run_benchmark(args.events, args.clients, args.seconds, args.samples)
    print(json.dumps(figures, indent=2))
    for name, f in figures["latency"].items():
        print(
            f"/{name}: API p50 {f['api_p50_ms']} ms, p95 {f['api_p95_ms']} ms; DuckDB p50 {f['duckdb_p50_ms']} ms, "
            f"p95 {f['duckdb_p95_ms']} ms; ratio p50 {f['ratio_p50']}x, p95 {f['ratio_p95']}x"
        )
    ld = figures["load"]
    print(
        f"load: {ld['clients']} clients, {ld['seconds']} s: {ld['requests_per_s']} req/s, "
        f"p50 {ld['p50_ms']} ms, p99 {ld['p99_ms']} ms, errors {ld['errors']}"
    )


if __name__ == "__main__":
    main()
