"""The usage log `GET /v2/logs`: one row per request, newest first, a page at a time.

Follows the provider's `docs/api-references/service-endpoints/logs-v2.json` (and
`usage-logs.md` for its errors) in `aimlapi/api-docs`. A generation's row appears only once it
has finished (the provider records the charge then), a refused submit's at once, each later
still by `logs_delay`. Pure past the rows it is given: the server's handler answers with it.
"""

from __future__ import annotations

import collections
import datetime as dt
import math
import re
import time
from collections.abc import Collection, Mapping
from typing import Any

import attrs

from aiovideo.testing._config import EmulatorConfig
from aiovideo.testing._generations import Generation

__all__ = ["Problem", "Refusal", "UsageLog"]

_PERIOD = re.compile(r"([1-9][0-9]{0,6})([hd])")
_MAX_WINDOW = dt.timedelta(days=92)
_STATUSES = frozenset({"succeeded", "failed"})
_MAX_MODELS = 50
_MAX_LIMIT = 100

# A row as kept before paging: (created, order of recording, the row's JSON).
_Row = tuple[float, int, dict[str, Any]]


@attrs.frozen
class Refusal:
    """A submit answered with an error: a failed row of the usage log, at zero cost."""

    inference_id: str
    request_id: str
    key: str
    model: str
    client_request_id: str | None
    at: float  # wall clock


@attrs.frozen
class Problem:
    """A usage-log request refused: its status, message and headers."""

    status: int
    message: str
    headers: Mapping[str, str] = attrs.field(factory=dict)


class UsageLog:
    """The rows of every key, and the per-key rate limit of asking for them."""

    def __init__(self, config: EmulatorConfig) -> None:
        self._config = config
        self._refusals: list[Refusal] = []
        self._calls: dict[str, collections.deque[float]] = {}

    def refused(self, refusal: Refusal) -> None:
        """Record a refused submit."""
        self._refusals.append(refusal)

    def answer(
        self,
        key: str,
        query: Any,
        generations: Collection[Generation],
        prices: Mapping[str, float],
    ) -> dict[str, Any] | Problem:
        """The page a query of an authenticated `key` asks for, or why it is refused.

        `query` is the request's multi-valued query (`getall` for `model` and `status`);
        `limit` is 1-100, defaulting to 50; `status` only `succeeded`/`failed` (so a
        comma-separated value is a 400) while a comma-separated `model` is one name that
        matches nothing.
        """
        wait = self._over_limit(key)
        if wait is not None:
            retry_after = str(max(1, math.ceil(wait)))
            return Problem(429, "Too many requests", {"Retry-After": retry_after})
        now = time.time()
        window = _window(query, now)
        if isinstance(window, str):
            return Problem(400, window)
        prefix = query.get("key_prefix")
        if prefix is not None and not key.startswith(prefix):
            return Problem(403, "A regular key may only list its own requests")
        problem = _check_filters(query)
        if problem is not None:
            return problem
        models, statuses = query.getall("model", []), query.getall("status", [])
        first, last = window
        rows = [
            (created, order, row)
            for created, order, row in self._rows(key, now, generations, prices)
            if first <= created <= last
            and (not models or row["model"] in models)
            and (not statuses or row["status"] in statuses)
        ]
        rows.sort(key=lambda item: (item[0], item[1]), reverse=True)  # newest first
        return _page(rows, int(query.get("offset", "0")), int(query.get("limit", "50")))

    def _over_limit(self, key: str) -> float | None:
        """Seconds until `key` may call `GET /v2/logs` again, or None when it may now."""
        now = time.monotonic()
        window = self._config.logs_rate_window
        calls = self._calls.setdefault(key, collections.deque())
        while calls and calls[0] <= now - window:
            calls.popleft()
        if len(calls) >= self._config.logs_rate_limit:
            return calls[0] + window - now
        calls.append(now)
        return None

    def _rows(
        self,
        key: str,
        now: float,
        generations: Collection[Generation],
        prices: Mapping[str, float],
    ) -> list[_Row]:
        """The rows of `key` recorded by `now`: the generations' first, then the refusals'."""
        delay = self._config.logs_delay
        rows: list[_Row] = []
        for order, gen in enumerate(generations):
            if not gen.logged or gen.key != key or now < gen.completes_at + delay:
                continue
            row = _row(gen.submitted, gen.model, gen.request_id, gen.id, gen.client_request_id)
            if gen.fails:
                row["status"] = "failed"
            else:
                credits, usd = gen.price(prices)
                row["cost"] = {"usd": usd, "credits": credits}
            rows.append((gen.submitted, order, row))
        for order, refusal in enumerate(self._refusals, start=len(generations)):
            if refusal.key != key or now < refusal.at + delay:
                continue
            row = _row(
                refusal.at,
                refusal.model,
                refusal.request_id,
                refusal.inference_id,
                refusal.client_request_id,
            )
            row["status"] = "failed"
            rows.append((refusal.at, order, row))
        return rows


