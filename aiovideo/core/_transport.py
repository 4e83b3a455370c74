"""The HTTP transport: the only module that talks to aiohttp for API calls.

It sends one request, maps every failure to the SDK's exception tree (here and nowhere else:
described in our own exception, never chained to aiohttp's, whose request info carries the
key), and feeds each answer back to the client's budget. Retries live with the callers that
know whether a request is safe to repeat.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import json
import logging
import math
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import unquote

import aiohttp
import anyio.to_thread

from aiovideo.core._budget import Budget
from aiovideo.core._exceptions import (
    APIStatusError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseFormatError,
    ServerError,
    TransportError,
)
from aiovideo.core._options import mask_key
from aiovideo.core._values import Cost
from aiovideo.core._wire import parse_cost_headers

__all__ = [
    "MAX_DEPTH",
    "MAX_PAUSE",
    "MAX_RESPONSE_BYTES",
    "APIKey",
    "Params",
    "Transport",
    "decode_json",
    "error_for_status",
    "parse_retry_after",
]

log = logging.getLogger("aiovideo")

# Query parameters: a mapping, or pairs where a name repeats (`?status=a&status=b`).
Params = Mapping[str, str] | Sequence[tuple[str, str]]

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


def _short_json(value: Any) -> str:
    try:
        return json.dumps(value)[:300]
    except (ValueError, RecursionError):
        return f"<{type(value).__name__} too deep to show>"


def error_for_status(status: int, text: str, *, retry_after: float | None = None) -> APIStatusError:
    """The exception for an error answer: the server's message and requestId, if any."""
    body: Mapping[str, Any] | str = text
    message = text.strip()[:300] or f"HTTP {status}"
    request_id = None
    try:
        decoded = json.loads(text)
    except (ValueError, RecursionError):
        decoded = None
    if isinstance(decoded, Mapping):
        body = decoded
        found = decoded.get("message") or decoded.get("error") or decoded.get("detail")
        if found:
            message = found if isinstance(found, str) else _short_json(found)
        rid = decoded.get("requestId") or decoded.get("request_id")
        request_id = str(rid) if rid else None
    elif text.lstrip()[:1] == "<":
        message = f"non-JSON (HTML) error page: {text.strip()[:120]}"
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else APIStatusError)
    return cls(status, message, request_id=request_id, body=body, retry_after=retry_after)


MAX_RESPONSE_BYTES = 16 * 1024 * 1024  # an API reply larger than this is refused
MAX_DEPTH = 64  # JSON nesting deeper than this is refused (real replies nest 4 deep)
_THREAD_PARSE_ABOVE = 1024 * 1024  # bodies this large are parsed off the event loop


class APIKey:
    """The API key, held so that no repr, log line or captured frame local shows it.

    Error trackers capture the locals of every frame of a traceback; the plain header is
    therefore never bound to a name in an SDK frame, only built inside the call that sends it.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def __repr__(self) -> str:
        return "APIKey('***')"

    __str__ = __repr__

    def headers(self) -> dict[str, str]:
        """The request headers that carry the key."""
        return {"Authorization": "Bearer " + self._value, "Accept": "application/json"}

    def redact(self, text: str) -> str:
        """`text` with any copy of the key (a server may echo it) masked."""
        return mask_key(text, self._value)

    def might_echo(self, raw: bytes) -> bool:
        """Whether a body may carry the key: as is, or hidden behind JSON escapes."""
        return b"\\" in raw or self._value.encode() in raw

    def scrub(self, value: Any) -> Any:
        """A decoded JSON value with the key masked in every string (keys included)."""
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        if isinstance(value, dict):
            return {self.scrub(k): self.scrub(v) for k, v in value.items()}
        return value


def _depth_exceeds(value: Any, limit: int) -> bool:
    """True when containers nest deeper than `limit` (iterative: no recursion to exhaust)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, dict | list))
    return False


def decode_json(
    raw: bytes, *, max_depth: int = MAX_DEPTH, redact: Callable[[str], str] | None = None
) -> Any:
    """Decode a JSON reply, refusing one nested deeper than `max_depth`.

    Args:
        raw: the reply's body.
        max_depth: the deepest nesting accepted.
        redact: masks secrets in the excerpt of a body that is not JSON, which the error
            message quotes (a server may echo the key there).

    Raises:
        ResponseFormatError: not JSON, or nested too deeply.
    """
    try:
        value = json.loads(raw)
    except RecursionError:
        raise ResponseFormatError(f"reply nested deeper than {max_depth} levels") from None
    except ValueError:
        if redact is None:
            shown = raw[:120].decode("utf-8", errors="replace").strip()
        else:
            # Masked in the whole body before the excerpt is cut: a key cut in two at the
            # excerpt's end would show its head unmasked.
            shown = redact(raw.decode("utf-8", errors="replace"))[:120].strip()
        raise ResponseFormatError(f"reply is not JSON: {shown!r}") from None
    # Counting brackets is a C-speed scan: the walk runs only for replies that might be deep.
    if raw.count(b"[") + raw.count(b"{") > max_depth and _depth_exceeds(value, max_depth):
        raise ResponseFormatError(f"reply nested deeper than {max_depth} levels")
    return value


