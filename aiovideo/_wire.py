"""The wire format: request paths and bodies, and lenient parsing of replies.

Pure and synchronous: no aiohttp, no I/O. The client, the scheduler and the tests call these
with plain dicts. Status words are classified here and only here.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Mapping
from typing import Any

import cattrs

from aiovideo._exceptions import ResponseFormatError
from aiovideo._models import lookup
from aiovideo._types import Cost, Generation, Video, VideoRequest

__all__ = [
    "LEGACY_PATH",
    "UNIVERSAL_PATH",
    "Phase",
    "classify",
    "converter",
    "flatten_error",
    "parse_cost",
    "parse_generation",
    "register_hooks",
    "submit_path",
]

UNIVERSAL_PATH = "/v2/video/generations"
LEGACY_PATH = "/v2/generate/video/google/generation"


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


def submit_path(request: VideoRequest, *, legacy: bool = False) -> str:
    """The path to POST a request to; the legacy Google path only for models it serves."""
    if legacy:
        spec = lookup(request.model)
        if spec is not None and spec.legacy:
            return LEGACY_PATH
    return UNIVERSAL_PATH


def flatten_error(error: Any) -> str | None:
    """Any of the error shapes the API sends, as one line of text (None for no error)."""
    if error is None or error in ({}, ""):
        return None
    if isinstance(error, str):
        return error
    if isinstance(error, Mapping):
        detail = error.get("detail")
        if isinstance(detail, list):
            parts = []
            for item in detail:
                if isinstance(item, Mapping):
                    loc = ".".join(str(p) for p in item.get("loc", ()) or ())
                    msg = str(item.get("msg", item))
                    parts.append(f"{loc}: {msg}" if loc else msg)
                else:
                    parts.append(str(item))
            return "; ".join(parts)
        name, message = error.get("name"), error.get("message")
        if name and message:
            return f"{name}: {message}"
        if message or name:
            return str(message or name)
        if isinstance(detail, str):
            return detail
    return json.dumps(error, default=str)[:500]


def _size(value: Any) -> int | None:
    """A byte count from a reply, or None: no bool, no NaN or infinity, no negative."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return int(value) if value >= 0 else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _structure_video(data: Any, _: type) -> Video:
    # An object {url, ...}, or a bare URL string (Runway's lists hold those).
    if isinstance(data, str):
        data = {"url": data}
    if not isinstance(data, Mapping) or not isinstance(data.get("url"), str) or not data["url"]:
        raise ResponseFormatError(f"the reply's video has no URL: {_shown(data)}")
    return Video(
        id=str(data.get("_generation_id", "")),
        url=data["url"],
        content_type=_text(data.get("content_type")),
        file_name=_text(data.get("file_name")),
        file_size=_size(data.get("file_size")),
        raw={k: v for k, v in data.items() if k != "_generation_id"},
    )


def _videos(ident: str, data: Any) -> tuple[Video, ...]:
    """Every video of a reply: an object, a bare URL, or a list of either (Runway, Kling)."""
    if not data:
        return ()
    items = data if isinstance(data, list) else [data]
    videos = []
    for item in items:
        if isinstance(item, Mapping):
            fields = {**item, "_generation_id": ident}
        elif isinstance(item, str):
            fields = {"url": item, "_generation_id": ident}
        else:
            continue
        if fields.get("url"):
            videos.append(converter.structure(fields, Video))
    if not videos:
        raise ResponseFormatError(f"the reply's video holds no URL: {_shown(data)}")
    return tuple(videos)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def parse_cost(meta: Any) -> Cost | None:
    """The cost in a reply's `meta` (`usage.credits_used`, older `tokens_used`, `usd_spent`)."""
    if not isinstance(meta, Mapping):
        return None
    usage = meta.get("usage")
    if not isinstance(usage, Mapping):
        usage = meta  # some older replies put the counters right under meta
    credits = _number(usage.get("credits_used", usage.get("tokens_used")))
    usd = _number(usage.get("usd_spent"))
    if credits is None and usd is None:
        return None
    return Cost(credits=None if credits is None else int(credits), usd=usd)


def _shown(data: Any) -> str:
    try:
        return repr(data)[:200]
    except (RecursionError, ValueError):  # pragma: no cover  (a reply too deep to print)
        return f"<{type(data).__name__}>"


def _structure_generation(data: Any, _: type) -> Generation:
    if not isinstance(data, Mapping):
        raise ResponseFormatError(f"expected a JSON object, got {type(data).__name__}")
    ident = data.get("id") or data.get("generation_id")
    if not isinstance(ident, str) or not ident.strip():
        raise ResponseFormatError(f"the reply carries no generation id: {_shown(data)}")
    status = data.get("status")
    if not isinstance(status, str) or not status.strip():
        raise ResponseFormatError(f"the reply for {ident} carries no status: {_shown(data)}")
    videos = _videos(ident, data.get("video"))
    return Generation(
        id=ident,
        status=status.strip().lower(),
        video=videos[0] if videos else None,
        error=flatten_error(data.get("error")),
        cost=parse_cost(data.get("meta")),
        videos=videos,
        raw=dict(data),
    )


def register_hooks(conv: cattrs.Converter) -> None:
    """Configure the one converter: lenient replies, request bodies."""
    conv.register_structure_hook(Video, _structure_video)
    conv.register_structure_hook(Generation, _structure_generation)
    conv.register_unstructure_hook(VideoRequest, VideoRequest.body)


converter = cattrs.Converter(forbid_extra_keys=False)
register_hooks(converter)


def parse_generation(payload: Any) -> Generation:
    """Read a submit or status reply into a `Generation`.

    Raises:
        ResponseFormatError: not a JSON object, or no id, or no status.
    """
    try:
        return converter.structure(payload, Generation)
    except ResponseFormatError:
        raise
    except Exception as exc:
        # Parsing is total: whatever a hostile reply holds, the caller sees our error type
        # (the scheduler ends that one Job with it), never a crash of its own.
        raise ResponseFormatError(f"unreadable reply: {type(exc).__name__}") from exc
