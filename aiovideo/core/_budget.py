"""The client-wide request budget: a bound on connections in flight and an adaptive rate.

Every API request of a client (submits, status checks, usage logs) takes a slot here first.
Downloads take a slot of their own (`Slots`): a file host trickling bytes for minutes must
not hold the slots the API calls need.

The rate part is a small GCRA-style pacer rather than `aiolimiter.AsyncLimiter`: the budget
must change its rate at run time (cut it on a 429, raise it again gradually), pause the whole
client until a `Retry-After` passes, and read an injectable clock for fast tests. aiolimiter
exposes none of these, so wrapping it would mean reaching into its private fields.
"""

from __future__ import annotations

import asyncio
import collections
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import attrs

from aiovideo.core._clock import RealTimer, Timer

__all__ = ["Budget", "RatePolicy", "Slots"]

log = logging.getLogger("aiovideo")


@attrs.define
class RatePolicy:
    """Pure rate logic: when may the next request go, and how 429s change that.

    The shape is TCP's congestion control, applied to requests per second:

    - Slow start: with no user limit the rate begins at `start` and doubles each second the
      client actually uses it, so the first burst of a bulk job cannot flood a server whose
      limit is unknown (paced requests mean few are in flight when the first 429 comes back).
      Past `unlimited_above` it stops pacing altogether.
    - On a 429 everyone waits out `Retry-After`, and the rate is cut once per burst to just
      under what the server accepted over the last second: the `ceiling` learned.
    - Recovery: below 0.9 x ceiling the rate grows by `recovery` per calm second; near the
      ceiling it only creeps up by `probe` x ceiling a second, so the limit is re-probed rarely
      and each probe overshoots by a request or two. If the rate gets well past the ceiling
      with no 429, the ceiling is forgotten (the server's limit went up) and slow start resumes.
    - The rate only grows while it is what holds the client back (at least half of it used),
      so an idle client does not drift to a rate it never tested.
    """

    limit: float | None = None
    start: float = 50.0
    cut: float = 0.7
    recovery: float = 1.1
    probe: float = 0.01
    floor: float = 1.0
    tolerance: float = 0.01
    burst: int = 10
    unlimited_above: float = 10_000.0
    rate: float | None = attrs.field(init=False)
    ceiling: float | None = attrs.field(init=False, default=None)
    _next_free: float = attrs.field(init=False, default=0.0)
    _paused_until: float = attrs.field(init=False, default=0.0)
    _last_cut: float = attrs.field(init=False, default=float("-inf"))
    _last_raise: float = attrs.field(init=False, default=float("-inf"))
    _sent: collections.deque[float] = attrs.field(init=False, factory=collections.deque)
    _accepted: collections.deque[float] = attrs.field(init=False, factory=collections.deque)
    rate_limited: int = attrs.field(init=False, default=0)
    epoch: int = attrs.field(init=False, default=0)  # bumped when booked slots become void

    def __attrs_post_init__(self) -> None:
        self.rate = self.limit if self.limit is not None else self.start

    def reserve(self, now: float) -> float:
        """Book the next send; return the seconds to wait before sending it.

        A request up to `tolerance` seconds (or `burst` requests) ahead of its slot goes at
        once (GCRA's burst tolerance): a sleep per request would cost more CPU than the
        requests themselves, and so small a burst does not draw a 429.
        """
        start = max(now, self._paused_until)
        if self.rate is not None:
            start = max(start, self._next_free)
            self._next_free = start + 1.0 / self.rate
            # A limit the user stated is kept to strictly; a learnt rate allows a short burst.
            ahead = self.tolerance if self.limit else max(self.tolerance, self.burst / self.rate)
            if start - now <= ahead and now >= self._paused_until:
                start = now
        self._sent.append(start)
        _trim(self._sent, start)
        return start - now

    @property
    def paused_until(self) -> float:
        """The moment (on the Timer) before which no request may go."""
        return self._paused_until

    def recent_rate(self, now: float) -> float:
        """Requests booked over the last second."""
        _trim(self._sent, now)
        return float(len(self._sent))

    def on_rate_limited(self, now: float, retry_after: float | None) -> None:
        """A 429 arrived: pause everyone until Retry-After, and cut the rate once per burst."""
        self.rate_limited += 1
        self._paused_until = max(self._paused_until, now + (retry_after or 1.0))
        # Slots booked before this 429 are void: their holders book again (see `epoch`).
        self._next_free = self._paused_until
        self.epoch += 1
        if now - self._last_cut < 1.0:
            return  # the 429s of one burst arrive together: cut once for all of them
        _trim(self._accepted, now)
        if self._accepted:
            # What the server let through over the last second is the best guess of its limit.
            self.ceiling = float(len(self._accepted))
            self.rate = max(self.floor, 0.9 * self.ceiling)
        else:
            sent = self.recent_rate(now)
            base = sent if self.rate is None else min(self.rate, sent)
            self.rate = max(self.floor, base * self.cut)
        self._last_cut = self._last_raise = now

    def on_success(self, now: float) -> None:
        """A request went through: after a calm second at full use, raise the rate a step."""
        self._accepted.append(now)
        _trim(self._accepted, now)
        if self.rate is None or now - max(self._last_cut, self._last_raise) < 1.0:
            return
        if self.recent_rate(now) < 0.5 * self.rate:
            return  # the rate is not what limits the client: no evidence it may go higher
        self._last_raise = now
        if self.ceiling is None:
            raised = self.rate * (self.recovery if self._last_cut > float("-inf") else 2.0)
        elif self.rate < 0.9 * self.ceiling:
            raised = min(self.rate * self.recovery, 0.9 * self.ceiling)
        else:
            raised = self.rate + max(0.25, self.probe * self.ceiling)
            if raised > 1.2 * self.ceiling:
                self.ceiling = None  # calm well above the old limit: it has gone up
        if self.limit is not None:
            self.rate = min(self.limit, raised)
        elif raised > self.unlimited_above:
            self.rate = None
        else:
            self.rate = raised


