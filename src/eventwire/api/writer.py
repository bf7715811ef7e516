"""The server's single writer: every write to the store runs on one thread, in submission order.

DuckDB lets one process hold a database file for writing, and a connection object must not be
used by two threads at once. The server therefore owns the store; POST /ingest and the feed
watcher submit jobs to this thread, which alone uses ``store.con``, while request handlers read
through their own per-thread cursors (``eventwire.store.queries.cursor``).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from eventwire.store.database import Store

log = logging.getLogger(__name__)

# Finished jobs kept for GET /ingest/{id}; older ones are forgotten first.
KEEP_JOBS = 500


@dataclass(slots=True)
class Job:
    id: str
    kind: str
    item: str
    status: str = "queued"  # queued | running | done | failed
    submitted: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished: datetime | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    done: threading.Event = field(default_factory=threading.Event, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "item": self.item,
            "status": self.status,
            "submitted": self.submitted,
            "finished": self.finished,
            "result": self.result,
            "error": self.error,
        }


class StoreWriter:
    """A queue of write jobs and the one thread that runs them against the store."""

    def __init__(self, store: Store):
        self.store = store
        self._queue: queue.Queue[tuple[Job, Callable[[Store], dict]] | None] = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        # Write jobs finished so far: cached read answers are valid for one generation only.
        self.generation = 0
        self._thread = threading.Thread(target=self._run, name="eventwire-writer", daemon=True)
        self._thread.start()

    def submit(self, kind: str, item: str, work: Callable[[Store], dict]) -> Job:
        job = Job(uuid.uuid4().hex[:16], kind, item)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
        self._queue.put((job, work))
        return job

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def pending(self) -> int:
        return self._queue.qsize()

    def _run(self) -> None:
        while True:
            entry = self._queue.get()
            if entry is None:
                return
            job, work = entry
            job.status = "running"
            try:
                job.result = work(self.store)
                job.status = "done"
            except Exception as exc:  # a job's failure is reported on the job, the writer goes on
                log.exception("write job %s (%s) failed", job.id, job.kind)
                job.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                job.status = "failed"
            finally:
                self.generation += 1  # before done is set, so a waiting client reads the new data
                job.finished = datetime.now(UTC)
                job.done.set()

    def close(self, timeout: float = 30.0) -> None:
        """Finish queued jobs, then stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout)


class FeedWatcher:
    """Submits a poll of each feed to the writer every ``every`` seconds until stopped."""

    def __init__(self, writer: StoreWriter, feeds: list[str], every: float, poll: Callable[[Store, str], dict]):
        self.writer = writer
        self.feeds = list(feeds)
        self.every = every
        self.poll = poll
        self.rounds = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="eventwire-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            jobs = [
                self.writer.submit("watch", url, lambda store, url=url: self.poll(store, url)) for url in self.feeds
            ]
            for job in jobs:
                while not job.done.wait(0.5):
                    if self._stop.is_set():
                        return
            self.rounds += 1
            self._stop.wait(max(0.0, self.every - (time.monotonic() - started)))

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
