"""The client's spend ledger: what its generations cost, what pending ones are expected to
cost, and the `max_spend_usd` check made before each submit POST.

The API reports a cost once a generation completes, so a pending generation counts at the last
price seen for its model (0 before any): that is what keeps a limit through a burst. A
generation counts at the largest cost it reported (`Job.counted_cost`): a later, smaller
report never lowers what was counted. Every amount is an exact `Decimal`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from decimal import Decimal

from aiovideo.core._exceptions import ConfigurationError, SpendLimitError
from aiovideo.core._job import Job
from aiovideo.core._values import Cost, Money, add_usd, to_usd, usd_text

__all__ = ["SpendLedger", "amount_option"]

_ZERO = Decimal(0)


def amount_option(name: str, value: object, *, positive: bool) -> Decimal:
    """An amount of USD given as an option, exactly (`to_usd`: a float through its shortest
    text, `0.1` -> `Decimal("0.1")`).

    Raises:
        ConfigurationError: not a Decimal, int, float or numeric string; not finite; below 0
            (or, when `positive`, not above 0).
    """
    amount = None
    if isinstance(value, Decimal | int | float | str):
        with contextlib.suppress(TypeError, ValueError):  # a bool; a string not a number
            amount = to_usd(value)
    if amount is None or not amount.is_finite() or amount < 0 or (positive and amount == 0):
        wanted = "a positive" if positive else "a"
        raise ConfigurationError(
            f"{name} must be {wanted} finite amount of USD (a Decimal, int, float or numeric "
            f"string{'' if positive else ' >= 0'}), got {value!r}"
        )
    return amount


class SpendLedger:
    """Reported costs, expected costs of pending generations, and the spend limit.

    Args:
        limit: the most, in USD, reported plus expected spending may reach (None: no limit).

    Raises:
        ConfigurationError: `limit` is not a positive, finite amount.
    """

    def __init__(self, limit: Money | None) -> None:
        self.limit = None if limit is None else amount_option("max_spend_usd", limit, positive=True)
        self._credits = 0
        self._usd = _ZERO
        self._reserved_usd = _ZERO
        # generation id -> (its model, its expected cost in USD)
        self._reserved: dict[str, tuple[str, Decimal]] = {}
        self._price: dict[str, Decimal] = {}  # model -> the last USD cost one reported

    @property
    def spent(self) -> Cost:
        """What the generations have cost so far, as the API reported it."""
        return Cost(credits=self._credits, usd=self._usd)

    def expected_cost(self, model: str) -> Decimal | None:
        """The USD cost the last generation of `model` reported, or None before one has."""
        return self._price.get(model)

    def expect_cost(self, model: str, usd: Money) -> None:
        """Take `usd` as what a generation of `model` costs, until one reports its own.

        Raises:
            ConfigurationError: `usd` is not a finite amount >= 0.
        """
        self._price[model] = amount_option("usd", usd, positive=False)

    @contextlib.contextmanager
    def sending(self, model: str) -> Iterator[Decimal]:
        """Check the limit for one submit POST of `model`, and count its expected cost while
        the POST is on the wire (so that a burst of submits cannot pass the limit together).

        Yields:
            What the request is expected to cost, in USD (to `reserve` once it is accepted).

        Raises:
            SpendLimitError: the POST would pass the limit (nothing is sent).
        """
        estimate = self._check(model)
        self._reserved_usd = add_usd((self._reserved_usd, estimate))
        try:
            yield estimate
        finally:
            self._reserved_usd = add_usd((self._reserved_usd, -estimate))

    def _check(self, model: str) -> Decimal:
        """Refuse a submit past the limit; return what it is expected to cost."""
        estimate = self._price.get(model, _ZERO)
        if self.limit is None:
            return estimate
        committed = add_usd((self._usd, self._reserved_usd))
        if committed >= self.limit or add_usd((committed, estimate)) > self.limit:
            raise SpendLimitError(
                f"spend limit reached: {usd_text(committed)} USD spent or expected "
                f"({usd_text(self._usd)} reported, {usd_text(self._reserved_usd)} pending), "
                f"{usd_text(estimate)} more for this {model} request would pass "
                f"max_spend_usd={usd_text(self.limit)}; nothing was sent",
                spent_usd=committed,
                limit_usd=self.limit,
            )
        return estimate

    def reserve(self, job: Job, model: str, estimate: Decimal) -> None:
        """Count `estimate` for `job` until its cost is reported or it ends remotely.

        A generation is counted once: an id already counted (its first Job ended here, and
        the server answered the id to another submit) keeps its first estimate.
        """
        if job.id not in self._reserved:
            self._reserved[job.id] = (model, estimate)
            self._reserved_usd = add_usd((self._reserved_usd, estimate))
        job.add_done_callback(self._unreserve_if_ended)

    def _unreserve(self, job: Job) -> str | None:
        """Stop counting `job`'s expected cost; return its model (None if not counted)."""
        model, estimate = self._reserved.pop(job.id, (None, _ZERO))
        self._reserved_usd = add_usd((self._reserved_usd, -estimate))
        return model

    def _unreserve_if_ended(self, job: Job) -> None:
        # A Job ended here (closed, timed out, cancelled) leaves a generation that may still
        # complete and be billed: its expected cost stays counted.
        if job._ended_remotely():
            self._unreserve(job)

    def count_cost(self, job: Job, old: Cost | None, new: Cost) -> None:
        """A Job's counted cost rose from `old` to `new` (`Job.counted_cost`, which never
        goes down): count the difference once."""
        self._credits += (new.credits or 0) - ((old.credits or 0) if old else 0)
        self._usd = add_usd((self._usd, new.usd or _ZERO, -((old.usd or _ZERO) if old else _ZERO)))
        if new.usd:
            model = self._unreserve(job)
            if model is not None:
                self._price[model] = new.usd  # what the next request of it will cost
