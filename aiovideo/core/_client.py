"""The Client: its lifecycle, submit (with retry), track and get; one shared scheduler
resolves their Jobs. What it leans on lives beside it: option checks in `_options`, the spend
ledger in `_spending`, `generate_many`'s feed in `_feed`, the usage-log pager in `_usage`,
and which path a request takes in `_routes`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import math
import weakref
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from decimal import Decimal
from types import TracebackType
from typing import Any, Self

import aiohttp
import anyio
import anyio.abc
import attrs

from aiovideo.core._budget import Budget, Slots
from aiovideo.core._clock import RealTimer, Timer
from aiovideo.core._download import Fetcher
from aiovideo.core._exceptions import (
    AiovideoError,
    ClientClosedError,
    ConfigurationError,
    RateLimitError,
    ResponseFormatError,
    ServerError,
    TransportError,
)
from aiovideo.core._feed import Feed
from aiovideo.core._job import Job, failure_of
from aiovideo.core._models import MODELS, ModelInfo, check_model, lookup
from aiovideo.core._options import (
    DEFAULT_BASE_URL,
    check_int,
    check_positive,
    request_id_header,
    resolve_base_url,
    resolve_key,
)
from aiovideo.core._recent import DEFAULT_RECENT_SECONDS, DEFAULT_RECENT_SIZE, RecentlyFinished
from aiovideo.core._request import VideoRequest, build_request
from aiovideo.core._retry import RetryPolicy, retrying
from aiovideo.core._routes import Routes, submit_path
from aiovideo.core._scheduler import Scheduler
from aiovideo.core._spending import SpendLedger
from aiovideo.core._transport import MAX_PAUSE, MAX_RESPONSE_BYTES, APIKey, Params, Transport
from aiovideo.core._typed import typed_async, untyped
from aiovideo.core._usage import usage_records
from aiovideo.core._values import Cost, Generation, Money, UsageRecord, Video
from aiovideo.core._wire import Phase, classify, parse_generation

__all__ = ["DEFAULT_BASE_URL", "Client"]

log = logging.getLogger("aiovideo")

_TWO_SUBMITS = (
    "generation %s was answered to two submits (the server gave an id it gave before): one "
    "generation, polled and counted once; each submit has a Job of its own"
)

# How many model ids newer than the table a client warns about (once each), at most.
_MAX_NEWER_MODELS = 1000
# How many Jobs of submits whose caller left `orphaned_jobs` keeps (the latest); each is
# also named in a WARNING.
_MAX_ORPHANS = 1000


def _check_options(
    *,
    seconds: Mapping[str, object],
    optional: Mapping[str, object],
    max_connections: object,
    max_downloads: object,
    max_response_bytes: object,
    flags: Mapping[str, object],
    recent_finished: object,
    session: object,
    timer: object,
) -> None:
    """The Client's options, each refused with its name and value (`ConfigurationError`)."""
    for name, value in seconds.items():
        check_positive(name, value, allow_none=False)
    for name, value in optional.items():
        check_positive(name, value)
    check_int("max_connections", max_connections, 1)
    check_int("max_downloads", max_downloads, 1)
    check_int("max_response_bytes", max_response_bytes, 1024)
    for name, flag in flags.items():
        if not isinstance(flag, bool):
            raise ConfigurationError(f"{name} must be True or False, got {flag!r}")
    check_int("recent_finished", recent_finished, 0)
    if session is not None and not isinstance(session, aiohttp.ClientSession):
        raise ConfigurationError(
            f"session must be an aiohttp.ClientSession, got {type(session).__name__}"
        )
    if timer is not None and not (
        callable(getattr(timer, "now", None)) and callable(getattr(timer, "sleep_until", None))
    ):
        raise ConfigurationError(f"timer must have now() and sleep_until(), got {timer!r}")


@attrs.define
class _Sending:
    """Where one submit is: its POST on the wire; answered, and not yet a Job or an error
    (accepted, or failed for good: either may be billed); its caller gone. A try the server
    refused is none of these: waiting to try again, nothing of it is billed."""

    on_wire: bool = False
    accepted: bool = False
    failed: bool = False
    abandoned: bool = False

    @property
    def unanswered(self) -> bool:
        """A POST was sent, and its outcome has not reached the submit's caller yet."""
        return self.on_wire or self.accepted or self.failed


def _maybe_billed(exc: BaseException) -> bool:
    """A submit failure after which the server may have accepted (and billed) the POST."""
    if isinstance(exc, TransportError):
        return exc.request_sent
    return isinstance(exc, ResponseFormatError)


def _submit_retryable(exc: BaseException) -> bool | float:
    """A submit POST is repeated only when the server surely did not accept it."""
    if isinstance(exc, TransportError):
        return not exc.request_sent  # refused: never reached the server
    if isinstance(exc, RateLimitError):
        return exc.retry_after if exc.retry_after is not None else True
    return isinstance(exc, ServerError) and exc.status_code == 503


def _status_retryable(exc: BaseException) -> bool | float:
    """A status check is safe to repeat on any transient failure."""
    if isinstance(exc, RateLimitError):
        return exc.retry_after if exc.retry_after is not None else True
    return isinstance(exc, ServerError | TransportError | ResponseFormatError)


# Up to 10 tries in 5 minutes: only refusals are retried, and the budget slows the whole
# client on a 429, so a bulk submit against a rate limit gets through in time.
_SUBMIT_RETRY = RetryPolicy(attempts=10, timeout=300.0)
_STATUS_RETRY = RetryPolicy(attempts=5, timeout=120.0)


