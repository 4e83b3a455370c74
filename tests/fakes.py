"""Test doubles: a Timer that moves only when told to."""

from __future__ import annotations

import asyncio

import anyio


async def settle(rounds: int = 30) -> None:
    """Let every ready task run until the loop is quiet (yields only; no time passes)."""
    for _ in range(rounds):
        await asyncio.sleep(0)


class FakeTimer:
    """A Timer whose clock moves only through `advance`; sleepers wake in deadline order."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._sleepers: list[tuple[float, anyio.Event]] = []

    def now(self) -> float:
        return self._now

    async def sleep_until(self, deadline: float, wake: anyio.Event | None = None) -> None:
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
        """Move the clock forward, waking each sleeper at its own deadline."""
        target = self._now + seconds
        await settle()
        while True:
            due = [d for d, _ in self._sleepers if d <= target]
            if not due:
                break
            self._now = max(self._now, min(due))
            for deadline, alarm in list(self._sleepers):
                if deadline <= self._now:
                    alarm.set()
            await settle()
        self._now = target
        await settle()
