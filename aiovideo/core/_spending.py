"""The client's spend ledger: what its generations cost, what pending ones are expected to
cost, and the `max_spend_usd` check made before each submit POST.

The API reports a cost once a generation completes, so a pending generation counts at the last
price seen for its model (0 before any): that is what keeps a limit through a burst.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator

from aiovideo.core._exceptions import ConfigurationError, SpendLimitError
from aiovideo.core._job import Job
from aiovideo.core._options import is_number
from aiovideo.core._values import Cost

__all__ = ["SpendLedger"]


class SpendLedger:
    """Reported costs, expected costs of pending generations, and the spend limit.

    Args:
        limit: the most, in USD, reported plus expected spending may reach (None: no limit).
    """

    def __init__(self, limit: float | None) -> None:
        self.limit = None if limit is None else float(limit)
        self._credits = 0
        self._usd = 0.0
        self._reserved_usd = 0.0
        # generation id -> (its model, its expected cost in USD)
        self._reserved: dict[str, tuple[str, float]] = {}
        self._price: dict[str, float] = {}  # model -> the last USD cost one reported

    @property
    def spent(self) -> Cost:
        """What the generations have cost so far, as the API reported it."""
        return Cost(credits=self._credits, usd=self._usd)

    def expected_cost(self, model: str) -> float | None:
        """The USD cost the last generation of `model` reported, or None before one has."""
        return self._price.get(model)

    def expect_cost(self, model: str, usd: float) -> None:
        """Take `usd` as what a generation of `model` costs, until one reports its own.

        Raises:
            ConfigurationError: `usd` is not a finite number >= 0.
        """
        if not is_number(usd) or not 0 <= usd < math.inf:
            raise ConfigurationError(f"usd must be a finite number >= 0, got {usd!r}")
        self._price[model] = float(usd)

    @contextlib.contextmanager
    def sending(self, model: str) -> Iterator[float]:
        """Check the limit for one submit POST of `model`, and count its expected cost while
        the POST is on the wire (so that a burst of submits cannot pass the limit together).

        Yields:
            What the request is expected to cost, in USD (to `reserve` once it is accepted).

        Raises:
            SpendLimitError: the POST would pass the limit (nothing is sent).
        """
        estimate = self._check(model)
        self._reserved_usd += estimate
        try:
            yield estimate
        finally:
            self._reserved_usd -= estimate

    def _check(self, model: str) -> float:
        """Refuse a submit past the limit; return what it is expected to cost."""
        estimate = self._price.get(model, 0.0)
        if self.limit is None:
            return estimate
        committed = self._usd + self._reserved_usd
        if committed >= self.limit or committed + estimate > self.limit:
            raise SpendLimitError(
                f"spend limit reached: {committed:.4f} USD spent or expected "
                f"({self._usd:.4f} reported, {self._reserved_usd:.4f} pending), "
                f"{estimate:.4f} more for this {model} request would pass max_spend_usd="
                f"{self.limit:g}; nothing was sent",
                spent_usd=committed,
                limit_usd=self.limit,
            )
        return estimate

    def reserve(self, job: Job, model: str, estimate: float) -> None:
        """Count `estimate` for `job` until its cost is reported or it ends remotely."""
        self._reserved[job.id] = (model, estimate)
        self._reserved_usd += estimate
        job.add_done_callback(self._unreserve_if_ended)

    def _unreserve(self, job: Job) -> str | None:
        """Stop counting `job`'s expected cost; return its model (None if not counted)."""
        model, estimate = self._reserved.pop(job.id, (None, 0.0))
        self._reserved_usd -= estimate
        return model

    def _unreserve_if_ended(self, job: Job) -> None:
        # A Job ended here (closed, timed out, cancelled) leaves a generation that may still
        # complete and be billed: its expected cost stays counted.
        if job._ended_remotely():
            self._unreserve(job)

    def count_cost(self, job: Job, old: Cost | None, new: Cost) -> None:
        """A Job's reported cost changed from `old` to `new`: count the difference once."""
        self._credits += (new.credits or 0) - ((old.credits or 0) if old else 0)
        self._usd += (new.usd or 0.0) - ((old.usd or 0.0) if old else 0.0)
        if new.usd:
            model = self._unreserve(job)
            if model is not None:
                self._price[model] = new.usd  # what the next request of it will cost