class Transport:
    """Authenticated JSON requests to one API root, over one aiohttp session.

    The API key is held in an `APIKey` and sent only to the API root; it is in no repr,
    message or exception chain: aiohttp's exceptions (whose `request_info` carries the
    request headers) are described in our own exception and never chained to it.
    """

    def __init__(
        self,
        *,
        api_key: APIKey,
        base_url: str,
        session: aiohttp.ClientSession,
        budget: Budget,
        request_timeout: float = 60.0,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        max_pause: float = MAX_PAUSE,
    ) -> None:
        self._key = api_key
        self.base_url = base_url.rstrip("/")
        self.session = session
        self.budget = budget
        self.max_response_bytes = max_response_bytes
        self.max_pause = max_pause
        self._timeout = aiohttp.ClientTimeout(total=request_timeout, sock_connect=10.0)

    def __repr__(self) -> str:
        return f"<Transport {self.base_url}>"

    async def _read(self, resp: aiohttp.ClientResponse, what: str) -> bytes:
        """The body, counting the bytes actually read (chunked or not) against the limit."""
        limit = self.max_response_bytes
        if resp.content_length is not None and resp.content_length > limit:
            raise ResponseFormatError(
                f"{what}: reply of {resp.content_length} bytes refused (max_response_bytes={limit})"
            )
        parts: list[bytes] = []
        size = 0
        while chunk := await resp.content.read(limit + 1 - size):
            parts.append(chunk)
            size += len(chunk)
            if size > limit:
                raise ResponseFormatError(
                    f"{what}: reply longer than {limit} bytes refused (max_response_bytes)"
                )
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def _status_error(
        self, what: str, status: int, raw: bytes, retry_after: float | None, location: str
    ) -> APIStatusError:
        if status < 400:
            shown = self._key.redact(unquote(location))[:200]
            text = f"redirect to {shown!r} not followed"
        else:
            text = raw.decode("utf-8", errors="replace")
            if self._key.might_echo(raw):
                # Re-encoded from the decoded value: escapes (\/, \uXXXX) resolved, so the
                # mask below finds every copy of the key.
                with contextlib.suppress(ValueError, RecursionError):
                    text = json.dumps(self._key.scrub(json.loads(text)))
            text = self._key.redact(text)
        error = error_for_status(status, text, retry_after=retry_after)
        log.debug("%s -> %s %s", what, status, error.message)
        return error

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json_body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Send one request; return the decoded JSON of a 2xx answer.

        `headers` are sent beside the ones carrying the key (which they cannot replace).

        Redirects are never followed: a POST turned into a GET elsewhere could "succeed"
        without submitting anything, and the key must not travel to another host.

        Raises:
            APIStatusError: (or a subclass) for a 3xx/4xx/5xx answer.
            TransportError: the connection failed; `request_sent` says whether the request
                may have reached the server.
            ResponseFormatError: a 2xx answer that is not JSON, too large or too deep.
        """
        value, _ = await self.request_with_cost(
            method, path, params=params, json_body=json_body, headers=headers
        )
        return value

    async def request_with_cost(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json_body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[Any, Cost | None]:
        """`request`, with the cost the reply's headers report (`x-aimlapi-credits-used`,
        `x-aimlapi-usd-spent`), or None."""
        what = f"{method} {path}"
        status, raw, retry_after, location, cost = await self._exchange(
            method, path, what, params=params, json_body=json_body, headers=headers
        )
        self.budget.observe(status, retry_after)
        if status >= 300:
            err_status = self._status_error(what, status, raw, retry_after, location)
            del raw  # a server may echo the key in its body; error trackers capture locals
            raise err_status
        decode = functools.partial(self._decode, raw)
        unreadable: ResponseFormatError | None = None
        try:
            if len(raw) > _THREAD_PARSE_ABOVE:
                # A reply of megabytes takes a while to decode and to scrub (seconds for
                # 15 MiB): not on the loop every Job shares.
                value = await anyio.to_thread.run_sync(decode)
            else:
                value = decode()
        except ResponseFormatError as exc:
            unreadable = ResponseFormatError(str(exc))
        if unreadable is not None:
            # Raised afresh, outside the except block: no frame in its traceback holds the
            # body, where a server may echo the key.
            del raw, decode
            raise unreadable
        return value, cost

    def _decode(self, raw: bytes) -> Any:
        """A 2xx body decoded, with any echo of the key (even behind JSON escapes) masked so
        that it reaches no Job, error message or log line. Runs in a worker thread for big
        bodies: both steps walk the whole reply."""
        value = decode_json(raw, redact=self._key.redact)
        if self._key.might_echo(raw):
            value = self._key.scrub(value)
        return value

    async def _exchange(
        self,
        method: str,
        path: str,
        what: str,
        *,
        params: Params | None,
        json_body: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
    ) -> tuple[int, bytes, float | None, str, Cost | None]:
        """One round trip: (status, body, Retry-After, Location, cost headers). A frame of its
        own, so the response object (whose repr shows every header) is gone when an error is
        raised."""
        failure: TransportError | None = None
        try:
            async with self.session.request(
                method,
                self.base_url + path,
                params=params,
                json=json_body,
                headers={**(headers or {}), **self._key.headers()},
                timeout=self._timeout,
                allow_redirects=False,
            ) as resp:
                # Bytes, not resp.text(): its charset sniffing costs more than the JSON
                # parse, and the API (like JSON itself, RFC 8259) speaks UTF-8.
                raw = await self._read(resp, what)
                return (
                    resp.status,
                    raw,
                    parse_retry_after(resp.headers.get("Retry-After"), cap=self.max_pause),
                    resp.headers.get("Location", ""),
                    parse_cost_headers(resp.headers),
                )
        except aiohttp.ClientConnectorError as exc:
            failure = TransportError(f"cannot connect to {self.base_url}: {exc.os_error}")
        except (TimeoutError, aiohttp.ClientError) as exc:
            # A reset or a timeout: the request may have been received and acted on.
            cause = "timed out" if isinstance(exc, TimeoutError) else type(exc).__name__
            failure = TransportError(f"{what} failed: {cause}", request_sent=True)
        # Raised here, outside the except block, so that neither __cause__ nor __context__
        # holds aiohttp's exception and the request headers it carries.
        assert failure is not None
        raise failure
