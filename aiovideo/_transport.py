"""The HTTP transport: the only module that talks to aiohttp for API calls.

It sends one request, maps every failure to the SDK's exception tree (`raise ... from exc`,
here and nowhere else), and feeds each answer back to the client's budget. Retries live with
the callers that know whether a request is safe to repeat.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import math
import time
from collections.abc import Mapping
from typing import Any

import aiohttp

from aiovideo._budget import Budget
from aiovideo._exceptions import (
    APIStatusError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseFormatError,
    ServerError,
    TransportError,
)

__all__ = ["MAX_PAUSE", "Transport", "error_for_status", "parse_retry_after"]

log = logging.getLogger("aiovideo")

_BY_STATUS: Mapping[int, type[APIStatusError]] = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


MAX_PAUSE = 60.0  # seconds: the longest a Retry-After may pause the client, by default


def parse_retry_after(
    value: str | None, *, now: float | None = None, cap: float = MAX_PAUSE
) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None.

    The value is clamped to [0, cap]: a hostile or broken server answering `1e999`, `nan`,
    a year of seconds or a date in 9999 would otherwise pause every request of the client
    for good (openai-python draws the same line). Unreadable values count as absent.
    """
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        try:
            seconds = when.timestamp() - (time.time() if now is None else now)
        except (OverflowError, OSError, ValueError):  # pragma: no cover  (platform limits)
            seconds = cap
    if math.isnan(seconds):
        return None
    return min(cap, max(0.0, seconds))


def error_for_status(status: int, text: str, *, retry_after: float | None = None) -> APIStatusError:
    """The exception for an error answer: the server's message and requestId, if any."""
    body: Mapping[str, Any] | str = text
    message = text.strip()[:300] or f"HTTP {status}"
    request_id = None
    try:
        decoded = json.loads(text)
    except ValueError:
        decoded = None
    if isinstance(decoded, Mapping):
        body = decoded
        found = decoded.get("message") or decoded.get("error") or decoded.get("detail")
        if found:
            message = found if isinstance(found, str) else json.dumps(found)[:300]
        rid = decoded.get("requestId") or decoded.get("request_id")
        request_id = str(rid) if rid else None
    elif text.lstrip()[:1] == "<":
        message = f"non-JSON (HTML) error page: {text.strip()[:120]}"
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else APIStatusError)
    return cls(status, message, request_id=request_id, body=body, retry_after=retry_after)


class Transport:
    """Authenticated JSON requests to one API root, over one aiohttp session.

    The API key is held privately and sent only to the API root; it is in no repr or message.
    """

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str,
        session: aiohttp.ClientSession,
        budget: Budget,
        request_timeout: float = 60.0,
    ) -> None:
        self._key = api_key
        self.base_url = base_url.rstrip("/")
        self.session = session
        self.budget = budget
        self._timeout = aiohttp.ClientTimeout(total=request_timeout, sock_connect=10.0)

    def __repr__(self) -> str:
        return f"<Transport {self.base_url}>"

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json_body: Mapping[str, Any] | None = None,
    ) -> Any:
        """Send one request; return the decoded JSON of a 2xx answer.

        Raises:
            APIStatusError: (or a subclass) for a 4xx/5xx answer.
            TransportError: the connection failed; `request_sent` says whether the request
                may have reached the server.
            ResponseFormatError: a 2xx answer that is not JSON.
        """
        url = self.base_url + path
        headers = {"Authorization": f"Bearer {self._key}", "Accept": "application/json"}
        try:
            async with self.session.request(
                method, url, params=params, json=json_body, headers=headers, timeout=self._timeout
            ) as resp:
                # Bytes, not resp.text(): its charset sniffing costs more than the JSON
                # parse, and the API (like JSON itself, RFC 8259) speaks UTF-8.
                raw = await resp.read()
                status = resp.status
                retry_after = parse_retry_after(resp.headers.get("Retry-After"))
        except aiohttp.ClientConnectorError as exc:
            raise TransportError(f"cannot connect to {self.base_url}: {exc.os_error}") from exc
        except (TimeoutError, aiohttp.ClientError) as exc:
            # A reset or a timeout: the request may have been received and acted on.
            what = "timed out" if isinstance(exc, asyncio.TimeoutError) else type(exc).__name__
            raise TransportError(f"{method} {path} failed: {what}", request_sent=True) from exc
        self.budget.observe(status, retry_after)
        if status >= 400:
            text = raw.decode("utf-8", errors="replace")
            err_status = error_for_status(status, text, retry_after=retry_after)
            log.debug("%s %s -> %s %s", method, path, status, err_status.message)
            raise err_status
        try:
            return json.loads(raw)
        except ValueError as exc:
            shown = raw.decode("utf-8", errors="replace").strip()[:120]
            raise ResponseFormatError(
                f"{method} {path} answered {status} with non-JSON: {shown!r}"
            ) from exc
