"""`aiovideo batch`: a prompt file in, one MP4 per line and a manifest out, resumable.

Every line is validated before anything is sent. Each submit goes through the Journal, so a
re-run after Ctrl-C, a crash or `kill -9` tracks the ids it already has instead of paying
again, skips files already downloaded, and submits only the lines never submitted. Two runs
at once on the same journal cooperate: each line is submitted by one of them (the other tracks
its id) and downloaded by one of them (the other waits for the file). A journal that cannot be
written stops new submits; an id received but not recorded is kept in `unrecorded`.

A video's file name carries its journal row (`007-a-red-fox-1a2b3c4d.mp4`: the line number
padded to sort in `ls` order, a slug of the prompt, a digest of the row), and a file another
row owns is never replaced: editing, inserting or moving lines never writes one video over
another. `results.jsonl` gives paths relative to its own folder, the same on every run, and
`index.html` beside it shows every line: its video playing, or why there is none.

Each line's cost comes from the API (this run) or the journal (an earlier run): `Batch.spent`
counts only what this run learnt, so a line tracked or reported again is not paid twice here.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import logging
import os
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
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
    ValidationError,
    VideoRequest,
    classify,
    total_cost,
)
from aiovideo.tools.batch._gallery import GALLERY_NAME, render
from aiovideo.tools.journal import (
    DOWNLOADED,
    FAILED,
    SETTLE_WINDOW,
    Entry,
    Journal,
    JournalWriteError,
    UnsettledSubmitError,
)

__all__ = ["BatchInputError", "Line", "Outcome", "label", "read_lines", "run_batch", "slug"]

log = logging.getLogger("aiovideo")

JOURNAL_NAME = ".aiovideo-journal.sqlite"
# The longest input line taken (a prompt, or a JSON Lines request): a line past it is an input
# error, not a prompt to store in the journal, the manifest and the page over and over.
MAX_LINE = 100_000
MANIFEST_NAME = "results.jsonl"


class BatchInputError(Exception):
    """The prompts file has invalid lines; `problems` lists each with its line number."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@attrs.frozen
class Line:
    """One input line, validated.

    Its journal key is not its line number but which copy of this exact request it is in the
    file (1 for the first): inserting or moving lines then changes no key, so a re-run after
    editing the file never pays again for a line that only moved. The request's hash, stored
    beside the key, tells a changed line from an old one.
    """

    number: int
    request: VideoRequest
    copy: int = 1
    # Digits of the file's largest line number: names padded to it sort in `ls` order.
    width: int = 1

    @property
    def key(self) -> str:
        return f"copy-{self.copy}"

    @property
    def label(self) -> str:
        """How messages name the line: `line 7 ('a red fox in snow')`."""
        return label(self.number, self.request.prompt)

    @property
    def file_name(self) -> str:
        """`007-a-red-fox-1a2b3c4d.mp4`: the digest is of the line's journal row (its key and
        request hash), so two rows never share a name however the lines move or change."""
        row = f"{self.key}\n{self.request.fingerprint()}".encode()
        digest = hashlib.sha256(row).hexdigest()[:8]
        return f"{self.number:0{self.width}d}-{slug(self.request.prompt or '')}-{digest}.mp4"


def label(number: int, prompt: str | None) -> str:
    """`line 7 ('a red fox in snow')`: the line number and the start of its prompt."""
    return f"line {number}" + (f" ({prompt[:30]!r})" if prompt else "")


