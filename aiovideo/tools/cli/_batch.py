"""`aiovideo batch`: a prompts file into one video per line, resumably, in steps: read and check
the lines, choose the journal, run the batch under its progress display and Ctrl-C handling,
and say what it made, what it spent and what is left."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import click

from aiovideo.core import (
    AuthenticationError,
    Client,
    PermissionDeniedError,
    money,
    to_usd,
    usd_text,
)
from aiovideo.tools.batch import (
    GALLERY_NAME,
    JOURNAL_NAME,
    MANIFEST_NAME,
    Batch,
    BatchInputError,
    Line,
    LineState,
    Outcome,
    PlainReporter,
    RichReporter,
    StopReason,
    make_reporter,
    printable,
    ranges,
    read_lines,
    run_batch,
    when,
)
from aiovideo.tools.cli._common import (
    EMULATOR_MODEL,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    POSITIVE,
    check_server,
    error,
    open_client,
    parse_sets,
    report_error,
    run,
    server_options,
)
from aiovideo.tools.cli._stopper import Stopper
from aiovideo.tools.journal import SETTLE_WINDOW, Journal

__all__ = ["batch"]

# The Journal's default lease, seconds.
LEASE = 120.0

# The client's default: how long a reply may take, and so how long a gentle stop waits for
# the replies of submits already sent.
REQUEST_TIMEOUT = 60.0


# The largest limit taken: sums past it overflow Decimal's context (1e1000000), and no account
# holds it.
_MOST_USD = Decimal(10) ** 15


def _amount(text: str) -> Decimal:
    """`--max-spend`: a positive amount of USD, read exactly from its text (`0.10` is
    `Decimal("0.10")`; no float in between)."""
    amount = None
    with contextlib.suppress(ValueError, ArithmeticError):  # 1e1000000: past Decimal's range
        amount = to_usd(text)  # plain ASCII decimals only, never `1_000` or `NaN`
    if amount is None or not amount.is_finite() or not 0 < amount <= _MOST_USD:
        raise click.BadParameter(
            f"{text!r} is not a positive amount of USD of at most 1e15 (e.g. 2.50)"
        )
    return amount


@attrs.frozen(kw_only=True)
class _Settings:
    """The options of one `aiovideo batch` run, checked."""

    out: Path
    journal: str | Path
    emulator: bool
    base_url: str | None
    client_options: dict[str, Any]
    max_spend: Decimal | None
    max_in_flight: int
    timeout: float | None
    retry_failed: bool
    resend_unsettled: bool
    settle_window: float
    lease: float


# `batch` runs past 60 lines only in its signature (click passes each of its 17 options)
# and its docstring (the command's --help); its body is the steps below it.
@click.command()
@click.argument("prompts", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--model", "-m", default=None, help="Model id for lines that name none (JSONL lines may)."
)
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the videos, results.jsonl and the journal.",
)
@click.option(
    "--journal",
    # A string, handed to Journal() as it is: click.Path would mangle `sqlite:///x` and URLs.
    default=None,
    metavar="FILE|URL",
    help=f"Journal to resume from: a SQLite file [default: OUT/{JOURNAL_NAME}], or a "
    "PostgreSQL URL (postgresql://user@host/db) that several runs, on several hosts, share.",
)
@click.option(
    "--max-in-flight",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Generations pending at once.",
)
@click.option("--poll-interval", type=POSITIVE, default=None, help="Seconds between checks.")
@click.option("--timeout", type=POSITIVE, default=None, help="Per-generation deadline, seconds.")
@click.option("--rps", type=POSITIVE, default=None, help="Requests per second at most.")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="A field for every line.")
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Submit again lines the server said failed (never a 404 or a timeout: re-runs track "
    "those again).",
)
@click.option(
    "--resend-unsettled",
    is_flag=True,
    help="Send again lines whose earlier submit lost its reply and is not in the usage logs "
    "yet (it may be billed: this can pay twice).",
)
@click.option(
    "--settle-window",
    type=click.FloatRange(min=0),
    default=SETTLE_WINDOW,
    show_default=True,
    help="Seconds after which a lost submit still missing from the usage logs is taken as "
    "never accepted, and sent again.",
)
@click.option(
    "--lease",
    type=POSITIVE,
    default=LEASE,
    show_default=True,
    help="Seconds a run holds the lines it works on without renewing them (it renews them "
    "every third of that): runs sharing a --journal take over a killed run's lines after it.",
)
@server_options
@click.option(
    "--max-spend",
    type=_amount,
    default=None,
    metavar="USD",
    help="Stop submitting new lines once the batch has spent (or expects to spend) this much; "
    "the rest stay pending for a re-run with a higher limit.",
)
@click.option(
    "--strict-models",
    is_flag=True,
    help="Refuse a line whose model the model table does not know (by default such a model "
    "is sent as newer than the table, with a warning).",
)
@click.option(
    "--not-found-window",
    type=POSITIVE,
    default=None,
    hidden=True,  # for tests: how long a generation may answer 404 before the run stops waiting
)
def batch(
    prompts: Path,
    model: str | None,
    out: Path,
    journal: str | None,
    max_in_flight: int,
    poll_interval: float | None,
    timeout: float | None,
    rps: float | None,
    sets: tuple[str, ...],
    retry_failed: bool,
    resend_unsettled: bool,
    settle_window: float,
    lease: float,
    emulator: bool,
    base_url: str | None,
    max_spend: Decimal | None,
    strict_models: bool,
    not_found_window: float | None,
) -> None:
    """Generate one video per line of PROMPTS into OUT, resumably.

    PROMPTS is a text file (one prompt a line) or JSON Lines (one request object a line, its
    "model" overriding --model); blank lines and # comments are skipped. Every line is checked
    before anything is sent.

    Videos land in OUT/<line>-<slug>-<digest>.mp4 (e.g. 007-a-red-fox-1a2b3c4d.mp4: the line
    number padded to sort in ls order, a slug of the prompt, a digest of the line's request),
    so editing or moving lines never writes one video over another, and a file that is not
    the line's own is never replaced (-2, -3, ... is added). A record per line goes to
    OUT/results.jsonl, its paths relative to OUT.

    Re-running the same command resumes: known generations are tracked again (also those that
    answered 404 or timed out), finished files are kept, and no line is ever submitted twice.

    With --journal postgresql://..., the same command started several times (on one host or
    many) shares the lines: each is submitted by one run and downloaded by one run, into that
    run's OUT; every run's manifest lists every line, wherever its video was saved.

    Ctrl-C (or SIGTERM) stops sending new lines and waits for the replies of submits
    already sent, so their ids are saved; a second Ctrl-C aborts at once. A submit whose
    reply was lost is looked up in the usage logs by the next run before it is sent again.

    Exit status: 0 all succeeded, 1 some failed, 2 bad input, 130 interrupted.
    """
    check_server(emulator, base_url)
    if model is None and emulator:
        model = EMULATOR_MODEL
    lines = _read(prompts, model, sets, strict_models=strict_models)
    journal_path = _journal_path(out, journal)
    options = _client_options(
        rate_limit=rps,
        poll_interval=poll_interval,
        not_found_window=not_found_window,
        max_spend_usd=max_spend,
    ) | {"strict_models": strict_models}
    if not emulator:
        Client(base_url=base_url, **options)  # the key and options, before any file
    settings = _Settings(
        out=out,
        journal=journal_path,
        emulator=emulator,
        base_url=base_url,
        client_options=options,
        max_spend=max_spend,
        max_in_flight=max_in_flight,
        timeout=timeout,
        retry_failed=retry_failed,
        resend_unsettled=resend_unsettled,
        # The in-process emulator starts empty each run: a submit it never saw was never
        # accepted, so there is nothing to wait for in its usage logs.
        settle_window=0.0 if emulator else settle_window,
        lease=lease,
    )
    sys.exit(run(_execute(settings, lines)))


def _read(
    prompts: Path, model: str | None, sets: tuple[str, ...], *, strict_models: bool
) -> list[Line]:
    """The checked lines; a bad line ends the command (exit status 2), nothing sent."""
    try:
        return read_lines(
            prompts, model=model, fields=parse_sets(sets), strict_models=strict_models
        )
    except BatchInputError as exc:
        for problem in exc.problems:
            error(problem)  # escaped: a problem quotes the input file
        click.echo("nothing was submitted", err=True)
        sys.exit(EXIT_USAGE)


def _journal_path(out: Path, journal: str | None) -> str | Path:
    """`--journal` as given (a file or a URL), else the one in OUT; a symbolic link there
    ends the command."""
    if journal is not None:
        return journal
    journal_path = out / JOURNAL_NAME
    if journal_path.is_symlink():
        # Planted in the out folder, a link would make the run write a database elsewhere.
        error(f"{journal_path} is a symbolic link: refusing it (give --journal FILE to choose)")
        sys.exit(EXIT_USAGE)
    return journal_path


def _client_options(**given: float | Decimal | None) -> dict[str, Any]:
    """The batch's Client options: those given (None: the Client's default), no deadline."""
    return {"timeout": None} | {name: value for name, value in given.items() if value is not None}


async def _execute(settings: _Settings, lines: list[Line]) -> int:
    """Run the batch with its journal, its progress display and its Ctrl-C handling.

    Returns:
        The command's exit status.
    """
    names = {line.number: line.label for line in lines}  # how failures name their lines
    stopper = Stopper(grace=REQUEST_TIMEOUT)
    outcomes: list[Outcome] = []
    denied: BaseException | None = None
    with (
        Journal(settings.journal, lease=settings.lease) as book,
        make_reporter(len(lines), names=names) as report,
        stopper.installed(),
    ):
        spend_left, capped = _spend_left(book, settings.max_spend)
        try:
            try:
                outcomes = await _run(settings, lines, book, report, stopper, spend_left, capped)
            except* (AuthenticationError, PermissionDeniedError) as group:
                denied = group.exceptions[0]
        except asyncio.CancelledError:
            _interrupted(book, stopper, aborted=True)
            raise
        ran = stopper.batch
        if ran is not None and ran.stop_reason is StopReason.INTERRUPTED:
            _interrupted(book, stopper, aborted=False)
            return EXIT_INTERRUPTED
    if denied is not None:
        return report_error(denied)
    assert ran is not None
    return _last_words(ran, outcomes, names, settings.out)


async def _run(
    settings: _Settings,
    lines: list[Line],
    book: Journal,
    report: PlainReporter | RichReporter,
    stopper: Stopper,
    spend_left: Decimal | None,
    capped: str | None,
) -> list[Outcome]:
    """The batch itself, on a client that may spend `spend_left` (`capped`: why not a cent).

    Returns:
        Each line's Outcome.
    """
    options = settings.client_options | {"max_spend_usd": spend_left}
    async with open_client(settings.emulator, settings.base_url, **options) as client:
        ran = stopper.batch = Batch(
            client,
            book,
            settings.out,
            report,
            note=lambda text: click.echo(printable(text), err=True),  # notes quote servers
            on_spent=report.show_spent,
            max_in_flight=settings.max_in_flight,
            timeout=settings.timeout,
            retry_failed=settings.retry_failed,
            resend_unsettled=settings.resend_unsettled,
            settle_window=settings.settle_window,
        )
        if capped is not None:
            ran.stop_for(StopReason.SPEND_LIMIT, capped)
        return await run_batch(ran, lines)


def _spend_left(book: Journal, max_spend: Decimal | None) -> tuple[Decimal | None, str | None]:
    """The client's spend limit for this run, and why none is left (None: some is).

    `--max-spend` is the batch's limit over all its runs: what earlier runs spent (the costs in
    its journal) counts, so re-running with the same limit never spends it again. A generation
    an earlier run paid for and this run tracks again is counted again by the client: the
    limit errs on stopping early. Exact: the limit is read from its text, the costs are
    `Decimal`s.
    """
    if max_spend is None:
        return None, None
    earlier = book.spent().usd or Decimal(0)  # a generation of two lines counts once
    if earlier >= max_spend:
        return None, f"earlier runs of this batch spent {usd_text(earlier)} USD"
    return max_spend - earlier, None


def _interrupted(book: Journal, stopper: Stopper, *, aborted: bool) -> None:
    """Say what an interrupted batch saved, what it spent, and what it may have cost."""
    entries = book.entries()
    saved = sum(1 for entry in entries if entry.generation_id)
    # What the API reported for this run's generations so far (a submit reply states it).
    spent = "" if stopper.batch is None else f"; spent {money(stopper.batch.spent)} this run"
    click.echo(
        # The journal's name: its file, or its URL without the password.
        f"\n{'aborted' if aborted else 'stopped'}: {saved} generation ids are saved in "
        f"{book.name}{spent}",
        err=True,
    )
    abandoned = stopper.abandoned
    if abandoned:
        click.echo(
            f"{abandoned} submits were abandoned before their reply: they may have been "
            "accepted and billed. Their request ids are in the journal: the next run looks "
            "them up in the usage logs and adopts them, and sends none of them again while "
            "the logs cannot tell",
            err=True,
        )
        click.echo("run the same command again to resume", err=True)
    else:
        click.echo("run the same command again to resume: no line is submitted twice", err=True)


def _last_words(ran: Batch, outcomes: list[Outcome], names: dict[int, str], out: Path) -> int:
    """What a batch that ran to its end says (why it stopped early, if it did).

    Returns:
        The command's exit status.
    """
    if ran.stop_reason is StopReason.JOURNAL:
        error(f"the journal stopped the batch: {ran.stops[StopReason.JOURNAL]}")
        for number, generation_id in ran.unrecorded:
            error(
                f"{names[number]} was submitted as {generation_id}, which the journal "
                "does not hold: keep this id (`aiovideo status ID`)"
            )
        _saved(outcomes, names)
        click.echo("lines not yet submitted were left for a later run", err=True)
        return EXIT_FAILED
    if ran.output_error is not None:
        error(f"the manifest and page could not be written: {ran.output_error}")
        _saved(outcomes, names)
        return EXIT_FAILED
    code = _summary(ran, outcomes, out)
    if ran.stop_reason is StopReason.UNREACHABLE:
        error(
            f"cannot reach the API ({ran.stops[StopReason.UNREACHABLE]}): the lines not "
            "submitted were left for a later run"
        )
        return EXIT_USAGE
    return code


def _held(held_until: dict[int, float]) -> str:
    """What the lines held by lost submits come to, in two lines: how many, until when at the
    latest, which, and what to do."""
    many = "s" if len(held_until) > 1 else ""
    return (
        f"{len(held_until)} line{many} held until {when(max(held_until.values()))} "
        f"(lost submits, maybe billed): line{many} {ranges(sorted(held_until))}\n"
        "re-run to settle them from the usage logs; --resend-unsettled sends them now (may pay "
        "twice)"
    )


def _saved(outcomes: list[Outcome], names: dict[int, str]) -> None:
    """What the run saved, when its journal or manifest may not say it: every generation id
    it received (each may be billed) and every video file written."""
    received = [o for o in outcomes if o.generation_id]
    files = [o for o in outcomes if o.path]
    click.echo(
        f"saved: {len(received)} generation ids received, {len(files)} videos written",
        err=True,
    )
    for outcome in received:
        where = f" -> {printable(outcome.path)}" if outcome.path else ""
        click.echo(
            f"  {names[outcome.line]}: {printable(outcome.generation_id or '')}{where}",
            err=True,
        )


def _summary(ran: Batch, outcomes: list[Outcome], out: Path) -> int:
    """The batch's last words: what it made, what it spent, where to see it; its exit status."""
    completed = sum(1 for o in outcomes if o.status is LineState.COMPLETED)
    capped = ran.stops.get(StopReason.SPEND_LIMIT)
    left = sum(1 for o in outcomes if o.status is LineState.PENDING and not o.generation_id)
    if capped is not None and left:  # a limit reached with every line done stopped nothing
        click.echo(
            f"the --max-spend limit stopped the batch: {left} lines not submitted, left for a "
            f"re-run with a higher --max-spend, which counts every run of this batch "
            f"({capped})",
            err=True,
        )
    if ran.held_until:
        click.echo(_held(ran.held_until), err=True)
    click.echo(
        f"{completed}/{len(outcomes)} videos in {out}; spent {money(ran.spent)} this run; "
        f"manifest {out / MANIFEST_NAME}",
        err=True,
    )
    click.echo(f"gallery: {out / GALLERY_NAME}", err=True)  # last: where to look
    return EXIT_OK if completed == len(outcomes) else EXIT_FAILED
