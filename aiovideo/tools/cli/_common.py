"""What every `aiovideo` command shares: exit statuses, the one-line error, the server options,
the client (or in-process emulator) a command talks to, and running a command's coroutine.

Every error is one `error: ...` line on stderr, never a traceback, and an exit status:
0 all succeeded, 1 some generations failed, 2 bad usage or invalid input, 130 interrupted.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

import click

from aiovideo.core import (
    KEY_VARIABLES,
    AiovideoError,
    APIStatusError,
    AuthenticationError,
    Client,
    PermissionDeniedError,
    ResponseFormatError,
    TransportError,
    mask_key,
)
from aiovideo.tools.batch import printable

if TYPE_CHECKING:
    from aiovideo.testing import Emulator

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_STATUS",
    "EXIT_USAGE",
    "POSITIVE",
    "check_server",
    "error",
    "in_process_emulator",
    "open_client",
    "parse_sets",
    "report_error",
    "request_timeout",
    "run",
    "server_options",
]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_STATUS = (
    "Exit status: 0 all succeeded; 1 some generations failed (a failure status, a timeout, a "
    "video that could not be saved); 2 bad usage or invalid input (a bad option or request, "
    "no API key, a bad base URL, an unknown generation id, a key the API refuses, a server "
    "that cannot be reached or whose reply cannot be read); 130 interrupted. Every error is "
    "one line on stderr, starting with 'error:'."
)
POSITIVE = click.FloatRange(min=0, min_open=True)
# The model of `generate` and `batch` under --emulator when none is given (a demo needs none).
EMULATOR_MODEL = "google/veo3"

Command = TypeVar("Command", bound=Callable[..., Any])


def error(message: str) -> None:
    """Say `error: message` on one line of stderr.

    The library never puts the key in a message; the key of the environment is masked here
    all the same, for a message from outside it (an unexpected error).
    """
    line = printable(message)
    for name in KEY_VARIABLES:
        line = mask_key(line, os.environ.get(name, ""))
    click.echo(f"error: {line}", err=True)


def _explain(exc: BaseException) -> tuple[str, int]:
    """What a command that failed says, and its exit status."""
    match exc:
        case AuthenticationError():
            return f"the API refused the key ({exc}); check AIMLAPI_API_KEY", EXIT_USAGE
        case PermissionDeniedError():
            return f"the API refused the request ({exc}); out of credits?", EXIT_USAGE
        case APIStatusError():
            return f"the API answered {exc}", EXIT_USAGE
        case TransportError(request_sent=True):
            return f"{exc} (the server may have received the request)", EXIT_USAGE
        case ResponseFormatError():
            return f"the API's reply cannot be read: {exc}", EXIT_USAGE
        case AiovideoError() | OSError():  # OSError: the disk, or a port in use
            return str(exc), EXIT_USAGE
        case _:
            return f"unexpected {type(exc).__name__}: {exc} (a bug in aiovideo)", EXIT_FAILED


def report_error(exc: BaseException) -> int:
    """Say what stopped a command, on one line.

    Returns:
        The command's exit status.
    """
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]  # a task group's wrapping
    message, code = _explain(exc)
    error(message)
    return code


def parse_sets(pairs: tuple[str, ...], option: str = "--set") -> dict[str, Any]:
    """`key=value` pairs; values are read as JSON when they parse, else as strings.

    Raises:
        click.BadParameter: a pair without `=` or without a key.
    """
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


def server_options(command: Command) -> Command:
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


def check_server(emulator: bool, base_url: str | None) -> None:
    """Raises click.UsageError: both `--emulator` and `--base-url` were given."""
    if emulator and base_url is not None:
        raise click.UsageError("--emulator and --base-url exclude each other")


def request_timeout(timeout: float | None) -> dict[str, Any]:
    """No request waits longer than the command's `--timeout` (the Client's default: 60 s)."""
    return {} if timeout is None else {"request_timeout": min(timeout, 60.0)}


@contextlib.asynccontextmanager
async def open_client(
    emulator: bool, base_url: str | None = None, **options: Any
) -> AsyncIterator[Client]:
    """A client of `base_url`, or of an in-process emulator when asked (no key needed then).

    The emulator answers a status check of an id of its own form (`uuid:model`) that it
    never issued as if it had just been submitted (so that a re-run can show a resume, and
    `aiovideo status ID --emulator` has something to show); any other unknown id is 404.
    """
    if not emulator:
        async with Client(base_url=base_url, **options) as client:
            yield client
        return
    async with in_process_emulator(min_seconds=1.0, max_seconds=3.0, adopt_unknown_ids=True) as emu:
        options.setdefault("poll_interval", 0.5)
        async with Client(api_key="emulator", base_url=emu.base_url, **options) as client:
            yield client


def in_process_emulator(**config: Any) -> Emulator:
    """The testing kit's emulator server, configured by these `EmulatorConfig` fields.

    The one place the CLI reaches into the testing kit, and only when asked (it needs PyAV).
    An `EmulatorConfig` without `api_key` accepts any key: `aiovideo emulator` does by default,
    and `--emulator` clients send their own.
    """
    from aiovideo.testing import Emulator, EmulatorConfig  # noqa: PLC0415

    return Emulator(EmulatorConfig(**config))


def run(coro: Coroutine[Any, Any, int]) -> int:
    """Run a command's coroutine.

    Returns:
        Its exit status (an error it raises is said by the command group's `main`).
    """
    try:
        return asyncio.run(coro)
    except (KeyboardInterrupt, asyncio.CancelledError):  # Ctrl-C, or SIGTERM (see batch)
        click.echo("interrupted", err=True)
        return EXIT_INTERRUPTED
