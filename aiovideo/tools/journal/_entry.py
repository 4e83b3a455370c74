"""A journal row as the journal's users see it (`Entry`), its states, and how rows are named.

Every store hands rows over as plain mappings keyed by `Entry`'s field names; `to_entry` makes
the `Entry` with the package's one cattrs converter. A row's cost is two texts (`cost_row`):
`cost_credits` the decimal digits of an int (any size: credits past 2**63 included) and
`cost_usd` an exact decimal amount with no exponent (`"0.06"`), so that every store holds
them exactly, whatever its integer and float types.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from aiovideo.core import Cost, converter, usd_text

__all__ = [
    "COLUMNS",
    "COMPLETED",
    "DOWNLOADED",
    "FAILED",
    "NOT_FOUND",
    "REJECTED",
    "SUBMITTED",
    "SUBMITTING",
    "Entry",
    "ago",
    "client_request_id",
    "cost_row",
    "to_entry",
]

# Row states. A generation id is known from SUBMITTED on. A generation whose tracking ended
# without the server's word (404s past the client's window, a deadline, a closed client) stays
# SUBMITTED, with `status` and `error` saying why: the next run tracks it again.
SUBMITTING: Final = "submitting"  # claimed; the POST may have gone out; no reply recorded yet
SUBMITTED: Final = "submitted"  # the id is known; the generation is pending
COMPLETED: Final = "completed"  # the server finished it; not downloaded yet
DOWNLOADED: Final = "downloaded"  # the file is at `path`
FAILED: Final = "failed"  # the server reported a failure status (`error`): final
REJECTED: Final = "rejected"  # the submit was answered with an error: never accepted

# A status the journal writes for a generation that answered 404 until the client gave up.
NOT_FOUND: Final = "not_found"


@attrs.frozen
class Entry:
    """One journal row: what is known about the request filed under `key`."""

    key: str
    request_hash: str
    model: str
    prompt: str
    generation_id: str | None
    state: str
    status: str | None
    video_url: str | None
    path: str | None
    error: str | None
    submitted_at: float | None
    finished_at: float | None
    client_request_id: str | None = None
    attempt: int = 0
    owner: str | None = None
    owner_pid: int | None = None
    owner_host: str | None = None
    lease_until: float | None = None
    updated_at: float | None = None
    downloaded_at: float | None = None
    cost_credits: int | None = None
    cost_usd: Decimal | None = None  # exact; a row holds it as text (`cost_row`)

    @property
    def cost(self) -> Cost | None:
        """What the generation cost, as the API reported it; None when not reported."""
        if self.cost_credits is None and self.cost_usd is None:
            return None
        return Cost(credits=self.cost_credits, usd=self.cost_usd)

    @property
    def pending(self) -> bool:
        """An id is known and the server has not finished the generation."""
        return self.generation_id is not None and self.state == SUBMITTED

    @property
    def holder(self) -> str:
        """Who holds (or last held) the row's claim: `pid 123 on host`."""
        return f"pid {self.owner_pid} on {self.owner_host}"


# The names a store keeps for each row, in the order of `Entry`'s fields.
COLUMNS: Final = tuple(field.name for field in attrs.fields(Entry))


def to_entry(row: Mapping[str, Any]) -> Entry:
    """The `Entry` of a store's row (a mapping of `COLUMNS`; other keys are ignored)."""
    return converter.structure(row, Entry)


def cost_row(cost: Cost) -> dict[str, str | None]:
    """The row values of `cost`: `cost_credits` and `cost_usd` as exact texts (see above)."""
    return {
        "cost_credits": None if cost.credits is None else str(cost.credits),
        "cost_usd": None if cost.usd is None else usd_text(cost.usd),
    }


def client_request_id(key: str, request_hash: str, attempt: int) -> str:
    """The `X-Client-Request-Id` of one attempt at one row (fits the API's 1-128 alphabet).

    Unique to the attempt (a random part): two journals with the same key and request (two
    apps, two output folders) must never find each other's generation in the usage logs when
    they settle a lost reply. The id is committed on the row before its POST, so settling reads
    it there and never needs to compute it again.
    """
    key_digest = hashlib.sha256(key.encode()).hexdigest()[:8]
    return f"aiovideo-{request_hash[:24]}-{key_digest}-{attempt}-{secrets.token_hex(8)}"


def ago(moment: float | None) -> str:
    """How long ago `moment` (a wall-clock time) was, for messages: `5 s ago`, `3 min ago`."""
    if not moment:
        return "at an unknown time"
    seconds = max(0, round(time.time() - moment))
    if seconds < 120:
        return f"{seconds} s ago"
    return f"{seconds // 60} min ago" if seconds < 7200 else f"{seconds // 3600} h ago"
