"""The client-wide request budget: a bound on connections in flight and an adaptive rate.

Every request of a client (submits, status checks, downloads) takes a slot here first.

The rate part is a small GCRA-style pacer rather than `aiolimiter.AsyncLimiter`: the budget
must change its rate at run time (cut it on a 429, raise it again gradually), pause the whole
client until a `Retry-After` passes, and read an injectable clock for fast tests. aiolimiter
exposes none of these, so wrapping it would mean reaching into its private fields.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import attrs

from aiovideo._clock import RealTimer, Timer

__all__ = ["Budget", "RatePolicy"]


@attrs.define
class RatePolicy:
    """Pure rate logic: when may the next request go, and how 429s change that.

    With no user limit the rate starts unlimited; the first 429 sets it just under the rate
    the server accepted over the last second (or a fraction of the rate sent, when nothing
    was accepted), and each calm second raises it by `recovery`,
    up to the user's limit (or back to unlimited past `unlimited_above`).
    """

    limit: float | None = None
    cut: float = 0.7
    recovery: float = 1.1
    floor: float = 1.0
    unlimited_above: float = 10_000.0
    rate: float | None = attrs.field(init=False)
    _next_free: float = attrs.field(init=False, default=0.0)
    _paused_until: float = attrs.field(init=False, default=0.0)
    _last_change: float = attrs.field(init=False, default=float("-inf"))
    _sent: collections.deque[float] = attrs.field(init=False, factory=collections.deque)
    _accepted: collections.deque[float] = attrs.field(init=False, factory=collections.deque)
    rate_limited: int = attrs.field(init=False, default=0)

    def __attrs_post_init__(self) -> None:
        self.rate = self.limit

    def reserve(self, now: float) -> float:
        """Book the next send; return the seconds to wait before sending it."""
        start = max(now, self._paused_until)
        if self.rate is not None:
            start = max(start, self._next_free)
            self._next_free = start + 1.0 / self.rate
        self._sent.append(start)
        while self._sent and self._sent[0] < start - 1.0:
            self._sent.popleft()
        return start - now

    def recent_rate(self) -> float:
        """Requests booked over the last second."""
        return float(len(self._sent))

    def on_rate_limited(self, now: float, retry_after: float | None) -> None:
        """A 429 arrived: pause everyone until Retry-After, and cut the rate once per second."""
        self.rate_limited += 1
        self._paused_until = max(self._paused_until, now + (retry_after or 1.0))
        if now - self._last_change < 1.0:
            return  # the 429s of one burst arrive together: cut once for all of them
        while self._accepted and self._accepted[0] < now - 1.0:
            self._accepted.popleft()
        if self._accepted:
            # What the server let through over the last second is the best guess of its limit.
            self.rate = max(self.floor, len(self._accepted) * 0.9)
        else:
            base = self.recent_rate() if self.rate is None else min(self.rate, self.recent_rate())
            self.rate = max(self.floor, base * self.cut)
        self._last_change = now
        self._next_free = max(self._next_free, self._paused_until)

    def on_success(self, now: float) -> None:
        """A request went through: after a calm second, raise the rate a step."""
        self._accepted.append(now)
        while self._accepted and self._accepted[0] < now - 1.0:
            self._accepted.popleft()
        if self.rate is None or now - self._last_change < 1.0:
            return
        self._last_change = now
        raised = self.rate * self.recovery
        if self.limit is not None:
            self.rate = min(self.limit, raised)
        elif raised > self.unlimited_above:
            self.rate = None
        else:
            self.rate = raised


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
            wait = self.policy.reserve(self.timer.now())
            if wait > 0:
                await self.timer.sleep_until(self.timer.now() + wait)
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
        elif status < 500:
            self.policy.on_success(now)
