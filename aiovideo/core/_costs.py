"""What a batch spent: costs summed over lines and said the one way every display says them
(`0.36 USD (720,000 credits)`). The summary, the progress display and the page share it."""

from __future__ import annotations

from collections.abc import Iterable

from aiovideo.core._values import Cost

__all__ = ["money", "total_cost"]


def total_cost(costs: Iterable[Cost | None]) -> Cost:
    """The sum of `costs` (None: not reported, counted as nothing)."""
    known = [cost for cost in costs if cost is not None]
    return Cost(
        credits=sum(cost.credits or 0 for cost in known),
        usd=sum(cost.usd or 0.0 for cost in known),
    )


def money(cost: Cost, *, credits: bool = True) -> str:
    """`0.36 USD (720,000 credits)`; without `credits`, `0.36 USD`."""
    usd = f"{cost.usd:.2f} USD" if cost.usd is not None else "an unknown amount"
    return usd if not (credits and cost.credits) else f"{usd} ({cost.credits:,} credits)"
