"""The usage logs (`GET /v2/logs`): reading a page into `UsageRecord`s, and paging through
a time window.

Rows go through the one converter (`_convert`), which reads them leniently; the paging asks
the client for each page, under its budget and retries.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping, Sequence
from typing import Any

from aiovideo.core._convert import converter
from aiovideo.core._exceptions import ResponseFormatError
from aiovideo.core._paths import LOGS_PATH
from aiovideo.core._values import UsageRecord
from aiovideo.core._wire import brief

__all__ = ["LOGS_PAGE", "MAX_PAGES", "MAX_SECONDS", "parse_usage_page", "usage_records"]

LOGS_PAGE = 100  # the most rows the API sends per page
# A server whose pages always say `has_more` (or ignore the offset) would be paged forever:
# 17,464 GETs in 30 s were seen. 500 pages is 50,000 requests in the window.
MAX_PAGES = 500
MAX_SECONDS = 120.0  # the whole paging, on the client's clock

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
    clock: Callable[[], float] = time.monotonic,
    max_pages: int = MAX_PAGES,
    max_seconds: float = MAX_SECONDS,
) -> AsyncGenerator[UsageRecord, None]:
    """Every row of the window, newest first, a page at a time (see `Client.usage_logs`).

    The paging ends at the last page, at the first row older than `start` (rows come newest
    first: the rest are older still), or with an error past `max_pages` pages or
    `max_seconds`: a server that always says `has_more` cannot hold the caller forever, and
    a list cut short must not pass for the whole window.

    Args:
        get_json: the client's GET (budgeted, retried on transient failures).
        start, end: the window, epoch seconds (`end` None: now).
        models, statuses: keep only rows of these models / statuses (none: all).
        clock: what `max_seconds` is measured on (the client's timer).
        max_pages: pages read at most.
        max_seconds: seconds of paging at most.

    Yields:
        A `UsageRecord` per row.

    Raises:
        APIStatusError, TransportError, ResponseFormatError: a page could not be read.
        ResponseFormatError: more pages than `max_pages`, or paging past `max_seconds`.
    """
    params: list[tuple[str, str]] = [
        ("start", _iso(start)),
        ("end", _iso((time.time() if end is None else end) + 1.0)),  # whole seconds
        ("limit", str(LOGS_PAGE)),
    ]
    params += [("model", model) for model in models]
    params += [("status", status) for status in statuses]
    first = math.floor(start)  # the window as sent: whole seconds
    offset = 0
    began = clock()
    for page in range(max_pages):
        if page and clock() - began > max_seconds:
            raise ResponseFormatError(
                f"usage logs: still more pages after {max_seconds:g} s ({page} pages, "
                f"{offset} rows); stopped"
            )
        payload = await get_json(LOGS_PATH, [*params, ("offset", str(offset))])
        rows, more = parse_usage_page(payload)
        for row in rows:
            if row.created is not None and row.created < first:
                return  # newest first: this row and every later one lie before the window
            yield row
        offset += len(rows)
        if not more or not rows:
            return
    raise ResponseFormatError(
        f"usage logs: the server says more pages follow after {max_pages} pages "
        f"({offset} rows); stopped"
    )
