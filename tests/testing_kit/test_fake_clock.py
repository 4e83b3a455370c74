"""`aiovideo.testing.FakeClock`: a clock that moves only when told to, for `Client(timer=...)`."""

from __future__ import annotations

import asyncio

import anyio
import pytest

import aiovideo
from aiovideo.testing import Emulator, FakeClock


async def test_it_moves_only_when_advanced() -> None:
    clock = FakeClock(start=100.0)
    assert clock.now() == 100.0
    await asyncio.sleep(0.01)  # real time passes; the clock's does not
    assert clock.now() == 100.0
    await clock.advance(2.5)
    assert clock.now() == 102.5
    await clock.sleep_until(50.0)  # a past deadline returns at once
    assert clock.now() == 102.5


async def test_sleepers_wake_in_deadline_order_each_at_its_own_moment() -> None:
    clock = FakeClock()
    woke: list[tuple[str, float]] = []

    async def sleeper(name: str, deadline: float) -> None:
        await clock.sleep_until(deadline)
        woke.append((name, clock.now()))

    async with anyio.create_task_group() as tg:
        tg.start_soon(sleeper, "late", 20.0)
        tg.start_soon(sleeper, "early", 10.0)
        tg.start_soon(sleeper, "never", 99.0)
        await clock.advance(5)
        assert woke == []
        await clock.advance(25)
        assert woke == [("early", 10.0), ("late", 20.0)]
        assert clock.now() == 30.0
        tg.cancel_scope.cancel()


async def test_a_wake_event_ends_a_sleep_early() -> None:
    clock = FakeClock()
    wake = anyio.Event()
    ended = anyio.Event()

    async def sleeper() -> None:
        await clock.sleep_until(60.0, wake)
        ended.set()

    async with anyio.create_task_group() as tg:
        tg.start_soon(sleeper)
        await clock.advance(0)
        assert not ended.is_set()
        wake.set()
        await clock.advance(0)
        assert ended.is_set()
        assert clock.now() == 0.0
    set_before = anyio.Event()
    set_before.set()
    await clock.sleep_until(60.0, set_before)  # already set: returns at once


async def test_a_client_on_a_fake_clock_times_out_without_waiting() -> None:
    """Ten minutes of the client's time pass at once: its timeout is reached, not waited for."""
    clock = FakeClock()
    async with (
        Emulator(seconds=3600) as emu,
        emu.client(timer=clock, poll_interval=60, max_first_check=60) as client,
    ):
        job = await client.submit(model="google/veo3", prompt="a fox", timeout=600)
        await clock.advance(599)
        assert not job.done()
        checks = emu.stats["polls"]
        assert 1 <= checks <= 11  # a check a minute of the clock's time, and no more
        await clock.advance(2)
        assert job.done()
        with pytest.raises(aiovideo.GenerationTimeoutError):
            job.result()
