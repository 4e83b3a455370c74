"""What happens to one input line of a batch: its state, and its `results.jsonl` record.

Imports nothing of the batch: the run, the progress display and the gallery all read these.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from aiovideo.core import Cost, usd_text

__all__ = ["LineState", "Outcome", "mark_shared", "paid_once"]


class LineState(enum.StrEnum):
    """Where a line is. Its value is the word `results.jsonl` writes as the line's `status`
    (for the states a line ends a run in) and the word a progress event names it by; the
    progress display shows COMPLETED as `done`, and TIMED_OUT and NOT_FOUND as `failed`.
    """

    # A line ends a run in one of these (`Outcome.status`, the manifest's `status`).
    PENDING = "pending"  # not submitted, or not finished: a re-run goes on with it
    COMPLETED = "completed"  # its video is on disk
    # Final when the server said so (`--retry-failed` sends the line again).
    FAILED = "failed"
    # Not final: the generation may go on, and a re-run tracks it again.
    TIMED_OUT = "timed_out"
    NOT_FOUND = "not_found"
    # Only reported on the way: the line's outcome stays PENDING until one of the above.
    QUEUED = "queued"
    GENERATING = "generating"
    DOWNLOADING = "downloading"
    # With another run on the journal (it submits, tracks or downloads the line): this run
    # looks again, and reports it done there, or takes it over if that run is gone.
    ELSEWHERE = "elsewhere"
    # Not submitted this run for a reason a person acts on (the spend limit, an unsettled
    # earlier submit, a server out of reach); its outcome stays PENDING.
    HELD = "held"


@attrs.define
class Outcome:
    """What happened to one line: a record of `results.jsonl`."""

    line: int
    prompt: str | None
    model: str
    generation_id: str | None = None
    # One of the states a line ends a run in; a plain string is taken as its LineState.
    status: LineState = attrs.field(default=LineState.PENDING, converter=LineState)
    path: str | None = None
    error: str | None = None
    resumed: bool = False
    submitted_at: float | None = None
    finished_at: float | None = None
    downloaded_at: float | None = None
    # What the generation cost, as the API reported it (None: not reported), during this run
    # or, journaled, an earlier one (`paid_earlier`: not counted in this run's spending).
    cost: Cost | None = None
    paid_earlier: bool = False
    # The first line whose generation this line's is too: the server answered one id to both
    # submits. One generation, so one video file (both lines name it) and one cost.
    shares_generation_with: int | None = None

    def record(self, base: Path | None = None) -> dict[str, Any]:
        """The manifest's record; `path` relative to `base` when given."""
        path = self.path
        if path is not None and base is not None:
            path = os.path.relpath(Path(path).resolve(), base.resolve())
        return {
            "line": self.line,
            "prompt": self.prompt,
            "model": self.model,
            "generation_id": self.generation_id,
            "status": self.status.value,
            "path": path,
            "error": self.error,
            "resumed": self.resumed,
            "shares_generation_with": self.shares_generation_with,
            # The USD as an exact decimal string ("0.06"): a JSON number would be read back
            # as a binary float by most JSON readers.
            "cost": None if self.cost is None else _cost_record(self.cost),
            "timings": {
                "submitted_at": self.submitted_at,
                "finished_at": self.finished_at,
                "downloaded_at": self.downloaded_at,
                "generation_seconds": _span(self.submitted_at, self.finished_at),
            },
        }


def mark_shared(outcomes: Iterable[Outcome]) -> dict[int, list[int]]:
    """Set `shares_generation_with` on every line whose generation id an earlier line has.

    Returns:
        The lines sharing a generation, by the first line of each (`{1: [3, 4]}`).
    """
    first: dict[str, int] = {}
    shared: dict[int, list[int]] = {}
    for outcome in sorted(outcomes, key=lambda o: o.line):
        gid = outcome.generation_id
        outcome.shares_generation_with = None
        if gid is None:
            continue
        lead = first.setdefault(gid, outcome.line)
        if lead != outcome.line:
            outcome.shares_generation_with = lead
            shared.setdefault(lead, []).append(outcome.line)
    return shared


def paid_once(outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
    """The outcomes whose cost a total counts: one per generation (`mark_shared` first)."""
    return (o for o in outcomes if o.shares_generation_with is None)


def _cost_record(cost: Cost) -> dict[str, Any]:
    return {"credits": cost.credits, "usd": None if cost.usd is None else usd_text(cost.usd)}


def _span(start: float | None, end: float | None) -> float | None:
    return None if start is None or end is None else round(end - start, 3)
