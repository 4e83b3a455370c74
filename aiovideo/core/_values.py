"""The public values: a generation snapshot, a finished video, a cost and a usage-log row.

Frozen attrs classes that import nothing of aiovideo: every other module may import them, and
they import none back. The whole JSON reply stays available as `raw`.
"""

from __future__ import annotations

import math
import os
from collections.abc import AsyncGenerator, Mapping
from pathlib import Path
from typing import Any, Protocol

import attrs

__all__ = [
    "CREDITS_PER_USD",
    "DEFAULT_MAX_DOWNLOAD_BYTES",
    "DEFAULT_MAX_READ_BYTES",
    "DEFAULT_STALL_TIMEOUT",
    "Cost",
    "Fetcher",
    "Generation",
    "UsageRecord",
    "Video",
    "set_standalone_fetcher",
]

CREDITS_PER_USD = 2_000_000  # every published example of the API: 3,900,000 credits = 1.95 USD

# A Video's fetching defaults (the downloads module applies them to its own calls too).
DEFAULT_MAX_DOWNLOAD_BYTES = 2 * 1024**3  # 2 GiB: far above a generated clip, below a full disk
DEFAULT_MAX_READ_BYTES = 50_000_000  # in memory: what a bot can hold without thinking about it
DEFAULT_STALL_TIMEOUT = 30.0  # seconds without a single byte (connecting, headers or body)


class Fetcher(Protocol):
    """What fetches a Video's bytes: `aiovideo.core._download.Fetcher` is the one there is.

    A protocol here, so that the values import neither the downloads module nor aiohttp: the
    client gives each Video it returns a fetcher bound to its session and budget.
    """

    async def download(
        self, video: Video, path: str | os.PathLike[str], *, max_bytes: int, stall_timeout: float
    ) -> Path:
        """Stream `video` to `path`, atomically."""
        ...

    async def read(self, video: Video, *, max_bytes: int, stall_timeout: float) -> bytes:
        """The whole of `video` in memory."""
        ...

    def stream(
        self, video: Video, *, max_bytes: int, stall_timeout: float
    ) -> AsyncGenerator[bytes, None]:
        """The bytes of `video` as they arrive."""
        ...


class _Standalone:
    # The fetcher of a Video no client made (one built by hand, or read back from a file): a
    # short-lived session of its own. The downloads module sets it when it is imported, which
    # importing `aiovideo.core` always does; so this module never imports the downloader.
    fetcher: Fetcher | None = None


def set_standalone_fetcher(fetcher: Fetcher) -> None:
    """Set what fetches a Video that no client gave a fetcher (called by the downloads module)."""
    _Standalone.fetcher = fetcher


