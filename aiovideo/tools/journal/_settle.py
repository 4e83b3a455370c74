"""Settling a submit whose reply was lost, from the usage logs: adopt its id, send it again, or
wait. `Journal.settle` writes what `verdict` decides; `logs_lookup` reads the logs."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Final, Literal

import attrs

from aiovideo.tools.journal._entry import Entry, ago

if TYPE_CHECKING:
    from aiovideo.core import Client, Job, UsageRecord

__all__ = ["SETTLE_WINDOW", "LogLookup", "Settlement", "Verdict", "logs_lookup", "verdict"]

# A submit not in the usage logs this long after it was sent is taken as never accepted: the
# logs show a video request once its generation has ended (minutes), plus the analytics
# pipeline's lag. An hour leaves room for slow queues; `settle(window=...)` changes it.
SETTLE_WINDOW: Final = 3600.0

# Finds client request ids in the usage logs: {client request id: its row} for those found.
LogLookup = Callable[[Sequence[Entry]], Awaitable[dict[str, "UsageRecord"]]]


@attrs.frozen
class Settlement:
    """What `Journal.settle` made of the rows whose submit reply was lost.

    Attributes:
        adopted: Jobs of the generations the usage logs show accepted: tracked, no POST.
        resendable: rows the logs show failed, or missing long after: sent again safely.
        undecided: rows not in the logs yet, within the window: left unsent for now.
    """

    adopted: list[Job] = attrs.field(factory=list)
    resendable: list[Entry] = attrs.field(factory=list)
    undecided: list[Entry] = attrs.field(factory=list)


@attrs.frozen
class Verdict:
    """What to do with one unsettled row: adopt `generation_id`, resend (`error` says why),
    or wait for the logs."""

    action: Literal["adopt", "resend", "wait"]
    generation_id: str | None = None
    submitted_at: float | None = None
    error: str | None = None


def verdict(entry: Entry, record: UsageRecord | None, *, now: float, window: float) -> Verdict:
    """Decide one unsettled row from its usage-log record (None: not in the logs).

    - found, succeeded: its generation id (the record's `inference_id`) is adopted;
    - found, failed: refused, or a generation that failed; either way it cost nothing (the
      API bills only what succeeds): sent again;
    - not found, sent less than `window` seconds ago: wait (the logs show a video request
      only once its generation has ended, some time after);
    - not found, sent longer ago (or sent by an aiovideo too old to give it a request id):
      taken as never accepted, sent again.
    """
    if record is not None and record.status == "succeeded" and record.inference_id:
        return Verdict(
            "adopt", record.inference_id, submitted_at=record.created or entry.updated_at
        )
    if record is not None and record.status == "failed":
        error = "the usage logs show this submit failed (not billed): sent again"
        return Verdict("resend", error=error)
    if record is None and now - (entry.updated_at or 0.0) >= window:
        error = (
            f"not in the usage logs {ago(entry.updated_at)}: taken as never accepted, sent again"
        )
        return Verdict("resend", error=error)
    return Verdict("wait")


def logs_lookup(client: Client) -> LogLookup:
    """Look request ids up in the client's usage logs, from the earliest claim on."""

    async def lookup(rows: Sequence[Entry]) -> dict[str, UsageRecord]:
        wanted = {row.client_request_id for row in rows if row.client_request_id}
        if not wanted:
            return {}
        # From a little before the earliest claim: the server's clock is not ours.
        start = min(row.updated_at or time.time() for row in rows) - 300.0
        found: dict[str, UsageRecord] = {}
        async with contextlib.aclosing(client.usage_logs(start=start)) as records:
            async for record in records:
                request_id = record.client_request_id
                if request_id in wanted and request_id not in found:
                    found[request_id] = record
                    if len(found) == len(wanted):
                        break
        return found

    return lookup
