"""The wire format: lenient parsing of the API's replies, and what a status word means.

Pure and synchronous: no aiohttp, no I/O. The client, the scheduler and the tests call these
with plain dicts. Status words are classified here and only here. Replies are read by hand,
not by the converter: a hostile reply must still give up its id (a billed generation is never
lost) and any field may hold any JSON, so each value is checked and dropped on its own.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from aiovideo.core._exceptions import ResponseFormatError
from aiovideo.core._values import Cost, Generation, Video, to_usd

__all__ = [
    "ERROR_TEXT_LIMIT",
    "MAX_AMOUNT",
    "Phase",
    "brief",
    "classify",
    "cost_of",
    "flatten_error",
    "lenient_amount",
    "lenient_credits",
    "lenient_moment",
    "lenient_text",
    "parse_cost",
    "parse_cost_headers",
    "parse_generation",
]


class Phase(enum.Enum):
    """Where a status word puts a generation."""

    PENDING = "pending"
    SUCCESS = "success"
    FAILURE = "failure"


_PENDING = frozenset({"queued", "generating", "waiting", "active", "pending", "processing"})
_SUCCESS = frozenset({"completed", "succeeded", "success"})


def classify(status: str) -> Phase:
    """The phase of a status word.

    Pending words keep a generation polled; `completed`/`succeeded` are success; everything
    else, known failures (`error`, `failed`, `cancelled`) and words never seen alike, is a
    failure, so an unknown word can never cause an endless poll.
    """
    word = status.strip().lower()
    if word in _PENDING:
        return Phase.PENDING
    if word in _SUCCESS:
        return Phase.SUCCESS
    return Phase.FAILURE


#: The longest error text kept on a `Generation` (the whole error stays in `raw`).
ERROR_TEXT_LIMIT = 1000
# How deep `_brief` looks into a value before writing "..." for the rest.
_BRIEF_DEPTH = 6


def _tokens(value: Any, depth: int) -> Iterator[str]:
    """JSON-like text of a value, piece by piece; nesting past `_BRIEF_DEPTH` is elided.

    A generator, so that `_brief` stops reading a huge value once it has enough text, and
    recursion is bounded by `_BRIEF_DEPTH` whatever the depth of the value.
    """
    if value is None or isinstance(value, bool | float):
        yield json.dumps(value)
    elif isinstance(value, int):
        yield _int_text(value)
    elif isinstance(value, str):
        yield json.dumps(value[:ERROR_TEXT_LIMIT])
    elif isinstance(value, Mapping):
        if depth >= _BRIEF_DEPTH:
            yield "{...}" if value else "{}"
            return
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield ", " if index else ""
            yield json.dumps(key[:ERROR_TEXT_LIMIT] if isinstance(key, str) else brief(key, 80))
            yield ": "
            yield from _tokens(item, depth + 1)
        yield "}"
    elif isinstance(value, list | tuple):
        if depth >= _BRIEF_DEPTH:
            yield "[...]" if value else "[]"
            return
        yield "["
        for index, item in enumerate(value):
            yield ", " if index else ""
            yield from _tokens(item, depth + 1)
        yield "]"
    else:
        yield f"<{type(value).__name__}>"


def _int_text(value: int) -> str:
    try:
        return str(value)
    except ValueError:  # past Python's int-to-text limit (4300 digits)
        return f"<a {value.bit_length()}-bit integer>"


def brief(value: Any, limit: int = ERROR_TEXT_LIMIT) -> str:
    """A value as at most `limit` characters of JSON-like text; never raises, never walks far."""
    if isinstance(value, str):
        return _clip(value, limit)
    parts: list[str] = []
    size = 0
    for token in _tokens(value, 0):
        parts.append(token)
        size += len(token)
        if size > limit:
            break
    return _clip("".join(parts), limit)


def _clip(text: str, limit: int = ERROR_TEXT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _detail_text(item: Any) -> str:
    """One entry of a `{"detail": [...]}` error: `loc.path: msg`."""
    if not isinstance(item, Mapping):
        return brief(item, 200)
    loc = item.get("loc")
    if isinstance(loc, list | tuple):
        where = ".".join(p if isinstance(p, str) else brief(p, 40) for p in loc[:20])
    else:
        where = loc if isinstance(loc, str) else ""
    msg = item.get("msg")
    text = msg if isinstance(msg, str) else brief(item if msg is None else msg, 200)
    return _clip(f"{where}: {text}" if where else text, 400)


def flatten_error(error: Any) -> str | None:
    """Any of the error shapes the API sends, as one line of text (None for no error).

    Total: any JSON value gives text of at most `ERROR_TEXT_LIMIT` characters, read without
    walking deep or large values.
    """
    if error is None or (isinstance(error, str | Mapping | list) and not error):
        return None
    if isinstance(error, str):
        return _clip(error)
    if isinstance(error, Mapping):
        detail = error.get("detail")
        if isinstance(detail, list):
            parts: list[str] = []
            size = 0
            for item in detail:
                parts.append(_detail_text(item))
                size += len(parts[-1]) + 2
                if size > ERROR_TEXT_LIMIT:
                    break
            return _clip("; ".join(parts))
        name, message = error.get("name"), error.get("message")
        if name and message:
            return _clip(f"{brief(name, 200)}: {brief(message)}")
        if message or name:
            return brief(message or name)
        if isinstance(detail, str) and detail:
            return _clip(detail)
    return brief(error)


def _size(value: Any) -> int | None:
    """A byte count from a reply, or None: no bool, no NaN or infinity, no negative."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return int(value) if value >= 0 else None


def lenient_text(value: Any) -> str | None:
    """A string from a reply, or None for any other value."""
    return value if isinstance(value, str) else None


