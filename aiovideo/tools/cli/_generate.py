"""`aiovideo generate`: one prompt, one video, into one file."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import click

from aiovideo.core import AiovideoError, Client, ValidationError, VideoRequest, check_model
from aiovideo.tools.batch import printable, slug
from aiovideo.tools.cli._common import (
    EMULATOR_MODEL,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_STATUS,
    EXIT_USAGE,
    POSITIVE,
    check_server,
    error,
    open_client,
    parse_sets,
    request_timeout,
    run,
    server_options,
)

__all__ = ["generate"]


@click.command(epilog=EXIT_STATUS)
@click.argument("prompt")
@click.option(
    "--model",
    "-m",
    default=None,
    help=f"Model id, e.g. google/veo3 (required; with --emulator, {EMULATOR_MODEL} by default).",
)
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
@click.option(
    "-o",
    "--output",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write [default: a name from the prompt in the current folder, never "
    "over an existing file: a-red-fox.mp4, else a-red-fox-2.mp4, ...].",
)
@server_options
@click.option("--poll-interval", type=POSITIVE, default=None, help="Seconds between checks.")
@click.option(
    "--timeout",
    type=POSITIVE,
    default=None,
    help="Seconds to wait for the video before giving up (the generation goes on: "
    "`aiovideo status ID` tells how it ends); no request waits longer either.",
)
@click.option("--rps", type=POSITIVE, default=None, help="Requests per second at most.")
@click.option(
    "--strict-models",
    is_flag=True,
    help="Refuse a model the model table does not know (by default it is sent as newer than "
    "the table, with a warning).",
)
def generate(
    prompt: str,
    model: str | None,
    sets: tuple[str, ...],
    extras: tuple[str, ...],
    output: Path | None,
    emulator: bool,
    base_url: str | None,
    poll_interval: float | None,
    timeout: float | None,
    rps: float | None,
    strict_models: bool,
) -> None:
    """Generate one video from PROMPT into OUTPUT (by default a file named after the prompt).

    Values of --set and --extra are read as JSON when they parse (8, true, ["a", "b"]),
    else as text.
    """
    check_server(emulator, base_url)
    if model is None:
        if not emulator:
            raise click.UsageError("Missing option '--model' / '-m'.")
        model = EMULATOR_MODEL
    request = _build(model, prompt, parse_sets(sets), parse_sets(extras, "--extra"))
    if strict_models:
        _known(model)
    named = output is None
    if output is None:
        output = _free_name(prompt)
        click.echo(f"saving to {output}", err=True)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)  # before anything is paid for
    except OSError as exc:
        raise click.BadParameter(f"cannot make its folder: {exc}", param_hint="-o") from None
    options: dict[str, Any] = {
        "timeout": timeout,
        "rate_limit": rps,
        "strict_models": strict_models,
    }
    if poll_interval is not None:
        options["poll_interval"] = poll_interval
    options |= request_timeout(timeout)
    sys.exit(run(_generate(request, output, emulator, base_url, options, named=named)))


def _free_name(prompt: str) -> Path:
    """A file in the current folder named after the prompt (its slug, as the batch's names),
    that does not exist yet: `a-red-fox.mp4`, else `a-red-fox-2.mp4`, `-3`, ..."""
    stem = slug(prompt)
    candidate, copy = Path(f"{stem}.mp4"), 1
    while candidate.exists() or candidate.is_symlink():
        copy += 1
        candidate = Path(f"{stem}-{copy}.mp4")
    return candidate


async def _generate(
    request: VideoRequest,
    output: Path,
    emulator: bool,
    base_url: str | None,
    options: dict[str, Any],
    *,
    named: bool = False,
) -> int:
    """Submit, wait, download; the exit status (a failed or unsaved video: 1).

    `named`: `output` was chosen from the prompt, so it is chosen again should a file have
    taken its name while the video was being made (one given with -o is the user's to replace).
    """
    async with open_client(emulator, base_url, **options) as client:
        try:
            job = await client.submit(request)
        except asyncio.CancelledError:  # Ctrl-C
            await _reply_of_the_interrupted(client)
            raise
        click.echo(f"submitted {printable(job.id)}", err=True)
        try:
            video = await job
        except AiovideoError as exc:
            error(str(exc))
            return EXIT_FAILED
        if named:  # a file may have taken the name while the video was made: a stat or two
            output = _free_name(request.prompt or "")
        try:
            path = await video.download(output)
        except (AiovideoError, OSError) as exc:
            error(
                f"generation {job.id} completed, but its video could not be saved to "
                f"{output}: {exc} (`aiovideo status {job.id}` shows its URL)"
            )
            return EXIT_FAILED
        click.echo(str(path))
        return EXIT_OK


async def _reply_of_the_interrupted(client: Client) -> None:
    """Ctrl-C with the POST on the wire (it may be billed): wait for its reply, so that the
    id of a generation it started is printed rather than lost with the interrupt."""
    if client.submits_on_the_wire:
        click.echo(
            "interrupted: waiting for the reply of the submit already sent (Ctrl-C again "
            "to stop waiting: it may be billed without its id being known)",
            err=True,
        )
    # Also when the reply has just come: drain waits until it has become its Job.
    await client.drain()
    for job in client.orphaned_jobs:
        click.echo(
            f"submitted {printable(job.id)} before the interrupt: it goes on "
            f"(`aiovideo status {printable(job.id)}` shows it)",
            err=True,
        )


def _build(model: str, prompt: str, fields: dict[str, Any], extra: dict[str, Any]) -> VideoRequest:
    """The request of `generate`: `--set` fields checked, `--extra` fields sent as given."""
    try:
        return VideoRequest(model, prompt, extra_fields=extra or None, **fields)
    except ValidationError as exc:
        # The library names its escape hatch; on the command line it is --extra.
        unknown = exc.allowed.startswith("unknown field")
        error(f"{exc}; on the command line: --extra {exc.field}=VALUE" if unknown else str(exc))
        sys.exit(EXIT_USAGE)


def _known(model: str) -> None:
    """Under `--strict-models`, a model the table does not know ends the command (status 2)."""
    try:
        check_model(model, strict=True)
    except ValidationError as exc:
        error(str(exc))
        sys.exit(EXIT_USAGE)
