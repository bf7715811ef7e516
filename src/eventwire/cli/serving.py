"""The CLI beside a running `eventwire serve`: DuckDB lets one process hold a store for writing.

While the server holds it, reading commands work on a snapshot (a copy of the database file taken
at that moment, opened read-only) and `ingest` sends its inputs to the server's single writer
(POST /ingest with EVENTWIRE_TOKEN). ``serve`` leaves a small note beside the store naming its
process and address so the other commands can find it.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

# Copying a file that the server writes to can catch it mid-checkpoint; DuckDB's block checksums
# make such a copy fail to open, and a fresh copy is taken.
SNAPSHOT_ATTEMPTS = 3


def note_path(db: Path) -> Path:
    return Path(f"{db}.serving.json")


def announce(db: Path, url: str) -> None:
    """Write the note that this process serves ``db`` at ``url``; removed when the process exits."""
    note_path(db).write_text(json.dumps({"pid": os.getpid(), "url": url}))


def retire(db: Path) -> None:
    """Remove this process's note (a note another process wrote is left alone)."""
    note = server_for(db)
    if note and note["pid"] == os.getpid():
        note_path(db).unlink(missing_ok=True)


def server_for(db: Path) -> dict[str, Any] | None:
    """The live server holding ``db`` (pid, url), or None when no note names a running process."""
    try:
        note = json.loads(note_path(db).read_text())
        os.kill(int(note["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return note


def held_by(db: Path) -> str:
    """One phrase naming what holds ``db``, for error lines."""
    note = server_for(db)
    if note:
        return f"`eventwire serve` (pid {note['pid']}, {note['url']})"
    return "another process (an `eventwire serve` or `ingest` running on it)"


def snapshot(db: Path):
    """A read-only Store over a fresh copy of ``db`` (and its WAL); the copy is deleted at exit."""
    from eventwire.store.database import Store

    last: Exception | None = None
    for _ in range(SNAPSHOT_ATTEMPTS):
        folder = Path(tempfile.mkdtemp(prefix="eventwire-snapshot-"))
        atexit.register(shutil.rmtree, folder, True)
        copy = folder / Path(db).name
        shutil.copyfile(db, copy)
        wal = Path(f"{db}.wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{copy}.wal"))
        try:
            return Store(copy, read_only=True)
        except Exception as exc:  # duckdb: a torn copy fails its checksums
            last = exc
    raise RuntimeError(str(last).splitlines()[0] if last else "copy failed")


def is_lock_error(exc: Exception) -> bool:
    return "lock" in str(exc).lower()


def _uploads(sources: list[str]) -> list[tuple[str, str]]:
    """(kind, value) per input: ``url`` for web addresses, ``file`` for each file (folders walked)."""
    out: list[tuple[str, str]] = []
    for source in sources:
        if source.lower().startswith(("http://", "https://")):
            out.append(("url", source))
        elif Path(source).is_dir():
            out.extend(("file", str(p)) for p in sorted(Path(source).rglob("*")) if p.is_file())
        else:
            out.append(("file", source))
    return out


def ingest_through(note: dict[str, Any], sources: list[str], token: str | None) -> tuple[int, list[str]]:
    """Send each input to the serving process's writer (POST /ingest, waiting for each job).

    Returns the number of articles stored and one ``ITEM: REASON`` line per failed input.
    """
    import httpx

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    stored, failures = 0, []
    with httpx.Client(base_url=note["url"], headers=headers, timeout=330) as client:
        for kind, value in _uploads(sources):
            try:
                if kind == "url":
                    response = client.post("/ingest", params={"wait": "true"}, data={"url": value})
                else:
                    with open(value, "rb") as f:
                        files = {"file": (Path(value).name, f.read())}
                    response = client.post("/ingest", params={"wait": "true"}, files=files)
            except (OSError, httpx.HTTPError) as exc:
                failures.append(f"{value}: {exc}")
                continue
            if response.status_code >= 400:
                detail = response.json().get("detail", response.text) if response.content else response.reason_phrase
                failures.append(f"{value}: the server answered {response.status_code}: {detail}")
                continue
            job = response.json()
            result = job.get("result") or {}
            stored += int(result.get("ingested") or 0)
            if job.get("error"):
                failures.append(f"{value}: {job['error']}")
            failures.extend(f"{value}: {f['reason']}" for f in result.get("failures", []))
    return stored, failures
