"""`aiovideo batch`'s run: validated lines through one Client and a journal, into videos.

Each submit goes through the Journal, so a re-run after Ctrl-C, a crash or `kill -9` tracks
the ids it already has instead of paying again, skips files already downloaded, and submits
only the lines never submitted. Two runs at once on the same journal cooperate: each line is
submitted by one of them (the other tracks its id) and downloaded by one of them (the other
waits for the file). On a PostgreSQL journal those runs may be on several hosts, each with its
own output folder: a line's video stays where the run that downloaded it wrote it, and every
run's manifest lists it at the path where it was written. A journal that
cannot be written (or read: the database went away) stops new submits; an id received but not
recorded is kept in `unrecorded`.

A video's file name carries its journal row (see `Line.file_name`), and a file another row
owns is never replaced: editing, inserting or moving lines never writes one video over
another. `results.jsonl` and `index.html` are written at the end of every run (`_output`).

Each line's cost comes from the API (this run) or the journal (an earlier run): `Batch.spent`
counts only what this run learnt, so a line tracked or reported again is not paid twice here.
"""

from __future__ import annotations

import contextlib
import enum
import itertools
import logging
import os
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import anyio
import attrs

from aiovideo.core import (
    AiovideoError,
    AuthenticationError,
    Client,
    ConfigurationError,
    Cost,
    GenerationFailedError,
    GenerationTimeoutError,
    Job,
    NotFoundError,
    PermissionDeniedError,
    Phase,
    SpendLimitError,
    TransportError,
    classify,
    counts_more,
    total_cost,
)
from aiovideo.tools.batch._input import Line, check_models, ranges
from aiovideo.tools.batch._outcome import LineState, Outcome, mark_shared
from aiovideo.tools.batch._output import (
    check_writable,
    claim_folder,
    write_gallery,
    write_manifest,
)
from aiovideo.tools.journal import (
    DOWNLOADED,
    FAILED,
    SETTLE_WINDOW,
    SUBMITTING,
    Entry,
    HeldElsewhereError,
    Journal,
    JournalWriteError,
    UnsettledSubmitError,
)

__all__ = ["JOURNAL_NAME", "Batch", "StopReason", "run_batch", "when"]

log = logging.getLogger("aiovideo")

JOURNAL_NAME = ".aiovideo-journal.sqlite"


class StopReason(enum.Enum):
    """Why a batch stopped submitting lines; the value is the reason's weight (see
    `Batch.stop_reason`)."""

    # The spend limit was reached: no new line is sent; lines already sent are still tracked.
    SPEND_LIMIT = 1
    # A submit never reached the server, retries spent: the other lines would fail the same
    # way, so none is started after it (those not sent stay pending).
    UNREACHABLE = 2
    # The journal could not be written: no line is started after that.
    JOURNAL = 3
    # `Batch.stop()` (Ctrl-C, SIGTERM): no line is started after that.
    INTERRUPTED = 4


