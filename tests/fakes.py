"""Test doubles: the testing kit's fake clock (under the name the core's tests know it by), and
a way to let every ready task run."""

from __future__ import annotations

import asyncio

from aiovideo.testing import FakeClock

__all__ = ["FakeTimer", "settle"]

# The core's tests call it a Timer, after the `Client(timer=...)` it stands in for.
FakeTimer = FakeClock


async def settle(rounds: int = 30) -> None:
    """Let every ready task run until the loop is quiet (yields only; no time passes)."""
    for _ in range(rounds):
        await asyncio.sleep(0)
