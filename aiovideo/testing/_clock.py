"""A fake clock for timing tests: `Client(timer=FakeClock())` runs its scheduler on a clock that
moves only when the test says so, the way trio ships `MockClock` in `trio.testing`."""

from __future__ import annotations

import asyncio

import anyio

__all__ = ["FakeClock"]

# `advance` lets every ready task run this many rounds of the event loop before and after each
# moment it wakes sleepers at: enough for a wakened check to be made and its reply handled.
_SETTLE_ROUNDS = 30


class FakeClock:
    """A clock for `Client(timer=...)` that moves only through `advance`.

    It is what `Client(timer=FakeClock())` takes. Sleepers wake in the order of their
    deadlines, each at its own moment, so what a client does at 10 s happens before what it
    does at 20 s, and no real time passes::

        from aiovideo.testing import Emulator, FakeClock

        clock = FakeClock()
        async with (
            Emulator(seconds=3600) as emu,
            emu.client(timer=clock, poll_interval=60) as client,  # a check a minute
        ):
            job = await client.submit(model="google/veo3", prompt="a fox", timeout=600)
            await clock.advance(601)        # ten minutes of the client's time, at once
            assert job.done()               # job.result() raises GenerationTimeoutError

    Each wake-up whose moment has come is a real status check of the emulator (or your
    server): with the 20 ms checks of `emu.client()`, ten minutes of fake time are 30,000 of
    them, hence the minute above. The emulator's own generations run on real time: a fake
    clock suits tests of how often and when a client checks, its timeouts and its rate limits.

    Args:
        start: the moment the clock reads first (seconds).
    """

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._sleepers: list[tuple[float, anyio.Event]] = []

    def now(self) -> float:
        """The clock's moment (seconds); it moves only through `advance`.

        Returns:
            The moment, in seconds.
        """
        return self._now

    async def sleep_until(self, deadline: float, wake: anyio.Event | None = None) -> None:
        """Return once the clock reaches `deadline`, or earlier once `wake` is set.

        Args:
            deadline: the moment to wake at.
            wake: an event that ends the sleep early.
        """
        if deadline <= self._now or (wake is not None and wake.is_set()):
            return
        alarm = anyio.Event()
        entry = (deadline, alarm)
        self._sleepers.append(entry)
        try:
            async with anyio.create_task_group() as tg:

                async def wait_for(event: anyio.Event) -> None:
                    await event.wait()
                    tg.cancel_scope.cancel()

                tg.start_soon(wait_for, alarm)
                if wake is not None:
                    tg.start_soon(wait_for, wake)
        finally:
            if entry in self._sleepers:
                self._sleepers.remove(entry)

    async def advance(self, seconds: float) -> None:
        """Move the clock forward, waking each sleeper at its own deadline.

        Between moments the event loop runs every ready task, so what a woken task does
        (and the sleeps it starts) happens at the moment it woke.

        Args:
            seconds: how far to move (0 lets ready tasks run without moving).
        """
        target = self._now + seconds
        await _settle()
        while True:
            due = [deadline for deadline, _ in self._sleepers if deadline <= target]
            if not due:
                break
            self._now = max(self._now, min(due))
            for deadline, alarm in list(self._sleepers):
                if deadline <= self._now:
                    alarm.set()
            await _settle()
        self._now = target
        await _settle()


async def _settle() -> None:
    """Let every ready task run until the loop is quiet (yields only; no time passes)."""
    for _ in range(_SETTLE_ROUNDS):
        await asyncio.sleep(0)
