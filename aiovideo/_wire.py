"""The wire format: request paths and bodies, and lenient parsing of replies.

Pure and synchronous: no aiohttp, no I/O. The client, the scheduler and the tests call these
with plain dicts. Status words are classified here and only here.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from typing import Any

import cattrs

from aiovideo._exceptions import ResponseFormatError
from aiovideo._models import lookup
from aiovideo._types import Generation, Video, VideoRequest

__all__ = [
    "LEGACY_PATH",
    "UNIVERSAL_PATH",
    "Phase",
    "classify",
    "converter",
    "flatten_error",
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


def _structure_video(data: Any, _: type) -> Video:
    # Some models answer with a list of {url}; some with a bare URL string.
    if isinstance(data, list):
        candidates = [item for item in data if isinstance(item, Mapping) and item.get("url")]
        if not candidates:
            raise ResponseFormatError("the reply's video list holds no URL")
        data = candidates[0]
    if isinstance(data, str):
        data = {"url": data}
    if not isinstance(data, Mapping) or not isinstance(data.get("url"), str):
        raise ResponseFormatError(f"the reply's video has no URL: {str(data)[:200]}")
    size = data.get("file_size")
    return Video(
        id=str(data.get("_generation_id", "")),
        url=data["url"],
        content_type=data.get("content_type"),
        file_name=data.get("file_name"),
        file_size=int(size)
        if isinstance(size, int | float) and not isinstance(size, bool)
        else None,
        raw={k: v for k, v in data.items() if k != "_generation_id"},
    )


def _structure_generation(data: Any, _: type) -> Generation:
    if not isinstance(data, Mapping):
        raise ResponseFormatError(f"expected a JSON object, got {type(data).__name__}")
    ident = data.get("id") or data.get("generation_id")
    if not isinstance(ident, str) or not ident:
        raise ResponseFormatError(f"the reply carries no generation id: {str(data)[:200]}")
    status = data.get("status")
    if not isinstance(status, str) or not status:
        raise ResponseFormatError(f"the reply for {ident} carries no status: {str(data)[:200]}")
    video_data = data.get("video")
    video = None
    if video_data:
        if isinstance(video_data, Mapping):
            video_data = {**video_data, "_generation_id": ident}
        elif isinstance(video_data, list):
            video_data = [
                {**v, "_generation_id": ident} if isinstance(v, Mapping) else v for v in video_data
            ]
        else:
            video_data = {"url": video_data, "_generation_id": ident}
        video = converter.structure(video_data, Video)
    return Generation(
        id=ident,
        status=status.strip().lower(),
        video=video,
        error=flatten_error(data.get("error")),
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
    except (cattrs.BaseValidationError, TypeError, ValueError) as exc:  # pragma: no cover
        raise ResponseFormatError(f"unreadable reply: {exc}") from exc
