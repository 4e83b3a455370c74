"""Downloads: a finished video's bytes to disk, to memory or as a stream, from an untrusted host.

The file URL comes from the API's reply and may point at any server, so every transfer treats
that server as hostile: only absolute http(s) URLs; no host that resolves to a private,
loopback or link-local address (checked at every redirect, which this module follows itself),
unless allowed; the API key is never sent; the bytes are
counted as they arrive and held to the announced size and to a maximum; a server silent for
`stall_timeout` seconds is given up on; a body that does not begin like a video (MP4, QuickTime,
WebM/Matroska) is refused before any of it is written. Transient failures (429, 5xx, a reset,
a cut mid-body, a stall) are retried a bounded number of times, resuming with `Range` +
`If-Range` only while the server confirms the object is the same one.

On disk the bytes go to `.NAME.part` beside the target, never through a symlink, under an
exclusive lock (`flock`) held for the whole transfer; a sidecar `.NAME.part.json` keeps the URL,
validator and size that make a later resume safe. A second transfer to the same path while the
first runs (two runs on one folder, two Jobs saved to one name) writes a partial of its own
instead, so neither truncates the other's. `os.replace` then moves the finished file into place,
only if the partial at the name is still this transfer's file and holds every byte it fetched
(a symlink at the target is replaced itself, its target is untouched). Temporary names of a
very long target name are shortened (its start and a digest), to fit a file name's 255 bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import ipaddress
import json
import os
import secrets
import socket
import stat
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp
import anyio
import attrs
import yarl

from aiovideo.core._exceptions import (
    AiovideoError,
    APIStatusError,
    ConfigurationError,
    ResponseFormatError,
    TransportError,
)
from aiovideo.core._options import is_positive
from aiovideo.core._retry import is_testing
from aiovideo.core._transport import error_for_status, parse_retry_after
from aiovideo.core._values import (
    DEFAULT_MAX_DOWNLOAD_BYTES,
    DEFAULT_MAX_READ_BYTES,
    DEFAULT_STALL_TIMEOUT,
    Video,
    set_standalone_fetcher,
)

try:
    import fcntl
except ImportError:  # pragma: no cover  (Windows)
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from aiovideo.core._budget import Budget, Slots

__all__ = [
    "DEFAULT_ATTEMPTS",
    "DEFAULT_BACKOFF",
    "DEFAULT_MAX_DOWNLOAD_BYTES",
    "DEFAULT_MAX_READ_BYTES",
    "DEFAULT_STALL_TIMEOUT",
    "MAX_BACKOFF",
    "Fetcher",
    "check_url",
    "download",
    "looks_like_video",
    "read",
    "stream",
]

DEFAULT_ATTEMPTS = 5  # requests per transfer, the first included
DEFAULT_BACKOFF = 0.5  # seconds before the second attempt, doubled for each further one
MAX_BACKOFF = 8.0
CHUNK = 256 * 1024
_SIGNATURE_BYTES = 8  # a box size and type (MP4, QuickTime), or the EBML magic (WebM, MKV)
_QUICKTIME_BOXES = (b"ftyp", b"moov", b"mdat", b"wide", b"free")
_EBML_MAGIC = b"\x1a\x45\xdf\xa3"
_SIDECAR_LIMIT = 64 * 1024
# A redirect to a non-http URL (file://) or to a malformed one.
_REFUSED_REDIRECTS = (aiohttp.InvalidURL, aiohttp.NonHttpUrlClientError)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5


def looks_like_video(head: bytes) -> bool:
    """Whether the first bytes of a body are those of an MP4, QuickTime or WebM/Matroska file."""
    return head[:4] == _EBML_MAGIC or head[4:8] in _QUICKTIME_BOXES


def _name(video: Video) -> str:
    return video.id or video.file_name or "video"


def check_url(video: Video, url: str | None = None) -> str:
    """The video's URL (or `url`, a hop of its redirects), when it is an absolute http(s) URL.

    Raises:
        ResponseFormatError: a `file://`, relative, or other-scheme URL (nothing was fetched).
    """
    url = video.url if url is None else url
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # an unbalanced IPv6 bracket, a bad port
        host = None
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host:
        raise ResponseFormatError(
            f"video {_name(video)}: refusing to fetch {url[:200]!r}: only absolute http:// "
            "or https:// URLs are accepted"
        )
    return url


def as_given(url: str) -> yarl.URL | str:
    """The URL to request, byte for byte as the server wrote it.

    yarl normalises a URL it parses (`%2F` in a query becomes `/`), which breaks pre-signed
    links whose signature covers the exact text. A URL that is already valid on the wire
    (printable ASCII, no spaces) is sent as given; anything else is left to yarl to encode.
    """
    if url.isascii() and url.isprintable() and " " not in url:
        return yarl.URL(url, encoded=True)
    return url


def _is_private(address: str) -> bool:
    """Whether an IP address is not on the public internet (private, loopback, link-local such
    as 169.254.169.254 where clouds serve their metadata, reserved, multicast)."""
    ip = ipaddress.ip_address(address.partition("%")[0])  # an IPv6 scope id is no address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global


async def _addresses(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (an IP literal: itself)."""
    try:
        ipaddress.ip_address(host.partition("%")[0])
    except ValueError:
        pass
    else:
        return [host]
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def _private_host(url: str) -> str | None:
    """The first non-public address the URL's host resolves to, or None (all public)."""
    parts = yarl.URL(url)
    host = parts.host or ""
    for address in await _addresses(host, parts.port or 80):
        if _is_private(address):
            return address
    return None


