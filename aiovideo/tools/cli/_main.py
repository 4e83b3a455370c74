"""The `aiovideo` command line: a thin layer over the public API (and the journal).

Every error is one `error: ...` line on stderr, never a traceback, and an exit status:
0 all succeeded, 1 some generations failed, 2 bad usage or invalid input, 130 interrupted.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import anyio
import click

from aiovideo import core
from aiovideo.core import (
    AiovideoError,
    AuthenticationError,
    PermissionDeniedError,
    ValidationError,
    money,
    source,
    suggest_model,
    total_cost,
)
from aiovideo.tools.batch._gallery import GALLERY_NAME
from aiovideo.tools.batch._progress import make_reporter, printable
from aiovideo.tools.batch._run import (
    JOURNAL_NAME,
    MANIFEST_NAME,
    Batch,
    BatchInputError,
    Outcome,
    read_lines,
    run_batch,
)
from aiovideo.tools.journal import SETTLE_WINDOW, Journal

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_STATUS = (
    "Exit status: 0 all succeeded; 1 some generations failed (a failure status, a timeout, a "
    "video that could not be saved); 2 bad usage or invalid input (a bad option or request, "
    "no API key, a bad base URL, an unknown generation id, a key the API refuses, a server "
    "that cannot be reached or whose reply cannot be read); 130 interrupted. Every error is "
    "one line on stderr, starting with 'error:'."
)
POSITIVE = click.FloatRange(min=0, min_open=True)
_KEY_VARS = ("AIMLAPI_API_KEY", "AIML_API_KEY")

Command = TypeVar("Command", bound=Callable[..., Any])


def _error(message: str) -> None:
    """Say `error: message` on one line of stderr.

    The library never puts the key in a message; the key of the environment is masked here
    all the same, for a message from outside it (an unexpected error).
    """
    line = printable(message)
    for name in _KEY_VARS:
        key = os.environ.get(name, "")
        if len(key) >= 8:  # a shorter "key" would mask ordinary words
            line = line.replace(key, "***")
    click.echo(f"error: {line}", err=True)


def _explain(exc: BaseException) -> tuple[str, int]:
    """What a command that failed says, and its exit status."""
    match exc:
        case core.AuthenticationError():
            return f"the API refused the key ({exc}); check AIMLAPI_API_KEY", EXIT_USAGE
        case core.PermissionDeniedError():
            return f"the API refused the request ({exc}); out of credits?", EXIT_USAGE
        case core.APIStatusError():
            return f"the API answered {exc}", EXIT_USAGE
        case core.TransportError(request_sent=True):
            return f"{exc} (the server may have received the request)", EXIT_USAGE
        case core.ResponseFormatError():
            return f"the API's reply cannot be read: {exc}", EXIT_USAGE
        case core.AiovideoError() | OSError():  # OSError: the disk, or a port in use
            return str(exc), EXIT_USAGE
        case _:
            return f"unexpected {type(exc).__name__}: {exc} (a bug in aiovideo)", EXIT_FAILED


def _report(exc: BaseException) -> int:
    """Say what stopped a command, on one line; return its exit status."""
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]  # a task group's wrapping
    message, code = _explain(exc)
    _error(message)
    return code


def _parse_sets(pairs: tuple[str, ...], option: str = "--set") -> dict[str, Any]:
    """`key=value` pairs; values are read as JSON when they parse, else as strings."""
    fields: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected key=value, got {pair!r}", param_hint=option)
        try:
            fields[key] = json.loads(raw)
        except ValueError:
            fields[key] = raw
    return fields


def _server_options(command: Command) -> Command:
    """`--emulator` and `--base-url`, the same on every command that talks to the API."""
    command = click.option(
        "--base-url",
        metavar="URL",
        default=None,
        help="The API root [default: AIMLAPI_BASE_URL, else https://api.aimlapi.com].",
    )(command)
    return click.option(
        "--emulator", is_flag=True, help="Run against an in-process emulator (no key needed)."
    )(command)


def _check_server(emulator: bool, base_url: str | None) -> None:
    if emulator and base_url is not None:
        raise click.UsageError("--emulator and --base-url exclude each other")


@contextlib.asynccontextmanager
async def open_client(
    emulator: bool, base_url: str | None = None, **options: Any
) -> AsyncIterator[core.Client]:
    """A client of `base_url`, or of an in-process emulator when asked (no key needed then).

    The emulator answers a status check of an id of its own form (`uuid:model`) that it
    never issued as if it had just been submitted (so that a re-run can show a resume, and
    `aiovideo status ID --emulator` has something to show); any other unknown id is 404.
    """
    if not emulator:
        async with core.Client(base_url=base_url, **options) as client:
            yield client
        return
    from aiovideo.testing._server import Emulator, EmulatorConfig  # noqa: PLC0415

    config = EmulatorConfig(min_seconds=1.0, max_seconds=3.0, adopt_unknown_ids=True)
    async with Emulator(config) as emu:
        options.setdefault("poll_interval", 0.5)
        async with core.Client(api_key="emulator", base_url=emu.base_url, **options) as client:
            yield client


def _run(coro: Coroutine[Any, Any, int]) -> int:
    """Run a command's coroutine; its exit status (an error is said by `_Commands.main`)."""
    try:
        return asyncio.run(coro)
    except (KeyboardInterrupt, asyncio.CancelledError):  # Ctrl-C, or SIGTERM (see batch)
        click.echo("interrupted", err=True)
        return EXIT_INTERRUPTED


