"""The client's bounded memory of generations it saw finish: their last snapshot, not the Job.

So `client.track(id)` of a generation that finished a moment ago (a stateless web handler
asked about it) is done at once, without a request, while the memory stays bounded in count
and in age: at most `size` snapshots (the oldest goes first), each for at most `seconds` on the
client's clock.
"""

from __future__ import annotations

import collections

from aiovideo.core._clock import Timer
from aiovideo.core._values import Generation

__all__ = ["DEFAULT_RECENT_SECONDS", "DEFAULT_RECENT_SIZE", "RecentlyFinished"]

DEFAULT_RECENT_SIZE = 1000  # snapshots; ~3 KB each with their reply: ~3 MB at most (measured)
DEFAULT_RECENT_SECONDS = 3600.0  # one hour: far past any page reload or status poll


class RecentlyFinished:
    """The last snapshots of the last `size` generations that finished, each kept `seconds`.

    Args:
        size: how many generations are remembered at most (0: none).
        seconds: how long each is remembered after it finished.
        timer: the clock the ages are read on (the client's).
    """

    def __init__(self, *, size: int, seconds: float, timer: Timer) -> None:
        self.size = size
        self.seconds = seconds
        self._timer = timer
        # generation id -> (when it finished, its last snapshot); oldest first.
        self._kept: collections.OrderedDict[str, tuple[float, Generation]] = (
            collections.OrderedDict()
        )

    def __len__(self) -> int:
        return len(self._kept)

    def add(self, generation_id: str, snapshot: Generation) -> None:
        """Remember `snapshot` as the end of `generation_id`, forgetting the oldest past `size`."""
        if self.size <= 0:
            return
        self._expire()
        self._kept.pop(generation_id, None)
        self._kept[generation_id] = (self._timer.now(), snapshot)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)

    def get(self, generation_id: str) -> Generation | None:
        """The last snapshot of `generation_id` if it finished less than `seconds` ago."""
        self._expire()
        found = self._kept.get(generation_id)
        return None if found is None else found[1]

    def _expire(self) -> None:
        # Oldest first: the expired ones are at the front.
        horizon = self._timer.now() - self.seconds
        while self._kept:
            finished_at, _ = next(iter(self._kept.values()))
            if finished_at > horizon:
                return
            self._kept.popitem(last=False)