def _check_options(max_bytes: int, stall_timeout: float, attempts: int, backoff: float) -> None:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ConfigurationError(f"max_bytes must be a positive int, got {max_bytes!r}")
    if not is_positive(stall_timeout, finite=False):  # math.inf: no stall timer
        raise ConfigurationError(f"stall_timeout must be > 0 seconds, got {stall_timeout!r}")
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise ConfigurationError(f"attempts must be an int >= 1, got {attempts!r}")
    if not backoff >= 0:
        raise ConfigurationError(f"backoff must be >= 0 seconds, got {backoff!r}")


@attrs.frozen
class Fetcher:
    """What a Video borrows from its client: the client's session while open, and its slots
    for downloads (a bound of their own, apart from the API's budget).

    Once the client is closed (its session gone) a transfer opens a short-lived session of
    its own, so a Video stays downloadable after its client.
    """

    session: Callable[[], aiohttp.ClientSession | None] = lambda: None
    budget: Budget | Slots | None = None
    # Video URLs come from replies: a server (or whoever controls one) could name an internal
    # address (127.0.0.1, 169.254.169.254) and have a web app fetch it for a user. Refused,
    # unless allowed, or the API itself is on such an address (the emulator): `api_url`.
    allow_private: bool = False
    api_url: str | None = None

    async def download(
        self, video: Video, path: str | os.PathLike[str], *, max_bytes: int, stall_timeout: float
    ) -> Path:
        """`download` with this fetcher's session and budget."""
        return await download(
            video, path, fetcher=self, max_bytes=max_bytes, stall_timeout=stall_timeout
        )

    async def read(self, video: Video, *, max_bytes: int, stall_timeout: float) -> bytes:
        """`read` with this fetcher's session and budget."""
        return await read(video, fetcher=self, max_bytes=max_bytes, stall_timeout=stall_timeout)

    def stream(
        self, video: Video, *, max_bytes: int, stall_timeout: float
    ) -> AsyncGenerator[bytes, None]:
        """`stream` with this fetcher's session and budget."""
        return stream(video, fetcher=self, max_bytes=max_bytes, stall_timeout=stall_timeout)

    async def check_host(self, video: Video, url: str) -> None:
        """Refuse a URL whose host resolves to a non-public address (see `allow_private`).

        Raises:
            ResponseFormatError: the host is private, loopback or link-local (nothing sent).
            TransportError: the host cannot be resolved.
        """
        if self.allow_private:
            return
        try:
            address = await _private_host(url)
            if address is None:
                return
            if self.api_url is not None and await _private_host(self.api_url) is not None:
                return  # the API itself is on such an address: its files are too
        except (OSError, ValueError) as exc:  # socket.gaierror is an OSError
            raise TransportError(
                f"video {_name(video)}: cannot resolve the host of {url[:200]!r}: {exc}"
            ) from None
        raise ResponseFormatError(
            f"video {_name(video)}: refusing to fetch {url[:200]!r}: its host resolves to "
            f"{address}, a private, loopback or link-local address (pass "
            "Client(allow_private_downloads=True) to allow it)"
        )

    @contextlib.asynccontextmanager
    async def open(self) -> AsyncIterator[tuple[aiohttp.ClientSession, Budget | Slots | None]]:
        """The session and budget to use for one transfer."""
        session = self.session()
        if session is not None and not session.closed:
            yield session, self.budget
            return
        async with aiohttp.ClientSession() as own:
            yield own, None


