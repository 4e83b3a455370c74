"""Time, made injectable: the scheduler and the budget read time and sleep only through a Timer.

Production uses the event loop's monotonic clock; tests pass a fake timer that moves only when
told to, so timing logic is tested without real sleeps.
"""

from __future__ import annotations

import time
from typing import Protocol

import anyio

__all__ = ["RealTimer", "Timer"]


class Timer(Protocol):
    """A monotonic clock and a way to sleep until a moment on it."""

    def now(self) -> float:
        """Seconds on a monotonic clock."""
        ...

    async def sleep_until(self, deadline: float, wake: anyio.Event | None = None) -> None:
        """Return at `deadline`, or earlier once `wake` is set."""
        ...


class RealTimer:
    """The Timer of real life: `time.monotonic` and anyio's cancel scopes."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep_until(self, deadline: float, wake: anyio.Event | None = None) -> None:
        delay = deadline - time.monotonic()
        if wake is None:
            await anyio.sleep(max(0.0, delay))
            return
        if delay <= 0 or wake.is_set():
            return
        with anyio.move_on_after(delay):
            await wake.wait()
