"""What the two web examples share, free of any web framework: one Client, one Journal.

Not an example to run on its own: examples/web_aiohttp.py and examples/web_fastapi.py are
thin adapters over `VideoService` (routes, server-sent events, startup and shutdown) with
the command line of `command_line`, and tests/test_examples.py tests it through both of them.

Replicas. Several copies of an app on one journal (behind a load balancer) share its rows:
any replica answers an id another one handed out. Each pending generation is tracked by one
replica, which holds its row's lease (`LEASE`) and renews it while it runs; every few seconds
and on a read, each replica adopts the pending ids whose replica died (`adopt`: its lease
ran out, or on SQLite its process is gone), so such a generation is finished and recorded by
another replica within a lease, without a second POST, and two live replicas never both track
everything.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import Any

import aiovideo
from aiovideo.testing import Emulator

__all__ = [
    "HTTP_STATUS",
    "LEASE",
    "BadRequest",
    "KeyReused",
    "UnknownVideo",
    "VideoService",
    "command_line",
]

# Serves an app until interrupted: (journal target, port, how to make the app's one Client,
# the journal's lease). The target is what `aiovideo.Journal` takes: a SQLite file, or a URL
# naming a store.
Journal = str | Path
Serve = Callable[[Journal, int, Callable[[], aiovideo.Client], float], None]

# Seconds between two looks for pending ids whose replica is gone.
ADOPT_EVERY = 2.0
# Seconds a replica holds the generations it tracks without renewing them (it renews them
# every third of that): a killed replica's generations are adopted within LEASE + ADOPT_EVERY.
LEASE = 30.0


class UnknownVideo(LookupError):
    """No generation of this id was submitted through this service (404)."""


class BadRequest(ValueError):
    """The request body is not a JSON object (400)."""


class KeyReused(ValueError):
    """An `Idempotency-Key` already used for another request (422): nothing is sent."""


# The HTTP status of each error a route may raise, the most specific first.
HTTP_STATUS: dict[type[Exception], int] = {
    UnknownVideo: 404,
    BadRequest: 400,
    KeyReused: 422,
    aiovideo.ValidationError: 400,  # the request breaks the model table: nothing was sent
    aiovideo.AiovideoError: 502,  # the API refused the submit, or could not be reached
}


def _view(
    generation_id: str, status: str | None, video_url: str | None, error: str | None
) -> dict[str, Any]:
    return {"id": generation_id, "status": status, "video_url": video_url, "error": error}


def _generation(snapshot: aiovideo.Generation) -> dict[str, Any]:
    url = snapshot.video.url if snapshot.video else None
    return _view(snapshot.id, snapshot.status, url, snapshot.error)


class VideoService:
    """Submit generations through a Journal; answer their status and updates by id.

    Every submit goes through the journal, so each id handed out is on disk before the
    route answers: after a restart `open` tracks the pending ones again (no POST), and
    finished ones are answered from the journal.
    """

    def __init__(self, client: aiovideo.Client, journal: aiovideo.Journal) -> None:
        self.client = client
        self.journal = journal
        # The Jobs still pending, by id; a finished one is answered from the journal.
        self.pending: dict[str, aiovideo.Job] = {}
        for job in journal.resume(client):  # ids handed out before a restart: no POST
            self._keep(job)

    @classmethod
    @contextlib.asynccontextmanager
    async def open(
        cls,
        journal: Journal,
        make_client: Callable[[], aiovideo.Client],
        *,
        adopt_every: float = ADOPT_EVERY,
        lease: float = LEASE,
    ) -> AsyncIterator[VideoService]:
        """The service for an app's whole life: one Client (one scheduler polls every
        generation of every request) and the journal at `journal` (its `lease`), in which it
        looks for pending ids whose replica is gone every `adopt_every` seconds (`adopt`)."""
        with aiovideo.Journal(journal, lease=lease) as opened:
            async with make_client() as client:
                service = cls(client, opened)
                adopting = asyncio.create_task(service._adopt_forever(adopt_every))
                try:
                    yield service
                finally:
                    adopting.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await adopting

    def adopt(self) -> int:
        """Track the pending ids of the journal whose replica is gone (killed, or its lease
        run out): taken over with their lease, no POST; each outcome is recorded when it
        ends. Those a live replica tracks are left to it. Returns how many were adopted."""
        adopted = self.journal.adopt(self.client)
        for job in adopted:
            self._keep(job)
        return len(adopted)

    async def _adopt_forever(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            try:
                self.adopt()
            except aiovideo.AiovideoError as exc:  # the journal unreadable for now: next time
                print(f"cannot look for pending ids in the journal: {exc}", flush=True)

    def _keep(self, job: aiovideo.Job) -> None:
        self.pending[job.id] = job
        # Dropped once done: the journal's own callback, added first, has recorded it then.
        job.add_done_callback(self._forget)

    def _forget(self, job: aiovideo.Job) -> None:
        self.pending.pop(job.id, None)

    async def submit(self, body: object, key: str | None = None) -> dict[str, Any]:
        """Submit the generation `body` asks for (`model`, `prompt`, fields); its status.

        `key` (an `Idempotency-Key`) makes a repeated request answer the same generation
        instead of paying for a second one; the same key with another body is refused
        (KeyReused), as a key names one request. Two requests racing with one key and two
        bodies can both be sent: the journal keeps one row per key and request.
        """
        if not isinstance(body, Mapping):
            raise BadRequest("the body must be a JSON object: {model, prompt, ...fields}")
        request = aiovideo.VideoRequest.from_mapping(body)  # ValidationError: nothing sent
        if key is not None and any(
            entry.request_hash != request.fingerprint() for entry in self.journal.by_key(key)
        ):
            raise KeyReused(
                f"Idempotency-Key {key!r} was used for another request: nothing was sent"
            )
        job = await self.journal.submit(self.client, request, key=key or uuid.uuid4().hex)
        self._keep(job)
        return self.status(job.id)

    def status(self, generation_id: str) -> dict[str, Any]:
        """The latest known status of a generation as JSON; UnknownVideo if not ours."""
        job = self.pending.get(generation_id)
        if job is not None:
            snapshot = job.snapshot
            return _generation(snapshot) if snapshot else _view(job.id, job.status, None, None)
        entry = self.journal.by_id(generation_id)
        if entry is None:
            raise UnknownVideo(f"no generation {generation_id!r} was submitted here")
        if entry.pending:
            # Tracked by another replica, which writes its outcome: answered from the
            # journal. Its replica may be gone: then it is adopted now, and the next read
            # answers from the Job.
            with contextlib.suppress(aiovideo.AiovideoError):  # closing: answered as it is
                self.adopt()
        return _view(generation_id, entry.status, entry.video_url, entry.error)

    async def updates(self, generation_id: str) -> AsyncIterator[dict[str, Any]]:
        """Its status on each change, to the last; a finished one's once. Call `status`
        first to learn whether it exists.

        It ends early when the Client closes (the app shutting down): the browser's
        EventSource then reconnects, and the restarted app tracks the id again.
        """
        job = self.pending.get(generation_id)
        if job is None:
            yield self.status(generation_id)
            return
        async for snapshot in job.updates():
            yield _generation(snapshot)


def command_line(serve: Serve, *, port: int) -> None:
    """The web examples' command line: `[--port P] [--journal TARGET] [--lease S] [--emulator |
    --base-url URL]`. Replicas of the app share one journal (`--journal`, a file or a store's
    URL)."""
    parser = argparse.ArgumentParser(description="aiovideo behind a web app")
    parser.add_argument("--port", type=int, default=port)
    parser.add_argument("--journal", default="videos.sqlite", help="a SQLite file or a URL")
    parser.add_argument(
        "--lease", type=float, default=LEASE, help="seconds before a dead replica's ids are adopted"
    )
    parser.add_argument("--emulator", action="store_true", help="use a local emulator, no key")
    parser.add_argument("--base-url", default=None, help="the API's root (e.g. an emulator's)")
    args = parser.parse_args()
    if not args.emulator:
        # The key from AIMLAPI_API_KEY.
        make: Callable[[], aiovideo.Client] = aiovideo.Client
        if args.base_url is not None:
            make = functools.partial(aiovideo.Client, base_url=args.base_url)
        serve(args.journal, args.port, make, args.lease)
        return
    # The emulator, in a thread of its own, takes 5 s per generation; it answers the ids of
    # an earlier run (a real server outlives the app), so a restart can be tried out.
    with Emulator(seconds=5, adopt_unknown_ids=True) as emu:
        serve(args.journal, args.port, functools.partial(emu.client, poll_interval=0.5), args.lease)
