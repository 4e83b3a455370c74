"""A durable record of submitted generations, so a restart never pays for one twice.

The journal is a SQLite file with one row per (key, request hash). The generation id is
committed the moment the submit reply arrives, before the event loop runs anything else, so a
crash, Ctrl-C or `kill -9` afterwards loses nothing: the next run tracks the id again instead
of posting the request a second time.

It uses the standard `sqlite3` module, synchronously, on purpose: each write is one small
transaction (well under a millisecond in WAL mode), and the promise above needs the id on disk
before control returns to the event loop, which a thread hop (aiosqlite) would not give.

Use it from an app:

    journal = aiovideo.Journal("jobs.sqlite")
    async with aiovideo.Client() as client:
        jobs = journal.resume(client)                 # after a restart: ids of the last run
        job = await journal.submit(client, request, key="order-17")  # POST once, ever
        video = await job                             # the outcome is recorded too
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from aiovideo._exceptions import (
    AiovideoError,
    APIStatusError,
    ConfigurationError,
    GenerationFailedError,
    NotFoundError,
)

if TYPE_CHECKING:
    from aiovideo._client import Client
    from aiovideo._job import Job
    from aiovideo._types import VideoRequest

__all__ = ["Entry", "Journal"]

log = logging.getLogger("aiovideo")

# Row states. A generation id is known from SUBMITTED on.
SUBMITTING: Final = "submitting"  # the POST went out; no reply recorded yet
SUBMITTED: Final = "submitted"  # the id is known; the generation is pending
COMPLETED: Final = "completed"  # the server finished it; not downloaded yet
DOWNLOADED: Final = "downloaded"  # the file is at `path`
FAILED: Final = "failed"  # the server reported a failure (`error`)
REJECTED: Final = "rejected"  # the submit was answered with an error: never accepted

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt TEXT NOT NULL,
    generation_id TEXT,
    state TEXT NOT NULL,
    status TEXT,
    video_url TEXT,
    path TEXT,
    error TEXT,
    submitted_at REAL,
    finished_at REAL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (key, request_hash)
)
"""


@attrs.frozen
class Entry:
    """One journal row: what is known about the request filed under `key`."""

    key: str
    request_hash: str
    model: str
    prompt: str
    generation_id: str | None
    state: str
    status: str | None
    video_url: str | None
    path: str | None
    error: str | None
    submitted_at: float | None
    finished_at: float | None

    @property
    def pending(self) -> bool:
        """An id is known and the server has not finished the generation."""
        return self.generation_id is not None and self.state == SUBMITTED