def _with_cost(generation: Generation, header_cost: Cost | None) -> Generation:
    """The reply's cost: its body's `meta.usage`, else its cost headers."""
    if generation.cost is not None or header_cost is None:
        return generation
    return attrs.evolve(generation, cost=header_cost)


def _submitted(payload: Any) -> Generation:
    """The Generation of a submit reply; one with a readable id is never lost.

    A reply that carries an id but a bad status or video (the server accepted, and bills,
    that generation) is taken as `queued`: the polls will tell its real state.
    """
    if isinstance(payload, Mapping) and "status" not in payload:
        payload = {**payload, "status": "queued"}  # older submit replies carry only an id
    try:
        return parse_generation(payload)
    except ResponseFormatError as exc:
        if not isinstance(payload, Mapping):
            raise
        ident = payload.get("id") or payload.get("generation_id")
        if not isinstance(ident, str) or not ident.strip():
            raise
        log.warning("generation %s: submit reply partly unreadable (%s); tracking it", ident, exc)
        return Generation(id=ident, status="queued", raw=dict(payload))


class Client:
    """An asyncio client for the AI/ML API video endpoints.

    Use it as `async with aiovideo.Client() as client:` (or `await client.open()` and
    `await client.aclose()` where startup and shutdown are separate hooks). Opening starts
    one scheduler that polls every pending generation under one request budget; closing
    stops it and ends every pending Job with `ClientClosedError` (carrying its id, to
    `track` it again later). The client keeps no finished Job: memory returns to where it
    was once the caller drops its Jobs, but for a bounded memory of the last snapshots of
    generations that finished (`recent_finished`, `recent_seconds`), so that `track` of one
    of them is done at once.

    Args:
        api_key: the key; None reads AIMLAPI_API_KEY, then AIML_API_KEY.
        base_url: the API root; None reads AIMLAPI_BASE_URL, else https://api.aimlapi.com.
        poll_interval: seconds between two status checks of one generation (a floor).
        timeout: default per-generation deadline in seconds (None: wait forever).
        session: an aiohttp session to use; the client never closes it.
        max_connections: API requests in flight at once, across submits and checks.
        max_downloads: video transfers in flight at once, with slots of their own: a slow
            file host never holds the slots the API calls need.
        rate_limit: requests per second at most (None: adapt to 429s only).
        max_first_check: the latest, in seconds after submit, of a generation's first check.
        legacy: use the legacy Google path for the models it serves.
        request_timeout: seconds for one request, from connecting to the last byte.
        max_pause: the longest, in seconds, a `Retry-After` may pause the client (60 s).
        max_response_bytes: an API reply larger than this is refused (16 MiB).
        not_found_window: seconds a generation may answer 404 before its Job ends (60 s;
            the provider's store can lag behind its own submit reply).
        max_spend_usd: once what this client's generations cost (`spent`), plus what those
            still pending are expected to cost, reaches this, `submit` raises
            `SpendLimitError` before any POST (None: no limit). A Decimal, an int, a float or
            a numeric string, converted once and exactly (a float through its shortest text:
            `0.1` is `Decimal("0.1")`) and compared exactly. The API reports a cost once
            a generation completes: pending ones count at the last price seen for their
            model, and before any generation of a model has completed they count as 0, so
            the first wave of a model can overshoot by up to its size times its price. A
            generation counts at the largest cost it reported (`Job.counted_cost`).
        strict_models: refuse (`ValidationError`, before any request) every model id the
            model table does not know. By default an id close to a known one
            (`google/veo-3`) is refused naming it, and one unlike any known is sent as a
            model newer than the table, unchecked, with a warning logged once per id.
        recent_finished: how many finished generations the client remembers (their last
            snapshot), so that `track` of one is done at once (1000; 0: none).
        recent_seconds: how long, after it finished, a generation is remembered (3600 s).
        allow_private_downloads: let videos be fetched from private, loopback and link-local
            addresses (10.x, 127.0.0.1, 169.254.169.254, ...). Off by default: a video URL
            comes from a reply, and a web app must not fetch its own internal endpoints for
            a user. Allowed anyway when the API itself is on such an address (the emulator).
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
        max_downloads: int = 16,
        rate_limit: float | None = None,
        max_first_check: float | None = None,
        legacy: bool = False,
        request_timeout: float = 60.0,
        max_pause: float = MAX_PAUSE,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        not_found_window: float = 60.0,
        max_spend_usd: Money | None = None,
        strict_models: bool = False,
        recent_finished: int = DEFAULT_RECENT_SIZE,
        recent_seconds: float = DEFAULT_RECENT_SECONDS,
        allow_private_downloads: bool = False,
        timer: Timer | None = None,
    ) -> None:
        # Long for its twenty options alone: each is checked (`_check_options`) and kept
        # once, here, with the state the lifecycle and the submits share.
        self._key = APIKey(resolve_key(api_key))
        self.base_url = resolve_base_url(base_url)
        _check_options(
            seconds={
                "poll_interval": poll_interval,
                "request_timeout": request_timeout,
                "max_pause": max_pause,
                "not_found_window": not_found_window,
                "recent_seconds": recent_seconds,
            },
            optional={
                "timeout": timeout,
                "rate_limit": rate_limit,
                "max_first_check": max_first_check,
            },
            max_connections=max_connections,
            max_downloads=max_downloads,
            max_response_bytes=max_response_bytes,
            flags={
                "legacy": legacy,
                "strict_models": strict_models,
                "allow_private_downloads": allow_private_downloads,
            },
            recent_finished=recent_finished,
            session=session,
            timer=timer,
        )
        self.poll_interval = float(poll_interval)
        self.timeout = timeout
        self.legacy = legacy
        self.strict_models = strict_models
        self._newer_models: set[str] = set()  # unknown ids warned about, once each
        self._user_session = session
        self._session: aiohttp.ClientSession | None = None
        self._timer: Timer = timer or RealTimer()
        self._budget = Budget(
            max_connections=max_connections, rate_limit=rate_limit, timer=self._timer
        )
        self._downloads = Slots(max_downloads)
        self._allow_private_downloads = allow_private_downloads
        self._max_first_check = max_first_check
        self._request_timeout = request_timeout
        self._max_pause = float(max_pause)
        self._max_response_bytes = max_response_bytes
        self._not_found_window = float(not_found_window)
        self._transport: Transport | None = None
        self._scheduler: Scheduler | None = None
        self._tg: anyio.abc.TaskGroup | None = None
        self._background: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # Weak: a Job lives while the scheduler tracks it or the caller holds it, no longer.
        self._jobs: weakref.WeakValueDictionary[str, Job] = weakref.WeakValueDictionary()
        self._orphans: dict[str, Job] = {}  # Jobs whose submit's caller was cancelled
        self._left: dict[str, asyncio.Task[Job]] = {}  # such submits awaiting their reply
        self._aborting = False  # `abort_submits()`: a cancelled submit is cut, even if sent
        self._sends: dict[asyncio.Task[Job], _Sending] = {}  # every submit's POST task
        self._routes = Routes()
        self._feeds: set[Feed] = set()
        self._closed = False
        self._closing = False
        self._closer: asyncio.Future[None] | None = None  # the close's cleanup, once begun
        self._draining = False  # `drain()` was called: no new submit POST
        self._ledger = SpendLedger(max_spend_usd)  # checks the limit (ConfigurationError)
        self._recent = RecentlyFinished(
            size=recent_finished, seconds=float(recent_seconds), timer=self._timer
        )
        self._on_the_wire = 0  # submit POSTs sent and not yet answered
        self._wire_idle = asyncio.Event()
        self._wire_idle.set()

    def __repr__(self) -> str:
        state = "open" if self._scheduler is not None else "closed"
        return f"<aiovideo.Client {self.base_url} {state}>"

    # Lifecycle.

    async def open(self) -> None:
        """Open the client: the same as entering `async with`.

        Raises:
            ConfigurationError: the client was opened before (make a new one).
        """
        if self._scheduler is not None or self._closed:
            raise ConfigurationError("a Client can be opened once; make a new one")
        self._loop = asyncio.get_running_loop()
        if self._user_session is not None:
            self._session = self._user_session
        else:
            # Room for both budgets: downloads never wait for a connection an API call needs.
            limit = self._budget.max_connections + self._downloads.limit
            connector = aiohttp.TCPConnector(limit=limit)
            self._session = aiohttp.ClientSession(connector=connector)
        self._transport = Transport(
            api_key=self._key,
            base_url=self.base_url,
            session=self._session,
            budget=self._budget,
            request_timeout=self._request_timeout,
            max_response_bytes=self._max_response_bytes,
            max_pause=self._max_pause,
        )
        self._scheduler = Scheduler(
            self._check,
            timer=self._timer,
            budget=self._budget,
            poll_interval=self.poll_interval,
            max_first_check=self._max_first_check,
            not_found_window=self._not_found_window,
            prior=lambda model: spec.typical_seconds if (spec := lookup(model)) else None,
        )
        # The task group lives in a task of its own, owned here and awaited on close, rather
        # than in the caller's task: a cancel scope must be exited by the task that entered
        # it, and users (pytest fixtures, app lifespans) often open and close a client from
        # different tasks.
        ready = asyncio.Event()
        self._background = asyncio.create_task(self._host(ready), name="aiovideo-scheduler")
        await ready.wait()

    async def __aenter__(self) -> Self:
        await self.open()
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
        await self.aclose()

    async def aclose(self) -> None:
        """Close the client: the same as leaving `async with`; a second call does nothing.

        Every pending Job ends with `ClientClosedError` (it carries the generation id), every
        `generate_many` loop ends once it has yielded those Jobs, and every `job.updates()`
        iterator waiting for a change of those Jobs stops at once (without raising).
        Cancelling the close (`asyncio.wait_for(client.aclose(), 0.1)`) cuts only its wait
        for submits on the wire: the cleanup runs all the same, and a later `aclose()` waits
        for it to finish.
        """
        self._closed = self._closing = True  # no new POST from here on
        try:
            if self._closer is None and self._on_the_wire:
                await self._wait_for_the_wire()
        finally:
            if self._closer is None:
                self._end_pending()
                # The awaits of the cleanup run in a task of their own, shielded: a caller
                # that gives up cannot cut them, and every later aclose() awaits the same.
                self._closer = asyncio.ensure_future(self._stop_background())
            await asyncio.shield(self._closer)

    async def _wait_for_the_wire(self) -> None:
        # A POST on the wire may be billed already: give its reply a moment, so its id
        # reaches the caller (as a Job ended by the close), rather than cutting it.
        grace = min(self._request_timeout, 10.0)
        log.info("closing: waiting up to %g s for %d submits", grace, self._on_the_wire)
        with anyio.move_on_after(grace, shield=True):
            await self._replies()
        if self._on_the_wire:
            log.warning(
                "client closed with %d submits on the wire: if the server accepted "
                "them, their generation ids are unknown",
                self._on_the_wire,
            )

    def _end_pending(self) -> None:
        """The synchronous half of the close: no await, so no cancellation can cut it."""
        scheduler, tg = self._scheduler, self._tg
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
        for feed in list(self._feeds):
            feed.close()
        for task in self._detached():  # past the close's wait: cut (the close logs how many)
            task.cancel()
        if tg is not None:
            # Every task in the group (the scheduler loop, checks in flight, feeds of
            # generate_many) stops at its next await once cancelled.
            tg.cancel_scope.cancel()
        self._scheduler = None
        self._tg = None
        self._transport = None

    async def _stop_background(self) -> None:
        """The awaiting half of the close, each wait bounded: the background task, the session."""
        try:
            if self._background is not None:
                with anyio.move_on_after(1.0, shield=True):
                    await asyncio.wait({self._background})
                if not self._background.done():  # pragma: no cover  (a task ignoring cancel)
                    log.warning("aiovideo background tasks did not stop within 1 s")
                elif not self._background.cancelled() and self._background.exception():
                    log.error("aiovideo scheduler failed", exc_info=self._background.exception())
        finally:
            if self._session is not None and self._session is not self._user_session:
                with anyio.move_on_after(1.0, shield=True):
                    await self._session.close()
            self._session = None

    @contextlib.contextmanager
    def _posting(self) -> Iterator[None]:
        """Count a submit POST on the wire, so that a close can wait for its reply."""
        self._on_the_wire += 1
        self._wire_idle.clear()
        try:
            yield
        finally:
            self._on_the_wire -= 1
            if not self._on_the_wire:
                self._wire_idle.set()

    def _open(self) -> tuple[Transport, Scheduler]:
        if self._transport is None or self._scheduler is None or self._closing:
            raise ConfigurationError(
                "the client is not open: use `async with aiovideo.Client(...) as client:` "
                "or `await client.open()`"
            )
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not self._loop:
            raise ConfigurationError(
                "this client belongs to the event loop that opened it; call it from that "
                "loop, or make one client per event loop"
            )
        if self._scheduler.failure is not None:
            raise AiovideoError(
                f"the client's scheduler stopped ({self._scheduler.failure!r}); make a new client"
            ) from self._scheduler.failure
        return self._transport, self._scheduler

    # Requests.

    def _deadline(self, timeout: float | None) -> float | None:
        """A Job's deadline: None takes the client's `timeout`, `math.inf` means none."""
        if timeout is None:
            timeout = self.timeout
        elif timeout == math.inf:
            return None
        check_positive("timeout", timeout)
        return None if timeout is None else self._timer.now() + timeout

    def check_model(self, model: str) -> ModelInfo | None:
        """What this client makes of a model id, before any request: `submit` asks it too.

        An id unlike any known is taken as a model newer than the table: a warning says so
        on the `aiovideo` logger, once per id and client (for its first 1,000 such ids).

        Args:
            model: a model id.

        Returns:
            The id's `ModelInfo`, or None for a model newer than the table (sent unchecked).

        Raises:
            ValidationError: an id close to a known one (naming it), or any unknown id when
                the client has `strict_models`.
        """
        spec = check_model(model, strict=self.strict_models)
        # Bounded: a service passing on its users' ids must not grow without end.
        seen = self._newer_models
        if spec is None and model not in seen and len(seen) < _MAX_NEWER_MODELS:
            seen.add(model)
            log.warning(
                "model %r is not among the %d models aiovideo knows: sent as a model newer "
                "than its table, fields unchecked (strict_models=True refuses unknown ids)",
                model,
                len(MODELS),
            )
        return spec

    @typed_async  # per model, for type checkers: see _typed
    async def submit(
        self,
        request: VideoRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        client_request_id: str | None = None,
        extra_fields: Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> Job:
        """Submit one generation (one POST) and return its Job, already being tracked.

        Args:
            request: a VideoRequest; or give `model=`, `prompt=` and fields as keywords.
            timeout: this Job's deadline in seconds (None: the client's; `math.inf`: none).
            client_request_id: sent as `X-Client-Request-Id` (1-128 of `A-Za-z0-9._:-`), so
                the POST can be found in the usage logs; the same on every retry of it.
            extra_fields: fields sent untouched, past the model table (a field a known
                model's table does not list yet); with keywords only.
            **fields: request fields (validated for known models: a field the model does not
                take is refused, with the closest one it does).

        Returns:
            The generation's Job, already being tracked. A server answering an id it gave an
            earlier submit (one generation for two submits) still gives this submit a Job of
            its own (its `request`, its deadline); the id is polled once, both Jobs end with
            its outcome (at once if it had finished), its cost counts once, and a WARNING
            says so.

        Raises:
            ConfigurationError: before any request, a malformed `client_request_id` or a bad
                timeout, or the client is not open (or is draining).
            ValidationError: before any request, if the request breaks the model table, its
                model id is close to a known one, or unknown under `strict_models`.
            SpendLimitError: before any request, it would pass `max_spend_usd`.
            APIStatusError, TransportError, ResponseFormatError: the submit failed.
        """
        headers = request_id_header(client_request_id)
        if extra_fields is not None:
            fields["extra_fields"] = extra_fields
        req = await build_request(request, fields)  # images are read off the event loop
        self.check_model(req.model)
        deadline = self._deadline(timeout)
        self._open()
        sending = _Sending()
        # The POST and the Job run in a task of their own: a caller cancelled once the POST
        # is on the wire (it may be billed) leaves, and its reply is still turned into a Job.
        task = asyncio.ensure_future(self._send(req, headers, deadline, sending))
        self._sends[task] = sending
        task.add_done_callback(self._sends.pop)
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            if task.done():
                self._abandoned(req.model, task)  # at once: its Job is in orphaned_jobs now
            elif sending.unanswered and not self._aborting:
                sending.abandoned = True  # no retry: the caller wants no new POST
                self._leave(task, req.model, client_request_id)
            else:
                task.cancel()  # no POST in flight nor accepted: nothing more is sent
            raise

    def _leave(self, task: asyncio.Task[Job], model: str, request_id: str | None) -> None:
        """Let a submit's task go on without its caller (its POST may be billed)."""
        task.add_done_callback(functools.partial(self._abandoned, model))
        if request_id is not None:
            self._left[request_id] = task

            def forget(_: object) -> None:
                if self._left.get(request_id) is task:  # not a later submit's, of the same id
                    del self._left[request_id]

            task.add_done_callback(forget)

    def _abandoned(self, model: str, task: asyncio.Task[Job]) -> None:
        """A submit whose caller was cancelled with its POST on the wire: the Job of an
        accepted one is kept (`orphaned_jobs`) and tracked, and a WARNING names its id."""
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            job = task.result()
            self._orphan(job)
            log.warning(
                "a submit (%s) was cancelled with its POST on the wire; the server accepted "
                "it as generation %s: tracked by this client (client.orphaned_jobs, "
                "client.track(%r))",
                model,
                job.id,
                job.id,
            )
        elif _maybe_billed(exc):
            log.warning(
                "a submit (%s) was cancelled with its POST on the wire, and its reply was "
                "lost (%s): it may be billed without an id",
                model,
                exc,
            )

    def _orphan(self, job: Job) -> None:
        self._orphans[job.id] = job
        if len(self._orphans) > _MAX_ORPHANS:  # a service's dropped requests, for weeks
            del self._orphans[next(iter(self._orphans))]

    def abort_submits(self) -> int:
        """Stop waiting for the replies of submits on the wire, for an abort that must not
        wait (a second Ctrl-C): those whose caller is cancelled from now on, or was already,
        are cut. Each may have been accepted and billed, its id then unknown (a journal keeps
        its request id, for `settle`).

        Returns:
            How many submit POSTs were on the wire.
        """
        self._aborting = True
        for task in self._detached():
            task.cancel()
        return self._on_the_wire

    def _detached(self) -> list[asyncio.Task[Job]]:
        """The submits going on without their caller (each may be billed)."""
        return [task for task, sending in self._sends.items() if sending.abandoned]

    def abandoned_submit(self, client_request_id: str) -> asyncio.Future[Job] | None:
        """The submit sent with this `client_request_id` whose caller was cancelled with its
        POST on the wire, while its reply is awaited: a future of its Job (or of its error),
        for code that keeps its own record of ids (a journal); None if there is none.
        """
        return self._left.get(client_request_id)

    @property
    def orphaned_jobs(self) -> tuple[Job, ...]:
        """Jobs of submits whose caller was cancelled while the POST was on the wire.

        Such a POST may be billed: its reply is still awaited, and a generation it starts is
        tracked like any other (its cost counts in `spent`), kept here (the latest 1,000) and
        named in a WARNING on the `aiovideo` logger, so that nothing paid for is lost with the
        cancelled caller.
        """
        return tuple(self._orphans.values())

    async def _send(
        self,
        req: VideoRequest,
        headers: dict[str, str] | None,
        deadline: float | None,
        sending: _Sending,
    ) -> Job:
        """The POST of `submit`, and the Job of its reply, already tracked."""
        path = submit_path(req, legacy=self.legacy)
        payload, header_cost, estimate, scheduler = await self._post(req, path, headers, sending)
        generation = _with_cost(_submitted(payload), header_cost)
        log.debug("generation %s: submitted (%s)", generation.id, req.model)
        shared = self._answered_again(generation, req, deadline, scheduler)
        if shared is not None:
            return shared
        job = self._new_job(generation.id, req)
        first = self._jobs.get(generation.id)
        if first is not None:  # its first Job ended here, not on the server's word
            log.warning(_TWO_SUBMITS, generation.id)
            job._share(first)  # what it counted stays counted once
        self._jobs[generation.id] = job
        self._ledger.reserve(job, req.model, estimate)
        self._routes.submitted(job.id, path)
        job.add_done_callback(self._unroute)
        job._observe(generation)
        scheduler.add(job, model=req.model, deadline=deadline)
        return job

    def _unroute(self, job: Job) -> None:
        # Another Job of the same generation may still be tracked (one id answered to two
        # submits): its checks still need the path.
        if self._scheduler is None or job.id not in self._scheduler:
            self._routes.forget(job.id)

    def _answered_again(
        self,
        generation: Generation,
        request: VideoRequest,
        deadline: float | None,
        scheduler: Scheduler,
    ) -> Job | None:
        """A Job of its own for a submit the server answered with an id it gave an earlier
        submit of this client, still tracked or seen finished (one generation answered to two
        submits: a buggy or deduplicating provider); None when the id is new here.

        The id is polled once and its cost counted once: the new Job follows the first one's
        checks (pending), or is done at once from its outcome (finished).
        """
        gid = generation.id
        first = scheduler.lead(gid)
        if first is not None:
            job = Job(gid, on_cancel=self._forget, request=request)
            job._share(first)
            job._observe(first.snapshot or generation)
            # It may come to lead the checks (the first cancelled or past its deadline).
            job.add_done_callback(self._remember)
            job.add_done_callback(self._unroute)
        else:
            first = self._jobs.get(gid)
            snapshot = self._recent.get(gid)
            if snapshot is None and first is not None and first._ended_remotely():
                snapshot = first.snapshot
            if snapshot is None:
                return None  # new here, or its first Job ended before the server's word
            job = self._recalled(gid, snapshot, request=request)
        log.warning(_TWO_SUBMITS, gid)
        if generation.cost is not None:
            if first is not None:
                first._count(generation.cost)  # a larger report counts (once), through it
            job._count(generation.cost)
        if not job.done():
            scheduler.follow(job, deadline=deadline)
        return job

    async def _post(
        self, req: VideoRequest, path: str, headers: dict[str, str] | None, sending: _Sending
    ) -> tuple[Any, Cost | None, Decimal, Scheduler]:
        """The submit POST, retried while the server surely did not accept it.

        Returns:
            The reply, the cost its headers report, what the request is expected to cost,
            and the scheduler to track it with (the one open when the reply came).
        """
        body = req.body()
        async for attempt in retrying(_submit_retryable, _SUBMIT_RETRY, what=f"POST {path}"):
            with attempt:
                if sending.abandoned:  # its caller left, and this try was refused: stop
                    raise asyncio.CancelledError
                self._open()  # closed between two tries: stop here
                self._refuse_if_draining()
                async with self._budget.slot():
                    # Checked again: a drain or close may have begun while this waited its turn.
                    transport, scheduler = self._open()
                    self._refuse_if_draining()
                    with self._ledger.sending(req.model) as estimate, self._posting():
                        sending.on_wire = True
                        try:
                            payload, header_cost = await transport.request_with_cost(
                                "POST", path, json_body=body, headers=headers
                            )
                        except BaseException as exc:
                            # Not tried again: the submit ends with it (it may be billed).
                            sending.failed = _submit_retryable(exc) is False
                            raise
                        finally:
                            sending.on_wire = False
                        sending.accepted = True
                    return payload, header_cost, estimate, scheduler
        raise AssertionError("unreachable: the last failed try raises")  # pragma: no cover

    def _refuse_if_draining(self) -> None:
        if self._draining:
            # Only refusals are retried (`_submit_retryable`), so no earlier try of this
            # submit can have been accepted either: nothing of it was billed.
            raise ConfigurationError(
                "the client is draining (no new submits): this request was not sent"
            )

    async def drain(self, timeout: float | None = None) -> int:
        """Stop sending submits, and wait for the replies of the POSTs already sent.

        From this call on, `submit`, `generate` and `generate_many` raise `ConfigurationError`
        before any POST; Jobs already submitted go on being tracked. A POST
        already sent may have been accepted and billed: waiting for its reply gets its id to
        its caller (or, if that caller was cancelled, into `orphaned_jobs`). Call it first
        in a graceful shutdown (a signal handler, an app's shutdown hook), then `aclose()`.

        Args:
            timeout: seconds to wait at most (default: the client's request timeout).

        Returns:
            How many POSTs were still unanswered when it stopped waiting (0: every reply came).

        Raises:
            ConfigurationError: `timeout` is not a positive number.
        """
        check_positive("timeout", timeout)
        self._draining = True
        if self._on_the_wire or self._sends:
            wait = self._request_timeout if timeout is None else timeout
            # Not shielded: a caller that gives up (a second Ctrl-C) stops waiting at once.
            with anyio.move_on_after(wait):
                await self._replies()
        return self._on_the_wire

    async def _replies(self) -> None:
        """Wait until no submit POST is on the wire, and each reply has become its Job."""
        await self._wire_idle.wait()
        # A submit's reply reaches its caller (or `orphaned_jobs`) through the submit's own
        # task, a step after the wire went idle. Once that task is done its callbacks have
        # run, the caller's wake-up first, so the caller has its Job (or error) before any
        # later step of this waiter (a close ending the caller's task group, say).
        sent = {task for task, sending in self._sends.items() if sending.unanswered}
        if sent:
            await asyncio.wait(sent)

    @property
    def submits_on_the_wire(self) -> int:
        """Submit POSTs sent and not yet answered (each may be billed already)."""
        return self._on_the_wire

    async def usage_logs(
        self,
        *,
        start: float,
        end: float | None = None,
        models: Sequence[str] = (),
        statuses: Sequence[str] = (),
    ) -> AsyncGenerator[UsageRecord, None]:
        """The usage logs (`GET /v2/logs`) of this key, newest first, page after page.

        The API fills them from an analytics pipeline: a request may show up minutes after
        it was made (a video generation, once it has finished). Failed requests cost nothing.

        Args:
            start: the window's start, epoch seconds.
            end: the window's end, epoch seconds (default: now); at most 92 days after start.
            models: keep only these model ids (matched exactly by the API).
            statuses: keep only `succeeded` and/or `failed` rows.

        Yields:
            A `UsageRecord` per request, fetched a page (100 rows) at a time; the paging
            stops at the first row older than `start`.

        Raises:
            APIStatusError, TransportError, ResponseFormatError: a page could not be read
                (each is retried on transient failures and 429s first).
            ResponseFormatError: the server says more pages follow past 500 pages or 120 s
                of paging (a list cut short is never passed off as the whole window).
        """
        async for record in usage_records(
            self._get_json,
            start=start,
            end=end,
            models=models,
            statuses=statuses,
            clock=self._timer.now,
        ):
            yield record

    @property
    def spent(self) -> Cost:
        """What this client's generations have cost so far, as the API reported it.

        Each generation counts once, at the largest cost reported for it (the submit reply,
        a status reply or its headers: `Job.counted_cost`), so a later report of less never
        lowers it; the API reports a video's cost once it completes. The USD amount is an
        exact `Decimal`: 30 costs of 0.06 sum to exactly 1.80.
        """
        return self._ledger.spent

    @property
    def spend_limited(self) -> bool:
        """True when the client has a `max_spend_usd`."""
        return self._ledger.limit is not None

    def expected_cost(self, model: str) -> Decimal | None:
        """What a generation of `model` is expected to cost: the last cost this client saw.

        Args:
            model: a model id.

        Returns:
            The USD cost the last generation of `model` reported, or None before one has.
        """
        return self._ledger.expected_cost(model)

    def expect_cost(self, model: str, usd: Money) -> None:
        """Tell the client what a generation of `model` costs, before one has reported it.

        `max_spend_usd` counts a pending generation at its model's expected cost; a client
        that has seen none of a model counts it as 0 until one reports. A price known from
        elsewhere (an earlier run's records) closes that gap. A cost reported later wins.

        Args:
            model: a model id.
            usd: what one generation of it costs, in USD (finite, >= 0): a Decimal, an int,
                a float or a numeric string, converted exactly as `max_spend_usd` is.

        Raises:
            ConfigurationError: `usd` is not a finite amount >= 0.
        """
        self._ledger.expect_cost(model, usd)

    def _new_job(self, generation_id: str, request: VideoRequest | None = None) -> Job:
        """A Job whose costs this client counts; the caller registers it (`_jobs`)."""
        job = Job(
            generation_id, on_cancel=self._forget, on_cost=self._ledger.count_cost, request=request
        )
        job.add_done_callback(self._remember)
        return job

    def _forget(self, job: Job) -> None:
        if self._scheduler is not None:
            self._scheduler.release(job)

    def _remember(self, job: Job) -> None:
        """Keep the last snapshot of a generation that finished (on the server's word), with
        the cost counted for it, for `track` to answer at once."""
        snapshot = job.snapshot
        if snapshot is None or not job._ended_remotely():
            return
        if job.counted_cost is not None and snapshot.cost != job.counted_cost:
            snapshot = attrs.evolve(snapshot, cost=job.counted_cost)
        self._recent.add(job.id, snapshot)

    def _recalled(
        self, generation_id: str, snapshot: Generation, *, request: VideoRequest | None = None
    ) -> Job:
        """A done Job from a remembered snapshot: no request, and its cost not counted again
        (no `on_cost`). The caller registers it (`_jobs`) if it is to be the id's Job."""
        job = Job(generation_id, on_cancel=self._forget, request=request)
        job._observe(snapshot)
        if classify(snapshot.status) is Phase.SUCCESS and snapshot.video is not None:
            job._resolve(snapshot.video)
        else:
            job._fail(failure_of(generation_id, snapshot))
        return job

    def track(
        self, generation_id: str, *, timeout: float | None = None, model: str | None = None
    ) -> Job:
        """Resume an existing generation: no POST; its first check is made at once.

        The same id twice gives the same Job while it is pending or once it ended on the
        server's word; a Job that ended locally (timeout, cancel, client closed) is replaced.
        A generation this client saw finish in the last `recent_seconds` (one of the last
        `recent_finished`) gives a Job done at once, from its last snapshot, with no request.

        Args:
            generation_id: the id a submit returned (`job.id`).
            timeout: the Job's deadline in seconds (None: the client's; `math.inf`: none).
            model: the generation's model, when known: it sets the first checks' timing.

        Returns:
            The Job, being tracked.

        Raises:
            ConfigurationError: an empty id, a bad timeout, or the client is not open.
        """
        if not isinstance(generation_id, str) or not generation_id.strip():
            raise ConfigurationError(
                f"generation id must be a non-empty string, got {generation_id!r}"
            )
        _, scheduler = self._open()
        existing = self._jobs.get(generation_id)
        if existing is not None and (not existing.done() or existing._ended_remotely()):
            return existing
        lead = scheduler.lead(generation_id)  # tracked by the Job of a second submit only
        if lead is not None:
            return lead
        remembered = self._recent.get(generation_id)
        if remembered is not None:
            job = self._jobs[generation_id] = self._recalled(generation_id, remembered)
            return job
        deadline = self._deadline(timeout)
        job = self._jobs[generation_id] = self._new_job(generation_id)
        if existing is not None:
            job._share(existing)  # ended here (a deadline, a cancel): its cost stays counted once
        scheduler.add(job, model=model, deadline=deadline, submitted=False)
        return job

    @typed_async
    async def generate(
        self,
        request: VideoRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        client_request_id: str | None = None,
        extra_fields: Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> Video:
        """Submit one generation and wait for its video (`await (await submit(...))`).

        Args:
            request, timeout, client_request_id, extra_fields, **fields: as for `submit`.

        Returns:
            The Video.

        Raises:
            Whatever `submit` raises, then whatever awaiting the Job raises
            (`GenerationFailedError`, `GenerationTimeoutError`, `ClientClosedError`, ...).
        """
        # Untyped: the fields pass on as given (the typed face checked the caller's call).
        job = await untyped(self.submit)(
            request,
            timeout=timeout,
            client_request_id=client_request_id,
            extra_fields=extra_fields,
            **fields,
        )
        return await job

    def _status_path(self, generation_id: str) -> str:
        return self._routes.status_path(generation_id, legacy=self.legacy)

    async def _check(self, generation_id: str) -> Generation:
        """One status request, no retry (the scheduler owns retry timing)."""
        # Not `_open()`: checks go on while a close waits for submits on the wire.
        transport = self._transport
        if transport is None:
            raise ConfigurationError("the client is closed")
        payload, header_cost = await transport.request_with_cost(
            "GET", self._status_path(generation_id), params={"generation_id": generation_id}
        )
        return self._attach(_with_cost(parse_generation(payload), header_cost))

    def _attach(self, generation: Generation) -> Generation:
        if generation.video is None and not generation.videos:
            return generation
        # Downloads borrow the client's session and download slots while it is open (the
        # session is read at each download: once closed, a Video fetches with its own).
        # Each video carries what its reply says the generation cost (a Job's video: what the
        # client counted for it, set when the Job resolves).
        fetcher = Fetcher(
            lambda: self._session,
            self._downloads,
            allow_private=self._allow_private_downloads,
            api_url=self.base_url,
        )
        cost = generation.cost
        videos = tuple(
            attrs.evolve(video, fetcher=fetcher, cost=cost) for video in generation.videos
        )
        first = generation.video
        if first is not None and generation.videos and first is generation.videos[0]:
            video: Video | None = videos[0]  # one object, as parsed (a remembered snapshot is
            # held for an hour: no second copy of each video)
        else:
            video = attrs.evolve(first, fetcher=fetcher, cost=cost) if first is not None else None
        return attrs.evolve(generation, video=video, videos=videos)

    async def get(self, generation_id: str) -> Generation:
        """One status check (retried on transient failures), as a `Generation`.

        Args:
            generation_id: the id a submit returned (`job.id`).

        Returns:
            The generation as the server sees it now; its videos can be downloaded.

        Raises:
            ConfigurationError: an empty id, or the client is not open.
            NotFoundError: unknown id. APIStatusError, TransportError: the check failed.
            ResponseFormatError: the reply is unreadable, or about another generation.
        """
        if not isinstance(generation_id, str) or not generation_id.strip():
            raise ConfigurationError(
                f"generation id must be a non-empty string, got {generation_id!r}"
            )
        path = self._status_path(generation_id)
        payload = await self._get_json(path, {"generation_id": generation_id})
        generation = parse_generation(payload)
        if generation.id != generation_id:
            raise ResponseFormatError(
                f"asked for generation {generation_id}, the reply is about {generation.id!r}",
                generation_id=generation_id,
            )
        return self._attach(generation)

    async def _get_json(self, path: str, params: Params) -> Any:
        """One GET under the client's budget, retried on transient failures and 429s."""
        transport, _ = self._open()
        async for attempt in retrying(_status_retryable, _STATUS_RETRY, what=f"GET {path}"):
            with attempt:
                async with self._budget.slot():
                    return await transport.request("GET", path, params=params)
        raise AssertionError("unreachable: the last failed try raises")  # pragma: no cover

    async def _submit_built(self, request: VideoRequest, timeout: float | None) -> Job:
        return await self.submit(request, timeout=timeout)

    async def generate_many(
        self,
        requests: Iterable[VideoRequest | Mapping[str, Any]]
        | AsyncIterable[VideoRequest | Mapping[str, Any]],
        *,
        max_in_flight: int = 100,
        timeout: float | None = None,
    ) -> AsyncGenerator[Job, None]:
        """Submit lazily and yield each Job as it finishes.

        At most `max_in_flight` Jobs are submitted and not yet yielded: a slow consumer slows
        the submits. Failed generations are yielded too (awaiting them raises). If a submit
        fails, no more are submitted; the Jobs already submitted are still yielded, then the
        error is raised. Stopping the iteration stops submitting; submitted Jobs go on being
        tracked, and those not yielded yet are in `orphaned_jobs` (a WARNING counts them), as
        is any submit then on the wire once its reply comes. Closing the client ends the
        iteration once the Jobs it ended (each with `ClientClosedError` and its id) are
        yielded.

        Args:
            requests: VideoRequests or mappings (`model`, `prompt`, fields), sync or async.
            max_in_flight: Jobs submitted and not yet yielded, at most.
            timeout: each Job's deadline in seconds (None: the client's; `math.inf`: none).

        Yields:
            Each Job once it is done (a video or a failure), in the order they finish.

        Raises:
            ConfigurationError: a bad option, or the client is not open.
            AiovideoError: the first submit that failed, after the Jobs already submitted.
        """
        check_int("max_in_flight", max_in_flight, 1)
        self._open()
        assert self._tg is not None
        feed = Feed(self._submit_built, max_in_flight, timeout, orphan=self._orphan)
        self._feeds.add(feed)
        self._tg.start_soon(feed.run, requests)
        try:
            while (item := await feed.finished.get()) is not None:
                feed.slots.release()  # the consumer has it: room for one more submit
                feed.unyielded.discard(item)
                yield item
        finally:
            left = feed.stop()
            self._feeds.discard(feed)
            if left and not self._closing:  # paid for, and the consumer has not seen them
                for job in left:
                    self._orphan(job)
                log.warning(
                    "generate_many stopped with %d submitted generations not yielded: "
                    "tracked, in client.orphaned_jobs",
                    len(left),
                )
        if feed.error is not None:
            raise feed.error