@attrs.define
class Batch:
    """One run over the lines; see `run_batch`."""

    client: Client
    journal: Journal
    out: Path
    # Called with (line number, its state, a detail: a path, an id, an error) as it changes.
    report: Callable[[int, LineState, str], None]
    # Messages about the whole batch rather than one line (default: the aiovideo logger).
    note: Callable[[str], None] = log.warning
    # Called with `spent` each time it grows (the progress display shows it).
    on_spent: Callable[[Cost], None] | None = None
    max_in_flight: int = 100
    max_downloads: int = 8
    timeout: float | None = None
    retry_failed: bool = False
    resend_unsettled: bool = False
    settle_window: float = SETTLE_WINDOW
    outcomes: dict[int, Outcome] = attrs.field(factory=dict)
    # Each reason this run stopped submitting, with what was said of it first (see
    # `stop_for`); empty while it runs.
    stops: dict[StopReason, str] = attrs.field(factory=dict)
    # Under a spend limit: the first line of each model whose price is unknown, and the event
    # the model's other lines wait for (see `_price_known`).
    _probes: dict[str, anyio.Event] = attrs.field(factory=dict)
    _probe_lines: dict[int, str] = attrs.field(factory=dict)
    _scope: anyio.CancelScope | None = None
    # (line, generation id) accepted and billed but not in the journal.
    unrecorded: list[tuple[int, str]] = attrs.field(factory=list)
    # Lines held because an earlier submit of theirs lost its reply: the time (epoch seconds)
    # after which a run sends each again if the usage logs still lack it.
    held_until: dict[int, float] = attrs.field(factory=dict)
    # What this run's lines cost, as the API reported it to this run; a cost an earlier run
    # journaled is not counted again (the client counts a generation it tracks again anew).
    spent: Cost = attrs.field(factory=lambda: Cost(credits=0, usd=0))
    # Why `results.jsonl` or `index.html` could not be written at the end (a full disk).
    output_error: str | None = None
    # Generation ids whose cost an earlier run journaled, and those counted in `spent` by this
    # one: a generation the server answered to two lines' submits is paid once.
    _paid_earlier: set[str] = attrs.field(factory=set)
    _counted: dict[str, Cost] = attrs.field(factory=dict)
    # One download per generation id at a time: two lines of one generation write one file.
    _fetching: dict[str, anyio.Lock] = attrs.field(factory=dict)
    # Seconds between two looks at the lines another run held when this one reached them.
    watch_every: float = 1.0
    # Those lines, by number: come back to when their holder is done with them (or gone).
    _deferred: dict[int, Line] = attrs.field(factory=dict)
    # Lines whose submit is under way (each may yet find its line held, and defer it), and
    # whether every line was reached once.
    _submitting: int = 0
    _walked: bool = False
    # Set when `_come_back` may have to end (the walk ended; the last submit did).
    _wake: anyio.Event | None = None
    # The run's lines, and those the walk (or `_come_back`) has come to.
    _lines: list[Line] = attrs.field(factory=list)
    _reached: set[int] = attrs.field(factory=set)

    @property
    def stop_reason(self) -> StopReason | None:
        """Why this run stopped submitting lines (the weightiest reason, when two came at
        once); None while it has not."""
        return max(self.stops, key=lambda reason: reason.value, default=None)

    def stop_for(self, reason: StopReason, why: str) -> None:
        """Submit no more lines (with SPEND_LIMIT: no more lines that need a POST), because of
        `reason`; `why` says it (the first `why` of each reason is kept)."""
        self.stops.setdefault(reason, why)

    async def run(self, lines: list[Line]) -> None:
        """Run every line (see `run_batch`, which also writes the manifest and the page)."""
        in_flight = anyio.Semaphore(self.max_in_flight)
        downloads = anyio.Semaphore(self.max_downloads)
        for entry in self.journal.entries():  # prices earlier runs paid, for the spend limit
            if entry.cost_usd is not None and entry.cost_usd > 0:
                self.client.expect_cost(entry.model, entry.cost_usd)
            if entry.cost is not None and entry.generation_id is not None:
                self._paid_earlier.add(entry.generation_id)
        try:
            self._survey(lines)
        except JournalWriteError as exc:  # the database went away as the run started
            self.stop_for(StopReason.JOURNAL, str(exc))
        with anyio.CancelScope() as self._scope:
            if self.stop_reason is not StopReason.INTERRUPTED:
                await self._settle()
            self._wake, self._lines = anyio.Event(), lines
            async with anyio.create_task_group() as tg:
                tg.start_soon(self._come_back, tg, in_flight, downloads)
                try:
                    await self._start(lines, tg, in_flight, downloads)
                finally:
                    self._walked = True
                    self._wake.set()  # `_come_back` may end now

    async def stop(self, grace: float) -> int:
        """Stop submitting, give POSTs already sent `grace` seconds to answer, then stop.

        Returns:
            How many POSTs were abandoned unanswered (each may be billed; their rows stay
            unsettled, for the next run to look up in the usage logs).
        """
        self.stop_for(StopReason.INTERRUPTED, "stopped")
        left = await self.client.drain(timeout=grace)
        if self._scope is not None:
            self._scope.cancel()
        return left

    def _survey(self, lines: list[Line]) -> None:
        """Say what the journal holds of these lines: several runs (on several hosts) may
        share one journal (`--journal postgresql://...`) and so one prompt list."""
        counts = {"pending": 0, "held by other runs": 0, "done": 0}
        for line in lines:
            entry = self.journal.get(line.key, line.request)
            if entry is None:
                counts["pending"] += 1
            elif self._finished(entry):
                counts["done"] += 1
            elif self.journal.held(entry):
                counts["held by other runs"] += 1
            else:
                counts["pending"] += 1
        found = ", ".join(f"{count} {what}" for what, count in counts.items())
        self.note(f"journal {self.journal.name}: {len(lines)} lines, {found}")

    def _finished(self, entry: Entry) -> bool:
        """Nothing is left to do for the row: its video is saved (here, or on the host that
        downloaded it), or it failed (and failures are not retried)."""
        if entry.state == FAILED:
            return not self.retry_failed
        return entry.state == DOWNLOADED and self._saved(entry) is not None

    def _saved(self, entry: Entry) -> str | None:
        """Where the row's video is: its path if the file is here, or if another host wrote
        it (then it is in that host's output folder); None when it must be downloaded."""
        if entry.state != DOWNLOADED or not entry.path:
            return None
        if os.path.isfile(entry.path):
            return entry.path
        elsewhere = entry.owner_host is not None and entry.owner_host != self.journal.host
        return f"{entry.path} on {entry.owner_host}" if elsewhere else None

    async def _settle(self) -> None:
        """Look the submits an earlier run lost the reply of up in the usage logs."""
        if not self.journal.unsettled():
            return
        self.note("looking up, in the usage logs, the submits an earlier run lost the reply of")
        try:
            settled = await self.journal.settle(self.client, window=self.settle_window)
        except AiovideoError as exc:  # the logs could not be read: those lines wait
            self.note(
                f"cannot read the usage logs ({exc}): lines whose submit lost its reply are "
                "left unsent this run"
            )
            return
        if settled.adopted:
            self.note(
                f"{len(settled.adopted)} lost submit replies found in the usage logs: their "
                "generations are tracked, not submitted again"
            )
        if settled.resendable:
            self.note(
                f"{len(settled.resendable)} lost submits were refused or never arrived (usage "
                "logs): they are sent again (nothing was billed for them)"
            )

    async def _start(
        self,
        lines: list[Line],
        tg: anyio.abc.TaskGroup,
        in_flight: anyio.Semaphore,
        downloads: anyio.Semaphore,
    ) -> None:
        for line in lines:
            if self._stopped:
                break
            if line.number in self._reached:
                continue  # taken over by `_come_back` before the walk came to it
            self._reached.add(line.number)
            outcome = self.outcomes[line.number] = Outcome(
                line.number, line.request.prompt, line.request.model
            )
            try:
                entry = self.journal.get(line.key, line.request)
            except JournalWriteError as exc:  # the database went away: no more lines
                self.stop_for(StopReason.JOURNAL, str(exc))
                break
            if entry is not None and entry.cost is not None:  # reported to an earlier run
                outcome.cost, outcome.paid_earlier = entry.cost, True
            if entry is not None and self._already_done(entry, line, outcome):
                continue
            if entry is not None and self.journal.held(entry):
                self._defer(line, entry)  # another run submits, tracks or downloads it
                continue
            if not await self._launch(
                line, outcome, entry=entry, tg=tg, in_flight=in_flight, downloads=downloads
            ):
                break

    async def _launch(
        self,
        line: Line,
        outcome: Outcome,
        *,
        entry: Entry | None,
        tg: anyio.abc.TaskGroup,
        in_flight: anyio.Semaphore,
        downloads: anyio.Semaphore,
    ) -> bool:
        """Start the line's task when a slot is free; False when the run stopped meanwhile."""
        outcome.resumed = entry is not None and entry.generation_id is not None
        if self.stop_reason is StopReason.SPEND_LIMIT and not outcome.resumed:
            # Past the limit no line is sent; those already sent are still tracked.
            self.report(
                line.number, LineState.HELD, "not submitted: the --max-spend limit is reached"
            )
            return True
        await self._price_known(line, entry)
        await in_flight.acquire()  # lazily: never more than N generations pending
        if self._stopped:
            in_flight.release()
            return False
        if entry is None or entry.generation_id is None:
            # Waiting for a slot may have taken a while: another run on the journal may
            # have taken the line meanwhile, or finished it.
            try:
                entry = self.journal.get(line.key, line.request)
            except JournalWriteError as exc:
                in_flight.release()
                self.stop_for(StopReason.JOURNAL, str(exc))
                return False
            done = entry is not None and self._already_done(entry, line, outcome)
            if done or (entry is not None and self.journal.held(entry)):
                in_flight.release()
                self._probed(line.number)
                if not done:
                    self._defer(line, entry)
                return True
        # A limit reached meanwhile is the client's to enforce: it refuses the submit before
        # any POST, and `_submit` holds the line.
        self._submitting += 1
        tg.start_soon(self._one, line, outcome, in_flight, downloads)
        return True

    def _probed(self, number: int) -> None:
        """The line was the probe of its model's price (`_price_known`): it is over."""
        if (model := self._probe_lines.pop(number, None)) is not None:
            self._probes[model].set()

    def _defer(self, line: Line, entry: Entry | None) -> None:
        """Leave the line to the run that holds it; `_come_back` looks at it again."""
        self._deferred[line.number] = line
        holder = "" if entry is None or entry.owner_pid is None else f" ({entry.holder})"
        self.report(line.number, LineState.ELSEWHERE, f"with another run{holder}")

    async def _come_back(
        self, tg: anyio.abc.TaskGroup, in_flight: anyio.Semaphore, downloads: anyio.Semaphore
    ) -> None:
        """Every `watch_every` seconds, look at the lines another run held (`_look_back`).
        Ends once every line was reached and none is left to another run (or the run
        stopped)."""
        next_look = anyio.current_time() + self.watch_every
        while not self._stopped:
            if self._walked and not self._deferred and not self._submitting:
                return
            assert self._wake is not None
            with anyio.move_on_after(next_look - anyio.current_time()):
                await self._wake.wait()  # the walk ended, or the last submit under way did
            if self._wake.is_set():
                self._wake = anyio.Event()
                continue
            next_look = anyio.current_time() + self.watch_every
            if self._deferred or len(self._reached) < len(self._lines):
                for line, outcome, entry in await self._look_back():
                    # A generation taken over from a run that is gone is tracked at once,
                    # beyond --max-in-flight (a slot of its own): it is pending on the server
                    # already, within that run's cap, and waiting here for a slot would leave
                    # it untracked (and its video not downloaded) for as long.
                    slot = anyio.Semaphore(1) if entry is not None and entry.pending else in_flight
                    if not await self._launch(
                        line, outcome, entry=entry, tg=tg, in_flight=slot, downloads=downloads
                    ):
                        return

    async def _look_back(self) -> list[tuple[Line, Outcome, Entry | None]]:
        """The lines another run held, now: done there (its video saved, or failed) is
        reported as such; free again (its holder ended, or was killed and its lease ran out)
        is returned, to be taken here: its generation adopted (no POST), or its lost submit
        settled from the usage logs first."""
        try:
            rows = {(entry.key, entry.request_hash): entry for entry in self.journal.entries()}
        except JournalWriteError as exc:  # the database went away: no more lines
            self.stop_for(StopReason.JOURNAL, str(exc))
            return []
        free = []
        for number, line in list(self._deferred.items()):
            entry = rows.get((line.key, line.request.fingerprint()))
            outcome = self.outcomes[number]
            if entry is not None and entry.cost is not None:
                outcome.cost, outcome.paid_earlier = entry.cost, True
            if entry is not None and self._already_done(entry, line, outcome):
                del self._deferred[number]
            elif entry is None or not self.journal.held(entry):
                del self._deferred[number]
                free.append((line, outcome, entry))
        free += self._orphans(rows)
        if any(entry is not None and entry.state == SUBMITTING for _, _, entry in free):
            await self._settle()  # its holder died mid-POST
        return free

    def _orphans(
        self, rows: dict[tuple[str, str], Entry]
    ) -> list[tuple[Line, Outcome, Entry | None]]:
        """The lines the walk has not come to whose generation is pending and held by
        nobody alive (its run was killed): taken over now rather than when the walk, which
        waits for slots, comes to them."""
        found: list[tuple[Line, Outcome, Entry | None]] = []
        for line in self._lines:
            entry = rows.get((line.key, line.request.fingerprint()))
            if line.number in self._reached or entry is None or not entry.pending:
                continue
            if entry.owner is None:
                continue  # left by a run that ended: the walk resumes it, within the cap
            if self.journal.held(entry):
                continue
            self._reached.add(line.number)
            outcome = self.outcomes[line.number] = Outcome(
                line.number, line.request.prompt, line.request.model
            )
            if entry.cost is not None:
                outcome.cost, outcome.paid_earlier = entry.cost, True
            found.append((line, outcome, entry))
        return found

    @property
    def _stopped(self) -> bool:
        """A journal failure, a stop, or a server that cannot be reached: no line is started
        from now on (the spend limit stops only the lines that need a POST)."""
        return self.stop_reason not in (None, StopReason.SPEND_LIMIT)

    async def _price_known(self, line: Line, entry: Entry | None) -> None:
        """Under a spend limit, send one line of a model whose price is unknown, alone.

        The API tells a generation's cost once it completes, and the client counts pending
        generations at their model's last price: without this, a whole first wave would be
        sent before any price was known, past the limit.
        """
        model = line.request.model
        while not (
            not self.client.spend_limited
            or self.client.expected_cost(model) is not None
            or (entry is not None and entry.generation_id is not None)  # tracked, not sent
        ):
            probe = self._probes.get(model)
            if probe is None or probe.is_set():
                # No probe yet, or the last one ended without a price (it failed, was refused
                # or timed out): this line probes next, and the others go on waiting. (Sending
                # them all then would pass the limit many times over.)
                self._probes[model] = anyio.Event()  # this line is the probe: set when it ends
                self._probe_lines[line.number] = model
                return
            await probe.wait()

    def _already_done(self, entry: Entry, line: Line, outcome: Outcome) -> bool:
        outcome.generation_id = entry.generation_id
        _take_times(outcome, entry)
        saved = self._saved(entry)
        if saved is not None and entry.path:
            outcome.status, outcome.path, outcome.resumed = LineState.COMPLETED, entry.path, True
            self.report(line.number, LineState.COMPLETED, f"{saved} (already downloaded)")
            return True
        if entry.state == FAILED and not self.retry_failed:
            outcome.status, outcome.error, outcome.resumed = LineState.FAILED, entry.error, True
            self.report(
                line.number, LineState.FAILED, f"{entry.error} (earlier run; --retry-failed)"
            )
            return True
        return False

    async def _submit(self, line: Line, outcome: Outcome) -> Job | None:
        """Submit (or track) the line through the journal; None when it is not sent."""
        number = line.number
        try:
            job = await self.journal.submit(
                self.client,
                line.request,
                key=line.key,
                timeout=self.timeout,
                resubmit_failed=self.retry_failed,
                resend_unsettled=self.resend_unsettled,
                wait_for_others=False,
                describe=f"line {number} ({(line.request.prompt or '')[:30]!r})",
            )
        except (AuthenticationError, PermissionDeniedError):
            raise  # every other line would fail the same way: stop the batch
        except HeldElsewhereError as exc:  # taken by another run since this one looked
            self._defer(line, exc.entry)
            return None
        except UnsettledSubmitError as exc:
            # Its earlier submit may be billed: not sent again until settled.
            until = (exc.entry.updated_at or time.time()) + self.settle_window
            self.held_until[number] = until
            said = f"until {when(until)} (a lost submit, maybe billed)"
            outcome.error = f"held {said}"
            self.report(number, LineState.HELD, said)
            return None
        except ConfigurationError as exc:
            if self.stop_reason is not StopReason.INTERRUPTED:
                self._failed(outcome, f"submit failed: {exc}")
                return None
            self.report(number, LineState.HELD, "not submitted (the batch is stopping)")
            return None
        except SpendLimitError as exc:
            # Nothing was sent: the line stays pending, for a run with a higher limit.
            self.stop_for(StopReason.SPEND_LIMIT, str(exc))
            self.report(number, LineState.HELD, "not submitted: the --max-spend limit is reached")
            return None
        except JournalWriteError as exc:
            self.stop_for(StopReason.JOURNAL, str(exc))
            if exc.job is None:  # before the POST: nothing was sent for this line
                self._failed(outcome, f"not submitted: {exc}")
                return None
            self.unrecorded.append((number, exc.job.id))
            outcome.generation_id = exc.job.id
            outcome.error = f"submitted as {exc.job.id}, not journaled: {exc}"
            self.report(number, LineState.FAILED, outcome.error)
            return None  # the id is kept (logged, printed, in the manifest)
        except TransportError as exc:
            if exc.request_sent:  # may have been billed: the journal keeps it unsettled
                self._failed(outcome, f"submit failed: {exc}")
                return None
            # Never reached the server: nothing was sent.
            self.stop_for(StopReason.UNREACHABLE, str(exc))
            self.report(number, LineState.HELD, f"not submitted: {exc}")
            return None
        except AiovideoError as exc:
            self._failed(outcome, f"submit failed: {exc}")
            return None
        return job

    async def _one(
        self,
        line: Line,
        outcome: Outcome,
        in_flight: anyio.Semaphore,
        downloads: anyio.Semaphore,
    ) -> None:
        number = line.number
        try:
            try:
                job = await self._submit(line, outcome)
            finally:
                self._submitting -= 1
                if not self._submitting and self._wake is not None:
                    self._wake.set()
            if job is None:
                return None
            outcome.generation_id = job.id
            outcome.submitted_at = outcome.submitted_at or time.time()
            self._count(outcome, job.counted_cost)  # the submit reply's, if it said one
            said = f"{'resumed' if outcome.resumed else 'submitted'} {job.id}"
            self.report(number, LineState.QUEUED, said)
            async for snapshot in job.updates():
                if classify(snapshot.status) is Phase.PENDING:
                    self.report(number, _pending_state(snapshot.status), snapshot.status)
            try:
                video = await job
            except GenerationFailedError as exc:
                outcome.finished_at = time.time()
                return self._failed(outcome, exc.error or exc.status)
            except GenerationTimeoutError as exc:
                outcome.status = LineState.TIMED_OUT
                outcome.error = f"{exc} (re-run to go on waiting)"
                self.report(number, LineState.TIMED_OUT, outcome.error)
                return None
            except AiovideoError as exc:  # ended here, not by the server's word
                return self._unfinished(outcome, job.id, exc)
            finally:
                self._count(outcome, job.counted_cost)
            outcome.finished_at = time.time()
        finally:
            in_flight.release()
            self._probed(number)
        # A second line of one generation (one id answered to two submits) waits for the
        # first line's download, then finds its file in the journal: one file, no orphan.
        async with downloads, self._fetching.setdefault(job.id, anyio.Lock()):
            path = await self._download(line, job.id, video)
        if path is None:
            return None
        outcome.status, outcome.path, outcome.error = LineState.COMPLETED, str(path), None
        self.report(number, LineState.COMPLETED, str(path))
        return None

    def _unfinished(self, outcome: Outcome, generation_id: str, exc: AiovideoError) -> None:
        """The line's tracking ended without the server's word (404s past the window, a closed
        client, unreadable replies): the journal still holds the id, so a re-run tracks it
        again and `--retry-failed` does not pay for it again."""
        again = "re-run the same command to track it again (it is not submitted again)"
        if isinstance(exc, NotFoundError):
            outcome.status = LineState.NOT_FOUND
            outcome.error = (
                f"the server answered 404 for generation {generation_id} until this run gave "
                f"up; it may still exist: {again}"
            )
            self.report(outcome.line, LineState.NOT_FOUND, outcome.error)
            return None
        return self._failed(outcome, f"{exc}; {again}")

    async def _download(self, line: Line, generation_id: str, video: Any) -> Path | None:
        """Download the line's video, unless another run on the journal is doing it."""
        number, outcome = line.number, self.outcomes[line.number]
        try:
            while True:
                taken = self.journal.claim_download(generation_id)
                # Read after the claim: a run that downloaded it held the claim until it had
                # recorded the file, so a file written by then is seen here.
                entry = self.journal.by_id(generation_id)
                if entry is not None and entry.path and self._saved(entry) is not None:
                    if taken:
                        self.journal.release_download(generation_id)
                    _take_times(outcome, entry)  # here, or on the host that downloaded it
                    return Path(entry.path)
                if taken:
                    break
                # Another run downloads this very file: wait for its word in the journal.
                self.report(number, LineState.DOWNLOADING, "by another run")
                await anyio.sleep(self.journal.poll_interval)
        except JournalWriteError as exc:
            self.stop_for(StopReason.JOURNAL, str(exc))
            self._failed(outcome, f"download not started (re-run to resume): {exc}")
            return None
        self.report(number, LineState.DOWNLOADING, video.url)
        try:
            target = self._target(line, generation_id)
            path: Path = await video.download(target)
        except BaseException as exc:
            # Failed or stopped: another run (of this process too) may take it at once.
            with contextlib.suppress(JournalWriteError):
                self.journal.release_download(generation_id)
            if not isinstance(exc, AiovideoError | OSError):  # OSError: the disk
                raise
            self._failed(outcome, f"download failed (re-run to resume): {exc}")
            return None
        outcome.downloaded_at = time.time()
        try:
            self.journal.record_downloaded(generation_id, path, at=outcome.downloaded_at)
        except JournalWriteError as exc:  # the file is there; a re-run downloads it again
            self.stop_for(StopReason.JOURNAL, str(exc))
        else:
            entry = self.journal.by_id(generation_id)
            if entry is not None:  # the journal's times: the manifest reads the same next run
                _take_times(outcome, entry)
        return path

    def _target(self, line: Line, generation_id: str) -> Path:
        """Where the line's video goes: `out/<line.file_name>`, unless that is taken.

        The name carries the line's journal row, so no two rows want the same one; still, a
        file that another row owns (a digest collision, a row another program wrote) or that
        no row owns (a run whose journal was lost, a file of the user's) is never replaced:
        `-2`, `-3`, ... is added until the name is free or this very generation's own.
        """
        first = self.out / line.file_name
        for n in itertools.count(1):
            target = first if n == 1 else first.with_name(f"{first.stem}-{n}{first.suffix}")
            owners = self.journal.by_path(target)
            if any(owner.generation_id == generation_id for owner in owners):
                return target  # its own file, from an earlier download
            if not owners and not target.exists():
                return target
        raise AssertionError  # pragma: no cover  (count() never ends)

    def _failed(self, outcome: Outcome, error: str) -> None:
        outcome.status, outcome.error = LineState.FAILED, error
        self.report(outcome.line, LineState.FAILED, error)

    def _count(self, outcome: Outcome, cost: Cost | None) -> None:
        """The cost the API reported so far for the line's generation (`job.counted_cost`:
        the submit reply's, then the largest reported), counted once per generation."""
        if cost is None:
            return  # not reported (failed, or stopped): a journaled cost stays
        outcome.cost = cost
        gid = outcome.generation_id
        assert gid is not None  # counted once the line has its generation
        if gid in self._paid_earlier:
            outcome.paid_earlier = True  # its id was answered to a line of an earlier run
        if outcome.paid_earlier:
            return  # an earlier run's: the client counted it again, this run does not
        # Another line's submit may have been answered this id: one generation, paid once,
        # at the larger of what the two lines' Jobs counted.
        known = self._counted.get(gid)
        if not counts_more(cost, known):
            return
        self._counted[gid] = cost
        # What it adds: all of it, or for a larger report than the one counted, the difference
        # (a sum kept as it goes: summing every line again would be quadratic in lines).
        taken_back = (
            None
            if known is None
            else Cost(credits=-(known.credits or 0), usd=-(known.usd or Decimal(0)))
        )
        self.spent = total_cost((self.spent, cost, taken_back))
        if self.on_spent is not None:
            self.on_spent(self.spent)