class _Says(logging.Formatter):
    """`warning: ...`: a log record as the command's other messages read."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


class _Commands(click.Group):
    """The command group: a usage error is one `error: ...` line too, exit status 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        run = functools.partial(super().main, args, prog_name, complete_var, **extra)
        if not standalone_mode:
            return run(standalone_mode=False)
        try:
            code: Any = run(standalone_mode=False)
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()  # `aiovideo` alone: the help, as click gives it
            sys.exit(EXIT_USAGE)
        except click.UsageError as exc:
            where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            if isinstance(exc, click.NoSuchOption) and exc.ctx is not None:
                # Some providers' ids (21-character nanoids) start with `-`.
                where += f"; an id that starts with '-' goes after '--': {exc.ctx.command_path}"
                where += " [OPTIONS] -- ID"
            _error(exc.format_message() + where)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            _error(exc.format_message())
            sys.exit(EXIT_USAGE)
        except click.Abort:  # Ctrl-C outside a command's own handling
            click.echo("interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:  # whatever stopped a command: one line, never a traceback
            sys.exit(_report(exc))
        sys.exit(code if isinstance(code, int) else EXIT_OK)


@click.group(
    cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_STATUS
)
@click.version_option(package_name="aiovideo")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Generate videos with the AI/ML API (Veo and every other model)."""
    # The library logs warnings (a submit sent again, an id the journal could not record)
    # to the `aiovideo` logger, which has only a NullHandler: here they go to stderr.
    logger = logging.getLogger("aiovideo")
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_Says())
    logger.addHandler(handler)
    ctx.call_on_close(lambda: logger.removeHandler(handler))


def _request_timeout(timeout: float | None) -> dict[str, Any]:
    """No request waits longer than the command's `--timeout` (the Client's default: 60 s)."""
    return {} if timeout is None else {"request_timeout": min(timeout, 60.0)}


@cli.command(epilog=EXIT_STATUS)
@click.argument("prompt")
@click.option("--model", "-m", required=True, help="Model id, e.g. google/veo3.")
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="KEY=VALUE",
    help="A request field, checked against the model's (`aiovideo models MODEL`).",
)
@click.option(
    "--extra",
    "extras",
    multiple=True,
    metavar="KEY=VALUE",
    help="A request field sent as given, past the model table (a field it does not know yet).",
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@_server_options
@click.option("--poll-interval", type=POSITIVE, default=None, help="Seconds between checks.")
@click.option(
    "--timeout",
    type=POSITIVE,
    default=None,
    help="Seconds to wait for the video before giving up (the generation goes on: "
    "`aiovideo status ID` tells how it ends); no request waits longer either.",
)
@click.option("--rps", type=POSITIVE, default=None, help="Requests per second at most.")
def generate(
    prompt: str,
    model: str,
    sets: tuple[str, ...],
    extras: tuple[str, ...],
    output: Path,
    emulator: bool,
    base_url: str | None,
    poll_interval: float | None,
    timeout: float | None,
    rps: float | None,
) -> None:
    """Generate one video from PROMPT into OUTPUT.

    Values of --set and --extra are read as JSON when they parse (8, true, ["a", "b"]),
    else as text.
    """
    _check_server(emulator, base_url)
    request = _build(model, prompt, _parse_sets(sets), _parse_sets(extras, "--extra"))
    try:
        output.parent.mkdir(parents=True, exist_ok=True)  # before anything is paid for
    except OSError as exc:
        raise click.BadParameter(f"cannot make its folder: {exc}", param_hint="-o") from None

    async def go() -> int:
        options: dict[str, Any] = {"timeout": timeout, "rate_limit": rps}
        if poll_interval is not None:
            options["poll_interval"] = poll_interval
        options |= _request_timeout(timeout)
        async with open_client(emulator, base_url, **options) as client:
            job = await client.submit(request)
            click.echo(f"submitted {printable(job.id)}", err=True)
            try:
                video = await job
            except AiovideoError as exc:
                _error(str(exc))
                return EXIT_FAILED
            try:
                path = await video.download(output)
            except (AiovideoError, OSError) as exc:
                _error(
                    f"generation {job.id} completed, but its video could not be saved to "
                    f"{output}: {exc} (`aiovideo status {job.id}` shows its URL)"
                )
                return EXIT_FAILED
            click.echo(str(path))
            return EXIT_OK

    sys.exit(_run(go()))


class _Stopper:
    """Ctrl-C and SIGTERM during a batch: the first stops it gently, the second aborts.

    Gently: no new line is submitted, and the submits already sent get `grace` seconds for
    their replies (each may be billed: its id must reach the journal). Aborting cancels
    everything at once; the submits still unanswered are counted in `abandoned`.
    """

    def __init__(self, grace: float) -> None:
        self.grace = grace
        self.batch: Batch | None = None
        self.abandoned = 0
        self._signals = 0
        self._task: asyncio.Task[Any] | None = None
        self._gentle: asyncio.Task[None] | None = None

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        self._task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self._on_signal)
        try:
            yield
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)
            if self._gentle is not None:
                self._gentle.cancel()

    def _on_signal(self) -> None:
        self._signals += 1
        batch, task = self.batch, self._task
        assert task is not None
        if batch is None or self._signals > 1:
            if batch is not None:
                self.abandoned = batch.client.submits_on_the_wire
            if self._gentle is not None:
                self._gentle.cancel()
            task.cancel()
            return
        sent = batch.client.submits_on_the_wire
        wait = (
            f"; waiting up to {self.grace:g} s for the replies of {sent} submits already sent "
            "(Ctrl-C again to abort now: they may be billed without their ids being saved)"
        )
        click.echo(f"\nstopping: no new lines are submitted{wait if sent else ''}", err=True)
        self._gentle = asyncio.get_running_loop().create_task(self._stop(batch))

    async def _stop(self, batch: Batch) -> None:
        self.abandoned = await batch.stop(self.grace)


def _interrupted(book: Journal, path: Path, abandoned: int, *, aborted: bool) -> None:
    """Say what an interrupted batch saved, and what (if anything) it may have cost."""
    entries = book.entries()
    saved = sum(1 for entry in entries if entry.generation_id)
    click.echo(
        f"\n{'aborted' if aborted else 'stopped'}: {saved} generation ids are saved in {path}",
        err=True,
    )
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


def _spend_left(book: Journal, max_spend: float | None) -> tuple[float | None, str | None]:
    """The client's spend limit for this run, and why none is left (None: some is).

    `--max-spend` is the batch's limit over all its runs: what earlier runs spent (the costs in
    its journal) counts, so re-running with the same limit never spends it again. A generation
    an earlier run paid for and this run tracks again is counted again by the client: the
    limit errs on stopping early.
    """
    if max_spend is None:
        return None, None
    earlier = total_cost(entry.cost for entry in book.entries()).usd or 0.0
    if earlier >= max_spend:
        return None, f"earlier runs of this batch spent {earlier:.2f} USD"
    return max_spend - earlier, None


def _summary(run: Batch, outcomes: list[Outcome], out: Path) -> int:
    """The batch's last words: what it made, what it spent, where to see it; its exit status."""
    completed = sum(1 for o in outcomes if o.status == "completed")
    if run.spend_capped is not None:
        left = sum(1 for o in outcomes if o.status == "pending" and not o.generation_id)
        click.echo(
            f"the --max-spend limit stopped the batch: {left} lines not submitted, left for a "
            f"re-run with a higher --max-spend, which counts every run of this batch "
            f"({run.spend_capped})",
            err=True,
        )
    click.echo(
        f"{completed}/{len(outcomes)} videos in {out}; spent {money(run.spent)} this run; "
        f"manifest {out / MANIFEST_NAME}",
        err=True,
    )
    click.echo(f"gallery: {out / GALLERY_NAME}", err=True)  # last: where to look
    return EXIT_OK if completed == len(outcomes) else EXIT_FAILED


