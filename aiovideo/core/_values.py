"""The public values: a generation snapshot, a finished video, a cost and a usage-log row.

Frozen attrs classes that import nothing of aiovideo: every other module may import them, and
they import none back. The whole JSON reply stays available as `raw`.
"""

from __future__ import annotations

import decimal
import os
import re
from collections.abc import AsyncGenerator, Iterable, Mapping
from decimal import Decimal
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
    "Money",
    "UsageRecord",
    "Video",
    "add_usd",
    "set_standalone_fetcher",
    "to_usd",
    "usd_of_credits",
    "usd_text",
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
        cost: what its generation cost (a `Job`'s video: what the client counted for it;
            a snapshot's: what that reply reported), or None when not reported.
    """

    id: str
    url: str
    content_type: str | None = None
    file_name: str | None = None
    file_size: int | None = None
    raw: Mapping[str, Any] = attrs.field(factory=dict, hash=False, repr=False)
    # Keyword-only and left out of equality: the same file is the same video, whatever a
    # reply said it cost.
    cost: Cost | None = attrs.field(default=None, kw_only=True, eq=False, hash=False)
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


# What a USD amount may be given as: converted once, exactly, by `to_usd`.
Money = Decimal | int | float | str

# Sums of money with as many digits as they need: the default context rounds to 28 digits,
# which an absurd reported cost (credits past 2**63, say) would pass.
_EXACT = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[]
)


# The amounts taken: at most this many digits either side of the point (a nonzero amount
# between 1e-60 and 1e61): every amount is printed exactly, with every digit it has.
_MOST_DIGITS = 60
_ASCII_SPACE = " \t\n\r\f\v"
# An amount as text: plain ASCII decimal digits, a point, an exponent.
_PLAIN_AMOUNT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def to_usd(value: Money) -> Decimal:
    """An amount of USD as an exact `Decimal`, whatever form it was given in.

    A float goes through its shortest round-trip text (`str(0.06)` is `"0.06"`), never its
    binary expansion (`Decimal(0.06)` is 0.0599999999999999977795...): the amount a person or
    a JSON reply wrote is the amount kept, for any number of up to 15 significant digits.

    Args:
        value: a Decimal, an int, a float or a numeric string of ASCII digits (`"0.06"`,
            `"1e3"`; not `"1_000"`, `"NaN"` or other scripts' digits). A nonzero amount
            must lie between 1e-60 and 1e61 in size (every amount is printed exactly).

    Returns:
        The amount; not checked for sign or finiteness (the callers say what they accept).

    Raises:
        TypeError: a bool or another type.
        ValueError: a string that is not a number.
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"expected an amount of USD, got {type(value).__name__} {value!r}")
    if isinstance(value, str) and not _PLAIN_AMOUNT.fullmatch(value.strip(_ASCII_SPACE)):
        # Decimal() would also read `1_000`, other scripts' digits, "NaN" and "Infinity".
        raise ValueError(f"not an amount of USD: {value!r}")
    try:
        amount = Decimal(value if isinstance(value, int) else str(value).strip(_ASCII_SPACE))
    except decimal.InvalidOperation:  # an exponent past Decimal's range
        raise ValueError(f"not an amount of USD: {value!r}") from None
    if amount.is_finite() and amount and not -_MOST_DIGITS <= amount.adjusted() <= _MOST_DIGITS:
        # 1e-50000000 is a number, and printing it exactly would take 50 MB.
        raise ValueError(f"not an amount of USD (too many digits): {value!r}"[:200])
    return amount


def usd_of_credits(credits: int) -> Decimal:
    """`credits` / 2,000,000 in USD, exactly, with at least two decimals (120,000 -> 0.06).

    Built from its digits, not divided: exact for any number of credits.
    """
    # credits / 2e6 = credits * 5 / 1e7: the digits of credits * 5, seven places down (in
    # a context of unbounded precision: the default one would round past 28 digits).
    amount = _EXACT.scaleb(Decimal(credits * 5), -7)
    sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    if digits == (0,):
        return Decimal("0.00")
    kept = len(digits)
    while exponent < -2 and digits[kept - 1] == 0:  # 0.0600000 -> 0.06
        kept -= 1
        exponent += 1
    return Decimal((sign, digits[:kept], exponent))


def add_usd(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of `amounts` (no rounding, however many digits it takes)."""
    total = Decimal(0)
    for amount in amounts:
        total = _EXACT.add(total, amount)
    return total


def usd_text(amount: Decimal) -> str:
    """An amount as text, the one way it is shown and stored (displays, the journal's rows,
    the manifest): exact, at least two decimals, no exponent; `Decimal(text)` gives it back.

    `1.80`, `0.06`, `0.0000005`, `4611686018427.387904`.
    """
    places = amount.as_tuple().exponent
    if isinstance(places, int) and places < -2:
        return format(amount, "f")
    return format(amount, ".2f")  # exact: padding zeros only, nothing rounded


def _usd_or_none(value: Money | None) -> Decimal | None:
    return None if value is None else to_usd(value)


@attrs.frozen
class Cost:
    """What a generation cost, as the API reported it.

    Attributes:
        credits: the credits charged, or None when not reported.
        usd: the amount in USD as an exact `decimal.Decimal` (sums are exact); given as a
            float, an int or a string, it is converted once, exactly (`to_usd`: a float
            through its shortest text, `0.06` -> `Decimal("0.06")`). Where only credits are
            given, credits / 2,000,000, exactly.
    """

    credits: int | None = None
    usd: Decimal | None = attrs.field(default=None, converter=_usd_or_none)

    def __attrs_post_init__(self) -> None:
        if self.usd is None and self.credits is not None:
            object.__setattr__(self, "usd", usd_of_credits(self.credits))

    def __add__(self, other: object) -> Cost:
        """The two costs together; an amount not reported counts as nothing."""
        if not isinstance(other, Cost):
            return NotImplemented
        credits = (
            None
            if self.credits is None and other.credits is None
            else (self.credits or 0) + (other.credits or 0)
        )
        usd = (
            None
            if self.usd is None and other.usd is None
            else add_usd((self.usd or Decimal(0), other.usd or Decimal(0)))
        )
        return Cost(credits=credits, usd=usd)

    def __radd__(self, other: object) -> Cost:
        # `sum(costs)` starts from the int 0.
        if other == 0 and not isinstance(other, Cost):
            return self
        return NotImplemented


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
