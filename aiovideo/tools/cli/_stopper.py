"""Ctrl-C and SIGTERM during `aiovideo batch`: the first stops it gently, the second aborts."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterator
from typing import Any

import click

from aiovideo.tools.batch import Batch

__all__ = ["Stopper"]


class Stopper:
    """Ctrl-C and SIGTERM during a batch: the first stops it gently, the second aborts.

    Gently: no new line is submitted, and the submits already sent get `grace` seconds for
    their replies (each may be billed: its id must reach the journal). Aborting cancels
    everything at once; the submits still unanswered are counted in `abandoned`.
    """

    def __init__(self, grace: float) -> None:
        self.grace = grace
        self.batch: Batch | None = None
        self.abandoned = 0
        self._signals = 0
        self._task: asyncio.Task[Any] | None = None
        self._gentle: asyncio.Task[None] | None = None

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Handle SIGINT and SIGTERM in the running loop's task while inside."""
        self._task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self._on_signal)
        try:
            yield
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)
            if self._gentle is not None:
                self._gentle.cancel()

    def _on_signal(self) -> None:
        self._signals += 1
        batch, task = self.batch, self._task
        assert task is not None
        if batch is None or self._signals > 1:
            if batch is not None:
                self.abandoned = batch.client.abort_submits()
            if self._gentle is not None:
                self._gentle.cancel()
            task.cancel()
            return
        sent = batch.client.submits_on_the_wire
        wait = (
            f"; waiting up to {self.grace:g} s for the replies of {sent} submits already sent "
            "(Ctrl-C again to abort now: they may be billed without their ids being saved)"
        )
        click.echo(f"\nstopping: no new lines are submitted{wait if sent else ''}", err=True)
        self._gentle = asyncio.get_running_loop().create_task(self._stop(batch))

    async def _stop(self, batch: Batch) -> None:
        self.abandoned = await batch.stop(self.grace)