def _video(ident: str, data: Mapping[str, Any]) -> Video:
    return Video(
        id=ident,
        url=data["url"],
        content_type=lenient_text(data.get("content_type")),
        file_name=lenient_text(data.get("file_name")),
        file_size=_size(data.get("file_size")),
        raw=dict(data),
    )


def _videos(ident: str, data: Any) -> tuple[Video, ...]:
    """Every video of a reply: an object, a bare URL, or a list of either (Runway, Kling).

    Entries without a URL string are skipped; a `video` that is not empty yet holds no URL at
    all is a ResponseFormatError.
    """
    if not data:  # None, {}, [] or "" (and false or 0, which older replies never send)
        return ()
    items = data if isinstance(data, list) else (data,)
    videos = []
    for item in items:
        if isinstance(item, str):
            if item:
                videos.append(_video(ident, {"url": item}))
        elif isinstance(item, Mapping):
            url = item.get("url")
            if isinstance(url, str) and url:
                videos.append(_video(ident, item))
    if not videos:
        raise ResponseFormatError(f"the reply's video holds no URL: {brief(data, 200)}")
    return tuple(videos)


# Amounts of 10**100 or more (credits or USD) are no cost any server means: dropped like an
# unreadable one. Below that every amount is kept exactly, as text (the journal, the manifest)
# or as a number, however many digits it has (credits past 2**63 included).
MAX_AMOUNT = Decimal(10) ** 100


def lenient_amount(value: Any) -> Decimal | None:
    """A finite amount >= 0 from a reply, exactly, or None: below 10**100, and within
    `to_usd`'s digits (a nonzero amount between 1e-60 and 1e61).

    A number or a numeric string. A JSON number reaches us as a float (the transport's
    `json.loads` is not told `parse_float=Decimal`, so that `raw` stays plain JSON types):
    it is read through its shortest text (`to_usd`), which gives back exactly what the reply
    wrote for any amount of up to 15 significant digits (`0.06` -> `Decimal("0.06")`).
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    if isinstance(value, int) and value >= MAX_AMOUNT:
        return None  # compared as an int: an int too long to print must not be printed
    try:
        amount = to_usd(value)
    except ValueError:
        return None
    return amount if amount.is_finite() and 0 <= amount < MAX_AMOUNT else None


def lenient_credits(value: Any) -> int | None:
    """A credit count: integers kept exact, other amounts truncated (see `lenient_amount`)."""
    amount = lenient_amount(value)
    if amount is None:
        return None
    return value if isinstance(value, int) else int(amount)


def parse_cost(meta: Any) -> Cost | None:
    """The cost in a reply's `meta` (`usage.credits_used`, older `tokens_used`, `usd_spent`).

    Where the reply gives credits, `usd` is credits / 2,000,000, exactly (an integer count
    has no rounding to inherit); `usd_spent` is read only from a reply without credits.
    Amounts that are not finite, >= 0 and below 10**100 are ignored.
    """
    if not isinstance(meta, Mapping):
        return None
    usage = meta.get("usage")
    if not isinstance(usage, Mapping):
        usage = meta  # some older replies put the counters right under meta
    given = usage.get("credits_used")
    if given is None:
        given = usage.get("tokens_used")
    return cost_of(lenient_credits(given), usage.get("usd_spent"))


def cost_of(credits: int | None, usd: Any) -> Cost | None:
    """The cost of `credits` (read with `lenient_credits`), else of the `usd` amount given,
    read with `lenient_amount` (None: neither readable)."""
    if credits is not None:
        return Cost(credits=credits)
    amount = lenient_amount(usd)
    return None if amount is None else Cost(usd=amount)


def lenient_moment(value: Any) -> float | None:
    """An ISO-8601 time as epoch seconds (no offset means UTC, as the API reads it)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.timestamp()


def parse_cost_headers(headers: Mapping[str, str]) -> Cost | None:
    """The cost in a reply's `x-aimlapi-credits-used` / `x-aimlapi-usd-spent` headers (the
    same rules as `parse_cost`: credits, when readable as a whole number, give the USD)."""
    given = headers.get("x-aimlapi-credits-used")
    credits = None
    if given is not None:
        amount = lenient_amount(given)
        credits = None if amount is None or amount != int(amount) else int(amount)
    return cost_of(credits, headers.get("x-aimlapi-usd-spent"))


def _generation(data: Any) -> Generation:
    if not isinstance(data, Mapping):
        raise ResponseFormatError(f"expected a JSON object, got {type(data).__name__}")
    ident = data.get("id") or data.get("generation_id")
    if not isinstance(ident, str) or not ident.strip():
        raise ResponseFormatError(f"the reply carries no generation id: {brief(data, 200)}")
    status = data.get("status")
    if not isinstance(status, str) or not status.strip():
        raise ResponseFormatError(f"the reply for {ident} carries no status: {brief(data, 200)}")
    videos = _videos(ident, data.get("video"))
    error = data.get("error")
    meta = data.get("meta")
    return Generation(
        id=ident,
        status=status.strip().lower(),
        video=videos[0] if videos else None,
        # The common replies skip both helpers: a pending poll has neither error nor meta.
        error=None if error is None else flatten_error(error),
        cost=None if meta is None else parse_cost(meta),
        videos=videos,
        raw=dict(data),
    )


def parse_generation(payload: Any) -> Generation:
    """Read a submit or status reply into a `Generation`.

    Raises:
        ResponseFormatError: not a JSON object, or no id, or no status.
    """
    try:
        return _generation(payload)
    except ResponseFormatError:
        raise
    except Exception as exc:
        # Parsing is total: whatever a hostile reply holds, the caller sees our error type
        # (the scheduler ends that one Job with it), never a crash of its own.
        raise ResponseFormatError(f"unreadable reply: {type(exc).__name__}") from exc
