"""What a batch writes beside its videos: `results.jsonl` and `index.html`, each atomically;
the check, before anything is paid for, that its folder can be written at all; and the folder's
claim, so that runs on one folder share one journal (`claim_folder`)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from aiovideo.core import ConfigurationError
from aiovideo.tools.batch._gallery import GALLERY_NAME, render
from aiovideo.tools.batch._outcome import Outcome

__all__ = [
    "FOLDER_LOCK_NAME",
    "MANIFEST_NAME",
    "check_writable",
    "claim_folder",
    "write_gallery",
    "write_manifest",
]

MANIFEST_NAME = "results.jsonl"
# Held (flock, shared) by every run writing into the folder; it names their journal.
FOLDER_LOCK_NAME = ".aiovideo-out.lock"


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
    target.parent.mkdir(parents=True, exist_ok=True)  # the folder deleted mid-run: made again
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


@contextlib.contextmanager
def claim_folder(out: Path, journal: str) -> Iterator[None]:
    """Hold `out` for a run on `journal`: runs on the same journal share it (their journal's
    claims keep them from submitting or downloading a line twice); a run on another journal is
    refused, since nothing would keep the two from writing one file name each, or one manifest.

    The claim is a shared `flock` on `out/.aiovideo-out.lock`, which names the journal of the
    runs holding it; it ends with the process, however that ends.

    Args:
        out: the output folder (it exists: see `check_writable`).
        journal: the run's journal, as the runs name it (an absolute path, or a store's name).

    Raises:
        ConfigurationError: a run on another journal holds the folder, or the lock file cannot
            be opened (nothing was submitted).
    """
    path = out / FOLDER_LOCK_NAME
    try:
        fd = os.open(
            path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC, 0o644
        )
    except OSError as exc:
        raise ConfigurationError(
            f"cannot claim the output folder {out} ({path}: {exc}); nothing was submitted"
        ) from exc
    try:
        holder = _share(fd, journal)
        if holder != journal:
            raise ConfigurationError(
                f"the output folder {out} is in use by a run on another journal ({holder}): "
                "two journals on one folder would write over each other's files. Give the "
                f"same --journal, or another --out; nothing was submitted"
            )
        yield
    finally:
        os.close(fd)


def _share(fd: int, journal: str) -> str:
    """Take the folder's lock shared; the journal its holders run on (this one's if none)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pass  # runs hold it: they say which journal
    else:  # nobody runs here: the folder is this journal's now
        os.ftruncate(fd, 0)
        os.pwrite(fd, journal.encode(), 0)
    # flock converts a lock in two steps: another run may come in between, and write its own
    # journal: read what the holders' journal is once this run holds its share.
    fcntl.flock(fd, fcntl.LOCK_SH)
    return os.pread(fd, 64 * 1024, 0).decode(errors="replace")
