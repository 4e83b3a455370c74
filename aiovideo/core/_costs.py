"""What a batch spent: costs summed over lines and said the one way every display says them
(`0.36 USD (720,000 credits)`). The summary, the progress display and the page share it.

Amounts are exact `Decimal`s: sums never drift (30 x 0.06 is 1.80) and displays round nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiovideo.core._values import Cost, add_usd, usd_text

__all__ = ["money", "total_cost"]


def total_cost(costs: Iterable[Cost | None]) -> Cost:
    """The exact sum of `costs` (None, or an amount not reported: counted as nothing)."""
    known = [cost for cost in costs if cost is not None]
    return Cost(
        credits=sum(cost.credits or 0 for cost in known),
        usd=add_usd(cost.usd for cost in known if cost.usd is not None),
    )


def money(cost: Cost, *, credits: bool = True) -> str:
    """`0.36 USD (720,000 credits)`; without `credits`, `0.36 USD`. Exact: at least two
    decimals, and every further one the amount has (`0.0000005 USD`), never rounded."""
    usd = f"{usd_text(cost.usd)} USD" if cost.usd is not None else "an unknown amount"
    return usd if not (credits and cost.credits) else f"{usd} ({cost.credits:,} credits)"
