"""Progress of a batch: a live rich bar on a terminal, one plain line per event otherwise.

Both show the counts per state and what the run has spent so far.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import IO, Self

from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from aiovideo.core import Cost, money
from aiovideo.tools.batch._outcome import LineState

__all__ = [
    "PlainReporter",
    "RichReporter",
    "escape_controls",
    "make_reporter",
    "printable",
]

# C0 controls but tab and newline, DEL, C1 controls, and the Unicode marks that reorder text
# (bidi overrides and isolates).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text from a server or a file as one terminal line that cannot drive the terminal.

    Runs of whitespace (newlines of an HTML error page included) become one space; any other
    control character, an escape sequence's ESC among them, is shown escaped (`\\x1b`).
    """
    return escape_controls(" ".join(text.split()))


def escape_controls(text: str) -> str:
    """`text` with every control character but tab and newline, and every bidi override,
    shown escaped (`\\x1b`, `\\u202e`)."""
    return _UNSAFE.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# The counts shown, by column: (the column's name, the states counted in it). A held line is
# not a column: it is named on a line of its own, and stays pending for a re-run.
_COLUMNS = (
    ("queued", (LineState.QUEUED,)),
    ("generating", (LineState.GENERATING,)),
    ("downloading", (LineState.DOWNLOADING,)),
    ("done", (LineState.COMPLETED,)),
    ("failed", (LineState.FAILED, LineState.TIMED_OUT, LineState.NOT_FOUND)),
)
# How an event names a state: by its column (a line that timed out has `failed` this run).
_SHOWN = {state: name for name, states in _COLUMNS for state in states}
# States a person acts on: shown with the start of the prompt.
_NAMED = frozenset((LineState.FAILED, LineState.TIMED_OUT, LineState.NOT_FOUND, LineState.HELD))


def _shown(state: LineState) -> str:
    return _SHOWN.get(state, state.value)


class _Tally:
    """The latest state of each line, with the count per column kept up to date as it changes
    (a Counter rebuilt per event would make a 10,000-line batch quadratic)."""

    def __init__(self) -> None:
        self.states: dict[int, LineState] = {}
        self.counts: Counter[str] = Counter()

    def set(self, line: int, state: LineState) -> bool:
        """Record `state`; True if it changed."""
        old = self.states.get(line)
        if old == state:
            return False
        if old is not None:
            self.counts[_shown(old)] -= 1
        self.counts[_shown(state)] += 1
        self.states[line] = state
        return True

    def summary(self) -> str:
        return "  ".join(f"{name} {self.counts[name]}" for name, _ in _COLUMNS)

    @property
    def finished(self) -> int:
        return self.counts["done"] + self.counts["failed"]


class _Reporter:
    """What both displays share: called with (line, state, detail), shown on a change of state,
    and used as a context manager around the batch.

    `names` gives how a failed or held line is named (`line 7 ('a red fox')`), so that a
    person can find it; other events say only `line 7`.
    """

    def __init__(self, names: Mapping[int, str] | None = None) -> None:
        self.tally = _Tally()
        self.names = dict(names or {})
        self.spent = Cost(credits=0, usd=0)

    def name(self, line: int) -> str:
        return self.names.get(line, f"line {line}")

    def counts(self) -> str:
        """`queued 0  generating 1  downloading 0  done 3  failed 0  spent 0.12 USD`."""
        return f"{self.tally.summary()}  spent {money(self.spent, credits=False)}"

    def show_spent(self, spent: Cost) -> None:
        """What the run has spent so far (`Batch.on_spent`)."""
        self.spent = spent
        self._refresh()

    def _refresh(self) -> None:
        """Show the counts and the spending again, where they are always on screen."""

    def __call__(self, line: int, state: LineState, detail: str = "") -> None:
        """Show that `line` is now in `state` (`detail`: a path, an id, an error), if new."""
        if self.tally.set(line, state):
            self._show(line, state, printable(detail))  # ids and errors come from servers

    def _show(self, line: int, state: LineState, detail: str) -> None:
        raise NotImplementedError

    def _start(self) -> None:
        """Called on entering."""

    def _stop(self) -> None:
        """Called on leaving, even on an error or an interrupt."""

    def __enter__(self) -> Self:
        self._start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop()


class PlainReporter(_Reporter):
    """One line per event, for logs and pipes: `line 3: done videos/3-a-fox.mp4`."""

    def __init__(
        self, stream: IO[str] | None = None, names: Mapping[int, str] | None = None
    ) -> None:
        super().__init__(names)
        self.stream = stream or sys.stdout

    def _show(self, line: int, state: LineState, detail: str) -> None:
        who = self.name(line) if state in _NAMED else f"line {line}"
        if detail in (_shown(state), state.value):  # the server's status, said already
            detail = ""
        text = f"{who}: {_shown(state)}" + (f" {detail}" if detail else "")
        print(text, file=self.stream, flush=True)

    def _stop(self) -> None:
        print(self.counts(), file=self.stream, flush=True)


class _CountsBelow(Progress):
    """A bar whose counts go on a line of their own, below it.

    On one line with the bar, the counts of a big batch and its spending pushed the times
    past 80 columns, where rich cuts them: the bar's line (bar, done/total, elapsed, eta) fits
    80 columns up to a million lines, and the counts line wraps rather than being cut.
    """

    def get_renderables(self) -> Iterable[RenderableType]:
        yield self.make_tasks_table(self.tasks)
        for task in self.tasks:
            yield Text(task.fields["counts"])


class RichReporter(_Reporter):
    """A live bar with elapsed time and an estimate of the time left, and below it the counts
    per state and what the run has spent."""

    def __init__(
        self, total: int, console: Console | None = None, names: Mapping[int, str] | None = None
    ) -> None:
        super().__init__(names)
        self.progress = _CountsBelow(
            BarColumn(bar_width=40),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=console,
        )
        self.task = self.progress.add_task("videos", total=total, counts=self.counts())

    def _refresh(self) -> None:
        counts = self.counts()
        self.progress.update(self.task, completed=self.tally.finished, counts=counts)

    def _show(self, line: int, state: LineState, detail: str) -> None:
        self._refresh()
        if state in _NAMED:
            # Not markup: a server error may hold [brackets] rich would read as styles.
            self.progress.console.print(
                f"{self.name(line)}: {_shown(state)} {detail}", markup=False, highlight=False
            )

    def _start(self) -> None:
        self.progress.start()

    def _stop(self) -> None:
        self.progress.stop()


def make_reporter(
    total: int, stream: IO[str] | None = None, names: Mapping[int, str] | None = None
) -> PlainReporter | RichReporter:
    """A rich bar when `stream` (stdout by default) is a terminal, else plain lines.

    `names`: how failures name each line (by line number); default `line N`.
    """
    stream = stream or sys.stdout
    if stream.isatty():
        return RichReporter(total, Console(file=stream), names)
    return PlainReporter(stream, names)
