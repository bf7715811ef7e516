"""POST /ingest (pasted text, a URL or an uploaded file) and GET /ingest/{job_id}."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from eventwire.api import jobs
from eventwire.api.deps import ReadAccess, WriteAccess
from eventwire.api.ratelimit import check_ingest_rate
from eventwire.api.schemas import JobOut

router = APIRouter(tags=["ingest"])
IngestRate = Depends(check_ingest_rate)
# How long ?wait=true holds the request open before answering with the still-running job.
MAX_WAIT_SECONDS = 300.0
WAIT_POLL_SECONDS = 0.05


@router.post(
    "/ingest",
    response_model=JobOut,
    status_code=202,
    # Auth first: a request without the token is refused before it can spend anyone's budget.
    dependencies=[WriteAccess, IngestRate],
    summary="Ingest pasted text, a URL or an uploaded file through the full pipeline",
    responses={
        200: {"model": JobOut, "description": "finished (with ?wait=true)"},
        429: {"description": "too many ingest requests from this client (see Retry-After)"},
    },
)
async def ingest(
    request: Request,
    text: Annotated[str | None, Form(max_length=2_000_000)] = None,
    title: Annotated[str | None, Form(max_length=500)] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
    file: Annotated[UploadFile | None, File()] = None,
    wait: Annotated[bool, Query(description="answer when the job has finished")] = False,
    timeout: Annotated[float, Query(gt=0, le=MAX_WAIT_SECONDS)] = 120.0,
):
    settings = request.app.state.settings
    writer = request.app.state.writer
    given = [bool(text and text.strip()), bool(url and url.strip()), file is not None and bool(file.filename)]
    if sum(given) != 1:
        raise ValueError("give exactly one of: text, url, file")
    if text and text.strip():
        job = writer.submit("text", title or "pasted text", jobs.text_job(text, title, None, settings))
    elif url and url.strip():
        if not url.strip().lower().startswith(("http://", "https://")):
            raise ValueError("url must start with http:// or https://")
        job = writer.submit("url", url.strip(), jobs.url_job(url.strip(), settings))
    else:
        content = await file.read()
        job = writer.submit("file", file.filename, jobs.upload_job(file.filename, content, settings))
    if wait:
        # Polled from the event loop: a waiting client holds no worker thread, so waits never starve reads.
        deadline = time.monotonic() + timeout
        while not job.done.is_set() and time.monotonic() < deadline:
            await asyncio.sleep(WAIT_POLL_SECONDS)
        if job.done.is_set():
            return JSONResponse(JobOut(**job.to_dict()).model_dump(mode="json"), status_code=200)
    return JSONResponse(JobOut(**job.to_dict()).model_dump(mode="json"), status_code=202)


@router.get("/ingest/{job_id}", response_model=JobOut, dependencies=[ReadAccess], summary="An ingest job's status")
def ingest_status(request: Request, job_id: Annotated[str, Path(max_length=64)]) -> dict:
    job = request.app.state.writer.job(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id!r}")
    return job.to_dict()