@attrs.frozen
class _Begin:
    """A response is about to deliver bytes: from 0 (`fresh`: drop what is held) or onwards."""

    fresh: bool
    validator: str | None
    total: int | None


class _Transient(Exception):
    """An attempt failed in a way worth retrying; `wait` is the server's Retry-After."""

    def __init__(self, error: AiovideoError, wait: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.wait = wait


def _validator(headers: Any) -> str | None:
    # A weak ETag must not be used in If-Range (RFC 9110 13.1.5): the server would answer the
    # whole body anyway. Last-Modified is the fallback validator.
    etag = headers.get("ETag")
    if etag and not etag.startswith("W/"):
        return str(etag)
    modified = headers.get("Last-Modified")
    return str(modified) if modified else None


def _content_range(value: str | None) -> tuple[int, int | None] | None:
    """(first byte, total or None) of `bytes FIRST-LAST/TOTAL`, or None when unreadable."""
    if not value or not value.startswith("bytes "):
        return None
    span, _, total = value[6:].partition("/")
    first, _, _ = span.partition("-")
    if not first.strip().isdigit():
        return None
    return int(first), int(total) if total.strip().isdigit() else None


@attrs.define
class _Transfer:
    """One video's transfer, carried across attempts so that a retry resumes."""

    video: Video
    url: str
    max_bytes: int
    stall_timeout: float
    attempts: int
    backoff: float
    offset: int = 0  # bytes handed to the consumer
    head: bytes = b""  # the object's first bytes (up to _SIGNATURE_BYTES), for the check
    validator: str | None = None
    total: int | None = None

    def reset(self) -> None:
        self.offset, self.head, self.validator, self.total = 0, b"", None, None

    def describe(self) -> str:
        return f"video {_name(self.video)} ({self.url[:200]})"

    def limit(self, total: int | None) -> int:
        """The most bytes this object may have; raises when what is announced is refused."""
        sizes = {size for size in (total, self.video.file_size) if size is not None}
        if len(sizes) > 1:
            raise ResponseFormatError(
                f"{self.describe()}: the file server announces {total} bytes, "
                f"the API said {self.video.file_size}"
            )
        expected = sizes.pop() if sizes else None
        if expected is not None and expected > self.max_bytes:
            raise ResponseFormatError(
                f"{self.describe()}: {expected} bytes announced, more than max_bytes="
                f"{self.max_bytes}"
            )
        return self.max_bytes if expected is None else expected

    def admit(self, data: bytes) -> None:
        """Fill the head with the object's first bytes; check them once there are enough."""
        if len(self.head) >= _SIGNATURE_BYTES:
            return
        self.head += data[: _SIGNATURE_BYTES - len(self.head)]
        if len(self.head) == _SIGNATURE_BYTES and not looks_like_video(self.head):
            raise ResponseFormatError(
                f"{self.describe()}: the body is not a video (no MP4, QuickTime or WebM "
                f"signature); it begins {self.head!r}"
            )


async def _excerpt(resp: aiohttp.ClientResponse) -> str:
    # An error page is read only so far: a hostile one may be endless.
    try:
        data = await resp.content.read(2000)
    except (aiohttp.ClientError, TimeoutError):
        return ""
    return data.decode(errors="replace")


async def _begin(resp: aiohttp.ClientResponse, t: _Transfer) -> tuple[_Begin, int]:
    """What one response's status and headers say: where its bytes start, and the most of
    them to accept; a failure status raises (`_Transient` when worth another attempt)."""
    status = resp.status
    if status == 429 or status >= 500:
        retry_after = parse_retry_after(resp.headers.get("Retry-After"))
        error = error_for_status(status, await _excerpt(resp), retry_after=retry_after)
        raise _Transient(error, retry_after)
    if status == 416 and t.offset:
        # The partial is not a prefix of what the server holds now: start over.
        t.reset()
        raise _Transient(TransportError(f"{t.describe()}: the resume range was refused"), 0.0)
    if status in (401, 403):
        # The file host's word on the link, not the API's on the key (which it never sees)
        # nor on the account: a plain APIStatusError, never AuthenticationError.
        text = await _excerpt(resp)
        said = error_for_status(status, text).message[:120]
        raise APIStatusError(
            status,
            f"{t.describe()}: the file host refused the link (HTTP {status}: {said}): it has "
            "expired or is not authorised; get a fresh one with client.get(generation_id)",
            body=text[:300],
        )
    if status >= 400:
        raise error_for_status(status, await _excerpt(resp))
    validator = _validator(resp.headers)
    if status == 206:
        span = _content_range(resp.headers.get("Content-Range"))
        if span is None or span[0] != t.offset:
            raise ResponseFormatError(
                f"{t.describe()}: asked for bytes from {t.offset}, got Content-Range "
                f"{resp.headers.get('Content-Range')!r}"
            )
        if t.offset and validator is not None and validator != t.validator:
            # The server ignored If-Range and sent a part of another object.
            t.reset()
            raise _Transient(TransportError(f"{t.describe()}: the file changed mid-way"), 0.0)
        total = span[1]
        fresh = not t.offset
        if not fresh and total is not None:
            t.total = total
    elif status == 200:
        # From the start: either asked so, or the object changed since the partial was made.
        total, fresh = resp.content_length, True
    else:
        raise ResponseFormatError(f"{t.describe()}: unexpected status {status} for a file")
    limit = t.limit(total)
    if fresh:
        t.reset()
        t.validator, t.total = validator, total
    return _Begin(fresh=fresh, validator=t.validator, total=t.total), limit


async def _body(resp: aiohttp.ClientResponse, t: _Transfer) -> AsyncGenerator[bytes | _Begin, None]:
    """The bytes of one response, checked as they arrive."""
    begin, limit = await _begin(resp, t)
    yield begin
    # The first bytes are held back until they prove to be a video: nothing else is written.
    held = bytearray()
    async for chunk in resp.content.iter_chunked(CHUNK):
        if t.offset + len(held) + len(chunk) > limit:
            raise ResponseFormatError(
                f"{t.describe()}: the body runs past {limit} bytes ("
                + ("the announced size)" if limit != t.max_bytes else "max_bytes)")
            )
        t.admit(chunk)
        held += chunk
        if len(t.head) < _SIGNATURE_BYTES:
            continue
        data = bytes(held)
        held.clear()
        t.offset += len(data)
        yield data
    if held or t.offset < _SIGNATURE_BYTES:
        raise ResponseFormatError(
            f"{t.describe()}: the body is not a video: {t.offset + len(held)} bytes in all"
        )
    expected = t.total if t.total is not None else t.video.file_size
    if expected is not None and t.offset < expected:
        raise _Transient(TransportError(f"{t.describe()}: cut at {t.offset} of {expected} bytes"))


@contextlib.asynccontextmanager
async def _get(
    session: aiohttp.ClientSession,
    fetcher: Fetcher,
    t: _Transfer,
    headers: dict[str, str],
    timeout: aiohttp.ClientTimeout,
) -> AsyncIterator[aiohttp.ClientResponse]:
    """The GET, its redirects followed here: each hop's URL and address checked before it
    is requested (aiohttp would follow a redirect to 127.0.0.1 unchecked)."""
    url = t.url
    for hop in range(MAX_REDIRECTS + 1):
        if hop:
            try:
                check_url(t.video, url)
            except ResponseFormatError as exc:
                message = f"{t.describe()}: redirected to a refused URL: {exc}"
                raise ResponseFormatError(message) from None
        await fetcher.check_host(t.video, url)
        async with session.get(
            as_given(url),
            headers=headers,
            timeout=timeout,
            auto_decompress=False,
            allow_redirects=False,
        ) as resp:
            location = resp.headers.get("Location") if resp.status in _REDIRECTS else None
            if location is None:
                yield resp
                return
            try:
                url = str(resp.url.join(yarl.URL(location)))
            except ValueError as exc:
                raise ResponseFormatError(
                    f"{t.describe()}: redirected to a refused URL: {location[:200]!r}"
                ) from exc
    raise ResponseFormatError(f"{t.describe()}: too many redirects (more than {MAX_REDIRECTS})")


async def _attempt(
    session: aiohttp.ClientSession, fetcher: Fetcher, t: _Transfer
) -> AsyncGenerator[bytes | _Begin, None]:
    """One request; aiohttp's errors become the SDK's, transient ones as `_Transient`."""
    # identity: the sizes and ranges are then those of the bytes stored, and no gzip bomb.
    headers = {"Accept-Encoding": "identity"}
    if t.offset and t.validator is None:
        t.reset()  # nothing proves the server still holds the same object: start over
    if t.offset:
        headers["Range"] = f"bytes={t.offset}-"
        headers["If-Range"] = t.validator or ""
    # total=None: a large file over a slow link may take long; only silence is a failure.
    # This also overrides a session-wide total timeout (aiohttp's default is 5 minutes).
    timeout = aiohttp.ClientTimeout(
        total=None, sock_connect=t.stall_timeout, sock_read=t.stall_timeout
    )
    try:
        async with _get(session, fetcher, t, headers, timeout) as resp:
            async for item in _body(resp, t):
                yield item
    except _REFUSED_REDIRECTS as exc:  # e.g. a redirect to file:// or to a malformed URL
        raise ResponseFormatError(f"{t.describe()}: redirected to a refused URL: {exc}") from exc
    except aiohttp.TooManyRedirects as exc:
        raise ResponseFormatError(f"{t.describe()}: too many redirects") from exc
    except TimeoutError as exc:  # aiohttp's sock_read/sock_connect timeouts included
        error = TransportError(
            f"{t.describe()}: timed out: no bytes for {t.stall_timeout:g} s", request_sent=True
        )
        raise _Transient(error) from exc
    except (aiohttp.ClientPayloadError, aiohttp.ClientConnectionError) as exc:
        error = TransportError(
            f"{t.describe()}: connection lost at byte {t.offset}: {type(exc).__name__}",
            request_sent=True,
        )
        raise _Transient(error) from exc
    except aiohttp.ClientError as exc:
        raise TransportError(f"{t.describe()}: {type(exc).__name__}: {exc}") from exc


async def _transfer(fetcher: Fetcher, t: _Transfer) -> AsyncGenerator[bytes | _Begin, None]:
    """Every attempt of one transfer, each under a download slot of the client.

    A hand-written loop rather than tenacity (as `_retry` uses): an attempt is an async
    generator that hands chunks to the consumer mid-way (a retry context would see the
    consumer's GeneratorExit),
    a 429 must wait exactly its Retry-After without touching the API's rate policy (the file
    host is another server), and no slot may be held while waiting.
    """
    async with fetcher.open() as (session, budget):
        for attempt in range(1, t.attempts + 1):
            try:
                slot = budget.slot() if budget is not None else contextlib.nullcontext()
                async with slot:
                    async for item in _attempt(session, fetcher, t):
                        yield item
            except _Transient as transient:
                if attempt == t.attempts:
                    error = transient.error
                    if isinstance(error, TransportError):
                        error = TransportError(
                            f"{error} (gave up after {t.attempts} tries)", request_sent=True
                        )
                    raise error from transient.__cause__
                wait = transient.wait
                if wait is None:
                    wait = min(t.backoff * 2 ** (attempt - 1), MAX_BACKOFF)
                # The SDK's one "no retry waits" switch for tests applies here too.
                if wait > 0 and not is_testing():
                    await anyio.sleep(wait)
            else:
                return


def _transfer_for(
    video: Video,
    *,
    max_bytes: int,
    stall_timeout: float,
    attempts: int,
    backoff: float,
) -> _Transfer:
    url = check_url(video)
    _check_options(max_bytes, stall_timeout, attempts, backoff)
    return _Transfer(video, url, max_bytes, stall_timeout, attempts, backoff)


# Files: the partial, its sidecar, and how each is opened without following a planted link.

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # so that opening a planted FIFO cannot hang
# The longest target name used as is in temporary names: `.NAME.<12 hex>.part` and
# `.NAME.part.json` then stay within a file name's 255 bytes.
_MAX_STEM_BYTES = 230


def _remove(path: Path) -> None:
    """Remove the entry itself: a symlink is unlinked, never followed."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        os.rmdir(path)  # only if empty: a full directory under our temporary name is an error
    else:
        os.unlink(path)


def _create(path: Path, mode: int) -> int:
    """A new file, created exclusively: fails rather than write through anything planted."""
    _remove(path)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)


def _open_regular(path: Path, flags: int) -> int | None:
    """An existing regular file with one link, not through a symlink; else None."""
    try:
        fd = os.open(path, flags | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError:
        return None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        # A hard link would let the download overwrite another name's content.
        os.close(fd)
        return None
    return fd


def _read_sidecar(path: Path, url: str) -> tuple[str, int | None] | None:
    """(validator, total) kept for a partial of `url`, or None when absent or not ours."""
    fd = _open_regular(path, os.O_RDONLY)
    if fd is None:
        return None
    try:
        data = json.loads(os.read(fd, _SIDECAR_LIMIT))
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    if not isinstance(data, dict) or data.get("url") != url:
        return None
    validator, total = data.get("validator"), data.get("total")
    if not isinstance(validator, str) or not validator:
        return None
    if total is not None and (isinstance(total, bool) or not isinstance(total, int)):
        return None
    return validator, total


def _write_sidecar(path: Path, url: str, begin: _Begin) -> None:
    fd = _create(path, 0o600)
    try:
        payload = {"url": url, "validator": begin.validator, "total": begin.total}
        os.write(fd, json.dumps(payload).encode())
    finally:
        os.close(fd)


def _resume_or_empty(fd: int, sidecar: Path, t: _Transfer) -> None:
    """Position the locked partial `fd` at its end when it can be resumed (`t` then says
    from where), else empty it and remove its sidecar.

    A partial is resumed only with a sidecar naming the same URL and a validator, when its
    first bytes look like a video and its size fits.
    """
    kept = _read_sidecar(sidecar, t.url)
    if kept is not None:
        size = os.fstat(fd).st_size
        head = os.pread(fd, _SIGNATURE_BYTES, 0)
        total = kept[1]
        fits = size < (total if total is not None else t.max_bytes + 1) and size <= t.max_bytes
        if size and fits and (len(head) < _SIGNATURE_BYTES or looks_like_video(head)):
            t.offset, t.head, t.validator, t.total = size, head, kept[0], total
            os.lseek(fd, 0, os.SEEK_END)
            return
    os.ftruncate(fd, 0)
    _remove(sidecar)


def _lock_shared_partial(part: Path) -> int | None:
    """The shared partial `part`, open and exclusively locked by this transfer; None when
    another transfer (of any process) holds it.

    Whoever holds the lock is the only one to truncate, write, remove or rename that file; a
    lock won on a file that was unlinked or replaced meanwhile is let go and taken again on
    the file now at the name. What is found there and is not a regular file of one link (a
    planted symlink, FIFO, hard link) is removed, never opened through.
    """
    for _ in range(16):  # each turn needs another writer to act in between: a bound suffices
        try:
            fd = os.open(part, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _CLOEXEC, 0o644)
        except FileNotFoundError:
            raise
        except OSError:
            _remove(part)  # a symlink (ELOOP), a FIFO or a directory planted at the name
            continue
        if not _try_lock(fd):
            os.close(fd)
            return None
        try:
            here = os.lstat(part)
        except FileNotFoundError:
            here = None
        info = os.fstat(fd)
        if here is None or (here.st_dev, here.st_ino) != (info.st_dev, info.st_ino):
            os.close(fd)  # renamed or removed by the writer that held it: take the new one
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            # A hard link would let the download overwrite another name's content.
            os.unlink(part)
            os.close(fd)
            continue
        return fd
    raise OSError(f"{part}: replaced again and again while this download tried to lock it")


def _try_lock(fd: int) -> bool:
    """An exclusive, non-blocking lock on the open file (released when `fd` is closed, or
    the process ends). Without `fcntl` (Windows) there is no lock, and the check before the
    rename (`_check_whole`) alone keeps a partial of another writer out of place."""
    if fcntl is None:  # pragma: no cover  (POSIX in the tests)
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _temporary_stem(target: Path) -> str:
    """The name the temporary files of `target` are made from: its own name, or, when that
    would leave no room for `.NAME.part.json` within a file name's 255 bytes, its start and a
    digest of the whole (so two long names that begin alike still differ)."""
    name = target.name
    if len(name.encode()) <= _MAX_STEM_BYTES:
        return name
    head = name.encode()[: _MAX_STEM_BYTES - 17].decode(errors="ignore")
    return f"{head}~{hashlib.sha256(name.encode()).hexdigest()[:16]}"


@attrs.define
class _Partial:
    """The file a download writes to before its rename into place.

    `shared`: the resumable `.NAME.part`, with its sidecar, locked by this transfer. Else a
    name of this transfer's own (another transfer holds the shared one), removed on failure.
    """

    path: Path
    sidecar: Path
    fd: int
    shared: bool

    @classmethod
    def open(cls, target: Path, t: _Transfer) -> _Partial:
        stem = _temporary_stem(target)
        part = target.with_name(f".{stem}.part")
        sidecar = target.with_name(f".{stem}.part.json")
        fd = _lock_shared_partial(part)
        if fd is not None:
            try:
                _resume_or_empty(fd, sidecar, t)
            except BaseException:
                os.close(fd)
                raise
            return cls(part, sidecar, fd, shared=True)
        # Another transfer is writing this very name (two runs on one folder, two Jobs saved
        # to one path): this one writes its own file, so neither truncates the other's.
        own = target.with_name(f".{stem}.{secrets.token_hex(6)}.part")
        return cls(own, sidecar, _create(own, 0o644), shared=False)

    def restart(self, t: _Transfer, begin: _Begin) -> None:
        """The server sends the body from its first byte: drop what is held."""
        os.ftruncate(self.fd, 0)
        os.lseek(self.fd, 0, os.SEEK_SET)
        if self.shared:
            _write_sidecar(self.sidecar, t.url, begin)

    def discard(self) -> None:
        """A refused body: close, and remove the partial and its sidecar."""
        os.close(self.fd)
        leftovers = (self.path, self.sidecar) if self.shared else (self.path,)
        for leftover in leftovers:
            with contextlib.suppress(OSError):
                _remove(leftover)

    def keep(self) -> None:
        """A failed transfer: close; the shared partial stays, for a resume."""
        os.close(self.fd)
        if not self.shared:
            with contextlib.suppress(OSError):
                _remove(self.path)  # nobody could find it to resume

    def finish(self, target: Path, t: _Transfer) -> None:
        """Rename the partial into place, if it is the whole video this transfer fetched."""
        try:
            self._check_whole(t)
            # rename(2) replaces the directory entry: a symlink at `target` is replaced, not
            # followed. Done while the lock is held: no other writer touches the file.
            os.replace(self.path, target)
        except BaseException:
            self.keep()
            raise
        os.close(self.fd)
        if self.shared:
            with contextlib.suppress(OSError):
                _remove(self.sidecar)

    def _check_whole(self, t: _Transfer) -> None:
        info = os.fstat(self.fd)
        try:
            here = os.lstat(self.path)
        except FileNotFoundError:
            here = None
        if here is None or (here.st_dev, here.st_ino) != (info.st_dev, info.st_ino):
            raise OSError(
                f"{t.describe()}: {self.path} was removed or replaced by another writer "
                "during the download: not renamed into place"
            )
        if info.st_size != t.offset:
            raise OSError(
                f"{t.describe()}: {self.path} holds {info.st_size} bytes, this transfer "
                f"fetched {t.offset}: another writer changed it; not renamed into place"
            )


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


async def download(
    video: Video,
    path: str | os.PathLike[str],
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
    stall_timeout: float = DEFAULT_STALL_TIMEOUT,
    attempts: int = DEFAULT_ATTEMPTS,
    backoff: float = DEFAULT_BACKOFF,
) -> Path:
    """Stream `video` to `path`, atomically; see the module docstring.

    Args:
        video: the video to fetch.
        path: the file to write (its directory is created if missing).
        fetcher: the owning client's session and budget; None for a short-lived session.
        max_bytes: refuse a file announced as, or turning out, larger than this.
        stall_timeout: give up an attempt after this many seconds without a byte.
        attempts: requests in all, the first included.
        backoff: seconds before the second attempt, doubled for each further one (a 429's
            Retry-After, clamped to 60 s, is waited instead).

    Returns:
        The path written.

    Raises:
        ResponseFormatError: a refused URL (before any I/O), a body that is not a video, a
            size past what was announced or past `max_bytes`; the partial is removed.
        TransportError: the connection failed, or stalled ("timed out"), `attempts` times;
            the partial is kept, and a later call resumes it if the server confirms the file.
        APIStatusError: the file server answered an error status (for good).
        OSError: the local disk failed.
    """
    t = _transfer_for(
        video, max_bytes=max_bytes, stall_timeout=stall_timeout, attempts=attempts,
        backoff=backoff,
    )  # fmt: skip
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = _Partial.open(target, t)
    try:
        async with contextlib.aclosing(_transfer(fetcher or Fetcher(), t)) as items:
            async for item in items:
                if isinstance(item, _Begin):
                    if item.fresh:
                        partial.restart(t, item)
                else:
                    _write_all(partial.fd, item)
    except ResponseFormatError:
        partial.discard()  # a refused body is not worth resuming
        raise
    except BaseException:
        partial.keep()
        raise
    partial.finish(target, t)
    return target


async def read(
    video: Video,
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = DEFAULT_MAX_READ_BYTES,
    stall_timeout: float = DEFAULT_STALL_TIMEOUT,
    attempts: int = DEFAULT_ATTEMPTS,
    backoff: float = DEFAULT_BACKOFF,
) -> bytes:
    """The whole video in memory; the same rules as `download` (see it for the arguments).

    Raises:
        ResponseFormatError: a refused URL, a body that is not a video, or more than
            `max_bytes` (announced or received).
        TransportError, APIStatusError: as for `download`.
    """
    t = _transfer_for(
        video, max_bytes=max_bytes, stall_timeout=stall_timeout, attempts=attempts,
        backoff=backoff,
    )  # fmt: skip
    data = bytearray()
    async with contextlib.aclosing(_transfer(fetcher or Fetcher(), t)) as items:
        async for item in items:
            if isinstance(item, _Begin):
                if item.fresh:
                    data.clear()
            else:
                data += item
    return bytes(data)


def stream(
    video: Video,
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
    stall_timeout: float = DEFAULT_STALL_TIMEOUT,
    attempts: int = DEFAULT_ATTEMPTS,
    backoff: float = DEFAULT_BACKOFF,
) -> AsyncGenerator[bytes, None]:
    """The video's bytes as they arrive; the same rules as `download` (see it for arguments).

    The URL and options are checked here, at the call. A cut is resumed only while the
    server confirms the same object; bytes already handed out cannot be taken back, so a
    stream whose object changed mid-way fails instead of starting over.

    Raises:
        ResponseFormatError: a refused URL (at the call), a body that is not a video, more
            than `max_bytes` or than announced (while iterating).
        TransportError: the connection failed for good, or the object cannot be resumed.
        APIStatusError: the file server answered an error status.
    """
    t = _transfer_for(
        video, max_bytes=max_bytes, stall_timeout=stall_timeout, attempts=attempts,
        backoff=backoff,
    )  # fmt: skip
    return _stream(fetcher or Fetcher(), t)


async def _stream(fetcher: Fetcher, t: _Transfer) -> AsyncGenerator[bytes, None]:
    delivered = 0
    async with contextlib.aclosing(_transfer(fetcher, t)) as items:
        async for item in items:
            if isinstance(item, _Begin):
                if item.fresh and delivered:
                    raise TransportError(
                        f"{t.describe()}: cannot go on after {delivered} bytes: the server "
                        "no longer confirms the same file",
                        request_sent=True,
                    )
            else:
                delivered += len(item)
                yield item


# A Video no client made fetches with a short-lived session of its own (see `_values`).
set_standalone_fetcher(Fetcher())
