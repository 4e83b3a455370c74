"""`aiovideo status`: one status check of a generation id, printed as JSON."""

from __future__ import annotations

import json
import math
import sys
from typing import Any

import anyio
import click

from aiovideo.core import NotFoundError
from aiovideo.tools.cli._common import (
    EXIT_OK,
    EXIT_STATUS,
    EXIT_USAGE,
    POSITIVE,
    check_server,
    error,
    open_client,
    run,
    server_options,
)

__all__ = ["status"]


@click.command(epilog=EXIT_STATUS)
@click.argument("generation_id")
@server_options
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
    check_server(emulator, base_url)
    sys.exit(run(_status(generation_id, emulator, base_url, timeout)))


async def _status(
    generation_id: str, emulator: bool, base_url: str | None, timeout: float | None
) -> int:
    """Check once (retries included, within `timeout`) and print; the exit status."""
    async with open_client(emulator, base_url) as client:
        try:
            with anyio.fail_after(timeout):  # retries included
                generation = await client.get(generation_id)
        except NotFoundError as exc:
            error(f"generation {generation_id} not found ({exc})")
            return EXIT_USAGE
        except TimeoutError:
            error(f"gave up after {timeout:g} s with no usable answer from {client.base_url}")
            return EXIT_USAGE
    click.echo(json.dumps(_finite(dict(generation.raw)), indent=2, allow_nan=False))
    return EXIT_OK


def _finite(value: Any) -> Any:
    """`value` with NaN and infinities as the strings JavaScript prints for them: JSON has no
    such numbers, and `json.dumps` would print `NaN`, which no JSON reader takes. (The reply's
    nesting is bounded by its parser, so recursion is too.)"""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value
