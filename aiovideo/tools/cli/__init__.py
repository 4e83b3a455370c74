"""The `aiovideo` command line: a thin layer over the public API, the journal and the batch."""

from aiovideo.tools.cli._main import cli, main

__all__ = ["cli", "main"]
