"""SyncClient: the Client for code without `await` (scripts, notebooks, sync frameworks).

A thin layer on anyio's blocking portal: one event loop thread, living as long as the
SyncClient is open, runs one async `Client` (and so one scheduler); every call blocks on it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import anyio
import anyio.from_thread

from aiovideo.core._client import Client
from aiovideo.core._exceptions import ConfigurationError
from aiovideo.core._typed import typed_sync, untyped

if TYPE_CHECKING:
    # Only the names `aiovideo.core` exports, for annotations: which private module holds
    # each value is the core's business, and this module needs none of them at run time.
    from aiovideo.core._job import Job
    from aiovideo.core._request import VideoRequest
    from aiovideo.core._values import Cost, Generation, Video

__all__ = ["SyncClient", "SyncJob", "SyncVideo"]

T = TypeVar("T")


class SyncClient:
    """A blocking client: the same as `Client`, for code that cannot `await`.

    Use it as `with aiovideo.SyncClient() as client:` (or `client.open()` and
    `client.close()`). Opening starts one event loop in a thread of its own and opens one
    `Client` on it: every generation of this SyncClient is polled by that client's one
    scheduler, under its one request budget. Each call blocks the calling thread until it is
    done; several threads may share one SyncClient.

    Ctrl-C (a `KeyboardInterrupt`) while a call blocks reaches the caller at once and cancels
    that call's work, as `asyncio.run` cancels its task (a submit whose POST was on the wire
    goes on without its caller, as `Client.submit` does: a generation it started is tracked,
    in `orphaned_jobs` and named in a WARNING). Leaving the
    `with` block, however it is left, closes the client as `Client` closes (every pending
    Job ends with `ClientClosedError` carrying its id) and stops the thread.

    Args:
        api_key, base_url, poll_interval, timeout: as for `Client`.
        **options: any other keyword option of `Client` (`max_spend_usd`, `rate_limit`,
            `max_connections`, ...), except `session`: an aiohttp session belongs to one
            event loop, and this client's loop is its own.

    Raises:
        ConfigurationError: no key, a bad base URL or a bad option (before any thread starts).
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        poll_interval: float = 10.0,
        timeout: float | None = None,
        **options: Any,
    ) -> None:
        if options.get("session") is not None:
            raise ConfigurationError(
                "SyncClient makes its own aiohttp session, on its own event loop; "
                "pass session= to aiovideo.Client instead"
            )
        options.pop("session", None)
        # Built here, in the caller's thread: a bad option raises before any thread starts.
        self._client = Client(api_key, base_url, poll_interval, timeout, **options)
        self._portal: anyio.from_thread.BlockingPortal | None = None
        self._portal_cm: contextlib.AbstractContextManager[anyio.from_thread.BlockingPortal]
        self._opened = False

    def __repr__(self) -> str:
        state = "open" if self._portal is not None else "closed"
        return f"<aiovideo.SyncClient {self._client.base_url} {state}>"

    # Lifecycle.

    def open(self) -> None:
        """Start the event loop thread and open the client on it: the same as entering `with`.

        Raises:
            ConfigurationError: the client was opened before (make a new one).
        """
        if self._opened:
            raise ConfigurationError("a SyncClient can be opened once; make a new one")
        self._opened = True
        self._portal_cm = anyio.from_thread.start_blocking_portal()
        self._portal = self._portal_cm.__enter__()
        try:
            self._portal.call(self._open_on_loop)
        except BaseException:
            self._stop_portal()
            raise

    async def _open_on_loop(self) -> None:
        # Named here, not by `start_blocking_portal(name=...)`, which anyio < 4.10 lacks.
        threading.current_thread().name = "aiovideo-sync"
        await self._client.open()

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the client and stop its thread: the same as leaving `with`; again: nothing.

        Every pending Job ends with `ClientClosedError` (it carries the generation id), as
        `Client.aclose` ends it; a call still blocked in another thread then raises it. A
        submit on the wire is given up to 10 s for its reply, as `Client.aclose` gives it.
        """
        portal = self._portal
        if portal is None:
            return
        try:
            portal.call(self._client.aclose)
        finally:
            # Even when a second Ctrl-C cut the close short: a thread left running would
            # keep an event loop (and its sockets) alive behind the user's back.
            self._stop_portal()

    def _stop_portal(self) -> None:
        portal, self._portal = self._portal, None
        if portal is None:
            return
        # Cancel whatever is left (a call of another thread still on its way out); the
        # Client's own close has already ended its Jobs, so nothing of value is cut here.
        with contextlib.suppress(RuntimeError):  # the portal stopped already
            portal.call(portal.stop, True)
        self._portal_cm.__exit__(None, None, None)  # joins the thread

    def _call(self, func: Callable[..., Awaitable[T]], *args: Any) -> T:
        """Run `func(*args)` on the client's event loop and wait for its result."""
        portal = self._portal
        if portal is None:
            raise ConfigurationError(
                "the SyncClient is not open: use `with aiovideo.SyncClient(...) as client:` "
                "or `client.open()`"
            )
        future = portal.start_task_soon(func, *args)
        return _wait(future)

    # Requests.

    @typed_sync  # per model, for type checkers: see _typed
    def submit(
        self,
        request: VideoRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        client_request_id: str | None = None,
        extra_fields: Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> SyncJob:
        """Submit one generation (one POST) and return a handle on it, already tracked.

        Args:
            request, timeout, client_request_id, extra_fields, **fields: as for
                `Client.submit`.

        Returns:
            A `SyncJob`: `result()` blocks until the video.

        Raises:
            Whatever `Client.submit` raises (`ValidationError` and `SpendLimitError` before
            any request), and `ConfigurationError` when the SyncClient is not open.
        """

        async def submit() -> Job:
            # Untyped: the fields pass on as given (the typed face checked the caller's call).
            return await untyped(self._client.submit)(
                request,
                timeout=timeout,
                client_request_id=client_request_id,
                extra_fields=extra_fields,
                **fields,
            )

        return SyncJob(self._call(submit), self)

    @typed_sync
    def generate(
        self,
        request: VideoRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        client_request_id: str | None = None,
        extra_fields: Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> SyncVideo:
        """Submit one generation and block until its video (`submit(...).result()`).

        Args:
            request, timeout, client_request_id, extra_fields, **fields: as for
                `Client.submit`.

        Returns:
            The `SyncVideo`: its `download(path)` blocks too.

        Raises:
            Whatever `submit` raises, then whatever the Job ends with
            (`GenerationFailedError`, `GenerationTimeoutError`, `ClientClosedError`, ...).
        """

        # Through the handle, as `Client.generate` goes through its Job: the video then
        # carries the generation's cost.
        handle = untyped(self.submit)(
            request,
            timeout=timeout,
            client_request_id=client_request_id,
            extra_fields=extra_fields,
            **fields,
        )
        return handle.result()

    def generate_many(
        self,
        requests: Iterable[VideoRequest | Mapping[str, Any]],
        *,
        max_in_flight: int = 100,
        timeout: float | None = None,
    ) -> Iterator[SyncJob]:
        """Submit lazily and yield a handle on each generation as it finishes.

        A plain iterator over `Client.generate_many`: the same rules (at most
        `max_in_flight` submitted and not yet yielded, failures yielded too, the first
        failed submit raised after the Jobs already submitted). `requests` is read on the
        client's event loop thread, a little ahead of the submits: keep it quick (a list,
        a file's lines), as a slow one holds up the polling. Breaking out of the loop stops
        submitting; the generations already submitted go on being tracked.

        Args:
            requests: VideoRequests or mappings (`model`, `prompt`, fields).
            max_in_flight: generations submitted and not yet yielded, at most.
            timeout: each generation's deadline in seconds (None: the client's).

        Yields:
            A done `SyncJob` per generation, in the order they finish: `result()` gives its
            video at once, or raises its failure.

        Raises:
            ConfigurationError: a bad option, or the SyncClient is not open.
            AiovideoError: the first submit that failed, after the Jobs already submitted.
        """
        jobs = self._client.generate_many(requests, max_in_flight=max_in_flight, timeout=timeout)
        # One step at a time, never two at once: the close below must wait for a step that
        # a Ctrl-C walked away from (an async generator cannot be closed while it runs).
        turn = asyncio.Lock()

        async def step() -> Job | None:
            async with turn:
                return await anext(jobs, None)

        async def finish() -> None:
            async with turn:
                await jobs.aclose()

        try:
            while (job := self._call(step)) is not None:
                yield SyncJob(job, self)
        finally:
            if self._portal is not None:
                self._call(finish)

    def track(
        self, generation_id: str, *, timeout: float | None = None, model: str | None = None
    ) -> SyncJob:
        """Resume an existing generation: no POST; the same as `Client.track`.

        Args:
            generation_id: the id a submit returned (`handle.id`).
            timeout: the deadline in seconds (None: the client's; `math.inf`: none).
            model: the generation's model, when known: it sets the first checks' timing.

        Returns:
            A `SyncJob`, being tracked.

        Raises:
            ConfigurationError: an empty id, a bad timeout, or the SyncClient is not open.
        """

        async def track() -> Job:
            return self._client.track(generation_id, timeout=timeout, model=model)

        return SyncJob(self._call(track), self)

    def get(self, generation_id: str) -> Generation:
        """One status check (retried on transient failures), as a `Generation`.

        Its `video` and `videos` are the async `Video` values; for a video to download
        without `await`, `track(id).result()` (a completed id resolves on its first check).

        Args:
            generation_id: the id a submit returned (`handle.id`).

        Returns:
            The generation as the server sees it now.

        Raises:
            Whatever `Client.get` raises, and `ConfigurationError` when not open.
        """
        return self._call(self._client.get, generation_id)

    @property
    def orphaned_jobs(self) -> tuple[SyncJob, ...]:
        """Handles of submits interrupted after their POST was sent (as `Client.orphaned_jobs`:
        each may be billed; its generation is tracked)."""
        if self._portal is None:
            jobs = self._client.orphaned_jobs
        else:

            async def orphans() -> tuple[Job, ...]:
                return self._client.orphaned_jobs  # read on the loop

            jobs = self._call(orphans)
        return tuple(SyncJob(job, self) for job in jobs)

    @property
    def spent(self) -> Cost:
        """What this client's generations have cost so far (as `Client.spent`)."""
        if self._portal is None:
            return self._client.spent

        async def spent() -> Cost:
            return self._client.spent  # read on the loop: credits and USD of one moment

        return self._call(spent)


class SyncJob:
    """A blocking handle on one generation (a `Job` of the SyncClient's client).

    Attributes:
        id: the generation id the server returned.
        request: the `VideoRequest` it was submitted with; None for a handle of `track`.
    """

    def __init__(self, job: Job, owner: SyncClient) -> None:
        self.id = job.id
        self.request = job.request
        self._job = job
        self._owner = owner

    def __repr__(self) -> str:
        state = "done" if self.done() else "pending"
        return f"<SyncJob {self.id} status={self.status!r} {state}>"

    @property
    def status(self) -> str:
        """The last status word seen (`queued`, `generating`, `completed`, ...)."""
        return self._job.status

    @property
    def cost(self) -> Cost | None:
        """The latest `Cost` the server reported for this generation, or None."""
        return self._job.cost

    def done(self) -> bool:
        """True once the generation is resolved (a video, a failure, or closed)."""
        return self._job.done()

    def result(self, timeout: float | None = None) -> SyncVideo:
        """Block until the video, or raise the failure (as `await job.wait(timeout)`).

        Args:
            timeout: seconds to wait, a positive finite number; None waits until the end.

        Returns:
            The `SyncVideo`.

        Raises:
            GenerationTimeoutError: `timeout` passed; the generation is still tracked.
            ConfigurationError: a bad `timeout`, or the SyncClient closed before this was done.
            AiovideoError: the generation's own failure (`GenerationFailedError`,
                `ClientClosedError`, ...).
        """
        job = self._job
        # A done Job answers without the loop: after the SyncClient closed too.
        video = job.result() if job.done() else self._owner._call(job.wait, timeout)
        return SyncVideo(video, self._owner, cost=job.counted_cost)

    def cancel(self) -> bool:
        """Stop tracking this generation locally (the API has no remote cancel).

        Returns:
            False if it was already done.
        """

        async def cancel() -> bool:
            return self._job.cancel()

        return self._owner._call(cancel)


class SyncVideo:
    """A finished video whose `download` and `read` block: `Video` for code without await.

    Attributes:
        id: the generation id it belongs to.
        url: where to fetch it.
        content_type: the MIME type the server gave, if any.
        file_name: the file name the server gave, if any.
        file_size: the size in bytes the server announced, if any.
        cost: the generation's `Cost`, or None.
        raw: the reply's video entry as sent.
        video: the async `Video` itself.
    """

    def __init__(self, video: Video, owner: SyncClient, *, cost: Cost | None = None) -> None:
        self.video = video
        # The Video's own cost where it carries one, else the generation's (its Job's).
        self.cost: Cost | None = getattr(video, "cost", None) or cost
        self.id = video.id
        self.url = video.url
        self.content_type = video.content_type
        self.file_name = video.file_name
        self.file_size = video.file_size
        self.raw = video.raw
        self._owner = owner

    def __repr__(self) -> str:
        return f"<SyncVideo {self.id} {self.url}>"

    def download(
        self,
        path: str | os.PathLike[str],
        *,
        max_bytes: int | None = None,
        stall_timeout: float | None = None,
    ) -> Path:
        """Stream the video to `path`, atomically; blocks until written (`Video.download`).

        Uses the SyncClient's session and budget while it is open; after it closed, a
        short-lived event loop and session of its own in the calling thread.

        Args:
            path: the file to write; its directory is created when missing.
            max_bytes: the largest file accepted (None: 2 GiB).
            stall_timeout: seconds without a byte before an attempt gives up (None: 30).

        Returns:
            The path written.

        Raises:
            Whatever `Video.download` raises (`ResponseFormatError`, `TransportError`,
            `APIStatusError`, `OSError`).
        """

        async def download() -> Path:
            return await self.video.download(path, max_bytes=max_bytes, stall_timeout=stall_timeout)

        return self._run(download)

    def read(self, *, max_bytes: int = 50_000_000, stall_timeout: float | None = None) -> bytes:
        """The whole video in memory, with `download`'s rules; blocks (`Video.read`).

        Args:
            max_bytes: the largest file accepted.
            stall_timeout: seconds without a byte before an attempt gives up (None: 30).

        Returns:
            The video's bytes.

        Raises:
            Whatever `Video.read` raises (`ResponseFormatError`, `TransportError`,
            `APIStatusError`).
        """

        async def read() -> bytes:
            return await self.video.read(max_bytes=max_bytes, stall_timeout=stall_timeout)

        return self._run(read)

    def _run(self, func: Callable[[], Awaitable[T]]) -> T:
        if self._owner._portal is None:
            # A Video outlives its client (as the async one does): a loop of its own.
            return anyio.run(func)
        return self._owner._call(func)


def _wait(future: concurrent.futures.Future[T]) -> T:
    """The future's result; an interrupt while waiting (Ctrl-C) cancels its task."""
    try:
        return future.result()
    except BaseException:
        # Interrupted (or the task failed, when cancel() does nothing): the task is cancelled
        # on the loop, as asyncio.run cancels its main task on Ctrl-C, and the caller gets
        # the KeyboardInterrupt at once rather than after the work.
        future.cancel()
        raise
