"""The `aiovideo` command line: a thin layer over the public API (and the journal)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import click

import aiovideo
from aiovideo._exceptions import AiovideoError, ConfigurationError, ValidationError

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parse_sets(pairs: tuple[str, ...]) -> dict[str, Any]:
    """`--set key=value` pairs; values are read as JSON when they parse, else as strings."""
    fields: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected key=value, got {pair!r}", param_hint="--set")
        try:
            fields[key] = json.loads(raw)
        except ValueError:
            fields[key] = raw
    return fields


@contextlib.asynccontextmanager
async def open_client(emulator: bool, **options: Any) -> AsyncIterator[aiovideo.Client]:
    """A client, against an in-process emulator when asked (no key needed then)."""
    if not emulator:
        async with aiovideo.Client(**options) as client:
            yield client
        return
    from aiovideo._emulator import Emulator, EmulatorConfig  # noqa: PLC0415

    async with Emulator(EmulatorConfig(min_seconds=1.0, max_seconds=3.0)) as emu:
        options.setdefault("poll_interval", 0.5)
        async with aiovideo.Client(api_key="emulator", base_url=emu.base_url, **options) as client:
            yield client


def _run(coro: Any) -> int:
    try:
        return int(asyncio.run(coro))
    except (ValidationError, ConfigurationError) as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(aiovideo.__version__)
def cli() -> None:
    """Generate videos with the AI/ML API (Veo and every other model)."""


@cli.command()
@click.argument("prompt")
@click.option("--model", "-m", required=True, help="Model id, e.g. google/veo3.")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="A request field.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--emulator", is_flag=True, help="Run against an in-process emulator.")
@click.option("--poll-interval", type=float, default=None, help="Seconds between checks.")
@click.option("--timeout", type=float, default=None, help="Give up after this many seconds.")
def generate(
    prompt: str,
    model: str,
    sets: tuple[str, ...],
    output: Path,
    emulator: bool,
    poll_interval: float | None,
    timeout: float | None,
) -> None:
    """Generate one video from PROMPT into OUTPUT."""
    fields = _parse_sets(sets)
    request = _build(model, prompt, fields)

    async def go() -> int:
        options: dict[str, Any] = {"timeout": timeout}
        if poll_interval is not None:
            options["poll_interval"] = poll_interval
        async with open_client(emulator, **options) as client:
            job = await client.submit(request)
            click.echo(f"submitted {job.id}", err=True)
            try:
                video = await job
            except AiovideoError as exc:
                click.echo(f"failed: {exc}", err=True)
                return EXIT_FAILED
            path = await video.download(output)
            click.echo(str(path))
            return EXIT_OK

    sys.exit(_run(go()))


def _build(model: str, prompt: str, fields: dict[str, Any]) -> aiovideo.VideoRequest:
    try:
        return aiovideo.VideoRequest(model, prompt, **fields)
    except ValidationError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@cli.command()
@click.argument("generation_id")
def status(generation_id: str) -> None:
    """One status check of GENERATION_ID, printed as JSON."""

    async def go() -> int:
        async with aiovideo.Client() as client:
            generation = await client.get(generation_id)
        click.echo(json.dumps(dict(generation.raw), indent=2))
        return EXIT_OK

    sys.exit(_run(go()))


@cli.command()
@click.option("--port", type=int, default=8765, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--min-seconds", type=float, default=2.0, show_default=True)
@click.option("--max-seconds", type=float, default=4.0, show_default=True)
@click.option("--failure-rate", type=float, default=0.0, show_default=True)
@click.option("--rps-limit", type=float, default=None, help="Answer 429 past this rate.")
@click.option("--seed", type=int, default=None)
def emulator(
    port: int,
    host: str,
    min_seconds: float,
    max_seconds: float,
    failure_rate: float,
    rps_limit: float | None,
    seed: int | None,
) -> None:
    """Serve the local emulator of the API until interrupted."""
    from aiovideo._emulator import Emulator, EmulatorConfig  # noqa: PLC0415

    config = EmulatorConfig(
        min_seconds=min_seconds,
        max_seconds=max_seconds,
        failure_rate=failure_rate,
        rps_limit=rps_limit,
        seed=seed,
    )

    async def serve() -> int:
        emu = Emulator(config)
        url = await emu.start(host, port)
        click.echo(f"emulator serving on {url}", err=True)
        try:
            await asyncio.Event().wait()
        finally:
            await emu.close()
        return EXIT_OK

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())


def main() -> None:
    """The console entry point."""
    cli()