def read_lines(
    path: Path, *, model: str | None, fields: Mapping[str, Any] | None = None
) -> list[Line]:
    """Read and validate every line of a text or JSON Lines prompts file.

    Text: one prompt a line. JSON Lines (a `.jsonl`/`.ndjson` file, or one whose first line
    starts with `{`): a request object a line, whose `model` overrides `model`. Blank lines and
    `#` comments are skipped in both. `fields` are defaults for every line.

    Raises:
        BatchInputError: listing every bad line (nothing has been sent).
    """
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as exc:
        raise BatchInputError([f"{path}: cannot read: {exc}"]) from exc
    except UnicodeDecodeError as exc:
        number = raw.count(b"\n", 0, exc.start) + 1
        raise BatchInputError([f"{path}:{number}: not UTF-8 text ({exc.reason})"]) from exc
    numbered = [
        (number, raw.strip())
        for number, raw in enumerate(text.splitlines(), start=1)
        if raw.strip() and not raw.strip().startswith("#")
    ]
    jsonl = path.suffix.lower() in (".jsonl", ".ndjson") or (
        bool(numbered) and numbered[0][1].startswith("{")
    )
    lines: list[Line] = []
    problems: list[tuple[int, str]] = []
    no_model = "no model: pass --model" + (' or give "model" on the line' if jsonl else "")
    for number, content in numbered:
        try:
            if len(content) > MAX_LINE:
                raise ValueError(f"{len(content):,} characters: a line takes at most {MAX_LINE:,}")
            data = _parse(content) if jsonl else {"prompt": content}
            if "model" not in data and model is None:
                raise ValueError(no_model)
            request = VideoRequest.from_mapping({**(fields or {}), **data}, model=model)
            lines.append(Line(number, request))
        except (ValueError, ValidationError) as exc:
            problems.append((number, str(exc)))
    if not numbered:
        raise BatchInputError([f"{path}: no prompts (blank lines and # comments are skipped)"])
    if problems:
        raise BatchInputError(_grouped(path, problems, len(numbered)))
    copies: Counter[str] = Counter()
    width = len(str(lines[-1].number))
    for index, line in enumerate(lines):
        fingerprint = line.request.fingerprint()
        copies[fingerprint] += 1
        lines[index] = attrs.evolve(line, copy=copies[fingerprint], width=width)
    return lines


def _grouped(path: Path, problems: list[tuple[int, str]], total: int) -> list[str]:
    """One message per problem, naming every line that has it: a problem of every line (no
    model, a bad `--set`) is said once, not once per line."""
    lines_of: dict[str, list[int]] = {}
    for number, message in problems:
        lines_of.setdefault(message, []).append(number)
    said = []
    for message, numbers in lines_of.items():
        if len(numbers) == total > 1:
            said.append(f"{path}: all {total} lines: {message}")
        else:
            said.append(f"{path}:{_ranges(numbers)}: {message}")
    return said


def _ranges(numbers: list[int]) -> str:
    """`1-3, 7`: runs of consecutive line numbers."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def _parse(content: str) -> dict[str, Any]:
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, got {type(data).__name__}")  # noqa: TRY004
    return data


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe summary of a prompt: `A red fox!` -> `a-red-fox`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "video"


@attrs.define
class Outcome:
    """What happened to one line: a record of `results.jsonl`."""

    line: int
    prompt: str | None
    model: str
    generation_id: str | None = None
    # completed | failed | timed_out | not_found | pending. `failed` is final when the server
    # said so (`--retry-failed` sends the line again); `timed_out` and `not_found` are not:
    # the generation may go on, and a re-run tracks it again.
    status: str = "pending"
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
            "status": self.status,
            "path": path,
            "error": self.error,
            "resumed": self.resumed,
            "cost": None if self.cost is None else attrs.asdict(self.cost),
            "timings": {
                "submitted_at": self.submitted_at,
                "finished_at": self.finished_at,
                "downloaded_at": self.downloaded_at,
                "generation_seconds": _span(self.submitted_at, self.finished_at),
            },
        }


def _span(start: float | None, end: float | None) -> float | None:
    return None if start is None or end is None else round(end - start, 3)


def write_manifest(out: Path, outcomes: list[Outcome]) -> Path:
    """Write `results.jsonl` atomically: one record per input line, in line order.

    Paths are relative to `out`, the manifest's own folder: they read the same whatever the
    working directory of the run and however `--out` was spelled (the journal keeps absolute
    ones), and they still hold when the folder is moved, copied or served.
    """
    records = (outcome.record(out) for outcome in sorted(outcomes, key=lambda o: o.line))
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    return _write_atomically(out / MANIFEST_NAME, text)


def write_gallery(out: Path, outcomes: list[Outcome]) -> Path:
    """Write `index.html` atomically: the batch's page, beside its videos (see `_gallery`)."""
    return _write_atomically(out / GALLERY_NAME, render(outcomes, out))


