"""The `aiovideo` command group: the commands of their own modules, under one error policy.

Every error is one `error: ...` line on stderr, never a traceback, and an exit status:
0 all succeeded, 1 some generations failed, 2 bad usage or invalid input, 130 interrupted.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Sequence
from typing import Any

import click

from aiovideo.tools.batch import printable
from aiovideo.tools.cli._batch import batch
from aiovideo.tools.cli._common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_STATUS,
    EXIT_USAGE,
    error,
    report_error,
)
from aiovideo.tools.cli._emulator import emulator
from aiovideo.tools.cli._generate import generate
from aiovideo.tools.cli._models import models_command
from aiovideo.tools.cli._status import status

__all__ = ["cli", "main"]


class _Says(logging.Formatter):
    """`warning: ...`: a log record as the command's other messages read, escaped as they are
    (a record may quote a server's text: an id, an error, with ESC sequences or U+202E)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(f"{record.levelname.lower()}: {record.getMessage()}")


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
            error(exc.format_message() + where)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            error(exc.format_message())
            sys.exit(EXIT_USAGE)
        except click.Abort:  # Ctrl-C outside a command's own handling
            click.echo("interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:  # whatever stopped a command: one line, never a traceback
            sys.exit(report_error(exc))
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


for _command in (generate, batch, status, models_command, emulator):
    cli.add_command(_command)


def main() -> None:
    """The console entry point."""
    cli()
