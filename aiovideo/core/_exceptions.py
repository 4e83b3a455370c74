"""The one exception tree of aiovideo.

    AiovideoError
    ├── ConfigurationError          no API key, bad base URL, bad option
    ├── ValidationError             a request breaks the model table (before any HTTP request)
    ├── APIStatusError              the server answered an error status
    │   ├── AuthenticationError     401
    │   ├── PermissionDeniedError   403
    │   ├── NotFoundError           404
    │   ├── RateLimitError          429
    │   └── ServerError             5xx
    ├── TransportError              connection refused, reset or timed out
    ├── ResponseFormatError         the reply cannot be read (not JSON, no id)
    ├── GenerationFailedError       the generation ended in a failure status
    ├── GenerationTimeoutError      a wait or a deadline passed (also a TimeoutError)
    ├── ClientClosedError           the Client closed while the Job was pending
    ├── JobNotDoneError             `job.result()` before the Job is done (also an asyncio
    │                               InvalidStateError)
    ├── SpendLimitError             a submit would pass the client's spend limit (before any POST)
    ├── UnsettledSubmitError        (the Journal, in _journal) an earlier submit lost its reply
    │                               and is not settled from the usage logs yet (before any POST)
    ├── HeldElsewhereError          (the Journal, in _journal) another live owner holds the row
    │                               (`submit(..., wait_for_others=False)`, before any POST)
    └── JournalWriteError           (the Journal, in _journal) the journal cannot be written

No message built here ever contains the API key: the transport never passes it in.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

__all__ = [
    "APIStatusError",
    "AiovideoError",
    "AuthenticationError",
    "ClientClosedError",
    "ConfigurationError",
    "GenerationFailedError",
    "GenerationTimeoutError",
    "JobNotDoneError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseFormatError",
    "ServerError",
    "SpendLimitError",
    "TransportError",
    "ValidationError",
]


class AiovideoError(Exception):
    """Base class of every error raised by aiovideo."""


class ConfigurationError(AiovideoError):
    """The client is missing an API key, has a bad base URL, or a bad option."""


class ValidationError(AiovideoError, ValueError):
    """A request breaks the model table; raised before any HTTP request is made.

    Attributes:
        model: the model id of the request.
        field: the offending field.
        value: the value given (images are shortened).
        allowed: a description of what would have been accepted.
    """

    def __init__(self, model: str, field: str, value: object, allowed: str) -> None:
        self.model = model
        self.field = field
        self.value = value
        self.allowed = allowed
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        super().__init__(f"{model}: invalid {field}={shown}; {allowed}")


class APIStatusError(AiovideoError):
    """The server answered with an error status.

    Attributes:
        status_code: the HTTP status.
        message: the server's `message` (or the start of the body).
        request_id: the server's `requestId`, when it sent one.
        body: the decoded JSON body, or the text when it was not JSON.
        retry_after: seconds from a `Retry-After` header, when present (at most the
            client's `max_pause`).
        generation_id: the generation it was about, when it ended a Job.
    """

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        request_id: str | None = None,
        body: Mapping[str, Any] | str | None = None,
        retry_after: float | None = None,
        generation_id: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.message = message
        self.request_id = request_id
        self.body = body
        self.retry_after = retry_after
        self.generation_id = generation_id
        text = f"HTTP {status_code}: {message}"
        if request_id:
            text += f" (request id {request_id})"
        super().__init__(text)


class AuthenticationError(APIStatusError):
    """401: the API key was refused."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this (often: out of credits)."""


class NotFoundError(APIStatusError):
    """404: unknown path or generation id."""


class RateLimitError(APIStatusError):
    """429: rate or concurrency limit; retry later."""


class ServerError(APIStatusError):
    """5xx: the server or a proxy failed."""


class TransportError(AiovideoError):
    """The connection was refused, reset or timed out.

    Attributes:
        request_sent: False when the request surely never reached the server (connection
            refused), True when it may have (a reset or a timeout after sending).
    """

    def __init__(self, message: str, *, request_sent: bool = False) -> None:
        self.request_sent = request_sent
        super().__init__(message)


class ResponseFormatError(AiovideoError):
    """The server's reply could not be read (not JSON, no id or status, too large or deep).

    Attributes:
        generation_id: the generation whose replies could not be read, when it ended a Job
            (track it again to resume).
    """

    def __init__(self, message: str, *, generation_id: str | None = None) -> None:
        self.generation_id = generation_id
        super().__init__(message)


class _GenerationError(AiovideoError):
    """An error about one generation, which keeps its id so it can be resumed."""

    def __init__(self, message: str, *, generation_id: str) -> None:
        self.generation_id = generation_id
        super().__init__(message)


class GenerationFailedError(_GenerationError):
    """The generation ended in a failure status.

    Attributes:
        generation_id: the id of the generation.
        status: the final status word.
        error: the server's error message (any shape, flattened to text), or None.
        raw: the whole last reply.
    """

    def __init__(
        self,
        *,
        generation_id: str,
        status: str,
        error: str | None,
        raw: Mapping[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.error = error
        self.raw = raw
        detail = f": {error}" if error else ""
        super().__init__(
            f"generation {generation_id} ended with status {status!r}{detail}",
            generation_id=generation_id,
        )


class GenerationTimeoutError(_GenerationError, TimeoutError):
    """A wait gave up, or the Job's deadline passed; the remote generation goes on."""


class ClientClosedError(_GenerationError):
    """The Client closed while the Job was pending; resume it with `Client.track`."""


class JobNotDoneError(_GenerationError, asyncio.InvalidStateError):
    """`job.result()` was called before the Job was done: await the Job instead.

    Also an `asyncio.InvalidStateError`, which `asyncio.Future.result` raises in that case.
    """


class SpendLimitError(AiovideoError):
    """A submit would pass the client's `max_spend_usd`; raised before any POST.

    Attributes:
        spent_usd: what the client has spent or expects to spend so far, exactly.
        limit_usd: the limit, exactly.
    """

    def __init__(self, message: str, *, spent_usd: Decimal, limit_usd: Decimal) -> None:
        self.spent_usd = spent_usd
        self.limit_usd = limit_usd
        super().__init__(message)
