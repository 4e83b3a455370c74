"""The API's envelope as the emulator speaks it: its paths, JSON and error replies, the bearer
key and the tracing headers' values, and the keys of a request's own storage."""

from __future__ import annotations

import collections
import re
import time
import uuid
from typing import Any

from aiohttp import web

__all__ = [
    "BODY",
    "INFERENCE",
    "LEGACY",
    "LOGS",
    "REQUEST_ID",
    "UNIVERSAL",
    "bearer",
    "client_request_id",
    "error",
    "json",
]

# The server's own paths. The emulator does not take them from the client's wire module: the
# two meet only over HTTP, so each states the API as the docs draw it.
UNIVERSAL = "/v2/video/generations"
LEGACY = "/v2/generate/video/google/generation"
LOGS = "/v2/logs"
# docs/capabilities/request-tracing-and-cost.md: 1-128 characters of this alphabet, else dropped.
_CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def _request_key(name: str, kind: type) -> Any:
    """A key for a request's own storage (what a handler hands to the tracing middleware).

    aiohttp 3.14 warns (`NotAppKeyWarning`) on a string key and offers `web.RequestKey`; the
    releases before it, which the package still supports (>= 3.9), have no `RequestKey` and take
    string keys silently. A user's suite under `filterwarnings = error` sees no warning on either.
    """
    make = getattr(web, "RequestKey", None)
    return name if make is None else make(name, kind)


REQUEST_ID = _request_key("aiovideo_request_id", str)
INFERENCE = _request_key("aiovideo_inference_id", str)
BODY = _request_key("aiovideo_body", object)


def json(status: int, data: Any, **headers: str) -> web.Response:
    """A JSON reply."""
    return web.json_response(data, status=status, headers=headers or None)


def error(
    request: web.Request,
    stats: collections.Counter[str],
    status: int,
    message: str,
    **headers: str,
) -> web.Response:
    """An error reply in the API's envelope, counted in `stats` as `http_<status>`."""
    stats[f"http_{status}"] += 1
    request[REQUEST_ID] = request_id = str(uuid.uuid4())
    body = {
        "message": message,
        "path": request.path,
        "requestId": request_id,
        "statusCode": status,
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
    }
    return json(status, body, **headers)


def client_request_id(request: web.Request) -> str | None:
    """The request's `X-Client-Request-Id` when valid; None when absent or malformed (dropped)."""
    value = request.headers.get("X-Client-Request-Id", "")
    return value if _CLIENT_REQUEST_ID.fullmatch(value) else None


def bearer(request: web.Request) -> str:
    """The request's bearer key ("" when it has none)."""
    auth = request.headers.get("Authorization", "")
    return auth[len("Bearer ") :].strip() if auth.startswith("Bearer ") else ""
