"""The Job: an awaitable handle on one generation, resolved by the client's scheduler."""

from __future__ import annotations

import asyncio
import collections
from collections.abc import AsyncIterator, Callable, Generator
from decimal import Decimal
from typing import Any

import attrs

from aiovideo.core._exceptions import (
    ConfigurationError,
    GenerationFailedError,
    GenerationTimeoutError,
    JobNotDoneError,
)
from aiovideo.core._options import is_positive
from aiovideo.core._request import VideoRequest
from aiovideo.core._values import Cost, Generation, Video
from aiovideo.core._wire import Phase, classify

__all__ = ["Job", "counts_more", "failure_of"]

_KEPT = 16  # status snapshots a Job keeps


def _without_raw(generation: Generation) -> Generation:
    """The snapshot with its parsed fields only: no `raw` (nor its videos' `raw`).

    A reply's `raw` is its whole JSON as Python objects, some 25 times the reply's bytes: a
    server flipping a status with 14 MiB replies would make 16 kept snapshots hold 5.9 GB.
    Only the latest snapshot keeps its `raw`, so a Job holds at most one reply's worth.
    """
    if not generation.raw and all(not video.raw for video in generation.videos):
        return generation
    videos = tuple(attrs.evolve(video, raw={}) for video in generation.videos)
    video = generation.video
    if video is not None:
        video = videos[0] if videos and videos[0].url == video.url else attrs.evolve(video, raw={})
    return attrs.evolve(generation, raw={}, video=video, videos=videos)


def _retrieve(fut: asyncio.Future[Any]) -> None:
    # A Job may end in an exception nobody awaits (say ClientClosedError for a job the user
    # kept only by id); reading it here keeps asyncio from logging "never retrieved".
    if not fut.cancelled():
        fut.exception()


def counts_more(new: Cost, counted: Cost | None) -> bool:
    """Does the report `new` count for more than the one `counted` so far?

    A generation's counted cost never goes down: it is its report of the largest USD amount
    (of the most credits among equal amounts), so a later report of less (a completed reply
    saying 0 credits after a submit reply said 1.00 USD) changes nothing counted.
    """
    if counted is None:
        return True
    zero = Decimal(0)
    new_usd, old_usd = new.usd or zero, counted.usd or zero
    if new_usd != old_usd:
        return new_usd > old_usd
    return (new.credits or 0) > (counted.credits or 0)


def failure_of(generation_id: str, generation: Generation) -> GenerationFailedError:
    """The error a generation that ended without a video ends its Job with."""
    error = generation.error
    if generation.video is None and classify(generation.status) is Phase.SUCCESS:
        error = "the reply says completed but carries no video"
    return GenerationFailedError(
        generation_id=generation_id, status=generation.status, error=error, raw=generation.raw
    )