def _client_options(**given: float | None) -> dict[str, Any]:
    """The batch's Client options: those given (None: the Client's default), no deadline."""
    return {"timeout": None} | {name: value for name, value in given.items() if value is not None}


def _build(
    model: str, prompt: str, fields: dict[str, Any], extra: dict[str, Any]
) -> core.VideoRequest:
    """The request of `generate`: `--set` fields checked, `--extra` fields sent as given."""
    try:
        return core.VideoRequest(model, prompt, extra_fields=extra or None, **fields)
    except ValidationError as exc:
        # The library names its escape hatch; on the command line it is --extra.
        unknown = exc.allowed.startswith("unknown field")
        _error(f"{exc}; on the command line: --extra {exc.field}=VALUE" if unknown else str(exc))
        sys.exit(EXIT_USAGE)


@cli.command()
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
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"SQLite journal to resume from [default: OUT/{JOURNAL_NAME}].",
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
@_server_options
@click.option(
    "--max-spend",
    type=POSITIVE,
    default=None,
    metavar="USD",
    help="Stop submitting new lines once the batch has spent (or expects to spend) this much; "
    "the rest stay pending for a re-run with a higher limit.",
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
    journal: Path | None,
    max_in_flight: int,
    poll_interval: float | None,
    timeout: float | None,
    rps: float | None,
    sets: tuple[str, ...],
    retry_failed: bool,
    resend_unsettled: bool,
    settle_window: float,
    emulator: bool,
    base_url: str | None,
    max_spend: float | None,
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

    Ctrl-C (or SIGTERM) stops sending new lines and waits for the replies of submits
    already sent, so their ids are saved; a second Ctrl-C aborts at once. A submit whose
    reply was lost is looked up in the usage logs by the next run before it is sent again.

    Exit status: 0 all succeeded, 1 some failed, 2 bad input, 130 interrupted.
    """
    _check_server(emulator, base_url)
    if model is None and emulator:
        model = "google/veo3"
    try:
        lines = read_lines(prompts, model=model, fields=_parse_sets(sets))
    except BatchInputError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo("nothing was submitted", err=True)
        sys.exit(EXIT_USAGE)
    journal_path = journal or out / JOURNAL_NAME
    if journal is None and journal_path.is_symlink():
        # Planted in the out folder, a link would make the run write a database elsewhere.
        _error(f"{journal_path} is a symbolic link: refusing it (give --journal FILE to choose)")
        sys.exit(EXIT_USAGE)
    names = {line.number: line.label for line in lines}  # how failures name their lines
    options = _client_options(
        rate_limit=rps,
        poll_interval=poll_interval,
        not_found_window=not_found_window,
        max_spend_usd=max_spend,
    )
    if not emulator:
        core.Client(base_url=base_url, **options)  # the key and options, before any file

    if emulator:
        # The in-process emulator starts empty each run: a submit it never saw was never
        # accepted, so there is nothing to wait for in its usage logs.
        settle_window = 0.0
    request_timeout = 60.0  # the client's default: how long a reply may take

    async def go() -> int:
        stopper = _Stopper(grace=request_timeout)
        run: Batch | None = None
        denied: BaseException | None = None
        with (
            Journal(journal_path) as book,
            make_reporter(len(lines), names=names) as report,
            stopper.installed(),
        ):
            options["max_spend_usd"], capped = _spend_left(book, max_spend)
            try:
                try:
                    async with open_client(emulator, base_url, **options) as client:
                        run = stopper.batch = Batch(
                            client,
                            book,
                            out,
                            report,
                            note=lambda text: click.echo(text, err=True),
                            on_spent=report.show_spent,
                            max_in_flight=max_in_flight,
                            timeout=timeout,
                            retry_failed=retry_failed,
                            resend_unsettled=resend_unsettled,
                            settle_window=settle_window,
                        )
                        run.spend_capped = capped
                        outcomes = await run_batch(run, lines)
                except* (AuthenticationError, PermissionDeniedError) as group:
                    denied = group.exceptions[0]
            except asyncio.CancelledError:
                _interrupted(book, journal_path, stopper.abandoned, aborted=True)
                raise
            if run is not None and run.stopping:
                _interrupted(book, journal_path, stopper.abandoned, aborted=False)
                return EXIT_INTERRUPTED
        if denied is not None:
            return _report(denied)
        assert run is not None
        if run.halted is not None:
            _error(f"the journal stopped the batch: {run.halted}")
            for number, generation_id in run.unrecorded:
                _error(
                    f"{names[number]} was submitted as {generation_id}, which the journal "
                    "does not hold: keep this id (`aiovideo status ID`)"
                )
            click.echo("lines not yet submitted were left for a later run", err=True)
            return EXIT_FAILED
        code = _summary(run, outcomes, out)
        if run.unreachable is not None:
            _error(
                f"cannot reach the API ({run.unreachable}): the lines not submitted were left "
                "for a later run"
            )
            return EXIT_USAGE
        return code

    sys.exit(_run(go()))


@cli.command(epilog=EXIT_STATUS)
@click.argument("generation_id")
@_server_options
@click.option(
    "--timeout",
    type=POSITIVE,
    default=None,
    help="Give up after this many seconds [default: once retries of a failed check are spent].",
)
def status(generation_id: str, emulator: bool, base_url: str | None, timeout: float | None) -> None:
    """One status check of GENERATION_ID, printed as JSON.

    With --emulator, an id of the emulator's own form (uuid:model) is answered as if just
    submitted; any other id is not found.
    """
    _check_server(emulator, base_url)

    async def go() -> int:
        async with open_client(emulator, base_url) as client:
            try:
                with anyio.fail_after(timeout):  # retries included
                    generation = await client.get(generation_id)
            except core.NotFoundError as exc:
                _error(f"generation {generation_id} not found ({exc})")
                return EXIT_USAGE
            except TimeoutError:
                _error(f"gave up after {timeout:g} s with no usable answer from {client.base_url}")
                return EXIT_USAGE
        click.echo(json.dumps(dict(generation.raw), indent=2))
        return EXIT_OK

    sys.exit(_run(go()))


@cli.command(name="models")
@click.argument("model", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of objects instead.")
def models_command(model: str | None, as_json: bool) -> None:
    """List the known models, or MODEL's fields (type, allowed values, default, required).

    Any other model id is sent unchecked; a known model's request is checked against these
    fields before anything is sent.
    """
    if model is None:
        chosen = core.models()
    else:
        info = core.model_info(model)
        if info is None:
            close = suggest_model(model)
            hint = f"; did you mean {close!r}?" if close else ""
            click.echo(
                f"error: unknown model {model!r}{hint} (`aiovideo models` lists them)", err=True
            )
            sys.exit(EXIT_USAGE)
        chosen = (info,)
    if as_json:
        click.echo(json.dumps([info.to_dict() for info in chosen], indent=2))
    elif model is None:
        width = max(len(info.id) for info in chosen)
        for info in chosen:
            click.echo(f"{info.id:<{width}}  {info.family}")
        origin = source()
        click.echo(
            f"{len(chosen)} models, from {origin['repository']}@{origin['commit'][:12]}",
            err=True,
        )
    else:
        click.echo(_model_text(chosen[0]))


def _model_text(info: core.ModelInfo) -> str:
    """A model's fields as a plain table: name, type, required, default, allowed."""
    paths = ", ".join((info.path, *(p for p in info.legacy_paths if p != info.path)))
    lines = [f"{info.id}  (family {info.family}; POST {paths})"]
    rows = [("field", "type", "required", "default", "allowed")]
    for field in info.fields.values():
        kind = field.type if field.media is None else f"{field.type} ({field.media} URL)"
        default = "" if field.default is None else json.dumps(field.default)
        allowed = field.describe().removeprefix("allowed: ")
        rows.append((field.name, kind, "yes" if field.required else "", default, allowed))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    lines += [f"send {group.describe()}" for group in info.alternatives]
    if not info.takes_prompt:
        lines.append("takes no prompt")
    return "\n".join(lines)


@cli.command(epilog="Exit status: 0 once interrupted; 2 bad usage, or it cannot serve there.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--min-seconds", type=click.FloatRange(min=0), default=2.0, show_default=True)
@click.option("--max-seconds", type=click.FloatRange(min=0), default=4.0, show_default=True)
@click.option("--failure-rate", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option(
    "--not-found-polls",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Answer 404 this often first.",
)
@click.option("--rps-limit", type=POSITIVE, default=None, help="Answer 429 past this rate.")
@click.option("--seed", type=int, default=None)
@click.option("--api-key", default=None, help="The only key accepted [default: any].")
@click.option(
    "--submit-reply-delay",
    type=click.FloatRange(min=0),
    default=0.0,
    help="Seconds between billing a submit and answering it.",
)
@click.option(
    "--logs-delay",
    type=click.FloatRange(min=0),
    default=0.0,
    help="Seconds before a request shows in the usage logs.",
)
def emulator(
    port: int,
    host: str,
    min_seconds: float,
    max_seconds: float,
    failure_rate: float,
    not_found_polls: int,
    rps_limit: float | None,
    seed: int | None,
    api_key: str | None,
    submit_reply_delay: float,
    logs_delay: float,
) -> None:
    """Serve the local emulator of the API until interrupted."""
    from aiovideo.testing._server import Emulator, EmulatorConfig  # noqa: PLC0415

    config = EmulatorConfig(
        min_seconds=min_seconds,
        max_seconds=max_seconds,
        failure_rate=failure_rate,
        not_found_polls=not_found_polls,
        rps_limit=rps_limit,
        seed=seed,
        api_key=api_key,
        submit_reply_delay=submit_reply_delay,
        logs_delay=logs_delay,
    )

    async def serve() -> int:
        emu = Emulator(config)
        try:
            url = await emu.start(host, port)
        except OSError as exc:  # the port is taken, the host unknown
            await emu.close()
            _error(f"cannot serve on {host}:{port}: {exc.strerror or exc}")
            return EXIT_USAGE
        click.echo(f"emulator serving on {url}", err=True)
        try:
            await asyncio.Event().wait()
        finally:
            await emu.close()
        return EXIT_OK

    code = EXIT_OK
    with contextlib.suppress(KeyboardInterrupt):  # the way to stop it: not an error
        code = asyncio.run(serve())
    sys.exit(code)


def main() -> None:
    """The console entry point."""
    cli()
