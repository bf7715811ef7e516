"""API latency and load on a store of synthetic events.

1. Latency: p50/p95 of GET /timeline (a dyad, weekly) and a filtered GET /events page, each as a
   ratio to the same queries run directly on DuckDB in this process (goal: ≤ 1.5×).
2. Load: N concurrent clients for S seconds against the loopback server (a separate client
   process, so the load generator does not compete with the server for this process's GIL):
   requests/s, p50/p99 latency, errors (goal: zero).
3. With ``--ingest-during N``: while the load runs, N generated articles are posted one per request
   to POST /ingest (bearer token) from a separate thread; afterwards every job must finish and every
   distinct document must be stored exactly once: the generator's syndicated copies are recognised
   as duplicates, nothing else is dropped (goal: zero 5xx, zero lost documents).

    nice python benchmarks/api.py                      # 1,000,000 events, 50 clients, 30 s
    nice python benchmarks/api.py --events 10000 --seconds 3 --clients 5 --samples 30
    nice python benchmarks/api.py --events 10000 --ingest-during 100
4. With ``--hammer N``: N clients (a child process) send GET /alerts?level=actor as fast as they
   are answered, while another child times GET / and GET /events?limit=1 one after the other and
   this process samples the server's memory (goal: p95 under 1 s, memory under 2 GB; the heavy
   requests over the server's cap are answered 503 with Retry-After).

    nice python benchmarks/api.py --events 200000 --clients 5 --seconds 5 --samples 20 --hammer 200 --hammer-seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx

# Run as `python benchmarks/api.py` only benchmarks/ is on the path: add the repository root,
# where `benchmarks.synthetic` lives.
if str(Path(__file__).resolve().parents[1]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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
# Clients drop idle connections before uvicorn's 5 s keep-alive timeout closes them, so a request
# never goes out on a connection the server is closing at that moment (a read error, not a 5xx).
CLIENT_KEEPALIVE_SECONDS = 2.0
# The bearer token of the benchmark server when it accepts ingests.
INGEST_TOKEN = "benchmark-ingest-token"
# Share of the load window the ingest posts are spread over, so the last jobs still run under load.
INGEST_SPREAD = 0.8
# Longest wait for the queued ingest jobs once the load has stopped.
INGEST_DRAIN_SECONDS = 300.0


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
    from benchmarks.synthetic.events import fill_synthetic_events
    from eventwire.store.database import Store

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
    server_errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(
        max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=CLIENT_KEEPALIVE_SECONDS
    )
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def worker(n: int) -> None:
            nonlocal server_errors
            while time.perf_counter() < deadline:
                path = LOAD_PATHS[n % len(LOAD_PATHS)]
                n += 1
                start = time.perf_counter()
                try:
                    r = await client.get(path)
                    if r.status_code >= 500:
                        server_errors += 1
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
        "server_errors": server_errors,
        "first_errors": errors[:5],
    }


HAMMER_PATH = "/alerts?level=actor"
PROBE_PATHS = ["/", "/events?limit=1"]


async def _hammer(url: str, clients: int, seconds: float) -> dict:
    """``clients`` loops of GET HAMMER_PATH, ignoring Retry-After as an attacker would: status counts."""
    statuses: dict[str, int] = {}
    retry_after: set[str] = set()
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:

        async def worker() -> None:
            while time.perf_counter() < deadline:
                try:
                    r = await client.get(HAMMER_PATH)
                    key = str(r.status_code)
                    if r.status_code == 503:
                        retry_after.add(r.headers.get("retry-after", "missing"))
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                statuses[key] = statuses.get(key, 0) + 1

        await asyncio.gather(*(worker() for _ in range(clients)))
    return {"clients": clients, "statuses": statuses, "retry_after": sorted(retry_after)}


def _probe(url: str, seconds: float) -> dict:
    """GET each of PROBE_PATHS in turn for ``seconds``: latency percentiles per path, and failures."""
    times: dict[str, list[float]] = {p: [] for p in PROBE_PATHS}
    failures: list[str] = []
    deadline = time.perf_counter() + seconds
    with httpx.Client(base_url=url, timeout=60) as client:
        while time.perf_counter() < deadline:
            for path in PROBE_PATHS:
                start = time.perf_counter()
                try:
                    r = client.get(path)
                    if r.status_code != 200:
                        failures.append(f"{path}: {r.status_code}")
                except httpx.HTTPError as exc:
                    failures.append(f"{path}: {exc!r}")
                times[path].append((time.perf_counter() - start) * 1000)
                time.sleep(0.05)
    return {
        path: {
            "requests": len(ms),
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(percentile(ms, 95), 1),
            "max_ms": round(max(ms), 1),
        }
        for path, ms in times.items()
        if ms
    } | {"failures": failures[:5], "failed": len(failures)}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def hammer(url: str, clients: int, seconds: float) -> dict:
    """The heavy-read attack: hammer clients and the probe in two child processes; the server's
    peak memory (this process serves) sampled meanwhile."""
    script = [sys.executable, __file__]
    hammering = subprocess.Popen(
        [*script, "--hammer-only", url, "--hammer", str(clients), "--hammer-seconds", str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(min(2.0, seconds / 4))  # the probe starts once the hammer has filled the server
    probing = subprocess.Popen(
        [*script, "--probe-only", url, "--hammer-seconds", str(max(1.0, seconds - 2 * min(2.0, seconds / 4)))],
        stdout=subprocess.PIPE,
        text=True,
    )
    peak = _rss_mb()
    while probing.poll() is None or hammering.poll() is None:
        peak = max(peak, _rss_mb())
        time.sleep(0.1)
    probe_out, _ = probing.communicate()
    hammer_out, _ = hammering.communicate()
    if probing.returncode or hammering.returncode:
        raise RuntimeError("hammer or probe clients failed")
    return {"hammer": json.loads(hammer_out), "probe": json.loads(probe_out), "server_peak_rss_mb": round(peak)}


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


class IngestPoster:
    """Posts generated articles to POST /ingest one per request, spread over ``seconds``, on its own thread."""

    def __init__(self, url: str, documents: int, seconds: float):
        self.url, self.documents, self.seconds = url, documents, seconds
        self.job_ids: list[str] = []
        self.distinct: list = []  # fingerprints of the accepted documents that repeat no earlier one
        self.statuses: list[int] = []
        self.errors: list[str] = []
        self._thread = threading.Thread(target=self._run, name="ingest-poster", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self) -> None:
        self._thread.join()

    def _post(self, client: httpx.Client, title: str, text: str) -> None:
        """One document, retried after Retry-After on 429 so the rate limit delays it but never drops it."""
        while True:
            try:
                r = client.post("/ingest", data={"text": text, "title": title})
            except httpx.HTTPError as exc:
                self.errors.append(f"POST /ingest: {exc!r}")
                return
            self.statuses.append(r.status_code)
            if r.status_code == 429:
                time.sleep(float(r.headers.get("retry-after", "1")))
                continue
            if r.status_code != 202:
                self.errors.append(f"POST /ingest: {r.status_code} {r.text[:200]}")
                return
            self.job_ids.append(r.json()["id"])
            self._count_distinct(text)
            return

    def _count_distinct(self, text: str) -> None:
        """Judge repeats as the pipeline does (same normalised text, or near-duplicate shingles), in posting order."""
        from eventwire.dedup import NEAR_DUPLICATE_JACCARD, fingerprint, jaccard

        fp = fingerprint(text)

        def repeats(seen) -> bool:
            if seen.text_hash == fp.text_hash:
                return True
            near = fp.signature is not None and seen.signature is not None
            return near and jaccard(fp.signature, seen.signature) >= NEAR_DUPLICATE_JACCARD

        if not any(repeats(seen) for seen in self.distinct):
            self.distinct.append(fp)

    def _run(self) -> None:
        from benchmarks.synthetic.articles import generate_articles

        interval = self.seconds * INGEST_SPREAD / max(1, self.documents)
        headers = {"Authorization": f"Bearer {INGEST_TOKEN}"}
        began = time.perf_counter()
        with httpx.Client(base_url=self.url, timeout=60, headers=headers) as client:
            for i, article in enumerate(generate_articles(self.documents)):
                time.sleep(max(0.0, began + i * interval - time.perf_counter()))
                self._post(client, article.title, article.text)

    def wait_for_jobs(self, timeout: float = INGEST_DRAIN_SECONDS) -> list[dict]:
        """Poll GET /ingest/{id} until every job has finished (done or failed) or ``timeout`` passes."""
        deadline = time.perf_counter() + timeout
        finished: dict[str, dict] = {}
        with httpx.Client(base_url=self.url, timeout=60) as client:
            while len(finished) < len(self.job_ids) and time.perf_counter() < deadline:
                for job_id in self.job_ids:
                    if job_id in finished:
                        continue
                    r = client.get(f"/ingest/{job_id}")
                    self.statuses.append(r.status_code)
                    if r.status_code == 200 and r.json()["status"] in ("done", "failed"):
                        finished[job_id] = r.json()
                if len(finished) < len(self.job_ids):
                    time.sleep(0.2)
        return list(finished.values())


def ingest_figures(poster: IngestPoster, jobs: list[dict], articles_before: int, articles_after: int) -> dict:
    """Every distinct document submitted must be stored exactly once, and each repeat linked as a duplicate."""
    results = [job["result"] for job in jobs if job["result"]]
    stored_ids = [aid for result in results for aid in result["article_ids"]]
    distinct = len(poster.distinct)
    stored = articles_after - articles_before
    return {
        "documents_submitted": len(poster.job_ids),
        "distinct_documents": distinct,
        "jobs_finished": len(jobs),
        "jobs_failed": sum(job["status"] == "failed" for job in jobs),
        "documents_stored": stored,
        "distinct_article_ids": len(set(stored_ids)),
        "duplicates": sum(result["duplicates"] for result in results),
        "lost_documents": distinct - stored,
        "rate_limited": poster.statuses.count(429),
        "server_errors": sum(status >= 500 for status in poster.statuses),
        "errors": len(poster.errors),
        "first_errors": poster.errors[:5],
    }


def count_articles(store) -> int:
    from eventwire.store import queries

    return queries.cursor(store).execute("SELECT count(*) FROM articles").fetchone()[0]


def server_settings(db: Path, ingest_during: int, seconds: float, annotate: bool):
    from eventwire.api.settings import ServerSettings

    if not ingest_during:
        return ServerSettings(db=db, annotate=False)
    # The limiter guards a shared server; here one client posts every document, so it may post them all.
    return ServerSettings(
        db=db,
        token=INGEST_TOKEN,
        annotate=annotate,
        ingest_burst=ingest_during,
        ingest_per_minute=max(60.0, 60.0 * ingest_during / max(1.0, seconds * INGEST_SPREAD)),
    )


def run_benchmark(
    events: int,
    clients: int,
    seconds: float,
    samples: int,
    folder: Path | None = None,
    ingest_during: int = 0,
    ingest_annotate: bool = False,
    hammer_clients: int = 0,
    hammer_seconds: float = 10.0,
) -> dict:
    """Latency and load figures; with ``ingest_during`` > 0 that many documents are ingested during the load."""
    from eventwire.api.server import serve_in_background
    from eventwire.store.database import Store

    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        db = Path(tmp) / "bench.duckdb"
        settings = server_settings(db, ingest_during, seconds, ingest_annotate)
        build_seconds = build_store(db, events)
        store = Store(db)
        try:
            store.con.execute("SET enable_progress_bar = false")
            with serve_in_background(settings, store) as url:
                figures = {"events": events, "build_seconds": round(build_seconds, 1)}
                figures["latency"] = latency(url, store, samples)
                poster = IngestPoster(url, ingest_during, seconds) if ingest_during else None
                before = count_articles(store)
                if poster:
                    poster.start()
                figures["load"] = load(url, clients, seconds)
                if poster:
                    poster.join()
                    jobs = poster.wait_for_jobs()
                    figures["ingest"] = ingest_figures(poster, jobs, before, count_articles(store))
                if hammer_clients:
                    figures["heavy_reads"] = hammer(url, hammer_clients, hammer_seconds)
        finally:
            store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--samples", type=int, default=200, help="requests per latency measurement")
    parser.add_argument("--ingest-during", type=int, default=0, metavar="N", help="ingest N documents during the load")
    parser.add_argument("--ingest-annotate", action="store_true", help="annotate the ingested documents (slower)")
    parser.add_argument("--hammer", type=int, default=0, metavar="N", help="N clients hammer /alerts?level=actor")
    parser.add_argument("--hammer-seconds", type=float, default=30.0)
    parser.add_argument("--load-only", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--hammer-only", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--probe-only", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_only:
        print(json.dumps(asyncio.run(_load(args.load_only, args.clients, args.seconds))))
        return
    if args.hammer_only:
        print(json.dumps(asyncio.run(_hammer(args.hammer_only, args.hammer, args.hammer_seconds))))
        return
    if args.probe_only:
        print(json.dumps(_probe(args.probe_only, args.hammer_seconds)))
        return
    figures = run_benchmark(
        args.events,
        args.clients,
        args.seconds,
        args.samples,
        None,
        args.ingest_during,
        args.ingest_annotate,
        args.hammer,
        args.hammer_seconds,
    )
    print(json.dumps(figures, indent=2))
    for name, f in figures["latency"].items():
        print(
            f"/{name}: API p50 {f['api_p50_ms']} ms, p95 {f['api_p95_ms']} ms; DuckDB p50 {f['duckdb_p50_ms']} ms, "
            f"p95 {f['duckdb_p95_ms']} ms; ratio p50 {f['ratio_p50']}x, p95 {f['ratio_p95']}x"
        )
    ld = figures["load"]
    print(
        f"load: {ld['clients']} clients, {ld['seconds']} s: {ld['requests_per_s']} req/s, "
        f"p50 {ld['p50_ms']} ms, p99 {ld['p99_ms']} ms, errors {ld['errors']}, 5xx {ld['server_errors']}"
    )
    if "heavy_reads" in figures:
        hv = figures["heavy_reads"]
        for path in PROBE_PATHS:
            f = hv["probe"][path]
            print(
                f"while {hv['hammer']['clients']} clients hammer {HAMMER_PATH}: GET {path} p50 {f['p50_ms']} ms, "
                f"p95 {f['p95_ms']} ms, max {f['max_ms']} ms ({f['requests']} requests, goal p95 < 1000 ms)"
            )
        print(
            f"hammer answers {hv['hammer']['statuses']}, Retry-After {hv['hammer']['retry_after']}; "
            f"probe failures {hv['probe']['failed']}; server peak memory {hv['server_peak_rss_mb']} MB (goal < 2048)"
        )
    if "ingest" in figures:
        ig = figures["ingest"]
        print(
            f"ingest during load: {ig['documents_submitted']} documents submitted ({ig['distinct_documents']} "
            f"distinct), {ig['documents_stored']} stored ({ig['distinct_article_ids']} distinct ids), "
            f"{ig['duplicates']} duplicates, {ig['lost_documents']} lost, {ig['jobs_failed']} jobs "
            f"failed, 5xx {ig['server_errors']}, 429 {ig['rate_limited']}"
        )


if __name__ == "__main__":
    main()
