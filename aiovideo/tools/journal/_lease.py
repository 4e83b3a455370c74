"""The one timer of a Journal that renews the leases it holds, while it holds any.

A Journal holds the lease of every pending generation it tracks (and of each download it
makes); other Journals on the store adopt a row only once its lease has run out. One timer per
Journal renews them all in one pass (`Journal.renew_leases`: one statement per row state, not
one per row), every third of a lease, so that two renewals may fail (a database restarting)
before another Journal may take a row over.

It is an event loop timer (`loop.call_later`), not a task: nothing to own or cancel but its
handle, and a renewal is a synchronous store call, like every other journal write.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiovideo.tools.journal._store import JournalWriteError

__all__ = ["Renewal"]

log = logging.getLogger("aiovideo")


class Renewal:
    """Call `renew` every `every` seconds from `start` on, until `stop`, or until a renewal
    finds nothing left to renew.

    Args:
        renew: renews every lease its Journal holds; how many rows it renewed.
        every: seconds between two renewals.
        name: the store's name, for the log line of a renewal that failed.
    """

    def __init__(self, renew: Callable[[], int], *, every: float, name: str) -> None:
        self._renew = renew
        self._every = every
        self._name = name
        self._handle: asyncio.TimerHandle | None = None

    @property
    def running(self) -> bool:
        """Is a renewal scheduled?"""
        return self._handle is not None

    def start(self) -> None:
        """Schedule renewals on the running event loop (nothing when they already are, or
        when no loop runs: without one, nothing this Journal tracks can be running)."""
        if self._handle is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._handle = loop.call_later(self._every, self._fire)

    def stop(self) -> None:
        """No more renewals (the leases then run out, unless given up first)."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _fire(self) -> None:
        self._handle = None
        try:
            renewed = self._renew()
        except JournalWriteError as exc:
            # The Jobs go on (their ids are on disk); if the store stays away for a whole
            # lease, another Journal may adopt them too: tracked twice, never paid twice.
            log.warning("journal %s: the leases it holds could not be renewed: %s", self._name, exc)
            renewed = 1  # held still, as far as this Journal knows: try again
        if renewed:
            self.start()  # else nothing is held: the next lease taken starts it again
