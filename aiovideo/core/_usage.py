"""The usage logs (`GET /v2/logs`): reading a page into `UsageRecord`s, and paging through
a time window.

Rows go through the one converter (`_convert`), which reads them leniently; the paging asks
the client for each page, under its budget and retries.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping, Sequence
from typing import Any

from aiovideo.core._convert import converter
from aiovideo.core._exceptions import ResponseFormatError
from aiovideo.core._paths import LOGS_PATH
from aiovideo.core._values import UsageRecord
from aiovideo.core._wire import brief

__all__ = ["LOGS_PAGE", "parse_usage_page", "usage_records"]

LOGS_PAGE = 100  # the most rows the API sends per page

#: One GET of the client: a path and query parameters in, the decoded JSON out.
GetJSON = Callable[[str, list[tuple[str, str]]], Awaitable[Any]]


def _iso(moment: float) -> str:
    """Epoch seconds as the ISO-8601 UTC time the usage logs take."""
    return dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_usage_page(payload: Any) -> tuple[list[UsageRecord], bool]:
    """A page of `GET /v2/logs`: its rows and whether more pages follow.

    Rows that are not objects are skipped; an envelope without a `data` list is unreadable.

    Raises:
        ResponseFormatError: the reply is not the logs envelope.
    """
    if not isinstance(payload, Mapping) or not isinstance(payload.get("data"), list):
        raise ResponseFormatError(f"not a usage-log page: {brief(payload, 200)}")
    rows = [
        converter.structure(row, UsageRecord) for row in payload["data"] if isinstance(row, Mapping)
    ]
    pagination = payload.get("pagination")
    more = isinstance(pagination, Mapping) and pagination.get("has_more") is True
    return rows, more


async def usage_records(
    get_json: GetJSON,
    *,
    start: float,
    end: float | None,
    models: Sequence[str],
    statuses: Sequence[str],
) -> AsyncGenerator[UsageRecord, None]:
    """Every row of the window, newest first, a page at a time (see `Client.usage_logs`).

    Args:
        get_json: the client's GET (budgeted, retried on transient failures).
        start, end: the window, epoch seconds (`end` None: now).
        models, statuses: keep only rows of these models / statuses (none: all).

    Yields:
        A `UsageRecord` per row.

    Raises:
        APIStatusError, TransportError, ResponseFormatError: a page could not be read.
    """
    params: list[tuple[str, str]] = [
        ("start", _iso(start)),
        ("end", _iso((time.time() if end is None else end) + 1.0)),  # whole seconds
        ("limit", str(LOGS_PAGE)),
    ]
    params += [("model", model) for model in models]
    params += [("status", status) for status in statuses]
    offset = 0
    while True:
        payload = await get_json(LOGS_PATH, [*params, ("offset", str(offset))])
        rows, more = parse_usage_page(payload)
        for row in rows:
            yield row
        offset += len(rows)
        if not more or not rows:
            return