def _write_atomically(target: Path, text: str) -> Path:
    """Write `text` to a temporary file beside `target`, then rename it into place: a reader
    sees the old file or the new one, never half of one."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")  # two runs may write
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
    return target


@attrs.define
class Batch:
    """One run over the lines; see `run_batch`."""

    client: Client
    journal: Journal
    out: Path
    report: Callable[[int, str, str], None]
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
    # Set by `stop()`: no line is submitted after that.
    stopping: bool = False
    # Set when the client's spend limit refused a submit: no line is submitted after that.
    spend_capped: str | None = None
    # Under a spend limit: the first line of each model whose price is unknown, and the event
    # the model's other lines wait for (see `_price_known`).
    _probes: dict[str, anyio.Event] = attrs.field(factory=dict)
    _probe_lines: dict[int, str] = attrs.field(factory=dict)
    _scope: anyio.CancelScope | None = None
    # Set when the journal could not be written: no line is submitted after that.
    halted: str | None = None
    # Set when a submit never reached the server, retries spent: the other lines would fail
    # the same way, so none is submitted after that (those not sent stay pending).
    unreachable: str | None = None
    # (line, generation id) accepted and billed but not in the journal.
    unrecorded: list[tuple[int, str]] = attrs.field(factory=list)
    # What this run's lines cost, as the API reported it to this run; a cost an earlier run
    # journaled is not counted again (the client counts a generation it tracks again anew).
    spent: Cost = attrs.field(factory=lambda: Cost(credits=0, usd=0.0))

    async def run(self, lines: list[Line]) -> None:
        in_flight = anyio.Semaphore(self.max_in_flight)
        downloads = anyio.Semaphore(self.max_downloads)
        for entry in self.journal.entries():  # prices earlier runs paid, for the spend limit
            if entry.cost_usd is not None and entry.cost_usd > 0:
                self.client.expect_cost(entry.model, entry.cost_usd)
        with anyio.CancelScope() as self._scope:
            if not self.stopping:
                await self._settle()
            async with anyio.create_task_group() as tg:
                await self._start(lines, tg, in_flight, downloads)

    async def stop(self, grace: float) -> int:
        """Stop submitting, give POSTs already sent `grace` seconds to answer, then stop.

        Returns:
            How many POSTs were abandoned unanswered (each may be billed; their rows stay
            unsettled, for the next run to look up in the usage logs).
        """
        self.stopping = True
        left = await self.client.drain(timeout=grace)
        if self._scope is not None:
            self._scope.cancel()
        return left

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
            outcome = self.outcomes[line.number] = Outcome(
                line.number, line.request.prompt, line.request.model
            )
            entry = self.journal.get(line.key, line.request)
            if entry is not None and entry.cost is not None:  # reported to an earlier run
                outcome.cost, outcome.paid_earlier = entry.cost, True
            if entry is not None and self._already_done(entry, line, outcome):
                continue
            outcome.resumed = entry is not None and entry.generation_id is not None
            if self.spend_capped is not None and not outcome.resumed:
                # Past the limit no line is sent; those already sent are still tracked.
                self.report(line.number, "held", "not submitted: the --max-spend limit is reached")
                continue
            await self._price_known(line, entry)
            await in_flight.acquire()  # lazily: never more than N generations pending
            if self._stopped:
                in_flight.release()
                break
            # A limit reached meanwhile is the client's to enforce: it refuses the submit
            # before any POST, and `_submit` holds the line.
            tg.start_soon(self._one, line, outcome, in_flight, downloads)

    @property
    def _stopped(self) -> bool:
        """A journal failure, a stop, or a server that cannot be reached: no line is started
        from now on (the spend limit stops only the lines that need a POST)."""
        return self.halted is not None or self.stopping or self.unreachable is not None

    async def _price_known(self, line: Line, entry: Entry | None) -> None:
        """Under a spend limit, send one line of a model whose price is unknown, alone.

        The API tells a generation's cost once it completes, and the client counts pending
        generations at their model's last price: without this, a whole first wave would be
        sent before any price was known, past the limit.
        """
        model = line.request.model
        if (
            not self.client.spend_limited
            or self.client.expected_cost(model) is not None
            or (entry is not None and entry.generation_id is not None)  # tracked, not sent
        ):
            return
        probe = self._probes.get(model)
        if probe is None:
            self._probes[model] = anyio.Event()  # this line is the probe: set when it ends
            self._probe_lines[line.number] = model
            return
        await probe.wait()

    def _already_done(self, entry: Entry, line: Line, outcome: Outcome) -> bool:
        outcome.generation_id = entry.generation_id
        _take_times(outcome, entry)
        if entry.state == DOWNLOADED and entry.path and Path(entry.path).is_file():
            outcome.status, outcome.path, outcome.resumed = "completed", entry.path, True
            self.report(line.number, "done", f"{entry.path} (already downloaded)")
            return True
        if entry.state == FAILED and not self.retry_failed:
            outcome.status, outcome.error, outcome.resumed = "failed", entry.error, True
            self.report(line.number, "failed", f"{entry.error} (earlier run; --retry-failed)")
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
                describe=f"line {number} ({(line.request.prompt or '')[:30]!r})",
            )
        except (AuthenticationError, PermissionDeniedError):
            raise  # every other line would fail the same way: stop the batch
        except UnsettledSubmitError as exc:
            # Its earlier submit may be billed: not sent again until settled.
            outcome.error = _unsettled(exc.entry, self.settle_window)
            self.report(number, "held", outcome.error)
            return None
        except ConfigurationError as exc:
            if not self.stopping:
                self._failed(outcome, f"submit failed: {exc}")
                return None
            self.report(number, "held", "not submitted (the batch is stopping)")
            return None
        except SpendLimitError as exc:
            # Nothing was sent: the line stays pending, for a run with a higher limit.
            self.spend_capped = str(exc)
            self.report(number, "held", "not submitted: the --max-spend limit is reached")
            return None
        except JournalWriteError as exc:
            self.halted = str(exc)
            if exc.job is None:  # before the POST: nothing was sent for this line
                self._failed(outcome, f"not submitted: {exc}")
                return None
            self.unrecorded.append((number, exc.job.id))
            outcome.generation_id = exc.job.id
            outcome.error = f"submitted as {exc.job.id}, not journaled: {exc}"
            self.report(number, "failed", outcome.error)
            return None  # the id is kept (logged, printed, in the manifest)
        except TransportError as exc:
            if exc.request_sent:  # may have been billed: the journal keeps it unsettled
                self._failed(outcome, f"submit failed: {exc}")
                return None
            self.unreachable = str(exc)  # never reached the server: nothing was sent
            self.report(number, "held", f"not submitted: {exc}")
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
            job = await self._submit(line, outcome)
            if job is None:
                return None
            outcome.generation_id = job.id
            outcome.submitted_at = outcome.submitted_at or time.time()
            self.report(
                number, "queued", f"{'resumed' if outcome.resumed else 'submitted'} {job.id}"
            )
            async for snapshot in job.updates():
                if classify(snapshot.status) is Phase.PENDING:
                    self.report(number, _pending_state(snapshot.status), snapshot.status)
            try:
                video = await job
            except GenerationFailedError as exc:
                outcome.finished_at = time.time()
                return self._failed(outcome, exc.error or exc.status)
            except GenerationTimeoutError as exc:
                outcome.status = "timed_out"
                outcome.error = f"{exc} (re-run to go on waiting)"
                self.report(number, "failed", outcome.error)
                return None
            except AiovideoError as exc:  # ended here, not by the server's word
                return self._unfinished(outcome, job.id, exc)
            finally:
                self._count(outcome, job.cost)
            outcome.finished_at = time.time()
        finally:
            in_flight.release()
            if (model := self._probe_lines.pop(number, None)) is not None:
                self._probes[model].set()
        async with downloads:
            path = await self._download(line, job.id, video)
        if path is None:
            return None
        outcome.status, outcome.path, outcome.error = "completed", str(path), None
        self.report(number, "done", str(path))
        return None

    def _unfinished(self, outcome: Outcome, generation_id: str, exc: AiovideoError) -> None:
        """The line's tracking ended without the server's word (404s past the window, a closed
        client, unreadable replies): the journal still holds the id, so a re-run tracks it
        again and `--retry-failed` does not pay for it again."""
        again = "re-run the same command to track it again (it is not submitted again)"
        if isinstance(exc, NotFoundError):
            outcome.status = "not_found"
            outcome.error = (
                f"the server answered 404 for generation {generation_id} until this run gave "
                f"up; it may still exist: {again}"
            )
            self.report(outcome.line, "failed", outcome.error)
            return None
        return self._failed(outcome, f"{exc}; {again}")

    async def _download(self, line: Line, generation_id: str, video: Any) -> Path | None:
        """Download the line's video, unless another run on the journal is doing it."""
        number, outcome = line.number, self.outcomes[line.number]
        try:
            while not self.journal.claim_download(generation_id):
                # Another run downloads this very file: wait for its word in the journal.
                self.report(number, "downloading", "by another run")
                await anyio.sleep(self.journal.poll_interval)
                entry = self.journal.by_id(generation_id)
                if entry is None or entry.state != DOWNLOADED or not entry.path:
                    continue
                if os.path.isfile(entry.path):  # noqa: ASYNC240  (one stat)
                    _take_times(outcome, entry)
                    return Path(entry.path)
        except JournalWriteError as exc:
            self.halted = str(exc)
            self._failed(outcome, f"download not started (re-run to resume): {exc}")
            return None
        self.report(number, "downloading", video.url)
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
            self.halted = str(exc)
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
        outcome.status, outcome.error = "failed", error
        self.report(outcome.line, "failed", error)

    def _count(self, outcome: Outcome, cost: Cost | None) -> None:
        """The cost the API reported for the line's generation, once it ended."""
        if cost is None:
            return  # not reported (failed, or stopped): a journaled cost stays
        outcome.cost = cost
        if outcome.paid_earlier:
            return  # an earlier run's: the client counted it again, this run does not
        self.spent = total_cost((self.spent, cost))
        if self.on_spent is not None:
            self.on_spent(self.spent)


