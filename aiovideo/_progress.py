"""Progress of a batch: a live rich bar on a terminal, one plain line per event otherwise."""

from __future__ import annotations

import sys
from collections import Counter
from types import TracebackType
from typing import IO, Self

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

__all__ = ["STATES", "PlainReporter", "RichReporter", "make_reporter"]

STATES = ("queued", "generating", "downloading", "done", "failed")
SHORT = ("queued", "gen", "dl", "done", "failed")  # fits a bar in 80 columns


class _Tally:
    """The latest state of each line, counted per state."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.states: dict[int, str] = {}

    def set(self, line: int, state: str) -> bool:
        """Record `state`; True if it changed."""
        changed = self.states.get(line) != state
        self.states[line] = state
        return changed

    def counts(self) -> Counter[str]:
        return Counter(self.states.values())

    def summary(self, labels: tuple[str, ...] = STATES) -> str:
        counts = self.counts()
        return "  ".join(
            f"{label} {counts[state]}" for label, state in zip(labels, STATES, strict=True)
        )

    @property
    def finished(self) -> int:
        counts = self.counts()
        return counts["done"] + counts["failed"]


class PlainReporter:
    """One line per event, for logs and pipes: `line 3: done videos/3-a-fox.mp4`."""

    def __init__(self, total: int, stream: IO[str] | None = None) -> None:
        self.tally = _Tally(total)
        self.stream = stream or sys.stdout

    def __call__(self, line: int, state: str, detail: str = "") -> None:
        if not self.tally.set(line, state):
            return
        text = f"line {line}: {state}" + (f" {detail}" if detail else "")
        print(text, file=self.stream, flush=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        print(self.tally.summary(), file=self.stream, flush=True)


class RichReporter:
    """A live bar with counts per state, elapsed time and an estimate of the time left."""

    def __init__(self, total: int, console: Console | None = None) -> None:
        self.tally = _Tally(total)
        self.progress = Progress(
            BarColumn(bar_width=16),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=console,
        )
        self.task = self.progress.add_task("videos", total=total, counts=self.tally.summary(SHORT))

    def __call__(self, line: int, state: str, detail: str = "") -> None:
        if not self.tally.set(line, state):
            return
        self.progress.update(
            self.task, completed=self.tally.finished, counts=self.tally.summary(SHORT)
        )
        if state == "failed":
            # Not markup: a server error may hold [brackets] rich would read as styles.
            self.progress.console.print(
                f"line {line}: failed {detail}", markup=False, highlight=False
            )

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.progress.stop()


def make_reporter(total: int, stream: IO[str] | None = None) -> PlainReporter | RichReporter:
    """A rich bar when `stream` (stdout by default) is a terminal, else plain lines."""
    stream = stream or sys.stdout
    if stream.isatty():
        return RichReporter(total, Console(file=stream))
    return PlainReporter(total, stream)