class Job:
    """An awaitable handle on one generation.

    `await job` gives the `Video` or raises the failure. Cancelling a task that awaits a Job
    does not stop the Job; `job.cancel()` does (locally: the API has no remote cancel).

    Attributes:
        id: the generation id the server returned.
        status: the last status word seen (`queued`, `generating`, `completed`, ...).
        cost: the latest `Cost` the server reported for this generation, or None.
        counted_cost: the `Cost` the client counts for it (`client.spent`, `max_spend_usd`):
            the largest it reported, which a later, smaller report never lowers; or None.
        request: the `VideoRequest` it was submitted with; None for a Job of `track`. Jobs
            from `generate_many` come back in the order they finish: this says which is which.
    """

    def __init__(
        self,
        generation_id: str,
        *,
        on_cancel: Callable[[Job], None] | None = None,
        on_cost: Callable[[Job, Cost | None, Cost], None] | None = None,
        request: VideoRequest | None = None,
    ):
        self.id = generation_id
        self.request = request
        self.status = "queued"
        self.cost: Cost | None = None
        self.counted_cost: Cost | None = None
        self._on_cost = on_cost
        self._future: asyncio.Future[Video] = asyncio.get_running_loop().create_future()
        self._future.add_done_callback(_retrieve)
        # The last snapshots only: a server flipping between two words with big replies
        # must not grow one Job without bound. `_seen` counts every snapshot ever taken.
        self._snapshots: collections.deque[Generation] = collections.deque(maxlen=_KEPT)
        self._seen = 0
        self._changed = asyncio.Event()
        self._on_cancel = on_cancel

    def __repr__(self) -> str:
        state = "done" if self.done() else "pending"
        return f"<Job {self.id} status={self.status!r} {state}>"

    @property
    def snapshot(self) -> Generation | None:
        """The last snapshot seen, or None before the first check."""
        return self._snapshots[-1] if self._snapshots else None

    def done(self) -> bool:
        """True once the Job is resolved (a video, a failure, or cancelled)."""
        return self._future.done()

    def __await__(self) -> Generator[Any, None, Video]:
        # shield: cancelling the awaiting task must not cancel the Job for other awaiters.
        return asyncio.shield(self._future).__await__()

    async def wait(self, timeout: float | None = None) -> Video:
        """Await the video, giving up after `timeout` seconds.

        Args:
            timeout: seconds to wait, a positive finite number; None waits as `await job`.

        Returns:
            The `Video` of the generation.

        Raises:
            ConfigurationError: `timeout` is not a positive finite number (NaN, inf, <= 0).
            GenerationTimeoutError: `timeout` passed; the Job is still tracked.
            AiovideoError: the Job's own failure, as `await job` raises it.
        """
        if timeout is None:
            return await self
        if not is_positive(timeout):
            raise ConfigurationError(
                f"timeout must be a positive finite number of seconds or None, got {timeout!r}"
            )
        try:
            async with asyncio.timeout(timeout):
                return await asyncio.shield(self._future)
        except TimeoutError:
            if self._future.done():
                return self._future.result()  # the Job's own outcome, even a timeout of its own
            raise GenerationTimeoutError(
                f"gave up waiting {timeout:g}s for generation {self.id}; it is still tracked",
                generation_id=self.id,
            ) from None

    async def updates(self) -> AsyncIterator[Generation]:
        """Yield a snapshot per status change (those seen so far first), ending after the last.

        The iteration stops, without raising, once the Job is resolved, however it ends: a
        video, a failure, `cancel()`, a deadline, or its client closing (which ends a pending
        Job with `ClientClosedError`: an iterator waiting for a change then stops at once).
        The outcome is the Job's own: `await job` gives the video or raises it. A consumer
        that falls more than 16 changes behind skips to the oldest still kept. Only the
        latest snapshot keeps its `raw` (the whole reply); older ones keep their parsed
        fields and an empty `raw`, so that big replies cannot grow a Job past one of them.

        Yields:
            Each `Generation` snapshot whose status differs from the one before.
        """
        index = max(0, self._seen - len(self._snapshots))
        while True:
            changed = self._changed
            while index < self._seen:
                first = self._seen - len(self._snapshots)
                index = max(index, first)
                yield self._snapshots[index - first]
                index += 1
            if self._future.done():
                return
            await changed.wait()

    def cancel(self) -> bool:
        """Stop tracking this generation locally. Returns False if it was already done."""
        if self._future.done():
            return False
        self._future.cancel()
        self._notify()
        if self._on_cancel is not None:
            self._on_cancel(self)
        return True

    def result(self) -> Video:
        """The video of a done Job, or raise its failure (like `asyncio.Future.result`).

        Raises:
            JobNotDoneError: the Job is not done yet (an `AiovideoError`, and also the
                `asyncio.InvalidStateError` a Future raises).
            asyncio.CancelledError: the Job was cancelled.
            AiovideoError: the Job's failure, as `await job` raises it.
        """
        if not self._future.done():
            raise JobNotDoneError(
                f"generation {self.id} is not done yet (status {self.status!r}): await the Job",
                generation_id=self.id,
            )
        return self._future.result()

    def add_done_callback(self, callback: Callable[[Job], None]) -> None:
        """Call `callback(job)` once the Job is resolved."""
        self._future.add_done_callback(lambda _: callback(self))

    # The scheduler's side.

    def _notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def _observe(self, generation: Generation) -> None:
        """Record a snapshot; a new one only when the status changed."""
        self.status = generation.status
        if generation.cost is not None:
            self._count(generation.cost)
        last = self.snapshot
        if last is None or last.status != generation.status:
            if last is not None:
                self._snapshots[-1] = _without_raw(last)
            self._snapshots.append(generation)
            self._seen += 1
            self._notify()

    def _count(self, cost: Cost) -> None:
        """A report of what the generation cost: the latest, and counted if it is more."""
        self.cost = cost
        if counts_more(cost, self.counted_cost):
            old, self.counted_cost = self.counted_cost, cost
            if self._on_cost is not None:
                self._on_cost(self, old, cost)

    def _share(self, first: Job) -> None:
        """This Job's generation is `first`'s too (the server answered one id to two submits):
        start from what `first` counted, so that its cost is never counted twice."""
        self.cost, self.counted_cost = first.cost, first.counted_cost

    def _take_counting(self, first: Job) -> None:
        """`first` stopped being tracked (cancelled, its deadline) while this Job, of the same
        generation, goes on: the costs reported from now on are counted through this one."""
        self._on_cost, first._on_cost = first._on_cost, None

    def _resolve(self, video: Video) -> None:
        if not self._future.done():
            # The Video carries what its generation cost: what the client counted for it.
            self._future.set_result(attrs.evolve(video, cost=self.counted_cost or video.cost))
            self._notify()

    def _fail(self, exc: BaseException) -> None:
        if not self._future.done():
            self._future.set_exception(exc)
            self._notify()

    def _ended_remotely(self) -> bool:
        """True if the outcome came from the server (success or a failure status)."""
        if not self._future.done() or self._future.cancelled():
            return False
        exc = self._future.exception()
        return exc is None or isinstance(exc, GenerationFailedError)