class Journal:
    """A SQLite journal of generations, keyed by a caller's key and the request's hash.

    A changed request under the same key is a new row: the old row (and its id) stays.

    Args:
        path: the SQLite file; its folder is created when missing.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigurationError(f"cannot open journal {self.path}: {exc}") from exc
        try:
            # WAL + NORMAL: a committed row survives the process being killed (it is in the
            # OS's hands); only a power cut could lose the last transactions.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except sqlite3.Error as exc:
            self._db.close()
            raise ConfigurationError(f"cannot use {self.path} as a journal: {exc}") from exc
        self._db.row_factory = sqlite3.Row

    def __repr__(self) -> str:
        return f"<aiovideo.Journal {str(self.path)!r}>"

    def close(self) -> None:
        """Close the file (every write is already committed)."""
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading.

    def get(self, key: str, request: VideoRequest) -> Entry | None:
        """The row for this key and this exact request, if any."""
        row = self._db.execute(
            "SELECT * FROM entries WHERE key = ? AND request_hash = ?",
            (key, request.fingerprint()),
        ).fetchone()
        return None if row is None else _entry(row)

    def entries(self) -> list[Entry]:
        """Every row, oldest first."""
        rows = self._db.execute("SELECT * FROM entries ORDER BY rowid").fetchall()
        return [_entry(row) for row in rows]

    def pending(self) -> list[Entry]:
        """Rows with a known id whose generation had not finished when last seen."""
        return [entry for entry in self.entries() if entry.pending]

    # Writing: each call is one committed transaction.

    def _upsert(self, key: str, request: VideoRequest, **values: Any) -> None:
        values["updated_at"] = time.time()
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        updates = ", ".join(f"{name} = excluded.{name}" for name in values)
        self._db.execute(
            f"INSERT INTO entries (key, request_hash, model, prompt, {names}) "  # noqa: S608
            f"VALUES (?, ?, ?, ?, {marks}) "
            f"ON CONFLICT (key, request_hash) DO UPDATE SET {updates}",
            (key, request.fingerprint(), request.model, request.prompt, *values.values()),
        )

    def _update(self, generation_id: str, **values: Any) -> None:
        values["updated_at"] = time.time()
        sets = ", ".join(f"{name} = ?" for name in values)
        self._db.execute(
            f"UPDATE entries SET {sets} WHERE generation_id = ?",  # noqa: S608
            (*values.values(), generation_id),
        )

    def record_downloaded(self, generation_id: str, path: str | Path) -> None:
        """The video of `generation_id` is on disk at `path`."""
        self._update(generation_id, state=DOWNLOADED, path=str(Path(path).resolve()))

    # Working with a client.

    async def submit(
        self,
        client: Client,
        request: VideoRequest,
        *,
        key: str | None = None,
        resubmit_failed: bool = False,
        **options: Any,
    ) -> Job:
        """Submit `request` once, ever: a request already journaled under `key` is tracked.

        Args:
            client: an open Client.
            request: the request.
            key: the caller's name for it (an input line, an order id); default: its hash.
            resubmit_failed: submit again (and pay again) if its generation failed.
            **options: passed to `client.submit` / `client.track` (e.g. `timeout=`).

        Returns:
            The Job. Its outcome (status, video URL or error) is written when it ends.

        Raises:
            APIStatusError, TransportError, ResponseFormatError: the submit failed. A refusal
                by the server is recorded as such; a reply lost in transit is kept as
                "submitting" and warned about on the next try.
        """
        key = request.fingerprint() if key is None else key
        known = self.get(key, request)
        retry = resubmit_failed and known is not None and known.state == FAILED
        if known is not None and known.generation_id is not None and not retry:
            job = client.track(known.generation_id, model=request.model, **options)
        else:
            if known is not None and known.state == SUBMITTING:
                log.warning(
                    "journal %s: a submit of %r was in flight when the last run stopped; it may "
                    "have been accepted (and billed) without its id being recorded; sending again",
                    self.path,
                    key,
                )
            self._upsert(
                key, request, state=SUBMITTING, generation_id=None, status=None, error=None
            )
            try:
                job = await client.submit(request, **options)
            except APIStatusError as exc:
                # The server answered: it did not accept the request. Nothing to lose.
                self._upsert(key, request, state=REJECTED, error=str(exc))
                raise
            # No await between the reply and this commit: nothing else runs in between.
            self._upsert(
                key,
                request,
                generation_id=job.id,
                state=SUBMITTED,
                status=job.status,
                submitted_at=time.time(),
            )
        self.watch(job)
        return job

    def watch(self, job: Job) -> None:
        """Record the outcome of `job` (status, video URL or error) when it ends."""
        job.add_done_callback(self._on_done)

    def _on_done(self, job: Job) -> None:
        try:
            video = job.result()
        except GenerationFailedError as exc:
            self._update(
                job.id, state=FAILED, status=exc.status, error=exc.error, finished_at=time.time()
            )
        except NotFoundError as exc:
            # The server no longer knows the id (after the scheduler's retries): nothing left
            # to track. Marked failed, so `resubmit_failed` can send the request again.
            self._update(job.id, state=FAILED, status="not_found", error=str(exc))
        except (AiovideoError, asyncio.CancelledError):
            return  # ended locally (timeout, cancel, client closed): pending on the server
        else:
            self._update(
                job.id,
                state=COMPLETED,
                status=job.status,
                video_url=video.url,
                finished_at=time.time(),
            )

    def resume(self, client: Client, **options: Any) -> list[Job]:
        """Track again every generation still pending in the journal (no POST)."""
        jobs = []
        for entry in self.pending():
            assert entry.generation_id is not None
            job = client.track(entry.generation_id, model=entry.model, **options)
            self.watch(job)
            jobs.append(job)
        return jobs


def _entry(row: sqlite3.Row) -> Entry:
    return Entry(**{field.name: row[field.name] for field in attrs.fields(Entry)})