def _check_filters(query: Any) -> Problem | None:
    """A 400 for a malformed `model`, `status`, `limit` or `offset`; None when they are fine."""
    models, statuses = query.getall("model", []), query.getall("status", [])
    if len(models) > _MAX_MODELS:
        return Problem(400, f"At most 50 model values, got {len(models)}")
    for status in statuses:
        if status not in _STATUSES:
            return Problem(400, f"status must be succeeded or failed, got {status!r}")
    limit, offset = query.get("limit", "50"), query.get("offset", "0")
    if not limit.isdigit() or not 1 <= int(limit) <= _MAX_LIMIT:
        return Problem(400, f"limit must be an integer 1-100, got {limit!r}")
    if not offset.isdigit():
        return Problem(400, f"offset must be an integer >= 0, got {offset!r}")
    return None


def _page(rows: list[_Row], start: int, size: int) -> dict[str, Any]:
    """The envelope `{"data": [...], "pagination": {limit, offset, total, has_more}}`."""
    page = [row for _, _, row in rows[start : start + size]]
    pagination = {
        "limit": size,
        "offset": start,
        "total": len(rows),
        "has_more": start + len(page) < len(rows),
    }
    return {"data": page, "pagination": pagination}


def _iso(moment: float) -> str:
    """A wall-clock moment as the usage log writes it: `2026-07-02T03:04:05.000Z`."""
    stamp = dt.datetime.fromtimestamp(moment, dt.UTC).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


def _moment(text: str) -> float | None:
    """An ISO-8601 time as epoch seconds (no offset means UTC); None when malformed."""
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.timestamp()


def _window(query: Mapping[str, str], now: float) -> tuple[float, float] | str:
    """The (start, end) of a usage-log query in epoch seconds, or the text of its 400."""
    period, start, end = query.get("period"), query.get("start"), query.get("end")
    if period is not None:
        if start is not None or end is not None:
            return "Provide either period or start and end, not both"
        match = _PERIOD.fullmatch(period)
        if match is None:
            return f"period must be a positive integer followed by h or d, got {period!r}"
        count, unit = int(match[1]), match[2]
        span = dt.timedelta(hours=count) if unit == "h" else dt.timedelta(days=count)
        if span > _MAX_WINDOW:
            return f"The window must not exceed 92 days, got {period}"
        return now - span.total_seconds(), now
    if start is None or end is None:
        return "Provide either period or both start and end"
    first, last = _moment(start), _moment(end)
    if first is None or last is None:
        return f"start and end must be ISO-8601 times, got {start!r} and {end!r}"
    if last < first:
        return "end must not be earlier than start"
    if last - first > _MAX_WINDOW.total_seconds():
        return "The window must not exceed 92 days"
    return first, last


def _row(
    created: float, model: str, request_id: str, inference_id: str, client_request_id: str | None
) -> dict[str, Any]:
    """A usage-log row as `logs-v2.json` draws it: succeeded and free until told otherwise."""
    return {
        "created": _iso(created),
        "status": "succeeded",
        "origin": "api",
        "model": model,
        "cost": {"usd": 0.0, "credits": 0},
        "tokens": {"input": 0, "output": 0, "total": 0},  # video is not billed per token
        "request_id": request_id,
        "inference_id": inference_id,
        "client_request_id": client_request_id,
    }