def _trim(times: collections.deque[float], now: float) -> None:
    """Drop the moments older than one second."""
    while times and times[0] < now - 1.0:
        times.popleft()


class Budget:
    """A slot for each request: at most `max_connections` in flight, paced by a RatePolicy."""

    def __init__(
        self,
        *,
        max_connections: int = 64,
        rate_limit: float | None = None,
        timer: Timer | None = None,
    ) -> None:
        self.timer: Timer = timer or RealTimer()
        self.policy = RatePolicy(limit=rate_limit)
        self.max_connections = max_connections
        self._slots = asyncio.Semaphore(max_connections)
        self.requests = 0

    async def acquire(self) -> None:
        """Wait for a connection slot and for the rate to allow one more request."""
        await self._slots.acquire()
        try:
            while True:
                epoch = self.policy.epoch
                wait = self.policy.reserve(self.timer.now())
                if wait > 0:
                    await self.timer.sleep_until(self.timer.now() + wait)
                if self.policy.epoch == epoch:
                    break  # else a 429 came while waiting: the slot is void, book again
        except BaseException:
            self._slots.release()
            raise
        self.requests += 1

    def release(self) -> None:
        """Give a slot back."""
        self._slots.release()

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the block."""
        await self.acquire()
        try:
            yield
        finally:
            self.release()

    def observe(self, status: int, retry_after: float | None) -> None:
        """Feed back one HTTP answer (429 slows the whole client)."""
        now = self.timer.now()
        if status == 429:
            self.policy.on_rate_limited(now, retry_after)
            log.debug(
                "429: every request waits %.2f s; rate now %s requests/s",
                max(0.0, self.policy.paused_until - now),
                "unbounded" if self.policy.rate is None else f"{self.policy.rate:.1f}",
            )
        elif status < 500:
            self.policy.on_success(now)


class Slots:
    """A plain bound on transfers in flight (downloads), apart from the API's Budget.

    No rate policy: the file host is another server, whose 429s say nothing of the API's.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)
        self.requests = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the block."""
        async with self._slots:
            self.requests += 1
            yield
