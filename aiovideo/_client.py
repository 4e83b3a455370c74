"""The Client: submit generations, and let one shared scheduler resolve their Jobs."""

from __future__ import annotations

import asyncio
import logging
import math
import os
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterable, Mapping
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

import aiohttp
import anyio
import anyio.abc
import attrs
import stamina

from aiovideo._budget import Budget
from aiovideo._clock import RealTimer, Timer
from aiovideo._download import Fetcher
from aiovideo._exceptions import (
    AiovideoError,
    ClientClosedError,
    ConfigurationError,
    RateLimitError,
    ResponseFormatError,
    ServerError,
    TransportError,
)
from aiovideo._job import Job
from aiovideo._models import lookup
from aiovideo._scheduler import Scheduler
from aiovideo._transport import Transport
from aiovideo._types import Generation, Video, VideoRequest
from aiovideo._wire import LEGACY_PATH, UNIVERSAL_PATH, parse_generation, submit_path

__all__ = ["DEFAULT_BASE_URL", "Client"]

log = logging.getLogger("aiovideo")

DEFAULT_BASE_URL = "https://api.aimlapi.com"
_KEY_VARS = ("AIMLAPI_API_KEY", "AIML_API_KEY")
_DEFAULT: Any = object()  # "use the client's default" for per-call timeouts


def _resolve_key(api_key: str | None) -> str:
    if api_key is None:
        for name in _KEY_VARS:
            api_key = os.environ.get(name)
            if api_key:
                break
    if not api_key or not api_key.strip():
        raise ConfigurationError(
            "no API key: pass api_key=... or set AIMLAPI_API_KEY (or AIML_API_KEY)"
        )
    return api_key.strip()


def _resolve_base_url(base_url: str | None) -> str:
    url = base_url or os.environ.get("AIMLAPI_BASE_URL") or DEFAULT_BASE_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f"bad base URL {url!r}: expected http(s)://host[:port], e.g. {DEFAULT_BASE_URL}"
        )
    root = url.rstrip("/")
    if root.endswith("/v2"):
        root = root[: -len("/v2")]  # the root, not /v2: paths carry their own /v2
    return root