def when(moment: float) -> str:
    """A moment as people read it, date included: `2026-12-03 14:05` (local time)."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(moment))


def _take_times(outcome: Outcome, entry: Entry) -> None:
    """The journal's times of the row, where it has them."""
    outcome.submitted_at = entry.submitted_at or outcome.submitted_at
    outcome.finished_at = entry.finished_at or outcome.finished_at
    outcome.downloaded_at = entry.downloaded_at or outcome.downloaded_at


def _pending_state(status: str) -> LineState:
    """A pending generation's server status as the line's state."""
    if status in ("queued", "waiting", "pending", "submitting"):
        return LineState.QUEUED
    return LineState.GENERATING


async def run_batch(batch: Batch, lines: list[Line]) -> list[Outcome]:
    """Run every line; always writes `results.jsonl` and `index.html`, even when interrupted
    (when the disk refuses them, `batch.output_error` says why).

    Args:
        batch: the run, with its client, journal and output folder.
        lines: the validated input lines.

    Returns:
        One Outcome per line, in the lines' order (a line never reached is pending).

    Raises:
        BatchInputError: the client refuses a line's model id (close to a known one, or
            unknown under its `strict_models`); nothing was submitted.
        ConfigurationError: the output folder cannot be written, or a run on another journal
            is using it (nothing was submitted).
        AuthenticationError, PermissionDeniedError: the API refused the key or the request.
    """
    # Every line's model, before line 1 is sent: a refused id on line 40 costs no line, and
    # the warning about a model newer than the table comes first.
    check_models(lines, batch.client.check_model)
    check_writable(batch.out)
    with claim_folder(batch.out, _journal_name(batch.journal)):
        try:
            await batch.run(lines)
        finally:
            for line in lines:  # lines never reached (interrupted) are pending
                batch.outcomes.setdefault(
                    line.number, Outcome(line.number, line.request.prompt, line.request.model)
                )
            _say_shared(batch)
            _write_outputs(batch)
    return [batch.outcomes[line.number] for line in lines]


def _say_shared(batch: Batch) -> None:
    """Mark the lines whose submit the server answered with an earlier line's generation id,
    and say so: one generation, one file, paid once; each line keeps its own record."""
    for first, others in mark_shared(batch.outcomes.values()).items():
        many = "s" if len(others) > 1 else ""
        batch.note(
            f"line{many} {ranges(others)} got the generation id of line {first} "
            f"({batch.outcomes[first].generation_id}): the server answered one id to "
            f"{len(others) + 1} submits; one video, paid once (results.jsonl: "
            "shares_generation_with)"
        )


def _write_outputs(batch: Batch) -> None:
    """Write the manifest and the page; a disk that fails (full) is kept in `output_error`
    rather than raised: the ids and files of the run are what the caller must still say."""
    outcomes = list(batch.outcomes.values())
    try:
        write_manifest(batch.out, outcomes)
        write_gallery(batch.out, outcomes)
    except OSError as exc:
        batch.output_error = f"{batch.out}: {exc}"


def _journal_name(journal: Journal) -> str:
    """How runs on one output folder tell whether they share a journal."""
    return str(journal.path.resolve()) if journal.path is not None else repr(journal)