def _unsettled(entry: Entry, window: float) -> str:
    """Why a line is held: its earlier submit lost its reply and is not settled yet."""
    sent = entry.updated_at or time.time()
    after = time.strftime("%H:%M", time.localtime(sent + window))
    return (
        f"an earlier submit (request id {entry.client_request_id}) lost its reply and is not "
        f"in the usage logs yet: not sent again, as it may be billed; re-run to settle it (by "
        f"{after} at the latest it is sent again if still missing), or pass --resend-unsettled"
    )


def _take_times(outcome: Outcome, entry: Entry) -> None:
    """The journal's times of the row, where it has them."""
    outcome.submitted_at = entry.submitted_at or outcome.submitted_at
    outcome.finished_at = entry.finished_at or outcome.finished_at
    outcome.downloaded_at = entry.downloaded_at or outcome.downloaded_at


def _pending_state(status: str) -> str:
    return "queued" if status in ("queued", "waiting", "pending", "submitting") else "generating"


def check_writable(out: Path) -> None:
    """Make `out` and prove a file can be written there, before anything is paid for.

    Raises:
        ConfigurationError: it cannot be made or written to.
    """
    probe = out / f".aiovideo-probe-{os.getpid()}"
    try:
        out.mkdir(parents=True, exist_ok=True)
        with probe.open("wb") as handle:
            handle.write(b"ok")
        probe.unlink()
    except OSError as exc:
        raise ConfigurationError(
            f"cannot write to the output folder {out}: {exc}; nothing was submitted"
        ) from exc


async def run_batch(batch: Batch, lines: list[Line]) -> list[Outcome]:
    """Run every line; always writes `results.jsonl` and `index.html`, even when interrupted."""
    check_writable(batch.out)
    try:
        await batch.run(lines)
    finally:
        for line in lines:  # lines never reached (interrupted) are pending
            batch.outcomes.setdefault(
                line.number, Outcome(line.number, line.request.prompt, line.request.model)
            )
        outcomes = list(batch.outcomes.values())
        write_manifest(batch.out, outcomes)
        write_gallery(batch.out, outcomes)
    return [batch.outcomes[line.number] for line in lines]