def _check_positive(name: str, value: float | None, *, allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ConfigurationError(f"{name} must be a positive number of seconds, got {value!r}")


def _submit_retryable(exc: Exception) -> bool | float:
    """A submit POST is repeated only when the server surely did not accept it."""
    if isinstance(exc, TransportError):
        return not exc.request_sent  # refused: never reached the server
    if isinstance(exc, RateLimitError):
        return exc.retry_after if exc.retry_after is not None else True
    return isinstance(exc, ServerError) and exc.status_code == 503


def _status_retryable(exc: Exception) -> bool | float:
    """A status check is safe to repeat on any transient failure."""
    if isinstance(exc, RateLimitError):
        return exc.retry_after if exc.retry_after is not None else True
    return isinstance(exc, ServerError | TransportError | ResponseFormatError)


class Client:
    """An asyncio client for the AI/ML API video endpoints.

    Use it as `async with aiovideo.Client() as client:`. Entering starts one scheduler that
    polls every pending generation under one request budget; leaving stops it and ends every
    pending Job with `ClientClosedError` (carrying its id, to `track` it again later).

    Args:
        api_key: the key; None reads AIMLAPI_API_KEY, then AIML_API_KEY.
        base_url: the API root; None reads AIMLAPI_BASE_URL, else https://api.aimlapi.com.
        poll_interval: seconds between two status checks of one generation (a floor).
        timeout: default per-generation deadline in seconds (None: wait forever).
        session: an aiohttp session to use; the client never closes it.
        max_connections: requests in flight at once, across submits, checks and downloads.
        rate_limit: requests per second at most (None: adapt to 429s only).
        max_first_check: the latest, in seconds after submit, of a generation's first check.
        legacy: use the legacy Google path for the models it serves.
        timer: the clock the scheduler reads (tests inject a fake one).

    Raises:
        ConfigurationError: no key, a bad base URL or a bad option.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        poll_interval: float = 10.0,
        timeout: float | None = None,
        *,
        session: aiohttp.ClientSession | None = None,
        max_connections: int = 64,
        rate_limit: float | None = None,
        max_first_check: float | None = None,
        legacy: bool = False,
        request_timeout: float = 60.0,
        timer: Timer | None = None,
    ) -> None:
        self._key = _resolve_key(api_key)
        self.base_url = _resolve_base_url(base_url)
        _check_positive("poll_interval", poll_interval, allow_none=False)
        _check_positive("timeout", timeout)
        _check_positive("rate_limit", rate_limit)
        _check_positive("max_first_check", max_first_check)
        _check_positive("request_timeout", request_timeout, allow_none=False)
        if not isinstance(max_connections, int) or max_connections < 1:
            raise ConfigurationError(
                f"max_connections must be an int >= 1, got {max_connections!r}"
            )
        if session is not None and not isinstance(session, aiohttp.ClientSession):
            raise ConfigurationError(f"session must be an aiohttp.ClientSession, got {session!r}")
        self.poll_interval = float(poll_interval)
        self.timeout = timeout
        self.legacy = legacy
        self._user_session = session
        self._session: aiohttp.ClientSession | None = None
        self._timer: Timer = timer or RealTimer()
        self._budget = Budget(
            max_connections=max_connections, rate_limit=rate_limit, timer=self._timer
        )
        self._max_first_check = max_first_check
        self._request_timeout = request_timeout
        self._transport: Transport | None = None
        self._scheduler: Scheduler | None = None
        self._tg: anyio.abc.TaskGroup | None = None
        self._background: asyncio.Task[None] | None = None
        self._jobs: dict[str, Job] = {}
        self._legacy_ids: set[str] = set()
        self._closed = False

    def __repr__(self) -> str:
        state = "open" if self._scheduler is not None else "closed"
        return f"<aiovideo.Client {self.base_url} {state}>"

    # Lifecycle.

    async def __aenter__(self) -> Self:
        if self._scheduler is not None or self._closed:
            raise ConfigurationError("a Client can be entered once; make a new one")
        if self._user_session is not None:
            self._session = self._user_session
        else:
            connector = aiohttp.TCPConnector(limit=self._budget.max_connections)
            self._session = aiohttp.ClientSession(connector=connector)
        self._transport = Transport(
            api_key=self._key,
            base_url=self.base_url,
            session=self._session,
            budget=self._budget,
            request_timeout=self._request_timeout,
        )
        self._scheduler = Scheduler(
            self._check,
            timer=self._timer,
            budget=self._budget,
            poll_interval=self.poll_interval,
            max_first_check=self._max_first_check,
            prior=lambda model: spec.typical_seconds if (spec := lookup(model)) else None,
        )
        # The task group lives in a task of its own, owned here and awaited on exit, rather
        # than in the caller's task: a cancel scope must be exited by the task that entered
        # it, and users (pytest fixtures, app lifespans) often enter and leave a client from
        # different tasks.
        ready = asyncio.Event()
        self._background = asyncio.create_task(self._host(ready), name="aiovideo-scheduler")
        await ready.wait()
        return self

    async def _host(self, ready: asyncio.Event) -> None:
        assert self._scheduler is not None
        async with anyio.create_task_group() as tg:
            self._tg = tg
            tg.start_soon(self._scheduler.run)
            ready.set()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        scheduler, tg = self._scheduler, self._tg
        self._closed = True
        try:
            if scheduler is not None:
                pending = scheduler.close(
                    lambda gid: ClientClosedError(
                        f"the client closed while generation {gid} was pending; resume it "
                        "with client.track(id)",
                        generation_id=gid,
                    )
                )
                if pending:
                    log.info("client closed with %d generations pending", pending)
            if tg is not None:
                # Every task in the group (the scheduler loop, checks in flight, feeds of
                # generate_many) stops at its next await once cancelled.
                tg.cancel_scope.cancel()
            if self._background is not None:
                with anyio.move_on_after(1.0, shield=True):
                    await asyncio.wait({self._background})
                if not self._background.done():  # pragma: no cover  (a task ignoring cancel)
                    log.warning("aiovideo background tasks did not stop within 1 s")
                elif not self._background.cancelled() and self._background.exception():
                    log.error("aiovideo scheduler failed", exc_info=self._background.exception())
        finally:
            self._scheduler = None
            self._tg = None
            if self._session is not None and self._session is not self._user_session:
                with anyio.move_on_after(1.0, shield=True):
                    await self._session.close()
            self._session = None

    def _open(self) -> tuple[Transport, Scheduler]:
        if self._transport is None or self._scheduler is None:
            raise ConfigurationError(
                "the client is not open: use `async with aiovideo.Client(...) as client:`"
            )
        return self._transport, self._scheduler

    # Requests.

    @staticmethod
    def _request(request: VideoRequest | None, fields: dict[str, Any]) -> VideoRequest:
        if request is None:
            return VideoRequest.from_mapping(fields)
        if not isinstance(request, VideoRequest):
            raise ConfigurationError(
                f"submit takes a VideoRequest or keywords, got {type(request).__name__}"
            )
        if fields:
            raise ConfigurationError(
                f"pass either a VideoRequest or keywords, not both (got {sorted(fields)})"
            )
        return request

    def _deadline(self, timeout: float | None) -> float | None:
        chosen = self.timeout if timeout is _DEFAULT else timeout
        _check_positive("timeout", chosen)
        return None if chosen is None else self._timer.now() + chosen

    async def submit(
        self,
        request: VideoRequest | None = None,
        /,
        *,
        timeout: float | None = _DEFAULT,
        **fields: Any,
    ) -> Job:
        """Submit one generation (one POST) and return its Job, already being tracked.

        Args:
            request: a VideoRequest; or give `model=`, `prompt=` and fields as keywords.
            timeout: this Job's deadline in seconds (default: the client's).
            **fields: request fields, sent as is (validated for known models).

        Raises:
            ValidationError: before any request, if the request breaks the model table.
            APIStatusError, TransportError, ResponseFormatError: the submit failed.
        """
        req = self._request(request, fields)
        deadline = self._deadline(timeout)
        transport, scheduler = self._open()
        path = submit_path(req, legacy=self.legacy)
        body = req.body()
        # Up to 10 tries in 5 minutes: only refusals are retried, and the budget slows the
        # whole client on a 429, so a bulk submit against a rate limit gets through in time.
        async for attempt in stamina.retry_context(on=_submit_retryable, attempts=10, timeout=300):
            with attempt:
                async with self._budget.slot():
                    payload = await transport.request("POST", path, json_body=body)
        if isinstance(payload, Mapping) and "status" not in payload:
            payload = {**payload, "status": "queued"}  # older submit replies carry only an id
        generation = parse_generation(payload)
        if path == LEGACY_PATH:
            self._legacy_ids.add(generation.id)
        job = self._new_job(generation.id)
        job._observe(generation)
        scheduler.add(job, model=req.model, deadline=deadline)
        return job

    def _new_job(self, generation_id: str) -> Job:
        job = Job(generation_id, on_cancel=self._forget)
        self._jobs[generation_id] = job
        return job

    def _forget(self, job: Job) -> None:
        if self._scheduler is not None:
            self._scheduler.discard(job.id)

    def track(
        self, generation_id: str, *, timeout: float | None = _DEFAULT, model: str | None = None
    ) -> Job:
        """Resume an existing generation: no POST; its first check is made at once.

        The same id twice gives the same Job while it is pending or once it ended on the
        server's word; a Job that ended locally (timeout, cancel, client closed) is replaced.

        Raises:
            ConfigurationError: an empty id, or the client is not open.
        """
        if not isinstance(generation_id, str) or not generation_id.strip():
            raise ConfigurationError(
                f"generation id must be a non-empty string, got {generation_id!r}"
            )
        _, scheduler = self._open()
        existing = self._jobs.get(generation_id)
        if existing is not None and (not existing.done() or existing._ended_remotely()):
            return existing
        deadline = self._deadline(timeout)
        job = self._new_job(generation_id)
        scheduler.add(job, model=model, deadline=deadline, submitted=False)
        return job

    async def generate(
        self,
        request: VideoRequest | None = None,
        /,
        *,
        timeout: float | None = _DEFAULT,
        **fields: Any,
    ) -> Video:
        """Submit one generation and wait for its video (`await (await submit(...))`)."""
        job = await self.submit(request, timeout=timeout, **fields)
        return await job

    def _status_path(self, generation_id: str) -> str:
        return LEGACY_PATH if generation_id in self._legacy_ids else UNIVERSAL_PATH

    async def _check(self, generation_id: str) -> Generation:
        """One status request, no retry (the scheduler owns retry timing)."""
        transport, _ = self._open()
        payload = await transport.request(
            "GET", self._status_path(generation_id), params={"generation_id": generation_id}
        )
        return self._attach(parse_generation(payload))

    def _attach(self, generation: Generation) -> Generation:
        if generation.video is None and not generation.videos:
            return generation
        # Downloads borrow the client's session and budget while it is open (the session is
        # read at each download: once closed, a Video fetches with a session of its own).
        fetcher = Fetcher(lambda: self._session, self._budget)
        videos = tuple(attrs.evolve(video, fetcher=fetcher) for video in generation.videos)
        first = generation.video
        video = attrs.evolve(first, fetcher=fetcher) if first is not None else None
        return attrs.evolve(generation, video=video, videos=videos)

    async def get(self, generation_id: str) -> Generation:
        """One status check (retried on transient failures), as a `Generation`.

        Raises:
            NotFoundError: unknown id. APIStatusError, TransportError: the check failed.
        """
        if not isinstance(generation_id, str) or not generation_id.strip():
            raise ConfigurationError(
                f"generation id must be a non-empty string, got {generation_id!r}"
            )
        transport, _ = self._open()
        async for attempt in stamina.retry_context(on=_status_retryable, attempts=5, timeout=120):
            with attempt:
                async with self._budget.slot():
                    payload = await transport.request(
                        "GET",
                        self._status_path(generation_id),
                        params={"generation_id": generation_id},
                    )
        return self._attach(parse_generation(payload))

    async def generate_many(
        self,
        requests: Iterable[VideoRequest | Mapping[str, Any]]
        | AsyncIterable[VideoRequest | Mapping[str, Any]],
        *,
        max_in_flight: int = 100,
        timeout: float | None = _DEFAULT,
    ) -> AsyncGenerator[Job, None]:
        """Submit lazily, at most `max_in_flight` generations pending; yield Jobs as they finish.

        Failed generations are yielded too (awaiting them raises). If a submit fails, no more
        are submitted; the Jobs already submitted are still yielded, then the error is raised.
        Stopping the iteration stops submitting; submitted Jobs go on being tracked.
        """
        if not isinstance(max_in_flight, int) or max_in_flight < 1:
            raise ConfigurationError(f"max_in_flight must be an int >= 1, got {max_in_flight!r}")
        self._open()
        assert self._tg is not None
        feed = _Feed(self, max_in_flight, timeout)
        self._tg.start_soon(feed.run, requests)
        try:
            while True:
                item = await feed.finished.get()
                if item is None:
                    break
                yield item
        finally:
            feed.stop()
        if feed.error is not None:
            raise feed.error


class _Feed:
    """The submitting side of generate_many, run in the client's task group."""

    def __init__(self, client: Client, max_in_flight: int, timeout: float | None) -> None:
        self.client = client
        self.timeout = timeout
        self.slots = asyncio.Semaphore(max_in_flight)
        self.finished: asyncio.Queue[Job | None] = asyncio.Queue()
        self.error: BaseException | None = None
        self.scope = anyio.CancelScope()
        self._open = 1  # the feeding loop itself, plus one per unfinished submit or job

    def stop(self) -> None:
        self.scope.cancel()

    def _done_one(self) -> None:
        self._open -= 1
        if self._open == 0:
            self.finished.put_nowait(None)

    def _job_done(self, job: Job) -> None:
        self.slots.release()
        self.finished.put_nowait(job)
        self._done_one()

    async def run(self, requests: Any) -> None:
        try:
            async with anyio.create_task_group() as submits:
                with self.scope:
                    async for item in _aiter(requests):
                        await self.slots.acquire()
                        if self.error is not None:
                            break
                        self._open += 1
                        submits.start_soon(self._submit, item)
        except Exception as exc:  # the user's iterable itself failed
            self.error = exc
        finally:
            self._done_one()

    async def _submit(self, item: VideoRequest | Mapping[str, Any]) -> None:
        try:
            request = item if isinstance(item, VideoRequest) else VideoRequest.from_mapping(item)
            job = await self.client.submit(request, timeout=self.timeout)
        except AiovideoError as exc:
            if self.error is None:
                self.error = exc
            self.scope.cancel()
            self.slots.release()
            self._done_one()
            return
        job.add_done_callback(self._job_done)


async def _aiter(items: Any) -> AsyncIterator[Any]:
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item
