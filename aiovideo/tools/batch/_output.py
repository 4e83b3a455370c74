"""What a batch writes beside its videos: `results.jsonl` and `index.html`, each atomically,
and the check, before anything is paid for, that its folder can be written at all."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path

from aiovideo.core import ConfigurationError
from aiovideo.tools.batch._gallery import GALLERY_NAME, render
from aiovideo.tools.batch._outcome import Outcome

__all__ = ["MANIFEST_NAME", "check_writable", "write_gallery", "write_manifest"]

MANIFEST_NAME = "results.jsonl"


def write_manifest(out: Path, outcomes: list[Outcome]) -> Path:
    """Write `results.jsonl` atomically: one record per input line, in line order.

    Paths are relative to `out`, the manifest's own folder: they read the same whatever the
    working directory of the run and however `--out` was spelled (the journal keeps absolute
    ones), and they still hold when the folder is moved, copied or served.

    Returns:
        The manifest's path.
    """
    records = (outcome.record(out) for outcome in sorted(outcomes, key=lambda o: o.line))
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    return _write_atomically(out / MANIFEST_NAME, text)


def write_gallery(out: Path, outcomes: list[Outcome]) -> Path:
    """Write `index.html` atomically: the batch's page, beside its videos (see `_gallery`).

    Returns:
        The page's path.
    """
    return _write_atomically(out / GALLERY_NAME, render(outcomes, out))


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _create_new(folder: Path, prefix: str, suffix: str) -> tuple[Path, int]:
    """A new file of a name nobody can predict, created exclusively: a symlink or file planted
    at a guessable name (a pid) is never opened, so it cannot redirect the write elsewhere.

    Returns:
        Its path and an open descriptor, for writing.
    """
    while True:
        path = folder / f"{prefix}{os.getpid()}.{secrets.token_hex(6)}{suffix}"
        try:
            return path, os.open(path, _NEW_FILE | getattr(os, "O_CLOEXEC", 0), 0o644)
        except FileExistsError:
            continue  # 48 random bits taken already: planted, or very unlucky; another


def _write_atomically(target: Path, text: str) -> Path:
    """Write `text` to a temporary file beside `target`, then rename it into place: a reader
    sees the old file or the new one, never half of one. A write that fails (a full disk)
    leaves no temporary file behind."""
    partial, fd = _create_new(target.parent, f".{target.name}.", ".part")  # two runs may write
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return target


def check_writable(out: Path) -> None:
    """Make `out` and prove a file can be written there, before anything is paid for.

    Raises:
        ConfigurationError: it cannot be made or written to.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe, fd = _create_new(out, ".aiovideo-probe-", "")
        try:
            os.write(fd, b"ok")
        finally:
            os.close(fd)
            probe.unlink()
    except OSError as exc:
        raise ConfigurationError(
            f"cannot write to the output folder {out}: {exc}; nothing was submitted"
        ) from exc
