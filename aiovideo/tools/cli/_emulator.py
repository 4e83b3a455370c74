"""`aiovideo emulator`: serve the local emulator of the API until interrupted."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from typing import Any

import click

from aiovideo.tools.cli._common import EXIT_OK, EXIT_USAGE, POSITIVE, error, in_process_emulator

__all__ = ["emulator"]

# The key the exports suggest when the emulator takes any key: a made-up one, which the CLI
# and `Client()` still need, as they refuse to start without a key.
MADE_UP_KEY = "emulator-any-key"


@click.command(epilog="Exit status: 0 once interrupted; 2 bad usage, or it cannot serve there.")
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
    """Serve the local emulator of the API until interrupted.

    At start it prints the two variables that point the CLI or a `Client()` at it
    (AIMLAPI_BASE_URL and AIMLAPI_API_KEY: the CLI needs a key, a made-up one will do).
    """
    config: dict[str, Any] = {
        "min_seconds": min_seconds,
        "max_seconds": max_seconds,
        "failure_rate": failure_rate,
        "not_found_polls": not_found_polls,
        "rps_limit": rps_limit,
        "seed": seed,
        "api_key": api_key,
        "submit_reply_delay": submit_reply_delay,
        "logs_delay": logs_delay,
    }
    code = EXIT_OK
    with contextlib.suppress(KeyboardInterrupt):  # the way to stop it: not an error
        code = asyncio.run(_serve(config, host, port))
    sys.exit(code)


def _exports(url: str, *, any_key: bool) -> list[str]:
    """The lines that tell how to point the CLI or a `Client()` at the emulator at `url`.

    The key given with `--api-key` is not repeated: it is named, as a key never is printed.
    """
    key = MADE_UP_KEY if any_key else "<the key given with --api-key>"
    said = "it accepts any key" if any_key else "it accepts only the key given with --api-key"
    return [
        f"point the CLI or Client() at it ({said}):",
        f"  export AIMLAPI_BASE_URL={url}",
        f"  export AIMLAPI_API_KEY={key}",
    ]


async def _serve(config: dict[str, Any], host: str, port: int) -> int:
    """Serve until cancelled; the exit status (2: it cannot serve there)."""
    emu = in_process_emulator(**config)
    try:
        url = await emu.start(host, port)
    except OSError as exc:  # the port is taken, the host unknown
        await emu.close()
        error(f"cannot serve on {host}:{port}: {exc.strerror or exc}")
        return EXIT_USAGE
    click.echo(f"emulator serving on {url}", err=True)
    for line in _exports(url, any_key=config["api_key"] is None):
        click.echo(line, err=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emu.close()
    return EXIT_OK