@attrs.frozen
class Video:
    """A finished video: where to fetch it, and what the server said of it.

    `download`, `read` and `stream` treat the file server as untrusted (the URL may point at
    any host): only http(s) URLs, no host on a private, loopback or link-local address (unless
    the client allows it, or its API is on one), no API key sent, sizes held to what was
    announced and to a maximum, stalls timed out, bodies that are not a video refused,
    transient failures retried and resumed only while the server confirms the same file.

    Attributes:
        id: the generation id it belongs to.
        url: where to fetch it (sent byte for byte: never decoded or re-encoded).
        content_type: the MIME type the server gave, if any.
        file_name: the file name the server gave, if any.
        file_size: the size in bytes the server announced, if any.
        raw: the reply's video entry as sent (`{"url": ...}` for a bare URL).
    """

    id: str
    url: str
    content_type: str | None = None
    file_name: str | None = None
    file_size: int | None = None
    raw: Mapping[str, Any] = attrs.field(factory=dict, hash=False, repr=False)
    # What fetches its bytes: the owning client's session and budget (the client sets it);
    # None: the standalone fetcher, a session of its own.
    _fetcher: Fetcher | None = attrs.field(
        default=None, kw_only=True, eq=False, repr=False, hash=False
    )

    async def download(
        self,
        path: str | os.PathLike[str],
        *,
        max_bytes: int | None = None,
        stall_timeout: float | None = None,
    ) -> Path:
        """Stream the video to `path`, atomically (a temporary file renamed into place).

        Uses the owning client's session and request budget while that client is open,
        else a short-lived session of its own. A partial left by a failed call is resumed
        by the next one when the server confirms it still holds the same file.

        Args:
            path: the file to write; its directory is created when missing.
            max_bytes: the largest file accepted (None: 2 GiB).
            stall_timeout: seconds without a byte before an attempt gives up (None: 30).

        Returns:
            The path written.

        Raises:
            ResponseFormatError: the URL is not http(s) (before any I/O), the body is not a
                video, or its size passes what was announced or `max_bytes`.
            TransportError: the connection failed or stalled ("timed out") for good.
            APIStatusError: the file server answered an error status.
            OSError: the local disk failed.
        """
        return await self._fetch().download(
            self,
            path,
            max_bytes=DEFAULT_MAX_DOWNLOAD_BYTES if max_bytes is None else max_bytes,
            stall_timeout=_stall(stall_timeout),
        )

    async def read(
        self, *, max_bytes: int = DEFAULT_MAX_READ_BYTES, stall_timeout: float | None = None
    ) -> bytes:
        """The whole video in memory (for bots that post it on), with `download`'s rules.

        Args:
            max_bytes: the largest file accepted; a larger one is refused as soon as it is
                announced or received.
            stall_timeout: seconds without a byte before an attempt gives up (None: 30).

        Returns:
            The video's bytes.

        Raises:
            ResponseFormatError: the URL is not http(s) (before any I/O), the body is not a
                video, or it is larger than `max_bytes` or than announced.
            TransportError: the connection failed or stalled ("timed out") for good.
            APIStatusError: the file server answered an error status.
        """
        return await self._fetch().read(
            self, max_bytes=max_bytes, stall_timeout=_stall(stall_timeout)
        )

    def stream(
        self, *, max_bytes: int | None = None, stall_timeout: float | None = None
    ) -> AsyncGenerator[bytes, None]:
        """The video's bytes as they arrive, with `download`'s rules.

        Iterate it to the end, or close it (`contextlib.aclosing`) when stopping early, so
        that its connection is given back at once.

        Args:
            max_bytes: the largest file accepted (None: 2 GiB).
            stall_timeout: seconds without a byte before an attempt gives up (None: 30).

        Returns:
            An async iterator of byte chunks.

        Raises:
            ResponseFormatError: the URL is not http(s) (here, at the call); while iterating,
                the body is not a video, or passes what was announced or `max_bytes`.
            TransportError: the connection failed for good, or a cut could not be resumed on
                the same file (bytes already handed out cannot be taken back).
            APIStatusError: the file server answered an error status.
        """
        return self._fetch().stream(
            self,
            max_bytes=DEFAULT_MAX_DOWNLOAD_BYTES if max_bytes is None else max_bytes,
            stall_timeout=_stall(stall_timeout),
        )

    def _fetch(self) -> Fetcher:
        fetcher = self._fetcher or _Standalone.fetcher
        if fetcher is None:  # pragma: no cover  (importing aiovideo.core sets it)
            raise RuntimeError("aiovideo.core._download was never imported")
        return fetcher


def _stall(given: float | None) -> float:
    return DEFAULT_STALL_TIMEOUT if given is None else given


@attrs.frozen
class Cost:
    """What a generation cost, as the API reported it.

    Attributes:
        credits: the credits charged, or None when not reported.
        usd: the amount in USD; where a reply gives only credits, credits / 2,000,000.
    """

    credits: int | None = None
    usd: float | None = None

    def __attrs_post_init__(self) -> None:
        if self.usd is None and self.credits is not None:
            try:
                usd = self.credits / CREDITS_PER_USD
            except OverflowError:  # past 3.6e314 credits no float holds the amount
                usd = math.inf
            object.__setattr__(self, "usd", usd)


@attrs.frozen
class Generation:
    """One status snapshot of a generation.

    Attributes:
        id: the generation id.
        status: the status word as the server sent it (lower case).
        video: the video once completed, else None.
        videos: every video of the reply (some models return more than one).
        error: the server's error, flattened to text, else None.
        cost: the cost the reply reports (`meta.usage`), else None.
        raw: the whole JSON reply.
    """

    id: str
    status: str
    video: Video | None = None
    error: str | None = None
    cost: Cost | None = None
    videos: tuple[Video, ...] = attrs.field(default=(), hash=False)
    raw: Mapping[str, Any] = attrs.field(factory=dict, hash=False, repr=False)


@attrs.frozen
class UsageRecord:
    """One row of the usage logs (`GET /v2/logs`): one request, its outcome and its cost.

    Attributes:
        created: when the request was made, in epoch seconds (None if unreadable).
        status: `succeeded` or `failed` (failed requests cost nothing).
        model: the model the request named.
        inference_id: for a video submit, the generation id it created.
        client_request_id: the `X-Client-Request-Id` the request carried, if any.
        cost: what it cost, or None when not reported.
        raw: the whole row.
    """

    created: float | None
    status: str
    model: str | None = None
    inference_id: str | None = None
    client_request_id: str | None = None
    cost: Cost | None = None
    raw: Mapping[str, Any] = attrs.field(factory=dict, hash=False, repr=False)
